#!/usr/bin/env python3
"""The benchmark (BENCHMARKS.md): the release binary measured through a real pseudo-terminal.

Run it as scripts/bench; see `scripts/bench --help`. Python 3 standard library only.
"""
import argparse
import fcntl
import hashlib
import json
import math
import os
import platform
import select
import shutil
import signal
import struct
import subprocess
import sys
import termios
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, ".bench")
CACHE = os.path.join(BENCH, "cache")
RUN = os.path.join(BENCH, "run")
TODAY = "2025-09-29"
USER = "wangjian"  # 王建国, procuratorate handler
# The inbox pane's title (pane.inbox in Resources/i18n/zh.json), framed as "[收件箱 (待办 …)]"; the entry summary
# (the overdue reminder) may cover all of it but "[收".
TITLE = ("收件箱".encode(), "[收".encode())
# The zoomed inbox's title (pane.inbox-zoomed in zh.json and en.json; "全宽" is enough where the diff writes only it).
ZOOMED_TITLE = ("全宽".encode(), b"full width")
GENERATOR_FILES = ["Generator.swift", "Schema.swift", "Demo.swift"]
TERMINALS = [(24, 80), (60, 200)]
START_QUIET = 0.150  # first paint: the output is quiet this long after the title showed
KEY_QUIET = 0.040  # a key's burst ends at a gap this long
ESC = b"\x1b"

TARGETS = {
    "first_paint_ms": 150, "move_p99_ms": 2, "filter_p99_ms": 20, "move_bytes": 300, "move_bytes_zoomed": 150,
    "rss_mb": 150, "write_p99_ms": 100,
}


STARTED = time.monotonic()


def log(*args):
    """A line on standard error, after the minutes and seconds since the bench began (where a run's time goes)."""
    elapsed = int(time.monotonic() - STARTED)
    print(f"[{elapsed // 60:02d}:{elapsed % 60:02d}]", *args, file=sys.stderr, flush=True)


def now():
    return time.monotonic()


# MARK: - Build and databases

def build(products):
    for product in products:
        log(f"bench: swift build -c release --product {product}")
        t = now()
        subprocess.run(["swift", "build", "-c", "release", "--product", product], cwd=ROOT, check=True)
        log(f"bench: built {product} in {now() - t:.1f} s")


def generator_hash():
    h = hashlib.sha256()
    for name in GENERATOR_FILES:
        with open(os.path.join(ROOT, "Sources", "OversightStore", name), "rb") as f:
            h.update(name.encode() + b"\0" + f.read() + b"\0")
    return h.hexdigest()[:12]


REPLICATE_FROM = 100_000
GENERATE_ALL = False


REPLICA = "-r2"  # replicate copies invitees, readers and clock versions too


def replicate(binary, n, key, path):
    """A database of n matters made from the generated 100,000 by copying its matters, their copies, invitees, readers
    (need to know), clock versions, index rows and histories n / 100,000 times in SQL (new ids; numbers suffixed ·k), so the shapes stay the generator's. Copied
    events carry no audit hashes (`audit verify` names them); every organisation holds n / 100,000 times its share."""
    src, _ = database(binary, REPLICATE_FROM, key)
    factor = n // REPLICATE_FROM
    tmp = path + ".partial"
    remove_db(tmp)
    shutil.copyfile(src, tmp)
    sql = f"""
        PRAGMA foreign_keys = OFF;
        BEGIN;
        CREATE TEMP TABLE k (i INTEGER PRIMARY KEY);
        WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r WHERE i < {factor - 1}) INSERT INTO k SELECT i FROM r;
        CREATE TEMP TABLE base AS SELECT MAX(id) AS m FROM matter;
        INSERT INTO matter (id, number, kind, title, domain, from_org, to_org, subject_org, state, created_on, issued_on,
            served_on, due, replied_on, closed_on, scheduled_on, summary, variant, urgent_amount, urgent_unit, outcome,
            rectification, escalations, version)
        SELECT x.id + k.i * b.m, CASE WHEN x.number = '' THEN '' ELSE x.number || '·' || k.i END, x.kind, x.title, x.domain,
            x.from_org, x.to_org, x.subject_org, x.state, x.created_on, x.issued_on, x.served_on, x.due, x.replied_on,
            x.closed_on, x.scheduled_on, x.summary, x.variant, x.urgent_amount, x.urgent_unit, x.outcome, x.rectification,
            x.escalations, x.version
        FROM k, base b, matter x WHERE x.id <= b.m;
        INSERT INTO matter_copy (matter_id, org_id) SELECT c.matter_id + k.i * b.m, c.org_id FROM k, base b, matter_copy c
            WHERE c.matter_id <= b.m;
        INSERT INTO inbox_entry (org_id, sort_key, matter_id)
        SELECT e.org_id, substr(e.sort_key, 1, length(e.sort_key) - 12) || printf('%012d',
                CASE WHEN substr(e.sort_key, 1, 1) = '2' THEN 999999999999 - (e.matter_id + k.i * b.m) ELSE e.matter_id + k.i * b.m END),
            e.matter_id + k.i * b.m
        FROM k, base b, inbox_entry e WHERE e.matter_id <= b.m;
        INSERT INTO matter_invitee (matter_id, position, org, answer, attendance, answered_by, answered_at)
        SELECT v.matter_id + k.i * b.m, v.position, v.org, v.answer, v.attendance, v.answered_by, v.answered_at
        FROM k, base b, matter_invitee v WHERE v.matter_id <= b.m;
        INSERT INTO matter_reader (matter_id, user_name, position)
        SELECT r.matter_id + k.i * b.m, r.user_name, r.position FROM k, base b, matter_reader r WHERE r.matter_id <= b.m;
        INSERT INTO matter_clock (matter_id, version)
        SELECT c.matter_id + k.i * b.m, c.version FROM k, base b, matter_clock c WHERE c.matter_id <= b.m;
        INSERT INTO event (matter_id, on_date, recorded_at, actor, action, text, document_number, state_after, outcome,
            escalation, due_after)
        SELECT v.matter_id + k.i * b.m, v.on_date, v.recorded_at, v.actor, v.action, v.text,
            CASE WHEN v.document_number IS NULL THEN NULL ELSE v.document_number || '·' || k.i END, v.state_after, v.outcome,
            v.escalation, v.due_after
        FROM k, base b, event v WHERE v.matter_id IS NOT NULL AND v.matter_id <= b.m;
        COMMIT;
        PRAGMA wal_checkpoint(TRUNCATE);
    """
    t = now()
    subprocess.run(["sqlite3", "-bail", tmp], input=sql, text=True, check=True, stdout=subprocess.DEVNULL)
    took = now() - t
    for suffix in ("-wal", "-shm"):
        if os.path.exists(tmp + suffix) and os.path.getsize(tmp + suffix) == 0:
            os.remove(tmp + suffix)
    os.rename(tmp, path)
    log(f"bench: database N={n}: replicated from {REPLICATE_FROM:,} in {took:.1f} s ({os.path.getsize(path) / 1e6:.1f} MB)")
    return path, took


