#!/usr/bin/env python3
"""Reproducers for every bullet of issue 12, run against a built infralab.

    swift build -c release --product infralab
    python3 Tests/Robustness/issue12.py            # every check
    python3 Tests/Robustness/issue12.py wrap junit # only these

Uses --binary, else .build/release/infralab, else .build/debug/infralab. Each check
prints PASS or FAIL with what it saw; the exit status is the number of failures. Not part
of `swift test` (it launches the binary a few hundred times and makes 50 MB inputs).
"""
import json, os, re, resource, shutil, signal, subprocess, sys, tempfile, time
import xml.dom.minidom

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LABS = os.path.join(ROOT, "Labs")
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x80-\x9f]")
LOCATED = re.compile(r"[^\s:]+:\d+:\d+")
EXE = None
RESULTS = []


def env(**extra):
    e = {"PATH": os.environ.get("PATH", ""), "INFRALAB_LANG": "en", "TERM": "dumb", "COLUMNS": "80",
         "HOME": "/tmp", "INFRALAB_LABS": LABS, "NO_COLOR": "1"}
    e.update(extra)
    return e


def run(argv, cwd, timeout=20, stdin=None, **extra):
    """(status, seconds, stdout, stderr). The seconds are the child's CPU time (user +
    system): the machine is shared, and wall time measures the neighbours. None status:
    still running after `timeout` wall seconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    try:
        p = subprocess.run([EXE] + argv, cwd=cwd, capture_output=True, timeout=timeout, env=env(**extra), input=stdin)
    except subprocess.TimeoutExpired:
        return None, timeout, "", ""
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return p.returncode, cpu, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def check(name, ok, detail):
    RESULTS.append((name, ok))
    print(f"{'PASS' if ok else 'FAIL'} {name}: {detail}")


def workspace(step=None, labs=LABS):
    d = tempfile.mkdtemp(prefix="infralab-i12-")
    run(["init"], d, INFRALAB_LABS=labs)
    if step:
        run(["goto", step], d, INFRALAB_LABS=labs)
    return d


def copy_pack(mission="01-home-server"):
    d = tempfile.mkdtemp(prefix="infralab-i12-pack-")
    shutil.copytree(os.path.join(LABS, mission), os.path.join(d, "Labs", mission))
    if os.path.isdir(os.path.join(ROOT, "Solutions", mission)):
        shutil.copytree(os.path.join(ROOT, "Solutions", mission), os.path.join(d, "Solutions", mission))
    return os.path.join(d, "Labs")


def edit_mission(labs, mission, old, new, count=1):
    path = os.path.join(labs, mission, "mission.yaml")
    text = open(path, encoding="utf-8").read()
    assert old in text, old
    open(path, "w", encoding="utf-8").write(text.replace(old, new, count))


# --- Data and safety ----------------------------------------------------------------------

def t_unreadable():
    """Mode 000, owned by root after a `sudo` edit; run as `nobody` when this script runs as
    root (root reads mode 000), and a folder in place of the file as well."""
    as_nobody = os.geteuid() == 0 and shutil.which("setpriv") is not None
    for argv in (["reset"], ["goto", "home-server/night"], ["solution", "--apply", "--yes"]):
        for kind in (["mode000"] if as_nobody or os.geteuid() != 0 else []) + ["folder"]:
            d = workspace()
            path = os.path.join(d, "topology.yaml")
            os.remove(path)
            if kind == "folder":
                os.mkdir(path)
                open(os.path.join(path, "mine"), "w").write("mine")
                code, _, out, err = run(argv, d)
                kept = os.path.exists(os.path.join(path, "mine"))
            else:
                open(path, "w").write("# mine\n")
                os.chmod(path, 0)
                if os.geteuid() == 0:
                    for dirpath, dirs, files in os.walk(d):
                        for n in dirs + files:
                            if os.path.join(dirpath, n) != path:
                                os.chown(os.path.join(dirpath, n), 65534, 65534)
                    os.chown(d, 65534, 65534)
                    os.chmod(d, 0o777)
                    argv_run = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", EXE] + argv
                    p = subprocess.run(argv_run, cwd=d, capture_output=True, env=env(), timeout=20)
                    code = p.returncode
                else:
                    code, _, out, err = run(argv, d)
                os.chmod(path, 0o644)
                kept = open(path).read() == "# mine\n"
            check(f"unreadable topology.yaml ({kind}), {' '.join(argv)}", code == 66 and kept, f"exit {code}, learner's file kept: {kept}")


def t_next_backup():
    d = tempfile.mkdtemp(prefix="infralab-i12-")
    open(os.path.join(d, "topology.yaml"), "w").write("# mine\n")
    code, _, out, err = run(["next"], d)
    backups = os.listdir(os.path.join(d, ".infralab", "backups")) if os.path.isdir(os.path.join(d, ".infralab", "backups")) else []
    named = any(b in out.replace("\n", "") for b in backups)
    check("next over an existing file names the backup", code == 0 and named, f"exit {code}, backups {backups}, named on screen: {named}")


def t_reset_progress_directory():
    d = workspace()
    progress = os.path.join(d, ".infralab", "progress.yaml")
    os.remove(progress)
    os.mkdir(progress)
    code, _, out, err = run(["reset", "--progress"], d)
    code2, _, _, _ = run(["status"], d)
    check("reset --progress with progress.yaml a directory", code == 0 and code2 == 0 and "512" not in err, f"exit {code}, then status exit {code2}")


def t_kill_between_writes():
    # A sample of the kill harness (Tests/Fuzz/fuzz.py kill) over next/reset/goto/solution --apply.
    fuzz = os.path.join(ROOT, "Tests", "Fuzz", "fuzz.py")
    p = subprocess.run([sys.executable, fuzz, "kill", "--seed", "12", "--count", "40", "--binary", EXE], capture_output=True, text=True, timeout=600)
    line = p.stdout.strip().splitlines()[0] if p.stdout.strip() else p.stderr[-200:]
    check("kill at any point leaves a loadable workspace and the learner's file", " 0 findings" in line, line)


# --- Packs are data -----------------------------------------------------------------------

def t_pack_escapes():
    labs = copy_pack()
    edit_mission(labs, "01-home-server", "  - id: expose\n", "  - id: expose\n    starter: ../../../../../../../../etc/passwd\n    solution: /etc/hostname\n")
    code, _, out, err = run(["lab", "check", "--no-mutants", labs], ROOT)
    located = [l for l in (out + err).splitlines() if "mission.yaml:" in l]
    check("lab check reports starter/solution outside the pack with file:line:column", code == 1 and len(located) >= 2, f"exit {code}, located lines {len(located)}")
    d = tempfile.mkdtemp(prefix="infralab-i12-")
    code, _, out, err = run(["next"], d, INFRALAB_LABS=labs)
    leaked = os.path.exists(os.path.join(d, "topology.yaml")) and "root:" in open(os.path.join(d, "topology.yaml")).read()
    check("next never copies /etc/passwd from an escaping pack", not leaked and code != 0 and code < 128, f"exit {code}, leaked {leaked}")
    labs = copy_pack()
    starters = os.path.join(labs, "01-home-server", "starters")
    first = sorted(os.listdir(starters))[0]
    os.remove(os.path.join(starters, first))
    os.symlink("/etc/passwd", os.path.join(starters, first))
    code, _, out, err = run(["lab", "check", "--no-mutants", labs], ROOT)
    check("lab check refuses a symlinked starter, located", code == 1 and "symbolic link" in out + err and LOCATED.search(out + err) is not None, f"exit {code}")
    d = tempfile.mkdtemp(prefix="infralab-i12-")
    run(["next"], d, INFRALAB_LABS=labs)
    leaked = os.path.exists(os.path.join(d, "topology.yaml")) and "root:" in open(os.path.join(d, "topology.yaml")).read()
    check("next never follows a symlinked starter", not leaked, f"leaked {leaked}")


HOSTILE = "\x1b[2J\x1b]0;pwned\x07\x1b]52;c;cm0gLXJmIH4=\x07\x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\\u009b31m\u0085"


def t_control_from_pack():
    labs = copy_pack()
    esc = json.dumps(HOSTILE)
    edit_mission(labs, "01-home-server", "title:\n  en: The server under the desk", f"title:\n  en: {esc}")
    edit_mission(labs, "01-home-server", "title: { en: Open the door, ko: 문 열기 }", f"title: {{ en: {esc}, ko: {esc} }}")
    edit_mission(labs, "01-home-server", '- en: "A request from the internet', f'- en: {esc[:-1]} A request from the internet')
    d = tempfile.mkdtemp(prefix="infralab-i12-")
    bad = []
    for argv in (["next"], ["story"], ["status"], ["hint"], ["hint"], ["hint"], ["check"], ["list"], ["lab", "check", "--no-mutants", labs]):
        code, _, out, err = run(argv, d, INFRALAB_LABS=labs)
        if CONTROL.search(out + err) or code is None or code >= 128:
            bad.append((argv, code))
    check("control characters from a pack never reach the terminal (title, story, hints)", not bad, f"offending {bad}")


def t_control_from_learner():
    d = workspace()
    name = "topo\x1b]52;c;cm0=\x07.yaml"
    open(os.path.join(d, name), "w").write(f"sites:\n  home:\n    kind: home\n    {HOSTILE}: 1\n")
    open(os.path.join(d, "topology.yaml"), "w").write(f"sites:\n  home:\n    kind: home\n    {HOSTILE}: 1\n")
    bad = []
    for argv in (["check"], ["validate", name], ["show", name], ["probe", "--from", HOSTILE, "--to", "x", "--port", "1"],
                 ["grade", name, "--format", "junit"], ["validate", "missing\x1b[2J.yaml"]):
        code, _, out, err = run(argv, d)
        if CONTROL.search(out + err) or code is None or code >= 128:
            bad.append((argv[0], code))
    check("control characters from learner files, file names and --from never reach the terminal", not bad, f"offending {bad}")


def t_empty_steps():
    labs = copy_pack()
    path = os.path.join(labs, "01-home-server", "mission.yaml")
    text = open(path, encoding="utf-8").read()
    open(path, "w", encoding="utf-8").write(text[:text.index("steps:")] + "steps: []\n")
    code, _, out, err = run(["lab", "check", "--no-mutants", labs], ROOT)
    located = LOCATED.search(out + err) is not None
    d = tempfile.mkdtemp(prefix="infralab-i12-")
    code2, _, _, err2 = run(["next"], d, INFRALAB_LABS=labs)
    check("steps: [] is unsound in lab check and no crash in next", code == 1 and located and code2 is not None and code2 < 128,
          f"lab check exit {code} (located {located}), next exit {code2}")


def t_wrap_long_word():
    for size, limit in ((1_000_000, 2.0), (50_000_000, 30.0)):  # linear: 50 MB within 30 s
        labs = copy_pack()
        word = "x" * size
        edit_mission(labs, "01-home-server", "        You built a service:", f"        {word} You built a service:")
        d = tempfile.mkdtemp(prefix="infralab-i12-")
        code, elapsed, out, err = run(["next"], d, timeout=limit * 10, INFRALAB_LABS=labs)
        check(f"wrapping a {size // 1_000_000} MB word", code == 0 and elapsed < limit, f"exit {code}, {elapsed:.2f} s of CPU (limit {limit} s)")
        shutil.rmtree(os.path.dirname(labs), ignore_errors=True)


# --- Input that hangs or floods -------------------------------------------------------------

def t_flood():
    d = workspace()
    rules = ", ".join("{ port: 80 }" for _ in range(3333))
    open(os.path.join(d, "flood.yaml"), "w").write(f"vpcs:\n  v: {{ cidr: 10.0.0.0/16, region: ap-northeast-2 }}\nsecurity-groups:\n  sg:\n    vpc: v\n    inbound: [{rules}]\n")
    code, elapsed, out, err = run(["validate", "flood.yaml"], d)
    size = len(out) + len(err)
    check("3,333 errors on one line: capped output with a count of the rest", code == 1 and size < 200_000 and "more" in out + err and elapsed < 2,
          f"exit {code}, {size} bytes, {elapsed:.2f} s of CPU")


def sites_topology(n):
    lines = ["sites:"]
    for i in range(n):
        lines += [f"  dc-{i}:", "    kind: datacenter", "    power: ups+generator", f"    public-ip: 198.51.{i // 250}.{i % 250 + 1}",
                  "    port-forwards:", f"      - {{ port: 80, to: was-{i}, to-port: 8080 }}"]
    lines.append("hosts:")
    for i in range(n):
        lines += [f"  was-{i}: {{ site: dc-{i}, kind: server, runs: [was] }}", f"  db-{i}: {{ site: dc-{i}, kind: server, runs: [db] }}",
                  f"  pc-{i}: {{ site: dc-{i}, kind: pc, runs: [was] }}"]
    return "\n".join(lines) + "\n"


def t_grading_cost():
    d = workspace("datacenter/fire")
    for n in (200, 320):  # 320 sites: about 100 KB
        text = sites_topology(n)
        open(os.path.join(d, "topology.yaml"), "w").write(text)
        code, elapsed, out, err = run(["check"], d, timeout=120)
        check(f"grading {n} sites ({len(text) // 1024} KB) against datacenter/fire", code in (0, 1) and elapsed < 2, f"exit {code}, {elapsed:.2f} s of CPU")


# --- Formats and statuses -----------------------------------------------------------------

def t_junit():
    d = workspace()
    open(os.path.join(d, "a.yaml"), "w").write("sites:\n  home:\n    kind: home\n    \x01\x1b\x0b\ufffe: 1\n")
    code, _, out, err = run(["grade", "a.yaml", "--step", "home-server/expose", "--format", "junit"], d)
    try:
        xml.dom.minidom.parseString(out.encode("utf-8"))
        valid = True
    except Exception as e:
        valid = str(e)
    check("grade --format junit with control characters is valid XML", code == 0 and valid is True, f"exit {code}, valid {valid}")


def t_lab_check_json_unparsable():
    labs = copy_pack()
    edit_mission(labs, "01-home-server", "steps:", "steps: [\n")
    code, _, out, err = run(["lab", "check", "--no-mutants", "--json", labs], ROOT)
    try:
        report = json.loads(out)
        text = json.dumps(report)
        ok = report.get("sound") is False and "mission.yaml" in text and re.search(r'"line": *\d+', text) is not None
    except Exception as e:
        ok, text = False, str(e)
    code2, _, out2, err2 = run(["lab", "check", "--no-mutants", labs], ROOT)
    check("lab check --json lists the errors of a mission that does not parse", code == 1 and ok and "1 of 1" in out2 + err2, f"exit {code}/{code2}")


def t_statuses():
    d = workspace()
    open(os.path.join(d, "latin1.yaml"), "wb").write(b"sites:\n  caf\xe9:\n    kind: home\n")
    cases = [(["grade", "latin1.yaml", "--step", "home-server/expose"], 66), (["validate", "latin1.yaml"], 66)]
    for argv, want in cases:
        code, _, _, _ = run(argv, d)
        check(f"exit status of {' '.join(argv)}", code == want, f"exit {code}, Docs/cli.md says {want}")
    os.remove(os.path.join(d, "topology.yaml"))
    for argv in (["check"], ["next"], ["watch", "--count", "1"]):
        code, _, _, _ = run(argv, d, timeout=5)
        check(f"{argv[0]} with topology.yaml missing exits 66", code == 66, f"exit {code}")
    os.mkdir(os.path.join(d, "topology.yaml"))
    for argv in (["check"], ["next"]):
        code, _, _, _ = run(argv, d, timeout=5)
        check(f"{argv[0]} with topology.yaml a directory exits 66", code == 66, f"exit {code}")
    for argv in (["watch", "--count", "abc"], ["watch", "--count", "99999999999999999999"], ["watch", "--interval", "abc"], ["watch", "--interval", "1e-9"]):
        code, _, _, err = run(argv, d, timeout=5)
        check(f"{' '.join(argv)} is a usage error", code == 64, f"exit {code}")


# --- A newcomer's first minutes -------------------------------------------------------------

def t_suggested_commands():
    d = tempfile.mkdtemp(prefix="infralab-i12-")
    rel = os.path.relpath(EXE, d)
    p = subprocess.run([rel, "next"], cwd=d, capture_output=True, text=True, env=env())
    suggested = re.findall(r"`([^`\n]*\binfralab\b[^`\n]*)`", p.stdout)
    runnable = [s for s in suggested if subprocess.run(["sh", "-c", s + " --help >/dev/null 2>&1"], cwd=d, env=env()).returncode == 0]
    check("suggested commands run as typed (started by a relative path)", suggested and len(runnable) == len(suggested),
          f"{len(runnable)}/{len(suggested)} runnable, e.g. {suggested[:1]}")


def t_probe():
    d = workspace()
    shutil.copy(os.path.join(ROOT, "Solutions", "01-home-server", "expose.yaml"), os.path.join(d, "topology.yaml"))
    code, _, out, err = run(["probe", "--from", "internet", "--to", "my-pc", "--port", "80"], d)
    check("probe defaults FILE to the workspace's topology.yaml", code == 0, f"exit {code}")
    code, _, out, err = run(["probe", "--from", "internt", "--to", "my-pcc", "--port", "80"], d)
    text = out + err
    check("probe --from internt: did you mean, and the second typo too", code != 0 and "internet" in text and "my-pc" in text and "my-pcc" in text,
          f"exit {code}: {text.strip().splitlines()[:3]}")


def t_solution_passed_step():
    d = workspace()
    shutil.copy(os.path.join(ROOT, "Solutions", "01-home-server", "expose.yaml"), os.path.join(d, "topology.yaml"))
    run(["next"], d)
    run(["next"], d)
    code, _, out, err = run(["solution", "1.1"], d)
    code2, _, _, _ = run(["solution", "datacenter/fire"], d)
    check("solution STEP shows any passed step (and not a step not yet passed)", code == 0 and "port-forwards" in out + err and code2 != 0, f"exit {code}, unpassed exit {code2}")


def t_all_finished():
    missions = sorted(m for m in os.listdir(LABS) if m[:2].isdigit())
    last = missions[-1]
    ids = re.findall(r"^  - id: (\S+)", open(os.path.join(LABS, last, "mission.yaml")).read(), re.M)
    mid = re.search(r"^id: (\S+)", open(os.path.join(LABS, last, "mission.yaml")).read(), re.M).group(1)
    d = workspace(f"{mid}/{ids[0]}")
    for sid in ids:
        shutil.copy(os.path.join(ROOT, "Solutions", last, sid + ".yaml"), os.path.join(d, "topology.yaml"))
        code, _, out, err = run(["next"], d)
    said = "all missions" in (out + err).lower()
    check("'all missions finished' only when all are (finished only the last mission)", code is not None and code < 128 and not said, f"exit {code}, says all finished: {said}")


def t_watch_latency():
    for poll in (False, True):
        d = workspace()
        path = os.path.join(d, "topology.yaml")
        argv = [EXE, "watch", "--count", "2"] + (["--poll", "--interval", "0.05"] if poll else [])
        p = subprocess.Popen(argv, cwd=d, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env())
        os.set_blocking(p.stdout.fileno(), False)
        buffer, deadline = b"", time.monotonic() + 10
        while time.monotonic() < deadline and b"\n" not in buffer:  # the first grading is on screen
            buffer += p.stdout.read() or b""
            time.sleep(0.005)
        time.sleep(0.2)
        buffer += p.stdout.read() or b""
        size = len(buffer)
        shutil.copy(os.path.join(ROOT, "Solutions", "01-home-server", "expose.yaml"), path + ".tmp")
        saved = time.monotonic()
        os.rename(path + ".tmp", path)
        regraded = None
        while time.monotonic() < saved + 3:
            chunk = p.stdout.read() or b""
            buffer += chunk
            if len(buffer) > size and regraded is None:
                regraded = time.monotonic() - saved
            if p.poll() is not None:
                break
            time.sleep(0.002)
        p.kill()
        p.wait()
        limit = 0.1 if not poll else 0.3
        check(f"watch{' --poll' if poll else ''} re-grades on save", regraded is not None and regraded < limit,
              f"first output after the save in {regraded if regraded is None else round(regraded * 1000)} ms (limit {int(limit * 1000)} ms)")


CHECKS = {"unreadable": t_unreadable, "next-backup": t_next_backup, "reset-progress": t_reset_progress_directory,
          "kill": t_kill_between_writes, "escapes": t_pack_escapes, "control-pack": t_control_from_pack,
          "control-learner": t_control_from_learner, "empty-steps": t_empty_steps, "wrap": t_wrap_long_word,
          "flood": t_flood, "grading": t_grading_cost, "junit": t_junit, "json": t_lab_check_json_unparsable,
          "statuses": t_statuses, "suggested": t_suggested_commands, "probe": t_probe, "solution": t_solution_passed_step,
          "finished": t_all_finished, "watch": t_watch_latency}


def main():
    global EXE
    args = sys.argv[1:]
    if "--binary" in args:
        i = args.index("--binary")
        EXE = os.path.abspath(args[i + 1])
        del args[i:i + 2]
    for candidate in [EXE, os.path.join(ROOT, ".build/release/infralab"), os.path.join(ROOT, ".build/debug/infralab")]:
        if candidate and os.path.exists(candidate):
            EXE = os.path.abspath(candidate)
            break
    else:
        sys.exit("build infralab first (swift build -c release --product infralab)")
    print(f"# {EXE}")
    for name in args or CHECKS:
        try:
            CHECKS[name]()
        except Exception as e:
            check(name, False, f"the reproducer itself failed: {e!r}")
    failed = [n for n, ok in RESULTS if not ok]
    print(f"# {len(RESULTS) - len(failed)}/{len(RESULTS)} passed")
    sys.exit(len(failed))


if __name__ == "__main__":
    main()
