#!/usr/bin/env python3
"""Bounded fuzz harnesses for infralab, run beside `swift test` (not part of it).

    python3 Tests/Fuzz/fuzz.py topology --seed 1 --count 2000
    python3 Tests/Fuzz/fuzz.py missions --seed 2 --count 300
    python3 Tests/Fuzz/fuzz.py cli      --seed 3 --count 2000
    python3 Tests/Fuzz/fuzz.py kill     --seed 4 --count 200
    python3 Tests/Fuzz/fuzz.py all      (the figures in Tests/Fuzz/README.md)

Uses the built binary (`--binary`, default .build/release/infralab, else .build/debug).
Every run is reproducible from its seed. A finding is: a crash (killed by a signal,
exit >= 128), an exit status Docs/cli.md does not list, a run over `--limit` seconds, an
`error:` without a `file:line:column`, a control character on stdout/stderr, or (kill)
a workspace that does not load or a learner's file that is lost. Findings are written
under /tmp/infralab-fuzz/<mode>-<seed>/ and summarised on stdout.
"""
import argparse, os, random, re, shutil, signal, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LABS = os.path.join(ROOT, "Labs")
ALLOWED = {0, 1, 64, 66}
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x80-\x9f]")
ENV = {"PATH": os.environ.get("PATH", ""), "INFRALAB_LANG": "en", "TERM": "dumb", "COLUMNS": "80", "HOME": "/tmp"}


def binary(args):
    for candidate in [args.binary, os.path.join(ROOT, ".build/release/infralab"), os.path.join(ROOT, ".build/debug/infralab")]:
        if candidate and os.path.exists(candidate):
            return os.path.abspath(candidate)
    sys.exit("build infralab first (swift build)")


class Stats:
    def __init__(self, mode, seed):
        self.mode, self.seed, self.runs, self.findings, self.max_time, self.max_input = mode, seed, 0, [], 0.0, ""
        self.out = f"/tmp/infralab-fuzz/{mode}-{seed}"
        shutil.rmtree(self.out, ignore_errors=True)
        os.makedirs(self.out)

    def finding(self, kind, detail, data=None):
        n = len(self.findings)
        self.findings.append((kind, detail))
        if data is not None:
            with open(os.path.join(self.out, f"{n:04d}-{kind}.bin"), "wb") as f:
                f.write(data if isinstance(data, bytes) else data.encode("utf-8", "surrogateescape"))

    def report(self):
        kinds = {}
        for kind, _ in self.findings:
            kinds[kind] = kinds.get(kind, 0) + 1
        print(f"{self.mode}: seed {self.seed}, {self.runs} runs, {len(self.findings)} findings {kinds or ''}, max {self.max_time:.2f} s ({self.max_input})")
        for kind, detail in self.findings[:10]:
            print(f"  {kind}: {detail}")
        return len(self.findings)


def run(stats, exe, argv, cwd, stdin=None, limit=2.0, label=""):
    start = time.monotonic()
    try:
        p = subprocess.run([exe] + argv, cwd=cwd, input=stdin, capture_output=True, timeout=limit * 5, env=ENV)
    except subprocess.TimeoutExpired:
        stats.runs += 1
        stats.finding("hang", f"{label} {argv}")
        return None
    elapsed = time.monotonic() - start
    stats.runs += 1
    if elapsed > stats.max_time:
        stats.max_time, stats.max_input = elapsed, label
    if elapsed > limit:
        stats.finding("slow", f"{elapsed:.2f} s {label} {argv}")
    if p.returncode < 0 or p.returncode >= 128:
        stats.finding("crash", f"status {p.returncode} {label} {argv}: {p.stderr[-300:]!r}")
    elif p.returncode not in ALLOWED:
        stats.finding("status", f"status {p.returncode} {label} {argv}")
    text = p.stdout.decode("utf-8", "replace") + p.stderr.decode("utf-8", "replace")
    if CONTROL.search(text):
        stats.finding("control", f"{label} {argv}: {CONTROL.search(text).group()!r}")
    return p


# --- topology ---------------------------------------------------------------------------

