"""The manual kept true: README.md and docs/ against the commands they describe.

The site builds with ``mkdocs build --strict`` (a broken link or anchor fails);
the command reference, generated from the Click commands, names every command
and option; every ```console block of the README and the docs is run on a copy
of the bundled examples and its printed output compared; the developers' code
map follows the layers of ``tests/house/test_architecture.py``; the README stays short
and keeps the two commands CI and newcomers rely on.
"""

from __future__ import annotations

import ast
import html
import inspect
import json
import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import click
import pytest

ROOT = next(p for p in Path(__file__).resolve().parents if (p / "pyproject.toml").exists())
DOCS = ROOT / "docs"
README = ROOT / "README.md"
PAGES = [README, *sorted(DOCS.rglob("*.md"))]
PAGE_TIMEOUT = 300  # seconds for all the commands of one page


# -- the site ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The manual built once, strictly, into a temporary folder."""
    out = tmp_path_factory.mktemp("site")
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
         "--config-file", str(ROOT / "mkdocs.yml"), "--site-dir", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode == 0, f"mkdocs build --strict failed:\n{proc.stdout}\n{proc.stderr}"
    return out


def test_the_site_builds_strictly_with_every_page(site):
    built = {p.relative_to(site).as_posix() for p in site.rglob("index.html")}
    for page in DOCS.rglob("*.md"):
        name = page.relative_to(DOCS).with_suffix("").as_posix()
        expected = "index.html" if name == "index" else f"{name.removesuffix('/index')}/index.html"
        assert expected in built, f"{page.relative_to(ROOT)} was not built into the site"


def zine_commands() -> list[tuple[str, click.Command]]:
    """Every command of ``zine`` with its full name ("zine layouts show"), the lazy ones loaded."""
    from zine.cli import main

    found = []

    def walk(command: click.Command, name: str) -> None:
        found.append((name, command))
        if isinstance(command, click.Group):
            ctx = click.Context(command, info_name=name)
            for sub in command.list_commands(ctx):
                loaded = command.get_command(ctx, sub)
                assert loaded is not None, f"{name} {sub} cannot be loaded"
                walk(loaded, f"{name} {sub}")

    walk(main, "zine")
    return found


def missing_from_reference(text: str, commands) -> list[str]:
    """What of the commands' names, help and options the reference's text does not say."""
    flat = " ".join(text.replace("`", "").split())
    missing = []
    for name, command in commands:
        if name not in text:
            missing.append(name)
        if command.help and " ".join(inspect.cleandoc(command.help).replace("`", "").split()) not in flat:
            missing.append(f"{name}: its help text")
        for param in command.params:
            if isinstance(param, click.Option) and not param.hidden:
                missing += [f"{name} {flag}" for flag in param.opts + param.secondary_opts if flag not in text]
    return missing


def test_the_command_reference_lists_every_command_and_option(site):
    page = (site / "reference" / "cli" / "index.html").read_text("utf-8")
    text = html.unescape(re.sub(r"<[^>]+>", " ", page))
    commands = zine_commands()
    assert {name for name, _ in commands} >= {"zine build", "zine import", "zine layouts show"}
    assert missing_from_reference(text, commands) == []
    # The check itself can fail: a reference without a command or an option is caught.
    assert missing_from_reference(text.replace("zine batch", "zine b"), commands)[:1] == ["zine batch"]
    build_options = [(n, c) for n, c in commands if n == "zine build"]
    assert "zine build --creep" in missing_from_reference(text.replace("--creep", "--crept"), build_options)
    first_line = inspect.cleandoc(build_options[0][1].help).splitlines()[0]
    assert missing_from_reference(text.replace(first_line, ""), build_options) == ["zine build: its help text"]


# -- the examples -----------------------------------------------------------------------

@dataclass
class Example:
    where: str  # page:line
    command: str
    expected: list[str]


