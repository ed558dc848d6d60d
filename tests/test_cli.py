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


def test_help_does_not_load_the_heavy_engines():
    # Nor the imposition engine, whose option lists the commands show (zine/commands/options.py).
    code = ("import sys; from click.testing import CliRunner; from zine.cli import main; "
            "CliRunner().invoke(main, ['--help']); "
            "print(sorted(m for m in ('weasyprint', 'pikepdf', 'pypdfium2', 'PIL', 'zine.impose', "
            "'zine.impose.engine') if m in sys.modules))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert loaded.stdout.strip() == "[]"


def test_option_lists_match_the_engines():
    from zine.commands import options
    from zine.core.paper import SHEETS
    from zine.impose import BLANKS, DUPLEX, MARKS, SCHEMES

    assert options.SHEETS == list(SHEETS)
    assert options.DUPLEX == list(DUPLEX)
    assert list(options.SchemeChoice().choices) == list(SCHEMES) == ["saddle", "mini8", "quarter", "trifold"]
    assert options.BLANKS == list(BLANKS)
    assert options.MARKS == list(MARKS)


def test_unknown_option_is_a_usage_error():
    result = CliRunner().invoke(main, ["build", "--no-such-option"])
    assert result.exit_code == 2
    assert "No such option" in result.output
