"""Compose stage: a project and a layout become one HTML document for the renderer."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from html import escape, unescape
from pathlib import Path
from urllib.parse import quote

import jinja2
from markupsafe import Markup

from zine import __version__
from zine.compose.bidi import isolate_ltr_runs
from zine.compose.characters import missing_characters, replace_unprintable
from zine.compose.credits import (action_fields, action_lines, commenter, credit_lines, marked_excerpt, pull_quote,
                                  replying_to, short_title)
from zine.compose.fonts import FALLBACK_FAMILIES, covered, font_faces, layout_font_files
from zine.compose.images import check_image
from zine.compose.markdown import article_fragment, comment_fragment, inline_text
from zine.compose.nesting import check_html_nesting, check_list_nesting
from zine.compose.scripts import check_cjk_font, faces_for, is_cjk, italic_fills
from zine.compose.templatelimits import LimitedEnvironment, render_bounded
from zine.compose.titlefit import fit_text, fit_title
from zine.core.bounded import run_bounded
from zine.core.direction import is_rtl, lang_dir, text_dir
from zine.core.errors import InputError, LayoutError
from zine.core.files import read_text
from zine.core.limits import LINKS, RENDER_MEMORY, TEMPLATE_SECONDS, enforce
from zine.core.model import ACTION_KEYS, Article, PrintedComment, Project, image_mode_problem
from zine.core.untrusted import clean_html
from zine.layout import (
    FILTERS,
    ContainedLoader,
    Layout,
    layout_context,
    layout_css,
    page_size,
    resolve_options,
)
from zine.project import walk_printed


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
    pictures: list[Path] = field(default_factory=list)  # the picture files used: inputs of the build
    fallback_fonts: list[str] = field(default_factory=list)  # for characters the layout's fonts lack
    unprintable: dict[str, str] = field(default_factory=dict)  # characters no font has -> printed name
    font_files: dict[str, str] = field(default_factory=dict)  # a face's file -> the URL to load instead


def compose(project: Project, layout: Layout, sheet: str | None = None, cache: bool = True,
            fill_pages: list[str] | None = None) -> Composed:
    """Fill the layout's templates with the project's articles and comments.

    ``sheet`` is the paper chosen on the command line: a layout whose page is a
    panel of the sheet takes its page size from it. Without ``cache``, no
    photocopy-ready picture made by an earlier build is used. ``fill_pages`` names
    the pages (``fill-NAME.html``) that go where blank pages would, before the back.
    """
    options = resolve_options(layout, project.layout_options, project.config_path)
    pictures: list[Path] = []
    prepare = _image_preparer(project, layout, sheet, cache, pictures)
    notes = bool(options.get("link_notes", True))
    contributions = [_contribution(project, article, n, prepare, notes)
                     for n, article in enumerate(project.contributions, 1)]
    for piece in contributions:
        piece["comments"] = _named(piece.pop("printed"), piece["comments"], project.commenters)
    zine = _zine_context(project, contributions, prepare)
    # No {.pull} in the text: an excerpt the editor marked in the comments can stand on the cover.
    zine["pull_quote"] = zine["pull_quote"] or marked_excerpt(contributions)
    context = {
        "zine": zine,
        "contributions": contributions,
        "options": options,
        "layout": layout_context(layout, sheet),
        "generator": f"zine {__version__}",
        "fill_pages": list(fill_pages or ()),
    }
    # however a bidi control was written, it goes (isolates in the markup keep the order)
    html = clean_html(_render_template(layout, context))
    fallbacks, fonts = _script_fonts(project, layout, html)
    # what no font has is named
    html, unprintable = replace_unprintable(html, fonts)
    return Composed(
        html=html, base=project.root, stylesheets=layout.stylesheets, fonts=layout.fonts,
        fallback_fonts=fallbacks, unprintable=unprintable,
        readable=[project.root, *layout.folders],
        origins={a.path.name: a.path for a in project.contributions}, date=project.date,
        extra_css=layout_css(layout, options, sheet), font_files=italic_fills(layout.fonts, fallbacks, set(html)),
        max_pages=layout.setting("max_pages"),
        fixed_tail=layout.setting("fixed_tail"), layout_name=layout.name, pictures=list(dict.fromkeys(pictures)),
    )


def _script_fonts(project: Project, layout: Layout, html: str) -> tuple[list[str], frozenset[int]]:
    """The fallback families (the bundled ones, zine.toml's, then a packaged face for each
    script of the text no other face draws) and every character they and the layout's draw."""
    fallbacks = _fallback_fonts(project, layout)
    files = layout_font_files(layout.stylesheets, layout.folders)
    fonts = covered(layout.fonts + fallbacks, files)
    missing = missing_characters(html, fonts)
    if missing:
        scripts = faces_for(missing)
        check_cjk_font(missing, _cjk_origin(project), scripts)
        fallbacks += [f for f in scripts if f not in fallbacks]
        fonts = covered(layout.fonts + fallbacks, files)
    return fallbacks, fonts


