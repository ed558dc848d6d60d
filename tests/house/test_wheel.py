"""The wheel carries the built-in layouts and shared assets inside the package."""

from __future__ import annotations

import subprocess
import sys
import zipfile

from helpers.paths import ROOT


def test_wheel_contains_layouts_and_assets(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(tmp_path), str(ROOT)],
        check=True, capture_output=True,
    )
    wheel = next(tmp_path.glob("zine-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "zine/data/layouts/a5-booklet/layout.toml" in names
    assert "zine/data/layouts/a5-booklet/style.css" in names
    assert "zine/data/assets/css/print-base.css" in names
    assert "zine/data/assets/templates/base.html" in names
    assert "zine/cli.py" in names
    assert not any(name.startswith(("tests/", "examples/")) for name in names)
