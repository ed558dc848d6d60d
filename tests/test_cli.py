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
    code = ("import sys; from click.testing import CliRunner; from zine.cli import main; "
            "CliRunner().invoke(main, ['--help']); "
            "print(sorted(m for m in ('weasyprint', 'pikepdf', 'pypdfium2', 'PIL') if m in sys.modules))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert loaded.stdout.strip() == "[]"


def test_unknown_option_is_a_usage_error():
    result = CliRunner().invoke(main, ["build", "--no-such-option"])
    assert result.exit_code == 2
    assert "No such option" in result.output
