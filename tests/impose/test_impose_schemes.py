"""Schemes describe themselves: a scheme from another package shows up everywhere.

A package written here, in a temporary folder, adds a scheme the way a third party
would: the module docs/schemes.md shows, with its ``SCHEME``, and an entry point in
the group ``zine.schemes`` (the ``.dist-info`` folder an installer writes).  It must then be a ``--scheme``
choice with its help line, give its own finishing words in the recipe, impose, and
fold back in the fold simulator by its own description, not as a saddle booklet.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers.foldsim import folded_pages, folded_reading_order
from helpers.pdfmaker import A7, labelled_pdf

from zine.cli import main
from zine.impose import ImposeOptions, impose
from zine.impose.schemes import all_schemes, reload_schemes, scheme_problems
from helpers.paths import ROOT

ROOT = ROOT


def documented_scheme() -> str:
    """The example scheme module of docs/schemes.md, as a developer would copy it."""
    text = (ROOT / "docs" / "schemes.md").read_text(encoding="utf-8")
    return text.split("```python\n", 1)[1].split("```", 1)[0]


def install(folder: Path, module: str, source: str, entry: str) -> Path:
    """Write ``module`` and the metadata an installer writes for its entry point."""
    (folder / f"{module}.py").write_text(textwrap.dedent(source), encoding="utf-8")
    info = folder / f"{module}-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {module}\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(f"[zine.schemes]\n{entry}\n", encoding="utf-8")
    return folder


@pytest.fixture
def plugin(tmp_path, monkeypatch):
    """A folder on sys.path holding the strip scheme's package; the registry looks again."""
    folder = tmp_path / "site"
    folder.mkdir()
    install(folder, "zine_strip", documented_scheme(), "strip = zine_strip:SCHEME")
    monkeypatch.syspath_prepend(str(folder))
    reload_schemes()
    yield folder
    monkeypatch.undo()
    sys.modules.pop("zine_strip", None)
    reload_schemes()


def test_a_scheme_from_a_package_is_a_choice_with_its_help(plugin):
    result = CliRunner().invoke(main, ["impose", "--help"], terminal_width=200)
    assert result.exit_code == 0
    assert "[saddle|mini8|quarter|strip|trifold]" in result.output
    assert "strip: 4-panel fan-folded strip" in result.output


def test_a_scheme_from_a_package_imposes_with_its_own_recipe_and_folds(plugin, tmp_path):
    source = tmp_path / "in.pdf"
    source.write_bytes(labelled_pdf(3, A7))
    result = CliRunner().invoke(main, ["impose", str(source), "-o", str(tmp_path / "out.pdf"),
                                       "--scheme", "strip", "--margin", "0"])
    assert result.exit_code == 0, result.output
    assert "print single-sided, fold back and forth along the panel lines like a fan, page 1 on top" \
        in result.output
    # Folded by the strip's own description; folded as a saddle booklet it would not read so.
    assert folded_reading_order(tmp_path / "out.pdf", "strip") == ["P1", "P2", "", "P3"]
    assert all(page.upright for page in folded_pages(tmp_path / "out.pdf", "strip"))


def test_a_package_scheme_is_seen_by_a_fresh_zine_process(plugin):
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(plugin), os.environ.get("PYTHONPATH", "")])}
    shown = subprocess.run([sys.executable, "-c", "from zine.cli import main; main()", "impose", "--help"],
                           capture_output=True, text=True, env=env, check=True)
    assert "strip: 4-panel fan-folded strip" in " ".join(shown.stdout.split())


def test_the_fold_simulator_refuses_a_scheme_it_does_not_know(tmp_path):
    path = tmp_path / "out.pdf"
    path.write_bytes(impose(labelled_pdf(4), ImposeOptions()).outputs[""])
    with pytest.raises(KeyError):
        folded_pages(path, "no-such-scheme")


def test_a_broken_scheme_package_is_a_warning_not_silence(tmp_path, monkeypatch):
    site = tmp_path / "site"
    site.mkdir()
    install(site, "zine_broken", "raise ImportError('needs a module that is not there')\n",
            "broken = zine_broken:SCHEME")
    monkeypatch.syspath_prepend(str(site))
    reload_schemes()
    try:
        assert "broken" not in all_schemes() and "saddle" in all_schemes()
        assert scheme_problems() == ("scheme 'broken' from package zine_broken left out: it does not load "
                                     "(ImportError: needs a module that is not there)",)
        warnings = impose(labelled_pdf(4), ImposeOptions()).warnings
        assert any("scheme 'broken' from package zine_broken left out" in w for w in warnings)
        source = tmp_path / "in.pdf"
        source.write_bytes(labelled_pdf(4))
        asked = CliRunner().invoke(main, ["impose", str(source), "-o", str(tmp_path / "o.pdf"), "--scheme", "broken"])
        assert asked.exit_code == 2
        assert "scheme 'broken' from package zine_broken left out: it does not load" in asked.output
    finally:
        monkeypatch.undo()
        sys.modules.pop("zine_broken", None)
        reload_schemes()


def test_a_scheme_that_is_not_a_scheme_or_takes_a_name_is_left_out_with_a_reason(tmp_path, monkeypatch):
    site = tmp_path / "site"
    site.mkdir()
    install(site, "zine_odd", "SCHEME = 'not a scheme'\n", "odd = zine_odd:SCHEME")
    monkeypatch.syspath_prepend(str(site))
    reload_schemes()
    try:
        assert "odd" not in all_schemes()
        assert scheme_problems() == ("scheme 'odd' from package zine_odd left out: it names a str, "
                                     "not a zine.impose.scheme.Scheme",)
    finally:
        monkeypatch.undo()
        sys.modules.pop("zine_odd", None)
        reload_schemes()

