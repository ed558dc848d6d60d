"""``zine serve``: the desk, a local web page that shows the zine as it will print, live."""

from __future__ import annotations

from pathlib import Path

import click

LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")


@click.command("serve")
@click.argument("source", type=click.Path(path_type=Path))
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port to listen on (0: any free port).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Only this computer can reach 127.0.0.1; any other address "
                   "lets others on the network change the zine's pick and settings.")
@click.option("--open", "open_browser", is_flag=True, help="Open the desk in the web browser.")
def serve_command(source: Path, port: int, host: str, open_browser: bool) -> None:
    """Show SOURCE (a project folder, zine.toml or article.md) as it will print, in a web page.

    The page shows the pages and the printed sheets, the recipe, the fill report and the
    warnings, and updates itself when a file of the project is saved. Tick comments to
    print them; switch layout, paper, fill and cover (written to zine.toml). Ctrl-C stops it.
    """
    from zine.core.errors import InputError
    from zine.desk import serve

    if not source.exists():
        raise InputError("no such file or folder", source)
    if host not in LOOPBACK:
        click.echo(f"Warning: the desk listens on {host}: anyone who can reach this address can read the "
                   "zine and change its pick and settings. Use it only on a network you trust.", err=True)

    def ready(url: str) -> None:
        click.echo(f"Desk for {source}: {url}  (Ctrl-C to stop)")
        if open_browser:
            import webbrowser

            webbrowser.open(url)

    serve(source, host=host, port=port, on_ready=ready)
