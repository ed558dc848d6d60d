"""MkDocs hook: load every ``zine`` command before the command reference is generated.

``zine/cli.py`` imports a command's module only when the command is used. The
reference page (``reference/cli.md``) is drawn by mkdocs-click, which lists a
group's already loaded commands when there are any and asks the group for the
others only when there are none; so a command loaded by chance, and not the
others, would leave commands out of the reference. Loading them all here makes
the page list every command ``zine --help`` lists, and a command whose module
fails to import stops the build.
"""

from __future__ import annotations

import click


def on_config(config):
    from zine.cli import main

    ctx = click.Context(main, info_name="zine")
    for name in main.list_commands(ctx):
        if main.get_command(ctx, name) is None:
            raise click.ClickException(f"zine {name}: the command could not be loaded (zine/cli.py)")
    return config
