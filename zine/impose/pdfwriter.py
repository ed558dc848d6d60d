"""The imposition writer: carries out a plan from ``zine.impose.engine`` on a PDF.

Each source page becomes a Form XObject once and is drawn with a ``cm`` transform
wherever the plan puts it; fold and cut marks are drawn as thin lines.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable

import pikepdf

from zine.core.errors import InputError
from zine.core.limits import IMPOSE_PAGES, enforce
from zine.impose import contentbytes
from zine.impose.engine import Placement, Plan, SidePlan
from zine.impose.geometry import Segment
from zine.impose.stamp import KEY as STAMP_KEY
from zine.impose.inkstream import OPERATORS as INK_OPERATORS
from zine.impose.inkstream import Box, Matrix, compose, transform_box
from zine.pdf import keep_info, numbers, open_pdf, opened_permission_warning, reason, save, visible_size

MARK_WIDTH = 0.5  # points; thin but still visible on a photocopy
PAGE = pikepdf.Name.Page
PLACED_MEMO = 4096  # page geometries remembered on the sheet
DASH = "[3 2] 0 d"


def execute_plan(pdf: bytes, planner: Callable[[list[tuple[float, float]]], Plan],
                 source_name: str = "input",
                 stamp: Callable[[list[tuple[float, float]], str], str] | None = None,
                 read: Callable[[int, Callable[[Placement], tuple]], None] | None = None,
                 ) -> tuple[Plan, dict[str, bytes], str | None]:
    """Open ``pdf`` once, let ``planner`` plan from its page sizes; the plan, each output file,
    and the source's permission warning (``zine.pdf.permission_warning``).

    ``stamp(sizes, suffix)``, when given, is the text each output carries to say what it is
    (``zine.impose.stamp``). ``read(page, content)``, when given, is called as each page's
    form is made, with the content the writer parsed to cut its resources down:
    ``content(placement)`` is (instructions, matrix from the page's content to the sheet,
    the form's box on the sheet) as drawn at ``placement`` (``zine.impose.deadedge``).
    """
    source = open_pdf(pdf, source_name)
    enforce(len(source.pages), IMPOSE_PAGES, "pages", source_name,
            advice="impose it in parts (a zine of that many pages is a book)")
    pages = list(source.pages)  # indexing source.pages walks the page tree every time
    sizes = [visible_size(page) for page in pages]
    plan = planner(sizes)
    forms = _Forms(pages, read)
    try:
        outputs = {suffix: _write_output(source, forms, plan, sides, stamp(sizes, suffix) if stamp else None)
                   for suffix, sides in plan.outputs.items()}
    except pikepdf.PikepdfError as error:  # qpdf reads damaged objects only when copying them
        raise InputError(f"the PDF is damaged and cannot be copied ({reason(error)})", source_name) from None
    return plan, outputs, opened_permission_warning(source)


def _placed(content: _Content, forms: _Forms, matrix: Matrix, bbox: Box, drawn: Box,
            placement: Placement) -> tuple[tuple | list, Matrix, Box]:
    """A page's instructions, the matrix from its content to the sheet and its form's box on
    the sheet, as the form is drawn at ``placement`` (worked out once for pages alike)."""
    r = placement.rect  # its numbers: hashing the dataclass costs more
    key = (matrix, bbox, drawn, r.x, r.y, r.w, r.h, placement.scale, placement.rotate)
    found = forms.placed.get(key)
    if found is None:
        to_sheet = compose(matrix, placement_matrix(placement, drawn))
        found = (to_sheet, transform_box(bbox, to_sheet))
        if len(forms.placed) < PLACED_MEMO:
            forms.placed[key] = found
    return (content.instructions(forms.memo), *found)


class _Forms:
    """Each source page as a Form XObject, made once, with its drawn bounding box."""

    def __init__(self, pages: list[pikepdf.Page], read: Callable[[int, Callable], None] | None = None):
        self.pages = pages
        self.made: dict[int, tuple[pikepdf.Object, tuple[float, float, float, float]]] = {}
        self.seen: set = set()  # resources cut down already, shared between pages
        self.shapes: dict[bytes, frozenset[str]] = {}  # resource dictionaries found whole
        self.memo: dict = {}  # the ink instructions of content read before (``contentbytes``)
        self.placed: dict[tuple, tuple[Matrix, Box]] = {}  # see _placed
        self.read = read

    def get(self, page: int) -> tuple[pikepdf.Object, tuple[float, float, float, float]]:
        if page not in self.made:
            content = keep_used_resources(self.pages[page].obj, self.seen, self.shapes)
            form = self.pages[page].as_form_xobject(handle_transformations=True)
            matrix, bbox, drawn = _geometry(form)
            self.made[page] = (form, drawn)
            if self.read is not None and content is not None:
                self.read(page, functools.partial(_placed, content, self, matrix, bbox, drawn))
        return self.made[page]


# Content operator -> the resource category its name operand comes from, and which operand it is.
NAMED_RESOURCES = {"Do": ("/XObject", -1), "Tf": ("/Font", 0), "gs": ("/ExtGState", -1),
                   "sh": ("/Shading", -1), "cs": ("/ColorSpace", -1), "CS": ("/ColorSpace", -1),
                   "scn": ("/Pattern", -1), "SCN": ("/Pattern", -1), "BDC": ("/Properties", -1),
                   "DP": ("/Properties", -1)}
# Only these are parsed into Python objects: what names resources, and what the ink reading needs.
CONTENT_OPERATORS = " ".join(sorted({*NAMED_RESOURCES, "ID", *INK_OPERATORS}))
INK_TOKENS = {name.encode(): name for name in INK_OPERATORS}
# A stream with any of these is decoded by qpdf, not here (``zine.impose.contentbytes``).
NOT_DECODED_HERE = frozenset(("/DecodeParms", "/F", "/FFilter", "/FDecodeParms"))


class _Content:
    """A page's (or form's) content, read for its resource names and, when asked, for the ink
    reading: from its bytes by ``zine.impose.contentbytes`` where they are plain enough, else
    parsed by pikepdf (a content array, another filter, a comment, an inline image...)."""

    def __init__(self, holder: pikepdf.Object):
        self.holder = holder
        self.data = _decoded(holder)
        self.parsed = pikepdf.parse_content_stream(holder, CONTENT_OPERATORS) if self.data is None else None
        self._instructions: tuple | list | None = None

    def used_names(self, resources: pikepdf.Dictionary) -> dict[str, set[str]]:
        """The names the content may draw with, by category: read from the bytes, every name of
        ``resources`` written in them, and every name they cannot tell (not plain ASCII)."""
        if self.data is None:
            return _used_names(self.parsed)
        written, used = self.written, {}
        for category, table in resources.items():
            if category != "/ProcSet" and isinstance(table, pikepdf.Dictionary):
                names = {name for name in table.keys() if name in written or not contentbytes.plain(name)}
                if names:
                    used[category] = names
        return used

    @functools.cached_property
    def written(self) -> set[str]:
        """The plain names written in the bytes (``contentbytes.names``)."""
        return contentbytes.names(self.data)

    def instructions(self, memo: dict | None = None) -> tuple | list:
        """(operands, operator name) of each operator the ink reading needs (``inkstream.OPERATORS``);
        ``memo`` is ``contentbytes.instructions``'s."""
        if self._instructions is None:
            found = contentbytes.instructions(self.data, INK_TOKENS, memo) if self.data is not None else None
            if found is None:
                parsed = self.parsed if self.parsed is not None else pikepdf.parse_content_stream(
                    self.holder, CONTENT_OPERATORS)
                found = [(instruction.operands, str(instruction.operator)) for instruction in parsed]
            self._instructions = found
        return self._instructions


