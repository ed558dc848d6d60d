"""The read stage: front matter, comment ids, pick, excerpts, and their errors."""

from __future__ import annotations

import pytest
from helpers.files import write

from zine.core.errors import InputError
from zine.project.articles import read_article
from zine.project.comments import load_comments, pick_comments
from zine.project.load import load_project

THREAD = """\
- author: Ann
  text: First
  likes: 3
  replies:
    - author: Bob
      text: Reply to Ann
      replies:
        - author: Cat
          text: Deep reply
        - text: Second deep reply
    - author: Dan
      text: Another reply
- author: Eve
  text: Second top
  excerpt: Trimmed second
"""


def ids(printed):
    out = []
    for p in printed:
        out.append((p.comment.id, p.level, p.replying_to))
        out.extend(ids(p.children))
    return out


def test_ids_follow_blog_numbering(tmp_path):
    comments = load_comments(write(tmp_path / "c.yaml", THREAD))
    assert [c.id for c in comments] == ["1", "2"]
    assert [r.id for r in comments[0].replies] == ["1.1", "1.2"]
    assert [r.id for r in comments[0].replies[0].replies] == ["1.1.1", "1.1.2"]
    assert comments[0].likes == 3


def test_no_pick_prints_everything_nested(tmp_path):
    comments = load_comments(write(tmp_path / "c.yaml", THREAD))
    assert ids(pick_comments(comments, None)) == [
        ("1", 0, None), ("1.1", 1, None), ("1.1.1", 2, None), ("1.1.2", 2, None),
        ("1.2", 1, None), ("2", 0, None),
    ]


def test_picked_reply_goes_under_nearest_picked_ancestor(tmp_path):
    comments = load_comments(write(tmp_path / "c.yaml", THREAD))
    printed = pick_comments(comments, ["1", "1.1.1", "2"])
    assert ids(printed) == [("1", 0, None), ("1.1.1", 1, "Bob"), ("2", 0, None)]


def test_orphan_reply_prints_top_level_marked_as_reply(tmp_path):
    comments = load_comments(write(tmp_path / "c.yaml", THREAD))
    assert ids(pick_comments(comments, ["1.2"])) == [("1.2", 0, "Ann")]


def test_unknown_pick_lists_existing_ids(tmp_path):
    comments = load_comments(write(tmp_path / "c.yaml", THREAD))
    with pytest.raises(InputError) as err:
        pick_comments(comments, ["1", "7.3"], tmp_path / "zine.toml")
    assert "'7.3' which does not exist" in err.value.message
    assert "1, 1.1, 1.1.1, 1.1.2, 1.2, 2" in err.value.message


def test_yaml_traps_stay_text(tmp_path):
    path = write(tmp_path / "a.md", "---\ntitle: no\nsubtitle: 012345\n---\nBody\n")
    article = read_article(path)
    assert (article.title, article.subtitle) == ("no", "012345")


ERRORS = [
    ("a.md", "no front matter here\n", "a.md:1: no front matter"),
    ("a.md", "---\ntitle: [x, y]\n---\nBody\n", "a.md:2: 'title' must be text, not a list"),
    ("a.md", "---\n- a\n- b\n---\nBody\n", "front matter must be a mapping"),
    ("a.md", "---\ntitle: T\ndate: 2024-02-30\n---\nBody\n", "a.md:2: 'date' is not a real date: '2024-02-30'"),
    ("a.md", "---\ntitle: T\n---\n\n  \n", "a.md: the article is empty"),
    ("a.md", "---\ntitle: T\nauthor: [unclosed\n---\nBody\n", "a.md:3: malformed YAML"),
    ("a.md", "---\nsubtitle: S\n---\nBody\n", "a.md:2: 'title' is required"),
    ("a.md", "---\ntitle: T\n", "front matter is not closed"),
    ("a.md", "---\na: &x [1]\nb: *x\ntitle: T\n---\nBody\n", "a.md:3: malformed YAML: aliases"),
]


@pytest.mark.parametrize("name,text,message", ERRORS)
def test_article_errors_name_file_and_line(tmp_path, name, text, message):
    path = write(tmp_path / name, text)
    with pytest.raises(InputError) as err:
        read_article(path)
    assert message in err.value.message


def test_binary_and_non_utf8_files_are_refused(tmp_path):
    nul = tmp_path / "nul.md"
    nul.write_bytes(b"---\ntitle: T\n---\n\x00\x01")
    latin = tmp_path / "latin.md"
    latin.write_bytes("---\ntitle: Caf\xe9\n---\nBody\n".encode("latin-1"))
    with pytest.raises(InputError, match="NUL bytes"):
        read_article(nul)
    with pytest.raises(InputError, match=r"latin.md:2: not UTF-8"):
        read_article(latin)


