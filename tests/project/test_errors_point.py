"""Errors that point the right way: the file and line where the mistake is, a "did you mean"
for a name close to one that exists, and the command to run instead (exact messages)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers.files import write

from zine.cli import main

ARTICLE = "---\ntitle: Buses\nauthor: Ana\ndate: 2026-03-01\nlang: en\nsource: https://example.org/b\norder: 1\ncomments: {comments}\n---\n\nThe 14 bus is going.\n"
COMMENTS = "- author: Jo\n  text: Keep it.\n- author: Sam\n  text: Agreed.\n  replies:\n    - author: Lee\n      text: Me too.\n"


def run(*args: str, cwd: Path | None = None):
    old = os.getcwd()
    try:
        if cwd is not None:
            os.chdir(cwd)
        return CliRunner().invoke(main, list(args))
    finally:
        os.chdir(old)


@pytest.fixture
def mistake(tmp_path) -> Path:
    folder = tmp_path / "mistake"
    write(folder / "zine.toml", 'title = "Buses"\n\n[[contribution]]\narticle = "buses.md"\n')
    write(folder / "buses.md", ARTICLE.format(comments="coments.yaml"))
    write(folder / "comments.yaml", COMMENTS)
    return folder


def test_a_typo_in_front_matter_names_the_article_line_and_the_file_meant(mistake):
    result = run("build", str(mistake), "-o", str(mistake / "out.pdf"))
    assert result.exit_code == 1
    assert result.output == (f"Error: {mistake / 'buses.md'}:8: comments file not found: coments.yaml "
                             '(did you mean "comments.yaml"?)\n')
    assert not (mistake / "out.pdf").exists()


def test_a_typo_in_zine_toml_names_its_line_and_the_article_meant(mistake):
    write(mistake / "zine.toml", 'title = "Buses"\n\n[[contribution]]\narticle = "busses.md"\n')
    result = run("build", str(mistake))
    assert result.output == (f"Error: {mistake / 'zine.toml'}:4: article not found: busses.md "
                             '(did you mean "buses.md"?)\n')


def test_build_with_no_source_builds_the_project_here(mistake):
    write(mistake / "buses.md", ARTICLE.format(comments="comments.yaml"))
    result = run("build", "--no-impose", cwd=mistake)
    assert result.exit_code == 0, result.output
    assert (mistake / "mistake.pdf").read_bytes().startswith(b"%PDF")


def test_build_with_no_source_outside_a_project_says_what_to_give(tmp_path):
    result = run("build", cwd=tmp_path)
    assert result.exit_code == 2
    assert result.output.endswith("Error: give SOURCE (a project folder, zine.toml or article.md): this "
                                  "folder holds no zine.toml and no Markdown article\n")


@pytest.mark.parametrize("name", ["page.txt", "saved.html", "export.xml"])
def test_a_page_given_to_build_suggests_import(tmp_path, name):
    write(tmp_path / name, "Some pasted text\n")
    result = run("build", str(tmp_path / name))
    assert result.exit_code == 1
    assert result.output == (f"Error: {tmp_path / name}: is not a zine project but a page to import: run "
                             f"'zine import {tmp_path / name}' first, then build the folder it makes\n")


def test_an_output_not_named_pdf_is_refused_and_nothing_is_written(mistake, tmp_path):
    write(mistake / "buses.md", ARTICLE.format(comments="comments.yaml"))
    result = run("build", str(mistake), "-o", str(tmp_path / "notes.txt"))
    assert result.exit_code == 2
    assert f"Invalid value for '-o' / '--output': '{tmp_path / 'notes.txt'}' would hold a PDF file: give a " \
           "name ending in .pdf" in result.output
    assert list(tmp_path.glob("notes*")) == []


def test_an_unknown_pick_id_says_which_is_close(mistake):
    write(mistake / "buses.md", ARTICLE.format(comments="comments.yaml").replace("order: 1\n", "order: 1\npick: ['2.11']\n"))
    result = run("comments", str(mistake))
    assert result.exit_code == 1
    assert result.output == (f"Error: {mistake / 'buses.md'}: pick names comment '2.11' which does not exist "
                             '(did you mean "2.1"?); the comments are: 1, 2, 2.1\n')


def test_a_photo_cover_with_no_picture_says_it_falls_back_to_slab(tmp_path):
    folder = tmp_path / "photo"
    write(folder / "zine.toml", 'title = "Buses"\n[layout_options]\ncover = "photo"\n\n'
                                '[[contribution]]\narticle = "buses.md"\n')
    write(folder / "buses.md", ARTICLE.format(comments="comments.yaml"))
    write(folder / "comments.yaml", COMMENTS)
    result = CliRunner().invoke(main, ["build", str(folder), "--no-impose",
                                       "-o", str(tmp_path / "z.pdf")])
    assert result.exit_code == 0, result.output
    assert ('Warning: cover = "photo" needs a cover picture, and zine.toml names none: the cover is set as '
            '"slab" (name one in zine.toml: cover = "images/front.jpg")') in result.stderr.splitlines()


def test_a_misspelt_layout_and_layout_option_say_which_was_meant(mistake):
    write(mistake / "buses.md", ARTICLE.format(comments="comments.yaml"))
    result = run("build", str(mistake), "--layout", "mini-8")
    assert result.exit_code == 1
    assert result.output.startswith("Error: unknown layout 'mini-8' (did you mean \"mini8\"?); available: ")
    write(mistake / "zine.toml", 'title = "Buses"\nlayout = "mini8"\n\n[layout_options]\nfont_sise = 12\n\n'
                                 '[[contribution]]\narticle = "buses.md"\n')
    result = run("build", str(mistake))
    assert result.output.startswith(f"Error: {mistake / 'zine.toml'}:5: layout 'mini8' has no option 'font_sise' "
                                    '(did you mean "font_size"?); its options: ')
