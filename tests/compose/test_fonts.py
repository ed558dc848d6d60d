"""Fonts come only from the zine's font packages: Greek, Cyrillic and emoji print the same on any machine."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from click.testing import CliRunner
from helpers.files import write

from zine import pdf as pdf_io
from zine.cli import main
from zine.compose.characters import printed_name, replace_unprintable
from zine.compose.fonts import covered, font_folder, fontconfig_xml
from zine.preflight.checks.glyphs import undrawable_characters

ZINE = [sys.executable, "-c", "from zine.cli import main; main()"]
GREEK, CYRILLIC = "Καλή επιτυχία", "Удачі на зустрічі"
# mini8 sets its text in Lato, which has neither Greek nor Cyrillic.
BUNDLED = ("Lato", "Source-Serif-Pro", "Noto-Sans", "IBM-Plex-Mono", "Anton", "Noto-Emoji")  # Anton: the slab cover


def letters_project(folder: Path) -> Path:
    write(folder / "zine.toml", 'title = "Letters"\ndate = "2026-10-21"\nlayout = "mini8"\n\n'
          '[[contribution]]\narticle = "letters.md"\n')
    write(folder / "letters.md", f"---\ntitle: Letters from abroad\ncomments: letters.comments.yaml\n---\n\n"
          f"Friends wrote «{GREEK}» and **«{CYRILLIC}»** to the meeting 😀 and 👍🏽.\n\n"
          "```\nbus   91\ntram  4\n```\n")
    write(folder / "letters.comments.yaml", '- id: "1"\n  author: Mara\n  text: See you there 🎉\n')
    return folder


def build_with_machine_fonts(project: Path, out: Path, machine_config: Path | None) -> tuple[bytes, str]:
    """Build in a separate process, as on a machine whose fontconfig is ``machine_config``."""
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "FONTCONFIG_FILE")}
    if machine_config:
        env["FONTCONFIG_FILE"] = str(machine_config)
    done = subprocess.run([*ZINE, "build", str(project), "-o", str(out), "--no-impose", "--no-cache"],
                          env=env, capture_output=True, text=True, check=True)
    return out.read_bytes(), done.stderr


@pytest.fixture(scope="module")
def two_machines(tmp_path_factory):
    """The same zine built with this machine's fonts, and on a 'machine' whose only font is
    Source Sans Pro (which has Greek and Cyrillic, so fontconfig would happily use it)."""
    folder = tmp_path_factory.mktemp("fonts")
    project = letters_project(folder / "letters")
    other = write(folder / "fonts.conf", f'<?xml version="1.0"?>\n<fontconfig><dir>{font_folder("Source Sans Pro")}'
                  "</dir></fontconfig>\n")
    here = build_with_machine_fonts(project, folder / "here.pdf", None)
    there = build_with_machine_fonts(project, folder / "there.pdf", other)
    return here, there


def base_names(pdf: bytes) -> set[str]:
    return {font["name"].split("+", 1)[-1] for font in pdf_io.font_facts(pdf)}


def test_no_machine_font_reaches_the_pdf(two_machines):
    (here, _), (there, _) = two_machines
    for pdf in (here, there):
        names = base_names(pdf)
        assert names and all(name.startswith(BUNDLED) for name in names), names
    assert "Noto-Sans" in base_names(here)  # Greek and Cyrillic in Lato text fall back to Noto Sans
    assert "IBM-Plex-Mono" in base_names(here)  # code: the bundled monospace, not the machine's


def test_same_input_same_bytes_whatever_fonts_the_machine_has(two_machines):
    (here, _), (there, _) = two_machines
    assert here == there


def test_greek_cyrillic_and_emoji_print_as_glyphs(two_machines):
    (here, warnings), _ = two_machines
    document = pdfium.PdfDocument(here)
    text = " ".join(" ".join(document[i].get_textpage().get_text_range().split()) for i in range(len(document)))
    text = text.replace("\u2010", "-").replace("- ", "")  # hyphenated line ends
    assert GREEK in text and CYRILLIC in text
    # Emoji are glyphs of the packaged monochrome Noto Emoji, not names in brackets.
    assert "😀" in text and "🎉" in text and "[grinning face]" not in text
    assert "Noto-Emoji" in base_names(here)
    assert undrawable_characters(pdf_io.font_facts(here)) == {}
    assert not [w for w in warnings if "none of the zine's fonts" in w]


def test_fontconfig_configuration_names_no_folder():
    xml = fontconfig_xml(["Lato", "Source Serif Pro"], ["Noto Sans", "IBM Plex Mono"])
    assert "<dir" not in xml and "<include" not in xml
    assert "<alias><family>Lato</family><accept><family>Noto Sans</family></accept></alias>" in xml
    assert "<alias><family>monospace</family><prefer><family>IBM Plex Mono</family></prefer></alias>" in xml


FONTS = covered(["Lato", "Noto Sans"])


@pytest.mark.parametrize("text, printed", [
    ("😀", "[grinning face]"),
    ("👍🏽", "[thumbs up sign]"),  # the skin tone goes with it
    ("❤️", "[heavy black heart]"),  # so does the variation selector
    ("👨\u200d💻", "[man + personal computer]"),
    ("🇬🇧", "[flag GB]"),
])
def test_emoji_sequences_print_as_one_name(text, printed):
    html, replaced = replace_unprintable(f"<body><p>Yes {text} indeed</p></body>", FONTS)
    assert printed_name(text) == printed
    assert replaced == {text: printed}
    assert f">{printed}</span> indeed" in html


def test_an_emoji_typed_again_and_again_is_named_once():
    html, _ = replace_unprintable("<body><p>put off 😫😫 and 👍🏽👍 and 😀🎉</p></body>", FONTS)
    assert ">[tired face ×2]</span> and" in html
    assert ">[thumbs up sign ×2]</span> and" in html  # the skin tone makes no other name
    assert ">[grinning face] [party popper]</span>" in html


def test_names_in_attributes_and_references_carry_no_markup():
    html, replaced = replace_unprintable('<head><title>A 😀</title></head><body><img alt="😀">&#x1F600; Ωμέγα</body>',
                                         FONTS)
    assert '<title>A [grinning face]</title>' in html and 'alt="[grinning face]"' in html
    assert html.count('<span class="char-name"') == 1  # the reference in the text only
    assert "Ωμέγα" in html and replaced == {"😀": "[grinning face]"}


def test_a_font_family_not_installed_is_named_in_zine_toml(tmp_path):
    project = letters_project(tmp_path / "letters")
    config = project / "zine.toml"
    config.write_text(config.read_text(encoding="utf-8").replace('layout = "mini8"', 'layout = "mini8"\n'
                      'fonts = ["Noto Sans Ogham"]'), encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(project), "-o", str(tmp_path / "x.pdf")])
    assert result.exit_code == 1
    assert "zine.toml: fonts: unknown font family 'Noto Sans Ogham'" in result.output
    assert "pip install fontpkg-noto-sans-ogham" in result.output
    assert not (tmp_path / "x.pdf").exists()


def test_a_font_in_the_layout_folder_counts_as_the_zines(tmp_path):
    """A layout's own @font-face file draws what the packages lack (⟦, which Lato, Source Serif
    Pro and Noto Sans have not; Source Sans Pro has); without it, the bracket prints as its name."""
    project = letters_project(tmp_path / "letters")
    (project / "letters.md").write_text("---\ntitle: Done\n---\n\nLeaflets ⟦done⟧\n", encoding="utf-8")
    (project / "letters.comments.yaml").unlink()
    write(project / "layouts" / "own" / "layout.toml", 'extends = "mini8"\ncss = ["own.css"]\n')
    write(project / "layouts" / "own" / "own.css", '@font-face { font-family: "Own"; src: url("fonts/own.ttf"); }\n')
    (project / "layouts" / "own" / "fonts").mkdir()
    (project / "layouts" / "own" / "fonts" / "own.ttf").write_bytes(
        (font_folder("Source Sans Pro") / "SourceSansPro-Regular.ttf").read_bytes())
    for layout, printed in (("mini8", "[mathematical left white square bracket]done"), ("own", "⟦done⟧")):
        out = tmp_path / f"{layout}.pdf"
        result = CliRunner().invoke(main, ["build", str(project), "--layout", layout, "-o", str(out), "--no-impose"])
        assert result.exit_code == 0, result.output
        document = pdfium.PdfDocument(out.read_bytes())
        assert printed in " ".join(document[1].get_textpage().get_text_range().split()), layout
        assert ("is in none of the zine's fonts" in result.output) == (layout == "mini8")
