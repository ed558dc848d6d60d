"""Merging the pieces of an incremental build into one PDF, fonts shared and cut down."""

from __future__ import annotations

import warnings

import pikepdf

from zine.core.digest import digest_bytes
from zine.core.errors import RenderError
from zine.core.fontsubset import subset_font
from zine.pdf.facts import open_pdf, save
from zine.pdf.metadata import keep_info

INTERNAL_MARK = "zine-"  # ids zine gives to find pages, not for readers
COPY_WARNING = "Copying pages from another Pdf"
FONT_PLACEHOLDER = b"zine-font:"  # + digest: a font file left out of a piece (zine.render.engine.write_pages)


def merge(pdfs: list[bytes], fonts: dict[str, bytes] | None = None, subsets=None,
          links: list[list] | None = None) -> bytes:
    """Concatenate whole PDFs, page after page, into one (deterministic) PDF.

    Each piece's named destinations go along, so links inside the zine (the
    contents page) still lead to their pages. Given ``fonts`` (digest -> font
    file), font files the pieces left out are put back: one shared copy of
    each, cut down to the glyphs all the pieces use. ``subsets`` (a mapping,
    optional) remembers cut-down fonts between builds. ``links`` (one list per
    piece of ``[page, x1, y1, x2, y2, anchor]``) adds links to named anchors.
    """
    out = pikepdf.new()
    sources = [open_pdf(data, f"piece {number}") for number, data in enumerate(pdfs, 1)]
    destinations: dict[str, pikepdf.Object] = {}
    for number, source in enumerate(sources):
        first = len(out.pages)
        with warnings.catch_warnings():
            # pikepdf says named destinations are not copied along: they are, just below.
            warnings.filterwarnings("ignore", message=COPY_WARNING)
            out.pages.extend(source.pages)
        for name, target in _named_destinations(source).items():
            if not name.startswith(INTERNAL_MARK):
                destinations.setdefault(name, _moved_destination(target, source, out, first))
        for page, *rectangle, anchor in (links[number] if links else []):
            _add_link(out, out.pages[first + page], rectangle, anchor)
    _set_named_destinations(out, {k: v for k, v in destinations.items() if v is not None})
    if sources:
        keep_info(sources[0], out)
    if fonts is not None:
        _share_and_subset_fonts(out, fonts, {} if subsets is None else subsets)
    return save(out)


def _add_link(pdf: pikepdf.Pdf, page: pikepdf.Page, rectangle: list[float], anchor: str) -> None:
    link = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=pikepdf.Array(rectangle),
        BS=pikepdf.Dictionary(W=0), Dest=pikepdf.String(anchor)))
    if "/Annots" not in page.obj:
        page.obj.Annots = pikepdf.Array()
    page.obj.Annots.append(link)


def _named_destinations(source: pikepdf.Pdf) -> dict[str, pikepdf.Object]:
    tree = source.Root.get("/Names", {}).get("/Dests")
    if tree is None:
        return {}
    return {str(name): value for name, value in pikepdf.NameTree(tree).items()}


def _moved_destination(target: pikepdf.Object, source: pikepdf.Pdf, out: pikepdf.Pdf, first: int):
    array = target.get("/D") if isinstance(target, pikepdf.Dictionary) else target
    if not isinstance(array, pikepdf.Array) or len(array) == 0:
        return None
    for index, page in enumerate(source.pages):
        if page.obj.objgen == array[0].objgen:
            return pikepdf.Array([out.pages[first + index].obj, *list(array)[1:]])
    return None


def _set_named_destinations(out: pikepdf.Pdf, destinations: dict[str, pikepdf.Object]) -> None:
    if not destinations:
        return
    out.Root.Names = pikepdf.Dictionary()
    tree = pikepdf.NameTree.new(out)
    for name in sorted(destinations):
        tree[name] = destinations[name]
    out.Root.Names.Dests = tree.obj


def _share_and_subset_fonts(pdf: pikepdf.Pdf, fonts: dict[str, bytes], subsets) -> None:
    """Give every CID font that left out the same font file one shared, subsetted copy."""
    groups: dict[bytes, list[pikepdf.Object]] = {}
    glyphs: dict[bytes, set[int]] = {}
    for font in pdf.objects:
        if not isinstance(font, pikepdf.Dictionary) or font.get("/Type") != pikepdf.Name.Font:
            continue
        if font.get("/Subtype") not in (pikepdf.Name.CIDFontType2, pikepdf.Name.CIDFontType0):
            continue
        descriptor = font.get("/FontDescriptor")
        key = _font_file_key(descriptor) if descriptor is not None else None
        if key is None:
            continue
        data = descriptor[key].read_bytes()
        if not data.startswith(FONT_PLACEHOLDER):
            continue  # embedded and subsetted already
        digest = data[len(FONT_PLACEHOLDER):].decode()
        if digest not in fonts:
            raise RenderError(f"a piece of the zine needs a font file that is missing ({digest}); "
                              "build again with --no-cache")
        data = fonts[digest]
        groups.setdefault(data, []).append(descriptor)
        glyphs.setdefault(data, set()).update(_widths_glyphs(font.get("/W", [])))
    for data, descriptors in groups.items():
        key = _font_file_key(descriptors[0])
        memo = digest_bytes(data + repr(sorted(glyphs[data])).encode())
        smaller = subsets.get(memo)
        if smaller is None:
            smaller = subsets[memo] = subset_font(data, glyphs[data])
        stream = pdf.make_stream(smaller)
        stream.Length1 = len(smaller)  # placeholders are only made for TrueType fonts
        for descriptor in descriptors:
            descriptor[key] = stream


def _font_file_key(descriptor: pikepdf.Object) -> str | None:
    return next((k for k in ("/FontFile2", "/FontFile3", "/FontFile") if k in descriptor), None)


def _widths_glyphs(widths) -> set[int]:
    """Glyph ids listed in a CID font's /W array (``first [w w ...]`` or ``first last w``)."""
    found, items, index = set(), list(widths), 0
    while index < len(items):
        first = int(items[index])
        if index + 1 < len(items) and isinstance(items[index + 1], pikepdf.Array):
            found.update(range(first, first + len(items[index + 1])))
            index += 2
        else:
            found.update(range(first, int(items[index + 1]) + 1))
            index += 3
    return found