def database(binary, n, key):
    """The cached demo database with n generated matters (0: the plain demo), generated when missing; above
    100,000 (unless --generate-all) replicated from the 100,000 one (see replicate)."""
    os.makedirs(CACHE, exist_ok=True)
    # A replicated database's name also says how it was replicated (REPLICA: what replicate copies).
    path = os.path.join(CACHE, f"demo-{n}-{key}{REPLICA if n > REPLICATE_FROM and not GENERATE_ALL else ''}.sqlite")
    if os.path.exists(path):
        log(f"bench: database N={n}: cached {os.path.relpath(path, ROOT)}")
        return path, None
    if n > REPLICATE_FROM and n % REPLICATE_FROM == 0 and not GENERATE_ALL:
        return replicate(binary, n, key, path)
    for name in os.listdir(CACHE):  # older generations of this size
        if name.startswith(f"demo-{n}-"):
            os.remove(os.path.join(CACHE, name))
    tmp = path + ".partial"
    for suffix in ("", "-wal", "-shm", ".lock"):
        if os.path.exists(tmp + suffix):
            os.remove(tmp + suffix)
    argv = [binary, "demo", "--no-open", "--db", tmp, "--today", TODAY]
    if n:
        argv += ["--matters", str(n)]
    t = now()
    made = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    took = now() - t
    if made.returncode != 0:
        sys.exit(f"bench: {' '.join(argv)} failed ({made.returncode}): {made.stderr.strip()}")
    if os.path.exists(tmp + "-wal"):
        if shutil.which("sqlite3"):
            subprocess.run(["sqlite3", tmp, "PRAGMA wal_checkpoint(TRUNCATE)"], check=True, stdout=subprocess.DEVNULL)
        else:
            shutil.copyfile(tmp + "-wal", path + "-wal")
    for suffix in ("-shm", ".lock"):
        if os.path.exists(tmp + suffix):
            os.remove(tmp + suffix)
    if os.path.exists(tmp + "-wal") and os.path.getsize(tmp + "-wal") == 0:
        os.remove(tmp + "-wal")
    os.rename(tmp, path)
    log(f"bench: database N={n}: generated in {took:.1f} s ({os.path.getsize(path) / 1e6:.1f} MB)")
    return path, took


def fresh_copy(path, label):
    """A copy of a cached database for one measurement (with its -wal, if any)."""
    os.makedirs(RUN, exist_ok=True)
    copy = os.path.join(RUN, f"{label}.sqlite")
    remove_db(copy)
    shutil.copyfile(path, copy)
    if os.path.exists(path + "-wal"):
        shutil.copyfile(path + "-wal", copy + "-wal")
    return copy


def remove_db(path):
    for suffix in ("", "-wal", "-shm", ".lock"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)


# MARK: - The pseudo-terminal

class Terminal:
    """A program on a pseudo-terminal of rows×cols, its output read as bursts."""

    def __init__(self, argv, rows, cols, env):
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.master = master
        self.started = now()
        self.proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env,
                                     start_new_session=True, close_fds=True)
        os.close(slave)
        self.total = 0
        self.eof = False
        self.first_byte_ms = None

    def _read(self, timeout):
        """One read with a timeout: (bytes, time) or (None, None) when nothing came."""
        if self.eof:
            return None, None
        r, _, _ = select.select([self.master], [], [], max(timeout, 0))
        if not r:
            return None, None
        try:
            data = os.read(self.master, 65536)
        except OSError:
            data = b""
        t = now()
        if not data:
            self.eof = True
            return None, None
        self.total += len(data)
        return data, t

    def burst(self, first_timeout, gap=KEY_QUIET, limit=30.0):
        """Output until a quiet gap: (bytes, time of first byte, time of last byte); times None when silent."""
        data, first = self._read(first_timeout)
        if data is None:
            return b"", None, None
        buf, last = bytearray(data), first
        deadline = first + limit
        while now() < deadline:
            more, t = self._read(gap)
            if more is None:
                break
            buf += more
            last = t
        return bytes(buf), first, last

    def first_paint(self, markers, deadline=120.0, given_up=30.0):
        """Time from spawn to the last byte of the burst in which one of `markers` showed (ended by START_QUIET).
        None (with the output's end) when none showed before `deadline`, or the output was quiet `given_up` s."""
        buf, last = bytearray(), None
        end = self.started + deadline
        seen = False
        while now() < end:
            data, t = self._read(START_QUIET if seen else min(end - now(), given_up))
            if data is None:
                if seen or self.eof or last is not None:
                    break
                continue
            buf += data
            last = t
            if not seen and any(m in buf for m in markers):
                seen = True
        if not seen:
            return None, len(buf), bytes(buf[-400:])
        return (last - self.started) * 1000, len(buf), None

    def key(self, data, first_timeout=1.0, gap=KEY_QUIET):
        """Writes a key: (latency in ms to the last byte of its burst, or None when silent; bytes)."""
        t = now()
        os.write(self.master, data)
        buf, first, last = self.burst(first_timeout, gap)
        self.first_byte_ms = (first - t) * 1000 if first is not None else None
        return ((last - t) * 1000 if last is not None else None), len(buf)

    def drain(self, gap=0.2):
        while self.burst(gap)[1] is not None:
            pass

    def idle(self, seconds):
        """Bytes and bursts while nothing is sent for `seconds`."""
        end = now() + seconds
        nbytes = bursts = 0
        while now() < end:
            data, t = self._read(end - now())
            if data is None:
                continue
            bursts += 1
            nbytes += len(data)
            while True:
                more, t = self._read(KEY_QUIET)
                if more is None:
                    break
                nbytes += len(more)
        return nbytes, bursts

    def peak_rss_mb(self):
        try:
            with open(f"/proc/{self.proc.pid}/status") as f:
                for line in f:
                    if line.startswith("VmHWM:"):
                        return int(line.split()[1]) / 1024
        except OSError:
            pass
        return None

    def quit(self, keys=b"q"):
        try:
            os.write(self.master, keys)
        except OSError:
            pass
        end = now() + 5
        while now() < end and self.proc.poll() is None:
            self._read(0.05)
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
        os.close(self.master)
        return self.proc.returncode


