"""The command line run in a child process under a memory cap and a timeout, and what a
refusal or a build must print."""

from __future__ import annotations

import resource
import subprocess
import sys
from pathlib import Path

import pytest

ZINE = [sys.executable, "-c", "from zine.cli import main; main()"]
MEMORY = 1024 ** 3  # the address space a command may use
TIMEOUT = 120  # seconds; a passing case takes a few


def run_bounded(*args, cwd: Path) -> subprocess.CompletedProcess:
    """``zine ARGS`` in a child process limited to MEMORY and TIMEOUT."""
    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))

    try:
        return subprocess.run([*ZINE, *map(str, args)], cwd=cwd, preexec_fn=cap, stdin=subprocess.DEVNULL,
                              capture_output=True, text=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        pytest.fail(f"zine {' '.join(map(str, args))} ran for more than {TIMEOUT} s")


def refused(result: subprocess.CompletedProcess, *phrases: str) -> str:
    """The one-line error of a refused command, checked to hold each phrase."""
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    for phrase in phrases:
        assert phrase in lines[0]
    return lines[0]


def built(result: subprocess.CompletedProcess) -> None:
    """A command that succeeded and said nothing but zine's own one-line warnings."""
    assert result.returncode == 0, result.stderr
    assert all(line.startswith("Warning: ") for line in result.stderr.splitlines()), result.stderr
