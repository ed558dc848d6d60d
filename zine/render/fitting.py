"""Fixed-size layouts (one sheet: mini8, pamphlet) must hold their text, or say what to cut.

A layout's ``max_pages`` is the number of pages its sheet holds, the last
``fixed_tail`` of them fixed panels (the back; the pamphlet's action flap). When
the text runs longer, the words set past the last running-text page are what
must go, counted on the rendered PDF and never more than the cuttable parts
hold. Where each part starts is read from the PDF's named destinations (the
ids the templates give the article, its quotes and the action panel), so the
message says which part overflows.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from zine.compose import Composed
from zine.core.errors import LayoutError
from zine.core.model import Project
from zine.core.wording import plural
from zine.project import comment_words, count_words, walk_printed

ACTION_ID = "action"  # the pamphlet's action panel
QUOTES_SUFFIX = "quotes"  # the quotes section: "c1-quotes" (mini8) or "quotes" (pamphlet)
QUOTE = re.compile(r"^(?:.*-)?quote-(.+)$")  # one quote: "c1-quote-2" or "quote-2" for comment 2


@dataclass(frozen=True)
class Overflow:
    """Which part runs past the sheet, by how many words, and what the sheet holds."""

    part: str  # "article", "quotes" or "action"
    words: int  # words set on the pages past the budget
    capacity: int  # words the running-text pages within the sheet hold
    quoted: dict[str, int]  # comment id -> words, for the comments printed as quotes


def check_fits(project: Project, document: Composed, pdf: bytes, pages: int) -> None:
    """Raise LayoutError when the rendered document has more pages than its layout holds."""
    budget = document.max_pages
    if not budget or pages <= budget:
        return
    from zine.pdf import anchor_pages
    from zine.render.fillreport import body_lines

    tail = min(document.fixed_tail, budget - 1)
    words = [sum(len(text.split()) for _, _, text in lines) for lines in body_lines(pdf)]
    overflow = _overflow(project, anchor_pages(pdf), words, budget, tail, pages)
    cut = _words_to_cut(overflow, _cuttable(project, overflow))
    over = pages - budget
    raise LayoutError(
        f"too much text for the {document.layout_name} layout: it holds {budget} pages and this "
        f"needs {pages} ({plural(over, 'page')} over); {_advice(project, overflow, cut)}, "
        f"or use a booklet layout such as a5-booklet",
        _first_origin(document),
    )


def _overflow(project: Project, anchors: dict, words: list[int], budget: int, tail: int,
              pages: int) -> Overflow:
    """The part that does not fit, from where each part starts in the rendered pages."""
    last_running = budget - tail - 1  # 0-based last page the running text may use
    capacity = sum(words[1:last_running + 1])
    quoted = _quoted(project, anchors)
    action = anchors.get(ACTION_ID)
    if action is not None and pages - action[0] > tail:
        # The action panel itself runs on: its own words past its one panel go.
        return Overflow("action", sum(words[action[0] + 1:pages - tail + 1]), capacity, quoted)
    spilled = sum(words[last_running + 1:pages - tail])
    quotes = [place for name, place in anchors.items() if name.endswith(QUOTES_SUFFIX)]
    if quotes and min(quotes)[0] <= last_running:
        return Overflow("quotes", spilled, capacity, quoted)
    return Overflow("article", spilled, capacity, quoted)


def _words_to_cut(overflow: Overflow, cuttable: int) -> int:
    """The words past the sheet, as words of the article and quotes, rounded up to tens.

    The pages also carry words nobody writes (headings, link notes, who said a
    quote): their share of the set text is taken off the spilled words, so the
    advice and what the sheet holds add up to what there is. A spilled line
    still needs a line's worth cut, and never is more advised than there is.
    """
    share = 1.0 if overflow.part == "action" else min(1.0, cuttable / max(1, overflow.capacity + overflow.words))
    return min(math.ceil((overflow.words * share + 5) / 10) * 10, cuttable)


def _advice(project: Project, overflow: Overflow, cut: int) -> str:
    if overflow.part == "action":
        return f"the action panel runs past its one panel: cut about {cut} words from that section"
    quotes = ", ".join(f"comment {ident} has {count}" for ident, count in overflow.quoted.items())
    if overflow.part == "quotes":
        return (f"the article fits, the comments quoted after it do not ({quotes}): cut about {cut} words, "
                f"quote fewer comments (option quotes) or pick shorter ones")
    article = sum(count_words(a.body) for a in project.contributions)
    after = f", then {plural(len(overflow.quoted), 'quoted comment')} ({quotes})" if overflow.quoted else ""
    return (f"the article runs past the sheet: the text pages hold about {overflow.capacity} words "
            f"and the article has {article}{after}: cut about {cut} words")


def _cuttable(project: Project, overflow: Overflow) -> int:
    """The words the running text has: the articles and the comments quoted."""
    article = sum(count_words(a.body) for a in project.contributions)
    return max(10, article + (sum(overflow.quoted.values()) if overflow.part != "action" else 0))


def _quoted(project: Project, anchors: dict) -> dict[str, int]:
    """Comment id -> words, for the comments printed as quotes, in print order."""
    comments = {p.comment.id: p.comment for a in project.contributions for p in walk_printed(a.comments)}
    in_order = sorted(anchors, key=lambda name: (anchors[name][0], -anchors[name][1]))  # PDF y grows upwards
    quoted = [QUOTE.match(name).group(1) for name in in_order if QUOTE.match(name)]
    return {ident: comment_words(comments[ident]) for ident in quoted if ident in comments}


def _first_origin(document: Composed):
    return next(iter(document.origins.values()), None)
