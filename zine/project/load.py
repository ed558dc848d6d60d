"""Load a project: a folder with zine.toml, a folder of Markdown files, or one article."""

from __future__ import annotations

from pathlib import Path

from zine.core.errors import InputError
from zine.core.files import read_text
from zine.core.limits import CONTRIBUTIONS, CONTRIBUTIONS_ADVICE, enforce
from zine.core.mistakes import did_you_mean, files_beside, line_setting
from zine.core.model import ACTION_KEYS, COMMENTER_MODES, FILL_MODES, Article, Project, image_mode_problem
from zine.core.paper import SHEETS
from zine.core.sandbox import is_inside, project_file
from zine.project.articles import PICKED_LATER, Overrides, read_article
from zine.project.comments import load_comments, pick_comments
from zine.project.config import layout_setting, read_toml
from zine.project.fields import date_field, lang_field, list_field, pick_field, text_field
from zine.project.size import check_printed_comments

CONFIG_NAME = "zine.toml"
IMPORTABLE = (".txt", ".html", ".htm", ".xml")  # what `zine import` reads


def load_project(source: Path, pick: list[str] | None = None) -> Project:
    """Read whatever the user pointed at into a Project; ``pick`` (the command line's) chooses
    the comments to print instead of the project's choice."""
    if pick is None:
        return _load(source)
    token = PICKED_LATER.set(True)  # the comments limit counts what --pick prints
    try:
        project = _load(source)
    finally:
        PICKED_LATER.reset(token)
    apply_pick(project, pick)
    return project


def _load(source: Path) -> Project:
    if not source.exists():
        raise InputError("no such file or folder", source)
    if source.is_dir():
        config = source / CONFIG_NAME
        if config.is_file():
            return _from_config(config)
        return _from_folder(source)
    if source.name == CONFIG_NAME:
        return _from_config(source)
    if source.suffix.lower() in (".md", ".markdown"):
        return _from_article(source)
    if source.suffix.lower() in IMPORTABLE:
        raise InputError(f"is not a zine project but a page to import: run 'zine import {source}' "
                         "first, then build the folder it makes", source)
    raise InputError("give a project folder, a zine.toml or a Markdown (.md) article", source)


def _from_article(path: Path) -> Project:
    article = read_article(path, root=path.parent)
    return Project(
        root=path.parent, title=article.title, subtitle=article.subtitle, date=article.date,
        lang=article.lang or "en", contributions=[article], name=path.stem,
    )


def _from_folder(folder: Path) -> Project:
    files = sorted(p for p in folder.glob("*.md") if p.is_file())
    for path in files:
        if not is_inside(path, [folder]):
            raise InputError("is a link to a file outside the project folder; copy the article into it", path)
    if not files:
        raise InputError(f"no {CONFIG_NAME} and no Markdown articles here", folder)
    enforce(len(files), CONTRIBUTIONS, "articles", folder, advice=CONTRIBUTIONS_ADVICE)
    articles = sorted((read_article(p, root=folder) for p in files), key=_reading_order)
    first = articles[0]
    return Project(
        root=folder, title=first.title if len(articles) == 1 else folder.resolve().name,
        date=max((a.date for a in articles if a.date), default=None),
        lang=first.lang or "en", contributions=articles, name=folder.resolve().name,
    )


def _reading_order(article: Article) -> tuple:
    order = article.order
    number = float(order) if order and _is_number(order) else float("inf")
    return (number, order or "", article.date or "9999", article.path.name)


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _from_config(config: Path) -> Project:
    if not is_inside(config, [config.parent]):
        # A folder someone sent could link its zine.toml to any file of the user's.
        raise InputError("is a link to a file outside the project folder; copy it into the folder", config)
    text = read_text(config)
    data = read_toml(text, config)
    root = config.parent
    entries = data.get("contribution")
    if not isinstance(entries, list) or not entries:
        raise InputError("add at least one [[contribution]] with article = \"file.md\"", config)
    enforce(len(entries), CONTRIBUTIONS, "contributions", config, advice=CONTRIBUTIONS_ADVICE)
    layout, options, notes = layout_setting(data, config, text)
    return Project(
        root=root,
        title=text_field(data, "title", config, required=True),
        subtitle=text_field(data, "subtitle", config),
        title_2=text_field(data, "title_2", config),
        subtitle_2=text_field(data, "subtitle_2", config),
        date=date_field(data, "date", config),
        lang=lang_field(data, "lang", config) or "en",
        layout=layout,
        layout_options=options,
        images=_image_mode(data, config),
        cover=text_field(data, "cover", config),
        fonts=list_field(data, "fonts", config) or [],
        kicker=text_field(data, "kicker", config),
        place=text_field(data, "place", config),
        action=_action(data, config),
        contributions=[_contribution(entry, root, config) for entry in entries],
        config_path=config,
        name=root.resolve().name,
        notes=notes,
        fill=_fill_mode(data, config),
        commenters=_commenters(data, config),
        short_title=text_field(data, "short_title", config),
        sheet=_sheet(data, config),
    )


