#!/usr/bin/env python3
"""Two citelint binaries, A and B, on the same files: wall time, peak RSS, and optionally exact
instruction counts (issue #8).

Wall time on a shared machine drifts by 10-15% within an hour, so the runs of A and B alternate:
A, B, A, B, ...; each prints its minimum and median over RUNS runs and B's change against A.
Peak RSS is the largest `ru_maxrss` of the runs. The times include forking from Python
(1 to 2 ms): compare A with B, and other tools with `compare.sh`. `--instructions` adds one run of each under
valgrind's callgrind (`--threads 1`): instruction counts are exact and repeatable, the measure to
compare code changes by (page faults and cache misses are not in them).

Usage: benches/ab.py [--runs N] [--threads T] [--instructions] A B FILE...
  e.g. benches/ab.py --runs 7 /tmp/citelint-old target/release/citelint target/bench/corpus-20.bib

Each run is `BINARY check --isolated --output-format json --threads T FILE`, output discarded.
Build B with `cargo build --release`: `cargo test` leaves a `target/release/citelint` built with
the dev-dependencies' features, which starts up measurably slower.
"""

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def command(binary, threads, path):
    return [binary, "check", "--isolated", "--output-format", "json", "--threads", str(threads), path]


def run(cmd):
    """Wall time in ms and peak RSS in KiB of one run, output discarded."""
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 1)
        os.dup2(null, 2)
        try:
            os.execvp(cmd[0], cmd)
        finally:
            os._exit(127)
    _, status, usage = os.wait4(pid, 0)
    wall = (time.perf_counter() - start) * 1000
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):  # 1: diagnostics found
        sys.exit(f"{' '.join(cmd)} exited with {code}")
    return wall, usage.ru_maxrss


def instructions(cmd):
    """Instructions of one run under callgrind."""
    with tempfile.TemporaryDirectory() as tmp:
        out = subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={tmp}/cg.%p.out", *cmd],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    found = re.search(r"Collected : (\d+)", out.stderr)
    if not found:
        sys.exit(f"callgrind gave no count for {' '.join(cmd)}")
    return int(found.group(1))


def change(a, b):
    return f"{100 * (b - a) / a:+.1f}%" if a else "n/a"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--instructions", action="store_true")
    parser.add_argument("a")
    parser.add_argument("b")
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()
    if args.instructions and not shutil.which("valgrind"):
        sys.exit("--instructions needs valgrind (apt-get install valgrind)")
    for path in args.files:
        walls = {"A": [], "B": []}
        rss = {"A": 0, "B": 0}
        for _ in range(args.runs):
            for name, binary in (("A", args.a), ("B", args.b)):
                wall, peak = run(command(binary, args.threads, path))
                walls[name].append(wall)
                rss[name] = max(rss[name], peak)
        print(f"== {path}, {args.threads} thread(s), {args.runs} runs each, alternating")
        for name in ("A", "B"):
            w = walls[name]
            print(f"{name}  min {min(w):8.1f} ms  median {statistics.median(w):8.1f} ms  peak RSS {rss[name] / 1024:6.0f} MiB")
        a, b = statistics.median(walls["A"]), statistics.median(walls["B"])
        print(f"B against A: median {change(a, b)}, peak RSS {change(rss['A'], rss['B'])}")
        if args.instructions:
            ia = instructions(command(args.a, 1, path))
            ib = instructions(command(args.b, 1, path))
            print(f"instructions (1 thread): A {ia / 1e6:.1f}M, B {ib / 1e6:.1f}M, {change(ia, ib)}")


if __name__ == "__main__":
    main()
