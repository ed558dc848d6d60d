"""The ``zine`` command line: the group, its error policy and the lazy command table.

Each command is a module of ``zine.commands`` that parses options and calls one
library function; none is imported until it is used, and heavy modules (WeasyPrint,
pikepdf) load inside the commands, so ``zine --help`` answers at once.
"""

from __future__ import annotations

import click

from zine import __version__

CONTEXT = {"help_option_names": ["-h", "--help"]}

# One module a command in zine/commands/, imported only when used.
LAZY_COMMANDS = {
    "build": "zine.commands.build:build_command",
    "batch": "zine.commands.batch:batch_command",
    "impose": "zine.commands.impose:impose_command",
    "import": "zine.commands.importer:import_command",
    "check": "zine.commands.check:check_command",
    "preview": "zine.commands.preview:preview_command",
    "layouts": "zine.commands.layouts:layouts_command",
    "comments": "zine.commands.comments:comments_command",
    "serve": "zine.commands.serve:serve_command",
    "watch": "zine.commands.watch:watch_command",
}


class ZineGroup(click.Group):
    """A group with lazily loaded commands that shows tracebacks only with --debug."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, name: str):
        if name in LAZY_COMMANDS and name not in self.commands:
            import importlib

            module, attribute = LAZY_COMMANDS[name].split(":")
            try:
                self.add_command(getattr(importlib.import_module(module), attribute), name)
            except ModuleNotFoundError as exc:
                if exc.name == module:
                    return None  # only a missing command module is "No such command"
                _unloadable(ctx, name, exc)  # the command is there, something it needs is not
            except Exception as exc:  # noqa: BLE001 - a command that does not load says why
                _unloadable(ctx, name, exc)
        return super().get_command(ctx, name)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except click.ClickException:
            if _debug(ctx):
                import traceback  # only here: it costs a tenth of the time --help takes

                traceback.print_exc()
            raise
        except (KeyboardInterrupt, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except Exception as exc:  # noqa: BLE001 - the last line of defence
            if _debug(ctx):
                raise
            raise click.ClickException(
                f"internal error: {type(exc).__name__}: {exc} (run with --debug for details)"
            ) from exc


def _debug(ctx: click.Context) -> bool:
    """--debug was given (read from the parsed options too: a command is loaded before the group runs)."""
    return bool(ctx.params.get("debug") or (ctx.obj or {}).get("debug"))


def _unloadable(ctx: click.Context, name: str, exc: Exception) -> None:
    """Raise for a command whose module does not import: the error itself with --debug, one line without."""
    if _debug(ctx):
        raise exc
    raise click.ClickException(f"the {name} command cannot be loaded: {type(exc).__name__}: {exc} "
                               f"(run with --debug for details)") from exc


@click.group(cls=ZineGroup, context_settings=CONTEXT)
@click.version_option(__version__, prog_name="zine")
@click.option("--debug", is_flag=True, help="Show full tracebacks on errors.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Turn campaign articles and their comment threads into zines for the photocopier."""
    ctx.ensure_object(dict)["debug"] = debug
    _escape_terminal_output()


def _escape_terminal_output() -> None:
    """Names and text from someone else's files are printed with control characters escaped."""
    import sys

    from zine.core.terminal import escape_output

    sys.stdout, sys.stderr = escape_output(sys.stdout), escape_output(sys.stderr)
