"""A long anthology's credits: every writer and source printed, nothing overlapping, no edge ink.

    python benchmarks/credits_anthology.py [COUNT ...]     (default: 60 300)

For each count, builds a generated anthology of COUNT two-line letters (each with a
writer and a long source address) into a temporary folder and prints: pages, pages
of credits, writers and sources found in the PDF's text, pairs of overlapping text
boxes on the credits pages and back cover, ink within 5 mm of the back cover's
edges, and the seconds the build took.
"""

from __future__ import annotations

import re
import sys
import tempfile
import time
from pathlib import Path

import pypdfium2 as pdfium

from zine.pipeline.build import BuildOptions, build
from zine.preflight.checks import ink


def write_anthology(folder: Path, count: int) -> None:
    entries = []
    for n in range(1, count + 1):
        (folder / f"a{n:03d}.md").write_text(
            f"---\ntitle: Letter {n} from the estate\nauthor: Writer{n} Surname\n"
            f"source: https://letters.example.org/2026/{n:03d}/a-long-address-for-letter-{n}/\n---\n"
            f"The bus runs twice an hour and the council wants to cut it. Letter {n} says no.\n", encoding="utf-8")
        entries.append(f'[[contribution]]\narticle = "a{n:03d}.md"\n')
    (folder / "zine.toml").write_text('title = "Letters"\n[action]\nmeeting = "Saturday 2pm\\nThe library"\n'
                                      'contact = "friends@example.org"\n\n' + "\n".join(entries), encoding="utf-8")


def overlaps(page) -> int:
    textpage = page.get_textpage()
    boxes = [textpage.get_rect(i) for i in range(textpage.count_rects())]
    boxes = [(l + 0.3, b + 0.3, r - 0.3, t - 0.3) for l, b, r, t in boxes]
    return sum(1 for i, a in enumerate(boxes) for c in boxes[i + 1:]
               if a[0] < c[2] and c[0] < a[2] and a[1] < c[3] and c[1] < a[3])


def measure(count: int) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_anthology(folder, count)
        started = time.perf_counter()
        result = build(folder, BuildOptions(output=folder / "out.pdf", impose=False, cache=False))
        seconds = time.perf_counter() - started
        document = pdfium.PdfDocument(folder / "out.pdf")
        texts = [document[i].get_textpage().get_text_range() for i in range(len(document))]
        first = next((i for i, t in enumerate(texts) if i > 1 and "Writers and sources" in t), len(texts) - 1)
        flat = re.sub(r"\s+", "", "".join(texts[first:]).replace("\ufffe", "").replace("\u2010", "-"))
        writers = sum(f"Writer{n}Surname" in flat for n in range(1, count + 1))
        sources = sum(f"letters.example.org/2026/{n:03d}/a-long-address-for-letter-{n}/" in flat
                      for n in range(1, count + 1))
        crossing = sum(overlaps(document[i]) for i in range(first, len(document)))
        back = document[len(document) - 1]
        width, height = back.get_size()
        image = ink.render(back, 50)
        edges = [band.name for band in ink.edge_bands(width, height, 5) if ink.ink_in(image, height, 50, band)]
        document.close()
        return (f"{count:>5} {result.pages:>6} {len(texts) - 1 - first:>8} {writers:>4}/{count:<4} "
                f"{sources:>4}/{count:<4} {crossing:>9} {','.join(edges) or 'none':>9} {seconds:>7.1f}")


def main(counts: list[int]) -> None:
    print("count  pages  credits  writers    sources   overlaps edge ink  seconds")
    for count in counts:
        print(measure(count), flush=True)


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [60, 300])
