"""Hostile PDFs, small to store, costly to draw or to walk (shared by tests and benchmarks)."""

from __future__ import annotations

import io

import pikepdf

A5 = (419.53, 595.28)


def _save(pdf: pikepdf.Pdf, **options) -> bytes:
    buffer = io.BytesIO()
    pdf.save(buffer, deterministic_id="encryption" not in options, **options)
    return buffer.getvalue()


def nested_forms(depth: int = 30, fan: int = 4) -> bytes:
    """Forms each drawing the one inside ``fan`` times: fan ** depth draws from a few KB."""
    pdf = pikepdf.new()
    inner = pdf.make_stream(b"0 0 1 1 re f", Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Form,
                            BBox=[0, 0, 400, 400])
    for _ in range(depth):
        draws = b" ".join(b"q 0.9 0 0 0.9 %d %d cm /X Do Q" % (i, i) for i in range(fan))
        inner = pdf.make_stream(draws, Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Form, BBox=[0, 0, 400, 400],
                                Resources=pikepdf.Dictionary(XObject=pikepdf.Dictionary(X=inner)))
    page = pikepdf.Dictionary(Type=pikepdf.Name.Page, MediaBox=[0, 0, *A5],
                              Resources=pikepdf.Dictionary(XObject=pikepdf.Dictionary(X=inner)),
                              Contents=pdf.make_stream(b"/X Do"))
    pdf.pages.append(pikepdf.Page(page))
    return _save(pdf, compress_streams=True)


def many_paths(operators: int = 3_000_000) -> bytes:
    """One page of ``operators`` path operators (move, line, stroke), compressed small."""
    pdf = pikepdf.new()
    ops = b"".join(b"%d %d m %d %d l S\n" % (i % 400, i % 577, (i * 7) % 400, (i * 3) % 577)
                   for i in range(operators // 3))
    page = pikepdf.Dictionary(Type=pikepdf.Name.Page, MediaBox=[0, 0, *A5], Resources=pikepdf.Dictionary(),
                              Contents=pdf.make_stream(ops))
    pdf.pages.append(pikepdf.Page(page))
    return _save(pdf, compress_streams=True)


def many_pages(pages: int, size_pt: float = 400) -> bytes:
    """``pages`` small pages sharing one content stream, the page tree written at once
    (appending pages one by one is quadratic)."""
    pdf = pikepdf.new()
    content = pdf.make_stream(b"0 g 10 10 20 20 re f")
    tree = pdf.Root.Pages
    kids = [pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Page, MediaBox=[0, 0, size_pt, size_pt],
                                                 Contents=content, Resources=pikepdf.Dictionary(), Parent=tree))
            for _ in range(pages)]
    tree.Kids = pikepdf.Array(kids)
    tree.Count = pages
    return _save(pdf, compress_streams=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)


def font_named_in_latin1() -> bytes:
    """A page using a font whose /BaseFont name is not UTF-8 (/Caf\\xe9), as some makers write."""
    pdf = pikepdf.new()
    font = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                                                BaseFont=pikepdf.Name("/CafQ")))
    page = pikepdf.Dictionary(Type=pikepdf.Name.Page, MediaBox=[0, 0, *A5],
                              Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font)),
                              Contents=pdf.make_stream(b"BT /F1 40 Tf 100 300 Td (Shown) Tj ET"))
    pdf.pages.append(pikepdf.Page(page))
    data = _save(pdf, compress_streams=False, object_stream_mode=pikepdf.ObjectStreamMode.disable)
    return data.replace(b"/CafQ", b"/Caf\xe9")  # same length: the cross-reference table still holds


def owner_locked(data: bytes, print_allowed: bool) -> bytes:
    """``data`` encrypted with an owner password only (it opens without one)."""
    pdf = pikepdf.open(io.BytesIO(data))
    allow = pikepdf.Permissions(print_lowres=print_allowed, print_highres=print_allowed, modify_other=False)
    return _save(pdf, encryption=pikepdf.Encryption(user="", owner="council", allow=allow))


def wordpress_export(body: str, comments: list[tuple[int, int]]) -> str:
    """A WordPress export of one post with ``body`` and comments (id, parent id)."""
    items = "".join(
        f"<wp:comment><wp:comment_id>{cid}</wp:comment_id><wp:comment_author><![CDATA[Reader {cid}]]>"
        f"</wp:comment_author><wp:comment_date><![CDATA[2026-09-12 21:05:00]]></wp:comment_date>"
        f"<wp:comment_content><![CDATA[Reply number {cid}.]]></wp:comment_content>"
        f"<wp:comment_approved><![CDATA[1]]></wp:comment_approved><wp:comment_type><![CDATA[comment]]>"
        f"</wp:comment_type><wp:comment_parent>{parent}</wp:comment_parent></wp:comment>"
        for cid, parent in comments)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
            'xmlns:wp="http://wordpress.org/export/1.2/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
            "<channel><title>Campaign</title><wp:wxr_version>1.2</wp:wxr_version>"
            "<item><title>The long thread</title><dc:creator><![CDATA[ed]]></dc:creator>"
            "<wp:post_id>7</wp:post_id><wp:post_date><![CDATA[2026-09-12 20:00:00]]></wp:post_date>"
            "<wp:post_name><![CDATA[the-long-thread]]></wp:post_name><wp:status><![CDATA[publish]]></wp:status>"
            f"<wp:post_type><![CDATA[post]]></wp:post_type><content:encoded><![CDATA[{body}]]></content:encoded>"
            f"{items}</item></channel></rss>\n")


def reply_chain(depth: int) -> list[tuple[int, int]]:
    """Comments each replying to the one before: ``depth`` levels deep."""
    return [(n, n - 1 if n > 1 else 0) for n in range(1, depth + 1)]


def nested_divs(depth: int) -> str:
    """A post body of ``depth`` <div>s one inside another around a sentence."""
    return "<p>We met.</p>" + "<div>" * depth + "Deep inside." + "</div>" * depth
