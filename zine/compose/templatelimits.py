"""Jinja's sandbox with limits: a layout someone sent cannot make a build run for hours.

A project may carry its own layouts, and their templates are code of a kind: the
sandbox already keeps them away from files and Python internals, but not from
work without end. Here every loop over ``range`` counts towards one budget for the
whole render, a string or list may not be multiplied, padded or formatted past a
size, a macro that calls itself without end is a clear error, and the page the
template writes may not pass a size. Each passing is one LayoutError naming the
template.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from jinja2.sandbox import SandboxedEnvironment

from zine.core.errors import LayoutError

LOOP_STEPS = 2_000_000  # range() steps in one render: a layout's own loops need hundreds
VALUE_CHARS = 10_000_000  # one string or list a template makes
OUTPUT_CHARS = 64_000_000  # the HTML a template writes (a 70-page article is about 1 MB)
_WIDE_FORMAT = re.compile(r"\d{8,}")  # a field width or precision of eight digits or more


class TemplateLimit(Exception):
    """A template passed a limit (reported by the caller as a LayoutError naming it)."""


class LimitedEnvironment(SandboxedEnvironment):
    """A sandbox whose loops, values and output are bounded (see the module docstring)."""

    intercepted_binops = frozenset({"*", "**", "%", "+"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.steps = 0
        self.globals["range"] = self._counted_range

    def _counted_range(self, *args: int) -> Iterator[int]:
        numbers = range(*args)
        if self.steps + len(numbers) > LOOP_STEPS:
            raise TemplateLimit(f"its loops run more than {LOOP_STEPS:,} times")
        self.steps += len(numbers)
        return iter(numbers)

    def call_binop(self, context, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and _number(right) and abs(right) > 64:
            raise TemplateLimit(f"a power of {right} is too large")
        if operator == "*":
            for value, count in ((left, right), (right, left)):
                if isinstance(value, (str, list, tuple)) and _number(count) and len(value) * count > VALUE_CHARS:
                    raise TemplateLimit(f"it makes a value of more than {VALUE_CHARS:,} characters")
        if operator == "%" and isinstance(left, str) and _WIDE_FORMAT.search(left):
            raise TemplateLimit("a format width is too large")
        if operator == "%" and isinstance(left, str) and _huge_numbers(right):
            raise TemplateLimit(f"it makes a value of more than {VALUE_CHARS:,} characters")
        result = super().call_binop(context, operator, left, right)
        if isinstance(result, (str, list, tuple)) and len(result) > VALUE_CHARS:
            raise TemplateLimit(f"it makes a value of more than {VALUE_CHARS:,} characters")
        return result

    def call(__self, __context, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805 - as Jinja's
        # Padding and repeating methods ('x'.ljust(10**9), '{:>999999999}'.format(1)) allocate first.
        if _huge_numbers(args) or _huge_numbers(tuple(kwargs.values())):
            raise TemplateLimit(f"it makes a value of more than {VALUE_CHARS:,} characters")
        method = getattr(__obj, "__wrapped__", __obj)  # Jinja wraps str.format for its sandbox
        owner = getattr(method, "__self__", None)
        if any(isinstance(a, str) and _WIDE_FORMAT.search(a) for a in args) or (
                isinstance(owner, str) and _WIDE_FORMAT.search(owner)):
            raise TemplateLimit("a format width is too large")
        result = super().call(__context, __obj, *args, **kwargs)
        if isinstance(result, (str, list, tuple)) and len(result) > VALUE_CHARS:
            raise TemplateLimit(f"it makes a value of more than {VALUE_CHARS:,} characters")
        return result


def _number(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _huge_numbers(values: Any) -> bool:
    items = values if isinstance(values, (tuple, list)) else (values,)
    return any(_number(v) and abs(v) > VALUE_CHARS for v in items)


def render_bounded(template, context: dict, where: str) -> str:
    """The template's output, written piece by piece and stopped past OUTPUT_CHARS; a passed
    limit or a macro calling itself without end is a LayoutError naming ``where``."""
    pieces: list[str] = []
    size = 0
    try:
        for piece in template.generate(context):
            size += len(piece)
            if size > OUTPUT_CHARS:
                raise TemplateLimit(f"it writes more than {OUTPUT_CHARS:,} characters")
            pieces.append(piece)
    except TemplateLimit as limit:
        raise LayoutError(f"template refused: {limit}; a layout needs far less", where) from None
    except RecursionError:
        raise LayoutError("template error: a macro calls itself without end", where) from None
    except MemoryError:
        raise LayoutError("template refused: it needs more memory than a layout may use", where) from None
    return "".join(pieces)
