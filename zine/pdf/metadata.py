"""Document metadata: the info dictionary and XMP a finished PDF carries."""

from __future__ import annotations

import datetime as dt

import pikepdf

from zine.pdf.facts import open_pdf, save
from zine.pdf.glyphtext import give_every_glyph_text

KEPT_INFO = ("/Title", "/Author", "/Subject", "/Keywords", "/Creator", "/CreationDate")


def keep_info(source: pikepdf.Pdf, out: pikepdf.Pdf) -> None:
    """Carry the source's title, author and related document info over."""
    for key in KEPT_INFO:
        if key in source.docinfo:
            out.docinfo[key] = pikepdf.String(str(source.docinfo[key]))


def set_metadata(pdf: bytes, title: str | None = None, author: str | None = None,
                 subject: str | None = None, date: dt.date | dt.datetime | str | None = None) -> bytes:
    """Set the document info (and XMP, when the PDF has it) to the given values; and, while the
    PDF is open, give every glyph a text (``zine.pdf.glyphtext``)."""
    doc = open_pdf(pdf)
    give_every_glyph_text(doc)
    values = {"/Title": title, "/Author": author, "/Subject": subject}
    for key, value in values.items():
        if value is not None:
            doc.docinfo[key] = pikepdf.String(value)
    stamp = _pdf_date(date) if date is not None else None
    if stamp:
        doc.docinfo["/CreationDate"] = pikepdf.String(stamp)
    if "/Metadata" in doc.Root:
        with doc.open_metadata(set_pikepdf_as_editor=False) as meta:
            meta.load_from_docinfo(doc.docinfo)
    return save(doc)


def _pdf_date(date: dt.date | dt.datetime | str) -> str | None:
    """A PDF date string, or None for text that is not an ISO date (it stays out of the PDF)."""
    if isinstance(date, str):
        try:
            date = dt.datetime.fromisoformat(date) if "T" in date else dt.date.fromisoformat(date)
        except ValueError:
            return None
    if isinstance(date, dt.datetime):
        return f"D:{date.year:04d}" + date.strftime("%m%d%H%M%S") + ("Z" if date.tzinfo else "")
    return f"D:{date.year:04d}" + date.strftime("%m%d000000Z")  # strftime pads no year before 1000
