"""Render stage: laying out and drawing pages with WeasyPrint (only ``zine.render`` imports it).

Every file WeasyPrint asks for goes through a fetcher that serves only regular
files under the project, layout and font folders; anything else (the network,
other local files, symlinks out) stops the render with an error naming it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from zine.compose import Composed, font_face_css, font_roots, fontconfig_xml
from zine.core.errors import RefusedResource, RenderError
from zine.core.process import captured_log, environment
from zine.core.sandbox import check_file_url
from zine.core.svgsize import SVG_SHAPES, svg_shapes
from zine.render.compat import (blank_pages, check_engine, fonts_left_out, harfbuzz_subsetting, link_boxes,
                                whole_words_at_page_turns)

FALLBACK_DATE = "2000-01-01"  # embedded timestamps of a zine that has no date
# The project folder as the renderer sees it: WeasyPrint names images (and makes links)
# from their URLs, so a real folder URL would make the PDF depend on where the project is.
PROJECT_URL = "file:///zine-project/"


@dataclass
class Rendered:
    """The reading-order PDF and what the renderer noticed on the way."""

    pdf: bytes
    pages: int
    warnings: list[str] = field(default_factory=list)
    fetched: list[Path] = field(default_factory=list)  # files the renderer read (for the cache)
    # 0-based first page of each contribution, then of the back (empty when not typeset in pieces)
    starts: list[int] = field(default_factory=list)


def render(document: Composed) -> Rendered:
    """Typeset the composed HTML into a PDF (bytes): all of it laid out, all of it drawn."""
    laid = lay_out(document, document.html)
    pdf = write_pages(laid, list(range(laid.pages)), document.date)
    return Rendered(pdf=pdf, pages=laid.pages, warnings=laid.warnings, fetched=laid.fetched)


def _stylesheets(weasyprint, document: Composed, fetcher, fonts) -> list:
    families = document.fonts + document.fallback_fonts
    sheets = [weasyprint.CSS(string=font_face_css(families, document.font_files), font_config=fonts,
                             url_fetcher=fetcher)]
    if document.extra_css:  # the layout's page size and options, before its own CSS
        sheets.append(weasyprint.CSS(string=document.extra_css, font_config=fonts, url_fetcher=fetcher))
    for path in document.stylesheets:
        sheets.append(weasyprint.CSS(filename=str(path), font_config=fonts, url_fetcher=fetcher))
    return sheets


def _folder_url(folder: Path) -> str:
    return folder.resolve().as_uri() + "/"


def _refusal_message(refusal, document: Composed) -> str:
    shown = refusal.url
    for base in (_folder_url(document.base), PROJECT_URL):
        if shown.startswith(base):
            shown = shown[len(base):]
    return f"refused to read {shown!r}: {refusal.reason}"


def _origin(url: str, document: Composed) -> Path | None:
    name = url.rsplit("/", 1)[-1]
    for path in document.origins.values():
        try:
            if name and name in path.read_text(encoding="utf-8"):
                return path
        except OSError:
            continue
    return None


def _svg_too_costly(path: Path, data: bytes) -> str | None:
    """Why an SVG may not be drawn (``<use>`` copies multiplying into billions), or None."""
    if path.suffix.lower() not in (".svg", ".svgz") and not data.lstrip()[:200].lower().startswith((b"<svg", b"<?xml")):
        return None
    shapes = svg_shapes(data)
    if shapes is None or shapes <= SVG_SHAPES:
        return None
    return (f"drawing it would take more than {SVG_SHAPES:,} shapes (its <use> elements copy each other "
            "over and over); simplify the picture")


def _make_fetcher(weasyprint, roots: list[Path], fetched: list[Path] | None = None, base: Path | None = None):
    class Refused(weasyprint.urls.FatalURLFetchingError):
        """Fatal, so WeasyPrint stops instead of skipping the resource."""

        def __init__(self, url: str, reason: str):
            super().__init__(url)
            self.url = url
            self.reason = reason

    class SandboxFetcher(weasyprint.urls.URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:") and len(url) < 2_000_000:
                return super().fetch(url, headers)
            real = url
            if base is not None and url.startswith(PROJECT_URL):
                real = _folder_url(base) + url[len(PROJECT_URL):]
            path, reason = check_file_url(real, roots)
            if path is None:
                raise Refused(url, reason)
            if fetched is not None:
                fetched.append(path)
            data = path.read_bytes()
            reason = _svg_too_costly(path, data)
            if reason:
                raise Refused(url, reason)
            return weasyprint.urls.URLFetcherResponse(url, data)

    return SandboxFetcher(allowed_protocols={"file", "data"}, allow_redirects=False)


@contextlib.contextmanager
def _capture_warnings():
    messages: list[str] = []

    def keep(record) -> None:
        message = record.getMessage()
        # Which subsetter WeasyPrint uses is not the user's concern.
        if "HarfBuzz" not in message and message not in messages:
            messages.append(message)

    with captured_log("weasyprint", logging.WARNING, keep):
        yield messages


@contextlib.contextmanager
def _source_date(date: str | None):
    """Pin embedded timestamps (font subsets) so the same input gives the same bytes.

    A zine without a date is pinned to a fixed day rather than today. Font files cannot
    hold a time before 1904 and readers take one before 1970 for a mistake, so an older
    date (a reprint of a 1950s pamphlet) pins them to 1970."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        yield
        return
    moment = dt.datetime.fromisoformat(date or FALLBACK_DATE).replace(tzinfo=dt.timezone.utc)
    with environment(SOURCE_DATE_EPOCH=str(max(0, int(moment.timestamp())))):
        yield


