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
    comments_path: Path | None = None
    comments: list[PrintedComment] = field(default_factory=list)


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
ACTION_KEYS = ("heading", "meeting", "contact", "pass_on")

IMAGE_MODES = ("keep", "grayscale", "halftone")  # how pictures are made ready for the copier


def image_mode_problem(mode: object) -> str | None:
    """What is wrong with an ``images`` setting (zine.toml or layout.toml), or None."""
    if mode is None or mode in IMAGE_MODES:
        return None
    return f"'images' must be one of {', '.join(IMAGE_MODES)}, not {mode!r}"


FILL_MODES = ("off", "tighten", "page")  # blank pages: only report, set tighter, or fill with pages
