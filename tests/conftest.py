"""Shared fixtures: builds are slow, so each example is built once per session."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from helpers.files import write  # noqa: F401 - kept importable for fixtures' users
from helpers.paths import EXAMPLES

# zine keeps the key that seals its caches in the user's cache folder: tests use a
# scratch one (child processes inherit it), never the real home.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="zine-test-cache-")


@pytest.fixture(scope="session")
def library_build(tmp_path_factory):
    """The bundled example built once: (reading PDF, print PDF, BuildResult)."""
    from zine.pipeline.build import BuildOptions, build

    out = tmp_path_factory.mktemp("library") / "library.pdf"
    result = build(EXAMPLES / "library", BuildOptions(output=out))
    return out, out.with_name("library-print.pdf"), result


@pytest.fixture
def project_copy(tmp_path):
    """Copy an example project into a scratch folder the test may change."""

    def copy(name: str) -> Path:
        target = tmp_path / name
        shutil.copytree(EXAMPLES / name, target, ignore=shutil.ignore_patterns(".zine-cache"))
        return target

    return copy
