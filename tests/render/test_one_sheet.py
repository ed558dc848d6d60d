"""One-sheet layouts: which part overflows and how many words to cut; the pamphlet's flap."""

from __future__ import annotations

import re

import pypdfium2
import pytest
from helpers.files import write

from zine.pipeline.build import BuildOptions, build
from zine.core.errors import LayoutError
from helpers.prose import text


def project(folder, paragraphs: int, comments: list[int], extra: str = ""):
    body = "\n\n".join(text(n, 60) for n in range(paragraphs)) + extra
    write(folder / "article.md", f"---\ntitle: Keep the number 9 running\ncomments: comments.yaml\n---\n{body}\n")
    write(folder / "comments.yaml", "".join(f"- author: Reader {n}\n  text: {text(70 + n, length)}\n"
                                            for n, length in enumerate(comments, 1)) or "[]\n")
    write(folder / "zine.toml", 'title = "Keep the number 9 running"\n[[contribution]]\narticle = "article.md"\n')
    return folder


def refusal(folder, layout: str) -> str:
    with pytest.raises(LayoutError) as caught:
        build(folder, BuildOptions(output=folder / "out.pdf", layout=layout, impose=False, cache=False))
    assert not (folder / "out.pdf").exists()
    return caught.value.format_message()


def advised(message: str) -> int:
    return int(re.search(r"cut about (\d+) words", message).group(1))


@pytest.mark.parametrize("layout", ["mini8", "pamphlet"])
def test_a_long_article_is_named_and_the_cut_is_never_more_than_there_is(tmp_path, layout):
    message = refusal(project(tmp_path, 35, [40, 50]), layout)  # 2,100 words of article
    assert "the article runs past the sheet" in message
    assert "the article has 2100, then 2 quoted comments (comment 1 has 40, comment 2 has 50)" in message
    held = int(re.search(r"the text pages hold about (\d+) words", message).group(1))
    assert advised(message) <= 2100 + 90, message  # never more than there is
    # What the sheet holds and what to cut add up to what there is.
    assert abs(held + advised(message) - (2100 + 90)) <= 0.1 * (2100 + 90), message


def test_long_quotes_after_an_article_that_fits_are_named(tmp_path):
    # (a quote may run from panel to panel, so it takes a long one to overflow the sheet)
    message = refusal(project(tmp_path, 2, [700, 30]), "mini8")
    assert "the article fits, the comments quoted after it do not (comment 1 has 700, comment 2 has 30)" in message
    assert 10 <= advised(message) <= 730


def _texts(path) -> list[str]:
    document = pypdfium2.PdfDocument(path)
    try:
        return [" ".join(document[i].get_textpage().get_text_range().split()) for i in range(len(document))]
    finally:
        document.close()


def test_the_pamphlet_prints_what_you_can_do_once_on_the_flap(tmp_path):
    action = "\n\n## What you can do\n\nWrite to the depot and ask for the timetable figures.\n"
    folder = project(tmp_path, 3, [], extra=action)
    out = tmp_path / "p.pdf"
    build(folder, BuildOptions(output=out, layout="pamphlet", impose=False, cache=False))
    texts = _texts(out)
    assert len(texts) == 6
    assert "Write to the depot" in texts[4]  # the flap, page 5
    assert texts[4].count("What you can do") == 1, texts[4]
    assert all("What you can do" not in t for i, t in enumerate(texts) if i != 4)