def _decoded(holder: pikepdf.Object) -> bytes | None:
    """The bytes of the content, where they are one stream, not filtered or Flate alone (None otherwise)."""
    stream = holder if isinstance(holder, pikepdf.Stream) else holder.get("/Contents")
    if not isinstance(stream, pikepdf.Stream):
        return None
    keys = stream.keys()
    if not keys.isdisjoint(NOT_DECODED_HERE):
        return None
    filters = stream.get("/Filter") if "/Filter" in keys else None
    if filters is None:
        names: tuple[str, ...] = ()
    elif isinstance(filters, pikepdf.Name):
        names = (str(filters),)
    elif isinstance(filters, pikepdf.Array) and all(isinstance(f, pikepdf.Name) for f in filters):
        names = tuple(str(f) for f in filters)
    else:
        return None
    try:
        return contentbytes.decoded(stream.read_raw_bytes(), names)
    except pikepdf.PdfError:
        return None  # damaged: qpdf says how, as it parses the content


def keep_used_resources(holder: pikepdf.Object, seen: set | None = None,
                        shapes: dict[bytes, frozenset[str]] | None = None) -> _Content | None:
    """Cut a page's (or form's) /Resources down to the names its content may draw with; its content,
    read for that (None when it has no resources, so nothing was read).

    A page copied whole would carry whatever its resources reach (an embedded file,
    a JavaScript action) into the imposed PDF, though nothing on the page shows it.
    Forms and tiling patterns it draws are cut down the same way. ``seen`` holds what was cut
    down already (forms, patterns and fonts by object number): pass one set for a whole PDF,
    and what its pages share is done once. ``shapes`` (one dictionary for a whole PDF) holds
    resource dictionaries found whole before, by their text, with the names their content must
    write to be kept whole again: pages that share them (as WeasyPrint's do) cost a look each."""
    seen = set() if seen is None else seen
    resources = holder.get("/Resources")
    if not isinstance(resources, pikepdf.Dictionary):
        return None
    content = _Content(holder)
    shape = resources.unparse(resolved=True) if shapes is not None and content.data is not None else None
    if shape is not None and shape in shapes and shapes[shape] <= content.written:
        return content  # as a page before it: all used, its fonts and forms cut down already
    used = content.used_names(resources)
    categories = resources.keys()  # one call: asking the dictionary for each name costs more
    whole = _all_used(resources, categories, used)
    if not whole:  # a new dictionary: resources may be shared
        kept = pikepdf.Dictionary()
        for category, table in resources.items():
            if category == "/ProcSet":
                kept[category] = table
            elif category in used and isinstance(table, pikepdf.Dictionary):
                kept[category] = pikepdf.Dictionary({n: table[n] for n in table.keys() if n in used[category]})
        holder.Resources = resources = kept
        categories = resources.keys()
    for font in (resources.get("/Font") or {}).values() if "/Font" in categories else ():
        if font is None:
            continue  # a reference to an object the PDF does not have
        if font.objgen == (0, 0) or font.objgen not in seen:  # a direct font has no number
            seen.add(font.objgen)
            _keep_font_keys(font)
            whole = whole and font.objgen != (0, 0)  # a direct font is cut down wherever it is
    for category in ("/XObject", "/Pattern"):
        for item in (resources.get(category) or {}).values() if category in categories else ():
            if _has_content(item) and item.objgen not in seen:
                seen.add(item.objgen)
                keep_used_resources(item, seen, shapes)
    if shape is not None and whole:
        shapes[shape] = frozenset(name for names in used.values() for name in names if contentbytes.plain(name))
    return content


