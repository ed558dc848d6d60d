"""Option values shared by several commands, as plain data: listing them imports no engine."""

from __future__ import annotations

import click

from zine.core.paper import SHEETS as PAPER
from zine.impose.options import DUPLEX as DUPLEX_MODES

SHEETS = list(PAPER)  # the paper sizes imposition knows
DUPLEX = list(DUPLEX_MODES)


class PickList(click.ParamType):
    """Comments to print, comma-separated: ids (``2.1``), whole threads (``2.*``), ``top:5``."""

    name = "IDS"

    def convert(self, value, param, ctx) -> list[str]:
        if isinstance(value, list):
            return value
        entries = [part.strip() for part in str(value).split(",") if part.strip()]
        if not entries:
            self.fail("give comment ids, whole threads ('2.*') or 'top:N', separated by commas", param, ctx)
        return entries
