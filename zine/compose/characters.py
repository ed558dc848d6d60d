"""Characters none of the zine's fonts can draw print as their name, never as a box.

A machine's own fonts are kept out of the render (so the same input prints the
same everywhere), and the packaged faces (``zine.compose.scripts``, emoji
included) do not draw everything: a character none of them has is replaced in
the composed HTML by its Unicode name in brackets, ``[grinning face]``. An emoji
sequence (skin tone, variation selector, joined emoji, a flag) becomes one
bracket. Build and check report each replacement in the same words.
"""

from __future__ import annotations

import itertools
import re
import unicodedata

# Marks that only modify the character before them: they go with it.
_MODIFIERS = (r"[\ufe00-\ufe0f\U0001f3fb-\U0001f3ff\u20e3\U000e0020-\U000e007f]")
_ZWJ = "\u200d"
_REGIONAL = range(0x1F1E6, 0x1F200)
# What a font need not draw: spaces, controls, format characters, and the marks that only
# choose how the character before them looks (variation selectors, the grapheme joiner).
# Other combining marks a font lacks would print as a box over their letter: they are named.
_INVISIBLE = {"Zs", "Zl", "Zp", "Cc", "Cf", "Cs"}
_INVISIBLE_MARKS = re.compile("[\u034f\u180b-\u180d\u180f\ufe00-\ufe0f\U000e0100-\U000e01ef]")
_REFERENCE = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,6})|([0-9]{1,7}));")


def replace_unprintable(html: str, covered: frozenset[int]) -> tuple[str, dict[str, str]]:
    """``html`` with every character (or emoji sequence) outside ``covered`` named instead;
    and what was replaced: original -> printed name."""
    html = _REFERENCE.sub(lambda m: _decoded(m, covered), html)
    missing = {ch for ch in set(html) if _needs_name(ch, covered)}
    if not missing:
        return html, {}
    one = "[" + re.escape("".join(sorted(missing))) + "]"
    unit = re.compile(f"(?:[\U0001f1e6-\U0001f1ff]{{2}}|{one}){_MODIFIERS}*(?:{_ZWJ}.{_MODIFIERS}*)*", re.S)
    pattern = re.compile(f"(?:{unit.pattern})+", re.S)
    replaced: dict[str, str] = {}

    def name(match: re.Match) -> str:
        """A run of them: one name each, the same one typed again and again once ("[tired face ×2]")."""
        names = []
        for text in unit.findall(match.group(0)):
            replaced.setdefault(text, printed_name(text))
            names.append(replaced[text])
        runs = [(n, len(list(group))) for n, group in itertools.groupby(names)]
        return " ".join(n if count == 1 else f"{n[:-1]} ×{count}]" for n, count in runs)

    def marked(match: re.Match) -> str:  # in running text: never hyphenated ("[grin-ning face]")
        return f'<span class="char-name" style="hyphens: manual">{name(match)}</span>'

    return _in_body_text(html, lambda text: pattern.sub(marked, text), lambda text: pattern.sub(name, text)), replaced


def missing_characters(html: str, covered: frozenset[int]) -> set[str]:
    """The characters of ``html`` (numeric references decoded) outside ``covered`` that a font must draw."""
    html = _REFERENCE.sub(lambda m: _decoded(m, covered), html)
    return {ch for ch in set(html) if _needs_name(ch, covered)}


def _in_body_text(html: str, text_change, other_change) -> str:
    """``text_change`` on the text between the tags of the body, ``other_change`` on the rest
    (the head, tags and their attributes, where no markup may go)."""
    body = re.search(r"<body\b[^>]*>", html)
    start = body.end() if body else 0
    parts = re.split(r"(<[^>]*>)", html[start:])
    changed = [other_change(part) if index % 2 else text_change(part) for index, part in enumerate(parts)]
    return other_change(html[:start]) + "".join(changed)


def _needs_name(char: str, covered: frozenset[int]) -> bool:
    return (ord(char) not in covered and unicodedata.category(char) not in _INVISIBLE
            and not _INVISIBLE_MARKS.match(char))


def _decoded(match: re.Match, covered: frozenset[int]) -> str:
    """A numeric character reference to a character the fonts lack, as the character itself
    (so it is named like a typed one); every other reference stays as written."""
    code = int(match.group(1), 16) if match.group(1) else int(match.group(2))
    if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF or not _needs_name(chr(code), covered):
        return match.group(0)
    return chr(code)


def printed_name(text: str) -> str:
    """'[grinning face]', '[man + personal computer]', '[flag GB]'."""
    parts = [ch for ch in text if ch != _ZWJ and not re.fullmatch(_MODIFIERS, ch)]
    if len(parts) == 2 and all(ord(ch) in _REGIONAL for ch in parts):
        return "[flag " + "".join(chr(ord(ch) - 0x1F1E6 + ord("A")) for ch in parts) + "]"
    names = [unicodedata.name(ch, f"U+{ord(ch):04X}").lower() for ch in parts]
    return "[" + " + ".join(names) + "]"