# What a font, a CID font and a font descriptor may hold (PDF 2.0, 9.6-9.8): anything else
# hung off a font the page does use (a JavaScript action, an attachment) is not copied.
FONT_KEYS = frozenset(("/Type", "/Subtype", "/Name", "/BaseFont", "/FirstChar", "/LastChar", "/Widths",
                       "/FontDescriptor", "/Encoding", "/ToUnicode", "/DescendantFonts", "/FontBBox",
                       "/FontMatrix", "/CharProcs", "/Resources", "/CIDSystemInfo", "/W", "/DW", "/W2",
                       "/DW2", "/CIDToGIDMap"))
DESCRIPTOR_KEYS = frozenset(("/Type", "/FontName", "/FontFamily", "/FontStretch", "/FontWeight", "/Flags",
                             "/FontBBox", "/ItalicAngle", "/Ascent", "/Descent", "/Leading", "/CapHeight",
                             "/XHeight", "/StemV", "/StemH", "/AvgWidth", "/MaxWidth", "/MissingWidth",
                             "/FontFile", "/FontFile2", "/FontFile3", "/CharSet", "/Style", "/Lang", "/FD",
                             "/CIDSet"))


def _keep_font_keys(font: pikepdf.Object, depth: int = 0) -> None:
    """Drop from a used font (and its descendant fonts and descriptors) every key a font does not have."""
    if not isinstance(font, pikepdf.Dictionary) or depth > 2:
        return
    for key in [k for k in font.keys() if k not in FONT_KEYS]:
        del font[key]
    descriptor = font.get("/FontDescriptor")
    if isinstance(descriptor, pikepdf.Dictionary):
        for key in [k for k in descriptor.keys() if k not in DESCRIPTOR_KEYS]:
            del descriptor[key]
    descendants = font.get("/DescendantFonts")
    if isinstance(descendants, pikepdf.Array):
        for descendant in descendants:
            _keep_font_keys(descendant, depth + 1)