def _cjk_origin(project: Project) -> Path | None:
    """The first article with CJK text in it (else zine.toml): where the error points."""
    for article in project.contributions:
        if any(is_cjk(ch) for ch in article.title + article.body):
            return article.path
    return project.config_path


def _fallback_fonts(project: Project, layout: Layout) -> list[str]:
    """The families after the layout's: the bundled fallback, then those zine.toml adds."""
    for family in project.fonts:
        try:
            font_faces(family)
        except LayoutError as err:
            raise InputError(f"fonts: {err.reason}", project.config_path) from None
    return [f for f in dict.fromkeys([*FALLBACK_FAMILIES, *project.fonts]) if f not in layout.fonts]


def _image_preparer(project: Project, layout: Layout, sheet: str | None, reuse: bool, used: list[Path]):
    """Images become photocopy-ready copies (zine.toml or layout ``images``; grayscale by default);
    each original is added to ``used``."""
    from zine.compose.photocopy import prepare_image

    mode = project.images or layout.setting("images")
    problem = image_mode_problem(mode)
    if problem:
        raise LayoutError(problem, layout.folder / "layout.toml")
    width, height = page_size(layout, sheet)  # the placed size is not known yet: the page bounds it

    def prepare(relative: str) -> str:
        used.append(project.root / relative)
        # A URL path: a '#' or '?' in a file name must not read as a fragment or a query.
        return quote(prepare_image(relative, project.root, mode, width, height, reuse), safe="/")
    return prepare


def _zine_context(project: Project, contributions: list[dict], prepare) -> dict:
    cover = None
    if project.cover:
        where = project.config_path or project.root / "zine.toml"
        text = read_text(where) if where.is_file() else ""
        cover = prepare(check_image(project.cover, where, project.root, text, 1))
    return {
        **_heading(project, is_rtl(project.lang)),
        "plain_subtitle": project.subtitle,
        "lang": project.lang,
        "dir": lang_dir(project.lang),
        **_second_heading(project),
        "cover": cover,
        "kicker": _inline(project.kicker),
        "place": _inline(project.place),
        "action": action_fields({key: project.action.get(key) for key in ACTION_KEYS}),
        "authors": list(dict.fromkeys(c["author"] for c in contributions if c["author"])),
        "sources": [c["source"] for c in contributions if c["source"]],
        # each contribution's title, writer and source, for the colophon and the credits page
        "credits": [{"title": c["title"], "author": c["author"], "source": c["source"]} for c in contributions],
        "short_title": short_title(project.title, project.short_title),
        "pull_quote": pull_quote([str(c["html"]) for c in contributions]),
    }


def _second_heading(project: Project) -> dict:
    """The cover's title and subtitle in a second language (``title_2``, ``subtitle_2``), each
    with the direction its own letters run in."""
    return {"title_2": _inline(project.title_2), "subtitle_2": _inline(project.subtitle_2),
            "dir_2": text_dir(project.title_2 or project.subtitle_2 or "", lang_dir(project.lang))}


def _inline(text: str | None) -> Markup | None:
    return Markup(inline_text(text)) if text else None


def _contribution(project: Project, article: Article, number: int, prepare, notes: bool) -> dict:
    prefix = f"c{number}"
    check_list_nesting(article.body, article.path, "the article", article.body_line)
    try:
        fragment = article_fragment(article.body, prefix, link_notes=notes)
    except RecursionError:
        raise InputError("the article is nested too deeply to read", article.path) from None
    enforce(len(fragment.links), LINKS, "links", article.path,
            advice="each prints its address as a numbered note: keep the ones a reader needs")
    check_html_nesting(fragment.html, article.path, "the article")
    swapped: dict[str, str] = {}

    def swap(src: str) -> str:  # every picture is checked and replaced by its printable copy
        if src not in swapped:
            swapped[src] = prepare(check_image(src, article.path, project.root, article.body, article.body_line))
        return swapped[src]

    for src in fragment.images:  # as written, before cleaning could drop one silently
        swap(src)
    html = _swap_image_sources(fragment.html, swap)
    if is_rtl(article.lang or project.lang):
        html = isolate_ltr_runs(html)
    comments = _flatten(article.comments, prefix, article.comments_path, notes, first_note=len(fragment.links) + 1,
                        rtl=is_rtl(article.lang or project.lang))
    return {
        "id": prefix,
        **_heading(article, is_rtl(article.lang or project.lang)),
        "short_title": short_title(article.title, article.short_title),
        "author": article.author,
        "source": article.source,
        "lang": article.lang or project.lang,
        "dir": lang_dir(article.lang or project.lang),
        "html": Markup(html),
        "links": fragment.links,
        "link_notes": _numbered(fragment.links, 1),
        "comments": comments,
        "printed": list(walk_printed(article.comments)),
        "comment_link_notes": [note for c in comments for note in c["link_notes"]],
        "comment_count": sum(1 for _ in walk_printed(article.comments)),
    }


_IMAGE_SOURCE = re.compile(r'(<img\b[^>]*?\ssrc=")([^"]*)(")')


