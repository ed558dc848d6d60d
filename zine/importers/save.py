"""Write an imported post as a zine project: article, comments file, zine.toml entry.

Everything is rendered in memory first, then written by
:func:`zine.core.files.write_outputs` (temporary files renamed into place once all
are written), so a failed import leaves the folder as it was. Existing
articles and comment files are only replaced with ``force``; a zine.toml is
only ever appended to.
"""

from __future__ import annotations

import json
import os
import tomllib
from pathlib import Path

import yaml

from zine.core.errors import InputError, OutputError
from zine.core.files import refuse_links, write_outputs
from zine.core.model import Comment
from zine.importers.post import ImportedPost
from zine.importers.titles import cover_title
from zine.project import layout_clash, toml_line

CONFIG_NAME = "zine.toml"
# What the cover and back cover can say besides the title: a kicker every zine can carry, and
# the rest left for the user to fill in.
COVER_HINTS = [
    "kicker = \"Free. Copy it. Pass it on.\"    # a line over the cover title",
    "# place = \"Where it is handed out\"      # printed with the date on the cover",
    "# [action]                               # the back cover's call to action",
    "# meeting = \"Public meeting: day, time, place\"",
    "# contact = \"how to reach you\"",
]
DEFAULT_LAYOUT = "a5-booklet"


class _Dumper(yaml.SafeDumper):
    """Safe YAML with comment texts as literal blocks a person can edit."""


class _Block(str):
    """A text to write as a YAML literal block (PyYAML falls back to quotes if it must)."""


def _represent_block(dumper: yaml.SafeDumper, text: str):
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(text), style="|")


_Dumper.add_representer(_Block, _represent_block)


def dump_yaml(data) -> str:
    """YAML a person can edit: keys in our order, Unicode as is, no line folding."""
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                     default_flow_style=False, width=10_000)


def article_text(post: ImportedPost, comments_name: str | None) -> str:
    """Front matter between '---' lines, then the Markdown body."""
    meta = {"title": post.title, "subtitle": post.subtitle, "author": post.author, "date": post.date,
            "source": post.source, "lang": post.lang, "categories": post.categories,
            "comments": comments_name}
    meta = {key: value for key, value in meta.items() if value}
    meta.update({key: value for key, value in post.kept_front.items() if key not in meta})
    front = dump_yaml(meta)
    return f"---\n{front}---\n\n{post.body.strip()}\n"


def comments_text(comments: list[Comment]) -> str:
    """The comments file: a YAML list, replies nested, unknown fields left out."""
    return dump_yaml([_comment_data(c) for c in comments])


def _comment_data(comment: Comment) -> dict:
    data = {"id": comment.id, "author": comment.author, "date": comment.date,
            "likes": comment.likes, "text": _Block(comment.text),
            "excerpt": _Block(comment.excerpt) if comment.excerpt else None}
    data = {key: value for key, value in data.items() if value is not None and value != ""}
    if comment.replies:
        data["replies"] = [_comment_data(reply) for reply in comment.replies]
    return data


def config_text(post: ImportedPost, outdir: Path,
                article_name: str) -> tuple[str | None, list[str]]:
    """The zine.toml to write (None: leave it) and what happened, for the report."""
    config = outdir / CONFIG_NAME
    entry = f"\n[[contribution]]\narticle = {_toml_string(article_name)}\n"
    if not config.exists():
        head, notes = _new_config(post)
        return head + entry, [f"created {CONFIG_NAME}", *notes]
    text, data = _read_config(config)
    if article_name in _listed_articles(data, config):
        return None, [f"{CONFIG_NAME} already lists {article_name}"]
    newline = "\r\n" if "\r\n" in text else "\n"
    updated = text + ("" if text.endswith("\n") or not text else newline)
    updated += entry.replace("\n", newline)
    try:
        tomllib.loads(updated.removeprefix("\ufeff"))
    except tomllib.TOMLDecodeError as err:
        raise InputError(f"cannot add a [[contribution]] to it: {err}", config) from None
    return updated, [f"added {article_name} to {CONFIG_NAME}"]


