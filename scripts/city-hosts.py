'''The city bench (issue 23): front-end hosts as network namespaces over TCP to a PostgreSQL host, many counties' parts,
hundreds of workbench sessions at once, the database stopped and started mid-run.

Run it as scripts/city-hosts (root: it makes network namespaces); see `scripts/city-hosts --help`. Python 3 standard
library only; reuses scripts/bench.py for the cached demo database.

The machine as a small city: a bridge, a namespace `oc-db` with the PostgreSQL server (scripts/pg-cluster, listening
on 10.231.0.1), and front-end hosts `oc-h1`…`oc-hN` (10.231.0.11…), each joined to the bridge by a veth pair. The
demo database of --matters matters (ten counties: a city's file) is moved into the shared database once
(`oversight migrate`), and its part cloned to --parts parts (pg_dump of the schema, renamed: each part a county of
--matters matters). Each host runs `oversight-bench sessions` (the workbench's own loop per session, its frames as
80x24 cells, one connection each) for its share of --sessions, spread over the parts; people arrive over --ramp-s
seconds, move --moves times a think apart and write --writes notes. --stop-after S --stop-for T stops the database S
seconds after the first session starts. The same county's load (--sessions / --parts sessions) is then run on the
SQLite file alone, for the figures to compare. --sessions 100,250,500 runs each load in turn on the same database (the
stop in the last). CPU: the hosts' processes and the server's (its postmaster with the backends it reaped), per move or
write. Everything made is removed at the end.
'''
import argparse
import json
import os
import resource
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench  # noqa: E402

ROOT = bench.ROOT
CLUSTER = os.path.join(ROOT, "scripts", "pg-cluster")
NET = "10.231.0"
DB_NS = "oc-db"
BRIDGE = "oc-br"


def sh(argv, check=True, **kw):
    r = subprocess.run(argv, capture_output=True, text=True, **kw)
    if check and r.returncode != 0:
        sys.exit(f"city-hosts: {' '.join(argv)} failed ({r.returncode}): {(r.stderr or r.stdout).strip()[-600:]}")
    return r


def in_ns(ns, argv):
    return ["ip", "netns", "exec", ns] + argv


def hosts(n):
    return [f"oc-h{i + 1}" for i in range(n)]


def network_up(n):
    '''The bridge, the database's namespace and n front-end hosts, each with its veth pair.'''
    network_down(n)
    sh(["ip", "link", "add", BRIDGE, "type", "bridge"])
    sh(["ip", "link", "set", BRIDGE, "up"])
    for k, ns in enumerate([DB_NS] + hosts(n)):
        address = f"{NET}.1" if ns == DB_NS else f"{NET}.{10 + k}"
        outer = f"v-{ns}"
        sh(["ip", "netns", "add", ns])
        sh(["ip", "link", "add", outer, "type", "veth", "peer", "name", "eth0", "netns", ns])
        sh(["ip", "link", "set", outer, "master", BRIDGE, "up"])
        sh(in_ns(ns, ["ip", "addr", "add", f"{address}/24", "dev", "eth0"]))
        sh(in_ns(ns, ["ip", "link", "set", "eth0", "up"]))
        sh(in_ns(ns, ["ip", "link", "set", "lo", "up"]))


def network_down(n):
    for ns in [DB_NS] + hosts(max(n, 8)):
        sh(["ip", "netns", "del", ns], check=False)
        sh(["ip", "link", "del", f"v-{ns}"], check=False)
    sh(["ip", "link", "del", BRIDGE], check=False)


def psql(url, sql):
    return sh(["psql", url, "-qAtc", sql]).stdout.strip()


def percentiles(xs):
    xs = sorted(xs)
    if not xs:
        return {"n": 0}

    def at(q):
        return round(xs[min(len(xs) - 1, int(round((len(xs) - 1) * q)))], 1)
    return {"n": len(xs), "p50": at(0.5), "p90": at(0.9), "p99": at(0.99), "max": round(xs[-1], 1)}


