"""Anthologies built piece by piece come out exactly as a one-pass render: page numbers,
contents, running heads and footnote numbers; an edit re-typesets only what it must."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from zine.pipeline.build import BuildOptions, build
from zine.compose.html import compose
from zine.core.errors import RenderError
from zine.layout.resolve import load_layout
from zine.project.load import load_project
from zine.render import pieces as incremental
from zine.render import workers as parallel
from zine.render.engine import render
from helpers.anthology import WORDS, append_words, make_anthology, page_texts, use_own_layout


def one_pass_texts(project: Path) -> list[str]:
    """The reference: the whole zine typeset at once."""
    loaded = load_project(project)
    return page_texts(render(compose(loaded, load_layout(loaded.layout, loaded.root))).pdf)


@pytest.fixture
def count_layouts(monkeypatch):
    """How many documents the incremental renderer lays out (in this process: jobs=1)."""
    calls = []
    original = incremental.lay_out

    def counting(document, html):
        calls.append(html)
        return original(document, html)

    monkeypatch.setattr(incremental, "lay_out", counting)
    monkeypatch.setattr(parallel, "lay_out", counting)
    return calls


def typeset_alone(layouts: list[str]) -> list[int]:
    """The contributions laid out as documents of their own (not as the frame's stand-in pages)."""
    return sorted(int(n) for html in layouts if incremental.CUT_MARK not in html
                  for n in re.findall(r'\sid="c(\d+)"', html))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A four-piece anthology built once with a cache; tests copy it to change it."""
    folder = make_anthology(tmp_path_factory.mktemp("anthology") / "anth")
    out = folder.parent / "anth.pdf"
    result = build(folder, BuildOptions(output=out, impose=False, jobs=1))
    return folder, out, result


def copy_project(built, tmp_path) -> Path:
    target = tmp_path / "anth"
    shutil.copytree(built[0], target)
    return target


def test_fresh_build_matches_one_pass(built):
    folder, out, result = built
    texts = page_texts(str(out))
    assert texts == one_pass_texts(folder)
    assert result.pages == len(texts) >= 6
    contents = texts[1]
    for number in range(1, 5):
        page = next(i for i, t in enumerate(texts) if f"Piece number {number}\r\n" in t or
                    t.lstrip().startswith(f"Piece number {number}"))
        # The contents line of the piece ends in the number of its real page.
        assert re.search(rf"Piece number {number}[ .]*{page + 1}\r\n", contents), contents


def test_footnotes_are_numbered_through_the_zine(built):
    texts = page_texts(str(built[1]))
    notes = "".join(texts)
    # The note starts a line; PDFium joins a line ending in a hyphen (U+FFFE) to what follows.
    assert re.search(r"[\n\ufffe]7\. Note 1 of piece 4\.\r\n", notes)


def test_edit_retypesets_only_that_contribution(built, tmp_path, count_layouts):
    folder = copy_project(built, tmp_path)
    append_words(folder / "piece3.md", "And one more thing.")
    out = tmp_path / "edited.pdf"
    result = build(folder, BuildOptions(output=out, impose=False, jobs=1))
    assert not result.up_to_date
    # One document with a contribution (and at most the front without its contents entries, measured once)
    assert len([html for html in count_layouts if 'id="c' in html]) == 1 and typeset_alone(count_layouts) == [3]
    assert len(count_layouts) <= 2
    assert page_texts(str(out)) == one_pass_texts(folder)


def test_edit_that_adds_pages_moves_what_follows(built, tmp_path, count_layouts):
    folder = copy_project(built, tmp_path)
    append_words(folder / "piece2.md", " ".join(["Lengthening words for the second piece."] * 120))
    out = tmp_path / "longer.pdf"
    result = build(folder, BuildOptions(output=out, impose=False, jobs=1))
    texts = page_texts(str(out))
    assert result.pages > built[2].pages
    assert texts == one_pass_texts(folder)
    # pieces 2, 3 and 4 and the contents and back; piece 1 came from the cache
    assert typeset_alone(count_layouts) == [2, 3, 4]
    assert any(incremental.CUT_MARK in html for html in count_layouts)


def test_damaged_cache_files_are_typeset_again(built, tmp_path):
    folder = copy_project(built, tmp_path)
    for kept in (folder / ".zine-cache" / "parts").iterdir():
        kept.write_bytes(kept.read_bytes()[:300])
    append_words(folder / "piece3.md", "After the damage.")
    out = tmp_path / "mended.pdf"
    build(folder, BuildOptions(output=out, impose=False, jobs=1))
    assert page_texts(str(out)) == one_pass_texts(folder)


def test_right_hand_starts_match_one_pass(tmp_path):
    folder = make_anthology(tmp_path / "right", count=3, options="[layout_options]\nstart_right = true")
    out = tmp_path / "right.pdf"
    build(folder, BuildOptions(output=out, impose=False, jobs=1))
    expected = one_pass_texts(folder)
    assert page_texts(str(out)) == expected
    append_words(folder / "piece1.md", "Edited.")
    build(folder, BuildOptions(output=out, impose=False, jobs=1))
    assert page_texts(str(out)) == one_pass_texts(folder)


def test_parallel_build_gives_the_same_bytes(built, tmp_path):
    folder = copy_project(built, tmp_path)
    shutil.rmtree(folder / ".zine-cache")
    out = tmp_path / "parallel.pdf"
    build(folder, BuildOptions(output=out, impose=False, jobs=2))
    assert out.read_bytes() == built[1].read_bytes()


def test_short_zine_without_jobs_is_drawn_in_this_process(built, tmp_path, monkeypatch):
    folder = copy_project(built, tmp_path)
    shutil.rmtree(folder / ".zine-cache")
    asked = []
    original = incremental.write_ranges

    def recording(laid, ranges, workers, date):
        asked.append(workers)
        return original(laid, ranges, workers, date)

    monkeypatch.setattr(incremental, "write_ranges", recording)
    out = tmp_path / "default.pdf"
    build(folder, BuildOptions(output=out, impose=False))  # no -j
    build(folder, BuildOptions(output=tmp_path / "two.pdf", impose=False, jobs=2, cache=False))
    assert asked == [1, parallel.worker_count(2)]
    assert out.read_bytes() == built[1].read_bytes()


def test_layout_without_page_breaks_falls_back_to_one_pass(tmp_path):
    folder = make_anthology(tmp_path / "flow", count=3)
    use_own_layout(folder, ".contribution { break-before: auto; }\n")
    out = tmp_path / "flow.pdf"
    build(folder, BuildOptions(output=out, impose=False, jobs=1))
    assert page_texts(str(out)) == one_pass_texts(folder)


def test_contents_entries_link_to_their_pages(built):
    import pikepdf

    texts = page_texts(str(built[1]))
    with pikepdf.open(built[1]) as pdf:
        where = {page.objgen: index for index, page in enumerate(pdf.pages)}
        names = pikepdf.NameTree(pdf.Root.Names.Dests)
        links = [a for a in pdf.pages[1].obj.get("/Annots", []) if a.get("/Subtype") == "/Link"]
        targets = {str(a.Dest): where[names[str(a.Dest)][0].objgen] for a in links}
    assert set(targets) == {"c1", "c2", "c3", "c4"}
    for name, page in targets.items():
        assert f"Piece number {name[1:]}" in texts[page]


def test_running_heads_credits_and_sources_per_contribution(built):
    texts = page_texts(str(built[1]))
    starts = [next(i for i, t in enumerate(texts) if f"Piece number {n}" in t and i > 1) for n in range(1, 5)]
    for index in range(starts[0], len(texts) - 1):
        piece = max(n for n, start in enumerate(starts, 1) if start <= index)
        head = texts[index].upper()
        # Left-hand pages carry the zine's title, right-hand pages the contribution's.
        expected = f"PIECE NUMBER {piece}" if index % 2 == 0 else "TEST ANTHOLOGY"
        assert expected in head, (index, head[:80])
    back = texts[-1]
    for number in range(1, 5):
        assert f"Writer {number}" in back and f"https://example.org/{number}" in back


def test_folder_of_articles_is_ordered_by_order_then_date_then_name(tmp_path):
    folder = tmp_path / "loose"
    folder.mkdir()
    pieces = {"a.md": "order: 2\n", "b.md": "order: 1\n", "c.md": "date: 2026-01-02\n", "d.md": "date: 2026-01-01\n"}
    for name, meta in pieces.items():
        (folder / name).write_text(f"---\ntitle: Title {name[0].upper()}\n{meta}---\n\nText of {name}.\n",
                                   encoding="utf-8")
    out = tmp_path / "loose.pdf"
    build(folder, BuildOptions(output=out, impose=False, jobs=1))
    contents = page_texts(str(out))[1]
    positions = [contents.index(f"Title {letter}") for letter in "BADC"]
    assert positions == sorted(positions)


def test_a_worker_that_dies_is_one_clear_error(monkeypatch):
    monkeypatch.setattr(parallel, "_serve", lambda connection, document: (connection.recv(), os._exit(1)))
    runner = parallel.Runner(document=None, workers=2)
    if runner.workers < 2:
        pytest.skip("this system cannot fork workers")
    try:
        runner.submit(0, "<p>Text</p>", 0, ["c1"])
        with pytest.raises(RenderError, match="stopped before it finished"):
            runner.receive()
    finally:
        runner.close()


def _group_of_two(folder: Path) -> int:
    """A group size that puts two contributions of ``folder`` in each document."""
    from zine.render.split import contribution_ids, split_document

    loaded = load_project(folder)
    html = compose(loaded, load_layout(loaded.layout, loaded.root)).html
    sizes = [len(piece) for piece in split_document(html, contribution_ids(len(loaded.contributions))).pieces]
    return max(a + b for a, b in zip(sizes[::2], sizes[1::2]))


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_long_zine_laid_out_in_groups_comes_out_the_same(built, tmp_path, monkeypatch, count_layouts, jobs):
    folder = copy_project(built, tmp_path)
    shutil.rmtree(folder / ".zine-cache")
    monkeypatch.setattr(incremental, "GROUP_CHARACTERS", _group_of_two(folder))
    out = tmp_path / "grouped.pdf"
    build(folder, BuildOptions(output=out, impose=False, jobs=jobs, cache=False))
    assert out.read_bytes() == built[1].read_bytes()
    if jobs == 1:  # laid out here, so counted: never the whole zine at once, two pieces a document
        documents = [sorted(re.findall(r'\sid="c(\d+)"', html)) for html in count_layouts
                     if incremental.CUT_MARK not in html and 'id="c' in html]
        assert documents == [["1", "2"], ["3", "4"]]
        # The groups come after the cover and an empty contents: its entries are laid out once.
        groups = [html for html in count_layouts if incremental.CUT_MARK not in html and 'id="c3"' in html]
        assert groups and all("Piece number 1<" not in html for html in groups)
        # The front (with the contents) and the back (after the cover alone) are laid out apart.
        frames = [html for html in count_layouts if incremental.CUT_MARK in html]
        assert len(frames) == 2 and sum('href="#c1"' in html for html in frames) == 1


def test_groups_come_out_the_same_in_another_layout_with_right_hand_starts(tmp_path, monkeypatch):
    folder = make_anthology(tmp_path / "digest", count=5, options='layout = "digest"\n[layout_options]\nstart_right = true')
    whole = tmp_path / "whole.pdf"
    build(folder, BuildOptions(output=whole, impose=False, jobs=1, cache=False))
    monkeypatch.setattr(incremental, "GROUP_CHARACTERS", _group_of_two(folder))
    grouped = tmp_path / "grouped.pdf"
    build(folder, BuildOptions(output=grouped, impose=False, jobs=2, cache=False))
    assert grouped.read_bytes() == whole.read_bytes()


@pytest.mark.parametrize("example", ["anthology", "hebrew-english"])
def test_examples_laid_out_in_groups_come_out_the_same(tmp_path, monkeypatch, example):
    """Comments, pictures, right-to-left pages: a group of one contribution gives the same bytes."""
    folder = tmp_path / example
    shutil.copytree(Path("examples") / example, folder)
    whole = tmp_path / "whole.pdf"
    build(folder, BuildOptions(output=whole, impose=False, jobs=1, cache=False))
    monkeypatch.setattr(incremental, "GROUP_CHARACTERS", 1)
    grouped = tmp_path / "grouped.pdf"
    build(folder, BuildOptions(output=grouped, impose=False, jobs=2, cache=False))
    assert grouped.read_bytes() == whole.read_bytes()


def test_an_edit_to_a_long_zine_sets_again_what_moved_in_groups(built, tmp_path, monkeypatch, count_layouts):
    folder = copy_project(built, tmp_path)
    shutil.rmtree(folder / ".zine-cache")
    monkeypatch.setattr(incremental, "GROUP_CHARACTERS", _group_of_two(folder))
    build(folder, BuildOptions(output=tmp_path / "first.pdf", impose=False, jobs=1))
    count_layouts.clear()
    append_words(folder / "piece2.md", " ".join(["Lengthening words for the second piece."] * 120))
    out = tmp_path / "edited.pdf"
    build(folder, BuildOptions(output=out, impose=False, jobs=1))
    documents = [sorted(re.findall(r'\sid="c(\d+)"', html)) for html in count_layouts
                 if incremental.CUT_MARK not in html and 'id="c' in html]
    # Piece 2 grew: it is set alone, then the pieces it moved in one group; piece 1 is kept.
    assert documents == [["2"], ["3", "4"]]
    fresh = copy_project((folder, None, None), tmp_path / "fresh")
    shutil.rmtree(fresh / ".zine-cache")
    build(fresh, BuildOptions(output=tmp_path / "fresh.pdf", impose=False, jobs=1, cache=False))
    assert out.read_bytes() == (tmp_path / "fresh.pdf").read_bytes()


def test_a_long_zine_whose_layout_runs_contributions_on_is_set_in_one_go(tmp_path, monkeypatch):
    folder = make_anthology(tmp_path / "flow", count=3)
    use_own_layout(folder, ".contribution { break-before: auto; }\n")
    monkeypatch.setattr(incremental, "GROUP_CHARACTERS", 1)
    out = tmp_path / "flow.pdf"
    build(folder, BuildOptions(output=out, impose=False, jobs=2, cache=False))
    assert page_texts(str(out)) == one_pass_texts(folder)


NUMBERED_FROM_CONTENTS = ("body { counter-reset: entry; }\n.contents li { counter-increment: entry; }\n"
                          ".article-title::before { content: counter(entry) \". \"; }\n")


@pytest.mark.parametrize("css, parts", [
    # A counter set in the contents entries: a contribution laid out alone would number 0.
    (NUMBERED_FROM_CONTENTS, False),
    # ...also from a style of its own inside an @media rule.
    ("@media print { " + NUMBERED_FROM_CONTENTS + " }", False),
    # A counter of the articles' own lists leaves the contents alone: still typeset in parts.
    ("body { counter-reset: item; }\n.contribution li { counter-increment: item; }\n", True),
    # More such rules than any layout needs are not matched one by one: one pass.
    ("".join(f".part{n} p {{ counter-increment: item; }}\n" for n in range(201)), False),
])
def test_a_layout_setting_a_counter_in_the_contents_is_typeset_in_one_pass(tmp_path, count_layouts, css, parts):
    folder = make_anthology(tmp_path / "numbered", count=3, paragraphs=2)
    use_own_layout(folder, css)
    out = tmp_path / "numbered.pdf"
    build(folder, BuildOptions(output=out, impose=False, jobs=1))
    append_words(folder / "piece2.md", "A few more words.")
    del count_layouts[:]
    build(folder, BuildOptions(output=out, impose=False, jobs=1))
    assert page_texts(str(out)) == one_pass_texts(folder)
    # In parts, only the edited contribution is set again; in one pass, nothing is set in parts.
    assert typeset_alone(count_layouts) == ([2] if parts else [])
    if "counter(entry)" in css:  # every title numbered from the three entries, after the edit too
        assert sum("3. Piece number" in text for text in page_texts(str(out))) == 3
