#!/usr/bin/env python3
"""Generates a very large mission pack for timing `infralab lab check` (issue 12).

    python3 Tests/Robustness/large_pack.py steps 100000 /tmp/pack-steps
    python3 Tests/Robustness/large_pack.py requirements 100000 /tmp/pack-reqs
    python3 Tests/Robustness/large_pack.py incidents 10000 /tmp/pack-incidents
    /usr/bin/time -v .build/release/infralab lab check --no-mutants /tmp/pack-steps

`steps`: N steps, each `carry: all` with one requirement and no starter or solution on
disk (two missing-file errors per step). `requirements`: one step with N requirements.
`incidents`: one requirement `under:` N incidents. The one-step packs get a starter (the
WAS on a PC) and a reference solution (on a server, behind a port forward), so their
requirements are graded. Deterministic: no seed needed.
"""
import os
import sys

HINTS = """        hints:
          - { en: "Look.", ko: "보세요." }
          - { en: "Think.", ko: "생각해요." }
          - { en: "Change it.", ko: "바꿔요." }
"""


def requirement(rid, under=None):
    text = f"""      - id: {rid}
        statement: {{ en: "The WAS answers ({rid})", ko: "WAS가 응답해요 ({rid})" }}
        check:
"""
    if under:
        text += "          service-answers:\n            under:\n" + under
    else:
        text += "          reachable: { from: internet, to: role:was, port: 80 }\n"
    return text + HINTS


def step(sid, body, carry=True):
    return f"""  - id: {sid}
    title: {{ en: "Step {sid}", ko: "{sid} 단계" }}
    story: {{ en: "A story.", ko: "이야기예요." }}
    brief: {{ en: "Do it.", ko: "해요." }}
""" + ("    carry: all\n" if carry else "") + "    requirements:\n" + body


SOLUTION = """sites:
  home:
    kind: home
    power: grid
    public-ip: 121.130.10.7
    port-forwards:
      - { port: 80, to: server, to-port: 8080 }
hosts:
  server: { site: home, kind: server, runs: [was] }
"""
STARTER = SOLUTION.replace("to: server", "to: pc").replace("server: { site: home, kind: server", "pc: { site: home, kind: personal-computer")


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in ("steps", "requirements", "incidents"):
        sys.exit(__doc__)
    kind, count, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    folder = os.path.join(out, "01-large")
    os.makedirs(folder, exist_ok=True)
    parts = ["id: large\n", 'title: { en: "Large", ko: "큰 미션" }\n',
             'summary: { en: "Generated.", ko: "생성했어요." }\n',
             "service:\n  entry-port: 80\n  tiers:\n    - { role: was, port: 8080 }\n", "steps:\n"]
    if kind == "steps":
        for n in range(count):
            parts.append(step(f"s{n}", requirement(f"r{n}"), carry=n > 0))
    elif kind == "requirements":
        parts.append(step("only", "".join(requirement(f"r{n}") for n in range(count)), carry=False))
    else:
        under = "".join("              - pc-off: all\n" for _ in range(count))
        parts.append(step("only", requirement("r0", under), carry=False))
    with open(os.path.join(folder, "mission.yaml"), "w") as f:
        f.write("".join(parts))
    if kind != "steps":
        os.makedirs(os.path.join(folder, "starters"), exist_ok=True)
        os.makedirs(os.path.join(out, "..", "Solutions", "01-large"), exist_ok=True)
        with open(os.path.join(folder, "starters", "only.yaml"), "w") as f:
            f.write(STARTER)
        with open(os.path.join(out, "..", "Solutions", "01-large", "only.yaml"), "w") as f:
            f.write(SOLUTION)


if __name__ == "__main__":
    main()
