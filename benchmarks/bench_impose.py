"""Benchmark: 2-up saddle imposition of a 512-page A5 PDF, zine against pdfimpose.

    python benchmarks/bench_impose.py [--runs 7] [--pdfimpose PATH]

pdfimpose (AGPL, never a dependency) is timed only when its command is found: give
its path with --pdfimpose or the PDFIMPOSE environment variable, or have it on PATH.
Reports medians of several runs, the ratio, peak memory and output size / input size.
Goal: zine under 0.25x pdfimpose's time, output no larger than 1.1x the input.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from pdfmaker import labelled_pdf  # noqa: E402

from zine.impose import ImposeOptions, impose  # noqa: E402

PAGES = 512
PDFIMPOSE_LIBRARY = """
import io, sys, time
from pdfimpose.schema import saddle
start = time.perf_counter()
saddle.impose([sys.argv[1]], io.BytesIO(), last=1)
print(time.perf_counter() - start)
"""


def main() -> None:
    args = _arguments()
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "in.pdf"
        data = labelled_pdf(PAGES, filler_lines=60)  # text-heavy A5 pages
        source.write_bytes(data)
        print(f"input: {PAGES} A5 pages, {len(data) / 1024:.0f} KiB; medians of {args.runs} runs")
        zine_lib, zine_size, traced = _zine_library(data, args.runs)
        zine_cmd, zine_rss = _command(_zine_command(source, Path(folder) / "z.pdf"), args.runs)
        print(f"zine impose (library) {zine_lib:.3f} s, Python heap peak {traced / 2**20:.1f} MiB, "
              f"output/input {zine_size / len(data):.2f}")
        print(f"zine impose (command) {zine_cmd:.3f} s, peak RSS {zine_rss / 1024:.0f} MiB")
        tool = args.pdfimpose or os.environ.get("PDFIMPOSE") or shutil.which("pdfimpose")
        if not tool:
            print("pdfimpose not found: pass --pdfimpose PATH to compare")
            return
        _compare(tool, source, Path(folder) / "p.pdf", args.runs, zine_lib, zine_cmd, len(data))


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--pdfimpose", help="path of the pdfimpose command")
    return parser.parse_args()


def _zine_library(data: bytes, runs: int) -> tuple[float, int, int]:
    options = ImposeOptions(scheme="saddle", margin_mm=0)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        output = impose(data, options).outputs[""]
        times.append(time.perf_counter() - start)
    tracemalloc.start()
    impose(data, options)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return statistics.median(times), len(output), peak


def _zine_command(source: Path, output: Path) -> list[str]:
    code = "import sys; from zine.cli import main; sys.exit(main())"
    return [sys.executable, "-c", code, "impose", str(source), "-o", str(output), "--margin", "0"]


def _command(argv: list[str], runs: int) -> tuple[float, int]:
    """Median wall time and the largest peak RSS (KiB) of a command."""
    times, peaks = [], []
    for _ in range(runs):
        start = time.perf_counter()
        process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
        times.append(time.perf_counter() - start)
        if os.waitstatus_to_exitcode(status):
            raise SystemExit(f"failed: {' '.join(argv)}")
        peaks.append(usage.ru_maxrss)
    return statistics.median(times), max(peaks)


def _compare(tool: str, source: Path, output: Path, runs: int, zine_lib: float, zine_cmd: float,
             size: int) -> None:
    command, rss = _command([tool, "saddle", "--last", "1", str(source), "-o", str(output)], runs)
    out_size = output.stat().st_size
    python = Path(tool).parent / "python"
    library = []
    for _ in range(runs):
        result = subprocess.run([str(python), "-c", PDFIMPOSE_LIBRARY, str(source)], capture_output=True,
                                text=True, check=True)
        library.append(float(result.stdout.split()[-1]))
    lib = statistics.median(library)
    print(f"pdfimpose saddle --last 1 (library) {lib:.3f} s, output/input {out_size / size:.2f}")
    print(f"pdfimpose saddle --last 1 (command) {command:.3f} s, peak RSS {rss / 1024:.0f} MiB")
    print(f"ratio zine/pdfimpose: library {zine_lib / lib:.3f}, command {zine_cmd / command:.3f}")


if __name__ == "__main__":
    main()
