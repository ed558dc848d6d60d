"""What a package face costs to import, against ``import zine`` alone and against its engine.

    python benchmarks/bench_faces.py [--repeat 15]

Each line runs in a fresh Python, all alternately so load on the machine hits them alike, and
prints the median wall time. The faces of the heavy stages (render, preflight, preview, desk)
load their modules only when a name is used, so importing them should cost about what
``import zine`` does; importing the modules behind them (WeasyPrint, PDFium, Starlette) is shown
for scale.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

LAZY = ["zine.project", "zine.cache", "zine.layout", "zine.compose", "zine.render", "zine.preflight.checks",
        "zine.pipeline", "zine.preflight", "zine.preview", "zine.desk", "zine.batch"]
EAGER = ["zine.importers", "zine.impose", "zine.pdf"]  # their __init__ holds code of its own, as before
COMMANDS = {
    "import zine": "import zine",
    "the 11 faces loaded on use": "; ".join(f"import {face}" for face in LAZY),
    "the 3 faces that hold code (importers, impose, pdf)": "; ".join(f"import {face}" for face in EAGER),
    "the modules behind render, preview, desk": "import zine.render.engine, zine.preview.draw, zine.desk.server",
}


def timed(code: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    repeat = parser.parse_args().repeat
    times: dict[str, list[float]] = {name: [] for name in COMMANDS}
    for _ in range(repeat):
        for name, code in COMMANDS.items():
            times[name].append(timed(code))
    base = statistics.median(times["import zine"])
    for name, runs in times.items():
        median = statistics.median(runs)
        print(f"{name:52} {median * 1000:8.1f} ms  {median / base:5.2f}x import zine")


if __name__ == "__main__":
    main()
