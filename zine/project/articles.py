"""Read stage: articles with YAML front matter and the comments they quote."""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

from zine.core.errors import InputError
from zine.core.files import read_text
from zine.core.mistakes import did_you_mean, files_beside, line_setting
from zine.core.model import Article
from zine.core.sandbox import project_file
from zine.project.comments import load_comments, pick_comments
from zine.project.fields import date_field, lang_field, pick_field, require_mapping, text_field
from zine.project.size import check_article_text, check_printed_comments
from zine.project.yamlio import load_yaml

TEXT_FIELDS = ("subtitle", "author", "source", "order", "short_title")  # front matter read as plain text


# True while a project loads whose comments the command line's --pick chooses afterwards.
PICKED_LATER: ContextVar[bool] = ContextVar("picked_later", default=False)


@dataclass
class Overrides:
    """What a zine.toml ``[[contribution]]`` says over the article's front matter."""

    config: Path
    comments: str | None = None  # relative to the project root
    pick: list[str] | None = None  # None: not given (an empty list picks nothing)


def read_article(path: Path, overrides: Overrides | None = None, *, root: Path | None = None) -> Article:
    """Read one article and its picked comments.

    ``overrides`` (from a zine.toml contribution) win over the front matter for
    ``comments`` and ``pick``.
    """
    text = read_text(path)
    meta, body, body_line = split_front_matter(text, path)
    if not body.strip():
        raise InputError("the article is empty: write its text below the front matter", path)
    check_article_text(body, path, body_line)
    texts = {key: text_field(meta, key, path) for key in TEXT_FIELDS}
    article = Article(path=path, title=text_field(meta, "title", path, required=True), body=body,
                      body_line=body_line, date=date_field(meta, "date", path),
                      lang=lang_field(meta, "lang", path), **texts)
    _attach_comments(article, meta, overrides or Overrides(path), root or path.parent)
    return article


def _missing_file(what: str, key: str, path: Path, root: Path, named_in: Path) -> None:
    """The file a project names is not there: say where it is named, and what is close."""
    name = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.name
    hint = did_you_mean(path.name, files_beside(path, (path.suffix.lower(),)))
    raise InputError(f"{what} not found: {name}{hint}", named_in, line_setting(named_in, key, path.name))


def split_front_matter(text: str, path: Path) -> tuple[dict, str, int]:
    """Split ``---`` fenced YAML from the Markdown body; returns (meta, body, body's first line)."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise InputError(
            "no front matter: start the file with a '---' line, 'title: ...', and another '---'",
            path, 1,
        )
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            meta = load_yaml("\n".join(lines[1:index]), path, first_line=2)
            meta = require_mapping(meta if meta is not None else {}, "front matter", path, 2)
            return meta, "\n".join(lines[index + 1:]), index + 2
    raise InputError("front matter is not closed: add a '---' line after it", path, 1)


def _attach_comments(article: Article, meta: dict, overrides: Overrides, root: Path) -> None:
    where = overrides.config
    if overrides.comments:
        comments_path, named_in = project_file(root, overrides.comments, where), where
    elif text_field(meta, "comments", article.path):
        # Inside the article's folder, so inside the project too.
        comments_path = project_file(article.path.parent, text_field(meta, "comments", article.path),
                                     article.path, getattr(meta, "line", None))
        named_in = article.path
    else:
        comments_path = None
    pick = overrides.pick if overrides.pick is not None else pick_field(meta, "pick", article.path)
    if comments_path is None:
        if pick:
            raise InputError("'pick' names comments but no 'comments' file is given", where)
        return
    if not comments_path.is_file():
        _missing_file("comments file", "comments", comments_path, root, named_in)
    article.comments_path = comments_path
    article.thread = load_comments(comments_path)
    # A pick error points where the pick is written: zine.toml's contribution or the front matter.
    pick_where = where if overrides.pick is not None else article.path
    article.comments = pick_comments(article.thread, pick, pick_where)
    if not PICKED_LATER.get():  # a --pick still to come decides what prints, and is counted then
        check_printed_comments(article.comments, comments_path)
