"""The command line as a whole: every command documented, help that answers at once."""

from __future__ import annotations

import subprocess
import sys

from click.testing import CliRunner

from zine import __version__
from zine.cli import main


def test_every_command_has_help():
    runner = CliRunner()
    listing = runner.invoke(main, ["--help"]).output
    names = main.list_commands(None)
    assert {"build", "impose", "layouts", "batch", "check", "preview", "import"} <= set(names)
    for name in names:
        assert name in listing
        result = runner.invoke(main, [name, "-h"])
        assert result.exit_code == 0, (name, result.output)
        assert "Usage: " in result.output and len(result.output.splitlines()) > 3


def test_version():
    assert CliRunner().invoke(main, ["--version"]).output.strip() == f"zine, version {__version__}"


def test_help_does_not_load_the_heavy_engines_or_the_desk():
    # Nor the imposition engine, whose option lists the commands show (zine/commands/options.py),
    # nor the desk's server, watcher and file editors, loaded only when `zine serve` runs.
    code = ("import sys; from click.testing import CliRunner; from zine.cli import main; "
            "r = CliRunner().invoke(main, ['--help']); assert r.exit_code == 0, r.output; "
            "print(sorted(m for m in ('weasyprint', 'pikepdf', 'pypdfium2', 'PIL', 'zine.impose', "
            "'zine.impose.engine', 'starlette', 'uvicorn', 'watchfiles', 'tomlkit', 'ruamel', 'anyio', "
            "'playwright') if m in sys.modules))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert loaded.stdout.strip() == "[]"


def test_option_lists_match_the_engines():
    from zine.commands import options
    from zine.core.paper import SHEETS
    from zine.impose import BLANKS, DUPLEX, MARKS, SCHEMES

    assert options.SHEETS == list(SHEETS)
    assert options.DUPLEX == list(DUPLEX)
    assert list(options.SchemeChoice().choices) == list(SCHEMES) == ["saddle", "mini8", "quarter", "trifold"]
    from zine.commands.impose import impose_command
    from zine.impose.schemes import DEFAULT

    assert next(p.default for p in impose_command.params if p.name == "scheme") == DEFAULT
    assert options.BLANKS == list(BLANKS)
    assert options.MARKS == list(MARKS)


def test_unknown_option_is_a_usage_error():
    result = CliRunner().invoke(main, ["build", "--no-such-option"])
    assert result.exit_code == 2
    assert "No such option" in result.output


def _lazy_command(monkeypatch, tmp_path, source: str) -> None:
    """A command 'broken' whose module (on sys.path) is ``source``."""
    import zine.cli

    (tmp_path / "zine_test_broken_command.py").write_text(source, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "zine_test_broken_command", raising=False)
    monkeypatch.setitem(zine.cli.LAZY_COMMANDS, "broken", "zine_test_broken_command:command")
    monkeypatch.setattr(main, "commands", dict(main.commands))


def test_a_command_whose_dependency_is_missing_says_so_not_no_such_command(monkeypatch, tmp_path):
    _lazy_command(monkeypatch, tmp_path, "import zine_no_such_dependency\n")
    result = CliRunner().invoke(main, ["broken"])
    assert result.exit_code == 1
    assert result.output.strip() == ("Error: the broken command cannot be loaded: ModuleNotFoundError: "
                                     "No module named 'zine_no_such_dependency' (run with --debug for details)")


def test_with_debug_a_command_that_does_not_load_shows_its_own_error(monkeypatch, tmp_path):
    _lazy_command(monkeypatch, tmp_path, "import zine_no_such_dependency\n")
    result = CliRunner().invoke(main, ["--debug", "broken"])
    assert isinstance(result.exception, ModuleNotFoundError)
    assert result.exception.name == "zine_no_such_dependency"


def test_a_command_module_with_a_mistake_is_not_no_such_command(monkeypatch, tmp_path):
    _lazy_command(monkeypatch, tmp_path, "import click\n\n@click.command()\ndef other():\n    pass\n")
    result = CliRunner().invoke(main, ["broken"])
    assert "cannot be loaded: AttributeError" in result.output and "No such command" not in result.output


def test_only_a_missing_command_module_is_no_such_command(monkeypatch):
    import zine.cli

    monkeypatch.setitem(zine.cli.LAZY_COMMANDS, "gone", "zine.commands.no_such_module:command")
    result = CliRunner().invoke(main, ["gone"])
    assert result.exit_code == 2 and "No such command 'gone'" in result.output