def _action(data: dict, config: Path) -> dict[str, str]:
    """The ``[action]`` table: what the back cover asks the reader to do."""
    table = data.get("action")
    if table is None:
        return {}
    if not isinstance(table, dict):
        raise InputError(f"'action' must be a table: [action] with {', '.join(ACTION_KEYS)}", config)
    unknown = [key for key in table if key not in ACTION_KEYS]
    if unknown:
        raise InputError(f"[action] has no field {unknown[0]!r}; its fields: {', '.join(ACTION_KEYS)}", config)
    fields = {key: text_field(table, key, config) for key in ACTION_KEYS}
    if fields["qr"] and not fields["qr"].startswith(("http://", "https://")):
        raise InputError(f"[action] qr must be a web address starting http:// or https://, not {fields['qr']!r}",
                         config)
    return {key: value for key, value in fields.items() if value}


def _image_mode(data: dict, config: Path) -> str | None:
    mode = data.get("images")
    problem = image_mode_problem(mode)
    if problem:
        raise InputError(problem, config)
    return mode


def _fill_mode(data: dict, config: Path) -> str | None:
    return _one_of(data, "fill", FILL_MODES, config)


def _commenters(data: dict, config: Path) -> str | None:
    return _one_of(data, "commenters", COMMENTER_MODES, config)


def _sheet(data: dict, config: Path) -> str | None:
    return _one_of(data, "sheet", list(SHEETS), config)


def _one_of(data: dict, key: str, allowed, config: Path) -> str | None:
    """A zine.toml setting that is one of a few words, or absent; a typo says which was meant."""
    value = data.get(key)
    if value is not None and value not in allowed:
        hint = did_you_mean(str(value), allowed) if isinstance(value, str) else ""
        raise InputError(f"'{key}' must be one of {', '.join(allowed)}, not {value!r}{hint}", config,
                         line_setting(config, key))
    return value


def _contribution(entry, root: Path, config: Path) -> Article:
    if not isinstance(entry, dict) or not text_field(entry, "article", config):
        raise InputError("each [[contribution]] needs article = \"file.md\"", config)
    path = project_file(root, text_field(entry, "article", config), config)
    if not path.is_file():
        name = text_field(entry, "article", config)
        hint = did_you_mean(path.name, files_beside(path, (".md", ".markdown")))
        raise InputError(f"article not found: {name}{hint}", config, line_setting(config, "article", name))
    overrides = Overrides(config, text_field(entry, "comments", config), pick_field(entry, "pick", config))
    article = read_article(path, overrides, root=root)
    article.lang = lang_field(entry, "lang", config) or article.lang  # zine.toml's word wins
    return article


def apply_pick(project: Project, pick: list[str]) -> None:
    """Print the comments ``pick`` selects (the command line's ``--pick``) instead of the project's choice."""
    if len(project.contributions) != 1:
        raise InputError("--pick needs a zine of one article; for an anthology set 'pick' in each "
                         "[[contribution]] of zine.toml", project.config_path or project.root)
    article = project.contributions[0]
    if article.comments_path is None:
        raise InputError("--pick names comments but the article has no 'comments' file", article.path)
    article.comments = pick_comments(article.thread or load_comments(article.comments_path), pick, "--pick")
    check_printed_comments(article.comments, article.comments_path)
