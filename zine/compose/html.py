"""Compose stage: a project and a layout become one HTML document for the renderer."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path

import jinja2
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from zine import __version__
from zine.compose.images import check_image
from zine.compose.markdown import article_fragment, comment_fragment, inline_text
from zine.compose.titlefit import fit_title
from zine.core.errors import LayoutError
from zine.core.model import ACTION_KEYS, Article, PrintedComment, Project, image_mode_problem
from zine.layouting.filters import FILTERS
from zine.layouting.layout import Layout, layout_context, layout_css, page_size, resolve_options
from zine.project.comments import walk_printed


@dataclass
class Composed:
    """The document to render: HTML, its stylesheets, and what the renderer may read."""

    html: str
    base: Path
    stylesheets: list[Path]
    fonts: list[str]
    readable: list[Path]
    origins: dict[str, Path] = field(default_factory=dict)
    date: str | None = None
    extra_css: str = ""  # page size and option properties, before the layout's CSS
    max_pages: int | None = None  # a fixed-size layout (one sheet) holds no more
    fixed_tail: int = 1  # pages at the end that are not running text (back cover)
    layout_name: str = ""


def compose(project: Project, layout: Layout, sheet: str | None = None) -> Composed:
    """Fill the layout's templates with the project's articles and comments.

    ``sheet`` is the paper chosen on the command line: a layout whose page is a
    panel of the sheet takes its page size from it.
    """
    options = resolve_options(layout, project.layout_options, project.config_path)
    prepare = _image_preparer(project, layout, sheet)
    contributions = [_contribution(project, article, n, prepare)
                     for n, article in enumerate(project.contributions, 1)]
    context = {
        "zine": _zine_context(project, contributions, prepare),
        "contributions": contributions,
        "options": options,
        "layout": layout_context(layout, sheet),
        "generator": f"zine {__version__}",
    }
    html = _render_template(layout, context)
    return Composed(
        html=html, base=project.root, stylesheets=layout.stylesheets, fonts=layout.fonts,
        readable=[project.root, *layout.folders],
        origins={a.path.name: a.path for a in project.contributions}, date=project.date,
        extra_css=layout_css(layout, options, sheet), max_pages=layout.setting("max_pages"),
        fixed_tail=layout.setting("fixed_tail"), layout_name=layout.name,
    )


def _image_preparer(project: Project, layout: Layout, sheet: str | None):
    """Images become photocopy-ready copies (zine.toml or layout ``images``; grayscale by default)."""
    from zine.compose.photocopy import prepare_image

    mode = project.images or layout.setting("images")
    problem = image_mode_problem(mode)
    if problem:
        raise LayoutError(problem, layout.folder / "layout.toml")
    width = page_size(layout, sheet)[0]  # the placed size is not known yet: the page width bounds it
    return lambda relative: prepare_image(relative, project.root, mode, width)


def _zine_context(project: Project, contributions: list[dict], prepare) -> dict:
    cover = None
    if project.cover:
        where = project.config_path or project.root / "zine.toml"
        text = where.read_text(encoding="utf-8") if where.is_file() else ""
        cover = prepare(check_image(project.cover, where, project.root, text, 1))
    return {
        "title": Markup(inline_text(project.title)),
        "plain_title": project.title,
        "subtitle": Markup(inline_text(project.subtitle)) if project.subtitle else None,
        "plain_subtitle": project.subtitle,
        "date": project.date,
        "date_text": format_date(project.date),
        "lang": project.lang,
        "cover": cover,
        "kicker": _inline(project.kicker),
        "place": _inline(project.place),
        "action": {key: _inline(project.action.get(key)) for key in ACTION_KEYS},
        "authors": _unique(a for c in contributions for a in [c["author"]] if a),
        "sources": [c["source"] for c in contributions if c["source"]],
    }


def _inline(text: str | None) -> Markup | None:
    return Markup(inline_text(text)) if text else None


def _contribution(project: Project, article: Article, number: int, prepare) -> dict:
    prefix = f"c{number}"
    fragment = article_fragment(article.body, prefix)
    html = fragment.html
    for src in dict.fromkeys(fragment.images + _raw_image_sources(html)):
        relative = prepare(check_image(src, article.path, project.root, article.body, article.body_line))
        html = html.replace(f'src="{src}"', f'src="{relative}"')
    return {
        "id": prefix,
        "title": Markup(inline_text(article.title)),
        "plain_title": article.title,
        "subtitle": Markup(inline_text(article.subtitle)) if article.subtitle else None,
        "author": article.author,
        "date": article.date,
        "date_text": format_date(article.date),
        "source": article.source,
        "lang": article.lang,
        "html": Markup(html),
        "links": fragment.links,
        "comments": _flatten(article.comments, prefix),
        "comment_count": sum(1 for _ in walk_printed(article.comments)),
    }


def _raw_image_sources(html: str) -> list[str]:
    """Image sources in the cleaned HTML, including ones written as raw <img> tags."""
    return [unescape(src) for src in re.findall(r'<img[^>]*?\ssrc="([^"]*)"', html)]


def _flatten(thread: list[PrintedComment], prefix: str) -> list[dict]:
    """The printed thread in reading order, each with its indent level."""
    flat = []
    for printed in walk_printed(thread):
        comment = printed.comment
        text = comment.excerpt or comment.text
        flat.append({
            "id": comment.id,
            "level": printed.level,
            "author": comment.author,
            "date": comment.date,
            "date_text": format_date(comment.date),
            "likes": comment.likes,
            "trimmed": comment.excerpt is not None,
            "replying_to": printed.replying_to,
            "html": Markup(comment_fragment(text, f"{prefix}-k{comment.id}").html),
        })
    return flat


def _unique(items) -> list:
    return list(dict.fromkeys(items))


def format_date(iso: str | None) -> str | None:
    """'2026-03-15' -> '15 March 2026' (the form a reader expects on paper)."""
    if not iso:
        return None
    day = dt.date.fromisoformat(iso)
    return f"{day.day} {day:%B %Y}"


def _render_template(layout: Layout, context: dict) -> str:
    env = _environment(layout)
    template_name = layout.setting("template")
    try:
        return env.get_template(template_name).render(context)
    except jinja2.TemplateSyntaxError as exc:
        raise LayoutError(f"template error: {exc.message}", exc.filename or exc.name, exc.lineno) from exc
    except jinja2.TemplateNotFound as exc:
        raise LayoutError(f"template not found: {exc.name}", layout.folder) from exc
    except (jinja2.TemplateError, TypeError, ValueError, ArithmeticError, LookupError) as exc:
        # Layouts are the user's data: a mistake in one is reported, not a crash.
        where, line = _template_frame(exc)
        raise LayoutError(f"template error: {exc}", where or layout.folder, line) from exc


def _template_frame(exc: BaseException) -> tuple[str | None, int | None]:
    tb = exc.__traceback__
    found = (None, None)
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name.endswith((".html", ".j2", ".jinja")):
            found = (name, tb.tb_lineno)
        tb = tb.tb_next
    return found


def _environment(layout: Layout) -> SandboxedEnvironment:
    parents = {f"!{item.name}": jinja2.FileSystemLoader(item.template_folders) for item in layout.chain[1:]}
    loader = jinja2.ChoiceLoader([jinja2.PrefixLoader(parents, delimiter="/"),
                                  jinja2.FileSystemLoader(layout.template_folders)])
    env = SandboxedEnvironment(loader=loader, autoescape=True, undefined=jinja2.StrictUndefined,
                               trim_blocks=True, lstrip_blocks=True)
    env.filters.update(FILTERS)
    env.filters["fit_title"] = fit_title  # measures font files, so it lives here and not in layouting
    return env
