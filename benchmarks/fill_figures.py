"""Pages and blank pages before and after ``--fill`` for the examples (and any projects given).

    python benchmarks/fill_figures.py [PROJECT ...]

Builds each project three times into a temporary folder (``--fill off``,
``tighten``, ``page``), without the cache, and prints one row per build: pages
of the reading PDF, sheets, white pages (pages with no text and no drawing,
counted on the padded print order: padding blanks plus any blank page inside
the text) and the seconds it took.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import pypdfium2 as pdfium

from zine.pipeline.build import BuildOptions, build

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def white_pages(path: Path, per_sheet: int = 4) -> int:
    """Pages with neither text nor any drawn object, plus the blanks the sheets add."""
    document = pdfium.PdfDocument(path)
    try:
        empty = sum(1 for i in range(len(document))
                    if not document[i].get_textpage().get_text_range().strip()
                    and not list(document[i].get_objects()))
        return empty + (-len(document) % per_sheet)
    finally:
        document.close()


def main(projects: list[Path]) -> None:
    print(f"{'project':<28}{'fill':<9}{'pages':>6}{'sheets':>7}{'white':>6}{'seconds':>9}")
    with tempfile.TemporaryDirectory() as folder:
        for project in projects:
            for mode in ("off", "tighten", "page"):
                out = Path(folder) / f"{project.name}-{mode}.pdf"
                started = time.perf_counter()
                result = build(project, BuildOptions(output=out, cache=False, fill=mode, preflight=False))
                seconds = time.perf_counter() - started
                print(f"{project.name[:27]:<28}{mode:<9}{result.pages:>6}{result.sheets or 0:>7}"
                      f"{white_pages(out):>6}{seconds:>9.1f}", flush=True)


if __name__ == "__main__":
    given = [Path(arg) for arg in sys.argv[1:]]
    main(given + sorted(p for p in EXAMPLES.iterdir() if (p / "zine.toml").is_file()))
