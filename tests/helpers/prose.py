"""Plain made-up prose of a given length."""

from __future__ import annotations



WORDS = ("the bus to the estate runs twice an hour and the council wants to cut it to once "
         "tenants wrote letters held a meeting and asked the depot for the figures").split()


def text(seed: int, length: int) -> str:
    """Plain made-up prose of ``length`` words."""
    return " ".join(WORDS[(seed * 7 + i) % len(WORDS)] for i in range(length)).capitalize() + "."