def env():
    e = dict(os.environ)
    e.update(TERM="xterm-256color", LANG="C.UTF-8", OVERSIGHT_IDLE_MINUTES="0")
    for name in ("OVERSIGHT_DB", "OVERSIGHT_USER", "OVERSIGHT_TODAY", "OVERSIGHT_LANG", "LC_ALL"):
        e.pop(name, None)
    return e


def stats(samples):
    """Latencies (ms, None for silent keys) and byte counts: median, p99, max, mean bytes."""
    lat = sorted(s[0] for s in samples if s[0] is not None)
    loud = [s[1] for s in samples if s[0] is not None]
    first = sorted(s[2] for s in samples if s[0] is not None)
    out = {"keys": len(samples), "silent": sum(1 for s in samples if s[0] is None)}
    if lat:
        out.update(p50_ms=percentile(lat, 50), p99_ms=percentile(lat, 99), max_ms=lat[-1],
                   bytes=sum(loud) / len(loud),
                   # to the burst's first byte: how much of the latency is before the program starts writing
                   first_byte_p50_ms=percentile(first, 50), first_byte_p99_ms=percentile(first, 99))
    return out


def percentile(sorted_values, p):
    rank = max(math.ceil(p / 100 * len(sorted_values)) - 1, 0)
    return sorted_values[min(rank, len(sorted_values) - 1)]


def measured(term, key, **kw):
    """A measured key: (latency, bytes, latency to its first byte)."""
    lat, n = term.key(key, **kw)
    return lat, n, term.first_byte_ms


def repeat_until_silent(term, key, count, silent_stop=3):
    """`key` up to `count` times, stopping after `silent_stop` silent ones in a row (an end was reached)."""
    samples, quiet = [], 0
    for _ in range(count):
        lat, n, first = measured(term, key, first_timeout=0.3)
        samples.append((lat, n, first))
        quiet = quiet + 1 if lat is None else 0
        if quiet >= silent_stop:
            break
    return samples


# MARK: - Our workbench

def measure_oversight(binary, db, rows, cols, quick):
    argv = [binary, "--db", db, "--user", USER, "--today", TODAY]
    term = Terminal(argv, rows, cols, env())
    result = {"terminal": f"{cols}×{rows}"}
    paint, nbytes, tail = term.first_paint(TITLE)
    result["first_paint_ms"] = paint
    result["first_paint_bytes"] = nbytes
    if paint is None:
        result["error"] = f"no inbox title within the deadline; last output {tail!r}"
        term.quit()
        return result
    term.key(b"x", first_timeout=0.5)  # any key dismisses the entry summary (overdue reminder), if shown
    term.drain()

    reps = 10 if quick else 20
    moves = 60 if quick else 150
    down = repeat_until_silent(term, b"j", moves)
    effective = sum(1 for s in down if s[0] is not None)
    up = [measured(term, b"k", first_timeout=0.3) for _ in range(effective)]
    result["move"] = stats(down + up)
    result["reach"] = effective  # the moves down the inbox has room for from its top (the callgrind walk's bound)

    # The zoomed inbox (`z`): the same moves with the inbox on the whole width (no detail or calendar drawn or read).
    result["zoomed"] = measure_zoomed(term, moves)

    pages = repeat_until_silent(term, b"\x04", reps, silent_stop=2)
    result["page_down"] = stats(pages)
    for _ in range(sum(1 for s in pages if s[0] is not None)):
        term.key(b"\x15", first_timeout=0.3)  # Ctrl-U back
    term.key(b"g", first_timeout=0.3)
    term.drain()

    menu = []
    for _ in range(reps):
        menu.append(measured(term, b"\r"))
        term.key(ESC, first_timeout=1.5)
        term.drain(0.15)
    result["menu"] = stats(menu)

    filt = []
    for _ in range(reps):
        term.key(b"/")
        filt.append(measured(term, "排".encode()))
        term.key(ESC, first_timeout=1.5)
        term.key(ESC, first_timeout=0.3)
        term.drain(0.15)
    result["filter"] = stats(filt)

    months = [measured(term, b"]") for _ in range(reps)]
    result["next_month"] = stats(months)
    for _ in range(reps):
        term.key(b"[", first_timeout=0.3)
    term.drain()

    idle_seconds = 10 if quick else 60
    nbytes, bursts = term.idle(idle_seconds)
    result["idle"] = {"seconds": idle_seconds, "bytes": nbytes, "bursts": bursts,
                      "bytes_per_minute": nbytes * 60 / idle_seconds}
    result["rss_mb"] = term.peak_rss_mb()
    result["exit"] = term.quit()
    return result


