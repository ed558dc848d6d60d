"""zine batch: several projects in one run; a failure is named and stops nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers.anthology import make_anthology, page_texts

from zine.batch.projects import BatchOptions, batch, summary_table
from zine.cli import main


@pytest.fixture(scope="module")
def projects(tmp_path_factory) -> list[Path]:
    """Two small projects that build and one whose zine.toml lacks contributions."""
    root = tmp_path_factory.mktemp("batch")
    good = [make_anthology(root / name, count=count, paragraphs=2) for name, count in (("north", 1), ("south", 2))]
    broken = root / "broken"
    broken.mkdir()
    (broken / "zine.toml").write_text('title = "Nothing in it"\n', encoding="utf-8")
    return [good[0], broken, good[1]]


@pytest.fixture(scope="module")
def first_run(projects, tmp_path_factory):
    """The three projects built by ``zine batch``, the first named a second time by another path."""
    outdir = tmp_path_factory.mktemp("out") / "pdfs"
    again = projects[0] / ".." / projects[0].name
    result = CliRunner().invoke(main, ["batch", *map(str, projects), str(again), "-o", str(outdir)])
    return outdir, result


def test_failure_is_named_and_the_others_are_built(first_run):
    outdir, result = first_run
    assert result.exit_code == 1
    assert "1 of 3 projects failed: broken" in result.output
    assert "add at least one [[contribution]]" in result.output
    assert sorted(p.name for p in outdir.iterdir()) == ["north-print.pdf", "north.pdf", "south-print.pdf", "south.pdf"]
    assert "Piece number 2" in "".join(page_texts(str(outdir / "south.pdf")))


def test_summary_table_has_a_line_per_project(first_run):
    lines = first_run[1].output.splitlines()
    header = next(i for i, line in enumerate(lines) if line.split()[:5] == ["project", "pages", "sheets", "seconds", "result"])
    rows = [line.split() for line in lines[header + 2:header + 5]]
    assert [row[0] for row in rows] == ["north", "broken", "south"]
    assert rows[0][4] == "built" and rows[2][4] == "built" and rows[1][4] == "FAILED:"
    assert int(rows[2][1]) >= 4 and int(rows[2][2]) >= 1


def test_second_run_is_up_to_date(projects, first_run):
    outdir, _ = first_run
    good = [projects[0], projects[2]]
    before = {p.name: p.stat().st_mtime_ns for p in outdir.iterdir()}
    outcomes = batch(good, BatchOptions(outdir=outdir))
    assert [o.result for o in outcomes] == ["up to date", "up to date"]
    assert {p.name: p.stat().st_mtime_ns for p in outdir.iterdir()} == before  # nothing written again


def test_parallel_batch_writes_the_same_pdfs(projects, first_run, tmp_path):
    outdir, _ = first_run
    good = [projects[0], projects[2]]
    outcomes = batch(good, BatchOptions(outdir=tmp_path, jobs=2, cache=False))
    assert [o.result for o in outcomes] == ["built", "built"]
    for name in ("north.pdf", "south-print.pdf"):
        assert (tmp_path / name).read_bytes() == (outdir / name).read_bytes()


def test_two_projects_with_one_name_are_refused(tmp_path):
    twins = [make_anthology(tmp_path / side / "zine", count=1, paragraphs=1) for side in ("a", "b")]
    result = CliRunner().invoke(main, ["batch", *map(str, twins), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "two projects are both called 'zine'" in result.output
    assert not (tmp_path / "out" / "zine.pdf").exists()


def test_summary_table_lines_up():
    from zine.batch.projects import Outcome

    table = summary_table([Outcome("a-long-name", Path("x"), "built", 1.25, 12, 3),
                           Outcome("b", Path("y"), "failed", 0.0, message="x.md: broken")])
    lines = table.splitlines()
    assert lines[0].startswith("project    ") and lines[2].split() == ["a-long-name", "12", "3", "1.2", "built"]
    assert lines[3].endswith("FAILED: x.md: broken")


def test_a_folder_of_project_folders_builds_each(projects, tmp_path):
    root = projects[0].parent  # holds north/, broken/ and south/, and is not a project itself
    outdir = tmp_path / "out"
    result = CliRunner().invoke(main, ["batch", str(root), "-o", str(outdir)])
    assert result.exit_code == 1 and "1 of 3 projects failed: broken" in result.output
    assert sorted(p.name for p in outdir.iterdir()) == ["north-print.pdf", "north.pdf", "south-print.pdf", "south.pdf"]
    assert "Piece number 2" in "".join(page_texts(str(outdir / "south.pdf")))


def test_projects_in_keeps_projects_and_opens_folders_of_projects(projects, tmp_path):
    from zine.batch.projects import projects_in

    root = projects[0].parent
    assert projects_in([root]) == sorted(projects)
    assert projects_in([projects[0]]) == [projects[0]]  # a project stays itself
    empty = tmp_path / "empty"
    empty.mkdir()
    assert projects_in([empty]) == [empty]  # and fails with the usual message when built


def test_jobs_default_to_the_cores_for_more_than_one_project():
    import os

    from zine.batch.projects import job_count

    cores = len(os.sched_getaffinity(0))
    assert job_count(None, 1) == 1
    assert job_count(None, 6) == min(cores, 6)
    assert job_count(3, 2) == 2 and job_count(1, 6) == 1


def test_a_batch_worker_that_dies_fails_its_projects_without_a_hang(projects, monkeypatch, tmp_path):
    import os

    from helpers.dying import at_most, dies_in_a_worker

    import zine.pipeline.build

    monkeypatch.setattr(zine.pipeline.build, "build", dies_in_a_worker(os.getpid()))
    with at_most(60):
        outcomes = batch([projects[0], projects[2]], BatchOptions(outdir=tmp_path, jobs=2, cache=False))
    assert [o.result for o in outcomes] == ["failed", "failed"]
    assert all("stopped before it finished" in o.message for o in outcomes)
