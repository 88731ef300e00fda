"""How many keys and screens a new user needs to see every option's recovery and main risks, in a real
terminal (tmux, on a server of its own), before the grid (PageDown through the result cards) and with it
(g, then PageDown and the right arrow): a measurement for issue 13, not a test (it is not in make test).

    .venv/bin/python scripts/measure-grid-keys.py [WIDTH HEIGHT]      # default 80 24

It answers for one, two and four options (a nose; a face; a face and skin), presses the keys a person
reading the screen would, and after each key reads the screen. A text counts as seen once its first and its
last 25 characters have each been on a screen (in its own column, on the grid); "screens" counts the first
screen of the results too.
"""

import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
from consultaid import load_rulebook  # noqa: E402

rb = load_rulebook(None)
SOCK = "consultaid-measure-grid"
W, H = (int(sys.argv[1]), int(sys.argv[2])) if len(sys.argv) > 2 else (80, 24)
HERE = Path(tempfile.mkdtemp(prefix="consultaid-measure-"))
BASE = {
    "goal": "appearance",
    "area": ["nose"],
    "concern": ["nose-shape"],
    "motivation": ["for-myself"],
    "preoccupation": "daily-under-1h",
    "impact": "never",
    "considering": "over-1-year",
    "previous": "none",
    "age": "18-or-over",
    "approach": "open-to-surgery",
}
CASES = {
    "one": {},
    "two": {"area": ["face"], "concern": ["face-sagging", "face-volume-loss"]},
    "four": {"area": ["face", "skin"], "concern": ["face-sagging", "face-volume-loss", "skin-lines"]},
}
for name, change in CASES.items():
    (HERE / f"{name}.json").write_text(json.dumps({**BASE, **change}))
APP = ROOT / ".venv" / "bin" / "consultaid"


def tmux(*a):
    return subprocess.run(["tmux", "-L", SOCK, *a], capture_output=True, text=True).stdout


def cap():
    return tmux("capture-pane", "-p")


def settle(prev=None):
    last = None
    for _ in range(40):
        time.sleep(0.25)
        s = cap()
        if s == last and s != prev:
            return s
        last = s
    return last


BLOCKS = {chr(c) for c in range(0x2580, 0x25A0)}


def norm(t):
    t = "".join(" " if c in BLOCKS else c for c in t)
    return " ".join(t.replace("│", " ").replace("•", " ").split())


def body(screen):
    """The screen without its footer line (the key bar)."""
    return "\n".join(screen.splitlines()[: H - 1])


def targets(case):
    out = subprocess.run(
        [str(APP), "suggest", "--answers", f"{HERE}/{case}.json", "--format", "json"],
        capture_output=True,
        text=True,
    ).stdout
    ids = [s["id"] for s in json.loads(out)["suggestions"]]
    t = {}
    for pid in ids:
        p = rb.procedures[pid]
        t[pid] = [("recovery", p.recovery)] + [("risk", getattr(r, "text", r)) for r in p.risks]
    return ids, t


def seen_in(texts, target):
    n = norm(target)
    head, tail = n[:25], n[-25:]
    return any(head in x for x in texts) and any(tail in x for x in texts)


def start(case):
    tmux("kill-server")
    time.sleep(1)
    subprocess.run(
        [
            "tmux",
            "-L",
            SOCK,
            "new-session",
            "-d",
            "-x",
            str(W),
            "-y",
            str(H),
            f"NO_COLOR=1 {APP} --answers {HERE}/{case}.json",
        ]
    )
    for _ in range(60):
        time.sleep(0.25)
        if "Your summary to take to a consultation" in cap():
            break
    time.sleep(2)  # as a person reads the first screen: the app has finished painting it
    return settle()


def before(case):
    ids, t = targets(case)
    screen = start(case)
    screens, keys, texts = [screen], 0, [norm(body(screen))]
    while not all(seen_in(texts, x) for pid in ids for _, x in t[pid]):
        tmux("send-keys", "PageDown")
        keys += 1
        new = settle(screen)
        if new == screen:
            raise SystemExit(
                f"stuck at the bottom: {[x for pid in ids for _, x in t[pid] if not seen_in(texts, x)]}"
            )
        screen = new
        screens.append(screen)
        texts.append(norm(body(screen)))
    return keys, len(screens)


def columns_of(screen):
    lines = body(screen).splitlines()
    header = next(line for line in lines if "Options:" in line)
    starts = [0] + [m.end() for m in re.finditer(r" {2,}(?=\S)", header)]
    starts = sorted(set(starts))
    cols = []
    for i in range(1, len(starts)):
        a, b = starts[i], (starts[i + 1] if i + 1 < len(starts) else W)
        cols.append(norm(" ".join(line[a:b] for line in lines[3:])))
    return cols


def page_span(screen):
    m = re.search(r"Options (\d+)(?:-(\d+))? of (\d+)", screen)
    if m:
        a = int(m.group(1))
        b = int(m.group(2) or a)
        return a - 1, b, int(m.group(3))
    m = re.search(r"all (\d+) options", screen)
    n = int(m.group(1))
    return 0, n, n


def with_grid(case):
    ids, t = targets(case)
    screen = start(case)
    screens, keys = [screen], 0
    tmux("send-keys", "g")
    keys += 1
    screen = settle(screen)
    screens.append(screen)
    seen = {pid: [] for pid in ids}
    while True:
        a, b, _total = page_span(screen)
        cols = columns_of(screen)
        for k, i in enumerate(range(a, b)):
            if i < len(ids) and k < len(cols):
                seen[ids[i]].append(cols[k])
        page_done = all(seen_in(seen[ids[i]], x) for i in range(a, min(b, len(ids))) for _, x in t[ids[i]])
        if page_done:
            if all(seen_in(seen[p], x) for p in ids for _, x in t[p]):
                return keys, len(screens)
            if b >= len(ids):
                raise SystemExit("done paging but not all seen")
            tmux("send-keys", "Right")
            keys += 1
        else:
            tmux("send-keys", "PageDown")
            keys += 1
        new = settle(screen)
        if new == screen:
            raise SystemExit(f"stuck: {case} {a}-{b}")
        screen = new
        screens.append(screen)


if __name__ == "__main__":
    try:
        for case in CASES:
            k1, s1 = before(case)
            k2, s2 = with_grid(case)
            print(
                f"{case} option(s) at {W}x{H}: before: {k1} keys, {s1} screens; "
                f"with the grid: {k2} keys, {s2} screens"
            )
    finally:
        tmux("kill-server")
