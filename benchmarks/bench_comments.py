"""List a large comment thread (about 4 MB, 8,000 comments) with libyaml's C parser and
with PyYAML's pure-Python parser, side by side, and print the medians and their ratio.

    python benchmarks/bench_comments.py [--rounds 5]

Both runs go through ``zine comments`` as a user runs it (load, check, list); the pure
run switches the C parser off, as on a machine whose PyYAML has no libyaml.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path
from unittest import mock

from click.testing import CliRunner

from zine.cli import main as zine
from zine.project import yamlio

WORDS = ("the bus to the hospital stopped running in march and nobody asked the people who "
         "ride it every morning what they would do instead").split()


def write_project(folder: Path, threads: int = 2022, replies: int = 3) -> int:
    """An article and a comments file of ``threads`` threads with ``replies`` replies each."""
    lines, count = [], 0
    for t in range(1, threads + 1):
        lines += [f"- author: Reader {t}", "  date: 2026-03-0" + str(t % 9 + 1),
                  f"  likes: {t % 17}", "  text: |"]
        lines += [f"    {' '.join(WORDS[(t + k) % 7:])}" for k in range(11)]
        lines.append("  replies:")
        count += 1
        for r in range(1, replies + 1):
            lines += [f"    - author: Neighbour {r}", "      text: >-",
                      f"        {' '.join(WORDS[r:])} {t}"]
            count += 1
    (folder / "comments.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "article.md").write_text("---\ntitle: Buses\ncomments: comments.yaml\npick: [\"top:20\"]\n---\n\nText.\n",
                                       encoding="utf-8")
    return count


def time_listing(folder: Path, pure: bool) -> float:
    with mock.patch.object(yamlio, "_FastLoader", None if pure else yamlio._FastLoader):
        started = time.perf_counter()
        result = CliRunner().invoke(zine, ["comments", str(folder / "article.md")])
        elapsed = time.perf_counter() - started
    assert result.exit_code == 0, result.output
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        count = write_project(folder)
        size = (folder / "comments.yaml").stat().st_size / 1e6
        fast, pure = [], []
        for _ in range(args.rounds):  # interleaved, so both see the same machine load
            fast.append(time_listing(folder, pure=False))
            pure.append(time_listing(folder, pure=True))
    print(f"comments file: {size:.1f} MB, {count} comments, {args.rounds} rounds each")
    print(f"zine comments, C parser:      median {statistics.median(fast):.2f} s")
    print(f"zine comments, Python parser: median {statistics.median(pure):.2f} s")
    print(f"speed-up: {statistics.median(pure) / statistics.median(fast):.1f}x")


if __name__ == "__main__":
    main()
