"""File names for imported posts: short, lower-case, safe on every file system."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import unquote, urlsplit

MAX_LENGTH = 60


def slugify(text: str, fallback: str = "post") -> str:
    """'Café: a “new” day' -> 'cafe-a-new-day'; letters of any script are kept."""
    text = "".join(_latin_base(ch) for ch in unicodedata.normalize("NFC", unquote(text))).lower()
    slug = re.sub(r"[\W_]+", "-", text).strip("-")
    if len(slug) > MAX_LENGTH:
        cut = slug[:MAX_LENGTH + 1]
        slug = cut[:cut.rfind("-")] if "-" in cut[MAX_LENGTH // 2:] else slug[:MAX_LENGTH]
    return slug.strip("-") or fallback


def _latin_base(ch: str) -> str:
    """'é' -> 'e' (accents off Latin letters); other scripts keep their letters whole."""
    base = unicodedata.normalize("NFKD", ch)[:1]
    return base if base.isascii() and base.isalnum() else ch


def slug_from_url(url: str | None) -> str | None:
    """The last path segment of a post URL ('.../2017/03/my-post/' -> 'my-post')."""
    if not url:
        return None
    parts = [p for p in urlsplit(url).path.split("/") if p]
    if not parts:
        return None
    last = re.sub(r"\.(html?|php)$", "", parts[-1])
    if last.isdigit() or last in ("index", "amp"):
        return None
    return slugify(last)