def measure_zoomed(term, moves):
    """`z`, then `j` up to `moves` times and `k` back as many, as the unzoomed moves, then `z` back. The zoomed
    title (收件箱（全宽）, or Inbox (full width)) must show in `z`'s burst: a binary without the key draws nothing for it
    (or not that), and the figure is then a note, not a measurement."""
    os.write(term.master, b"z")
    buf, first, _ = term.burst(1.0)
    term.drain(0.15)
    if first is None or not any(m in buf for m in ZOOMED_TITLE):
        return {"note": "n/a (no zoom: z drew no zoomed inbox)"}
    down = repeat_until_silent(term, b"j", moves)
    effective = sum(1 for s in down if s[0] is not None)
    up = [measured(term, b"k", first_timeout=0.3) for _ in range(effective)]
    term.key(b"z", first_timeout=0.5)
    term.drain()
    return stats(down + up)


# MARK: - neomutt, the reference

SUBJECT_WORDS = ["关于", "汾河", "排污口", "整治", "检察建议", "低保", "动态管理", "燃气", "安全隐患", "食品安全",
                 "校园", "食堂", "非法采砂", "耕地", "厂房", "执法", "罚没款", "上缴", "工伤认定", "医保基金"]
SENDERS = ["wangjian@wenshui.example", "zhaomin@wenshui.example", "hbj.li@wenshui.example"]


def maildir(n):
    """A Maildir with n messages with Chinese subjects (cached)."""
    path = os.path.join(CACHE, f"maildir-{n}")
    if os.path.exists(os.path.join(path, ".complete")):
        return path
    shutil.rmtree(path, ignore_errors=True)
    for sub in ("cur", "new", "tmp"):
        os.makedirs(os.path.join(path, sub))
    t = now()
    seed = 1
    for i in range(n):
        seed = (seed * 6364136223846793005 + 1442695040888963407) % (1 << 64)
        words = [SUBJECT_WORDS[(seed >> (8 * k)) % len(SUBJECT_WORDS)] for k in range(4)]
        subject = "".join(words)
        day = 1 + i % 28
        body = (f"From: {SENDERS[i % 3]}\nTo: oversight@wenshui.example\nSubject: {subject}\n"
                f"Date: Mon, {day:02d} Sep 2025 09:00:00 +0800\nMessage-ID: <{i}@bench.example>\n"
                "MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n"
                f"{subject}。\n")
        with open(os.path.join(path, "cur", f"{1700000000 + i}.{i}.bench:2,S"), "w", encoding="utf-8") as f:
            f.write(body)
    open(os.path.join(path, ".complete"), "w").close()
    log(f"bench: maildir of {n} messages made in {now() - t:.1f} s")
    return path


def measure_neomutt(n, quick):
    exe = shutil.which("neomutt")
    if not exe:
        return {"skipped": "neomutt is not installed"}
    box = maildir(n)
    cache = os.path.join(CACHE, f"hcache-{n}")
    os.makedirs(cache, exist_ok=True)
    rc = os.path.join(CACHE, f"muttrc-{n}")
    with open(rc, "w") as f:
        f.write(f'set folder="{box}"\nset spoolfile="{box}"\nset mbox_type=Maildir\nset header_cache="{cache}"\n'
                'set quit=yes\nset charset=utf-8\nset sort=date\nset mail_check=0\nset timeout=3600\n'
                'set help=yes\nset record=""\n')
    argv = [exe, "-n", "-F", rc, "-f", box]
    # Warm the header cache once.
    term = Terminal(argv, 24, 80, env())
    term.first_paint((b"NeoMutt",))
    term.quit()
    term = Terminal(argv, 24, 80, env())
    result = {"terminal": "80×24", "messages": n}
    paint, nbytes, tail = term.first_paint((b"NeoMutt",))
    result["first_paint_ms"] = paint
    if paint is None:
        result["error"] = f"no status line; last output {tail!r}"
        term.quit()
        return result
    # neomutt answers a move past the last message with a message, so it moves no further than the list goes.
    moves = min(60 if quick else 150, n - 1)
    down = [measured(term, b"j", first_timeout=0.3) for _ in range(moves)]
    up = [measured(term, b"k", first_timeout=0.3) for _ in range(moves)]
    result["move"] = stats(down + up)
    result["rss_mb"] = term.peak_rss_mb()
    term.quit()
    return result


# MARK: - Instructions per move

