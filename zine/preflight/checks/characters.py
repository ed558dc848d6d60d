"""Characters the zine's fonts lack, printed as their names: the same warning in build and check.

Compose replaces each such character (or emoji sequence) with its Unicode name
in brackets; this says so, naming the file and comment it came from, so the
editor can keep the name, reword, or add a font package that has the script.
"""

from __future__ import annotations

import unicodedata

from zine.preflight.checks.locate import Locator
from zine.preflight.checks.registry import register_code
from zine.preflight.checks.report import WARNING, Finding

register_code("no-font", "a character in none of the zine's fonts, printed as its name instead")


def unprintable_findings(unprintable: dict[str, str], locator: Locator) -> list[Finding]:
    """One warning per replaced character and source it came from."""
    findings = []
    for text, printed in sorted(unprintable.items()):
        for source in locator.find_char(text) or [None]:
            findings.append(Finding(
                WARNING, "no-font", f"{_described(text)} is in none of the zine's fonts: it prints as "
                f"{printed}{_advice(text)}",
                file=source.file if source else None, comment=source.comment if source else None))
    return findings


def _described(text: str) -> str:
    return f"{text} ({' '.join(f'U+{ord(ch):04X}' for ch in text)})"


def _advice(text: str) -> str:
    if any(unicodedata.category(ch) == "So" for ch in text):
        return ""  # an emoji or symbol none of zine's faces draws: the name is the answer
    return "; for its script, add a font package to the zine (docs: Fonts and other scripts)"


def warning_line(finding: Finding) -> str:
    """A finding as one line of the build's warnings."""
    return f"{finding.where}: {finding.message}" if finding.where else finding.message
