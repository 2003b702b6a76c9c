#!/usr/bin/env python3
"""Measures the real binary in tmux: time to first paint and key-to-screen latency (j moves the
inbox selection), on the demo data and on the demo with N generated matters.

    swift build -c release && scripts/bench-tmux.py .build/release/oversight 20000

Times include tmux's own round trips (a capture-pane costs a few milliseconds), so they are an
upper bound. A benchmark, not a test: it prints numbers and asserts nothing."""
import itertools, os, statistics, subprocess, sys, tempfile, time

binary = sys.argv[1] if len(sys.argv) > 1 else ".build/debug/oversight"
generated = int(sys.argv[2]) if len(sys.argv) > 2 else 20000
socket = ""
sessions = itertools.count()

def tmux(*args):
    # The first command starts the tmux server, which would inherit (and hold open) any pipe
    # given to it: only capture-pane and display-message read output.
    reads = args[0] in ("capture-pane", "display-message")
    out = subprocess.PIPE if reads else subprocess.DEVNULL
    return subprocess.run(["tmux", "-L", socket, "-f", "/dev/null", *args], stdin=subprocess.DEVNULL,
                          stdout=out, stderr=subprocess.DEVNULL, text=True).stdout or ""

def wait(condition, what, limit=60):
    deadline = time.time() + limit
    while not condition():
        if time.time() > deadline:
            sys.exit(f"bench: gave up waiting for {what}")
        time.sleep(0.001)

def measure(db, runs=3, keys=10):
    global socket
    first, moves = [], []
    for _ in range(runs):
        socket = f"oversight-bench-{os.getpid()}-{next(sessions)}"  # a fresh server for each run
        t0 = time.time()
        tmux("new-session", "-d", "-s", "b", "-x", "120", "-y", "40", f"{binary} --db {db} --user wangjian")
        wait(lambda: "收件箱" in tmux("capture-pane", "-p", "-t", "b"), "the first paint")
        first.append(time.time() - t0)
        for _ in range(keys):
            before = tmux("capture-pane", "-p", "-t", "b")
            t0 = time.time()
            tmux("send-keys", "-t", "b", "j")
            wait(lambda: tmux("capture-pane", "-p", "-t", "b") != before, "the screen to change after j")
            moves.append(time.time() - t0)
        tmux("kill-server")
    return statistics.median(first) * 1000, statistics.median(moves) * 1000, max(moves) * 1000

with tempfile.TemporaryDirectory() as d:
    for n in (0, generated):
        db = os.path.join(d, f"demo{n}.sqlite")
        subprocess.run([binary, "demo", "--no-open", "--db", db, "--today", "2026-11-30", "--matters", str(n)],
                       check=True, capture_output=True)
        f, m, mx = measure(db)
        print(f"{n + 43:>8} matters: first paint {f:6.0f} ms   key→screen median {m:6.1f} ms, max {mx:6.1f} ms")
