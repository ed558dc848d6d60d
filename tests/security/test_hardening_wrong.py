"""Wrong output from odd but valid input: each case ends in the right result or one clear error."""

from __future__ import annotations

import io
import os
import subprocess
import sys

import pikepdf
import pypdfium2 as pdfium
from click.testing import CliRunner

from helpers.files import write
from helpers.pdfmaker import pdf_bytes
from zine.cli import main
from zine.impose import ImposeOptions, impose
from zine.importers import import_source

ZINE = [sys.executable, "-c", "from zine.cli import main; main()"]


def _texts(path) -> str:
    doc = pdfium.PdfDocument(path)
    return "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))


def test_pick_top_five_of_a_thread_over_the_comment_limit_builds_those_five(tmp_path):
    root = tmp_path / "proj"
    thread = "".join(f"- author: Reader {n}\n  likes: {n}\n  text: Remark number {n}.\n" for n in range(1, 503))
    write(root / "c.yaml", thread)
    write(root / "a.md", "---\ntitle: Thread\ncomments: c.yaml\n---\nA short article.\n")
    result = CliRunner().invoke(main, ["build", str(root), "--pick", "top:5", "-o", str(tmp_path / "z.pdf"),
                                       "--no-impose"])
    assert result.exit_code == 0, result.output
    texts = _texts(tmp_path / "z.pdf")
    assert all(f"Remark number {n}." in texts for n in range(498, 503))
    assert "Remark number 497." not in texts
    unpicked = CliRunner().invoke(main, ["build", str(root), "-o", str(tmp_path / "y.pdf"), "--no-impose"])
    assert unpicked.exit_code == 1 and "502 comments to print, over the limit of 500" in unpicked.output


def test_a_payload_on_a_used_font_does_not_survive_impose():
    pdf = pikepdf.new()
    script = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)"))
    attachment = pdf.make_stream(b"private notes", Type=pikepdf.Name.EmbeddedFile)
    descriptor = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.FontDescriptor, FontName=pikepdf.Name.Helvetica, Flags=32, Extra=attachment))
    font = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica,
        FontDescriptor=descriptor, AA=pikepdf.Dictionary(O=script), Payload=script))
    page = pikepdf.Dictionary(
        Type=pikepdf.Name.Page, MediaBox=[0, 0, 419.53, 595.28],
        Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font)),
        Contents=pdf.make_stream(b"BT /F1 40 Tf 100 300 Td (Shown) Tj ET"))
    pdf.pages.append(pikepdf.Page(page))
    data = impose(pdf_bytes(pdf), ImposeOptions(scheme="saddle", margin_mm=0)).outputs[""]
    with pikepdf.open(io.BytesIO(data)) as out:
        described = "".join(repr(obj) for obj in out.objects)
        streams = b"".join(obj.read_bytes() for obj in out.objects if isinstance(obj, pikepdf.Stream))
    assert "/JavaScript" not in described and "app.alert" not in described
    assert "/EmbeddedFile" not in described and b"private notes" not in streams
    assert "Shown" in pdfium.PdfDocument(data)[0].get_textpage().get_text_range()


def test_an_output_that_is_a_link_is_refused_and_the_link_kept(tmp_path):
    root = tmp_path / "proj"
    write(root / "a.md", "---\ntitle: Short\n---\nA short article.\n")
    target = tmp_path / "real.pdf"
    target.write_bytes(b"kept")
    link = tmp_path / "out.pdf"
    link.symlink_to(target)  # as /dev/stdout is a link to the terminal or the file it was sent to
    result = subprocess.run([*ZINE, "build", str(root), "-o", str(link), "--no-impose"], capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 1 and "is a symbolic link" in result.stderr, result.stderr
    assert os.path.islink(link) and target.read_bytes() == b"kept"


def test_pasted_comments_numbered_past_9999_stay_apart(tmp_path):
    thread = "".join(f"{n}. Reader{n} says:\n   8 June 2026 at 7:02 pm\n   Remark number {n}.\n   Reply\n"
                     for n in range(9998, 10002))
    source = write(tmp_path / "page.txt", "Keep the launderette\n\nA short article about it.\n\n"
                   "4 Responses to “Keep the launderette”\n\n" + thread + "\nLeave a Reply\n")
    out = tmp_path / "proj"
    import_source(source, out)
    import yaml
    comments = yaml.safe_load(next(out.glob("*.comments.yaml")).read_text())
    assert [c["id"] for c in comments] == ["9998", "9999", "10000", "10001"]
    assert comments[2]["text"].strip() == "Remark number 10000."


def test_a_font_family_with_a_dot_is_an_unknown_family(tmp_path):
    root = tmp_path / "proj"
    write(root / "a.md", "---\ntitle: Short\n---\nA short article.\n")
    write(root / "zine.toml", 'title = "T"\nfonts = ["x.y"]\n[[contribution]]\narticle = "a.md"\n')
    result = CliRunner().invoke(main, ["build", str(root), "-o", str(tmp_path / "z.pdf"), "--no-impose"])
    assert result.exit_code == 1 and "unknown font family 'x.y'" in result.output, result.output
