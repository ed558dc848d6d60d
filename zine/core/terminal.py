"""What zine prints to the terminal, with control characters shown, never obeyed.

File names, titles, authors and comment text come from folders and pages someone
else made. Printed raw, an escape sequence in them could clear the screen, retitle
the window, hide the lines before it or write a link under the user's cursor. Every
line zine prints (results, warnings, errors) passes through :class:`EscapingStream`,
which writes a control character as its Python escape (``\\x1b``), so the user sees
that it was there.
"""

from __future__ import annotations

import re
from typing import TextIO

# C0 controls but tab and newline, DEL, C1 controls, and the bidirectional controls
# (which reorder what the terminal shows).
CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` with each control character written as its escape ('\\x1b', '\\u202e')."""
    return CONTROLS.sub(lambda found: found.group().encode("unicode_escape").decode("ascii"), text)


class EscapingStream:
    """A text stream that writes through ``inner`` with control characters escaped."""

    def __init__(self, inner: TextIO):
        self._inner = inner

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            raise TypeError("write() argument must be str")  # as a text stream says: click asks
        self._inner.write(printable(text))
        return len(text)

    def __getattr__(self, name: str):
        return getattr(self._inner, name)


def escape_output(stream: TextIO) -> TextIO:
    """``stream`` wrapped (once) so that what is printed through it cannot steer the terminal."""
    return stream if isinstance(stream, EscapingStream) else EscapingStream(stream)