def summarise(lines, stopped=None):
    '''The figures of session lines (oversight-bench sessions): first paint, moves and writes, p50/p90/p99; with an
    outage (stopped: start, end), the moves and writes before it and from a settling second after it apart.'''
    out = {"sessions": len(lines), "problems": {}}
    for line in lines:
        for p in line.get("problems", []):
            out["problems"][p] = out["problems"].get(p, 0) + 1
    out["connect_ms"] = percentiles([x["connect_ms"] for x in lines if "connect_ms" in x])
    out["first_paint_ms"] = percentiles([x["first_paint_ms"] for x in lines if "first_paint_ms" in x])
    moves = [(t, ms) for x in lines for t, ms in zip(x.get("move_at", []), x.get("move_ms", []))]
    writes = [w for x in lines for w in x.get("writes", [])]
    out["screens_with_detail"] = sum(1 for x in lines if x.get("screen_has_detail"))
    out["said_unavailable"] = sum(1 for x in lines if "unavailable_from" in x)
    out["said_back"] = sum(1 for x in lines if x.get("said_back"))
    out["writes_ok"] = sum(1 for w in writes if w["ok"])
    out["writes_refused"] = {}
    for w in writes:
        if not w["ok"]:
            out["writes_refused"][w.get("kind", "?")] = out["writes_refused"].get(w.get("kind", "?"), 0) + 1
    if stopped:
        a, b = stopped
        out["move_ms"] = percentiles([ms for t, ms in moves if t < a or t > b + 1])
        out["move_ms_during_outage"] = percentiles([ms for t, ms in moves if a <= t <= b + 1])
        out["write_ms"] = percentiles([w["ms"] for w in writes if w["ok"] and (w["start"] < a or w["start"] > b + 1)])
        after = [w for w in writes if w["start"] > b]
        out["writes_after_restart"] = len(after)
        out["writes_after_restart_ok"] = sum(1 for w in after if w["ok"])
        firsts = []
        for x in lines:
            ok = [w["start"] for w in x.get("writes", []) if w["ok"] and w["start"] > b]
            if ok:
                firsts.append(min(ok) - b)
        out["first_write_after_restart_s"] = percentiles(firsts)
        # How long after the restart each session that said so stopped saying the database could not be reached
        # (its first frame without it comes with its next key, a think time later at most).
        out["unavailable_shown_after_restart_s"] = percentiles(
            [max(0, x["unavailable_to"] - b) for x in lines if "unavailable_to" in x])
        out["writes_during_outage"] = sum(1 for w in writes if a <= w["start"] <= b)
        out["writes_during_outage_ok"] = sum(1 for w in writes if a <= w["start"] <= b and w["ok"])
    else:
        out["move_ms"] = percentiles([ms for _, ms in moves])
        out["write_ms"] = percentiles([w["ms"] for w in writes if w["ok"]])
    return out


def rss_mb(pid):
    '''A process's resident memory (MB), 0 when it is gone.'''
    try:
        for line in open(f"/proc/{pid}/status"):
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0


def postgres_pss_mb():
    '''The proportional memory of every postgres process (MB): shared buffers counted once across them.'''
    total = 0
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            if open(f"/proc/{pid}/comm").read().strip() != "postgres":
                continue
            for line in open(f"/proc/{pid}/smaps_rollup"):
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


def postmaster_cpu_s(folder):
    '''The CPU time of the server (its postmaster and every backend it has reaped), seconds.'''
    try:
        pid = open(os.path.join(folder, "data", "postmaster.pid")).readline().strip()
        fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
        ticks = os.sysconf("SC_CLK_TCK")
        return sum(int(fields[i]) for i in (11, 12, 13, 14)) / ticks  # utime stime cutime cstime
    except (OSError, ValueError, IndexError):
        return 0.0


def children_cpu_s():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


class Memory(threading.Thread):
    '''The peaks of the hosts' memory and the server's while the sessions run, sampled each second.'''

    def __init__(self, pids):
        super().__init__(daemon=True)
        self.pids, self.hosts_mb, self.server_mb, self.connections, self.done = pids, 0, 0, 0, threading.Event()

    def run(self):
        while not self.done.wait(1):
            self.hosts_mb = max(self.hosts_mb, sum(rss_mb(p) for p in self.pids))
            self.server_mb = max(self.server_mb, postgres_pss_mb())


