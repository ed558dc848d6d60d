"""Facts read from PDFs: opening, page sizes, fonts, pictures, links, attachments.

The pipeline hands PDFs between stages as bytes; every save is deterministic
(fixed document id, no timestamps added).
"""

from __future__ import annotations

import functools
import io
import re

import pikepdf

from zine.core.errors import InputError


def open_pdf(data: bytes, source: str = "input") -> pikepdf.Pdf:
    """Open PDF bytes, or raise InputError naming ``source``."""
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise InputError("not a PDF file", source)
    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PasswordError:
        raise InputError("the PDF is locked with a password: open it with the password and save "
                         "an unlocked copy first", source) from None
    except pikepdf.PikepdfError as error:
        raise InputError(f"not a readable PDF ({reason(error)})", source) from None
    # Encrypted with an owner password only (common for council and charity leaflets): it
    # opens without one, as in any reader; restrictions it sets are told by permission_warning.
    if len(pdf.pages) == 0:
        raise InputError("the PDF has no pages", source)
    return pdf


def permission_warning(data: bytes) -> str | None:
    """A warning when the PDF's permissions forbid printing or changing it; None otherwise."""
    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PikepdfError:
        return None
    return opened_permission_warning(pdf)


def opened_permission_warning(pdf: pikepdf.Pdf) -> str | None:
    """``permission_warning`` of a PDF already open."""
    if not pdf.is_encrypted:
        return None
    allow = pdf.allow
    forbidden = [what for what, allowed in (("printing", allow.print_lowres or allow.print_highres),
                                            ("changing", allow.modify_other and allow.modify_assembly))
                 if not allowed]
    if not forbidden:
        return None
    return (f"its maker's settings forbid {' and '.join(forbidden)} it (no password was needed to "
            "open it); make sure you may print it before you do")


def reason(error: Exception) -> str:
    """qpdf's message without the in-memory stream it names (an address, different every run)."""
    return re.sub(r"^stream <[^>]*>:\s*", "", str(error))


