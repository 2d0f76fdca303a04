#!/usr/bin/env python3
"""What fresh memory costs on this machine (issue #8): maps N MiB of anonymous memory and
writes one byte per 4 KiB page, timing the first touch, with and without transparent huge pages.

On a virtual machine whose host backs guest memory on demand, a page the process touches for the
first time can cost far more than its zeroing; a run's peak memory is then a large part of its
wall time, and a change that lowers peak memory can speed it up while its instruction count
stays the same. `ab.py` shows both; this script shows the cost per MiB behind them.

    benches/first_touch.py [MIB] [RUNS]     # default: 200 MiB, 3 runs of each
"""

import mmap
import sys
import time

PAGE = 4096


def touch(mib: int, huge: bool) -> float:
    size = mib << 20
    mem = mmap.mmap(-1, size, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS)
    start = time.perf_counter()
    if huge and hasattr(mmap, "MADV_HUGEPAGE"):
        mem.madvise(mmap.MADV_HUGEPAGE)
    for offset in range(0, size, PAGE):
        mem[offset] = 1
    elapsed = time.perf_counter() - start
    mem.close()
    return elapsed


def main() -> None:
    mib = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    # The loop itself, on memory already touched, is the floor to subtract.
    warm = mmap.mmap(-1, mib << 20, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS)
    for offset in range(0, mib << 20, PAGE):
        warm[offset] = 1
    start = time.perf_counter()
    for offset in range(0, mib << 20, PAGE):
        warm[offset] = 2
    loop = time.perf_counter() - start
    warm.close()
    print(f"{mib} MiB, {runs} runs each; the loop alone (memory already touched): {loop * 1e3:.1f} ms")
    for huge in (False, True):
        times = sorted(touch(mib, huge) for _ in range(runs))
        label = "huge pages (madvise)" if huge else "4 KiB pages"
        ms = ", ".join(f"{t * 1e3:.1f}" for t in times)
        per = (times[len(times) // 2] - loop) * 1e3 / mib
        print(f"{label:22} first touch: {ms} ms; median {per:.2f} ms per MiB beyond the loop")


if __name__ == "__main__":
    main()
