"""Option values shared by several commands, as plain data: listing them imports no engine."""

from __future__ import annotations

from zine.core.paper import SHEETS as PAPER
from zine.impose.options import DUPLEX as DUPLEX_MODES

SHEETS = list(PAPER)  # the paper sizes imposition knows
DUPLEX = list(DUPLEX_MODES)
