"""Splitting a composed anthology into its pieces: head, front, each contribution, back, tail.

The split works on the HTML text: each contribution is the element carrying its
id, and the pieces must be simple siblings for the split to be clean; otherwise
there is no split and the zine is typeset in one pass.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

BACK_MARK = "zine-back"  # id given to the back's first element, if it has none


@dataclass
class Split:
    """The composed HTML in pieces: head, front, each contribution, back, tail."""

    head: str
    front: str
    pieces: list[str]
    gaps: list[str]
    back: str
    back_id: str | None
    tail: str
    ids: list[str]

    def whole(self) -> str:
        """The whole document again (with the back's anchor)."""
        middle = "".join(piece + gap for piece, gap in zip(self.pieces, self.gaps + [""]))
        return self.head + self.front + middle + self.back + self.tail

    def with_style(self, css: str) -> str:
        return self.head.replace("</head>", f"<style>{css}</style></head>", 1) if css else self.head


def split_document(html: str, ids: list[str]) -> Split | None:
    """Find each contribution's element by its id; None when they are not simple siblings."""
    body = re.search(r"<body\b[^>]*>", html)
    close = html.rfind("</body>")
    if body is None or close < 0 or "</head>" not in html[:body.start()]:
        return None
    spans = contribution_spans(html, ids)
    if spans is None:
        return None
    gaps = [html[spans[n][1]:spans[n + 1][0]] for n in range(len(spans) - 1)]
    if any(gap.strip() for gap in gaps) or spans[-1][1] > close:
        return None
    back, back_id = _mark_back(html[spans[-1][1]:close])
    return Split(head=html[:body.end()], front=html[body.end():spans[0][0]],
               pieces=[html[a:b] for a, b in spans], gaps=gaps, back=back, back_id=back_id,
               tail=html[close:], ids=list(ids))


def contribution_ids(count: int) -> list[str]:
    """The ids compose gives the elements of an anthology's contributions, in order."""
    return [f"c{number}" for number in range(1, count + 1)]


def contribution_spans(html: str, ids: list[str]) -> list[tuple[int, int]] | None:
    """Where each contribution's element starts and ends in ``html``, in order; None when one is missing."""
    body = re.search(r"<body\b[^>]*>", html)
    spans: list[tuple[int, int]] = []
    for ident in ids:
        span = _element_span(html, ident, spans[-1][1] if spans else body.end() if body else 0)
        if span is None:
            return None
        spans.append(span)
    return spans


def _element_span(html: str, ident: str, after: int) -> tuple[int, int] | None:
    start = re.compile(r'<([a-zA-Z][\w-]*)\b[^>]*\sid="' + re.escape(ident) + r'"[^>]*>').search(html, after)
    if start is None:
        return None
    tag = start.group(1)
    depth = 1
    for match in re.compile(rf"<(/?){tag}\b[^>]*>", re.IGNORECASE).finditer(html, start.end()):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            return start.start(), match.end()
    return None


def _mark_back(back: str) -> tuple[str, str | None]:
    """Give the back's first element an id (if it has none), to find the page it starts on."""
    first = re.search(r"<([a-zA-Z][\w-]*)\b([^>]*)>", back)
    if first is None:
        return back, None
    existing = re.search(r'\sid="([^"]+)"', first.group(2))
    if existing:
        return back, existing.group(1)
    marked = back[:first.end(1)] + f' id="{BACK_MARK}"' + back[first.end(1):]
    return marked, BACK_MARK