def console_blocks(text: str) -> list[tuple[int, list[str]]]:
    """The ```console blocks of a Markdown page (indented ones too): (first line number, lines)."""
    blocks, lines = [], text.splitlines()
    i = 0
    while i < len(lines):
        opening = re.fullmatch(r"(\s*)```console\s*", lines[i])
        if not opening:
            i += 1
            continue
        indent, start, body = opening.group(1), i + 2, []
        i += 1
        while i < len(lines) and lines[i].strip() != "```":
            body.append(lines[i][len(indent):] if lines[i].startswith(indent) else lines[i].lstrip())
            i += 1
        blocks.append((start, body))
        i += 1
    return blocks


def examples_on(page: Path) -> list[Example]:
    name = page.relative_to(ROOT).as_posix()
    examples = []
    for start, body in console_blocks(page.read_text("utf-8")):
        if not body or not body[0].startswith("$ "):
            raise AssertionError(f"{name}:{start}: a console block starts with '$ zine ...'")
        for offset, line in enumerate(body):
            if line.startswith("$ "):
                examples.append(Example(f"{name}:{start + offset}", line[2:], []))
            else:
                examples[-1].expected.append(line)
    return examples


def normalised(text: str, workspace: Path) -> list[str]:
    """Output with the scratch folder's path and the timings taken out, line by line."""
    for folder in {str(workspace.resolve()), str(workspace)}:
        text = text.replace(folder + os.sep, "").replace(folder, ".")
    text = re.sub(r"\b\d+(?:\.\d+)? s\b", "N s", text)  # "checked in 4.1 s"
    text = re.sub(r" +\d+\.\d(?=  (?:built|up to date|FAILED))", " N", text)  # zine batch's seconds column
    lines = [line.rstrip() for line in text.splitlines()]
    while lines and not lines[-1]:
        lines.pop()
    return lines


def output_matches(expected: list[str], actual: list[str]) -> bool:
    """Whether output matches what the page shows: a line ``...`` is any lines, ``...`` in a line any text."""
    pattern = "".join(
        r"(?:[^\n]*\n)*?" if line.strip() == "..." else
        r"[^\n]*?".join(re.escape(part) for part in line.split("...")) + r"\n"
        for line in expected
    )
    return re.fullmatch(pattern, "".join(line + "\n" for line in actual)) is not None


# Run in a child process, so that a command that never ends (a server) fails the page after
# PAGE_TIMEOUT instead of hanging the suite; in one child per page, so that Python, zine and
# WeasyPrint start once a page rather than once a command.
RUNNER = """
import json, os, shlex, sys
from click.testing import CliRunner
from zine.cli import main

results = []
for command in json.load(sys.stdin):
    argv = shlex.split(command)
    if argv[0] == "ls":
        names = sorted(n for n in os.listdir(argv[1]) if not n.startswith("."))
        results.append([0, "".join(n + "\\n" for n in names)])
    elif argv[0] == "zine":
        result = CliRunner().invoke(main, argv[1:], prog_name="zine")
        results.append([result.exit_code, result.output])
    else:
        results.append([None, "only 'zine ...' and 'ls FOLDER' can be run from the docs"])
with open(sys.argv[1], "w", encoding="utf-8") as out:
    json.dump(results, out)
"""


def run_shown(commands: list[str], workspace: Path) -> list[tuple[int | None, str]]:
    """Run the commands in order in the workspace: (exit status, what they print) for each."""
    results = workspace / ".results.json"
    subprocess.run([sys.executable, "-c", RUNNER, str(results)], cwd=workspace, check=True,
                   input=json.dumps(commands), text=True, timeout=PAGE_TIMEOUT)
    return [tuple(r) for r in json.loads(results.read_text("utf-8"))]


def test_output_matching_is_strict_outside_its_wildcards():
    assert output_matches(["Wrote a.pdf", "...", "done"], ["Wrote a.pdf", "x", "y", "done"])
    assert output_matches(["from: built-in (...)"], ["from: built-in (/any/where)"])
    assert not output_matches(["Wrote a.pdf"], ["Wrote a.pdf", "and more"])
    assert not output_matches(["Wrote a.pdf (12 pages)"], ["Wrote a.pdf (13 pages)"])
    workspace = Path("/tmp/scratch")
    assert normalised("/tmp/scratch/x.md: checked in 12.5 s\n\n", workspace) == ["x.md: checked in N s"]


