"""How long ``zine --help`` takes against a bare ``import click``, each in a fresh Python.

    python benchmarks/bench_help.py [--repeat 21]

Both run with the same interpreter, alternately, so load on the machine hits
both alike. Prints the median wall time of each and their ratio (the goal is
at most 2x: the help lists the options without loading the engines).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

CLICK = [sys.executable, "-c", "import click"]
HELP = [sys.executable, "-c", "import sys; from zine.cli import main; sys.argv = ['zine', '--help']; main()"]


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=21)
    args = parser.parse_args()
    timed(CLICK), timed(HELP)  # warm the file cache
    click_times, help_times = [], []
    for _ in range(args.repeat):
        click_times.append(timed(CLICK))
        help_times.append(timed(HELP))
    click_median, help_median = statistics.median(click_times), statistics.median(help_times)
    print(f"import click  median {click_median * 1000:6.1f} ms  ({args.repeat} runs)")
    print(f"zine --help   median {help_median * 1000:6.1f} ms  ({args.repeat} runs)")
    print(f"ratio         {help_median / click_median:.2f}x")


if __name__ == "__main__":
    main()
