"""Content hashes: short, stable digests of bytes and of values."""

from __future__ import annotations

import hashlib
import json
from typing import BinaryIO

DIGEST_LENGTH = 32  # hex digits of a content hash


def digest_bytes(data: bytes) -> str:
    """A short content hash (hex)."""
    return hashlib.blake2b(data, digest_size=DIGEST_LENGTH // 2).hexdigest()


def digest_stream(stream: BinaryIO, chunk: int = 1 << 20) -> str:
    """``digest_bytes`` of everything ``stream`` holds, read a chunk at a time."""
    hasher = hashlib.blake2b(digest_size=DIGEST_LENGTH // 2)
    while block := stream.read(chunk):
        hasher.update(block)
    return hasher.hexdigest()


def digest_text(*parts: object) -> str:
    """Hash of several values, each turned into JSON first (so the split between them counts)."""
    return digest_bytes(json.dumps(parts, sort_keys=True, default=str).encode("utf-8"))
