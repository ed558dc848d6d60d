"""Benchmark: 2-up saddle imposition with the dead-edge ink check on, against pdfimpose and the floor.

    python benchmarks/bench_impose.py [--runs 7] [--pdfimpose PATH] [--content framed|text|plain]

1. 512 A5 pages: ``zine impose`` with no flags (so the ink check looks at the 5 mm
   dead edge every page reaches) against ``pdfimpose saddle``, as commands and as
   libraries. pdfimpose (AGPL, never a dependency) is timed only when found: give its
   path with --pdfimpose or the PDFIMPOSE environment variable, or have it on PATH.
   Goal: zine at most 0.25x pdfimpose.
2. 2,048 A5 pages in this process: zine with no flags, zine with ``--margin 0`` (no
   check), and the floor (``impose_floor.py``: pikepdf only placing the pages).
   Goal: zine with no flags at most 1.5x the floor.

The pages (tests/helpers/pdfmaker.py) carry a frame 1 mm inside their edge, so every one has
ink in the dead edge and is named in the warning; ``text`` adds 60 lines of small type
a page, ``plain`` leaves the frame out. Runs of the things compared alternate, so a
busy moment of the machine slows both; each figure is a median, each ratio the median
of the runs' own ratios, in wall time and in CPU time (user + system, children's for a
command). zine's bytecode is written first, as pip writes it when it installs a package:
pdfimpose, pikepdf and click run from theirs, and an editable zine (or one run with
PYTHONDONTWRITEBYTECODE set) would otherwise compile every module of zine on every run.
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))
sys.path.insert(0, str(HERE))

from impose_floor import place_pages  # noqa: E402
from helpers.pdfmaker import labelled_pdf  # noqa: E402

import zine  # noqa: E402
from zine.impose import ImposeOptions, impose  # noqa: E402

PDFIMPOSE_LIBRARY = """
import io, sys, time
from pdfimpose.schema import saddle
start, cpu = time.perf_counter(), time.process_time()
saddle.impose([sys.argv[1]], io.BytesIO(), last=1)
print(time.perf_counter() - start, time.process_time() - cpu)
"""
CONTENT = {"framed": {"frame": True}, "text": {"frame": True, "filler_lines": 60}, "plain": {}}


def main() -> None:
    args = _arguments()
    tool = args.pdfimpose or os.environ.get("PDFIMPOSE") or shutil.which("pdfimpose")
    compileall.compile_dir(Path(zine.__file__).parent, quiet=1)  # as an installed zine has it
    print(f"pages: A5, {args.content} ({CONTENT[args.content]}); medians of {args.runs} alternating runs; "
          f"{os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as folder:
        against_pdfimpose(Path(folder), tool, args.runs, CONTENT[args.content])
    against_floor(args.runs, CONTENT[args.content])


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--pdfimpose", help="path of the pdfimpose command")
    parser.add_argument("--content", choices=sorted(CONTENT), default="framed")
    return parser.parse_args()


def against_pdfimpose(folder: Path, tool: str | None, runs: int, content: dict) -> None:
    source = folder / "in.pdf"
    data = labelled_pdf(512, **content)
    source.write_bytes(data)
    warned = impose(data, ImposeOptions()).warnings
    print(f"\n512 pages, {len(data) / 1024:.0f} KiB; zine warns: {warned[0][:60] + '...' if warned else 'nothing'}")
    zine_cli = [sys.executable, "-c", "import sys; from zine.cli import main; sys.exit(main())",
                "impose", str(source), "-o", str(folder / "z.pdf")]
    rows: dict[str, list[tuple[float, float]]] = {"zine impose (command)": [], "zine impose (library)": []}
    if tool:
        rows |= {"pdfimpose saddle (command)": [], "pdfimpose saddle (library)": []}
    for _ in range(runs):
        rows["zine impose (command)"].append(_command(zine_cli))
        rows["zine impose (library)"].append(_in_process(lambda: impose(data, ImposeOptions())))
        if tool:
            rows["pdfimpose saddle (command)"].append(
                _command([tool, "saddle", "--last", "1", str(source), "-o", str(folder / "p.pdf")]))
            rows["pdfimpose saddle (library)"].append(_pdfimpose_library(tool, source))
    _table(rows)
    if not tool:
        print("pdfimpose not found: pass --pdfimpose PATH to compare")
        return
    for kind in ("command", "library"):
        _ratio(f"zine/pdfimpose, {kind}", rows[f"zine impose ({kind})"], rows[f"pdfimpose saddle ({kind})"],
               "goal <= 0.25")


def against_floor(runs: int, content: dict) -> None:
    data = labelled_pdf(2048, **content)
    print(f"\n2048 pages, {len(data) / 1024:.0f} KiB, in this process")
    rows: dict[str, list[tuple[float, float]]] = {"floor (pikepdf placing pages)": [],
                                                  "zine, no flags": [], "zine, --margin 0": []}
    for _ in range(runs):
        rows["floor (pikepdf placing pages)"].append(_in_process(lambda: place_pages(data)))
        rows["zine, no flags"].append(_in_process(lambda: impose(data, ImposeOptions())))
        rows["zine, --margin 0"].append(_in_process(lambda: impose(data, ImposeOptions(margin_mm=0))))
    _table(rows)
    _ratio("zine no flags/floor", rows["zine, no flags"], rows["floor (pikepdf placing pages)"], "goal <= 1.5")
    _ratio("zine --margin 0/floor", rows["zine, --margin 0"], rows["floor (pikepdf placing pages)"], "")


def _in_process(work) -> tuple[float, float]:
    start, cpu = time.perf_counter(), time.process_time()
    work()
    return time.perf_counter() - start, time.process_time() - cpu


def _command(argv: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of a command (the CPU its process used)."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"failed: {' '.join(argv)}")
    return wall, usage.ru_utime + usage.ru_stime


def _pdfimpose_library(tool: str, source: Path) -> tuple[float, float]:
    python = Path(tool).parent / "python"
    result = subprocess.run([str(python), "-c", PDFIMPOSE_LIBRARY, str(source)], capture_output=True,
                            text=True, check=True)
    wall, cpu = (float(v) for v in result.stdout.split()[-2:])
    return wall, cpu


def _table(rows: dict[str, list[tuple[float, float]]]) -> None:
    print(f"{'':<32} {'wall s':>8} {'cpu s':>8}")
    for name, runs in rows.items():
        print(f"{name:<32} {statistics.median(r[0] for r in runs):>8.3f} {statistics.median(r[1] for r in runs):>8.3f}")


def _ratio(label: str, mine: list, theirs: list, goal: str) -> None:
    wall = statistics.median(a[0] / b[0] for a, b in zip(mine, theirs))
    cpu = statistics.median(a[1] / b[1] for a, b in zip(mine, theirs))
    print(f"ratio {label}: wall {wall:.2f}x, cpu {cpu:.2f}x {f'({goal})' if goal else ''}")


if __name__ == "__main__":
    main()