def callgrind_total(argv, markers, moves, dismiss=None, rows=24, cols=80):
    """The instructions (callgrind's Ir, every thread) of a whole session: start, `moves` moves (half `j`, then as
    many `k`), each waited for, then quit."""
    os.makedirs(RUN, exist_ok=True)
    out = os.path.join(RUN, f"callgrind-{os.getpid()}-{moves}.out")
    if os.path.exists(out):
        os.remove(out)
    term = Terminal(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", "--trace-children=no"] + argv,
                    rows, cols, env())
    paint, _, tail = term.first_paint(markers, deadline=600.0, given_up=300.0)
    if paint is None:
        term.quit()
        raise RuntimeError(f"no first paint under valgrind: {tail!r}")
    if dismiss:
        term.key(dismiss, first_timeout=10.0, gap=0.3)
    term.drain(0.5)
    for key in [b"j"] * (moves // 2) + [b"k"] * (moves // 2):
        term.key(key, first_timeout=10.0, gap=0.3)
    term.quit()
    deadline = now() + 120
    while now() < deadline and not os.path.exists(out):
        time.sleep(0.2)
    total = None
    try:
        with open(out) as f:
            for line in f:
                if line.startswith(("summary:", "totals:")):
                    total = int(line.split()[1])
    finally:
        if os.path.exists(out):
            os.remove(out)
    if total is None:
        raise RuntimeError("callgrind wrote no total")
    return total


def instructions_per_move(argv, markers, dismiss=None, n=40):
    """(Ir with 2n moves − Ir with n moves) / n: what a move costs, start and quit cancelled out."""
    a = callgrind_total(argv, markers, n, dismiss)
    b = callgrind_total(argv, markers, 2 * n, dismiss)
    return max(0, b - a) / n


def measure_instructions(binary, db_path, n, reach=None):
    """Instructions per move at 80×24 for Oversight (王建国) and, where installed, neomutt on as many messages, over N
    and 2N moves: N = 40, or fewer where the inbox has no room for 2N moves down (`reach`, measured by the workbench's
    run): a key past the end moves nothing yet counted as a move (on the demo's 28 rows, 26 of the 2N walk's 80 keys
    were such, and the count came to 3.8 M where a walk inside the inbox counts 5.8 M). Both programs take the same N."""
    moves = max(2, min(40, reach or 40) // 2 * 2)
    result = {}
    if not shutil.which("valgrind"):
        return {"skipped": "valgrind is not installed"}
    copy = fresh_copy(db_path, f"callgrind-{n}")
    # valgrind 3.19 cannot read the debug information Swift writes ("possibly corrupted debuginfo"): a copy without
    # it, beside the binary (where its resource bundle is found), runs the same instructions.
    stripped = binary + ".callgrind"
    subprocess.run(["strip", "--strip-debug", "-o", stripped, binary], check=True)
    try:
        result["oversight"] = instructions_per_move([stripped, "--db", copy, "--user", USER, "--today", TODAY], TITLE,
                                                    dismiss=b"x", n=moves)
    except (RuntimeError, OSError) as e:
        result["oversight_error"] = str(e)[:300]
    finally:
        remove_db(copy)
        os.remove(stripped)
    exe = shutil.which("neomutt")
    if exe:
        box = maildir(n or 43)
        rc = os.path.join(CACHE, f"muttrc-{n or 43}")
        if os.path.exists(rc):
            try:
                result["neomutt"] = instructions_per_move([exe, "-n", "-F", rc, "-f", box], (b"NeoMutt",), n=moves)
            except (RuntimeError, OSError) as e:
                result["neomutt_error"] = str(e)[:300]
    result["moves"] = moves
    return result


# MARK: - Concurrent writers

def measure_writers(bench_binary, db_path, n, sessions, writes):
    copy = fresh_copy(db_path, f"writers-{n}-{sessions}")
    try:
        out = subprocess.run([bench_binary, "writers", "--db", copy, "--sessions", str(sessions), "--writes",
                              str(writes), "--today", TODAY], capture_output=True, text=True, timeout=900)
    finally:
        remove_db(copy)
    if out.returncode != 0:
        return {"sessions": sessions, "error": out.stderr.strip()[-500:]}
    return json.loads(out.stdout.strip().splitlines()[-1])


# MARK: - Bulk jobs

ADMIN = "root"  # the demo's administrator
BULK_TARGETS = {"export_s": 3, "export_mb": 100, "report_ms": 300, "list_first_ms": 300, "import_s": 30, "import_mb": 200,
                "generate_per_s": 2000}


def timed(argv, first_lines=None, timeout=1800):
    """Runs argv, reading its standard output as it comes: wall seconds, bytes written, peak resident MB (the child's
    own, from wait4), the exit status, and the seconds to its first `first_lines` lines (a first screenful)."""
    t = now()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=bulk_env())
    size, lines, first = 0, 0, None
    fd = proc.stdout.fileno()
    while True:
        chunk = os.read(fd, 1 << 16)
        if not chunk:
            break
        size += len(chunk)
        if first_lines and first is None:
            lines += chunk.count(b"\n")
            if lines >= first_lines:
                first = now() - t
        if now() - t > timeout:
            proc.kill()
            break
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    took = now() - t
    proc.returncode = os.waitstatus_to_exitcode(status)
    return {"s": took, "bytes": size, "rss_mb": usage.ru_maxrss / 1024, "status": proc.returncode,
            "first_s": first if first is not None else (took if first_lines else None),
            "error": err.decode(errors="replace").strip()[-300:] if proc.returncode else None}


def bulk_env():
    e = dict(os.environ)
    for name in ("OVERSIGHT_DB", "OVERSIGHT_USER", "OVERSIGHT_TODAY", "OVERSIGHT_LANG"):
        e.pop(name, None)
    return e


def best(runs):
    """The median run (by wall time) of several."""
    ok = sorted((r for r in runs if r["status"] == 0), key=lambda r: r["s"])
    return ok[len(ok) // 2] if ok else runs[-1]


def measure_bulk(binary, db_path, n, quick):
    """The bulk jobs on a copy of the database, each the median of 3 runs (1 with --quick): export (CSV, JSON, ICS)
    as 王建国 and as the administrator, report, matter list --all (its first screenful and the whole). With --quick
    above 100,000 matters the jobs no target names (JSON, ICS, the administrator's export, the whole list as JSON) are
    left out: at 1,000,000 they took a minute and a half of a quick run."""
    copy = fresh_copy(db_path, f"bulk-{n}")
    runs = 1 if quick else 3
    out = {}
    try:
        def job(name, user, args, first_lines=None):
            argv = [binary] + args + ["--db", copy, "--user", user, "--today", TODAY]
            r = best([timed(argv, first_lines) for _ in range(runs)])
            r["user"] = user
            out[name] = r
            log(f"bench:   {name}: {r['s']:.2f} s, {r['bytes'] / 1e6:.1f} MB out, {r['rss_mb']:.0f} MB peak"
                + (f", first screenful {r['first_s'] * 1000:.0f} ms" if first_lines else "")
                + (f" — exit {r['status']}: {r['error']}" if r["status"] else ""))
        lean = quick and n > 100000
        for fmt in ("csv",) if lean else ("csv", "json", "ics"):
            job(f"export_{fmt}", USER, ["export", "--format", fmt])
        if not lean:
            job("export_csv_admin", ADMIN, ["export", "--format", "csv"])
        job("report", USER, ["report"])
        job("report_admin", ADMIN, ["report"])
        job("report_json", USER, ["report", "--format", "json"])
        job("matter_list", USER, ["matter", "list", "--all"], first_lines=24)
        if not lean:
            job("matter_list_json", USER, ["matter", "list", "--all", "--json"], first_lines=24)
    finally:
        remove_db(copy)
    return out


def measure_import(binary, rows):
    """A ledger of `rows` suggestions (scripts/ledger.py) imported into an empty `init` database."""
    os.makedirs(RUN, exist_ok=True)
    ledger = os.path.join(RUN, f"ledger-{rows}.csv")
    subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "ledger.py"), str(rows), ledger], check=True)
    db = os.path.join(RUN, "import.sqlite")
    remove_db(db)
    try:
        made = subprocess.run([binary, "init", "--db", db, "--user", ADMIN, "--admin", ADMIN, "--today", TODAY],
                              capture_output=True, text=True, env=bulk_env())
        if made.returncode != 0:
            return {"rows": rows, "error": made.stderr.strip()[-300:]}
        r = timed([binary, "import", ledger, "--db", db, "--user", ADMIN, "--today", TODAY])
        r["rows"] = rows
        return r
    finally:
        remove_db(db)
        os.remove(ledger)


