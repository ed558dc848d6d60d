"""``zine comments``: list an article's comment thread as a tree, to choose what to pick."""

from __future__ import annotations

from pathlib import Path

import click

from zine.commands.options import PickList, project_source


@click.command("comments")
@project_source
@click.option("--pick", type=PickList(), metavar="IDS",
              help="Show what this pick would print instead of the project's "
                   "(comma-separated: ids, whole threads '2.*', 'top:5').")
def comments_command(source: Path, pick: list[str] | None) -> None:
    """List the comments of SOURCE (a project folder, zine.toml or article.md) as a tree.

    Each line shows [x] when the comment is picked, then its id, author, date,
    likes, words and first words.
    """
    from zine.project import describe_threads, load_project

    click.echo(describe_threads(load_project(source), pick))
