"""MkDocs hook: every ``zine`` command loaded, and its help made safe, for the command reference.

``zine/cli.py`` imports a command's module only when the command is used. The
reference page (``reference/cli.md``) is drawn by mkdocs-click, which lists a
group's already loaded commands when there are any and asks the group for the
others only when there are none; so a command loaded by chance, and not the
others, would leave commands out of the reference. Loading them all here makes
the page list every command ``zine --help`` lists, and a command whose module
fails to import stops the build.

mkdocs-click reads a command's help as Markdown, where ``DIR/<slug>.md`` would be
an HTML tag and vanish: the help is escaped here, in this process only, so the
page prints it as the terminal does.
"""

from __future__ import annotations

import html

import click


def on_config(config):
    from zine.cli import main

    _load_and_escape(main, "zine")
    return config


def _load_and_escape(command: click.Command, name: str) -> None:
    if command.help:
        command.help = html.escape(command.help, quote=False)
    if isinstance(command, click.Group):
        ctx = click.Context(command, info_name=name)
        for sub in command.list_commands(ctx):
            loaded = command.get_command(ctx, sub)
            if loaded is None:
                raise click.ClickException(f"{name} {sub}: the command could not be loaded (zine/cli.py)")
            _load_and_escape(loaded, f"{name} {sub}")
