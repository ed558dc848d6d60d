"""Names and text from someone else's files never steer the terminal: control characters
are printed escaped, on a real terminal (where click strips nothing) as in a pipe."""

from __future__ import annotations

import os
import pty
import subprocess
import sys

from helpers.files import write

ZINE = [sys.executable, "-c", "from zine.cli import main; main()"]
ESCAPES = ("\x1b]0;owned\x07", "\x1b[2J", "\x9b31m", "\r", "\u202e")


def on_a_terminal(*args, cwd) -> str:
    """What ``zine ARGS`` writes to a terminal (stdout and stderr both)."""
    leader, follower = pty.openpty()
    child = subprocess.Popen([*ZINE, *map(str, args)], cwd=cwd, stdin=subprocess.DEVNULL,
                             stdout=follower, stderr=follower)
    os.close(follower)
    said = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        said += chunk
    child.wait(timeout=120)
    os.close(leader)
    return said.decode("utf-8", "replace").replace("\r\n", "\n")


def _nothing_raw(said: str) -> None:
    for escape in ESCAPES:
        assert escape not in said, repr(said)


def test_a_file_name_with_escapes_is_printed_escaped(tmp_path):
    said = on_a_terminal("impose", tmp_path / "\x1b]0;owned\x07\x1b[2J.pdf", "-o", tmp_path / "o.pdf",
                         cwd=tmp_path)
    assert "Error:" in said and "\\x1b]0;owned\\x07\\x1b[2J.pdf" in said
    _nothing_raw(said)


def test_authors_and_comment_text_with_escapes_are_printed_escaped(tmp_path):
    root = tmp_path / "proj"
    write(root / "a.md", "---\ntitle: Thread\ncomments: a.yaml\n---\nA short article.\n")
    write(root / "a.yaml", '- author: "Ann\\e]0;owned\\a"\n  text: "Fine \\e[2J words \\x9b31m here\\r and \\u202e"\n')
    said = on_a_terminal("comments", root, cwd=tmp_path)
    assert "Ann\\x1b]0;owned\\x07" in said and "\\x1b[2J" in said
    _nothing_raw(said)
