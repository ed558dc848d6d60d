"""Build time of the English examples with this tree against another tree (the main branch),
side by side: looking for faces by script, isolating names and the rest must cost English
zines next to nothing (under 5%). Also times the language examples with this tree.

    python benchmarks/bench_languages.py --baseline OTHER/.venv/bin/python [--rounds 5]

Each build runs in a fresh process of the tree's own Python (with its own zine), on a
copy of the example, with no cache; the time is the build alone, after the imports.
Rounds alternate the two trees. Prints the median of each example on each tree and the
ratio of the medians (this tree / baseline).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
ENGLISH = ["flyer", "library", "anthology"]
LANGUAGES = ["arabic-leaflet", "hebrew-english", "bengali-mini8", "hindi-booklet"]
TIMED = """
import sys, time
from pathlib import Path
from zine.pipeline.build import BuildOptions, build
folder = Path(sys.argv[1])
started = time.perf_counter()
build(folder, BuildOptions(output=folder.parent / "out.pdf", cache=False, jobs=1))
print(time.perf_counter() - started)
"""


def timed_build(python: str, example: Path) -> float:
    """Seconds one build of a copy of ``example`` takes in a fresh process of ``python``."""
    with tempfile.TemporaryDirectory(prefix="zine-bench-") as folder:
        copy = Path(folder) / example.name
        shutil.copytree(example, copy)
        done = subprocess.run([python, "-c", TIMED, str(copy)], capture_output=True, text=True,
                              cwd=folder, check=True)
        return float(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", required=True, help="the Python of the other tree's environment")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    examples = HERE / "examples"
    times: dict[tuple[str, str], list[float]] = {}
    for _ in range(args.rounds):
        for name in ENGLISH:
            for tree, python in (("this", sys.executable), ("baseline", args.baseline)):
                times.setdefault((name, tree), []).append(timed_build(python, examples / name))
    print(f"{'example':<16}{'this (s)':>10}{'baseline (s)':>14}{'ratio':>8}   median of {args.rounds} builds")
    ratios = []
    for name in ENGLISH:
        this, base = (statistics.median(times[(name, tree)]) for tree in ("this", "baseline"))
        ratios.append(this / base)
        print(f"{name:<16}{this:>10.3f}{base:>14.3f}{this / base:>8.3f}")
    print(f"{'all English':<16}{'':>24}{statistics.median(ratios):>8.3f}   (median of the ratios)")
    print()
    for name in LANGUAGES:
        seconds = statistics.median(timed_build(sys.executable, examples / name) for _ in range(max(1, args.rounds // 2)))
        print(f"{name:<16}{seconds:>10.3f}   this tree only")


if __name__ == "__main__":
    main()