def _swap_image_sources(html: str, swap) -> str:
    """Every <img> source of the cleaned HTML, Markdown's and raw tags' alike, replaced by
    ``swap(source)``. Sources are matched as the renderer reads them, entities decoded
    (``x&amp;y.png`` is the file ``x&y.png``), so none slips past unreplaced."""
    return _IMAGE_SOURCE.sub(lambda m: m.group(1) + escape(swap(unescape(m.group(2)))) + m.group(3), html)


def _heading(item: Project | Article, rtl: bool = False) -> dict:
    """Title, subtitle and date of the zine or of one contribution, as templates print them."""
    return {
        "title": Markup(inline_text(item.title)),
        "plain_title": item.title,
        "subtitle": Markup(inline_text(item.subtitle)) if item.subtitle else None,
        "date": item.date,
        "date_text": _date_text(item.date, rtl),
    }


def _named(printed: list[PrintedComment], comments: list[dict], mode: str | None) -> list[dict]:
    """Each comment's author and "Replying to" line under the zine's naming rule (``commenters``)."""
    for item, flat in zip(printed, comments):
        flat["author"] = commenter(item.comment.author, mode)
        flat["replying_to"] = replying_to(item, mode)
    return comments


def _numbered(urls: list[str], first: int) -> list[dict]:
    """Link notes as templates print them: {"number": 3, "url": "https://..."}."""
    return [{"number": n, "url": url} for n, url in enumerate(urls, start=first)]


def _flatten(thread: list[PrintedComment], prefix: str, path: Path | None, notes: bool,
             first_note: int, rtl: bool = False) -> list[dict]:
    """The printed thread in reading order, each with its indent level.

    Link notes in comments continue the article's numbering.
    """
    flat = []
    for printed in walk_printed(thread):
        comment = printed.comment
        text = comment.excerpt or comment.text
        check_list_nesting(text, path, f"comment {comment.id}")
        fragment = comment_fragment(text, f"{prefix}-k{comment.id}", notes, first_note)
        check_html_nesting(fragment.html, path, f"comment {comment.id}", comment.line)
        flat.append({
            "id": comment.id,
            "level": printed.level,
            "author": comment.author,
            "date": comment.date,
            "date_text": _date_text(comment.date, rtl),
            "likes": comment.likes,
            "trimmed": comment.excerpt is not None,
            "replying_to": printed.replying_to,
            "html": Markup(isolate_ltr_runs(fragment.html) if text_dir(text, "auto") == "rtl" else fragment.html),
            "dir": text_dir(text, "auto"),  # dir="auto" worked out: the renderer has none
            "link_notes": _numbered(fragment.links, first_note),
        })
        first_note += len(fragment.links)
    return flat


def _date_text(iso: str | None, rtl: bool) -> str | Markup | None:
    """The printed date; in right-to-left text isolated, so '15 November 2026' keeps its order."""
    text = format_date(iso)
    return Markup(f'<bdi dir="ltr">{text}</bdi>') if text and rtl else text


def format_date(iso: str | None) -> str | None:
    """'2026-03-15' -> '15 March 2026' (the form a reader expects on paper)."""
    if not iso:
        return None
    day = dt.date.fromisoformat(iso)
    return f"{day.day} {day:%B %Y}"


def _render_template(layout: Layout, context: dict) -> str:
    """The layout's template filled in; a layout that came with the project (or from a folder
    named on the command line) runs in a child process with a memory cap and a time limit."""
    if all(item.origin not in ("project", "path") for item in layout.chain):
        return _fill_template(layout, context)
    return run_bounded(lambda: _fill_template(layout, context), layout.folder, TEMPLATE_SECONDS, RENDER_MEMORY,
                       what="filling in the layout's template",
                       advice="the layout's template does far more work than a zine needs")


def _fill_template(layout: Layout, context: dict) -> str:
    env = _environment(layout)
    template_name = layout.setting("template")
    try:
        template = env.get_template(template_name)
        return render_bounded(template, context, template.filename or template_name)
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


def _environment(layout: Layout) -> LimitedEnvironment:
    """The layout's template environment, made once per process and layout: Jinja then
    compiles each template once, and again only when its file changes."""
    parents = tuple((item.name, tuple(map(str, item.template_folders))) for item in layout.chain[1:])
    env = _made_environment(parents, tuple(map(str, layout.template_folders)))
    env.steps = 0  # the loop budget is one render's, not the process's
    return env


@lru_cache(maxsize=8)
def _made_environment(parents: tuple, folders: tuple[str, ...]) -> LimitedEnvironment:
    loaders = {f"!{name}": ContainedLoader(list(searchpath)) for name, searchpath in parents}
    loader = jinja2.ChoiceLoader([jinja2.PrefixLoader(loaders, delimiter="/"), ContainedLoader(list(folders))])
    env = LimitedEnvironment(loader=loader, autoescape=True, undefined=jinja2.StrictUndefined,
                             trim_blocks=True, lstrip_blocks=True)
    env.filters.update(FILTERS)
    env.filters["fit_title"] = fit_title  # measures font files, so it lives here and not in layouting
    env.filters["fit_text"] = fit_text
    env.filters["credit_lines"] = credit_lines
    env.filters["action_lines"] = action_lines
    return env
