"""Hostile sizes: every command ends quickly and small, built or refused with one clear error.

Each case runs the command line in a child process under an address-space limit and
a timeout, so a regression shows as a failure here rather than a machine out of
memory. Inputs are just over a limit (refusals cost nothing) or scaled down (a
2,000-character word, not 20,000); ``benchmarks/bench_limits.py`` runs the full
sizes and prints time and memory.
"""

from __future__ import annotations

import os
import re
import resource
import stat
import subprocess
import sys
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytest
from PIL import Image

from zine.core import limits
from helpers.bounded import MEMORY, TIMEOUT, ZINE, built, refused, run_bounded


def words(n: int, seed: int = 0) -> str:
    vocabulary = ("rent", "strike", "tenants", "meeting", "council", "hall", "budget", "vote")
    return " ".join(vocabulary[(i * 3 + seed) % len(vocabulary)] for i in range(n))


def project(tmp_path: Path, body: str, title: str = "Limits", toml_extra: str = "",
            comments: str | None = None) -> Path:
    folder = tmp_path / "proj"
    (folder / "images").mkdir(parents=True)
    head = ["---", f'title: "{title}"', "date: 2026-10-14"]
    if comments is not None:
        head.append("comments: comments.yaml")
        (folder / "comments.yaml").write_text(comments, encoding="utf-8")
    (folder / "article.md").write_text("\n".join([*head, "---", "", body, ""]), encoding="utf-8")
    (folder / "zine.toml").write_text(f'title = "Limits"\ndate = "2026-10-20"\n{toml_extra}\n'
                                      '[[contribution]]\narticle = "article.md"\n', encoding="utf-8")
    return folder


def build(folder: Path, *options) -> subprocess.CompletedProcess:
    return run_bounded("build", folder, "-o", folder.parent / "out.pdf", *options, cwd=folder.parent)


def gradient(path: Path, width: int, height: int) -> None:
    Image.linear_gradient("L").resize((width, height)).save(path, compress_level=1)


# --- pictures ------------------------------------------------------------------------------

def test_a_tall_picture_is_halftoned_at_the_size_the_page_holds(tmp_path):
    # 400 x 24000 px: turned for the dot screen it was a 300-million-pixel image.
    folder = project(tmp_path, "![A tall strip](images/tall.png)", toml_extra='images = "halftone"')
    gradient(folder / "images" / "tall.png", 400, 24000)
    built(build(folder, "--no-impose"))
    page_height_px = 210 / 25.4 * 300  # A5 at the 300 ppi pictures are kept at
    with pikepdf.open(tmp_path / "out.pdf") as pdf:
        heights = [int(o.Height) for o in pdf.objects
                   if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == pikepdf.Name.Image]
    assert heights and max(heights) <= page_height_px + 1


def test_a_picture_over_the_pixel_limit_is_refused_naming_it(tmp_path):
    folder = project(tmp_path, "Words.\n\n![A huge picture](images/big.png)")
    gradient(folder / "images" / "big.png", 8000, 8000)  # 64 million: Pillow itself only warned
    error = refused(build(folder), "article.md:8:", "images/big.png", "8,000 x 8,000 px",
                    "over the limit of 60 million by 4 million")
    assert "DecompressionBomb" not in error
    assert not (tmp_path / "out.pdf").exists()


def test_checking_a_picture_leaves_pillow_as_it_was(tmp_path):
    from zine.compose.images import check_image

    folder = project(tmp_path, "![A picture](images/small.png)")
    gradient(folder / "images" / "small.png", 20, 20)
    before = Image.MAX_IMAGE_PIXELS
    check_image("images/small.png", folder / "article.md", folder, "![A picture](images/small.png)", 5)
    assert Image.MAX_IMAGE_PIXELS == before


def unused_hazards(images: Path) -> None:
    (images / "zero.png").symlink_to("/dev/zero")
    os.mkfifo(images / "pipe.png")
    with open(images / "sparse.png", "wb") as stream:
        stream.truncate(2 * 1024 ** 3)  # two gigabytes of nothing, costing no disk


def test_pictures_the_build_does_not_use_are_never_read(tmp_path):
    folder = project(tmp_path, "Words before.\n\n![A picture](images/used.png)\n\nWords after.")
    gradient(folder / "images" / "used.png", 300, 200)
    unused_hazards(folder / "images")
    built(build(folder, "--no-impose"))
    again = build(folder, "--no-impose")
    assert again.returncode == 0 and "up to date" in again.stdout.lower(), again.stdout


def test_check_ignores_devices_pipes_and_huge_files_among_the_pictures(tmp_path):
    folder = project(tmp_path, words(120))
    unused_hazards(folder / "images")
    result = run_bounded("check", folder, cwd=tmp_path)
    # 120 plain words make a zine with nothing wrong but its white space (a short text leaves
    # the cover and the back mostly empty): a hazard read, or a picture finding, would show here.
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 pages on 1 sheet of A4" in result.stdout and "0 errors" in result.stdout, result.stdout
    findings = [line for line in result.stdout.splitlines() if line.startswith(("error:", "warning:"))]
    assert findings and all(": empty area: " in line for line in findings), result.stdout
    assert result.stderr == "", result.stderr


