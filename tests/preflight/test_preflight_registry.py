"""Checks register with a stable code: one registry, ``zine check --json`` prints the code.

A new check is one module in ``zine/preflight/checks/``: here a module written in a
temporary folder is put on the package's path, found like a built-in one, and its
findings come out of ``zine check --json`` with its code.
"""

from __future__ import annotations

import json
import sys
import textwrap

import pytest
from click.testing import CliRunner
from helpers.pdfmaker import labelled_pdf

import zine.preflight.checks as checks_package
from zine.cli import main
from zine.preflight.checks import registry

NEW_CHECK = '''
from zine.preflight.checks.registry import Pages, register
from zine.preflight.checks.report import WARNING, Finding


@register("page-count", "a zine whose page count is odd", order=95)
def page_count(pages: Pages) -> list[Finding]:
    if len(pages.scans) % 2:
        return [Finding(WARNING, "page-count", f"{len(pages.scans)} pages: an odd count leaves a blank")]
    return []
'''


@pytest.fixture
def fresh_registry(monkeypatch):
    """The registry as it is, restored afterwards; discovery runs again."""
    monkeypatch.setattr(registry, "_REGISTERED", dict(registry.all_checks()))
    registry._discover.cache_clear()
    yield registry
    sys.modules.pop("zine.preflight.checks.pagecount", None)
    registry._discover.cache_clear()


def check_json(tmp_path, pdf: bytes) -> dict:
    path = tmp_path / "in.pdf"
    path.write_bytes(pdf)
    result = CliRunner().invoke(main, ["check", str(path), "--json"])
    return json.loads(result.output)


def test_zine_check_json_prints_each_findings_code(tmp_path):
    data = check_json(tmp_path, labelled_pdf(2, frame=True))  # a frame 3 pt inside every page edge
    edge = [f for f in data["findings"] if f["code"] == "edge-ink"]
    assert {f["page"] for f in edge} == {1, 2}
    assert all(f["code"] in registry.codes() for f in data["findings"])


def test_the_registry_names_the_codes_the_issue_promises():
    codes = registry.codes()
    for code in ("edge-ink", "fold-ink", "cut-ink", "missing-glyph", "low-dpi", "small-type", "colour", "no-font"):
        assert codes[code]  # each with a line saying what it finds
    for check in registry.all_checks().values():  # a code a check may also make is registered too
        assert set(check.also) <= set(codes), check.code


def test_a_new_check_is_one_module_found_in_the_package(tmp_path, monkeypatch, fresh_registry):
    folder = tmp_path / "more"
    folder.mkdir()
    (folder / "pagecount.py").write_text(textwrap.dedent(NEW_CHECK), encoding="utf-8")
    monkeypatch.setattr(checks_package, "__path__", [*checks_package.__path__, str(folder)])
    monkeypatch.delitem(sys.modules, "zine.preflight.checks.pagecount", raising=False)
    data = check_json(tmp_path, labelled_pdf(3))
    found = [f for f in data["findings"] if f["code"] == "page-count"]
    assert [f["message"] for f in found] == ["3 pages: an odd count leaves a blank"]
    assert "page-count" in registry.codes()
    assert "page-count" not in {f["code"] for f in check_json(tmp_path, labelled_pdf(4))["findings"]}


def test_a_finding_with_a_code_its_check_did_not_register_is_refused(fresh_registry, tmp_path):
    @registry.register("sloppy", "a check that makes findings under another code", order=96)
    def sloppy(pages):
        from zine.preflight.checks.report import WARNING, Finding
        return [Finding(WARNING, "something-else", "oops")]

    path = tmp_path / "in.pdf"
    path.write_bytes(labelled_pdf(1))
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 1
    assert "check 'sloppy' made findings with codes it did not register: ['something-else']" in result.output


@pytest.mark.parametrize("code", ["Edge", "edge ink", "-edge", ""])
def test_a_code_is_lower_case_words_joined_by_hyphens(code):
    with pytest.raises(ValueError, match="lower-case words"):
        registry.register(code, "bad")(lambda pages: [])


def test_a_code_registered_twice_is_refused(fresh_registry):
    with pytest.raises(ValueError, match="registered twice"):
        registry.register("edge-ink", "another edge check", on=registry.SIDES)(lambda side: [])
