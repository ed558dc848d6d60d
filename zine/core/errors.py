"""One exception tree for every failure a user can cause.

Every error descends from ``click.ClickException`` so the CLI prints a single
``Error: ...`` line and exits 1; the library itself never calls ``sys.exit``.
"""

from __future__ import annotations

from pathlib import Path

import click


class ZineError(click.ClickException):
    """A failure the user can fix; the message names the file and line."""

    exit_code = 1

    def __init__(self, message: str, path: str | Path | None = None, line: int | None = None):
        self.path = Path(path) if path is not None else None
        self.line = line
        self.reason = message
        super().__init__(_where(path, line) + message)


def _where(path: str | Path | None, line: int | None) -> str:
    if path is None:
        return ""
    return f"{path}:{line}: " if line else f"{path}: "


class InputError(ZineError):
    """A source file (article, comments, zine.toml, PDF) is missing or malformed."""


class LimitError(InputError):
    """An input is bigger than any zine needs (``zine.core.limits``): the message says by how much."""


class LayoutError(ZineError):
    """A layout cannot be found, read or rendered."""


class RenderError(ZineError):
    """The typesetting step failed or was asked for something it refuses."""


class RefusedResource(RenderError):
    """A document referred to a file or URL outside what a build may read."""


class ImposeError(ZineError):
    """The pages cannot be imposed as asked."""


class OutputError(ZineError):
    """The output cannot be written where asked."""


class FetchError(InputError):
    """A web address given to ``zine import`` could not be read; the message names it whole."""

    def __init__(self, message: str, url: str, status: int | None = None):
        self.url = url
        self.why = message  # without the address, for a report line that names it already
        self.status = status  # the HTTP status the server answered, when that was the failure
        super().__init__(f"{url}: {message}")
