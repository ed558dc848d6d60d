"""The tests' own house rules: grouped as the packages are, sharing code only through
``tests/helpers/``, never by importing one another (or conftest)."""

from __future__ import annotations

import ast

from helpers.paths import ROOT, TESTS


def imported_test_modules(source: str) -> list[str]:
    """The test modules (and conftest) a test file imports."""
    names = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.append(node.module)
    return [name for name in names if name.split(".")[0].startswith("test_") or name == "conftest"]


def test_no_test_module_imports_another():
    offenders = {path.relative_to(TESTS).as_posix(): found for path in TESTS.rglob("*.py")
                 if (found := imported_test_modules(path.read_text("utf-8")))}
    assert offenders == {}
    assert imported_test_modules("from test_limits import refused\nimport conftest") == ["test_limits", "conftest"]


def test_test_files_sit_in_a_folder_named_for_what_they_test():
    packages = {p.name for p in (ROOT / "zine").iterdir() if (p / "__init__.py").exists()}
    folders = {p.parent.name for p in TESTS.rglob("test_*.py")}
    # Each folder is a package of zine's, or one of the three that span them.
    assert folders - packages <= {"security", "house", "cli"}, folders - packages
    assert not list(TESTS.glob("test_*.py")), "a test file at the top of tests/: put it with its package"
