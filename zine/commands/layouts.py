"""``zine layouts``: list the layouts, show one's options and blocks, copy one to start your own."""

from __future__ import annotations

from pathlib import Path

import click

PROJECT_HELP = "Project folder whose layouts/ folder is searched first."


@click.group("layouts", invoke_without_command=True)
@click.option("--project", type=click.Path(path_type=Path, file_okay=False), default=".",
              show_default=True, help=PROJECT_HELP)
@click.pass_context
def layouts_command(ctx: click.Context, project: Path) -> None:
    """List the layouts you can use: name, page, sheet, scheme and where each comes from."""
    ctx.ensure_object(dict)["project"] = project
    if ctx.invoked_subcommand is None:
        from zine.layout import list_layouts

        click.echo(format_table(list_layouts(project)))


@layouts_command.command("show")
@click.argument("name")
@click.pass_context
def show_command(ctx: click.Context, name: str) -> None:
    """Show layout NAME: its settings, options with defaults, and template blocks."""
    from zine.layout import load_layout

    click.echo(describe_layout(load_layout(name, ctx.obj["project"])))


@layouts_command.command("copy")
@click.argument("name")
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False))
@click.option("--extend", is_flag=True,
              help="Write a child layout that inherits NAME (layout.toml and extra.css) instead of a full copy.")
@click.pass_context
def copy_command(ctx: click.Context, name: str, folder: Path, extend: bool) -> None:
    """Start a custom layout in FOLDER from layout NAME."""
    from zine.layout import copy_layout

    target = copy_layout(name, folder, ctx.obj["project"], extend=extend)
    how = f"extends {name}" if extend else f"a copy of {name}"
    shown = str(target) if ("/" in str(target) or target.is_absolute()) else f"./{target}"
    click.echo(f"Wrote {shown}/ ({how}). Use it with: zine build --layout {shown} ...")


def format_table(rows) -> str:
    """Rows of LayoutSummary as aligned columns, descriptions last."""
    header = ("NAME", "PAGE", "SHEET", "SCHEME", "FROM", "DESCRIPTION")
    cells = [header] + [(r.name, r.page, r.sheet, r.scheme, r.origin, r.description) for r in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header) - 1)]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(row, widths)) + "  " + row[-1] for row in cells)


def describe_layout(layout) -> str:
    """What ``zine layouts show`` prints: settings, options (default, choices, note), blocks."""
    from zine.layout import layout_blocks, option_choices, option_notes

    lines = [f"{layout.name}: {layout.setting('description')}",
             f"  from:    {layout.origin} ({layout.folder})"]
    if layout.parent:
        lines.append(f"  extends: {' -> '.join(item.name for item in layout.chain[1:])}")
    for key in ("page", "sheet", "scheme", "max_pages"):
        if layout.setting(key) is not None:
            lines.append(f"  {key + ':':<8} {layout.setting(key)}")
    lines.append(f"  fonts:   {', '.join(layout.fonts) or '-'}")
    lines += ["", "Options (set them in zine.toml in a [layout_options] table, beside layout = "
              f"\"{layout.name}\"):"]
    choices, notes = option_choices(layout), option_notes(layout)
    for key, value in layout.default_options().items():
        allowed = f"  one of {', '.join(map(_toml, choices[key]))}" if key in choices else ""
        note = f"  # {notes[key]}" if key in notes else ""
        lines.append(f"  {key} = {_toml(value)}{allowed}{note}")
    lines += ["", "Blocks (override them in a template that extends this one):"]
    for template, blocks in layout_blocks(layout).items():
        if blocks:
            lines.append(f"  {template}: {', '.join(blocks)}")
    return "\n".join(lines)


def _toml(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace('"', '\\"') + '"'
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return str(value)
