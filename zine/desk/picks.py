"""What a tick box does to a ``pick`` list: the smallest change that prints what was ticked.

A pick list holds comment ids (``2.1``), whole threads (``2.*``) and ``top:N``. Ticking adds
an entry; unticking removes the entries that name only what was unticked and spells out,
as ids, any wider entry (a thread, ``top:N``, or no pick at all: every comment) that
still covered it. Entries stay in thread order.
"""

from __future__ import annotations

from zine.core.model import Comment
from zine.project import expand_pick, top_count, walk


def chosen(comments: list[Comment], pick: list[str] | None) -> set[str]:
    """The ids a pick prints (no pick: every comment)."""
    if pick is None:
        return {c.id for c in walk(comments)}
    return set(expand_pick(comments, pick))


def subtree(comments: list[Comment], cid: str) -> list[str]:
    """``cid`` and every reply under it, in thread order."""
    head = next((c for c in walk(comments) if c.id == cid), None)
    return [] if head is None else [c.id for c in walk([head])]


def tick(comments: list[Comment], pick: list[str] | None, cid: str, on: bool,
         thread: bool = False) -> list[str] | None:
    """The pick after ticking (``on``) or unticking comment ``cid`` (with ``thread``: it and its replies)."""
    target = subtree(comments, cid) if thread else [cid] if subtree(comments, cid) else []
    if not target:
        raise KeyError(cid)
    if on:
        return _added(comments, pick, cid, target, thread)
    return _removed(comments, pick, set(target))


def top(n: int) -> list[str]:
    """The pick that prints the ``n`` most-liked comments."""
    return [f"top:{n}"]


def _added(comments, pick, cid: str, target: list[str], thread: bool) -> list[str] | None:
    if pick is None or set(target) <= chosen(comments, pick):
        return pick
    has_replies = len(subtree(comments, cid)) > 1
    if thread and has_replies:  # the thread entry makes the ids inside it redundant
        kept = [e for e in pick if not _inside(comments, e, set(target))]
        return _ordered(comments, kept + [f"{cid}.*"])
    return _ordered(comments, pick + [cid])


def _removed(comments, pick, target: set[str]) -> list[str]:
    entries = pick if pick is not None else _whole_threads(comments)
    kept: list[str] = []
    for entry in entries:
        selected = expand_pick(comments, [entry])
        if not target & set(selected):
            kept.append(entry)
        elif not set(selected) <= target:  # a wider entry: spell out what it still prints
            kept += [c for c in selected if c not in target]
    return _ordered(comments, list(dict.fromkeys(kept)))


def _whole_threads(comments: list[Comment]) -> list[str]:
    return [f"{c.id}.*" if c.replies else c.id for c in comments]


def _inside(comments, entry: str, ids: set[str]) -> bool:
    return top_count(entry) is None and set(expand_pick(comments, [entry])) <= ids


def _ordered(comments: list[Comment], entries: list[str]) -> list[str]:
    """Entries in thread order of the first comment each names; ``top:N`` first."""
    place = {c.id: n for n, c in enumerate(walk(comments))}

    def key(entry: str) -> int:
        if top_count(entry) is not None:
            return -1
        return place.get(entry.removesuffix(".*"), len(place))

    return sorted(entries, key=key)