@pytest.mark.parametrize("kind", ["pipe", "device"])
def test_a_picture_that_is_not_a_regular_file_is_refused(tmp_path, kind):
    folder = project(tmp_path, "![A picture](images/odd.png)")
    odd = folder / "images" / "odd.png"
    if kind == "pipe":
        os.mkfifo(odd)
    elif os.getuid() == 0:
        os.mknod(odd, 0o600 | stat.S_IFCHR, os.makedev(1, 5))  # a /dev/zero inside the project
    else:
        pytest.skip("making a device needs root")
    refused(build(folder), "article.md:6:", "images/odd.png", "not a regular file")


# --- text ----------------------------------------------------------------------------------

def test_a_very_long_word_is_set_whole(tmp_path):
    word = "".join(chr(ord("a") + (i * 7) % 26) for i in range(6000))  # 2,000 letters took 45 s, 4,000 over 4 min
    folder = project(tmp_path, f"{words(30)} {word} {words(30)}")
    built(build(folder, "--no-impose"))
    document = pdfium.PdfDocument(tmp_path / "out.pdf")
    text = "".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    letters = re.sub(r"[^a-z]", "", text)  # no line ends, hyphens, running heads (capitals) or folios
    assert word in letters


def test_an_overlong_title_is_refused_with_the_limit(tmp_path):
    folder = project(tmp_path, words(50), title=words(400)[:2000])
    refused(build(folder), "article.md:2:", "2,000 characters in 'title', over the limit of 300 by 1,700")


def test_importing_a_page_whose_first_line_is_a_paragraph_gives_a_title_that_builds(tmp_path):
    first = words(400)[:2000] + "."
    (tmp_path / "page.txt").write_text(f"{first}\n\n{words(200)}\n\n{words(150, 1)}\n", encoding="utf-8")
    imported = run_bounded("import", "page.txt", "-o", "site", "--allow-no-comments", cwd=tmp_path)
    assert imported.returncode == 0, imported.stderr
    assert "over the limit of 300" in imported.stdout
    article = next((tmp_path / "site").glob("*.md")).read_text(encoding="utf-8")
    title = re.search(r"^title: (.*)$", article, re.M).group(1)
    assert len(title) <= limits.TITLE_CHARS and first in article
    built(build(tmp_path / "site", "--no-impose"))


def footnoted(n: int) -> str:
    calls = "\n\n".join(" ".join(f"{words(6, i)}.[^{i}]" for i in range(k, min(k + 5, n + 1)))
                        for k in range(1, n + 1, 5))
    return calls + "\n\n" + "\n".join(f"[^{i}]: {words(4, i)}." for i in range(1, n + 1))


def test_too_many_footnotes_are_refused_at_the_line_passing_the_limit(tmp_path):
    n = limits.FOOTNOTES + 1
    folder = project(tmp_path, footnoted(n))
    article = (folder / "article.md").read_text(encoding="utf-8").split("\n")
    line = article.index(f"[^{n}]: {words(4, n)}.") + 1
    refused(build(folder), f"article.md:{line}:", f"{n:,} footnotes, over the limit of {limits.FOOTNOTES} by 1")


def test_too_many_links_are_refused(tmp_path):
    n = limits.LINKS + 1
    folder = project(tmp_path, "\n\n".join(f"See [this](https://example.org/{i})." for i in range(n)))
    refused(build(folder), "article.md:", f"{n} links, over the limit of {limits.LINKS} by 1")


def test_too_many_comments_to_print_are_refused_and_a_pick_makes_it_fit(tmp_path):
    n = limits.COMMENTS + 20
    thread = "".join(f"- author: Reader {i}\n  text: {words(12, i)}\n" for i in range(n))
    folder = project(tmp_path, words(80), comments=thread)
    refused(build(folder), "comments.yaml:", f"{n} comments to print, over the limit of {limits.COMMENTS} by 20",
            "'pick'")
    text = (folder / "article.md").read_text(encoding="utf-8")
    (folder / "article.md").write_text(text.replace("comments: comments.yaml", 'comments: comments.yaml\n'
                                                    'pick: ["1", "2"]'), encoding="utf-8")
    built(build(folder, "--no-impose"))


