"""Run one step in a child process with a memory cap and a time limit.

Some inputs cost nothing to read and everything to draw: a few kilobytes of PDF
can nest forms a million deep or hold millions of path operators, and PDFium,
which draws them for ``zine check`` and ``zine preview``, has no limits of its own.
So the drawing runs in a forked child whose address space (``RLIMIT_AS``: what
it had at the fork plus ``memory``) and CPU time (``RLIMIT_CPU``) are capped by the kernel: when it passes either, only the
child dies, and the command stops with one error naming the file. The child's
result (or its error) comes back pickled through a pipe.
"""

from __future__ import annotations

import os
import pickle
import resource
import select
import signal
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from zine.core.errors import LimitError, ZineError
from zine.core.limits import RENDER_MEMORY

T = TypeVar("T")


PDF_ADVICE = "the PDF is too complex (drawing operations by the million, or forms nested deep)"


def run_bounded(step: Callable[[], T], path: Path | str | None, seconds: float,
                memory: int = RENDER_MEMORY, what: str = "drawing its pages", advice: str = PDF_ADVICE) -> T:
    """``step()`` run in a forked child, its result returned (its ZineError raised).

    Past ``memory`` bytes of address space or ``seconds`` of CPU time, a LimitError
    names ``path``. Where fork is missing, the step runs here, unbounded."""
    if not hasattr(os, "fork"):
        return step()
    reader, writer = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - the child's own coverage is not collected
        os.close(reader)
        _child(step, writer, memory, seconds)
    os.close(writer)
    data, timed_out = _collect(reader, child, seconds * 2 + 10)
    _, status = os.waitpid(child, 0)
    outcome = _unpickled(data)
    if isinstance(outcome, tuple) and len(outcome) == 2 and outcome[0] in ("ok", "error", "crash", "memory"):
        kind, value = outcome
        if kind == "ok":
            return value
        if kind == "error":
            raise value
        if kind == "crash":  # a bug, not a limit: said as the internal error it is
            raise RuntimeError(value)
        raise LimitError(_memory_message(memory, what, advice), path)
    if timed_out or os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGXCPU:
        raise LimitError(f"{what} took more than {seconds:g} seconds; {advice}", path)
    raise LimitError(_memory_message(memory, what, advice), path)


def _memory_message(memory: int, what: str, advice: str) -> str:
    return f"{what} needed more than {memory // 2**20:,} MB of memory; {advice}"


def _child(step: Callable, writer: int, memory: int, seconds: float) -> None:
    code = 0
    try:
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        # The child starts as a copy of this process (its libraries mapped, its fonts read):
        # ``memory`` is what it may add, never past a cap this process was given.
        cap = _address_space() + memory
        cap = cap if soft == resource.RLIM_INFINITY else min(cap, soft)
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
        cpu = int(seconds) + 1
        used = resource.getrusage(resource.RUSAGE_SELF)
        # RLIMIT_CPU counts the process's whole life: the parent's time before the fork too.
        cpu += int(used.ru_utime + used.ru_stime)
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))
        try:
            outcome = ("ok", step())
        except ZineError as error:
            outcome = ("error", error)
        except MemoryError:
            outcome = ("memory", None)
        except Exception as error:  # noqa: BLE001 - reported to the parent, not taken for a limit
            outcome = ("crash", f"{type(error).__name__}: {error}")
        data = pickle.dumps(outcome)
        with os.fdopen(writer, "wb") as stream:
            stream.write(data)
    except BaseException:  # noqa: BLE001 - nothing may escape a forked child
        code = 1
    finally:
        os._exit(code)


def _address_space() -> int:
    """This process's address space in bytes (0 where /proc does not say)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


def _collect(reader: int, child: int, wall_seconds: float) -> tuple[bytes, bool]:
    """Everything the child writes, until it closes the pipe or the wall clock runs out."""
    chunks: list[bytes] = []
    deadline = time.monotonic() + wall_seconds
    with os.fdopen(reader, "rb", buffering=0) as stream:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                os.kill(child, signal.SIGKILL)
                return b"", True
            ready, _, _ = select.select([stream], [], [], min(left, 1.0))
            if not ready:
                continue
            chunk = stream.read(1 << 20)
            if not chunk:
                return b"".join(chunks), False
            chunks.append(chunk)


def _unpickled(data: bytes) -> object:
    if not data:
        return None
    try:
        return pickle.loads(data)  # our own child's bytes, through a pipe no one else holds
    except Exception:  # noqa: BLE001 - a child cut short mid-write
        return None
