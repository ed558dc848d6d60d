"""Render stage: the only module that imports WeasyPrint.

Every file WeasyPrint asks for goes through a fetcher that serves only regular
files under the project, layout and font folders; anything else (the network,
other local files, symlinks out) stops the render with an error naming it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

from .compose import Composed
from .errors import RefusedResource, RenderError
from .fonts import font_face_css, font_roots
from .sandbox import check_file_url


@dataclass
class Rendered:
    """The reading-order PDF and what the renderer noticed on the way."""

    pdf: bytes
    pages: int
    warnings: list[str] = field(default_factory=list)


def render(document: Composed) -> Rendered:
    """Typeset the composed HTML into a PDF (bytes)."""
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

    roots = document.readable + font_roots(document.fonts)
    fetcher = _make_fetcher(weasyprint, roots)
    fonts = FontConfiguration()
    with _capture_warnings() as warnings, _source_date(document.date):
        try:
            stylesheets = _stylesheets(weasyprint, document, fetcher, fonts)
            html = weasyprint.HTML(string=document.html, base_url=_folder_url(document.base),
                                   url_fetcher=fetcher)
            rendered = html.render(font_config=fonts, stylesheets=stylesheets, optimize_images=True)
            pdf = rendered.write_pdf()
        except weasyprint.urls.FatalURLFetchingError as refusal:
            url, reason = getattr(refusal, "url", "?"), getattr(refusal, "reason", str(refusal))
            message = _refusal_message(refusal, document) if hasattr(refusal, "url") else reason
            raise RefusedResource(message, _origin(url, document)) from None
        except RecursionError as exc:
            raise RenderError("the document is nested too deeply to typeset") from exc
    return Rendered(pdf=pdf, pages=len(rendered.pages), warnings=warnings)


def _stylesheets(weasyprint, document: Composed, fetcher, fonts) -> list:
    sheets = [weasyprint.CSS(string=font_face_css(document.fonts), font_config=fonts,
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
    base = _folder_url(document.base)
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


def _make_fetcher(weasyprint, roots: list[Path]):
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
            path, reason = check_file_url(url, roots)
            if path is None:
                raise Refused(url, reason)
            return weasyprint.urls.URLFetcherResponse(url, path.read_bytes())

    return SandboxFetcher(allowed_protocols={"file", "data"}, allow_redirects=False)


@contextlib.contextmanager
def _capture_warnings():
    messages: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record):
            message = record.getMessage()
            # Which subsetter WeasyPrint uses is not the user's concern.
            if "HarfBuzz" not in message and message not in messages:
                messages.append(message)

    logger = logging.getLogger("weasyprint")
    handler = Collect(level=logging.WARNING)
    logger.addHandler(handler)
    previous = logger.propagate
    logger.propagate = False
    try:
        yield messages
    finally:
        logger.removeHandler(handler)
        logger.propagate = previous


@contextlib.contextmanager
def _source_date(date: str | None):
    """Pin embedded timestamps (font subsets) so the same input gives the same bytes."""
    if "SOURCE_DATE_EPOCH" in os.environ or not date:
        yield
        return
    epoch = int(dt.datetime.fromisoformat(date).replace(tzinfo=dt.timezone.utc).timestamp())
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]