def _all_used(resources: pikepdf.Dictionary, categories: set[str], used: dict[str, set[str]]) -> bool:
    """True when every name in every category is drawn with (the usual case: nothing to cut)."""
    for category in categories:
        if category == "/ProcSet":
            continue
        table = resources[category]
        if category not in used or not isinstance(table, pikepdf.Dictionary):
            return False
        if any(name not in used[category] for name in table.keys()):
            return False
    return True


def _used_names(instructions: list) -> dict[str, set[str]]:
    """The resource names the content draws with, by category."""
    used: dict[str, set[str]] = {}
    for instruction in instructions:  # by attribute: unpacking an instruction costs five times more
        operator = str(instruction.operator)
        if operator == "ID":  # an inline image: its colour space may be a resource name
            category, name = "/ColorSpace", _inline_colour_space(list(instruction.operands))
        elif operator in NAMED_RESOURCES:
            category, index = NAMED_RESOURCES[operator]
            operands = instruction.operands
            name = operands[index] if operands else None
        else:
            continue
        if isinstance(name, pikepdf.Name):
            used.setdefault(category, set()).add(str(name))
    return used


def _inline_colour_space(operands: list) -> object:
    keys = operands[0::2]
    for key in ("/CS", "/ColorSpace"):
        if pikepdf.Name(key) in keys:
            return operands[2 * keys.index(pikepdf.Name(key)) + 1]
    return None


def _has_content(item: pikepdf.Object) -> bool:
    """A form XObject or a tiling pattern: a stream drawn with resources of its own."""
    return isinstance(item, pikepdf.Stream) and (
        item.get("/Subtype") == pikepdf.Name.Form or item.get("/PatternType") == 1)


def _geometry(form: pikepdf.Object) -> tuple[Matrix, Box, Box]:
    """The form's /Matrix (which carries the page's /Rotate), its /BBox (ordered), and the box
    it is drawn in: the /BBox's corners through the /Matrix."""
    x0, y0, x1, y1 = numbers(form.get("/BBox"))
    bbox = (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))
    if "/Matrix" not in form:
        return (1.0, 0.0, 0.0, 1.0, 0.0, 0.0), bbox, bbox
    a, b, c, d, e, f = numbers(form.Matrix)
    points = [(a * x + c * y + e, b * x + d * y + f) for x in (x0, x1) for y in (y0, y1)]
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return (a, b, c, d, e, f), bbox, (min(xs), min(ys), max(xs), max(ys))


