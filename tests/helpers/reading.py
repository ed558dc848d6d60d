"""A project built as a user builds it, and its PDF read back page by page."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
from click.testing import CliRunner

from zine.cli import main


def build(folder: Path, *args: str) -> tuple[str, Path]:
    """``zine build FOLDER -o FOLDER/zine.pdf --no-cache ARGS``: what it printed, and the PDF."""
    out = folder / "zine.pdf"
    result = CliRunner().invoke(main, ["build", str(folder), "-o", str(out), "--no-cache", *args])
    assert result.exit_code == 0, result.output
    return result.output, out


def page_texts(source) -> list[str]:
    """The text of each page of a PDF (a path or bytes), line ends as "\\n"."""
    document = pdfium.PdfDocument(source)
    try:
        return [document[i].get_textpage().get_text_range().replace("\r", "") for i in range(len(document))]
    finally:
        document.close()
