"""Seeded faults for the preflight tests: small PDFs made with pikepdf, and a small project.

Each seed holds one fault a copier would spoil, so a test can ask that the check
names it (and nothing else) and says where it is.
"""

from __future__ import annotations

import io
import zlib
from pathlib import Path

import pikepdf

A5 = (419.53, 595.28)
MM = 72 / 25.4


def pdf_with(content: str, images: dict[str, pikepdf.Stream] | None = None, links: list[tuple] = (),
             size: tuple[float, float] = A5, pages: int = 1) -> bytes:
    """A PDF whose pages draw ``content`` (Helvetica as /F1, images by name), with URI links."""
    pdf = pikepdf.new()
    font = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                                                BaseFont=pikepdf.Name.Helvetica,
                                                Encoding=pikepdf.Name.WinAnsiEncoding))
    xobjects = {f"/{name}": maker(pdf) for name, maker in (images or {}).items()}
    for _ in range(pages):
        page = pikepdf.Dictionary(
            Type=pikepdf.Name.Page, MediaBox=[0, 0, *size],
            Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font) if " Tf " in content else {},
                                         XObject=pikepdf.Dictionary(xobjects)),
            Contents=pdf.make_stream(content.encode("latin-1")))
        if links:
            page.Annots = pikepdf.Array([_link(pdf, uri, rect) for uri, rect in links])
        pdf.pages.append(pikepdf.Page(page))
    out = io.BytesIO()
    pdf.save(out, deterministic_id=True)
    return out.getvalue()


def rgb_image(width: int, height: int, colour: tuple[int, int, int] = (220, 30, 30), alpha: bool = False):
    """A maker for a flat-colour RGB image XObject (with a soft mask when ``alpha``)."""
    def make(pdf: pikepdf.Pdf) -> pikepdf.Stream:
        data = bytes(colour) * (width * height)
        image = pdf.make_stream(zlib.compress(data), Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image,
                                Width=width, Height=height, ColorSpace=pikepdf.Name.DeviceRGB,
                                BitsPerComponent=8, Filter=pikepdf.Name.FlateDecode)
        if alpha:
            image.SMask = pdf.make_stream(zlib.compress(b"\x80" * (width * height)), Type=pikepdf.Name.XObject,
                                          Subtype=pikepdf.Name.Image, Width=width, Height=height,
                                          ColorSpace=pikepdf.Name.DeviceGray, BitsPerComponent=8,
                                          Filter=pikepdf.Name.FlateDecode)
        return image
    return make


def text(x: float, y: float, words: str, size: float = 10) -> str:
    return f"BT /F1 {size} Tf {x:.2f} {y:.2f} Td ({words}) Tj ET\n"


def _link(pdf: pikepdf.Pdf, uri: str, rect) -> pikepdf.Dictionary:
    return pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=list(rect), Border=[0, 0, 0],
        A=pikepdf.Dictionary(S=pikepdf.Name.URI, URI=pikepdf.String(uri))))


SEEDED_CSS = """\
p.edge { margin-left: -12mm; margin-right: -13.5mm; }  /* on a left page: 2 mm from the edge, 1.5 mm from the fold */
p.tiny { font-size: 5pt; }
hr { border: 0; border-top: 0.1pt solid black; }
img.wide { width: 42.33mm; }
.link-notes { display: none; }  /* the link's address is printed nowhere */
"""

SEEDED_ARTICLE = """\
---
title: A test of the checks
author: Test Author
---
This paragraph is ordinary body text that sits well inside the page margins and
raises nothing when the zine is checked before printing.

Edge words run right across the whole page from one side to the other, far into both
margins, so that the copier would cut them off at the sheet edge. Edge words run right
across the whole page from one side to the other, far into both margins of the page.
{: .edge}

Small print set far too small to survive the copier.
{: .tiny}

---

Read [the council papers](https://example.org/council-papers-2026) before the meeting.

![A colour chart](images/colour.png)

![A small photo](images/photo.jpg){: .wide}
"""

SEEDED_COMMENTS = """\
- author: Ann
  text: A plain first comment.
  replies:
    - author: Bo
      text: "Green dragon \\U0001F005 at this news."
"""


def seeded_project(folder: Path) -> Path:
    """A four-page project with one of each fault: a colour image (images = "keep"), text 2 mm
    from the sheet edge (and 1.5 mm from the fold), 5 pt type, a 0.1 pt rule, a symbol no font has (comment 1.1), a
    72 dpi photo and a link whose address is not printed."""
    from PIL import Image

    (folder / "images").mkdir(parents=True)
    (folder / "layouts" / "seeded").mkdir(parents=True)
    (folder / "zine.toml").write_text(
        'title = "Seeded faults"\ndate = "2026-11-01"\nlayout = "layouts/seeded"\nimages = "keep"\n\n'
        '[[contribution]]\narticle = "article.md"\ncomments = "comments.yaml"\n', encoding="utf-8")
    (folder / "layouts" / "seeded" / "layout.toml").write_text(
        'name = "seeded"\nextends = "a5-booklet"\ncss = ["extra.css"]\n', encoding="utf-8")
    (folder / "layouts" / "seeded" / "extra.css").write_text(SEEDED_CSS, encoding="utf-8")
    (folder / "article.md").write_text(SEEDED_ARTICLE, encoding="utf-8")
    (folder / "comments.yaml").write_text(SEEDED_COMMENTS, encoding="utf-8")
    size = (1600, 1000)
    channels = (Image.linear_gradient("L").resize(size), Image.new("L", size, 90),
                Image.radial_gradient("L").resize(size))
    Image.merge("RGB", channels).save(folder / "images" / "colour.png")
    Image.linear_gradient("L").resize((120, 90)).save(folder / "images" / "photo.jpg", quality=90)
    return folder
