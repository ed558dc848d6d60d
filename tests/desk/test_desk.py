"""The desk (`zine serve`) driven in a real headless Chromium, and `zine watch` in a terminal.

One desk serves a copy of the bundled flyer for the whole module; the tests run in order
and each leaves the project as the next expects. What the desk wrote is read back from
the files on disk and what it printed from the PDFs it offers for download.

    ZINE_REFRESH_SCREENSHOT=1 python -m pytest tests/desk/test_desk.py   # refresh docs/img/desk.png
"""

from __future__ import annotations

import hashlib
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pypdfium2 as pdfium
import pytest
from helpers.paths import ROOT

ROOT = ROOT
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
ZINE = Path(sys.executable).with_name("zine")
WAIT = 60  # seconds any one rebuild may take on a loaded machine


MORE_TEXT = """
## Why the meeting matters

The consultation asks three questions and leaves room for a paragraph of your own. That paragraph
is the one the council reads most closely, because it is the only place where a neighbour can say
what the branch does that no form asks about: the warm room in January, the printer that works, the
table where a child does homework because there is no table at home.

Bring what you wrote to the meeting. We will read a few out, with your permission, and send every
one of them on with our response.

The branch has opened six days a week since the library was built with money the east side raised.
Closing it would save less than the council spends each year on consultants' reports about closing it.

If you cannot come, write to the cabinet member before the consultation closes, and tell us you did.
"""


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("desk") / "flyer"
    shutil.copytree(ROOT / "examples" / "flyer", target, ignore=shutil.ignore_patterns(".zine-cache"))
    with (target / "article.md").open("a", encoding="utf-8") as article:
        article.write(MORE_TEXT)  # five A5 pages on two sheets, which mini8 folds into one
    return target


