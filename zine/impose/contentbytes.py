"""A content stream read as bytes, without a PDF parser, where the bytes are plain enough to be sure.

The writer needs two things from each page's content: the resource names it may draw
with (to cut its /Resources down), and, for pages reaching the dead edge, the path and
colour instructions ``zine.impose.inkstream`` reads. Both are read here from the
decoded bytes with regular expressions, which costs a fraction of a full parse:

- ``names`` gives every name written in the bytes, a superset of what is drawn with
  (a name in a string or an inline image counts too): keeping an unused resource is
  harmless, dropping a used one is not. Names that are not plain ASCII never count
  as found; the caller keeps those resources whatever the bytes say.
- ``instructions`` tokenizes as qpdf does, and gives up (None) at the first thing it is
  not sure of (a nested string, a comment, an inline image, a number qpdf would read
  otherwise): the caller then has pikepdf parse the stream, as before. Text objects that
  hold only text are passed over whole, and pages whose other bytes are the same (a frame
  drawn alike on every page) are tokenized once.

Nothing here imports pikepdf: ``zine.impose.pdfwriter`` hands over the bytes.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Mapping

# Bytes of one content stream read here; a larger one is left to pikepdf's parser, as before,
# so that what a hostile stream makes here (names, tokens) stays small.
MAX_DECODED = 1024 * 1024
MAX_TOKENIZED = 256 * 1024

# qpdf's whitespace (it counts the vertical tab too) and the PDF delimiters.
_WHITE = rb"\x00\t\n\x0b\x0c\r "
_DELIMITERS = rb"()<>\[\]{}/%"
# Plain name characters: printable ASCII less the delimiters and '#' (which starts an escape).
_PLAIN_CHARS = bytes(c for c in range(0x21, 0x7F) if chr(c) not in "()<>[]{}/%#")
_PLAIN_CLASS = b"[" + re.escape(_PLAIN_CHARS) + b"]"
_NAME_PLAIN = re.compile(rb"/(" + _PLAIN_CLASS + rb"*)")
_NAME_ESCAPED = re.compile(rb"/((?:" + _PLAIN_CLASS + rb"|#[0-9A-Fa-f]{2})*)")
_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_PLAIN_TEXT = re.compile("/" + re.escape(_PLAIN_CHARS.decode("ascii")).join("[]") + r"*\Z")

_REGULAR = rb"[^" + _WHITE + _DELIMITERS + rb"]"
_STRING = rb"\([^()\\]*+(?:\\[\s\S][^()\\]*+)*+\)"  # a literal string without nested brackets
_HEX = rb"<[0-9A-Fa-f\x00\t\n\x0c\r ]*+>"
_TOKEN = re.compile(
    _STRING + rb"|<<|>>|" + _HEX  # a literal string, dictionary brackets, a hex string
    + rb"|[\[\]]|/" + _REGULAR + rb"*+"  # array brackets, a name
    + rb"|" + _REGULAR + rb"++"  # a number, a keyword or an operator
    + rb"|[()<>{}%]")  # anything else (a nested string, a comment, a brace): not read here
# What a token is, by its first byte: a number, another operand (a name, a string), a bracket,
# a word (an operator or a keyword), or something not read here.
_NUMBER, _OPERAND, _BRACKET, _WORD, _ODD = range(5)
_KIND = [_WORD] * 256
for _byte in b"+-.0123456789":
    _KIND[_byte] = _NUMBER
for _byte in b"/(<":
    _KIND[_byte] = _OPERAND  # "<<" and a lone "(" or "<" are told apart below
for _byte in b"[]>":
    _KIND[_byte] = _BRACKET
for _byte in b"){}%":
    _KIND[_byte] = _ODD
_KIND = tuple(_KIND)
_NOT_NUMBER = b"0123456789.+-"  # deleted from a number token, nothing may be left
_KEYWORDS = {b"true": True, b"false": False, b"null": None}
_NOT_READ = frozenset((b"BI", b"ID", b"EI"))  # an inline image: binary data follows

# A text object holding nothing but text operators and their operands: no ink the reading
# looks at (it reads lines and areas, and stops at Tr), so it is read as one operator, ET.
# Each alternative takes whole tokens and gives none back, and BT is not one of them, so
# the bytes are gone over once whatever they hold.
_END = rb"(?=[" + _WHITE + _DELIMITERS + rb"]|\Z)"
_NUMBER_TOKEN = rb"[+-]?(?:\d+\.?\d*|\.\d+)" + _END
_TEXT_OPERATOR = rb"(?:T[fdDmjJcwzLs*]|'|\")" + _END
_TEXT_OBJECT = re.compile(
    rb"BT(?<!" + _REGULAR + rb"BT)" + _END  # BT first, then what is before it: a quicker search
    + rb"(?:[" + _WHITE + rb"]++|" + _STRING + rb"|" + _HEX + rb"|/" + _REGULAR + rb"*+|" + _NUMBER_TOKEN
    + rb"|" + _TEXT_OPERATOR + rb"|\[(?:[" + _WHITE + rb"]++|" + _STRING + rb"|" + _HEX + rb"|" + _NUMBER_TOKEN
    + rb")*+\])*+ET" + _END)
MEMO_BYTES = 4096  # content read once for pages alike only up to this size (bytes, text objects out)
MEMO_ENTRIES = 1024
_CLOSING = {b"[": b"]", b"<<": b">>"}


def decoded(raw: bytes, filters: tuple[str, ...]) -> bytes | None:
    """The bytes of a stream with ``filters`` (names, as in /Filter), decoded; None when that is
    not done here (another filter, damaged data, or more than ``MAX_DECODED`` bytes)."""
    if not filters:
        return raw if len(raw) <= MAX_DECODED else None
    if filters != ("/FlateDecode",):
        return None
    inflater = zlib.decompressobj()
    try:
        data = inflater.decompress(raw, MAX_DECODED)
    except zlib.error:
        return None
    if inflater.unconsumed_tail or not inflater.eof or inflater.unused_data.strip():
        return None  # too big, cut short, or trailing bytes: qpdf decides what it means
    return data


def plain(name: str) -> bool:
    """Whether a resource name (``/F1``) is plain ASCII that ``names`` can find."""
    return _PLAIN_TEXT.match(name) is not None


def names(data: bytes) -> set[str]:
    """Every plain name written in ``data`` (with its slash), escaped (``/F#31``) or not."""
    found = {"/" + name.decode("ascii") for name in _NAME_PLAIN.findall(data)}
    if b"#" in data:
        for name in _NAME_ESCAPED.findall(data):
            if b"#" in name:
                text = _ESCAPE.sub(lambda m: bytes((int(m[1], 16),)), name).decode("latin-1")
                if plain("/" + text):
                    found.add("/" + text)
    return found


def instructions(data: bytes, wanted: Mapping[bytes, str],
                 memo: dict | None = None) -> tuple[tuple[tuple, str], ...] | None:
    """The (operands, operator) of each operator in ``wanted`` (bytes -> its name, none of them a
    text operator), as ``pikepdf.parse_content_stream`` with those operators gives them; numbers
    as floats, true and false as booleans, anything else (a name, a string, an array) as None:
    all of it hashable, so that pages drawing the same lines are read once. None when the bytes
    hold anything not read here. ``memo`` (one per ``wanted``) keeps what pages gave whose bytes,
    text objects left out, were the same."""
    if b"BT" in data:
        data = _TEXT_OBJECT.sub(b" ET ", data)
    if len(data) > MAX_TOKENIZED:
        return None
    if memo is None or len(data) > MEMO_BYTES:
        return _instructions(data, wanted)
    if data not in memo:
        found = _instructions(data, wanted)
        if len(memo) >= MEMO_ENTRIES:
            return found
        memo[data] = found
    return memo[data]


def _instructions(data: bytes, wanted: Mapping[bytes, str]) -> tuple[tuple[tuple, str], ...] | None:
    found: list[tuple[tuple, str]] = []
    operands: list = []
    nesting: list[bytes] = []
    kinds = _KIND
    for token in _TOKEN.findall(data):
        kind = kinds[token[0]]
        if kind is _NUMBER:
            if token.translate(None, _NOT_NUMBER) or len(token) > 18:
                return None  # not a number qpdf reads as Python does (1e5, a long integer)
            try:
                value: object = float(token)
            except ValueError:
                return None  # qpdf reads it as an operator ("-", "1.2.3")
        elif kind is _WORD:
            if token in _KEYWORDS:
                value = _KEYWORDS[token]
            elif nesting or token in _NOT_READ:
                return None  # an operator inside an array, an inline image
            else:
                name = wanted.get(token)
                if name is not None:
                    found.append((tuple(operands), name))
                operands = []
                continue
        elif kind is _OPERAND and len(token) > 1 and token != b"<<":
            value = None  # a name, a string
        elif token in _CLOSING:
            nesting.append(_CLOSING[token])
            continue
        elif kind is _ODD or token not in (b"]", b">>") or not nesting or nesting.pop() != token:
            return None  # not read here, or brackets that do not match
        else:
            value = None  # the whole array or dictionary, as one operand
        if not nesting:
            operands.append(value)
    return None if nesting else tuple(found)
