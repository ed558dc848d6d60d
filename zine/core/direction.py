"""Writing direction: which languages run right to left, and which way a piece of text runs.

A zine (or one contribution of an anthology) whose ``lang`` is Arabic, Persian,
Urdu, Hebrew or Yiddish (and the other right-to-left languages below) is set
right to left and binds on the right. Text of unknown direction (a comment, a
name, a title) takes the direction of its first strong letter, as HTML's
``dir="auto"`` does; the renderer has no ``dir="auto"``, so it is worked out here.
"""

from __future__ import annotations

import re
import unicodedata

RTL_LANGUAGES = frozenset({"ar", "fa", "ur", "he", "yi", "ps", "sd", "ug", "ckb", "dv", "syr", "iw", "ji"})
_TAG = re.compile(r"<[^>]*>")


def is_rtl(lang: str | None) -> bool:
    """Whether the language tag (``ar``, ``he-IL``, ``fa-Arab``) is written right to left."""
    return bool(lang) and lang.split("-")[0].lower() in RTL_LANGUAGES


def lang_dir(lang: str | None) -> str:
    """``"rtl"`` or ``"ltr"`` for a language tag."""
    return "rtl" if is_rtl(lang) else "ltr"


def text_dir(text: str, default: str = "ltr") -> str:
    """The direction of the first strong letter of ``text`` (tags skipped), else ``default``."""
    for char in _TAG.sub("", str(text)):
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            return "ltr"
        if kind in ("R", "AL"):
            return "rtl"
    return default
