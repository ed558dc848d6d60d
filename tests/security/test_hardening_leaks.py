"""Nothing reaches a printed PDF that the pages do not show, and no file outside its folder is read."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytest

from helpers.files import write
from helpers.pdfmaker import pdf_bytes
from zine.compose.html import compose
from zine.core.errors import InputError, LayoutError
from zine.impose import ImposeOptions, impose
from zine.layout.resolve import load_layout
from zine.project.load import load_project


def _page_with_hidden_extras() -> bytes:
    """One page drawing text with /F1; its resources also reach an attachment and a script."""
    pdf = pikepdf.new()
    font = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica))
    script = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)"))
    unused_font = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Courier, A=script))
    attachment = pdf.make_stream(b"private notes", Type=pikepdf.Name.EmbeddedFile)
    page = pikepdf.Dictionary(
        Type=pikepdf.Name.Page, MediaBox=[0, 0, 419.53, 595.28],
        Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font, F2=unused_font),
                                     XObject=pikepdf.Dictionary(X1=attachment),
                                     Extra=pikepdf.Dictionary(A=script)),
        Contents=pdf.make_stream(b"BT /F1 40 Tf 100 300 Td (Shown) Tj ET"))
    pdf.pages.append(pikepdf.Page(page))
    return pdf_bytes(pdf)


def test_impose_keeps_only_resources_the_page_content_uses():
    data = impose(_page_with_hidden_extras(), ImposeOptions(scheme="saddle", margin_mm=0)).outputs[""]
    with pikepdf.open(io.BytesIO(data)) as out:
        described = "".join(repr(obj) for obj in out.objects)  # nested dictionaries included
        streams = b"".join(obj.read_bytes() for obj in out.objects if isinstance(obj, pikepdf.Stream))
    assert "/EmbeddedFile" not in described and b"private notes" not in streams
    assert "/JavaScript" not in described and "app.alert" not in described
    assert "Shown" in pdfium.PdfDocument(data)[0].get_textpage().get_text_range()


ARTICLE = "---\ntitle: Short\n---\nA short article.\n"


def _secret(tmp_path):
    secret = tmp_path / "elsewhere" / "secret.css"
    write(secret, "/* the neighbour's private notes */ body { color: red; }\n")
    return secret


def test_a_folder_project_does_not_follow_an_article_linked_from_outside(tmp_path):
    outside = write(tmp_path / "elsewhere" / "private.md", "---\ntitle: Private diary\n---\nNot for print.\n")
    write(tmp_path / "proj" / "a.md", ARTICLE)
    (tmp_path / "proj" / "b.md").symlink_to(outside)
    with pytest.raises(InputError, match="b.md: is a link to a file outside the project folder"):
        load_project(tmp_path / "proj")


def _layout(tmp_path, css: str = '"extra.css"', template: str = "") -> Path:
    folder = tmp_path / "proj" / "layouts" / "mine"
    write(folder / "layout.toml", f'name = "mine"\nextends = "a5-booklet"\ncss = [{css}]\n')
    write(folder / "extra.css", "h1 { letter-spacing: 0; }\n")
    if template:
        write(folder / "zine.html", template)
    write(tmp_path / "proj" / "a.md", ARTICLE)
    return folder


@pytest.mark.parametrize("css", ["ABSOLUTE", '"../../../elsewhere/secret.css"', '"linked.css"'])
def test_layout_stylesheets_must_be_inside_the_layout_folder(tmp_path, css):
    secret = _secret(tmp_path)
    folder = _layout(tmp_path, css=css.replace("ABSOLUTE", f'"{secret}"'))
    (folder / "linked.css").symlink_to(secret)
    project = load_project(tmp_path / "proj")
    with pytest.raises(LayoutError, match="is outside the layout's folder"):
        compose(project, load_layout("mine", project.root))


def test_layout_templates_must_be_inside_the_layout_folder(tmp_path):
    secret = _secret(tmp_path)
    folder = _layout(tmp_path, template='{% extends "!a5-booklet/zine.html" %}'
                                        '{% block cover %}{% include "notes.html" %}{% endblock %}')
    (folder / "notes.html").symlink_to(secret)
    project = load_project(tmp_path / "proj")
    with pytest.raises(LayoutError, match="leads outside its layout folder"):
        compose(project, load_layout("mine", project.root))


def test_a_picture_name_with_an_ampersand_is_replaced_by_its_printable_copy(tmp_path):
    from PIL import Image

    root = tmp_path / "proj"
    (root / "images").mkdir(parents=True)
    Image.new("RGB", (40, 30), (200, 30, 30)).save(root / "images" / "x&y.png")
    write(root / "a.md", ARTICLE + '\n<img src="images/x&amp;y.png" alt="stall">\n\n![stall](images/x&y.png)\n')
    project = load_project(root)
    html = compose(project, load_layout("a5-booklet", project.root)).html
    sources = re.findall(r'<img[^>]*\ssrc="([^"]*)"', html)
    assert len(sources) == 2 and all(src.startswith(".zine-cache/images/x%26y.grayscale.") for src in sources)
