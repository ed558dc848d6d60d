"""The `zine import` command; the CLI group registers it."""

from __future__ import annotations

from pathlib import Path

import click

from zine.commands.options import OutputFolder


@click.command("import")
@click.argument("source", metavar="SOURCE|URL")
@click.option("-o", "--output", "outdir", type=OutputFolder(),
              default=Path("."), show_default=True, metavar="DIR",
              help="Project folder to write into.")
@click.option("--post", metavar="SLUG|ID|TITLE",
              help="The post to take from a WordPress export (without it: list them).")
@click.option("--title", metavar="TEXT", help="The article's title, instead of the source's.")
@click.option("--subtitle", metavar="TEXT", help="A subtitle for the article.")
@click.option("--author", metavar="NAME", help="Who wrote the post, when the source does not say (printed under "
              "the title and in the colophon).")
@click.option("--source", "source_url", metavar="URL",
              help="Where the post was first published (http or https), printed with the credits.")
@click.option("--pingbacks", is_flag=True, help="Keep pingbacks and trackbacks as comments.")
@click.option("--force", is_flag=True, help="Replace an article or comments file already there.")
@click.option("--allow-no-comments", is_flag=True,
              help="Import the article alone when the post has no comments.")
@click.option("--fetch-images", is_flag=True,
              help="Download the pictures the post shows from the web into DIR/images/ "
                   "(http and https only; nothing is fetched without this).")
@click.option("--allow-private", is_flag=True,
              help="Let a web address or picture be on this machine or a private network "
                   "(refused without this).")
def import_command(source: str, outdir: Path, post: str | None, title: str | None,
                   subtitle: str | None, pingbacks: bool, force: bool,
                   allow_no_comments: bool, fetch_images: bool, allow_private: bool,
                   author: str | None = None, source_url: str | None = None) -> None:
    """Bring a blog post and its comment thread into a project.

    SOURCE is a WordPress export (.xml), a saved web page (.html) or the
    text of a post page pasted into a file (.txt). Writes DIR/<slug>.md,
    DIR/<slug>.comments.yaml and adds the article to DIR/zine.toml.
    An export without --post lists its posts (published ones first).

    URL (http:// or https://) is a post on the web: a WordPress blog (through its
    API, every comment page), a Mastodon post and its replies, or any page.
    Importing it again refreshes the article and comments and keeps your picks.
    """
    from zine.importers import export_listing, import_source

    if source.lower().startswith(("http://", "https://")):
        from zine.importers import import_url

        click.echo(import_url(source, outdir, post=post, pingbacks=pingbacks, force=force,
                              allow_no_comments=allow_no_comments, title=title, subtitle=subtitle,
                              fetch_images=fetch_images, allow_private=allow_private, author=author,
                              source_url=source_url).summary())
        return
    source = Path(source)

    listing = export_listing(source) if post is None else None
    if listing is not None:
        click.echo(listing)
        return
    report = import_source(source, outdir, post=post, pingbacks=pingbacks, force=force,
                           allow_no_comments=allow_no_comments, title=title, subtitle=subtitle,
                           fetch_images=fetch_images, allow_private=allow_private, author=author,
                           source_url=source_url)
    click.echo(report.summary())
