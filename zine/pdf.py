"""Everything done to finished PDFs; the only module that imports pikepdf.

Works on bytes in, bytes out: the pipeline hands PDFs between stages as bytes.
Imposition executes a plan from ``zine.impose.engine``: each source page becomes a
Form XObject once and is drawn with a ``cm`` transform wherever the plan puts it.
Every save is deterministic (fixed document id, no timestamps added).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import warnings
from collections.abc import Callable, Iterable

import pikepdf

from .cache import digest_bytes
from .errors import InputError, RenderError
from .impose.engine import Placement, Plan, SidePlan
from .impose.geometry import Segment

MARK_WIDTH = 0.5  # points; thin but still visible on a photocopy
DASH = "[3 2] 0 d"
KEPT_INFO = ("/Title", "/Author", "/Subject", "/Keywords", "/Creator", "/CreationDate")


def open_pdf(data: bytes, source: str = "input") -> pikepdf.Pdf:
    """Open PDF bytes, or raise InputError naming ``source``."""
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise InputError("not a PDF file", source)
    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PasswordError:
        raise InputError("the PDF is encrypted: save an unencrypted copy first", source) from None
    except pikepdf.PikepdfError as error:
        raise InputError(f"not a readable PDF ({_reason(error)})", source) from None
    if pdf.is_encrypted:
        raise InputError("the PDF is encrypted: save an unencrypted copy first", source)
    if len(pdf.pages) == 0:
        raise InputError("the PDF has no pages", source)
    return pdf


def _reason(error: Exception) -> str:
    """qpdf's message without the in-memory stream it names (an address, different every run)."""
    return re.sub(r"^stream <[^>]*>:\s*", "", str(error))


def save(pdf: pikepdf.Pdf) -> bytes:
    """Serialise deterministically: same objects, same bytes."""
    buffer = io.BytesIO()
    pdf.save(buffer, deterministic_id=True, compress_streams=True,
             object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return buffer.getvalue()


def page_sizes(pdf: bytes, source_name: str = "input") -> list[tuple[float, float]]:
    """Width and height in points of each page as seen (trim box, /Rotate applied)."""
    return [_visible_size(page) for page in open_pdf(pdf, source_name).pages]


def _visible_box(page: pikepdf.Page) -> tuple[float, float, float, float]:
    box = page.obj.get("/TrimBox") or page.obj.get("/CropBox") or page.mediabox
    x0, y0, x1, y1 = (float(v) for v in box)
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


def _visible_size(page: pikepdf.Page) -> tuple[float, float]:
    x0, y0, x1, y1 = _visible_box(page)
    rotate = page.obj.get("/Rotate", 0)
    turned = isinstance(rotate, int) and rotate % 180 == 90  # a broken /Rotate counts as none, as in qpdf
    return (y1 - y0, x1 - x0) if turned else (x1 - x0, y1 - y0)


# --- imposition --------------------------------------------------------------------------------


def execute_plan(pdf: bytes, planner: Callable[[list[tuple[float, float]]], Plan],
                 source_name: str = "input") -> tuple[Plan, dict[str, bytes]]:
    """Open ``pdf`` once, let ``planner`` plan from its page sizes; the plan and each output file."""
    source = open_pdf(pdf, source_name)
    plan = planner([_visible_size(page) for page in source.pages])
    forms = _Forms(source)
    try:
        return plan, {suffix: _write_output(source, forms, plan, sides) for suffix, sides in plan.outputs.items()}
    except pikepdf.PikepdfError as error:  # qpdf reads damaged objects only when copying them
        raise InputError(f"the PDF is damaged and cannot be copied ({_reason(error)})", source_name) from None


class _Forms:
    """Each source page as a Form XObject, made once, with its drawn bounding box."""

    def __init__(self, source: pikepdf.Pdf):
        self.pages = list(source.pages)  # indexing source.pages walks the page tree every time
        self.made: dict[int, tuple[pikepdf.Object, tuple[float, float, float, float]]] = {}

    def get(self, page: int) -> tuple[pikepdf.Object, tuple[float, float, float, float]]:
        if page not in self.made:
            form = self.pages[page].as_form_xobject(handle_transformations=True)
            self.made[page] = (form, _drawn_box(form))
        return self.made[page]


def _drawn_box(form: pikepdf.Object) -> tuple[float, float, float, float]:
    """The form's bounding box after its own /Matrix (which carries the page's /Rotate)."""
    x0, y0, x1, y1 = (float(v) for v in form.BBox.as_list())
    if "/Matrix" not in form:
        return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)
    a, b, c, d, e, f = (float(v) for v in form.Matrix.as_list())
    points = [(a * x + c * y + e, b * x + d * y + f) for x in (x0, x1) for y in (y0, y1)]
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


