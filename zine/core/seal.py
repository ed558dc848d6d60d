"""Seals on what zine keeps in a project folder, with a key a sent folder cannot hold.

The cache, the output ledger and the preview manifest live inside the project, so a
folder someone sends can carry forged ones: a cached picture that is really an SVG,
a cached part PDF with JavaScript, a ledger claiming the user's notes as zine's
outputs. A plain checksum proves nothing (anyone can recompute it), so each of these
files carries a keyed hash (BLAKE2b with a key) made with a random key kept outside
every project, in the user's cache folder (``$XDG_CACHE_HOME/zine/seal-key``, or
``~/.cache/zine/seal-key``). A file whose seal does not match was not written by
this user's zine: it is ignored and the work is done again.

The cache itself stays in the project (so a moved or copied project keeps its
cache, and deleting the project deletes it); only the 32-byte key is outside. When
the key cannot be kept (no writable home), a key for this process alone is used:
nothing kept before is trusted, which only costs time.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import json
import os
import secrets
from pathlib import Path

KEY_BYTES = 32
SEAL_LENGTH = 32  # hex digits


def key_folder() -> Path:
    """The user's cache folder for zine (XDG_CACHE_HOME is honoured, as tests rely on)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "zine"


@functools.lru_cache(maxsize=None)
def _key_in(folder: str) -> bytes:
    path = Path(folder) / "seal-key"
    try:
        key = path.read_bytes()
        if len(key) == KEY_BYTES:
            return key
    except OSError:
        pass
    key = secrets.token_bytes(KEY_BYTES)
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        temp = path.with_name(f".seal-key.{os.getpid()}")
        handle = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600)
        with os.fdopen(handle, "wb") as stream:
            stream.write(key)
        # Two zines starting at once: the first key in place wins, both use it.
        try:
            os.link(temp, path)
        except FileExistsError:
            pass
        finally:
            os.unlink(temp)
        kept = path.read_bytes()
        return kept if len(kept) == KEY_BYTES else key
    except OSError:
        return key  # this process only


def user_key() -> bytes:
    """The key of this user (made on first use)."""
    return _key_in(str(key_folder()))


def seal(*parts: bytes) -> str:
    """The keyed hash of ``parts`` (hex), which only this user's zine can make."""
    hasher = hashlib.blake2b(key=user_key(), digest_size=SEAL_LENGTH // 2)
    for part in parts:
        hasher.update(len(part).to_bytes(8, "big"))
        hasher.update(part)
    return hasher.hexdigest()


def sealed(data: bytes) -> bytes:
    """``data`` with its seal in front, as a cache file keeps it."""
    return seal(data).encode() + data


def unsealed(found: bytes) -> bytes | None:
    """What :func:`sealed` wrapped, or None when the seal does not match (forged or damaged)."""
    data = found[SEAL_LENGTH:]
    return data if hmac.compare_digest(found[:SEAL_LENGTH], seal(data).encode()) else None


def sealed_json(value: dict) -> bytes:
    """``value`` (a table) as JSON, with a ``seal`` entry over the rest."""
    body = {key: item for key, item in value.items() if key != "seal"}
    text = json.dumps(body, sort_keys=True)
    return json.dumps({**body, "seal": seal(text.encode())}, indent=1, sort_keys=True).encode()


def unsealed_json(text: str | bytes) -> dict | None:
    """The table :func:`sealed_json` wrote (without its seal), or None when it is not that
    (forged, damaged, written by an older zine, not JSON)."""
    try:
        found = json.loads(text)
    except ValueError:
        return None
    if not isinstance(found, dict) or not isinstance(found.get("seal"), str):
        return None
    body = {key: item for key, item in found.items() if key != "seal"}
    expected = seal(json.dumps(body, sort_keys=True).encode())
    return body if hmac.compare_digest(found["seal"].encode(), expected.encode()) else None