@pytest.fixture(scope="module")
def desk(project):
    """`zine serve` on the copy, on a free port: its address."""
    process = subprocess.Popen([str(ZINE), "serve", str(project), "--port", "0"], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    line = process.stdout.readline()
    found = re.search(r"(http://127\.0\.0\.1:\d+)/", line)
    assert found, line + process.stderr.read()
    url = found.group(1)
    try:
        wait_for(url, lambda state: state.get("pages") and state["checks"] is not None)
        yield url
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            pytest.fail("zine serve did not stop on Ctrl-C")


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (.ci/run installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def page(browser, desk):
    tab = browser.new_page(viewport={"width": 1440, "height": 1180})
    tab.goto(desk + "/")
    tab.wait_for_selector("#pages img[data-page='1']")
    yield tab
    tab.close()


def state_of(url: str) -> dict:
    return httpx.get(url + "/state", timeout=10).json()


def wait_for(url: str, ready, timeout: float = WAIT) -> dict:
    """The desk's state once ``ready(state)`` holds (and no build is running)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = state_of(url)
        if not state["building"] and ready(state):
            return state
        time.sleep(0.1)
    raise AssertionError(f"the desk never got there: {state}")


def shown_pages(page) -> list[str]:
    return page.eval_on_selector_all("#pages img", "imgs => imgs.map(i => i.getAttribute('src'))")


def wait_for_new_pages(page, before: list[str]) -> list[str]:
    page.wait_for_function("before => { const now = [...document.querySelectorAll('#pages img')]"
                           ".map(i => i.getAttribute('src')); return now.join() !== before.join() "
                           "&& document.body.dataset.building === 'no'; }", arg=before, timeout=WAIT * 1000)
    page.wait_for_function("() => [...document.querySelectorAll('#pages img')].every(i => i.complete && i.naturalWidth)")
    return shown_pages(page)


def reading_text(url: str, state: dict) -> str:
    """The text of the reading PDF the desk offers now."""
    data = httpx.get(url + state["downloads"][0]["href"], timeout=10).content
    document = pdfium.PdfDocument(data)
    try:
        return " ".join(" ".join(document[i].get_textpage().get_text_range().split()) for i in range(len(document)))
    finally:
        document.close()


def changed_lines(before: str, after: str) -> list[tuple[str, str]]:
    old, new = before.split("\n"), after.split("\n")
    assert len(old) == len(new), "lines were added or removed"
    return [(a, b) for a, b in zip(old, new) if a != b]


def digests(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and ".zine-cache" not in p.parts}


def test_the_desk_shows_page_one_and_the_sheets(page, desk):
    state = state_of(desk)
    first = page.locator("#pages img[data-page='1']")
    assert first.evaluate("img => img.complete && img.naturalWidth > 100")
    assert page.locator("#pages img").count() == len(state["pages"]) == 5
    assert "SAVE" in reading_text(desk, state)[:200].upper()
    assert page.locator("#sheet-count").get_attribute("data-sheets") == "2"
    assert page.locator("#sheets img").count() == 4  # two sheets, front and back
    assert "print double-sided" in page.locator("#recipe").inner_text()
    assert page.locator("a", has_text="Print PDF").count() == 1
    shot = ROOT / "docs" / "img" / "desk.png" if os.environ.get("ZINE_REFRESH_SCREENSHOT") else None
    png = page.screenshot(path=shot)
    assert len(png) > 20_000  # a page of pictures, not a blank window


def test_ticking_a_comment_picks_it_in_the_article(page, desk, project):
    article = project / "article.md"
    before_text, before_pages = article.read_text("utf-8"), shown_pages(page)
    assert "save you a seat" not in reading_text(desk, state_of(desk))
    page.check("input[data-comment='2.1']")
    after_pages = wait_for_new_pages(page, before_pages)
    assert changed_lines(before_text, article.read_text("utf-8")) == [
        ('pick: ["1", "2"]', 'pick: ["1", "2", "2.1"]')]
    state = wait_for(desk, lambda s: s["contributions"][0]["comments"][1]["replies"][0]["picked"])
    assert "save you a seat at the front, Bill" in reading_text(desk, state)
    assert after_pages != before_pages
    assert page.is_checked("input[data-thread='2']")


def test_switching_layout_to_mini8_changes_the_sheet_count(page, desk, project):
    config = project / "zine.toml"
    before = config.read_text("utf-8")
    assert page.locator("#sheet-count").get_attribute("data-sheets") == "2"
    page.select_option("select[name='layout']", "mini8")
    page.wait_for_function("() => document.querySelector('#sheet-count').dataset.sheets === '1'",
                           timeout=WAIT * 1000)
    after = config.read_text("utf-8")
    added = [line for line in after.split("\n") if line not in before.split("\n")]
    assert added == ['layout = "mini8"']
    assert after.replace('layout = "mini8"\n', "") == before  # nothing else moved
    assert page.locator("#sheets img").count() == 1  # mini8: one side of one sheet
    assert "mini8" in state_of(desk)["recipe"] or "cut" in state_of(desk)["recipe"]


def test_unticking_a_thread_leaves_it_out(page, desk, project):
    article = project / "article.md"
    before_text, before_pages = article.read_text("utf-8"), shown_pages(page)
    page.uncheck("input[data-thread='2']")
    wait_for_new_pages(page, before_pages)
    assert changed_lines(before_text, article.read_text("utf-8")) == [
        ('pick: ["1", "2", "2.1"]', 'pick: ["1"]')]
    text = reading_text(desk, state_of(desk))
    assert "double buggy" in text and "Seventy-seven" not in text and "save you a seat" not in text
    assert not page.is_checked("input[data-comment='2']")


def test_saving_the_article_updates_the_page_without_a_reload(page, desk, project):
    article = project / "article.md"
    page.evaluate("window.stillHere = 'yes'")
    before = shown_pages(page)
    text = article.read_text("utf-8").replace("Tea, coffee and squash are free;",
                                              "Tea, coffee, squash and flapjacks are free;")
    article.write_text(text, "utf-8")
    wait_for_new_pages(page, before)
    assert page.evaluate("window.stillHere") == "yes"
    assert "squash and flapjacks" in reading_text(desk, state_of(desk))


def test_a_burst_of_saves_is_one_rebuild(page, desk, project):
    before = state_of(desk)
    article = project / "article.md"
    text = article.read_text("utf-8")
    for n in range(1, 6):  # an editor's "save all", or a quick series of saves
        article.write_text(text.replace("Tea, coffee", f"Tea ({n}), coffee"), "utf-8")
    state = wait_for(desk, lambda s: s["version"] > before["version"] and s["checks"] is not None)
    assert state["builds"] == before["builds"] + 1
    assert "Tea (5)" in reading_text(desk, state)  # the last save is the one built


def test_a_broken_zine_toml_shows_the_error_and_keeps_the_pages(page, desk, project, tmp_path):
    config = project / "zine.toml"
    good = config.read_text("utf-8")
    before = shown_pages(page)
    config.write_text(good.replace('title = "Save Sorrel Lane Library"', 'title = "Save Sorrel Lane'), "utf-8")
    try:
        page.wait_for_selector("#error:not([hidden])", timeout=WAIT * 1000)
        shown = page.locator("#error").inner_text()
        cli = subprocess.run([str(ZINE), "build", str(project), "-o", str(tmp_path / "x.pdf")],
                             capture_output=True, text=True)
        assert cli.returncode == 1 and shown == cli.stderr.strip()
        assert shown.startswith(f"Error: {config}:1:")
        assert shown_pages(page) == before
        assert page.locator("#pages img").count() == len(before)
    finally:
        config.write_text(good, "utf-8")
    page.wait_for_selector("#error", state="hidden", timeout=WAIT * 1000)


def test_foreign_origin_or_host_gets_403_and_writes_nothing(desk, project):
    before = digests(project)
    port = desk.rsplit(":", 1)[1]
    change = {"key": "layout", "value": "a5-booklet"}
    tries = [
        httpx.post(desk + "/switch", json=change, headers={"Origin": "http://evil.example"}),
        httpx.post(desk + "/switch", json=change, headers={"Host": f"evil.example:{port}",
                                                           "Origin": f"http://evil.example:{port}"}),
        httpx.post(desk + "/pick", json={"contribution": 0, "id": "2", "on": True}),  # no Origin: not the page
        httpx.get(desk + "/state", headers={"Host": f"rebound.example:{port}"}),
        httpx.get(desk + "/download/flyer.pdf", headers={"Origin": "http://evil.example"}),
    ]
    assert [r.status_code for r in tries] == [403] * len(tries)
    own_origin = {"Origin": desk}
    refused = [httpx.post(desk + "/switch", json={"key": "layout", "value": "../../elsewhere"}, headers=own_origin),
               httpx.post(desk + "/switch", json={"key": "title", "value": "Hacked"}, headers=own_origin),
               httpx.post(desk + "/switch", content=b'{"key": "fill"}', headers={**own_origin,
                                                                                 "content-type": "text/plain"})]
    assert [r.status_code for r in refused] == [409, 409, 403]  # only the switcher's keys and values
    time.sleep(0.5)
    assert digests(project) == before
    own = httpx.get(desk + "/download/../zine.toml")
    assert own.status_code == 404  # a path from the request is never served


def test_pick_the_top_n_most_liked(page, desk, project):
    article = project / "article.md"
    before_text, before_pages = article.read_text("utf-8"), shown_pages(page)
    page.fill(".top input", "2")  # the pick is ["1"] now: Joanne's comment only
    page.click("text=Pick the top")
    wait_for_new_pages(page, before_pages)
    assert [new for _, new in changed_lines(before_text, article.read_text("utf-8"))] == ['pick: ["top:2"]']
    text = reading_text(desk, state_of(desk))
    assert "double buggy" in text and "Seventy-seven" in text  # 6 and 4 likes
    assert "save you a seat" not in text  # Hannah's 2


def test_zine_watch_rebuilds_on_save(tmp_path):
    project = tmp_path / "flyer"
    shutil.copytree(ROOT / "examples" / "flyer", project)
    out = tmp_path / "out" / "flyer.pdf"
    out.parent.mkdir()
    process = subprocess.Popen([str(ZINE), "watch", str(project), "-o", str(out)], stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    try:
        lines = queue.Queue()
        threading.Thread(target=lambda: [lines.put(line) for line in process.stdout], daemon=True).start()
        reading = f"Wrote {out} ("  # the first line of each build's report

        def next_build() -> None:
            while not lines.get(timeout=WAIT).startswith(reading):
                pass

        next_build()
        first = out.read_bytes()
        article = project / "article.md"
        article.write_text(article.read_text("utf-8").replace("Tea, coffee", "Tea, cake"), "utf-8")
        next_build()
        assert out.read_bytes() != first
        document = pdfium.PdfDocument(out)
        assert any("cake" in document[i].get_textpage().get_text_range() for i in range(len(document)))
        document.close()
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(15)


def test_zine_help_lists_serve_and_watch():
    # That --help loads none of the desk's libraries is held by tests/cli/test_cli.py.
    shown = subprocess.run([str(ZINE), "--help"], capture_output=True, text=True).stdout
    assert "serve" in shown and "watch" in shown


def test_a_pick_set_in_zine_toml_is_changed_there_and_nowhere_else(project_copy):
    from zine.desk import edits, picks
    from zine.project.comments import load_comments
    from zine.project.load import load_project

    root = project_copy("library")
    config, article = root / "zine.toml", root / "article.md"
    before, article_before = config.read_text("utf-8"), article.read_bytes()
    project = load_project(root)
    comments = load_comments(project.contributions[0].comments_path)
    new = picks.tick(comments, edits.current_pick(project, 0), "6.1", True)
    assert edits.write_pick(project, 0, new) == config
    assert changed_lines(before, config.read_text("utf-8")) == [
        ('pick = ["1", "1.1", "2", "2.1", "3", "4", "5", "6", "6.1.1", "7"]',
         'pick = ["1", "1.1", "2", "2.1", "3", "4", "5", "6", "6.1", "6.1.1", "7"]')]
    assert article.read_bytes() == article_before
    printed = [c.comment.id for c in load_project(root).contributions[0].comments]
    assert printed == ["1", "2", "3", "4", "5", "6", "7"]  # top level; 6.1 and 6.1.1 now print under 6
    assert [c.comment.id for c in load_project(root).contributions[0].comments[5].children] == ["6.1"]


def test_sheet_in_zine_toml_sets_the_paper(project_copy, tmp_path):
    from zine.core.errors import InputError
    from zine.pipeline.build import BuildOptions, build

    root = project_copy("flyer")
    config = root / "zine.toml"
    text = config.read_text("utf-8")
    config.write_text('sheet = "letter"\n' + text, "utf-8")
    result = build(root, BuildOptions(output=tmp_path / "flyer.pdf"))
    document = pdfium.PdfDocument(result.print_pdfs[0])
    assert sorted(round(v) for v in document[0].get_size()) == [612, 792]  # US Letter, in points
    document.close()
    config.write_text('sheet = "a9"\n' + text, "utf-8")
    with pytest.raises(InputError, match=r"zine.toml:1: 'sheet' must be one of a4, a3, letter"):
        build(root, BuildOptions(output=tmp_path / "again.pdf"))


def test_a_block_list_pick_keeps_its_style_and_the_lines_around_it(project_copy):
    from zine.desk import edits
    from zine.project.load import load_project

    root = project_copy("flyer")
    article = root / "article.md"
    block = "pick:\n    - '1'\n    - '2'\n# the rest of the thread later\ntags:\n  - library\n  - meeting"
    before = article.read_text("utf-8").replace('pick: ["1", "2"]', block)
    article.write_text(before, "utf-8")
    edits.write_pick(load_project(root), 0, ["1", "2", "2.1"])
    after = article.read_text("utf-8")
    assert after == before.replace("    - '2'\n", "    - '2'\n    - '2.1'\n")
    assert [c.comment.id for c in load_project(root).contributions[0].comments[1].children] == ["2.1"]