def seeds_topology():
    files = []
    for base in [os.path.join(ROOT, "Solutions"), os.path.join(ROOT, "Tests/Fixtures"), LABS]:
        for dirpath, _, names in os.walk(base):
            files += [os.path.join(dirpath, n) for n in names if n.endswith(".yaml") and n != "mission.yaml"]
    return sorted(files)


TOKENS = ["\n", " ", "  ", ":", "- ", "[", "]", "{", "}", ",", "'", '"', "#", "|", ">", "&a", "*a", "!!str", "~", "null",
          "0.0.0.0/0", "10.0.0.0/33", "999.1.1.1", "65536", "-1", "internet", "tcp", "\t", "\x1b[2J", "\u0085", "한국어", "\ufeff",
          "vpcs:", "subnets:", "instances:", "security-groups:", "route-tables:", "nat-gateways:", "load-balancers:", "sites:", "hosts:"]


def mutate(rng, text):
    lines = text.split("\n")
    for _ in range(rng.randint(1, 6)):
        op = rng.random()
        i = rng.randrange(len(lines)) if lines else 0
        if op < 0.2 and lines:
            del lines[i]
        elif op < 0.4 and lines:
            lines.insert(rng.randrange(len(lines) + 1), lines[i])
        elif op < 0.6 and lines:
            line = lines[i]
            j = rng.randrange(len(line) + 1)
            lines[i] = line[:j] + rng.choice(TOKENS) + line[j:]
        elif op < 0.7 and lines:
            line = lines[i]
            if line:
                j = rng.randrange(len(line))
                lines[i] = line[:j] + line[j + 1:]
        elif op < 0.8 and lines:
            lines[i] = " " * rng.randint(0, 8) + lines[i].lstrip()
        elif op < 0.9 and len(lines) > 1:
            j = rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        else:
            lines.insert(i, rng.choice(TOKENS) * rng.randint(1, 200))
    return "\n".join(lines)


def located(stats, p, label):
    for line in p.stdout.decode("utf-8", "replace").split("\n"):
        if line.startswith("error:"):
            continue
    out = p.stdout.decode("utf-8", "replace")
    errors = out.count("\nerror:") + out.startswith("error:")
    places = len(re.findall(r"--> [^\n]*:\d+:\d+", out))
    if errors > places:
        stats.finding("unlocated", f"{label}: {errors} errors, {places} places")


def fuzz_topology(args, exe):
    rng, stats = random.Random(args.seed), Stats("topology", args.seed)
    seeds = seeds_topology()
    work = tempfile.mkdtemp(prefix="infralab-fuzz-")
    for n in range(args.count):
        source = rng.choice(seeds)
        text = mutate(rng, open(source, encoding="utf-8").read())
        if rng.random() < 0.05:
            text = text * rng.randint(2, 40)  # larger inputs, still < 100 KB mostly
        data = text.encode("utf-8", "surrogateescape")
        if rng.random() < 0.03:
            data = data + bytes([0xFF, 0xC0, 0x80])
        path = os.path.join(work, "t.yaml")
        open(path, "wb").write(data)
        label = f"#{n} from {os.path.relpath(source, ROOT)} ({len(data)} B)"
        before = len(stats.findings)
        p = run(stats, exe, ["validate", "t.yaml"], work, label=label, limit=args.limit)
        if p is not None and p.returncode == 1:
            located(stats, p, label)
        if rng.random() < 0.3:
            run(stats, exe, ["grade", "t.yaml", "--step", rng.choice(["1.1", "2.3", "2.4", "3.2", "4.2", "5.1", "6.3"]), "--labs", LABS],
                work, label=label, limit=args.limit)
        if rng.random() < 0.2:
            run(stats, exe, ["probe", "t.yaml", "--from", "internet", "--to", rng.choice(["web", "was", "my-pc", "bastion", "db"]), "--port", "80"],
                work, label=label, limit=args.limit)
        if len(stats.findings) > before:
            open(os.path.join(stats.out, f"input-{n}.yaml"), "wb").write(data)
    shutil.rmtree(work, ignore_errors=True)
    return stats.report()


# --- missions ---------------------------------------------------------------------------