def _write_output(source: pikepdf.Pdf, forms: _Forms, plan: Plan, sides: Iterable[int]) -> bytes:
    out = pikepdf.new()
    sides = list(sides)
    copied = _copy_forms(source, out, forms, sorted({p.page for i in sides for p in plan.sides[i].placements}))
    for index in sides:
        out.pages.append(_sheet(out, plan.sides[index], plan, copied, forms))
    _keep_info(source, out)
    return save(out)


def _copy_forms(source: pikepdf.Pdf, out: pikepdf.Pdf, forms: _Forms, pages: list[int]) -> dict:
    """Copy the forms into ``out`` in one go (qpdf then copies shared fonts and images once)."""
    bundle = source.make_indirect(pikepdf.Array([forms.get(page)[0] for page in pages]))
    return dict(zip(pages, out.copy_foreign(bundle)))


def _sheet(out: pikepdf.Pdf, side: SidePlan, plan: Plan, copied: dict, forms: _Forms) -> pikepdf.Page:
    ops = [_place(p, forms.get(p.page)[1]) for p in side.placements]
    if side.marks:
        ops.append(_marks(side.marks))
    xobjects = pikepdf.Dictionary({f"/P{p.page}": copied[p.page] for p in side.placements})
    trim = plan.trim
    page = pikepdf.Dictionary(
        Type=pikepdf.Name.Page,
        MediaBox=pikepdf.Array([0, 0, _num(plan.width), _num(plan.height)]),
        TrimBox=pikepdf.Array([_num(trim.x), _num(trim.y), _num(trim.right), _num(trim.top)]),
        Resources=pikepdf.Dictionary(XObject=xobjects),
        Contents=out.make_stream("\n".join(ops).encode()),
    )
    return pikepdf.Page(page)


def _place(placement: Placement, box: tuple[float, float, float, float]) -> str:
    """Clip to the cell, map the page's drawn box onto its rectangle, draw the form."""
    s, r, c = placement.scale, placement.rect, placement.clip
    x0, y0, x1, y1 = box
    if placement.rotate == 180:
        matrix = (-s, 0, 0, -s, r.x + s * x1, r.y + s * y1)
    else:
        matrix = (s, 0, 0, s, r.x - s * x0, r.y - s * y0)
    clip = " ".join(_fmt(v) for v in (c.x, c.y, c.w, c.h))
    return f"q {clip} re W n {' '.join(_fmt(v) for v in matrix)} cm /P{placement.page} Do Q"


def _marks(marks: Iterable[Segment]) -> str:
    ops = [f"q 0 G {_fmt(MARK_WIDTH)} w"]
    for m in marks:
        ops.append(f"{DASH if m.dashed else '[] 0 d'} {_fmt(m.x0)} {_fmt(m.y0)} m {_fmt(m.x1)} {_fmt(m.y1)} l S")
    return "\n".join(ops + ["Q"])


def _fmt(value: float) -> str:
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _num(value: float) -> float:
    return round(value, 3)


def _keep_info(source: pikepdf.Pdf, out: pikepdf.Pdf) -> None:
    """Carry the source's title, author and related document info over."""
    for key in KEPT_INFO:
        if key in source.docinfo:
            out.docinfo[key] = pikepdf.String(str(source.docinfo[key]))


# --- small helpers for the build pipeline -------------------------------------------------------


def embedded_file_names(pdf: bytes) -> list[str]:
    """Names of embedded files: the EmbeddedFiles name tree and FileAttachment annotations."""
    doc = open_pdf(pdf)
    names = []
    tree = doc.Root.get("/Names", {}).get("/EmbeddedFiles")
    if tree is not None:
        names += [str(key) for key in pikepdf.NameTree(tree).keys()]
    for page in doc.pages:
        for annot in page.obj.get("/Annots", []):
            if annot.get("/Subtype") == pikepdf.Name.FileAttachment:
                spec = annot.get("/FS", {})
                names.append(str(spec.get("/UF", spec.get("/F", "(unnamed)"))))
    return names


def set_metadata(pdf: bytes, title: str | None = None, author: str | None = None,
                 subject: str | None = None, date: dt.date | dt.datetime | str | None = None) -> bytes:
    """Set the document info (and XMP, when the PDF has it) to the given values."""
    doc = open_pdf(pdf)
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
        return date.strftime("D:%Y%m%d%H%M%S") + ("Z" if date.tzinfo else "")
    return date.strftime("D:%Y%m%d000000Z")


# --- preflight: facts read from finished PDFs (used by zine.preflight) ------------------------


def font_facts(pdf: bytes) -> list[dict]:
    """Each font once: name, whether embedded, its program, ToUnicode text, pages using it."""
    doc = open_pdf(pdf)
    fonts: dict[tuple[int, int], dict] = {}
    for number, page in enumerate(doc.pages, 1):
        for font in _resources_of(page.obj, "/Font"):
            key = font.objgen if font.is_indirect else (number, id(font))
            if key not in fonts:
                fonts[key] = _font_fact(font)
            fonts[key]["pages"].append(number)
    return list(fonts.values())


