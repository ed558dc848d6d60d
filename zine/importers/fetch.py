"""``zine import --fetch-images``: download one picture an imported post shows, or refuse it.

Only when the user asks (:func:`zine.importers.pictures.remote_picture` calls
this); the build never fetches anything. A picture is taken over http or https
only (redirects too), within a size cap, a pixel cap and a timeout, and only
if Pillow reads it whole as a JPEG, PNG, GIF or WebP image. The bytes are kept
as the server sent them; a refusal says why in a reader's words.
"""

from __future__ import annotations

import io
import socket
import time
import urllib.error
import urllib.request
import warnings
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from zine.core.files import megabytes
from zine.core.pictures import strict_pillow

FORMATS = {"JPEG": ".jpg", "PNG": ".png", "GIF": ".gif", "WEBP": ".webp"}
USER_AGENT = "zine-import (one picture of a post, asked for by its user)"


@dataclass(frozen=True)
class Limits:
    """What one download may cost."""

    max_bytes: int = 15 * 1024 * 1024
    max_pixels: int = 40_000_000  # a 144-megapixel PNG took 13 s and 1.2 GB to print
    timeout: float = 20.0  # seconds for the whole picture, not for each read
    max_redirects: int = 5
    max_total: int = 200 * 1024 * 1024  # all the pictures of one import together


class Refused(Exception):
    """A picture not taken; the message says why, in a reader's words."""


@dataclass(frozen=True)
class Picture:
    """One downloaded picture: its bytes, file suffix and the address it came from in the end."""

    data: bytes
    suffix: str
    url: str


def download(url: str, limits: Limits) -> Picture:
    """One picture from the web, checked; or :class:`Refused`."""
    if urlsplit(url).scheme.lower() not in ("http", "https"):
        raise Refused("only http and https addresses are fetched")
    opener = urllib.request.build_opener(_Redirects(limits.max_redirects))
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "image/*"})
    deadline = time.monotonic() + limits.timeout
    try:
        with opener.open(request, timeout=limits.timeout) as response:
            data = _read_capped(response, limits.max_bytes, deadline)
            final = response.geturl()
    except Refused:
        raise
    except urllib.error.HTTPError as err:
        raise Refused(f"the server answered {err.code} {err.reason}") from None
    except (urllib.error.URLError, OSError) as err:
        raise Refused(_network_reason(err)) from None
    return Picture(data, _checked_picture(data, limits.max_pixels), final)


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follow a few redirects, to http or https only (urllib would also follow ftp)."""

    def __init__(self, most: int):
        super().__init__()
        self.max_redirections = most

    def http_error_302(self, req, fp, code, msg, headers):
        target = urljoin(req.full_url, headers.get("Location") or headers.get("URI") or "")
        if urlsplit(target).scheme.lower() not in ("http", "https"):
            fp.close()
            raise Refused(f"it redirects to {target}, which is not a web address")
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


def _read_capped(response, max_bytes: int, deadline: float) -> bytes:
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise Refused(f"larger than {megabytes(max_bytes)} ({megabytes(int(declared))})")
    chunks, total = [], 0
    while chunk := response.read(64 * 1024):
        total += len(chunk)
        if total > max_bytes:
            raise Refused(f"larger than {megabytes(max_bytes)}")
        if time.monotonic() > deadline:
            raise Refused("the download took too long")
        chunks.append(chunk)
    return b"".join(chunks)


def _checked_picture(data: bytes, max_pixels: int) -> str:
    """The suffix for a picture Pillow reads whole; :class:`Refused` for anything else.

    The pixel count is read from the header and refused before anything is decoded."""
    from PIL import Image, UnidentifiedImageError

    too_many = f"more than {max_pixels / 1e6:g} megapixels"
    try:
        with strict_pillow(max_pixels), warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # refused just below
            image = Image.open(io.BytesIO(data))
            with image:
                if image.format not in FORMATS:
                    raise Refused(f"a {image.format} image; only JPEG, PNG, GIF and WebP are taken")
                width, height = image.size
                if width * height > max_pixels:
                    raise Refused(f"{width} x {height} pixels, {too_many}")
                image.load()  # a truncated or corrupt file fails here, not in the build
                return FORMATS[image.format]
    except Image.DecompressionBombError:
        raise Refused(too_many) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise Refused("not a picture (Pillow cannot read it)") from None


def _network_reason(err: Exception) -> str:
    reason = getattr(err, "reason", err)
    if isinstance(reason, (socket.timeout, TimeoutError)):
        return "the server did not answer in time"
    if isinstance(reason, Refused):
        return str(reason)
    return f"cannot reach it ({reason})"
