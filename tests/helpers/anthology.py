"""Small anthologies made up for the tests, and the text of each page of a PDF."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium

WORDS = ("tenants council bus route library garden rent repair meeting petition street market "
         "volunteer winter evening neighbours budget school hospital river bridge park").split()


def make_anthology(folder: Path, count: int = 4, paragraphs: int = 5, options: str = "") -> Path:
    """A small project of made-up contributions, each with a heading and a footnote."""
    folder.mkdir(parents=True, exist_ok=True)
    toml = ['title = "Test Anthology"', 'date = "2026-10-01"', 'lang = "en"', options, ""]
    for number in range(1, count + 1):
        paras = []
        for index in range(paragraphs):
            words = [WORDS[(number * 7 + index * 3 + k) % len(WORDS)] for k in range(60 + 9 * number)]
            note = f"[^n{index}]" if index in (1, 3) else ""
            heading = f"## Part {index}\n\n" if index == 2 else ""
            paras.append(heading + " ".join(words).capitalize() + "." + note)
        notes = "\n\n".join(f"[^n{i}]: Note {i} of piece {number}." for i in (1, 3))
        (folder / f"piece{number}.md").write_text(
            f'---\ntitle: "Piece number {number}"\nauthor: "Writer {number}"\ndate: 2026-09-0{number}\n'
            f'source: "https://example.org/{number}"\n---\n\n' + "\n\n".join(paras) + "\n\n" + notes + "\n",
            encoding="utf-8")
        toml += ["[[contribution]]", f'article = "piece{number}.md"', ""]
    (folder / "zine.toml").write_text("\n".join(toml), encoding="utf-8")
    return folder




def append_words(article: Path, words: str) -> None:
    text = article.read_text(encoding="utf-8")
    body, notes = text.split("\n\n[^n1]:", 1)
    article.write_text(body + " " + words + "\n\n[^n1]:" + notes, encoding="utf-8")


def use_own_layout(folder: Path, css: str) -> Path:
    """Give the project a layout of its own: a5-booklet plus ``css``. Returns the CSS file."""
    layout = folder / "layouts" / "own"
    layout.mkdir(parents=True)
    (layout / "layout.toml").write_text('extends = "a5-booklet"\ncss = ["own.css"]\n', encoding="utf-8")
    (layout / "own.css").write_text(css, encoding="utf-8")
    config = folder / "zine.toml"
    config.write_text('layout = "own"\n' + config.read_text(encoding="utf-8"), encoding="utf-8")
    return layout / "own.css"


def page_texts(source) -> list[str]:
    """The text of each page as PDFium gives it (line ends "\r\n", as the footnote tests expect)."""
    doc = pdfium.PdfDocument(source)
    texts = [doc[i].get_textpage().get_text_range() for i in range(len(doc))]
    doc.close()
    return texts
