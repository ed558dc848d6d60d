"""A drawing process that dies ends the build with one clear error, at once, never a hang.

Each test kills a worker the way the system would (SIGKILL, as the out-of-memory
killer does) and holds an alarm over the test, so a hang fails it instead of
stopping the suite.
"""

from __future__ import annotations

import os
import signal
import time
from contextlib import contextmanager

import pytest
from click.testing import CliRunner

from zine.cli import main
from zine.core.errors import RenderError
from zine.render import workers
from helpers.dying import at_most, dies_in_a_worker

pytestmark = pytest.mark.skipif(workers.fork_context() is None, reason="workers are forked")


def test_drawing_page_ranges_stops_with_an_error_when_a_worker_dies(monkeypatch):
    monkeypatch.setattr(workers, "write_range", dies_in_a_worker(os.getpid()))
    with at_most(60), pytest.raises(RenderError) as error:
        workers.write_ranges(object(), [(0, 4), (4, 8), (8, 12)], 2, None)
    assert "a typesetting process stopped before it finished" in error.value.message


def test_typesetting_pieces_stops_with_an_error_when_a_worker_is_killed(monkeypatch):
    monkeypatch.setattr(workers, "lay_out", lambda *args: time.sleep(60))  # busy until killed
    runner = workers.Runner(document=None, workers=2)
    try:
        runner.submit(0, "<p>piece</p>", 1, ["c1"])
        os.kill(runner.processes[0].pid, signal.SIGKILL)
        with at_most(30), pytest.raises(RenderError, match="stopped before it finished"):
            runner.receive()
    finally:
        runner.close()


def test_build_with_a_killed_worker_fails_in_one_line(monkeypatch, tmp_path):
    monkeypatch.setattr(workers, "write_pages", dies_in_a_worker(os.getpid()))
    out = tmp_path / "anthology.pdf"
    with at_most(120):
        result = CliRunner().invoke(main, ["build", "examples/anthology", "-o", str(out), "--no-cache", "-j", "2"])
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and "typesetting process stopped" in result.output
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1
    assert not out.exists()
