"""Text from the web, made safe to print: bidirectional controls removed, non-characters refused.

Articles and comments are pasted from web pages. Bidirectional controls
(U+202A-U+202E overrides and embeddings, U+2066-U+2069 isolates, and the marks
U+200E, U+200F, U+061C) make a renderer reorder the text around them, so a
comment can print words reversed or shuffled while its source reads otherwise.
They are removed from everything a build reads. A lone surrogate (half of a
UTF-16 pair, which YAML's ``"\\ud800"`` escape can make) is no character at all.
"""

from __future__ import annotations

import re

BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_text(text: str) -> str:
    """``text`` without bidirectional controls."""
    return BIDI_CONTROLS.sub("", text)


def lone_surrogate(text: str) -> str | None:
    """'U+D800' for the first lone surrogate in ``text``, None when there is none."""
    found = _SURROGATE.search(text)
    return f"U+{ord(found.group()):04X}" if found else None


_BIDI_REFERENCES = re.compile(
    r"&(?:#[xX]0*(?:61[cC]|200[eEfF]|202[a-eA-E]|206[6-9])(?![0-9a-fA-F])"
    r"|#0*(?:1564|820[67]|823[4-8]|829[4-7])(?![0-9]));?|&(?:lrm|rlm);")


def clean_html(html: str) -> str:
    """HTML without bidirectional controls, written as characters or as character references."""
    return clean_text(_BIDI_REFERENCES.sub("", html))
