"""The build cache: an unchanged project is up to date at once; any change that matters rebuilds."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest
from click.testing import CliRunner
from helpers.paths import EXAMPLES
from helpers.anthology import make_anthology, use_own_layout

from zine.pipeline.build import BuildOptions, build
from zine.cache.store import CACHE_DIR
from zine.cli import main
from zine.core.errors import OutputError


@pytest.fixture(scope="module")
def flyer(tmp_path_factory):
    """The flyer example, built once into its own folder: (project, output, first result)."""
    folder = tmp_path_factory.mktemp("cache") / "flyer"
    shutil.copytree(EXAMPLES / "flyer", folder, ignore=shutil.ignore_patterns(CACHE_DIR))
    out = folder.parent / "flyer.pdf"
    return folder, out, build(folder, BuildOptions(output=out))


@pytest.fixture
def fresh(flyer, tmp_path):
    """A copy of the built flyer (cache and outputs included) that a test may change.

    The manifest names the outputs by their full path, so the copy builds to the same
    place; what a test writes there is put back, so the next copy is up to date again."""
    folder, out, _ = flyer
    target = tmp_path / "flyer"
    shutil.copytree(folder, target)
    outputs = {path: path.read_bytes() for path in (out, out.with_name("flyer-print.pdf"))}
    yield target, out
    for path, data in outputs.items():
        path.write_bytes(data)


def test_unchanged_project_is_up_to_date_at_once(flyer):
    folder, out, first = flyer
    before = out.stat().st_mtime_ns, out.with_name("flyer-print.pdf").stat().st_mtime_ns
    again = build(folder, BuildOptions(output=out))  # its speed: benchmarks/bench_build.py
    assert again.up_to_date and not first.up_to_date
    assert (again.pages, again.sheets, again.reading_pdf) == (first.pages, first.sheets, first.reading_pdf)
    after = out.stat().st_mtime_ns, out.with_name("flyer-print.pdf").stat().st_mtime_ns
    assert before == after, "nothing is written when nothing changed"


def test_up_to_date_check_imports_neither_weasyprint_nor_pikepdf(flyer):
    folder, out, _ = flyer
    script = ("import sys; from pathlib import Path; from zine.pipeline.build import build, BuildOptions; "
              f"r = build(Path({str(folder)!r}), BuildOptions(output=Path({str(out)!r}))); "
              "print(r.up_to_date, 'weasyprint' in sys.modules, 'pikepdf' in sys.modules)")
    answer = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert answer.stdout.split() == ["True", "False", "False"]


@pytest.mark.parametrize("change", ["article", "comments", "config"])
def test_changed_input_rebuilds(fresh, change):
    folder, out = fresh
    target, old, new = {"article": ("article.md", "Library", "Libraries"),
                        "comments": ("comments.yaml", "double buggy", "twin buggy"),
                        "config": ("zine.toml", "Library", "Libraries")}[change]
    path = folder / target
    text = path.read_text(encoding="utf-8")
    assert old in text
    assert build(folder, BuildOptions(output=out)).up_to_date  # unchanged, the copy is a hit...
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert not build(folder, BuildOptions(output=out)).up_to_date  # ... so only the change can miss


def test_changed_or_missing_output_rebuilds(fresh):
    folder, out = fresh
    out.write_bytes(b"%PDF-1.7 someone else's file")
    assert not build(folder, BuildOptions(output=out)).up_to_date
    out.with_name("flyer-print.pdf").unlink()
    assert not build(folder, BuildOptions(output=out)).up_to_date
    assert build(folder, BuildOptions(output=out)).up_to_date


def test_options_are_part_of_the_key(fresh, tmp_path):
    folder, out = fresh
    assert not build(folder, BuildOptions(output=out, impose=False)).up_to_date
    assert build(folder, BuildOptions(output=out, impose=False)).up_to_date
    assert not build(folder, BuildOptions(output=tmp_path / "elsewhere.pdf")).up_to_date


def test_layout_files_are_part_of_the_key(fresh):
    folder, out = fresh
    css = use_own_layout(folder, "h1 { letter-spacing: 0; }\n")
    assert not build(folder, BuildOptions(output=out)).up_to_date
    assert build(folder, BuildOptions(output=out)).up_to_date
    css.write_text("h1 { letter-spacing: 0.01em; }\n", encoding="utf-8")
    assert not build(folder, BuildOptions(output=out)).up_to_date


def test_pictures_the_renderer_read_are_part_of_the_key(tmp_path):
    folder = tmp_path / "library"
    shutil.copytree(EXAMPLES / "library", folder, ignore=shutil.ignore_patterns(CACHE_DIR))
    out = tmp_path / "library.pdf"
    build(folder, BuildOptions(output=out, impose=False))
    assert build(folder, BuildOptions(output=out, impose=False)).up_to_date
    manifest = json.loads(next((folder / CACHE_DIR).glob("build-*.json")).read_text())
    pictures = [name for name in manifest["inputs"] if name.startswith("images/")]
    assert pictures, "the cover picture is recorded as an input"
    picture = folder / pictures[0]
    picture.write_bytes(picture.read_bytes() + b"\0")
    assert not build(folder, BuildOptions(output=out, impose=False)).up_to_date


def test_unwritable_cache_only_costs_time(tmp_path):
    folder = tmp_path / "flyer"
    shutil.copytree(EXAMPLES / "flyer", folder, ignore=shutil.ignore_patterns(CACHE_DIR))
    (folder / CACHE_DIR).write_text("not a folder", encoding="utf-8")
    out = tmp_path / "flyer.pdf"
    assert not build(folder, BuildOptions(output=out, impose=False)).up_to_date
    assert out.read_bytes().startswith(b"%PDF")
    assert not build(folder, BuildOptions(output=out, impose=False)).up_to_date


def test_cache_keeps_itself_out_of_git_and_cli_reports_it(flyer):
    folder, out, _ = flyer
    assert (folder / CACHE_DIR / ".gitignore").read_text() == "*\n"
    runs = [CliRunner().invoke(main, ["build", str(folder), "-o", str(out)]) for _ in range(2)]
    assert [r.exit_code for r in runs] == [0, 0], runs[0].output
    assert runs[1].output.startswith(f"Up to date: {out} (")


def test_cache_of_a_build_that_failed_is_kept_out_of_git_too(tmp_path):
    folder = make_anthology(tmp_path / "anth", count=2, paragraphs=1)
    (tmp_path / "anth-print.pdf").mkdir()  # found only once the print PDF is made
    with pytest.raises(OutputError):
        build(folder, BuildOptions(output=tmp_path / "anth.pdf"))
    written = {path.parent for path in (folder / CACHE_DIR).rglob("*") if path.is_file()}
    assert written, "the pieces were cached before the output failed"
    for where in written:
        assert (where / ".gitignore").read_text() == "*\n", where


def _key(options: BuildOptions) -> str:
    """The cache key a build of the flyer example with ``options`` would use."""
    from zine.core.digest import digest_text
    from zine.layout.resolve import load_layout
    from zine.pipeline.build import cache_settings
    from zine.project.load import load_project

    project = load_project(EXAMPLES / "flyer")
    layout = load_layout(options.layout or project.layout, project.root)
    return digest_text(cache_settings(project, layout, options))


def test_a_new_build_option_is_in_the_cache_key_by_itself():
    from dataclasses import field, make_dataclass

    extended = make_dataclass("Extended", [("binding", str, field(default="left"))], bases=(BuildOptions,))
    assert _key(extended(binding="right")) != _key(extended())
    assert _key(extended()) != _key(BuildOptions())  # the option's name is in the key too


@pytest.mark.parametrize("change", [
    {"layout": "a5-booklet"}, {"impose": False}, {"sheet": "letter"}, {"duplex": "long"}, {"preflight": False},
    {"pick": ["1"]}, {"fill": "page"}, {"signature": 2}, {"creep": "auto"}, {"paper_mm": 0.2},
    {"output": EXAMPLES / "elsewhere.pdf"}, {"html": EXAMPLES / "flyer.html"}])
def test_every_option_that_changes_the_outputs_changes_the_key(change):
    assert _key(BuildOptions(**change)) != _key(BuildOptions())


def test_options_that_only_change_how_a_build_runs_keep_the_key():
    assert _key(BuildOptions(cache=False, jobs=1)) == _key(BuildOptions())
