"""Outputs never replace what the user has: inputs, layout files, project files zine did not write."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from click.testing import CliRunner

from helpers.files import write
from helpers.paths import EXAMPLES
from helpers.pdfmaker import labelled_pdf
from zine.pipeline.build import BuildOptions, build
from zine.cli import main
from zine.core.errors import OutputError
from zine.preview.draw import preview

ARTICLE = "---\ntitle: Short\n---\nA short article for the copier.\n"


@pytest.fixture
def project(tmp_path):
    root = tmp_path / "proj"
    write(root / "a.md", ARTICLE)
    (root / "images").mkdir()
    shutil.copy(next((EXAMPLES / "library" / "images").iterdir()), root / "images" / "branch.png")
    return root


def test_build_output_never_replaces_a_picture_of_the_project(project):
    picture = project / "images" / "branch.png"
    before = picture.read_bytes()
    with pytest.raises(OutputError, match="zine did not write"):
        build(project, BuildOptions(output=picture))
    assert picture.read_bytes() == before and sorted(os.listdir(project / "images")) == ["branch.png"]


def test_html_never_replaces_a_layout_file(project, tmp_path):
    layout = tmp_path / "my-layout"
    result = CliRunner().invoke(main, ["layouts", "copy", "a5-booklet", str(layout)])
    assert result.exit_code == 0, result.output
    stylesheet = next(layout.glob("*.css"))
    before = stylesheet.read_bytes()
    with pytest.raises(OutputError, match="zine did not write"):
        build(project, BuildOptions(output=tmp_path / "out.pdf", layout=str(layout), html=stylesheet))
    assert stylesheet.read_bytes() == before and not (tmp_path / "out.pdf").exists()


def test_outputs_inside_the_project_are_replaced_only_when_zine_wrote_them(project):
    (project / "notes.pdf").write_bytes(b"the treasurer's notes")
    with pytest.raises(OutputError, match="notes.pdf: refusing to replace"):
        build(project, BuildOptions(output=project / "notes.pdf"))
    assert (project / "notes.pdf").read_bytes() == b"the treasurer's notes"
    options = BuildOptions(output=project / "zine.pdf", cache=False, impose=False)
    build(project, options)
    first = (project / "zine.pdf").read_bytes()
    write(project / "a.md", ARTICLE + "\nOne more line.\n")
    build(project, options)  # its own output: replaced
    again = (project / "zine.pdf").read_bytes()
    assert again.startswith(b"%PDF") and again != first


def test_every_output_path_is_checked_before_any_is_written(project, tmp_path):
    out = tmp_path / "out"
    (out / "zine-print.pdf").mkdir(parents=True)
    (out / "zine.pdf").write_bytes(b"last week's good zine")
    result = CliRunner().invoke(main, ["build", str(project), "-o", str(out / "zine.pdf"), "--no-cache"])
    assert result.exit_code == 1
    assert f"Error: {out / 'zine-print.pdf'}: is a folder" in result.output
    assert (out / "zine.pdf").read_bytes() == b"last week's good zine"
    assert sorted(os.listdir(out)) == ["zine-print.pdf", "zine.pdf"]


def test_a_temporary_file_a_killed_build_left_is_cleaned_up(project, tmp_path):
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    stray = tmp_path / f".zine.pdf.{gone}.k7x2m_9q.tmp"
    stray.write_bytes(b"half a PDF")
    build(project, BuildOptions(output=tmp_path / "zine.pdf", impose=False))
    assert not stray.exists() and (tmp_path / "zine.pdf").is_file()


@pytest.mark.parametrize("where", ["images", "."])
def test_preview_refuses_a_folder_holding_the_projects_files(project, where):
    folder = project / where
    picture = project / "images" / "page-01.png"
    shutil.copy(project / "images" / "branch.png", picture)
    before = picture.read_bytes()
    with pytest.raises(OutputError, match="this folder"):
        preview(project, folder)
    assert picture.read_bytes() == before


def test_preview_replaces_and_removes_only_images_it_wrote(tmp_path):
    source = tmp_path / "in" / "zine.pdf"
    source.parent.mkdir()
    folder = tmp_path / "previews"
    folder.mkdir()
    (folder / "page-20.png").write_bytes(b"a photo of the stall")  # named like a preview's image
    source.write_bytes(labelled_pdf(8))
    preview(source, folder, dpi=24, thumb=40)
    source.write_bytes(labelled_pdf(4))
    preview(source, folder, dpi=24, thumb=40)  # its own page-05 .. page-08 go
    assert sorted(p.name for p in folder.glob("page-*")) == ["page-01.png", "page-02.png", "page-03.png",
                                                            "page-04.png", "page-20.png"]
    assert (folder / "page-20.png").read_bytes() == b"a photo of the stall"
    other = tmp_path / "other"
    other.mkdir()
    (other / "page-01.png").write_bytes(b"put here by hand")
    with pytest.raises(OutputError, match="page-01.png: refusing to replace"):
        preview(source, other, dpi=24, thumb=40)
    assert (other / "page-01.png").read_bytes() == b"put here by hand"
    with pytest.raises(OutputError, match="this folder holds zine.pdf"):
        preview(source, source.parent, dpi=24, thumb=40)


@pytest.mark.parametrize("output", ["", "{tmp}", "{tmp}/new/"])
def test_an_empty_or_folder_output_is_a_usage_error(project, tmp_path, output):
    result = CliRunner().invoke(main, ["build", str(project), "-o", output.format(tmp=tmp_path)])
    assert result.exit_code == 2 and "Invalid value for '-o'" in result.output
    assert not (tmp_path / "new").exists()
