"""Writing a ``pick``, or a setting of the switcher, into the project's own files as they were written.

zine.toml is edited with tomlkit, which keeps a file as it was written: every other line,
comment and key order stays. In an article's front matter ruamel.yaml finds the lines
``pick`` takes and only those are written anew, in the style they had (a flow list, or a
block list with its indent and quotes). Only ``pick`` and the switcher's keys are ever
written, only into zine.toml or an article the project reads, through the same checks a
build's outputs pass; the new text must read back before it replaces the file.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from zine.core.errors import InputError, OutputError
from zine.core.files import replace_file
from zine.core.model import Project
from zine.core.sandbox import is_inside
from zine.core.targets import check_targets
from zine.project import pick_field, read_toml, split_front_matter


@dataclass(frozen=True)
class PickPlace:
    """Where a contribution's pick lives: its ``[[contribution]]`` in zine.toml, or the article."""

    path: Path
    index: int | None  # the contribution in zine.toml; None: the article's front matter


def pick_place(project: Project, index: int) -> PickPlace:
    """Where the pick that counts is written, or would be (next to the ``comments`` that name the file)."""
    article = project.contributions[index]
    entry = _toml_entry(project, index)
    if entry is not None and "pick" in entry:
        return PickPlace(project.config_path, index)
    meta = _front_matter(article.path)
    if "pick" in meta or entry is None or "comments" not in entry:
        return PickPlace(article.path, None)
    return PickPlace(project.config_path, index)


def current_pick(project: Project, index: int) -> list[str] | None:
    """The pick as written (None: no pick, every comment prints)."""
    place = pick_place(project, index)
    if place.index is not None:
        return pick_field(_toml_entry(project, index), "pick", place.path)
    return pick_field(_front_matter(place.path), "pick", place.path)


def write_pick(project: Project, index: int, entries: list[str] | None) -> Path:
    """Set the contribution's pick to ``entries`` (None: no pick) where it lives; the file written."""
    place = pick_place(project, index)
    if place.index is not None:
        _write_toml(project, lambda doc: _set_toml_pick(doc["contribution"][place.index], entries))
    else:
        _write_front_matter(project, place.path, entries)
    return place.path


def write_setting(project: Project, key: str, value: str | None) -> Path:
    """Set a top-level key of zine.toml (None: remove it, so the default holds); the file written."""
    if project.config_path is None:
        raise InputError("this project has no zine.toml, where the settings live: add one to switch "
                         "layout, paper or fill here")

    def change(doc) -> None:
        if key == "layout" and hasattr(doc.get("layout"), "get"):  # the older [layout] name = ... spelling
            target, name = doc["layout"], "name"
        else:
            target, name = doc, key
        if value is None:
            target.pop(name, None)
        else:
            target[name] = value

    _write_toml(project, change)
    return project.config_path


def _toml_entry(project: Project, index: int) -> dict | None:
    if project.config_path is None:
        return None
    entries = read_toml(_read(project.config_path), project.config_path).get("contribution") or []
    return entries[index] if index < len(entries) and isinstance(entries[index], dict) else None


def _front_matter(path: Path) -> dict:
    return split_front_matter(_read(path), path)[0]


def _set_toml_pick(table, entries: list[str] | None) -> None:
    import tomlkit

    if entries is None:
        table.pop("pick", None)
        return
    array = tomlkit.array()
    array.extend(entries)
    old = table.get("pick")
    if old is not None and "\n" in getattr(old, "as_string", lambda: "")():
        array.multiline(True)
    table["pick"] = array


def _write_toml(project: Project, change) -> None:
    import tomlkit

    path = project.config_path
    text = _read(path)
    try:
        document = tomlkit.parse(text)
    except tomlkit.exceptions.ParseError as exc:
        raise InputError(f"malformed TOML: {exc}", path, getattr(exc, "line", None)) from exc
    change(document)
    updated = tomlkit.dumps(document)
    read_toml(updated, path)  # it must still read
    _replace(project, path, updated)