def _new_config(post: ImportedPost) -> tuple[str, list[str]]:
    """A new zine.toml's head, and notes on what it could not take from the post."""
    title, note = cover_title(post)
    notes = [note] if note else []
    head = [f"title = {_toml_string(title)}"]
    if post.subtitle:
        head.append(f"subtitle = {_toml_string(post.subtitle)}")
    if post.date:  # a missing date is reported with the other missing credits
        head.append(f"date = {_toml_string(post.date)}")
    head.append(f"layout = {_toml_string(DEFAULT_LAYOUT)}")
    if post.lang:
        head.append(f"lang = {_toml_string(post.lang)}")
    head += COVER_HINTS
    head += ["", f"# The layout's options, one option = value a line (zine layouts show {DEFAULT_LAYOUT} lists them)",
             "[layout_options]"]
    return "\n".join(head) + "\n", notes


def _read_config(config: Path) -> tuple[str, dict]:
    """The file's text exactly as it is (BOM, line ends) and what it says."""
    try:
        with config.open(encoding="utf-8", newline="") as handle:
            text = handle.read()
        return text, tomllib.loads(text.removeprefix("\ufeff"))
    except IsADirectoryError:
        raise OutputError("exists and is not a file", config) from None
    except OSError as err:
        raise InputError(f"cannot read: {err.strerror}", config) from None
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
        line = toml_line(str(err)) if isinstance(err, tomllib.TOMLDecodeError) else None
        clash = layout_clash(text, line) if line else None
        if clash:
            raise InputError(clash, config, line) from None
        raise InputError(f"is not valid TOML, so the import cannot add to it: {err}",
                         config) from None


def _listed_articles(data: dict, config: Path) -> set[str]:
    entries = data.get("contribution") or []
    if not isinstance(entries, list):
        raise InputError("'contribution' must be [[contribution]] tables", config)
    return {os.path.normpath(e["article"]) for e in entries
            if isinstance(e, dict) and isinstance(e.get("article"), str)}


def _toml_string(text: str) -> str:
    # A JSON string is a valid TOML basic string (same escapes, \uXXXX included).
    return json.dumps(text, ensure_ascii=False)


def check_targets(files: dict[Path, str | bytes], source: Path | None, force: bool,
                  outdir: Path) -> dict[Path, str | bytes]:
    """Drop files already as wanted; refuse to replace others (or the source) without force,
    and anything reached through a symbolic link inside ``outdir`` (even with force: a
    folder someone sent could lead the writing anywhere)."""
    changed = {}
    for path, text in files.items():
        refuse_links(outdir, path)
        if source is not None and path.exists() and path.resolve() == source.resolve():
            raise OutputError("this is the file being imported; choose another output folder",
                              path)
        if path.exists() and not path.is_file():
            raise OutputError("exists and is not a file", path)
        if path.is_file() and path.read_bytes() == _bytes(text):
            continue
        if path.is_file() and not force and path.name != CONFIG_NAME:
            raise OutputError("already exists with other content; add --force to replace it",
                              path)
        changed[path] = text
    return changed


def _bytes(content: str | bytes) -> bytes:
    return content.encode("utf-8") if isinstance(content, str) else content


def write_files(files: dict[Path, str | bytes], outdir: Path) -> list[Path]:
    """Write every file or none; folders made for them are removed again if writing fails."""
    created = _make_folders([outdir, *(path.parent for path in files)], outdir)
    try:
        write_outputs({path: _bytes(content) for path, content in files.items()})
    except OutputError:
        for folder in reversed(created):
            folder.rmdir()
        raise
    return list(files)


def _make_folders(folders: list[Path], outdir: Path) -> list[Path]:
    """Create the folders (and parents); the ones created, parents first, to undo on failure."""
    folders = list(dict.fromkeys(folders))
    for folder in folders:
        if folder.exists() and not folder.is_dir():
            raise OutputError("is a file, not a folder", folder)
    created: list[Path] = []
    try:
        for folder in folders:
            missing = [p for p in (folder, *folder.parents) if not p.exists()]
            folder.mkdir(parents=True, exist_ok=True)
            created += reversed(missing)
    except OSError as err:
        for folder in reversed(created):
            folder.rmdir()
        raise OutputError(f"cannot write here: {err.strerror}", outdir) from None
    return created
