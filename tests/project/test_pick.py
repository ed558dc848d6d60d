"""Picking comments: whole threads, the most liked, the command line, and `zine comments`."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner
from helpers.files import write

from zine.cli import main
from zine.core.errors import InputError
from zine.project.comments import expand_pick, load_comments
from zine.project.load import load_project

THREAD = """\
- author: Ann
  text: First, with a [link](https://example.org/a) in it
  likes: 3
  replies:
    - author: Bob
      text: Reply to Ann
      likes: 7
      replies:
        - author: Cat
          text: Deep reply
          likes: 3
    - author: Dan
      text: Another reply
- author: Eve
  date: 2026-10-14
  text: Second top, much longer than the others and cut short for print
  excerpt: Second top
  likes: 1
"""


@pytest.fixture
def comments(tmp_path):
    return load_comments(write(tmp_path / "c.yaml", THREAD))


def test_a_thread_star_picks_the_comment_and_every_reply_under_it(comments):
    assert expand_pick(comments, ["1.*"]) == ["1", "1.1", "1.1.1", "1.2"]
    assert expand_pick(comments, ["1.1.*"]) == ["1.1", "1.1.1"]


def test_top_picks_the_most_liked_and_ties_go_to_the_earlier_comment(comments):
    assert expand_pick(comments, ["top:1"]) == ["1.1"]
    # Ann and Cat both have 3 likes: Ann comes first in the thread.
    assert expand_pick(comments, ["top: 2"]) == ["1", "1.1"]
    assert expand_pick(comments, ["top:99"]) == ["1", "1.1", "1.1.1", "1.2", "2"]


def test_entries_mix_and_come_back_in_thread_order(comments):
    assert expand_pick(comments, ["2", "top:1", "1.2"]) == ["1.1", "1.2", "2"]


def test_unknown_thread_and_bad_top_are_errors(comments, tmp_path):
    with pytest.raises(InputError, match=r"pick names comment '7\.\*' which does not exist; "
                                         r"the comments are: 1, 1.1, 1.1.1, 1.2, 2"):
        expand_pick(comments, ["7.*"], tmp_path / "zine.toml")
    with pytest.raises(InputError, match=r"'top:many': top needs a whole number"):
        expand_pick(comments, ["top:many"])


def _project(tmp_path, toml_pick: str):
    write(tmp_path / "c.yaml", THREAD)
    write(tmp_path / "a.md", "---\ntitle: T\ncomments: c.yaml\n---\nBody text.\n")
    write(tmp_path / "zine.toml", f'title = "Z"\n[[contribution]]\narticle = "a.md"\npick = {toml_pick}\n')
    return tmp_path


def _printed_ids(project):
    from zine.project.comments import walk_printed

    return [p.comment.id for p in walk_printed(project.contributions[0].comments)]


def test_zine_toml_takes_top_as_a_table_beside_ids(tmp_path):
    project = load_project(_project(tmp_path, '["2", {top = 1}]'))
    assert _printed_ids(project) == ["1.1", "2"]


def test_front_matter_takes_top_as_a_mapping(tmp_path):
    write(tmp_path / "c.yaml", THREAD)
    write(tmp_path / "a.md", "---\ntitle: T\ncomments: c.yaml\npick:\n  - 1.2\n  - top: 1\n---\nBody.\n")
    assert _printed_ids(load_project(tmp_path / "a.md")) == ["1.1", "1.2"]


def test_a_pick_entry_that_is_neither_id_nor_top_is_refused(tmp_path):
    with pytest.raises(InputError, match=r"zine.toml: 'pick' must list comment ids, whole threads"):
        load_project(_project(tmp_path, '[{last = 2}]'))


def _rows(output: str) -> list[tuple[str, str]]:
    """(mark, indented id) of each comment line of `zine comments`."""
    return [(m.group(1), m.group(2)) for m in re.finditer(r"^\[([x ])\] ( *[\d.]+) ", output, re.M)]


def test_comments_lists_the_thread_as_a_tree_with_what_is_picked(tmp_path):
    result = CliRunner().invoke(main, ["comments", str(_project(tmp_path, '["1.*"]'))])
    assert result.exit_code == 0, result.output
    assert _rows(result.output) == [("x", "1"), ("x", "  1.1"), ("x", "    1.1.1"), ("x", "  1.2"), (" ", "2")]
    assert "5 comments, 4 picked" in result.output
    eve = next(line for line in result.output.splitlines() if "Eve" in line)
    # author, date, likes, words of what prints (the excerpt), its first words
    assert re.search(r"Eve\s+2026-10-14\s+1\s+2\s+Second top \(excerpt\)", eve), eve
    ann = next(line for line in result.output.splitlines() if "Ann" in line)
    assert re.search(r"Ann\s+-\s+3\s+6\s+First, with a link in it$", ann), ann


def test_comments_and_build_take_pick_on_the_command_line(tmp_path):
    project = _project(tmp_path, '["1"]')
    listed = CliRunner().invoke(main, ["comments", str(project), "--pick", "2,top:1"])
    assert _rows(listed.output) == [(" ", "1"), ("x", "  1.1"), (" ", "    1.1.1"), (" ", "  1.2"), ("x", "2")]
    wrong = CliRunner().invoke(main, ["build", str(project), "--pick", "1,9.*", "-o", str(tmp_path / "z.pdf")])
    assert wrong.exit_code == 1
    assert wrong.output.startswith("Error: --pick: pick names comment '9.*' which does not exist")
    assert not (tmp_path / "z.pdf").exists()


def test_build_pick_prints_only_those_comments(tmp_path):
    import pypdfium2

    project = _project(tmp_path, '["1"]')
    out = tmp_path / "z.pdf"
    result = CliRunner().invoke(main, ["build", str(project), "--pick", "1.1.*", "-o", str(out), "--no-impose"])
    assert result.exit_code == 0, result.output
    document = pypdfium2.PdfDocument(out)
    text = "".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    assert "Reply to Ann" in text and "Deep reply" in text
    assert "First, with a" not in text and "Another reply" not in text


SAVOY_COMMENTS = 18


def test_the_sample_thread_lists_its_18_comments(tmp_path):
    from helpers.paths import SAVOY

    if not SAVOY.is_file():
        pytest.skip("the shared new-savoy sample is not beside this checkout")
    runner = CliRunner()
    assert runner.invoke(main, ["import", str(SAVOY), "-o", str(tmp_path / "s")]).exit_code == 0
    result = runner.invoke(main, ["comments", str(tmp_path / "s")])
    rows = _rows(result.output)
    assert len(rows) == SAVOY_COMMENTS
    assert [ident.strip() for _, ident in rows][:6] == ["1", "1.1", "2", "2.1", "2.2", "2.2.1"]
    assert ("x", "    2.2.1") in rows  # three levels, indented a step a level


def test_a_minus_entry_leaves_one_comment_and_its_replies_out_of_a_wider_pick(comments):
    assert expand_pick(comments, ["1.*", "-1.1"]) == ["1", "1.2"]
    assert expand_pick(comments, ["1.*", "!1.1.1"]) == ["1", "1.1", "1.2"]
    assert expand_pick(comments, ["-1"]) == ["2"]  # only exclusions: everything else prints
    with pytest.raises(InputError, match=r"pick names comment '1\.9' which does not exist"):
        expand_pick(comments, ["1.*", "-1.9"])


def test_a_thread_printed_without_the_comment_left_out(tmp_path):
    """pick = ["1.*", "-1.1"] in zine.toml: thread 1 prints without Bob's reply and Cat's under it."""
    import pypdfium2 as pdfium

    folder = tmp_path / "p"
    write(folder / "c.yaml", THREAD)
    write(folder / "a.md", "---\ntitle: Buses\n---\n\nThe bus is going.\n")
    write(folder / "zine.toml", 'title = "Buses"\n[[contribution]]\narticle = "a.md"\ncomments = "c.yaml"\n'
                                'pick = ["1.*", "-1.1"]\n')
    result = CliRunner().invoke(main, ["build", str(folder), "--no-impose", "-o", str(tmp_path / "z.pdf")])
    assert result.exit_code == 0, result.output
    document = pdfium.PdfDocument(str(tmp_path / "z.pdf"))
    text = " ".join(page.get_textpage().get_text_range() for page in document)
    assert "Reply to Ann" not in text and "Deep reply" not in text
    assert "First, with a" in text and "Another reply" in text and "Second top" not in text