# --- partial documents, for incremental anthology builds (zine.render.pieces) -------------------


@dataclass
class LaidOut:
    """A laid-out variant of a document, whose pages can then be written in any selection."""

    pages: int
    anchors: dict[str, int]  # element id -> index of the page it starts on
    blanks: list[bool]  # pages left blank (before a right- or left-hand start)
    fetched: list[Path]
    warnings: list[str]
    document: object = field(default=None, repr=False)


_SESSIONS: dict[tuple, tuple] = {}


def start_page(anchors: dict[str, int], blanks: list[bool], ident: str) -> int | None:
    """The page a piece of a laid-out document begins on: its element's page, or the blank page
    before it (a right- or left-hand start); None when the element is not there."""
    page = anchors.get(ident)
    if page is None:
        return None
    return page - 1 if page > 0 and blanks[page - 1] else page


def lay_out(document: Composed, html: str) -> LaidOut:
    """Lay out ``html`` (a variant of ``document.html``) with the document's stylesheets, fonts
    and sandbox. Stylesheets and fonts are loaded once per process and layout."""
    import weasyprint

    check_engine()
    fonts, fetcher, fetched, sheets = _session(weasyprint, document)
    fetched.clear()
    with _capture_warnings() as warnings, _source_date(document.date), _typeset_errors(weasyprint, document), \
            whole_words_at_page_turns():
        laid = weasyprint.HTML(string=html, base_url=PROJECT_URL, url_fetcher=fetcher) \
            .render(font_config=fonts, stylesheets=sheets, optimize_images=True)
    anchors: dict[str, int] = {}
    for index, page in enumerate(laid.pages):
        for name in page.anchors:
            anchors.setdefault(name, index)
    return LaidOut(len(laid.pages), anchors, blank_pages(laid), sorted(set(fetched)), warnings, laid)


