"""One spelling of the layout's options: layout = "NAME" with a [layout_options] table.

The older [layout] / [layout.options] spelling still builds, with a hint; mixing
``layout = "NAME"`` with [layout.options] is a TOML error that names both lines
and the form to use.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from helpers.anthology import make_anthology

from zine.cli import main
from zine.core.errors import InputError
from zine.project.load import load_project
from helpers.paths import DATA


def project_with(tmp_path, options: str):
    return make_anthology(tmp_path / "zine", count=1, paragraphs=1, options=options)


def test_layout_options_table_is_read(tmp_path):
    folder = project_with(tmp_path, 'layout = "a5-booklet"\n\n[layout_options]\nfont_size = 11\nqr = true\n')
    project = load_project(folder)
    assert (project.layout, project.layout_options, project.notes) == ("a5-booklet", {"font_size": 11, "qr": True}, [])


def test_mixing_the_spellings_names_both_lines_and_the_form_to_use(tmp_path):
    folder = project_with(tmp_path, 'layout = "a5-booklet"\n\n[layout.options]\nfont_size = 11\n')
    result = CliRunner().invoke(main, ["build", str(folder), "-o", str(tmp_path / "out.pdf")])
    assert result.exit_code == 1
    assert result.output == (
        f"Error: {folder / 'zine.toml'}:6: [layout.options] cannot go with layout = \"a5-booklet\" on line 4: "
        "TOML holds one or the other; keep layout = \"a5-booklet\" and put the options in a [layout_options] table\n")
    assert not (tmp_path / "out.pdf").exists()


def test_a_layout_table_after_layout_name_is_the_same_clash(tmp_path):
    folder = project_with(tmp_path, 'layout = "digest"\n[layout]\nname = "digest"\n')
    with pytest.raises(InputError) as error:
        load_project(folder)
    assert error.value.line == 5 and "on line 4" in error.value.message and "[layout_options]" in error.value.message


def test_other_toml_errors_stay_as_they_were(tmp_path):
    folder = project_with(tmp_path, 'title = "twice"\n')
    with pytest.raises(InputError, match="malformed TOML: Cannot overwrite a value"):
        load_project(folder)


def test_the_older_spelling_still_builds_with_a_hint(tmp_path):
    folder = project_with(tmp_path, '[layout]\nname = "a5-booklet"\n\n[layout.options]\ncomments_title = "Your letters"\n')
    project = load_project(folder)
    assert (project.layout, project.layout_options) == ("a5-booklet", {"comments_title": "Your letters"})
    out = tmp_path / "out.pdf"
    result = CliRunner().invoke(main, ["build", str(folder), "-o", str(out), "--no-impose", "--no-cache"])
    assert result.exit_code == 0, result.output
    assert ("Warning: zine.toml:4: [layout] with name = ... and [layout.options] is the older spelling: "
            "write layout = \"a5-booklet\" and the options under [layout_options]") in result.output


def test_options_set_both_ways_are_refused(tmp_path):
    folder = project_with(tmp_path, '[layout_options]\nqr = true\n\n[layout]\nname = "a5-booklet"\n'
                                    '[layout.options]\nqr = false\n')
    with pytest.raises(InputError, match=r"set twice, under \[layout.options\] and \[layout_options\]"):
        load_project(folder)


def test_layouts_show_names_the_table_to_use():
    result = CliRunner().invoke(main, ["layouts", "show", "a5-booklet"])
    assert 'Options (set them in zine.toml in a [layout_options] table, beside layout = "a5-booklet"):' in result.output
    assert "[layout.options]" not in result.output


def test_import_into_a_project_with_the_clash_names_it_too(tmp_path):
    from pathlib import Path

    folder = project_with(tmp_path, 'layout = "a5-booklet"\n[layout.options]\nqr = true\n')
    post = DATA / "import" / "post.html"
    result = CliRunner().invoke(main, ["import", str(post), "-o", str(folder)])
    assert result.exit_code == 1
    assert "zine.toml:5: [layout.options] cannot go with layout = \"a5-booklet\" on line 4" in result.output