def run_load(args, count, urls, parts, admin, folder, stop_after):
    '''`count` sessions spread over the hosts and the parts; the database stopped `stop_after` seconds in (0: not).'''
    tag = f"city-hosts-{count}-{int(time.time())}"
    share = [count // args.hosts + (1 if k < count % args.hosts else 0) for k in range(args.hosts)]
    runs, outs = [], []
    bench.log(f"city-hosts: {count} sessions on {args.hosts} hosts over {len(parts)} parts")
    cpu_hosts, cpu_server = children_cpu_s(), postmaster_cpu_s(folder)
    begun = time.monotonic()
    for k, ns in enumerate(hosts(args.hosts)):
        out = os.path.join(bench.RUN, f"city-hosts-{ns}.jsonl")
        outs.append(out)
        runs.append(subprocess.Popen(in_ns(ns, [
            args.bench_binary, "sessions", "--db", urls, "--sessions", str(share[k]), "--moves", str(args.moves),
            "--writes", str(args.writes), "--think-ms", str(args.think_ms), "--ramp-s", str(args.ramp_s),
            "--today", bench.TODAY, "--tag", tag, "--out", out]), stderr=subprocess.PIPE, text=True))
    memory = Memory([r.pid for r in runs])
    memory.start()
    result, stopped = {}, None
    if stop_after > 0:
        time.sleep(max(0, begun + stop_after - time.monotonic()))
        a = time.monotonic()
        sh(in_ns(DB_NS, [CLUSTER, "pause", folder]))
        bench.log(f"city-hosts: the database stopped at {a - begun:.1f} s")
        time.sleep(args.stop_for)
        sh(in_ns(DB_NS, [CLUSTER, "resume", folder]))
        b = time.monotonic()
        bench.log(f"city-hosts: the database started again at {b - begun:.1f} s")
        stopped = (a, b)
        result["stopped_at_s"], result["started_at_s"] = round(a - begun, 1), round(b - begun, 1)
        cpu_server = None  # a new postmaster: its time is not comparable
    for k, r in enumerate(runs):
        _, err = r.communicate()
        if r.returncode != 0:
            sys.exit(f"city-hosts: host {k + 1}'s sessions failed: {err[-600:]}")
    memory.done.set()
    result["seconds"] = round(time.monotonic() - begun, 1)
    lines = [json.loads(x) for out in outs for x in open(out) if x.strip()]
    result.update(summarise(lines, stopped))
    result["by_host"] = {ns: summarise([json.loads(x) for x in open(out) if x.strip()], stopped)["move_ms"]
                         for ns, out in zip(hosts(args.hosts), outs)}
    noted = sum(int(psql(admin, f"SELECT count(*) FROM county_{p}.event WHERE action = 'note' AND text LIKE '{tag} %'"))
                for p in parts)
    result["writes_in_database"] = noted
    result["lost_writes"] = result["writes_ok"] - noted
    moves = result["move_ms"]["n"] + result.get("move_ms_during_outage", {}).get("n", 0)
    result["cpu_s"] = {"hosts": round(children_cpu_s() - cpu_hosts, 1)}
    if cpu_server is not None:
        result["cpu_s"]["server"] = round(postmaster_cpu_s(folder) - cpu_server, 1)
    result["cpu_ms_per_move_and_write"] = {k: round(v * 1000 / max(moves + len(lines) * args.writes, 1), 2)
                                          for k, v in result["cpu_s"].items()}
    result["peak_memory_mb"] = {"hosts": round(memory.hosts_mb), "server": round(memory.server_mb),
                                "hosts_per_session": round(memory.hosts_mb / max(count, 1), 2)}
    return result


def main():
    ap = argparse.ArgumentParser(prog="scripts/city-hosts", description=__doc__.split("\n")[0])
    ap.add_argument("--binary", default=os.path.join(ROOT, ".build/release/oversight"))
    ap.add_argument("--bench-binary", default=os.path.join(ROOT, ".build/release/oversight-bench"))
    ap.add_argument("--matters", type=int, default=100000, help="matters of the demo a part is made from")
    ap.add_argument("--parts", type=int, default=10, help="counties' parts in the shared database")
    ap.add_argument("--hosts", type=int, default=2, help="front-end hosts (network namespaces)")
    ap.add_argument("--sessions", default="500", help="sessions at once, or several loads run in turn (100,250,500)")
    ap.add_argument("--moves", type=int, default=20)
    ap.add_argument("--writes", type=int, default=2)
    ap.add_argument("--think-ms", type=int, default=3000)
    ap.add_argument("--ramp-s", type=float, default=30)
    ap.add_argument("--stop-after", type=float, default=0,
                    help="seconds after the start of the last load to stop the database (0: never)")
    ap.add_argument("--stop-for", type=float, default=5)
    ap.add_argument("--no-sqlite", action="store_true", help="skip the SQLite run of one county's share")
    ap.add_argument("--out", default=os.path.join(bench.BENCH, "city-hosts.json"))
    args = ap.parse_args()
    if os.geteuid() != 0:
        sys.exit("city-hosts: network namespaces need root")
    for path in (args.binary, args.bench_binary):
        if not os.access(path, os.X_OK):
            sys.exit(f"city-hosts: {path} is missing: swift build -c release")
    os.makedirs(bench.RUN, exist_ok=True)
    results = {"machine": bench.machine(), "arguments": vars(args)}
    # memory and CPU at the server are the database's alone: run with nothing else on the machine
    source, _ = bench.database(args.binary, args.matters, bench.generator_hash())
    sqlite = bench.fresh_copy(source, "city-hosts")
    counties = [c["id"] for c in json.loads(sh([args.binary, "--db", sqlite, "--user", "root", "--today", bench.TODAY,
                                                  "county", "list", "--json"]).stdout) if c["level"] == "county"]
    parts = [f"{c}" for c in counties][: args.parts]
    while len(parts) < args.parts:
        parts.append(f"part{len(parts) + 1}")
    folder = None
    network_up(args.hosts)
    try:
        env = dict(os.environ, PG_LISTEN=f"{NET}.1", PG_MAX_CONNECTIONS=str(max(int(x) for x in args.sessions.split(",")) + 100))
        folder = subprocess.run(in_ns(DB_NS, [CLUSTER, "start"]), capture_output=True, text=True, env=env).stdout.strip()
        if not folder:
            sys.exit("city-hosts: scripts/pg-cluster start failed")
        admin = open(os.path.join(folder, "url")).read().strip().replace("/postgres?", "/city?")
        tcp = open(os.path.join(folder, "tcp-url")).read().strip().replace("/postgres", "/city")
        sh(["psql", admin.replace("/city?", "/postgres?"), "-qc", "CREATE DATABASE city"])
        bench.log(f"city-hosts: moving the demo of {args.matters:,} matters into part {parts[0]}")
        t = time.monotonic()
        sh([args.binary, "--db", sqlite, "--user", "root", "--today", bench.TODAY, "migrate", sqlite, "--to", admin,
            "--county", parts[0]])
        results["migrate_s"] = round(time.monotonic() - t, 1)
        t = time.monotonic()
        dump = os.path.join(bench.RUN, "city-part.sql")
        with open(dump, "w") as f:
            subprocess.run(["pg_dump", "--no-owner", "-n", f"county_{parts[0]}", admin], stdout=f, check=True)
        for p in parts[1:]:
            bench.log(f"city-hosts: part {p}")
            with open(dump) as f:
                text = f.read().replace(f"county_{parts[0]}", f"county_{p}")
            r = subprocess.run(["psql", admin, "-q", "-v", "ON_ERROR_STOP=1"], input=text, capture_output=True, text=True)
            if r.returncode != 0:
                sys.exit(f"city-hosts: cloning part {p}: {r.stderr[-600:]}")
        os.remove(dump)
        results["clone_s"] = round(time.monotonic() - t, 1)
        psql(admin, "VACUUM ANALYZE")
        results["database_mb"] = round(int(psql(admin, "SELECT pg_database_size('city')")) / 1e6)
        results["matters"] = {p: int(psql(admin, f"SELECT count(*) FROM county_{p}.matter")) for p in parts}

        urls = ",".join(f"{tcp}?county={p}" for p in parts)
        loads = [int(x) for x in args.sessions.split(",")]
        results["loads"] = {}
        for level, count in enumerate(loads):
            last = level == len(loads) - 1
            results["loads"][str(count)] = run_load(args, count, urls, parts, admin, folder,
                                                    args.stop_after if last else 0)
            json.dump(results, open(args.out, "w"), indent=1, ensure_ascii=False)
        json.dump(results, open(args.out, "w"), indent=1, ensure_ascii=False)
    finally:
        if folder:
            sh(in_ns(DB_NS, [CLUSTER, "stop", folder]), check=False)
        network_down(args.hosts)

    if not args.no_sqlite:
        share = max(1, int(args.sessions.split(",")[-1]) // args.parts)
        bench.log(f"city-hosts: one county's share ({share} sessions) on its own SQLite file")
        out = os.path.join(bench.RUN, "city-hosts-sqlite.jsonl")
        t, cpu = time.monotonic(), children_cpu_s()
        sh([args.bench_binary, "sessions", "--db", sqlite, "--sessions", str(share), "--moves", str(args.moves),
            "--writes", str(args.writes), "--think-ms", str(args.think_ms), "--ramp-s", str(args.ramp_s / args.parts),
            "--today", bench.TODAY, "--tag", "sqlite", "--out", out])
        lines = [json.loads(x) for x in open(out) if x.strip()]
        results["sqlite"] = summarise(lines)
        results["sqlite"]["seconds"] = round(time.monotonic() - t, 1)
        results["sqlite"]["cpu_ms_per_move_and_write"] = round(
            (children_cpu_s() - cpu) * 1000 / max(results["sqlite"]["move_ms"]["n"] + share * args.writes, 1), 2)
    json.dump(results, open(args.out, "w"), indent=1, ensure_ascii=False)
    print(json.dumps(results, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
