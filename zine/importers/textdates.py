"""Dates as blogs print them ('March 14, 2017', '14th March 2017', '2017-03-14').

Numeric dates with slashes are not read: 03/04/2017 is March or April
depending on the blog's country, and a wrong date is worse than none.
"""

from __future__ import annotations

import datetime as dt
import re

MONTHS = {name: number for number, names in enumerate((
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
    ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
    ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
    ("december", "dec")), start=1) for name in names}
_MONTH = "(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
PATTERNS = [
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b"),
]


def find_date(text: str) -> tuple[str, tuple[int, int]] | None:
    """The first real date in the text as YYYY-MM-DD, with where it was found."""
    for pattern in PATTERNS:
        for match in pattern.finditer(text):
            month = match.group("month")
            number = int(month) if month.isdigit() else MONTHS[month.lower()]
            try:
                date = dt.date(int(match.group("year")), number, int(match.group("day")))
            except ValueError:
                continue
            return date.isoformat(), match.span()
    return None


def iso_date(stamp: str | None) -> str | None:
    """'2017-03-14T10:49:28+00:00' (HTML datetime) -> '2017-03-14', None if not a date."""
    if not stamp:
        return None
    match = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", stamp)
    if not match:
        found = find_date(stamp)
        return found[0] if found else None
    try:
        return dt.date(*map(int, match.groups())).isoformat()
    except ValueError:
        return None
