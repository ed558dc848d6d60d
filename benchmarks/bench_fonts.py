"""What the bundled-fonts-only rule costs a build: the character check in compose, and the
fallback fonts (Noto Sans is a variable font, cut to a static instance when it is used).

    python benchmarks/bench_fonts.py [--repeat 3]

Each variant is a one-article mini8 zine (Lato text) built in a fresh process without
the build cache: Latin text only; the same with a Greek and a Cyrillic sentence (set in
Noto Sans); the same with emoji (printed as their names). Also the time compose spends
reading the fonts' character maps, the first time in a process. Prints medians of CPU seconds
(user + system of the build process: the wall clock wanders on a shared machine).
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

LATIN = ("The tenants' association meets on Thursday in the library hall. Bring a neighbour, "
         "bring the rent letters, and bring questions for the council.")
VARIANTS = {
    "latin only": "",
    "Greek and Cyrillic (Noto Sans fallback)": "Καλή επιτυχία με τη συνάντηση. Удачі на зустрічі, друзі.",
    "emoji (printed as names)": "See you there 😀 👍🏽 🎉 🇬🇧",
}
BUILD = "from zine.cli import main; main()"
COVERAGE = ("import time; from zine.compose.fonts import covered; t = time.process_time(); "
            "covered(['Source Serif Pro', 'Source Sans Pro', 'Noto Sans', 'IBM Plex Mono']); "
            "print(time.process_time() - t)")


def project(folder: Path, extra: str) -> Path:
    folder.mkdir(parents=True)
    (folder / "zine.toml").write_text('title = "Tenants"\ndate = "2026-10-01"\nlayout = "mini8"\n\n'
                                      '[[contribution]]\narticle = "a.md"\n', encoding="utf-8")
    (folder / "a.md").write_text(f"---\ntitle: Meeting\n---\n\n{LATIN}\n\n{extra}\n", encoding="utf-8")
    return folder


def build_seconds(folder: Path) -> float:
    """CPU seconds of the build process (user + system): steadier than the wall clock on a
    shared machine."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, "-c", BUILD, "build", str(folder), "-o", str(folder / "out.pdf"),
                    "--no-cache", "--no-impose"], check=True, capture_output=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        print(f"{'variant':42} {'build CPU (s)':>13} {'vs latin':>9}")
        base = None
        for number, (name, extra) in enumerate(VARIANTS.items()):
            folder = project(Path(scratch) / f"v{number}", extra)
            median = statistics.median(build_seconds(folder) for _ in range(args.repeat))
            base = base or median
            print(f"{name:42} {median:13.2f} {median / base:8.2f}x")
    cold = [float(subprocess.run([sys.executable, "-c", COVERAGE], check=True, capture_output=True,
                                 text=True).stdout) for _ in range(args.repeat)]
    print(f"\ncharacter maps read by compose (4 families, first call in a process): "
          f"{statistics.median(cold):.3f} s CPU")


if __name__ == "__main__":
    main()
