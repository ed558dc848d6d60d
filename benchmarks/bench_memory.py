"""Benchmark: memory and time per page of a long anthology against a short one.

    python benchmarks/bench_memory.py [--short 30] [--long 300] [--repeat 1] [-- BUILD OPTIONS]

Generates two anthologies (``bench_build.make_anthology``: about 3.2 A5 pages a
contribution, so 300 contributions make about 1,000 pages) and builds each with
``zine build --no-cache`` in a fresh process, short and long alternating. While a
build runs, /proc is read every 20 ms for the resident memory of the build process
and of each of its children (the drawing workers); the largest of each is reported,
with the kernel's own high-water mark (``ru_maxrss``) of the parent and of the
largest child as a check.

Goals: every process of the long build peaks at 300 MB or less; the long build's
time (wall and CPU) per page is at most 1.1x the short one's.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_build import make_anthology  # noqa: E402

ZINE = [sys.executable, "-c", "import sys; from zine.cli import main; sys.exit(main())"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--short", type=int, default=30, help="contributions of the short anthology")
    parser.add_argument("--long", type=int, default=300, help="contributions of the long anthology")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("options", nargs="*", help="more zine build options, after --")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="zine-memory-") as folder:
        scratch = Path(folder)
        projects = {n: make_anthology(scratch / f"a{n}", n) for n in (args.short, args.long)}
        runs: dict[int, list[dict]] = {n: [] for n in projects}
        for _ in range(args.repeat):
            for count, project in projects.items():
                runs[count].append(build_watched(project, scratch / f"a{count}.pdf", args.options))
                print(f"  {count} contributions: {runs[count][-1]}", file=sys.stderr)
    report(runs, args.short, args.long)


def build_watched(project: Path, output: Path, options: list[str]) -> dict:
    """Build in a fresh process; wall and CPU seconds, pages, and peak memory (MB) of each process."""
    command = [*ZINE, "build", str(project), "--no-cache", "-o", str(output), *options]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    peaks: dict[int, int] = {}
    while process.poll() is None:
        for pid in [process.pid, *_descendants(process.pid)]:
            peaks[pid] = max(peaks.get(pid, 0), _rss_kb(pid))
        time.sleep(0.02)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    output_text = process.stdout.read()
    if process.returncode:
        raise SystemExit(f"build failed:\n{output_text}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    parent = peaks.pop(process.pid, 0)
    return {"wall": round(wall, 2), "cpu": round(cpu, 2), "pages": _pages(output),
            "parent_mb": round(parent / 1024), "worker_mb": round(max(peaks.values(), default=0) / 1024),
            "workers": len(peaks), "maxrss_mb": round(after.ru_maxrss / 1024)}


def _descendants(pid: int) -> list[int]:
    found, frontier = [], [pid]
    while frontier:
        current = frontier.pop()
        try:
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        found += [int(c) for c in children]
        frontier += [int(c) for c in children]
    return found


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _pages(pdf: Path) -> int:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        return len(document)
    finally:
        document.close()


def report(runs: dict[int, list[dict]], short: int, long: int) -> None:
    print(f"zine build --no-cache, {os.cpu_count()} cores, medians of {len(runs[short])}")
    print(f"{'contributions':>13} {'pages':>6} {'wall s':>7} {'cpu s':>7} {'wall/page':>9} {'cpu/page':>9} "
          f"{'parent MB':>9} {'worker MB':>9}")
    per_page = {}
    for count, results in runs.items():
        pages = results[0]["pages"]
        wall, cpu = (statistics.median(r[key] for r in results) for key in ("wall", "cpu"))
        per_page[count] = (wall / pages, cpu / pages)
        print(f"{count:>13} {pages:>6} {wall:>7.1f} {cpu:>7.1f} {wall / pages * 1000:>7.0f}ms {cpu / pages * 1000:>7.0f}ms "
              f"{max(r['parent_mb'] for r in results):>9} {max(r['worker_mb'] for r in results):>9}")
    wall_ratio = per_page[long][0] / per_page[short][0]
    cpu_ratio = per_page[long][1] / per_page[short][1]
    peak = max(max(r["parent_mb"], r["worker_mb"], r["maxrss_mb"]) for r in runs[long])
    print(f"time per page, long/short: wall {wall_ratio:.2f}x, cpu {cpu_ratio:.2f}x (goal <= 1.1x)")
    print(f"largest process of the long build: {peak} MB (goal <= 300 MB)")


if __name__ == "__main__":
    main()
