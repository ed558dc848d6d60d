"""Same input, same bytes: in separate runs, in different folders, with or without a cache."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest
from helpers.paths import EXAMPLES
from helpers.anthology import append_words, make_anthology

ZINE = [sys.executable, "-c", "from zine.cli import main; main()"]


def build_in(folder: Path, project: Path, *options: str) -> dict[str, bytes]:
    """Copy ``project`` into ``folder`` and build it there with a separate ``zine`` process."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / project.name
    shutil.copytree(project, target, ignore=shutil.ignore_patterns(".zine-cache"))
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    subprocess.run([*ZINE, "build", str(target), "-o", str(folder / "out.pdf"), *options],
                   cwd=folder, env=env, check=True, capture_output=True)
    return {p.name: p.read_bytes() for p in sorted(folder.glob("out*.pdf"))}


def all_bytes(pdf: bytes) -> bytes:
    """The file and every stream in it decompressed, to look for text anywhere."""
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        streams = [obj.read_bytes() for obj in doc.objects if isinstance(obj, pikepdf.Stream)]
    return pdf + b"".join(streams)


@pytest.fixture(scope="module")
def anthology(tmp_path_factory):
    return make_anthology(tmp_path_factory.mktemp("source") / "anthology", count=3, paragraphs=3)


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory, anthology):
    """The same anthology built in two folders by two processes."""
    first = build_in(tmp_path_factory.mktemp("first"), anthology)
    second = build_in(tmp_path_factory.mktemp("second-place"), anthology)
    return first, second


def test_two_folders_two_runs_same_bytes(two_builds):
    first, second = two_builds
    assert set(first) == {"out.pdf", "out-print.pdf"}
    assert first == second


def test_no_paths_and_no_timestamps_of_today(two_builds, tmp_path_factory):
    for name, data in two_builds[0].items():
        everything = all_bytes(data)
        assert b"/tmp" not in everything and str(tmp_path_factory.getbasetemp()).encode() not in everything
        assert b"file:" not in everything
        assert b"D:2026100" in everything or b"2026-10-01" in everything  # the zine's own date


def test_dateless_article_builds_the_same_twice(tmp_path):
    article = tmp_path / "src" / "note.md"
    article.parent.mkdir()
    article.write_text("---\ntitle: No date here\n---\n\nJust a few words, written on no day in particular.\n",
                       encoding="utf-8")
    assert build_in(tmp_path / "a", article.parent, "--no-impose") == \
        build_in(tmp_path / "b", article.parent, "--no-impose")


def test_rebuild_after_edits_equals_a_fresh_build(tmp_path, anthology):
    """Pieces from the cache give the same bytes as building from nothing."""
    from zine.pipeline.build import BuildOptions, build

    worked = tmp_path / "worked"
    shutil.copytree(anthology, worked, ignore=shutil.ignore_patterns(".zine-cache"))
    build(worked, BuildOptions(output=tmp_path / "worked.pdf", impose=False))
    append_words(worked / "piece2.md", "An edit.")
    build(worked, BuildOptions(output=tmp_path / "worked.pdf", impose=False))
    fresh = tmp_path / "fresh"
    shutil.copytree(worked, fresh, ignore=shutil.ignore_patterns(".zine-cache"))
    build(fresh, BuildOptions(output=tmp_path / "fresh.pdf", impose=False))
    assert (tmp_path / "worked.pdf").read_bytes() == (tmp_path / "fresh.pdf").read_bytes()
    # What the edit made stale (pieces, fonts, font subsets) is gone from the cache.
    kept = [sorted(p.name for p in (project / ".zine-cache" / "parts").iterdir()) for project in (worked, fresh)]
    assert kept[0] == kept[1] and any(name.endswith(".font") for name in kept[0])


def test_library_example_is_reproducible(tmp_path):
    assert build_in(tmp_path / "one", EXAMPLES / "library", "--no-impose") == \
        build_in(tmp_path / "two", EXAMPLES / "library", "--no-impose")
