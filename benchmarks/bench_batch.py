"""``zine batch`` of several projects against one ``zine build`` per project, cache off.

    python benchmarks/bench_batch.py [--copies 6] [--repeat 3] [--example examples/anthology]

Copies the example project into a scratch folder COPIES times, then, REPEAT
times and alternately: builds every copy with its own ``zine build --no-cache``
(a fresh Python each, one after another, as a shell loop would), and builds the
folder of copies with one ``zine batch --no-cache`` (default -j: one process per
core). Prints each run, the medians and the ratio batch / separate (goal: at
most 0.5), with the CPU seconds each used (the machine's load average is printed
too: on a busy machine the workers share the cores with others, so the wall-clock
ratio rises while the CPU ratio does not).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ZINE = [sys.executable, "-c", "import sys; from zine.cli import main; sys.argv[0] = 'zine'; main()"]


def copies_of(example: Path, count: int, scratch: Path) -> list[Path]:
    """``count`` copies of the example, without any cache it carries."""
    projects = scratch / "projects"
    for number in range(1, count + 1):
        shutil.copytree(example, projects / f"copy{number}", ignore=shutil.ignore_patterns(".zine-cache"))
    return sorted(projects.iterdir())


def timed(commands: list[list[str]]) -> tuple[float, float]:
    """Wall-clock seconds and CPU seconds (of every process started) to run ``commands`` in turn."""
    cpu_before = _children_cpu()
    started = time.perf_counter()
    for command in commands:
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started, _children_cpu() - cpu_before


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=6)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--example", type=Path, default=ROOT / "examples" / "anthology")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="zine-bench-batch-") as folder:
        scratch = Path(folder)
        projects = copies_of(args.example, args.copies, scratch)
        (scratch / "one").mkdir()
        separate = [[*ZINE, "build", str(p), "--no-cache", "-o", str(scratch / "one" / f"{p.name}.pdf")]
                    for p in projects]
        together = [[*ZINE, "batch", str(projects[0].parent), "--no-cache", "-o", str(scratch / "batch")]]
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
        print(f"{args.copies} copies of {args.example.name}, cache off, {cores} cores, {args.repeat} runs each")
        separate_runs, batch_runs = [], []
        for run in range(1, args.repeat + 1):
            separate_runs.append(timed(separate))
            batch_runs.append(timed(together))
            print(f"  run {run}: separate builds {separate_runs[-1][0]:6.2f} s ({separate_runs[-1][1]:6.2f} s CPU)"
                  f"   batch {batch_runs[-1][0]:6.2f} s ({batch_runs[-1][1]:6.2f} s CPU)"
                  f"   load average {os.getloadavg()[0]:.1f}")
    one, both = (statistics.median(r[0] for r in runs) for runs in (separate_runs, batch_runs))
    one_cpu, both_cpu = (statistics.median(r[1] for r in runs) for runs in (separate_runs, batch_runs))
    print(f"separate builds  median {one:6.2f} s  ({one_cpu:6.2f} s CPU)")
    print(f"zine batch       median {both:6.2f} s  ({both_cpu:6.2f} s CPU)")
    print(f"ratio            {both / one:.2f}x wall clock, {both_cpu / one_cpu:.2f}x CPU (batch / separate)")


if __name__ == "__main__":
    main()
