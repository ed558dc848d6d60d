"""The build cache knows the engine and font packages that drew the last build: upgrading
one rebuilds instead of reporting a stale PDF as up to date."""

from __future__ import annotations

import shutil
from importlib import metadata
from pathlib import Path
from unittest import mock

import pytest
from click.testing import CliRunner

from zine.cache import store
from zine.cli import main
from helpers.paths import EXAMPLES

EXAMPLE = EXAMPLES / "flyer"


def build(folder: Path) -> str:
    result = CliRunner().invoke(main, ["build", str(folder), "--no-impose", "-o", str(folder / "out.pdf")])
    assert result.exit_code == 0, result.output
    return result.output


def distributions_with(name: str, version: str):
    """What importlib.metadata lists, with one package at another version (an upgrade)."""
    real = list(metadata.distributions())
    found = [d for d in real if (d.metadata["Name"] or "").lower() == name]
    assert found, f"{name} is not installed"

    class Upgraded:
        """The installed distribution in every respect but its version."""

        def __init__(self, dist):
            self._dist, self.version = dist, version

        def __getattr__(self, attribute):
            return getattr(self._dist, attribute)

    return lambda: [Upgraded(d) if d in found else d for d in real]


@pytest.mark.parametrize("package", ["fontpkg-noto-sans", "weasyprint"])
def test_an_upgraded_font_package_or_engine_rebuilds(tmp_path, package):
    folder = tmp_path / "flyer"
    shutil.copytree(EXAMPLE, folder)
    store.tool_fingerprint.cache_clear()
    build(folder)
    assert build(folder).startswith("Up to date:")  # the cache does hit when nothing changed
    with mock.patch.object(store.metadata, "distributions", distributions_with(package, "999.0")):
        store.tool_fingerprint.cache_clear()
        try:
            assert build(folder).startswith("Wrote ")
        finally:
            store.tool_fingerprint.cache_clear()