def _write_front_matter(project: Project, path: Path, entries: list[str] | None) -> None:
    """Rewrite only the lines of ``pick`` in the front matter (ruamel.yaml says where they are),
    in the style they were written: a flow list stays a flow list, a block list a block list."""
    from ruamel.yaml import YAML

    text = _read(path)
    split_front_matter(text, path)  # a missing or open front matter is named as a build names it
    lines = text.split("\n")
    end = next(n for n in range(1, len(lines)) if lines[n].strip() in ("---", "..."))
    body = lines[1:end]
    meta = YAML().load("\n".join(body) + "\n") or {}
    updated = "\n".join([lines[0], *_with_pick(meta, body, entries), *lines[end:]])
    if pick_field(split_front_matter(updated, path)[0], "pick", path) != entries:
        raise OutputError("the pick could not be written without changing its meaning; edit it by hand", path)
    _replace(project, path, updated)


def _with_pick(meta, body: list[str], entries: list[str] | None) -> list[str]:
    """The front matter's lines with ``pick`` set to ``entries``, every other line as it was."""
    if "pick" not in meta:
        if entries is None:
            return body
        at = _key_lines(meta, body, "comments")[1] if "comments" in meta else len(body)
        return body[:at] + [f"pick: {_flow(entries, DOUBLE)}"] + body[at:]
    start, stop = _key_lines(meta, body, "pick")
    if entries is None:
        return body[:start] + body[stop:]
    return body[:start] + _pick_text(body[start:stop], entries) + body[stop:]


def _key_lines(meta, body: list[str], key: str) -> tuple[int, int]:
    """The lines a top-level key and its value take, without the blank and comment lines after."""
    keys = list(meta)
    start = meta.lc.key(key)[0]
    later = keys[keys.index(key) + 1:]
    stop = meta.lc.key(later[0])[0] if later else len(body)
    while stop > start + 1 and (not body[stop - 1].strip() or body[stop - 1].lstrip().startswith("#")):
        stop -= 1
    return start, stop


def _pick_text(old: list[str], entries: list[str]) -> list[str]:
    """``pick`` written as before: its key line, then a flow list on it or a block list under it."""
    head = old[0]
    colon = head.index(":") + 1
    value = head[colon:].strip()
    items = [line for line in old[1:] if line.lstrip().startswith("-")]
    if (value and not value.startswith("#")) or not items:  # flow (or one value): one line
        quote = SINGLE if SINGLE in value and DOUBLE not in value else DOUBLE
        return [f"{head[:colon]} {_flow(entries, quote)}"]
    first = items[0].lstrip()
    indent = items[0][:len(items[0]) - len(first)]
    quote = SINGLE if first[1:].strip().startswith(SINGLE) else DOUBLE
    return [head] + [f"{indent}- {_quoted(entry, quote)}" for entry in entries]


SINGLE, DOUBLE = "'", '"'


def _flow(entries: list[str], quote: str) -> str:
    return "[" + ", ".join(_quoted(entry, quote) for entry in entries) + "]"


def _quoted(entry: str, quote: str) -> str:
    if quote == SINGLE:
        return SINGLE + entry.replace(SINGLE, SINGLE * 2) + SINGLE
    return DOUBLE + entry.replace("\\", "\\\\").replace(DOUBLE, "\\" + DOUBLE) + DOUBLE


def _read(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read: {exc}", path) from exc


def _replace(project: Project, path: Path, text: str) -> None:
    """Replace one of the project's own files, after the checks an output passes."""
    inputs = {os.path.realpath(p) for p in project.inputs}
    if os.path.realpath(path) not in inputs or not is_inside(path, [project.root]) or path.is_symlink():
        raise OutputError("the desk writes only zine.toml and the project's own articles", path)
    check_targets([path], guarded=[project.root], owned=[path])
    try:
        replace_file(path, text.encode("utf-8"))
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror}", path) from exc