def test_bom_and_crlf_do_not_hide_front_matter(tmp_path):
    path = tmp_path / "a.md"
    path.write_bytes("\ufeff---\r\ntitle: T\r\n---\r\nBody\r\n".encode("utf-8"))
    assert read_article(path).title == "T"


def test_comment_errors(tmp_path):
    write(tmp_path / "c.yaml", "- text: ok\n- author: x\n  likes: many\n  text: t\n")
    with pytest.raises(InputError, match=r"c.yaml:2: 'likes' must be a whole number"):
        load_comments(tmp_path / "c.yaml")
    write(tmp_path / "d.yaml", "- author: x\n")
    with pytest.raises(InputError, match=r"d.yaml:1: 'text' is required"):
        load_comments(tmp_path / "d.yaml")


def test_zine_toml_overrides_pick_and_comments(tmp_path):
    write(tmp_path / "c.yaml", THREAD)
    write(tmp_path / "a.md", "---\ntitle: T\ncomments: c.yaml\npick: ['1']\n---\nBody\n")
    write(tmp_path / "zine.toml", 'title = "Z"\n[[contribution]]\narticle = "a.md"\npick = ["2"]\n')
    project = load_project(tmp_path)
    assert [p.comment.id for p in project.contributions[0].comments] == ["2"]


def test_zine_toml_errors(tmp_path):
    write(tmp_path / "zine.toml", 'title = "Z"\n[[contribution]]\narticle = "a.md\n')
    with pytest.raises(InputError, match=r"zine.toml:3: malformed TOML"):
        load_project(tmp_path)
    write(tmp_path / "zine.toml", 'title = "Z"\n[[contribution]]\narticle = "../outside.md"\n')
    with pytest.raises(InputError, match="outside the project folder"):
        load_project(tmp_path)
    write(tmp_path / "zine.toml", 'title = "Z"\n[[contribution]]\narticle = "missing.md"\n')
    with pytest.raises(InputError, match="article not found: missing.md"):
        load_project(tmp_path)


def test_folder_without_config_orders_articles(tmp_path):
    write(tmp_path / "b.md", "---\ntitle: B\norder: 1\n---\nBody\n")
    write(tmp_path / "a.md", "---\ntitle: A\norder: 2\n---\nBody\n")
    write(tmp_path / "c.md", "---\ntitle: C\ndate: 2020-01-01\n---\nBody\n")
    project = load_project(tmp_path)
    assert [a.title for a in project.contributions] == ["B", "A", "C"]


def test_comments_file_errors_name_where_it_was_asked_for(tmp_path):
    write(tmp_path / "a.md", "---\ntitle: T\ncomments: missing.yaml\n---\nBody\n")
    with pytest.raises(InputError, match=r"a.md:3: comments file not found: missing.yaml"):
        read_article(tmp_path / "a.md")
    write(tmp_path / "b.md", "---\ntitle: T\npick: ['1']\n---\nBody\n")
    with pytest.raises(InputError, match=r"b.md: 'pick' names comments but no 'comments' file"):
        read_article(tmp_path / "b.md")
    write(tmp_path / "sub" / "c.md", "---\ntitle: T\ncomments: ../../secret.yaml\n---\nBody\n")
    with pytest.raises(InputError, match=r"c.md:2: '../../secret.yaml' is outside the project folder"):
        read_article(tmp_path / "sub" / "c.md")
    write(tmp_path / "zine.toml", 'title = "Z"\n[[contribution]]\narticle = "a.md"\ncomments = "gone.yaml"\n')
    with pytest.raises(InputError, match=r"zine.toml:4: comments file not found: gone.yaml"):
        load_project(tmp_path)


def test_the_c_parser_reads_what_the_strict_loader_reads(tmp_path):
    """libyaml's parser (when PyYAML has it) gives the same data, lines and refusals."""
    from unittest import mock

    from zine.project import yamlio

    if yamlio._FastLoader is None:
        pytest.skip("this PyYAML has no libyaml")
    text = ("- author: Ann\n  likes: 3\n  date: 2026-02-01\n  text: |\n    no\n    012345\n  replies:\n"
            "    - author: ~\n      text: yes\n- author: Bob\n  text: '*not* an alias'\n")
    path = write(tmp_path / "c.yaml", text)
    fast = load_comments(path)
    with mock.patch.object(yamlio, "_FastLoader", None):
        strict = load_comments(path)
    assert fast == strict and fast[0].text == "no\n012345" and fast[0].replies[0].author is None
    assert yamlio.load_yaml(text, path)[1].line == 10
    bomb = write(tmp_path / "bomb.yaml", "- &a {text: x}\n- *a\n")
    with pytest.raises(InputError, match=r"bomb.yaml:2: malformed YAML: aliases \(\*name\) are not allowed"):
        load_comments(bomb)
