"""The data that flows through a build: a project, its contributions, their comments."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Comment:
    """One reader comment as the blog showed it; unknown fields stay None."""

    text: str
    id: str = ""
    author: str | None = None
    date: str | None = None
    likes: int | None = None
    excerpt: str | None = None
    replies: list["Comment"] = field(default_factory=list)
    line: int | None = None


@dataclass
class PrintedComment:
    """A picked comment placed in the printed thread."""

    comment: Comment
    level: int
    replying_to: str | None = None
    answering: Comment | None = None  # the comment replied to, when it is not printed above
    children: list["PrintedComment"] = field(default_factory=list)


@dataclass
class Article:
    """One contribution: an article with the comments chosen to go with it."""

    path: Path
    title: str
    body: str
    body_line: int
    subtitle: str | None = None
    author: str | None = None
    date: str | None = None
    source: str | None = None
    lang: str | None = None  # None: the zine's language
    order: str | None = None
    short_title: str | None = None  # for the running head (front matter), else cut from the title
    comments_path: Path | None = None
    comments: list[PrintedComment] = field(default_factory=list)
    thread: list[Comment] = field(default_factory=list)  # every comment of the file, picked or not


@dataclass
class Project:
    """Everything a build needs to know, read from zine.toml or a lone article."""

    root: Path
    title: str
    contributions: list[Article]
    subtitle: str | None = None
    title_2: str | None = None  # the title in a second language, printed on the cover too
    subtitle_2: str | None = None
    date: str | None = None
    lang: str = "en"
    layout: str = "a5-booklet"
    layout_options: dict = field(default_factory=dict)
    images: str | None = None
    cover: str | None = None  # the cover picture, a path under root
    kicker: str | None = None  # a line over the cover title ("Free. Copy it. Pass it on.")
    place: str | None = None  # where, printed with the date on the cover
    action: dict[str, str] = field(default_factory=dict)  # the back cover's call to action (ACTION_KEYS)
    config_path: Path | None = None
    name: str = "zine"
    fonts: list[str] = field(default_factory=list)  # font families added for scripts the layout lacks
    notes: list[str] = field(default_factory=list)  # hints about how zine.toml is written
    fill: str | None = None  # off | tighten | page: what to do about blank pages (FILL_MODES)
    commenters: str | None = None  # names | initials | anonymous: how commenters print (COMMENTER_MODES)
    short_title: str | None = None  # the zine's title in running heads
    sheet: str | None = None  # the paper to print on (zine.core.paper.SHEETS); None: the layout's

    @property
    def inputs(self) -> list[Path]:
        """Every file a build reads from the project (never to be overwritten)."""
        files = [self.config_path] if self.config_path else []
        for article in self.contributions:
            files.append(article.path)
            if article.comments_path:
                files.append(article.comments_path)
        return files


# What a call to action on the back cover may say ([action] in zine.toml).
# Line breaks in a value are kept; a field left empty prints nothing (never a bare label).
ACTION_KEYS = ("heading", "meeting", "where", "when", "contact", "pass_on", "qr")

# How commenters are named in print: as they signed, by initial ("M."), or not at all.
COMMENTER_MODES = ("names", "initials", "anonymous")

IMAGE_MODES = ("keep", "grayscale", "halftone")  # how pictures are made ready for the copier


def image_mode_problem(mode: object) -> str | None:
    """What is wrong with an ``images`` setting (zine.toml or layout.toml), or None."""
    if mode is None or mode in IMAGE_MODES:
        return None
    return f"'images' must be one of {', '.join(IMAGE_MODES)}, not {mode!r}"


FILL_MODES = ("off", "tighten", "page")  # blank pages: only report, set tighter, or fill with pages
