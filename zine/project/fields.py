"""Typed access to fields of user-written mappings, with errors that say where."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from zine.core.errors import InputError
from zine.core.limits import SUBTITLE_CHARS, TITLE_CHARS, enforce
from zine.core.untrusted import clean_text
from zine.project.yamlio import LineDict

# Fields set large on covers and in running heads, with what to do when one is too long.
SHORT_FIELDS = {
    "title": (TITLE_CHARS, "a title is a line or two: move the rest into 'subtitle' or the text"),
    "subtitle": (SUBTITLE_CHARS, "move the rest into the text"),
    "author": (TITLE_CHARS, "give the name only"),
    "title_2": (TITLE_CHARS, "a title is a line or two: move the rest into 'subtitle_2'"),
    "subtitle_2": (SUBTITLE_CHARS, "move the rest into the text"),
}


def _line(mapping) -> int | None:
    return mapping.line if isinstance(mapping, LineDict) else None


def text_field(mapping: dict, key: str, path: Path, *, required: bool = False) -> str | None:
    """A field that must be text (numbers are accepted as their text)."""
    value = mapping.get(key)
    if value is None or value == "":
        if required:
            raise InputError(f"'{key}' is required", path, _line(mapping))
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        raise InputError(f"'{key}' must be text, not {_kind(value)}", path, _line(mapping))
    value = clean_text(value).strip()  # zine.toml's strings pass here, not through yamlio
    if key in SHORT_FIELDS:
        limit, advice = SHORT_FIELDS[key]
        enforce(len(value), limit, f"characters in '{key}'", path, _line(mapping), advice)
    return value


LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")  # en, en-GB, zh-Hant-TW, de-CH-1996


def lang_field(mapping: dict, key: str, path: Path) -> str | None:
    """A language tag (BCP 47: ``en``, ``en-GB``, ``pt-BR``): hyphenation and fonts follow it."""
    text = text_field(mapping, key, path)
    if text is not None and not LANGUAGE_TAG.fullmatch(text):
        raise InputError(f"'{key}' must be a language tag such as en, en-GB or pt-BR, not {text!r}",
                         path, _line(mapping))
    return text


def date_field(mapping: dict, key: str, path: Path) -> str | None:
    """A calendar date written YYYY-MM-DD; impossible dates are errors."""
    value = mapping.get(key)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    text = text_field(mapping, key, path)
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text[:10]).isoformat()
    except ValueError as exc:
        raise InputError(
            f"'{key}' is not a real date: {text!r} (write YYYY-MM-DD)", path, _line(mapping)
        ) from exc


def int_field(mapping: dict, key: str, path: Path) -> int | None:
    """A whole number of zero or more."""
    value = mapping.get(key)
    if value is None or value == "":
        return None
    try:
        number = int(str(value).strip())
    except ValueError as exc:
        raise InputError(
            f"'{key}' must be a whole number, not {value!r}", path, _line(mapping)
        ) from exc
    if number < 0:
        raise InputError(f"'{key}' must not be negative", path, _line(mapping))
    return number


def list_field(mapping: dict, key: str, path: Path) -> list[str] | None:
    """A list of short texts."""
    value = mapping.get(key)
    if value is None:
        return None
    if isinstance(value, (str, int)):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, (str, int, float)) for v in value):
        raise InputError(f"'{key}' must be a list of texts", path, _line(mapping))
    return [str(v).strip() for v in value]


def pick_field(mapping: dict, key: str, path: Path) -> list[str] | None:
    """A pick list: comment ids, whole threads (``2.*``) and ``top: N`` entries.

    ``top: 5`` may be written as text (``"top:5"``) or as a mapping (YAML
    ``- top: 5``, TOML ``{top = 5}``); it comes back as the text ``top:5``.
    """
    value = mapping.get(key)
    if value is None:
        return None
    if not isinstance(value, list):
        value = [value]
    entries = []
    for item in value:
        if isinstance(item, dict) and list(item) == ["top"] and not isinstance(item["top"], (bool, dict, list)):
            item = f"top:{item['top']}"
        if isinstance(item, bool) or not isinstance(item, (str, int, float)):
            raise InputError(f"'{key}' must list comment ids, whole threads ('2.*') or 'top: N', "
                             f"not {_kind(item)}", path, _line(mapping))
        entries.append(str(item).strip())
    return entries


def require_mapping(value, what: str, path: Path, line: int | None = None) -> dict:
    """Check that ``value`` is a mapping, or fail naming what it should be."""
    if not isinstance(value, dict):
        raise InputError(f"{what} must be a mapping of keys to values, not {_kind(value)}", path, line)
    return value


def _kind(value) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, bool):
        return "true/false"
    return f"{value!r}"