def fuzz_missions(args, exe):
    rng, stats = random.Random(args.seed), Stats("missions", args.seed)
    # Mission folders only (`Labs/` also holds data such as `pricing/`).
    missions = sorted(os.path.join(LABS, d, "mission.yaml") for d in os.listdir(LABS) if os.path.isfile(os.path.join(LABS, d, "mission.yaml")))
    hostile = ["steps: []", "starter: ../../../../../../etc/passwd", "solution: /etc/hostname", "solutions: /",
               "title: \"\\e]52;c;cm0gLXJmIH4=\\a\"", "requirements: []", "carry: all", "carry: [nope]", "under: [ { fire: each-site } ]"]
    for n in range(args.count):
        work = tempfile.mkdtemp(prefix="infralab-fuzz-pack-")
        source = rng.choice(missions)
        folder = os.path.basename(os.path.dirname(source))
        shutil.copytree(os.path.dirname(source), os.path.join(work, "Labs", folder))
        if os.path.isdir(os.path.join(ROOT, "Solutions", folder)):
            shutil.copytree(os.path.join(ROOT, "Solutions", folder), os.path.join(work, "Solutions", folder))
        text = open(source, encoding="utf-8").read()
        if rng.random() < 0.4:
            lines = text.split("\n")
            i = rng.randrange(len(lines))
            indent = len(lines[i]) - len(lines[i].lstrip())
            lines.insert(i, " " * indent + rng.choice(hostile))
            text = "\n".join(lines)
        else:
            text = mutate(rng, text)
        open(os.path.join(work, "Labs", folder, "mission.yaml"), "w", encoding="utf-8", errors="surrogateescape").write(text)
        label = f"#{n} {folder}"
        run(stats, exe, ["lab", "check", "Labs", "--no-mutants"], work, label=label, limit=args.limit * 5)
        learner = os.path.join(work, "learner")
        os.makedirs(learner)
        for argv in (["next"], ["next"], ["status"], ["story"], ["hint"], ["solution", "--yes"], ["goto", "1.2"], ["reset"]):
            run(stats, exe, argv + ["--labs", os.path.join(work, "Labs")], learner, label=label, limit=args.limit)
        for dirpath, _, names in os.walk(learner):
            for name in names:
                data = open(os.path.join(dirpath, name), "rb").read()
                if b"root:x:0:0" in data:
                    stats.finding("escape", f"{label}: /etc/passwd copied into {name}")
        shutil.rmtree(work, ignore_errors=True)
    return stats.report()


# --- cli --------------------------------------------------------------------------------

WORDS = ["validate", "probe", "show", "check", "next", "init", "story", "hint", "watch", "status", "list", "ls", "reset", "solution",
         "goto", "lab", "check", "new", "grade", "help", "--json", "--help", "-h", "-V", "--color", "always", "--lang", "ko", "--from",
         "internet", "internt", "--to", "web", "--port", "80", "0", "65536", "abc", "--count", "1", "99999999999999999999", "--interval",
         "1e-9", "0.1", "--poll", "--progress", "--yes", "--apply", "--step", "1.1", "9.9", "--format", "junit", "gradescope", "--incident",
         "fire:dc", "flood:x", "--through", "--protocol", "icmp", "--address", "public", "--client-ports", "1-0", "--labs", "Labs", "--",
         "-", "topology.yaml", "missing.yaml", "3", "bastion/elastic-ip", "\x1b[2J", "--=", "---", "=", "--no-mutants"]


def fuzz_cli(args, exe):
    rng, stats = random.Random(args.seed), Stats("cli", args.seed)
    work = tempfile.mkdtemp(prefix="infralab-fuzz-cli-")
    shutil.copytree(LABS, os.path.join(work, "Labs"))
    subprocess.run([exe, "init", "--labs", os.path.join(work, "Labs")], cwd=work, capture_output=True, env=ENV)
    for n in range(args.count):
        argv = [rng.choice(WORDS) for _ in range(rng.randint(0, 7))]
        if "watch" in argv and "--count" not in argv:
            argv += ["--count", "1"]
        run(stats, exe, argv, work, stdin=b"sites: {}\n", label=f"#{n}", limit=args.limit)
        if not os.path.exists(os.path.join(work, ".infralab", "progress.yaml")):
            subprocess.run([exe, "init", "--labs", os.path.join(work, "Labs")], cwd=work, capture_output=True, env=ENV)
    shutil.rmtree(work, ignore_errors=True)
    return stats.report()