def save(pdf: pikepdf.Pdf) -> bytes:
    """Serialise deterministically: same objects, same bytes."""
    buffer = io.BytesIO()
    pdf.save(buffer, deterministic_id=True, compress_streams=True,
             object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return buffer.getvalue()


def info_text(pdf: bytes, key: str) -> str | None:
    """One entry of the document info dictionary as text, or None."""
    with open_pdf(pdf) as doc:  # held open while the value is read: objects die with their PDF
        value = doc.docinfo.get(key)
        return str(value) if value is not None else None


def page_sizes(pdf: bytes, source_name: str = "input") -> list[tuple[float, float]]:
    """Width and height in points of each page as seen (trim box, /Rotate applied)."""
    return [visible_size(page) for page in open_pdf(pdf, source_name).pages]


def visible_box(page: pikepdf.Page) -> tuple[float, float, float, float]:
    obj = page.obj
    # Asking for a key first: getting a missing one costs pikepdf five times more.
    box = (obj.get("/TrimBox") if "/TrimBox" in obj else None) or (
        obj.get("/CropBox") if "/CropBox" in obj else None) or page.mediabox
    x0, y0, x1, y1 = numbers(box)
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


_NUMBER = re.compile(rb"[+-]?(?:\d+\.?\d*|\.\d+)")


def numbers(array: pikepdf.Object) -> list[float]:
    """The items of a PDF array of numbers as floats, read from its text (a fraction of the cost
    of asking pikepdf for each): the same floats, since both read the same decimal digits."""
    found = _numbers(array.unparse(resolved=True)) if isinstance(array, pikepdf.Array) else None
    return list(found) if found is not None else [float(v) for v in array]  # as pikepdf reads it


@functools.lru_cache(maxsize=256)  # pages repeat the same few boxes
def _numbers(text: bytes) -> tuple[float, ...] | None:
    items = text[1:-1].split() if text[:1] == b"[" and text[-1:] == b"]" else None
    if items and all(_NUMBER.fullmatch(item) for item in items):
        return tuple(float(item) for item in items)
    return None  # a reference, or not numbers


def visible_size(page: pikepdf.Page) -> tuple[float, float]:
    x0, y0, x1, y1 = visible_box(page)
    rotate = page.obj.get("/Rotate") if "/Rotate" in page.obj else 0
    turned = isinstance(rotate, int) and rotate % 180 == 90  # a broken /Rotate counts as none, as in qpdf
    return (y1 - y0, x1 - x0) if turned else (x1 - x0, y1 - y0)


def embedded_file_names(pdf: bytes) -> list[str]:
    """Names of embedded files: the EmbeddedFiles name tree and FileAttachment annotations."""
    doc = open_pdf(pdf)
    names = []
    tree = doc.Root.get("/Names", {}).get("/EmbeddedFiles")
    if tree is not None:
        names += [name_text(key) for key in pikepdf.NameTree(tree).keys()]
    for page in doc.pages:
        for annot in page.obj.get("/Annots", []):
            if annot.get("/Subtype") == pikepdf.Name.FileAttachment:
                spec = annot.get("/FS", {})
                names.append(str(spec.get("/UF", spec.get("/F", "(unnamed)"))))
    return names


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


def name_text(value: object) -> str:
    """A PDF name (or any value) as text; a name whose bytes are not UTF-8 (as some PDF
    makers write font names) is shown with its bytes as PDF writes them (``/Caf#E9``)."""
    try:
        return str(value)
    except UnicodeDecodeError:
        return value.unparse().decode("latin-1") if isinstance(value, pikepdf.Object) else repr(value)


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
        "name": name_text(font.get("/BaseFont", "(unnamed)")).lstrip("/"),
        "subtype": name_text(font.get("/Subtype", "")),
        "embedded": program is not None or name_text(font.get("/Subtype", "")) == "/Type3",
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


def page_fonts(page: pikepdf.Object, seen: set) -> list[pikepdf.Object]:
    """The font dictionaries a page and its forms use, each once across calls sharing ``seen``."""
    return _resources_of(page, "/Font", _seen=seen)


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


def page_count(pdf: bytes) -> int:
    """How many pages a PDF has."""
    return len(open_pdf(pdf).pages)


def anchor_pages(pdf: bytes) -> dict[str, tuple[int, float]]:
    """Named destinations (the ids of the HTML elements) -> (0-based page, height on the page in points).

    Where each article, comment or panel starts, read from the finished PDF.
    """
    doc = open_pdf(pdf)
    tree = doc.Root.get("/Names", {}).get("/Dests")
    if tree is None:
        return {}
    pages = {page.obj.objgen: index for index, page in enumerate(doc.pages)}
    found = {}
    for name, target in pikepdf.NameTree(tree).items():
        array = target.get("/D") if isinstance(target, pikepdf.Dictionary) else target
        if not isinstance(array, pikepdf.Array) or len(array) == 0 or array[0].objgen not in pages:
            continue
        found[name_text(name)] = (pages[array[0].objgen], _number(array[3]) if len(array) > 3 else 0.0)
    return found


def _number(value) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):  # a null coordinate: "keep the current one"
        return 0.0


def page_digests(data: bytes) -> list[str]:
    """A digest per page of everything that draws it (its content, resources, fonts, pictures,
    size), so a page that looks the same in two builds has the same digest. Other pages it
    refers to (its page tree, a link's target) count by their place, not their content."""
    import hashlib

    pdf = open_pdf(data)
    seen: dict = {}
    try:
        digests = []
        for page in pdf.pages:
            digest = hashlib.sha256(repr([float(v) for v in page.mediabox]).encode())
            digest.update(_object_digest(page.obj, seen, top=True))
            digests.append(digest.hexdigest()[:32])
        return digests
    finally:
        pdf.close()


def _object_digest(obj, seen: dict, top: bool = False) -> bytes:
    """A digest of a PDF object and what it refers to; each indirect object read once."""
    import hashlib

    if not isinstance(obj, pikepdf.Object):
        return repr(obj).encode()
    if not top and isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") in ("/Page", "/Pages"):
        return b"page" + repr(obj.objgen).encode()
    key = obj.objgen if obj.is_indirect and not top else None
    if key in seen:
        return seen[key]
    if key is not None:
        seen[key] = b"cycle"  # a loop back to an object being read: counted once
    digest = hashlib.sha256()
    if isinstance(obj, pikepdf.Stream):
        digest.update(b"stream" + obj.read_raw_bytes())
    if isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
        for name in sorted(k for k in obj.keys() if not (top and k == "/Parent")):
            digest.update(name.encode() + _object_digest(obj[name], seen))
    elif isinstance(obj, pikepdf.Array):
        for item in obj:
            digest.update(b"[" + _object_digest(item, seen))
    else:
        digest.update(obj.unparse())
    value = digest.digest()
    if key is not None:
        seen[key] = value
    return value
