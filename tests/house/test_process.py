"""A build leaves the process as it found it: environment, loggers, Pillow, warning filters, patches.

zine is a library too (a batch of zines, a test runner, a web app call it), so the
whole process is snapshotted before and after a real build with imposition, a
check and a preview, and must be the same; and each setting ``zine.core.process``
changes is put back even when the block inside fails.
"""

from __future__ import annotations

import logging
import os
import socket
import sys
import warnings

import pytest
from click.testing import CliRunner

from zine.cli import main
from zine.core import process


def snapshot() -> dict:
    """Every process-wide setting a library could leave behind, as plain values."""
    from fontTools import subset
    from PIL import Image, ImageFile
    from weasyprint.pdf import fonts

    loggers = {name: logger for name, logger in logging.root.manager.loggerDict.items()
               if isinstance(logger, logging.Logger)}
    loggers["(root)"] = logging.getLogger()
    return {
        "environment": dict(os.environ),
        "loggers": {name: (logger.level, tuple(logger.handlers), logger.propagate, logger.disabled)
                    for name, logger in loggers.items()},
        "logging disabled": logging.root.manager.disable,
        "warning filters": list(warnings.filters),
        "pillow": (Image.MAX_IMAGE_PIXELS, ImageFile.LOAD_TRUNCATED_IMAGES),
        "patched": (fonts.Font.subset, subset.Subsetter.subset),
        "recursion limit": sys.getrecursionlimit(),
        "socket timeout": socket.getdefaulttimeout(),
        "working folder": os.getcwd(),
    }


def test_a_build_check_and_preview_leave_the_process_as_they_found_it(project_copy, tmp_path):
    project = project_copy("flyer")
    out = tmp_path / "flyer.pdf"

    def run(*args: str) -> None:
        result = CliRunner().invoke(main, list(args))
        assert result.exit_code in (0, 1), result.output  # check exits 1 on errors it reports
        assert "internal error" not in result.output

    # Once first, so that every module a build imports (and the loggers they make) exists.
    run("build", str(project), "-o", str(out), "--no-cache")
    before = snapshot()
    run("build", str(project), "-o", str(out), "--no-cache")
    run("check", str(out.with_name("flyer-print.pdf")))
    run("preview", str(out.with_name("flyer-print.pdf")), "-o", str(tmp_path / "preview"), "--dpi", "24")
    after = snapshot()
    # Loggers made by modules first imported now (check and preview) are new, not changed.
    after["loggers"] = {name: state for name, state in after["loggers"].items() if name in before["loggers"]}
    changed = {key: value for key, value in after.items() if before[key] != value}
    changed["loggers"] = {name: state for name, state in after["loggers"].items() if before["loggers"][name] != state}
    assert {key: value for key, value in changed.items() if value} == {}


def test_each_setting_is_put_back_after_an_error():
    from PIL import Image

    logger = logging.getLogger("zine-test-logger")
    before = (os.environ.get("ZINE_TEST_SETTING"), os.environ.get("HOME"), logger.level, logger.propagate,
              list(logger.handlers), Image.MAX_IMAGE_PIXELS)
    with pytest.raises(RuntimeError):
        with process.environment(ZINE_TEST_SETTING="1", HOME=None), process.quiet_logger("zine-test-logger"), \
                process.captured_log("zine-test-logger", logging.WARNING, print), process.strict_pillow(10):
            assert os.environ["ZINE_TEST_SETTING"] == "1" and "HOME" not in os.environ
            assert logger.level == logging.ERROR and not logger.propagate and Image.MAX_IMAGE_PIXELS == 10
            raise RuntimeError("inside")
    assert (os.environ.get("ZINE_TEST_SETTING"), os.environ.get("HOME"), logger.level, logger.propagate,
            list(logger.handlers), Image.MAX_IMAGE_PIXELS) == before


def test_captured_log_keeps_records_off_the_terminal(capsys):
    kept = []
    with process.captured_log("zine-test-capture", logging.WARNING, lambda record: kept.append(record.getMessage())):
        logging.getLogger("zine-test-capture").warning("a font is odd")
        logging.getLogger("zine-test-capture").info("too small to keep")
    assert kept == ["a font is odd"]
    assert capsys.readouterr().err == ""