# MARK: - Report

def machine():
    cpu = "?"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = "?"
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemTotal:"):
                    mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return {"nproc": os.cpu_count(), "cpu": cpu, "memory": mem, "kernel": platform.release()}


def mark(value, limit):
    if value is None:
        return "—"
    return "met" if value <= limit else "missed"


def ms(value):
    return "—" if value is None else (f"{value:.1f}" if value < 100 else f"{value:.0f}")


def key_cell(s, target_p99=None, target_bytes=None):
    """median / p99 ms (met?), mean bytes (met?), n keys (of which silent: no output, e.g. at the end of the list)."""
    if "p50_ms" not in s:
        return f"silent ({s.get('keys', 0)} keys)"
    cell = f"{ms(s['p50_ms'])} / {ms(s['p99_ms'])} ms"
    if target_p99 is not None:
        cell += f" ({mark(s['p99_ms'], target_p99)})"
    cell += f", {s['bytes']:.0f} B"
    if target_bytes is not None:
        cell += f" ({mark(s['bytes'], target_bytes)})"
    cell += f", {s['keys']} keys"
    if s.get("silent"):
        cell += f" ({s['silent']} silent)"
    return cell


def zoomed_cell(z):
    """The zoomed moves as the move cell, against the zoomed bytes target; a note where there was no zoom."""
    if z is None:
        return "—"
    if isinstance(z, str):  # results.json of an older run
        return z
    if "note" in z:
        return z["note"]
    return key_cell(z, TARGETS["move_p99_ms"], TARGETS["move_bytes_zoomed"])


