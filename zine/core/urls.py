"""Where a printed web address may break: never hyphenated, never changed.

A URL on paper is copied by hand or out of the PDF, so it may only end a line
where that cannot be misread: after ``/ . ? & = _ #`` and before ``-``, with
no character added. Not after ``-``: PDF readers (PDFium among them) take a
hyphen at a line end for a soft hyphen and drop it when the text is copied.
A run longer than a narrow column holds may break inside as a last resort,
still without adding anything, rather than run off the page.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

LONGEST_PIECE = 30  # characters between break points before one is forced
_PIECE = re.compile(r"-*[^/.?&=_#-]*[/.?&=_#]*")
_LOOKS_LIKE_URL = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)


def url_pieces(url: str) -> list[str]:
    """The URL cut where a line may end; joined, the pieces are the URL exactly."""
    pieces: list[str] = []
    for piece in _PIECE.findall(url):
        while len(piece) > LONGEST_PIECE:
            cut = _forced_cut(piece)
            pieces.append(piece[:cut])
            piece = piece[cut:]
        if piece:
            pieces.append(piece)
    return pieces


def _forced_cut(piece: str) -> int:
    """Where a run too long for a line is cut: at LONGEST_PIECE, but before a hyphen there."""
    cut = LONGEST_PIECE
    while cut > 1 and piece[cut - 1] == "-":
        cut -= 1
    return cut if piece[cut - 1] != "-" else LONGEST_PIECE


def looks_like_url(text: str) -> bool:
    """Text a reader would take for a web address (a bare link's words)."""
    return bool(_LOOKS_LIKE_URL.match(text.strip()))


def site_name(url: str) -> str:
    """The host a URL points at ('kittysjones.wordpress.com'), or the URL if it has none."""
    try:
        host = urlsplit(url).hostname
    except ValueError:
        host = None
    return host or url