def test_a_giant_paragraph_is_refused_at_its_line(tmp_path):
    paragraph = words(limits.BLOCK_CHARS // 4)
    folder = project(tmp_path, f"{words(20)}\n\n- a list item\n- another\n\n{paragraph}")
    refused(build(folder), "article.md:11:", f"{len(paragraph):,} characters in one paragraph, "
            f"over the limit of {limits.BLOCK_CHARS:,}", "blank line")


def test_an_article_longer_than_the_word_limit_is_refused(tmp_path):
    paragraphs = "\n\n".join(words(100, i) for i in range(limits.ARTICLE_WORDS // 100 + 1))
    folder = project(tmp_path, paragraphs)
    refused(build(folder), "article.md:", f"{limits.ARTICLE_WORDS + 100:,} words, over the limit of "
            f"{limits.ARTICLE_WORDS:,} by 100")


# --- PDFs: impose, preview, check ----------------------------------------------------------

def blank_pdf(path: Path, pages: int, size: float = 420) -> Path:
    pdf = pikepdf.new()
    for _ in range(pages):
        pdf.add_blank_page(page_size=(size, size))
    pdf.save(path)
    return path


@pytest.mark.parametrize("special", ["/dev/zero", "pipe"])
def test_impose_refuses_what_is_not_a_regular_file(tmp_path, special):
    source = special
    if special == "pipe":
        source = tmp_path / "in.pdf"
        os.mkfifo(source)
    result = run_bounded("impose", source, "-o", tmp_path / "out.pdf", cwd=tmp_path)
    refused(result, str(source), "not a regular file")
    assert not (tmp_path / "out.pdf").exists()


def test_import_refuses_a_pipe(tmp_path):
    os.mkfifo(tmp_path / "export.xml")
    refused(run_bounded("import", "export.xml", "-o", "site", cwd=tmp_path), "export.xml", "not a regular file")
    assert not (tmp_path / "site").exists()


def test_impose_refuses_a_file_over_the_size_limit(tmp_path):
    source = tmp_path / "huge.pdf"
    with open(source, "wb") as stream:
        stream.truncate(limits.PDF_FILE_BYTES + limits.MB)
    refused(run_bounded("impose", source, "-o", tmp_path / "out.pdf", cwd=tmp_path),
            "huge.pdf", "the file is 257 MB, over the limit of 256 MB by 1 MB")


def test_preview_refuses_pages_too_big_to_render(tmp_path):
    source = blank_pdf(tmp_path / "huge.pdf", 2, 14400)  # the largest page PDF allows: 5 m square
    result = run_bounded("preview", source, "-o", tmp_path / "preview", cwd=tmp_path)
    refused(result, "huge.pdf", "page 1 is 5,080 x 5,080 mm", "96 dpi", "over the limit of 40 million")
    assert not any((tmp_path / "preview").glob("*.png"))


@pytest.mark.parametrize("command", ["check", "preview"])
def test_check_and_preview_refuse_more_pages_than_the_limit(tmp_path, command):
    source = blank_pdf(tmp_path / "many.pdf", limits.PAGES + 1)
    args = [command, source] + (["-o", tmp_path / "preview"] if command == "preview" else [])
    refused(run_bounded(*args, cwd=tmp_path), "many.pdf",
            f"{limits.PAGES + 1} pages, over the limit of {limits.PAGES} by 1")


@pytest.mark.parametrize("kind", ["zine.toml", "folder"])
def test_a_zine_of_too_many_contributions_is_refused_before_any_is_read(tmp_path, kind):
    folder = tmp_path / "many"
    folder.mkdir()
    count = limits.CONTRIBUTIONS + 1
    if kind == "zine.toml":
        entries = "".join(f'[[contribution]]\narticle = "a{n}.md"\n\n' for n in range(count))
        (folder / "zine.toml").write_text('title = "Many"\n\n' + entries, encoding="utf-8")
        said = ("zine.toml", f"{count:,} contributions, over the limit of {limits.CONTRIBUTIONS:,} by 1")
    else:
        for n in range(count):
            (folder / f"a{n}.md").write_text(f"---\ntitle: A{n}\n---\nText.\n", encoding="utf-8")
        said = (f"{count:,} articles, over the limit of {limits.CONTRIBUTIONS:,} by 1", "zine batch")
    refused(build(folder), *said)
    assert not (tmp_path / "out.pdf").exists()


# --- a layout that came with the project ---------------------------------------------------

@pytest.mark.parametrize("name, padding", [("own.css", "/* padding */\n"), ("zine.html", "{# padding #}\n")])
def test_a_layout_file_over_the_limit_is_refused_before_it_is_read(tmp_path, name, padding):
    folder = project(tmp_path, words(40), toml_extra='layout = "own"')
    layout = folder / "layouts" / "own"
    layout.mkdir(parents=True)
    (layout / "layout.toml").write_text('extends = "a5-booklet"\ncss = ["own.css"]\n', encoding="utf-8")
    (layout / "own.css").write_text(".cover { color: black; }\n", encoding="utf-8")
    head = '{% extends "!a5-booklet/zine.html" %}\n' if name == "zine.html" else ""
    (layout / name).write_text(head + padding * (limits.LAYOUT_FILE_BYTES // len(padding) + 1), encoding="utf-8")
    refused(build(folder), f"layouts/own/{name}", "over the limit of 1 MB")
    assert not (folder.parent / "out.pdf").exists()