def write_pages(laid: LaidOut, pages: list[int], date: str | None, fonts: dict | None = None) -> bytes:
    """The PDF of the chosen pages (0-based) of a laid-out document; only those are drawn.

    Given a ``fonts`` dict, font files are not subsetted nor embedded: a short
    placeholder (``zine.pdf.merge.FONT_PLACEHOLDER`` + digest) stands in for each and
    ``fonts[digest]`` gets its bytes, for ``zine.pdf.merge`` to subset once for
    all the pieces of a zine (subsetting and compressing cost about 0.1 s a
    font for every PDF written)."""
    document = laid.document
    keep = fonts_left_out(fonts, _placeholder) if fonts is not None else contextlib.nullcontext()
    with _source_date(date), harfbuzz_subsetting(), keep:
        return document.copy([document.pages[i] for i in pages]).write_pdf()


def _placeholder(font: bytes) -> tuple[str, bytes]:
    from zine.core.digest import digest_bytes
    from zine.pdf import FONT_PLACEHOLDER

    digest = digest_bytes(font)
    return digest, FONT_PLACEHOLDER + digest.encode()


def loose_links(laid: LaidOut, pages: list[int]) -> list[list]:
    """Links on the chosen pages to anchors on other pages, which WeasyPrint leaves out of a
    PDF of those pages alone: ``[page, x1, y1, x2, y2, anchor]``, page counted in the
    selection, rectangle in PDF points (for ``zine.pdf.merge`` to put back)."""
    chosen = [laid.document.pages[i] for i in pages]
    here = {name for page in chosen for name in page.anchors}
    found = []
    for index, page in enumerate(chosen):
        for kind, target, (x1, y1, x2, y2) in link_boxes(page):
            if kind == "internal" and target not in here:
                # WeasyPrint's own mapping: CSS pixels from the top, 0.75 pt a pixel.
                points = [round(v * 0.75, 3) for v in (x1, page.height - y1, x2, page.height - y2)]
                found.append([index, *points, target])
    return found


def _session(weasyprint, document: Composed) -> tuple:
    from weasyprint.text.fonts import FontConfiguration

    roots = document.readable + font_roots(document.fonts + document.fallback_fonts)
    key = (tuple(document.fonts), tuple(document.fallback_fonts), tuple(map(str, roots)), document.extra_css,
           tuple(sorted(document.font_files.items())),
           tuple((str(p), p.read_bytes()) for p in document.stylesheets))
    if key not in _SESSIONS:
        _SESSIONS.clear()  # one layout at a time is plenty; fonts hold memory
        fetched: list[Path] = []
        fetcher = _make_fetcher(weasyprint, roots, fetched, document.base)
        with _only_bundled_fonts(document):
            fonts = FontConfiguration()
        with _typeset_errors(weasyprint, document):
            sheets = _stylesheets(weasyprint, document, fetcher, fonts)
        _SESSIONS[key] = (fonts, fetcher, fetched, sheets)
    return _SESSIONS[key]


@contextlib.contextmanager
def _only_bundled_fonts(document: Composed):
    """While WeasyPrint makes its font configuration, fontconfig reads ours, which names no
    font folder: the machine's fonts stay out, so only the @font-face fonts (the zine's font
    packages and layout folders) exist, and the same input prints the same everywhere."""
    with tempfile.TemporaryDirectory(prefix="zine-fonts-") as folder:
        config = Path(folder) / "fonts.conf"
        config.write_text(fontconfig_xml(document.fonts, document.fallback_fonts), encoding="utf-8")
        with environment(FONTCONFIG_FILE=str(config)):
            yield


@contextlib.contextmanager
def _typeset_errors(weasyprint, document: Composed):
    try:
        yield
    except weasyprint.urls.FatalURLFetchingError as refusal:
        url, reason = getattr(refusal, "url", "?"), getattr(refusal, "reason", str(refusal))
        message = _refusal_message(refusal, document) if hasattr(refusal, "url") else reason
        raise RefusedResource(message, _origin(url, document)) from None
    except RecursionError as exc:
        where = next(iter(document.origins.values())) if len(document.origins) == 1 else document.base
        raise RenderError("the document is nested too deeply to typeset", where) from exc