def _write_output(source: pikepdf.Pdf, forms: _Forms, plan: Plan, sides: Iterable[int],
                  stamp: str | None) -> bytes:
    out = pikepdf.new()
    sides = list(sides)
    copied = _copy_forms(source, out, forms, sorted({p.page for i in sides for p in plan.sides[i].placements}))
    trim = plan.trim
    # Every side has the same boxes: one array each, written out in every page as if apart.
    boxes = (pikepdf.Array([0, 0, _num(plan.width), _num(plan.height)]),
             pikepdf.Array([_num(trim.x), _num(trim.y), _num(trim.right), _num(trim.top)]))
    _add_pages(out, [_sheet(out, plan.sides[index], copied, forms, boxes) for index in sides])
    keep_info(source, out)
    if stamp:
        out.docinfo[STAMP_KEY] = pikepdf.String(stamp)
    return save(out)


def _add_pages(out: pikepdf.Pdf, pages: list[pikepdf.Dictionary]) -> None:
    """Give the new PDF ``out`` its pages, as ``out.pages.append`` one by one would (the same
    objects, the same bytes): qpdf's append costs in proportion to the pages already there,
    so 1,000 sides took as long as all the rest of the writing."""
    tree = out.Root.Pages
    kids = []
    for page in pages:
        page.Parent = tree
        kids.append(out.make_indirect(page))
    tree.Kids = pikepdf.Array(kids)
    tree.Count = len(kids)


def _copy_forms(source: pikepdf.Pdf, out: pikepdf.Pdf, forms: _Forms, pages: list[int]) -> dict:
    """Copy the forms into ``out`` in one go (qpdf then copies shared fonts and images once)."""
    bundle = source.make_indirect(pikepdf.Array([forms.get(page)[0] for page in pages]))
    return dict(zip(pages, out.copy_foreign(bundle)))


def _sheet(out: pikepdf.Pdf, side: SidePlan, copied: dict, forms: _Forms,
           boxes: tuple[pikepdf.Array, pikepdf.Array]) -> pikepdf.Dictionary:
    ops = [_place(p, forms.get(p.page)[1]) for p in side.placements]
    if side.marks:
        ops.append(_marks(side.marks))
    xobjects = pikepdf.Dictionary({f"/P{p.page}": copied[p.page] for p in side.placements})
    return pikepdf.Dictionary(
        Type=PAGE, MediaBox=boxes[0], TrimBox=boxes[1], Resources=pikepdf.Dictionary(XObject=xobjects),
        Contents=out.make_stream("\n".join(ops).encode()),
    )


def _place(placement: Placement, box: tuple[float, float, float, float]) -> str:
    """Clip to the cell, map the page's drawn box onto its rectangle, draw the form."""
    c = placement.clip
    clip = " ".join(_fmt(v) for v in (c.x, c.y, c.w, c.h))
    return f"q {clip} re W n {' '.join(_placement_numbers(placement, box))} cm /P{placement.page} Do Q"


def placement_matrix(placement: Placement, box: Box) -> Matrix:
    """The ``cm`` matrix that draws a form whose drawn box is ``box`` at ``placement``, as written."""
    a, b, c, d, e, f = (float(v) for v in _placement_numbers(placement, box))
    return (a, b, c, d, e, f)


def _placement_numbers(placement: Placement, box: Box) -> list[str]:
    s, r = placement.scale, placement.rect
    x0, y0, x1, y1 = box
    if placement.rotate == 180:
        matrix = (-s, 0, 0, -s, r.x + s * x1, r.y + s * y1)
    else:
        matrix = (s, 0, 0, s, r.x - s * x0, r.y - s * y0)
    return [_fmt(v) for v in matrix]


def _marks(marks: Iterable[Segment]) -> str:
    ops = [f"q 0 G {_fmt(MARK_WIDTH)} w"]
    for m in marks:
        ops.append(f"{DASH if m.dashed else '[] 0 d'} {_fmt(m.x0)} {_fmt(m.y0)} m {_fmt(m.x1)} {_fmt(m.y1)} l S")
    return "\n".join(ops + ["Q"])


@functools.lru_cache(maxsize=4096)  # sides repeat the same few numbers: cells, scale, marks
def _fmt(value: float) -> str:
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _num(value: float) -> float:
    return round(value, 3)
