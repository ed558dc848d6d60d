"""``zine import --fetch-images``: download one picture an imported post shows, or refuse it.

Only when the user asks (:func:`zine.importers.pictures.remote_picture` calls
this); the build never fetches anything. A picture is fetched through the
import's :mod:`zine.importers.net` session (http and https only, redirects too,
no private addresses unless allowed, a size cap and a deadline) and kept only
if Pillow reads it whole as a JPEG, PNG, GIF or WebP image within a pixel cap. The bytes are kept
as the server sent them; a refusal says why in a reader's words.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from zine.core import limits as bounds
from zine.core.errors import FetchError
from zine.core.pictures import strict_pillow

if TYPE_CHECKING:
    from zine.importers.net import Session

FORMATS = {"JPEG": ".jpg", "PNG": ".png", "GIF": ".gif", "WEBP": ".webp"}
ACCEPT = "image/jpeg, image/png, image/gif, image/webp, image/*;q=0.8"


@dataclass(frozen=True)
class Limits:
    """What one download may cost, and the session (address rule, deadlines) it goes through."""

    max_bytes: int = bounds.WEB_PICTURE_BYTES
    max_pixels: int = bounds.WEB_PICTURE_PIXELS
    timeout: float = bounds.WEB_REQUEST_SECONDS  # seconds for the whole picture, not each read
    max_redirects: int = bounds.WEB_REDIRECTS
    max_total: int = bounds.WEB_PICTURES_BYTES  # all the pictures of one import together
    allow_private: bool = False  # loopback, link-local and private addresses (--allow-private)
    session: Session | None = field(default=None, compare=False)  # the import's, when it has one


class Refused(Exception):
    """A picture not taken; the message says why, in a reader's words."""


@dataclass(frozen=True)
class Picture:
    """One downloaded picture: its bytes, file suffix and the address it came from in the end."""

    data: bytes
    suffix: str
    url: str


def download(url: str, limits: Limits) -> Picture:
    """One picture from the web, checked; or :class:`Refused`.

    It goes through :class:`zine.importers.net.Session` like every other request:
    http and https only, no private addresses unless allowed, bounded in bytes and time."""
    from zine.importers.net import Session

    session = limits.session or Session(allow_private=limits.allow_private)
    try:
        got = session.get(url, accept=ACCEPT, max_bytes=limits.max_bytes, kinds=(),
                          seconds=limits.timeout, redirects=limits.max_redirects)
    except FetchError as err:
        raise Refused(err.why) from None
    return Picture(got.body, _checked_picture(got.body, limits.max_pixels), got.url)


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
