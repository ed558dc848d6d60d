"""A block that must not hang, and a drawing step that kills the worker process it runs in."""

from __future__ import annotations

import os
import signal
from contextlib import contextmanager

@contextmanager
def at_most(seconds: int):
    """Fail (rather than hang) when the block takes longer than ``seconds``."""
    def hung(*_):
        raise AssertionError(f"still waiting after {seconds} s: a dead worker hangs the build")
    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def dies_in_a_worker(parent: int):
    """A stand-in for drawing pages that kills the process it runs in, unless that is the test's own."""
    def draw(*args, **kwargs):
        if os.getpid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)
        raise AssertionError("drawn in the parent: no worker was used")
    return draw