def _font_fact(font: pikepdf.Object) -> dict:
    descendant = font.DescendantFonts[0] if "/DescendantFonts" in font else font
    descriptor = descendant.get("/FontDescriptor")
    program = None
    for key in ("/FontFile2", "/FontFile3", "/FontFile"):
        if descriptor is not None and key in descriptor:
            program = descriptor[key].read_bytes()
            break
    to_unicode = font.get("/ToUnicode")
    gid_map = descendant.get("/CIDToGIDMap")
    return {
        "name": str(font.get("/BaseFont", "(unnamed)")).lstrip("/"),
        "subtype": str(font.get("/Subtype", "")),
        "embedded": program is not None or str(font.get("/Subtype", "")) == "/Type3",
        "program": program,
        "to_unicode": to_unicode.read_bytes().decode("latin-1") if isinstance(to_unicode, pikepdf.Stream) else None,
        "identity_gids": gid_map is None or gid_map == pikepdf.Name.Identity,
        "pages": [],
    }


def image_facts(pdf: bytes) -> list[dict]:
    """Each image XObject once: pixel size and whether it has alpha (an SMask or Mask)."""
    doc = open_pdf(pdf)
    seen: set = set()
    return [{"width": int(image.get("/Width", 0)), "height": int(image.get("/Height", 0)),
             "smask": "/SMask" in image or "/Mask" in image}
            for page in doc.pages for image in _resources_of(page.obj, "/XObject", "/Image", seen)]


def _resources_of(holder: pikepdf.Object, category: str, subtype: str | None = None,
                  _seen: set | None = None) -> list[pikepdf.Object]:
    """Objects of ``category`` in a page's resources and in the forms it draws, each once."""
    seen = _seen if _seen is not None else set()
    found = []
    resources = holder.get("/Resources") or {}
    for item in (resources.get(category) or {}).values():
        key = item.objgen if item.is_indirect else ("direct", id(item))
        if key in seen:
            continue
        seen.add(key)
        if subtype is None or item.get("/Subtype") == subtype:
            found.append(item)
    for xobject in (resources.get("/XObject") or {}).values():
        if xobject.get("/Subtype") == pikepdf.Name.Form and ("form", xobject.objgen) not in seen:
            seen.add(("form", xobject.objgen))
            found += _resources_of(xobject, category, subtype, seen)
    return found


def link_annotations(pdf: bytes) -> list[dict]:
    """Link annotations with a URI: page number and URI."""
    doc = open_pdf(pdf)
    links = []
    for number, page in enumerate(doc.pages, 1):
        for annot in page.obj.get("/Annots", []):
            action = annot.get("/A") or {}
            if annot.get("/Subtype") != pikepdf.Name.Link or action.get("/S") != pikepdf.Name.URI:
                continue
            uri = action.get("/URI")
            links.append({"page": number, "uri": bytes(uri).decode("utf-8", "replace") if uri else ""})
    return links


# --- merge (incremental anthology builds, zine.incremental) -------------------------------------


INTERNAL_MARK = "zine-"  # ids zine gives to find pages, not for readers
FONT_PLACEHOLDER = b"zine-font:"  # + digest: a font file left out of a piece (zine.render.write_pages)


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
            warnings.simplefilter("ignore")  # named destinations: carried over just below
            out.pages.extend(source.pages)
        for name, target in _named_destinations(source).items():
            if not name.startswith(INTERNAL_MARK):
                destinations.setdefault(name, _moved_destination(target, source, out, first))
        for page, *rectangle, anchor in (links[number] if links else []):
            _add_link(out, out.pages[first + page], rectangle, anchor)
    _set_named_destinations(out, {k: v for k, v in destinations.items() if v is not None})
    if sources:
        _keep_info(sources[0], out)
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


def page_count(pdf: bytes) -> int:
    """How many pages a PDF has."""
    return len(open_pdf(pdf).pages)


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
            smaller = subsets[memo] = _subset_font(data, glyphs[data])
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


def _subset_font(data: bytes, glyphs: set[int]) -> bytes:
    """The font with only ``glyphs`` (ids kept, as the PDF addresses glyphs by id)."""
    from fontTools import subset
    from fontTools.ttLib import TTFont, TTLibError

    options = subset.Options(retain_gids=True, passthrough_tables=True, ignore_missing_glyphs=True,
                             hinting=False, desubroutinize=True, notdef_outline=True)
    options.drop_tables += ["GSUB", "GPOS", "SVG"]
    try:
        font = TTFont(io.BytesIO(data), recalcTimestamp=False)
        for tag in ("GSUB", "GPOS", "kern"):  # unused in a PDF; dropped before they are decoded
            if tag in font:
                del font[tag]
        subsetter = subset.Subsetter(options)
        subsetter.populate(gids=sorted(glyphs | {0}))
        subsetter.subset(font)
        buffer = io.BytesIO()
        font.save(buffer)
    except (TTLibError, AssertionError, KeyError):
        return data  # an odd font stays whole rather than break the zine
    return buffer.getvalue()