# --- kill at every point ----------------------------------------------------------------

def fuzz_kill(args, exe):
    """Runs a command that writes, kills it after a delay swept from 0 upwards, then checks
    that the workspace loads and the learner's last file is recoverable."""
    rng, stats = random.Random(args.seed), Stats("kill", args.seed)
    solution = open(os.path.join(ROOT, "Solutions/01-home-server/expose.yaml"), encoding="utf-8").read()
    commands = [["next"], ["reset"], ["goto", "2"], ["goto", "3.2"], ["solution", "--yes", "--apply"], ["watch", "--count", "1"]]
    durations = {}
    for command in commands:  # how long each takes here, to sweep the kill over all of it
        work = tempfile.mkdtemp(prefix="infralab-fuzz-kill-")
        subprocess.run([exe, "init", "--labs", LABS], cwd=work, capture_output=True, env=ENV)
        open(os.path.join(work, "topology.yaml"), "w").write(solution)
        start = time.monotonic()
        subprocess.run([exe] + command + ["--labs", LABS], cwd=work, capture_output=True, env=ENV)
        durations[tuple(command)] = time.monotonic() - start
        shutil.rmtree(work, ignore_errors=True)
    for n in range(args.count):
        work = tempfile.mkdtemp(prefix="infralab-fuzz-kill-")
        subprocess.run([exe, "init", "--labs", LABS], cwd=work, capture_output=True, env=ENV)
        mine = f"# the learner's file {n}\n" + (solution if rng.random() < 0.5 else "")
        open(os.path.join(work, "topology.yaml"), "w").write(mine)
        command = rng.choice(commands)
        argv = command + ["--labs", LABS]
        delay = ((n * 0.618034) % 1.0) * durations[tuple(command)] * 1.1 + rng.random() * 0.001
        p = subprocess.Popen([exe] + argv, cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
        time.sleep(delay)
        p.send_signal(signal.SIGKILL)
        p.wait()
        stats.runs += 1
        # The next run must understand the workspace and finish or undo what was cut short.
        status = subprocess.run([exe, "status", "--labs", LABS], cwd=work, capture_output=True, env=ENV)
        if status.returncode != 0:
            stats.finding("unloadable", f"#{n} {argv} killed after {delay * 1000:.1f} ms: {status.stderr[-300:]!r}")
        kept = [open(os.path.join(work, "topology.yaml"), encoding="utf-8", errors="replace").read()] if os.path.isfile(os.path.join(work, "topology.yaml")) else []
        backups = os.path.join(work, ".infralab", "backups")
        for name in os.listdir(backups) if os.path.isdir(backups) else []:
            kept.append(open(os.path.join(backups, name), encoding="utf-8", errors="replace").read())
        if mine not in kept:
            stats.finding("lost", f"#{n} {argv} killed after {delay * 1000:.1f} ms: the learner's file is nowhere")
        for dirpath, _, names in os.walk(work):
            if any(name.startswith(".infralab-tmp-") for name in names):
                stats.finding("stray", f"#{n} {argv}: a temporary file survived the next run in {dirpath}")
        shutil.rmtree(work, ignore_errors=True)
    return stats.report()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=["topology", "missions", "cli", "kill", "all"])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--count", type=int, default=None)
    parser.add_argument("--limit", type=float, default=2.0, help="seconds a run may take (inputs under 100 KB)")
    parser.add_argument("--binary")
    args = parser.parse_args()
    exe = binary(args)
    modes = {"topology": (fuzz_topology, 2000), "missions": (fuzz_missions, 200), "cli": (fuzz_cli, 2000), "kill": (fuzz_kill, 300)}
    selected = list(modes) if args.mode == "all" else [args.mode]
    findings = 0
    for mode in selected:
        function, default = modes[mode]
        count = args.count
        args.count = count or default
        findings += function(args, exe)
        args.count = count
    sys.exit(1 if findings else 0)


if __name__ == "__main__":
    main()
