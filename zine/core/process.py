"""The one owner of process-wide settings: environment variables, loggers, Pillow's limits.

A library shares its process with whoever called it (a test runner, a web app, a
batch of zines), so every setting that holds for the whole process is changed only
here, only inside a ``with`` block, and put back as it was on the way out, even on
an error.  ``tests/house/test_architecture.py`` holds every other module to it, and a test
snapshots the process before and after a build.

- ``environment``: variables another library reads (WeasyPrint reads
  ``SOURCE_DATE_EPOCH`` for the timestamps of font subsets; fontconfig reads
  ``FONTCONFIG_FILE`` when WeasyPrint makes its font configuration).
- ``quiet_logger``: a library's logger raised to a level while it reads something.
- ``captured_log``: a library's log records collected instead of printed.
- ``strict_pillow``: Pillow's pixel limit and its treatment of truncated files.
"""

from __future__ import annotations

import contextlib
import logging
import os
import warnings
from collections.abc import Iterator

from zine.core.limits import PICTURE_PIXELS


@contextlib.contextmanager
def environment(**values: str | None) -> Iterator[None]:
    """While inside, each named variable has the value given (None: unset); then as before."""
    before = {name: os.environ.get(name) for name in values}
    try:
        for name, value in values.items():
            _set_variable(name, value)
        yield
    finally:
        for name, value in before.items():
            _set_variable(name, value)


def _set_variable(name: str, value: str | None) -> None:
    if value is None:
        os.environ.pop(name, None)
    else:
        os.environ[name] = value


@contextlib.contextmanager
def quiet_logger(name: str, level: int = logging.ERROR) -> Iterator[None]:
    """While inside, logger ``name`` passes on only records of ``level`` and above."""
    logger = logging.getLogger(name)
    before = logger.level
    logger.setLevel(level)
    try:
        yield
    finally:
        logger.setLevel(before)


@contextlib.contextmanager
def captured_log(name: str, level: int, keep) -> Iterator[None]:
    """While inside, the records of logger ``name`` at ``level`` or above go to ``keep(record)``,
    not to the terminal (the logger stops passing them to its parents)."""

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            keep(record)

    logger = logging.getLogger(name)
    handler = Keep(level=level)
    before = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.propagate = before


@contextlib.contextmanager
def strict_pillow(max_pixels: int | None = PICTURE_PIXELS) -> Iterator[None]:
    """While inside, Pillow refuses pictures over ``max_pixels`` and files cut short, and its
    DecompressionBombWarning is never printed raw. ``None``: Pillow sets no pixel limit, for
    a caller that checks the size itself with an error naming the file and the excess.

    Both are process-wide settings (WeasyPrint itself accepts truncated files),
    so they are set here and put back as they were on the way out."""
    from PIL import Image, ImageFile

    before = Image.MAX_IMAGE_PIXELS, ImageFile.LOAD_TRUNCATED_IMAGES
    Image.MAX_IMAGE_PIXELS, ImageFile.LOAD_TRUNCATED_IMAGES = max_pixels, False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            yield
    finally:
        Image.MAX_IMAGE_PIXELS, ImageFile.LOAD_TRUNCATED_IMAGES = before
