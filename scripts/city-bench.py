"""The city bench, first part (issue 23): the same county on SQLite and on a shared PostgreSQL database, side by side.

Run it as scripts/city-bench; see `scripts/city-bench --help`. Python 3 standard library only; reuses scripts/bench.py.

For each size: the demo generated through the write path on each engine (matters a second), the SQLite database moved
into a throwaway cluster (`oversight migrate`), the workbench measured on each through a pseudo-terminal (first paint,
moves, filter, as scripts/bench), then concurrent writers on PostgreSQL (write p50/p99, lost writes), once with the
database stopped and started again mid-run. Not yet here: the front-end hosts as network namespaces, ten counties
of 100,000 and 500 sessions at once (BENCHMARKS.md says what was run).
"""
import argparse
import json
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench  # noqa: E402

ROOT = bench.ROOT
CLUSTER = os.path.join(ROOT, "scripts", "pg-cluster")


def sh(argv, **kw):
    return subprocess.run(argv, capture_output=True, text=True, **kw)


def timed(argv):
    t = time.monotonic()
    r = sh(argv)
    if r.returncode != 0:
        sys.exit(f"city-bench: {' '.join(argv)} failed: {r.stderr.strip()[-400:]}")
    return time.monotonic() - t


def save(results, path):
    with open(path, "w") as f:
        json.dump(results, f, indent=1, ensure_ascii=False)


def main():
    ap = argparse.ArgumentParser(prog="scripts/city-bench", description=__doc__.split("\n")[0])
    ap.add_argument("--binary", default=os.path.join(ROOT, ".build/release/oversight"))
    ap.add_argument("--bench-binary", default=os.path.join(ROOT, ".build/release/oversight-bench"))
    ap.add_argument("--sizes", default="10000,100000")
    ap.add_argument("--sessions", default="8,32", help="concurrent writers on PostgreSQL")
    ap.add_argument("--writes", type=int, default=40)
    ap.add_argument("--generate-postgres-up-to", type=int, default=10000,
                    help="generate the demo through PostgreSQL's write path up to this size (larger ones take long)")
    ap.add_argument("--out", default=os.path.join(bench.BENCH, "city.json"))
    args = ap.parse_args()
    os.makedirs(bench.RUN, exist_ok=True)
    folder = sh([CLUSTER, "start"]).stdout.strip()
    if not folder:
        sys.exit("city-bench: scripts/pg-cluster start failed")
    server = open(os.path.join(folder, "url")).read().strip()  # postgres://oversight@localhost/postgres?host=…
    results = {"machine": bench.machine(), "sizes": {}}
    try:
        for n in [int(x) for x in args.sizes.split(",")]:
            r = results["sizes"].setdefault(str(n), {})
            db = f"city{n}"
            sh(["psql", server, "-qc", f"CREATE DATABASE {db}"])
            url = server.replace("/postgres?", f"/{db}?")
            # The write path's throughput: the demo generated on each engine.
            sq = os.path.join(bench.RUN, f"city-{n}.sqlite")
            for suffix in ("", "-wal", "-shm", ".lock"):
                if os.path.exists(sq + suffix):
                    os.remove(sq + suffix)
            r["generate_sqlite_s"] = timed([args.binary, "demo", "--no-open", "--db", sq, "--today", bench.TODAY, "--matters", str(n)])
            if n <= args.generate_postgres_up_to:
                r["generate_postgres_s"] = timed([args.binary, "demo", "--no-open", "--db", url + "&county=generated",
                                                  "--today", bench.TODAY, "--matters", str(n)])
            r["migrate_s"] = timed([args.binary, "--db", sq, "--user", "root", "--today", bench.TODAY, "migrate", sq,
                                    "--to", url, "--county", "wenshui"])
            shared = url + "&county=wenshui"
            for engine, db_arg in (("sqlite", sq), ("postgres", shared)):
                bench.log(f"city-bench: N={n} {engine}: the workbench")
                r[f"workbench_{engine}"] = bench.measure_oversight(args.binary, db_arg, 24, 80, True)
                save(results, args.out)
            for s in [int(x) for x in args.sessions.split(",")]:
                bench.log(f"city-bench: N={n}: {s} writers on PostgreSQL")
                out = sh([args.bench_binary, "writers", "--db", shared, "--sessions", str(s), "--writes", str(args.writes),
                          "--today", bench.TODAY], timeout=1800)
                r[f"writers_postgres_{s}"] = json.loads(out.stdout.strip().splitlines()[-1]) if out.returncode == 0 else out.stderr[-400:]
            bench.log(f"city-bench: N={n}: writers with the database stopped mid-run")
            # Paced writers (one write each 20 ms, for 6 s), the database stopped 1 s in for 3 s.
            out = sh([args.bench_binary, "writers", "--db", shared, "--sessions", "8", "--writes", "300", "--pace-ms", "20",
                      "--today", bench.TODAY, "--cluster", folder, "--stop-after", "1", "--stop-for", "3", "--pg-cluster", CLUSTER],
                     timeout=1800)
            r["writers_postgres_stopped"] = json.loads(out.stdout.strip().splitlines()[-1]) if out.returncode == 0 else out.stderr[-400:]
            save(results, args.out)
    finally:
        sh([CLUSTER, "stop", folder])
    print(json.dumps(results, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