def report(results, args):
    m = results["machine"]
    lines = ["# Benchmark results", "",
             f"Machine: {m['nproc']} × {m['cpu']}, {m['memory']}, Linux {m['kernel']}. "
             f"Binary: `{results['binary']}`. {'Quick run' if args.quick else 'Full run'}, "
             f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}.", "",
             "Key cells: median / p99 latency (write of the key → last byte of its burst), mean bytes per key.", "",
             "| matters | terminal | first paint (≤ 150 ms) | move (p99 ≤ 2 ms, ≤ 300 B) | page down | action menu "
             "| filter 排 (p99 ≤ 20 ms) | next month | idle (clock only) | zoomed move (p99 ≤ 2 ms, ≤ 150 B) | peak RSS (≤ 150 MB) |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    for row in results["workbench"]:
        if "error" in row and "move" not in row:
            lines.append(f"| {row['label']} | {row['terminal']} | error: {row['error'][:120]} |" + " |" * 8)
            continue
        move = row["move"]
        move_cell = key_cell(move, TARGETS["move_p99_ms"], TARGETS["move_bytes"])
        idle = row["idle"]
        allowed = max(1, math.ceil(idle["seconds"] / 60))
        idle_cell = (f"{idle['bytes_per_minute']:.0f} B/min, {idle['bursts']} bursts in {idle['seconds']} s "
                     f"({'met' if idle['bursts'] <= allowed else 'missed'})")
        rss = row["rss_mb"]
        lines.append(
            f"| {row['label']} | {row['terminal']} | {ms(row['first_paint_ms'])} ms "
            f"({mark(row['first_paint_ms'], TARGETS['first_paint_ms'])}) | {move_cell} | {key_cell(row['page_down'])} "
            f"| {key_cell(row['menu'])} | {key_cell(row['filter'], TARGETS['filter_p99_ms'])} "
            f"| {key_cell(row['next_month'])} | {idle_cell} | {zoomed_cell(row.get('zoomed'))} "
            f"| {'—' if rss is None else f'{rss:.0f} MB'} ({mark(rss, TARGETS['rss_mb'])}) |")
    lines += ["", "Generation: " + ", ".join(
        f"N={n}: {'cached' if t is None else f'{t:.1f} s'}" for n, t in results["generation"].items()), ""]

    lines += ["## Bulk jobs", "",
              "Wall time (median of the runs), bytes written, peak resident memory; the user is 王建国 unless marked admin.", "",
              "| matters | export CSV (≤ 3 s, ≤ 100 MB) | CSV, admin | JSON | ICS | report (≤ 300 ms) | report, admin "
              "| matter list --all: first screenful (≤ 300 ms) / whole | --json |",
              "|---|---|---|---|---|---|---|---|---|"]

    def bulk_cell(r, target_s=None, target_mb=None):
        if r is None:
            return "—"
        if r["status"]:
            return f"exit {r['status']}"
        cell = f"{ms(r['s'] * 1000)} ms" if r["s"] < 1 else f"{r['s']:.1f} s"
        if target_s is not None:
            cell += f" ({mark(r['s'], target_s)})"
        cell += f", {r['bytes'] / 1e6:.1f} MB out, {r['rss_mb']:.0f} MB"
        if target_mb is not None:
            cell += f" ({mark(r['rss_mb'], target_mb)})"
        return cell

    for b in results.get("bulk", []):
        lst, lj = b.get("matter_list"), b.get("matter_list_json")

        def first(r):
            if r is None or r["status"]:
                return "—"
            return f"{ms(r['first_s'] * 1000)} ms ({mark(r['first_s'] * 1000, BULK_TARGETS['list_first_ms'])}) / {r['s']:.2f} s"
        lines.append(
            f"| {b['label']} | {bulk_cell(b.get('export_csv'), BULK_TARGETS['export_s'], BULK_TARGETS['export_mb'])} "
            f"| {bulk_cell(b.get('export_csv_admin'), BULK_TARGETS['export_s'], BULK_TARGETS['export_mb'])} "
            f"| {bulk_cell(b.get('export_json'))} | {bulk_cell(b.get('export_ics'))} "
            f"| {bulk_cell(b.get('report'), BULK_TARGETS['report_ms'] / 1000)} "
            f"| {bulk_cell(b.get('report_admin'), BULK_TARGETS['report_ms'] / 1000)} | {first(lst)} | {first(lj)} |")
    imp = results.get("import")
    if imp:
        if "error" in imp and imp.get("status") is None:
            lines += ["", f"Import of a {imp['rows']:,}-row ledger: error: {imp['error']}"]
        else:
            lines += ["", f"Import of a {imp['rows']:,}-row ledger (scripts/ledger.py) into an empty database: "
                          + bulk_cell(imp, BULK_TARGETS["import_s"], BULK_TARGETS["import_mb"])
                          + f", {imp['rows'] / imp['s']:.0f} rows/s."]
    rates = [f"N={n}: {int(n) / t:.0f} matters/s ({mark(-int(n) / t, -BULK_TARGETS['generate_per_s'])})"
             for n, t in results["generation"].items() if t and 0 < int(n) and (int(n) <= REPLICATE_FROM or GENERATE_ALL)]
    if rates:
        lines += ["", "Generation through the write path (≥ 2,000 matters/s): " + ", ".join(rates) + "."]
    lines.append("")

    ins = results.get("instructions", [])
    if ins:
        lines += ["## Instructions per move (callgrind, 80×24)", "",
                  "Counted with `valgrind --tool=callgrind` over two sessions of N and 2N moves (half `j`, half `k`, each "
                  "waited for): (Ir(2N) − Ir(N)) / N, so start and quit cancel out. Deterministic enough to follow on a "
                  "busy machine; N is 40, or fewer where the inbox has no room for 2N moves down (a key past its end "
                  "moves nothing). Target: ≤ 1.5 × neomutt's.", "",
                  "| matters | N | Oversight | neomutt | ratio (≤ 1.5) |", "|---|---|---|---|---|"]
        for i in ins:
            o, nm = i.get("oversight"), i.get("neomutt")
            ratio = f"{o / nm:.2f} ({mark(o / nm, 1.5)})" if o and nm else "—"
            lines.append(f"| {i['label']} | {i.get('moves', '—')} | {f'{o:,.0f}' if o else i.get('oversight_error', '—')} "
                         f"| {f'{nm:,.0f}' if nm else i.get('neomutt_error', i.get('skipped', '—'))} | {ratio} |")
        lines.append("")

    lines += ["## Concurrent writers", "",
              "| matters | sessions × writes | throughput | write p50 / p99 / max | errors | lost writes | target (100 sessions: none lost, p99 ≤ 100 ms) |",
              "|---|---|---|---|---|---|---|"]
    for w in results["writers"]:
        if "error" in w:
            lines.append(f"| {w['label']} | {w['sessions']} | error: {w['error'][:200]} | | | | |")
            continue
        errors = ", ".join(f"{k} {v}" for k, v in sorted(w["errors"].items())) or "none"
        met = "met" if w["lost_writes"] == 0 and w["p99_ms"] <= TARGETS["write_p99_ms"] and not w["errors"] else "missed"
        lines.append(
            f"| {w['label']} | {w['sessions']} × {w['writes_per_session']} | {w['throughput']:.0f} writes/s "
            f"| {ms(w['p50_ms'])} / {ms(w['p99_ms'])} / {ms(w['max_ms'])} ms | {errors} | {w['lost_writes']} | {met} |")

    lines += ["", "## neomutt, the reference (80×24, same harness)", ""]
    if not results["neomutt"]:
        lines.append("Not run.")
    else:
        lines += ["| messages | first paint | move | ours / neomutt: first paint, move p50, move p99, bytes per move |",
                  "|---|---|---|---|"]
        for nm in results["neomutt"]:
            if "skipped" in nm or "error" in nm:
                lines.append(f"| {nm.get('label', '')} | {nm.get('skipped') or nm.get('error')[:200]} | | |")
                continue
            ours = next((r for r in results["workbench"] if r["label"] == nm["label"] and r["terminal"] == "80×24"), None)
            ratio = "—"
            if ours and "move" in ours and "p50_ms" in ours["move"] and "p50_ms" in nm["move"]:
                def q(a, b):
                    return f"{a / b:.2f}" if a is not None and b else "—"
                ratio = " · ".join([q(ours["first_paint_ms"], nm["first_paint_ms"]),
                                    q(ours["move"]["p50_ms"], nm["move"]["p50_ms"]),
                                    q(ours["move"]["p99_ms"], nm["move"]["p99_ms"]),
                                    q(ours["move"]["bytes"], nm["move"]["bytes"])])
            lines.append(f"| {nm['label']} | {ms(nm['first_paint_ms'])} ms | {key_cell(nm['move'])} | {ratio} |")
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(prog="scripts/bench", description=__doc__.split("\n")[0])
    ap.add_argument("--binary", help="the oversight binary to measure (default: build release)")
    ap.add_argument("--bench-binary", help="the oversight-bench binary (default: build it)")
    ap.add_argument("--sizes", default="10000,100000,1000000",
                    help="generated matters per database, comma-separated; the plain demo (0, 43 matters) is always measured too")
    ap.add_argument("--quick", action="store_true", help="fewer repetitions, 10 s idle, no neomutt above 100000")
    ap.add_argument("--out", default=os.path.join(BENCH, "results.md"), help="the Markdown table (default .bench/results.md)")
    ap.add_argument("--no-neomutt", action="store_true", help="skip the neomutt reference")
    ap.add_argument("--no-writers", action="store_true", help="skip the concurrent writers")
    ap.add_argument("--no-bulk", action="store_true", help="skip the bulk jobs (export, report, matter list, import)")
    ap.add_argument("--no-callgrind", action="store_true", help="skip the instructions per move (valgrind)")
    ap.add_argument("--import-rows", type=int, default=100000, help="rows of the imported ledger (0: no import)")
    ap.add_argument("--generate-all", action="store_true",
                    help="generate every size through the write path (1,000,000 takes hours here) instead of replicating 100,000")
    args = ap.parse_args()
    global GENERATE_ALL
    GENERATE_ALL = args.generate_all
    sizes = sorted({0} | {int(s) for s in args.sizes.split(",") if s.strip()})

    products = []
    binary, bench_binary = args.binary, args.bench_binary
    if not binary:
        products.append("oversight")
        binary = os.path.join(ROOT, ".build", "release", "oversight")
    if not bench_binary and not args.no_writers:
        products.append("oversight-bench")
        bench_binary = os.path.join(ROOT, ".build", "release", "oversight-bench")
    if products:
        build(products)
    built = "oversight" in products
    binary = os.path.abspath(binary)

    if not args.no_neomutt and not shutil.which("neomutt"):
        if os.geteuid() == 0 and shutil.which("apt-get"):
            log("bench: installing neomutt (apt-get install -y neomutt)")
            apt_env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
            if subprocess.run(["apt-get", "install", "-y", "-q", "neomutt"], stdout=subprocess.DEVNULL, env=apt_env).returncode:
                subprocess.run(["apt-get", "update", "-q"], stdout=subprocess.DEVNULL, env=apt_env)  # a fresh machine's lists
                subprocess.run(["apt-get", "install", "-y", "-q", "neomutt"], stdout=subprocess.DEVNULL, env=apt_env)
        if not shutil.which("neomutt"):
            log("bench: neomutt is not installed and cannot be here: skipping the reference")

    key = generator_hash()
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    results = {"machine": machine(), "binary": binary + (f" (built from {commit})" if built else ""), "quick": args.quick, "generation": {}, "workbench": [],
               "writers": [], "neomutt": [], "bulk": [], "instructions": []}
    dbs = {}
    for n in sizes:
        dbs[n], results["generation"][n] = database(binary, n, key)

    for n in sizes:
        label = "43 (demo)" if n == 0 else f"{n:,}"
        for rows, cols in TERMINALS:
            copy = fresh_copy(dbs[n], f"tui-{n}-{cols}x{rows}")
            log(f"bench: workbench N={n} at {cols}×{rows}")
            try:
                r = measure_oversight(binary, copy, rows, cols, args.quick)
            except OSError as e:  # the program went away under the harness (crashed, or quit early)
                r = {"terminal": f"{cols}×{rows}", "error": f"the terminal failed: {e}"}
            finally:
                remove_db(copy)
            r["label"] = label
            results["workbench"].append(r)
            log("bench:   " + json.dumps({k: v for k, v in r.items() if k in ("first_paint_ms", "move", "rss_mb", "error")},
                                        ensure_ascii=False))
        if not args.no_bulk:
            log(f"bench: bulk jobs N={n}")
            b = measure_bulk(binary, dbs[n], n, args.quick)
            b["label"] = label
            results["bulk"].append(b)
        if not args.no_writers:
            for sessions in (10, 50, 100):
                log(f"bench: writers N={n}, {sessions} sessions")
                w = measure_writers(bench_binary, dbs[n], n, sessions, 10 if args.quick else 20)
                w["label"] = label
                results["writers"].append(w)
                log("bench:   " + json.dumps({k: w.get(k) for k in ("throughput", "p50_ms", "p99_ms", "max_ms", "errors",
                                                                      "lost_writes", "error")}))
        if not args.no_neomutt and shutil.which("neomutt"):
            if args.quick and n > 100000:
                results["neomutt"].append({"label": label, "skipped": "above 100,000 messages in --quick"})
            else:
                log(f"bench: neomutt with {n or 43} messages")
                nm = measure_neomutt(n or 43, args.quick)
                nm["label"] = label
                results["neomutt"].append(nm)
        # After neomutt's own run, which made its Maildir and muttrc.
        if not args.no_callgrind and n <= 100000:
            log(f"bench: instructions per move N={n} (callgrind)")
            reach = next((w.get("reach") for w in results["workbench"] if w.get("label") == label and w.get("terminal") == "80×24"), None)
            i = measure_instructions(binary, dbs[n], n, reach)
            i["label"] = label
            results["instructions"].append(i)
            log("bench:   " + json.dumps(i, ensure_ascii=False))

    if not args.no_bulk and args.import_rows:
        log(f"bench: import of a {args.import_rows}-row ledger")
        results["import"] = measure_import(binary, args.import_rows)

    text = report(results, args)
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w") as f:
        f.write(text)
    with open(os.path.splitext(args.out)[0] + ".json", "w") as f:
        json.dump(results, f, ensure_ascii=False, indent=1)
    print(text)
    log(f"bench: wrote {args.out}")


if __name__ == "__main__":
    main()