def run_page(page: Path, workspace: Path) -> list[tuple[int | None, str]]:
    """A page's commands run in order in a fresh copy of examples/, as a reader would run them."""
    shutil.copytree(ROOT / "examples", workspace / "examples", ignore=shutil.ignore_patterns(".zine-cache"))
    return run_shown([example.command for example in examples_on(page)], workspace)


@pytest.fixture(scope="module")
def page_runs(request, tmp_path_factory) -> dict[Path, tuple[Path, Future]]:
    """The selected pages' commands, run side by side (one page a core): page -> (workspace, results)."""
    pages = [item.callspec.params["page"] for item in request.session.items
             if getattr(item, "originalname", "") == "test_every_example_prints_what_the_page_shows"]
    runs = {}
    with ThreadPoolExecutor(max_workers=max(1, min(len(pages), os.cpu_count() or 1))) as pool:
        for page in pages:
            workspace = tmp_path_factory.mktemp("page")
            runs[page] = (workspace, pool.submit(run_page, page, workspace))
    return runs


@pytest.mark.parametrize("page", [p for p in PAGES if examples_on(p)], ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_example_prints_what_the_page_shows(page, page_runs):
    workspace, results = page_runs[page]
    wrong = []
    for example, (status, output) in zip(examples_on(page), results.result(), strict=True):
        actual = normalised(output, workspace)
        expected = normalised("\n".join(example.expected), workspace)
        shows_error = any(line.lower().startswith("error:") for line in expected)  # zine check: "error: ..."
        if not output_matches(expected, actual) or (status != 0) != shows_error:
            wrong.append(f"{example.where}: $ {example.command}  (exit status {status})\n"
                         "  the page shows:\n" + "".join(f"    {line}\n" for line in expected)
                         + "  it prints:\n" + "".join(f"    {line}\n" for line in actual))
    assert not wrong, "\n".join(wrong)


# -- the code map and the README --------------------------------------------------------

def architecture_layers() -> list[str]:
    """LAYERS as tests/house/test_architecture.py states it (read, not imported: no test imports another)."""
    contract = next(ROOT.glob("tests/**/test_architecture.py"))
    tree = ast.parse(contract.read_text("utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "LAYERS" for t in node.targets):
            return ast.literal_eval(node.value)
    raise AssertionError("tests/house/test_architecture.py has no LAYERS list: update the code map test")


def code_map(page: Path) -> list[str]:
    """The packages named at the start of the lines of the page's first code map block."""
    text = page.read_text("utf-8")
    block = text.split("## The code map", 1)[1].split("```text", 1)[1].split("```", 1)[0]
    return [m.group(1) for m in re.finditer(r"^(zine/\S*)", block, re.M)]


def as_module(path: str) -> str:
    return path.removesuffix("/__init__.py").removesuffix(".py").rstrip("/").replace("/", ".")


def test_the_developers_code_map_follows_the_layers():
    packages = code_map(DOCS / "developers" / "index.md")
    assert [as_module(p) for p in packages] == architecture_layers()


def test_the_readme_is_short_and_keeps_the_install_and_test_commands():
    text = README.read_text("utf-8")
    assert len(text.splitlines()) < 200
    # CI (.ci/run) and a newcomer on a fresh machine run these two exactly.
    assert ("python3 -m venv .venv && .venv/bin/pip install -e '.[test]' && "
            ".venv/bin/zine build examples/library -o library.pdf") in text
    assert "\n.venv/bin/python -m pytest -q\n" in text
    for target in re.findall(r"\]\((docs/[^)#]+)", text):
        assert (ROOT / target).exists(), f"README links to {target}, which does not exist"


def test_the_readme_table_has_every_command():
    """A new command gets a row in the README's table of commands (the reference gets it by itself)."""
    text = README.read_text("utf-8")
    table = text.split("## The commands", 1)[1].split("\n\n", 2)[1]
    listed = set(re.findall(r"^\| `zine ([a-z-]+)", table, re.M))
    top_level = {name.split()[1] for name, _ in zine_commands() if name.count(" ") == 1}
    assert listed == top_level
