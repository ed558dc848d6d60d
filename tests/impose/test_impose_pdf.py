"""The imposed PDF itself: geometry, marks, metadata, determinism, helpers, bad input, CLI."""

from __future__ import annotations

import io
import re

import pikepdf
import pypdfium2 as pdfium
import pytest
from click.testing import CliRunner
from helpers.pdfmaker import A4, A5, A6, A7, encrypted_pdf, labelled_pdf, pdf_bytes, zero_page_pdf

from zine import pdf as zpdf
from zine.cli import main
from zine.core.errors import ImposeError, InputError
from zine.core.paper import MM
from zine.impose import ImposeOptions, impose, plan_for
from helpers.pdfmaker import labels_at

ALL_MARKS = frozenset({"crop", "fold", "cut"})


@pytest.fixture(scope="module")
def booklet() -> bytes:
    return labelled_pdf(12)


def test_a5_pages_sit_at_full_size_on_a4_with_no_margin(booklet):
    imposition = impose(booklet, ImposeOptions(margin_mm=0))
    assert imposition.scale == 1.0 and imposition.sheets == 3
    with pikepdf.open(io.BytesIO(imposition.outputs[""])) as pdf:
        width, height = (float(v) for v in pdf.pages[0].mediabox[2:])
        assert (width, height) == (841.89, 595.28)
        assert [float(v) for v in pdf.pages[0].TrimBox] == pytest.approx([1.415, 0, 840.475, 595.28], abs=0.01)


def test_fit_scales_into_the_safe_margin_and_says_so(booklet):
    imposition = impose(booklet, ImposeOptions(fit=True))
    assert imposition.scale == pytest.approx(0.952, abs=0.001)
    assert "Pages scaled to 95%" in imposition.recipe


def test_with_no_fit_pages_bigger_than_their_cells_are_refused():
    with pytest.raises(ImposeError) as error:
        impose(labelled_pdf(4, A4), ImposeOptions(fit=False), source_name="zine.pdf")
    assert str(error.value.message) == (
        "zine.pdf: 2 pages of 210 x 297 mm do not fit one side of A4 for saddle: leave out --no-fit to "
        "scale them down, or pick a bigger --sheet")


def test_bigger_sheet_holds_pages_with_the_margin(booklet):
    assert impose(booklet, ImposeOptions(sheet="a3")).scale == 1.0


def test_sheet_sizes_are_exact():
    sizes = {name: plan_for([A5], ImposeOptions(sheet=name, fit=True)) for name in
             ("a4", "a3", "letter", "legal", "tabloid")}
    assert {k: (p.height, p.width) for k, p in sizes.items()} == {
        "a4": (595.28, 841.89), "a3": (841.89, 1190.55), "letter": (612.0, 792.0),
        "legal": (612.0, 1008.0), "tabloid": (792.0, 1224.0)}


def test_long_edge_turns_every_back(booklet):
    short = impose(booklet, ImposeOptions(margin_mm=0)).outputs[""]
    long = impose(booklet, ImposeOptions(margin_mm=0, duplex="long")).outputs[""]
    front_short, front_long = labels_at(short, 0), labels_at(long, 0)
    assert front_short == front_long
    back_short, back_long = labels_at(short, 1), labels_at(long, 1)
    assert set(back_short) == set(back_long) == {"P2", "P11"}
    # Turned 180 degrees: the label box mirrors through the sheet centre.
    left, bottom, right, top = back_short["P2"]
    mirrored = back_long["P2"]
    assert mirrored[0] == pytest.approx(841.89 - right, abs=1)
    assert mirrored[1] == pytest.approx(595.28 - top, abs=1)


def test_manual_duplex_writes_fronts_and_backs(booklet):
    imposition = impose(booklet, ImposeOptions(margin_mm=0, duplex="manual"))
    assert set(imposition.outputs) == {"-fronts", "-backs"}
    assert [len(pdfium.PdfDocument(data)) for data in imposition.outputs.values()] == [3, 3]
    assert "-fronts file single-sided" in imposition.recipe and "-backs file" in imposition.recipe
    assert "turned over like the page of a book" in imposition.recipe


def test_recipe_says_sheets_flip_and_fold(booklet):
    recipe = impose(booklet, ImposeOptions(margin_mm=0)).recipe
    assert recipe == "3 sheets of A4, print double-sided, flip on short edge, fold in half, staple on the fold."
    padded = impose(labelled_pdf(10), ImposeOptions(margin_mm=0, duplex="long"))
    assert padded.recipe.splitlines() == [
        "3 sheets of A4, print double-sided, flip on long edge, fold in half, staple on the fold.",
        "2 blank pages added."]
    assert padded.blank_positions == (10, 11)


def test_creep_moves_inner_sheets_toward_the_spine():
    pdf = labelled_pdf(12)
    plain = impose(pdf, ImposeOptions(margin_mm=0)).outputs[""]
    crept = impose(pdf, ImposeOptions(margin_mm=0, creep_mm=1.0)).outputs[""]
    # Sheet 0 (outermost) stays; sheet 2 (innermost, front [P8, P5]) moves 1 mm toward the fold.
    assert labels_at(crept, 0) == labels_at(plain, 0)
    inner_plain, inner_crept = labels_at(plain, 4), labels_at(crept, 4)
    assert inner_crept["P8"][0] - inner_plain["P8"][0] == pytest.approx(MM, abs=0.05)
    assert inner_crept["P5"][0] - inner_plain["P5"][0] == pytest.approx(-MM, abs=0.05)
    middle = labels_at(crept, 2)["P10"][0] - labels_at(plain, 2)["P10"][0]
    assert middle == pytest.approx(MM / 2, abs=0.05)


def test_each_source_page_becomes_one_form_xobject(booklet):
    data = impose(booklet, ImposeOptions(margin_mm=0)).outputs[""]
    with pikepdf.open(io.BytesIO(data)) as pdf:
        forms = {obj.objgen for page in pdf.pages for obj in page.Resources.XObject.values()}
        every = [o for o in pdf.objects if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Form"]
        assert len(forms) == len(every) == 12
        contents = b"".join(page.Contents.read_bytes() for page in pdf.pages)
        assert contents.count(b" cm /P") == 12


def test_output_is_deterministic_and_keeps_metadata(booklet):
    first = impose(booklet, ImposeOptions(margin_mm=0)).outputs[""]
    assert first == impose(booklet, ImposeOptions(margin_mm=0)).outputs[""]
    with pikepdf.open(io.BytesIO(first)) as pdf:
        assert str(pdf.docinfo.Title) == "Test zine" and str(pdf.docinfo.Author) == "Test author"
        assert "/ModDate" not in pdf.docinfo


def test_output_is_about_the_size_of_the_input():
    source = labelled_pdf(64, filler_lines=50)
    output = impose(source, ImposeOptions(margin_mm=0)).outputs[""]
    assert len(output) <= 1.1 * len(source)


def segments_and_pages(data: bytes, page: int = 0):
    """Bounding boxes of the placed pages (form objects) and of the mark strokes (paths)."""
    pdf_page = pdfium.PdfDocument(data)[page]
    forms, paths = [], []
    for obj in pdf_page.get_objects(max_depth=0):
        box = obj.get_bounds()
        (forms if obj.type == pdfium.raw.FPDF_PAGEOBJ_FORM else paths).append(box)
    return forms, paths


def overlaps(a, b, slack: float) -> bool:
    return a[0] < b[2] - slack and b[0] < a[2] - slack and a[1] < b[3] - slack and b[1] < a[3] - slack


@pytest.mark.parametrize("scheme, size, pages", [
    ("saddle", A5, 8), ("quarter", A6, 8), ("mini8", A7, 8), ("trifold", (280, 595), 6)])
def test_marks_stay_off_the_pages(scheme, size, pages):
    data = impose(labelled_pdf(pages, size), ImposeOptions(scheme=scheme, fit=True, marks=ALL_MARKS)).outputs[""]
    forms, paths = segments_and_pages(data)
    assert paths, "marks were asked for"
    for path in paths:
        for form in forms:
            # Cut lines run along the boundary between two cells; they may touch, never enter.
            assert not overlaps(path, form, slack=0.5), (path, form)
    content = b"".join(p.Contents.read_bytes() for p in pikepdf.open(io.BytesIO(data)).pages)
    assert b"0 G 0.5 w" in content  # black, at least 0.3 pt


def test_no_marks_unless_asked(booklet):
    _, paths = segments_and_pages(impose(booklet, ImposeOptions(fit=True)).outputs[""])
    assert paths == []


def test_mini8_cut_line_runs_between_the_quarter_folds():
    plan = plan_for([A7] * 8, ImposeOptions(scheme="mini8", marks=frozenset({"cut"}), margin_mm=0))
    cut, *scissors = plan.sides[0].marks
    assert cut.dashed and (cut.y0, cut.y1) == (595.28 / 2, 595.28 / 2)
    assert (cut.x0, cut.x1) == pytest.approx((841.89 / 4, 841.89 * 3 / 4))
    # The scissors sit where the slit starts, handles before it, blades' tips at its start.
    assert scissors and not any(s.dashed for s in scissors)
    assert max(max(s.x0, s.x1) for s in scissors) == pytest.approx(841.89 / 4)
    assert 841.89 / 4 - 8 * 72 / 25.4 < min(min(s.x0, s.x1) for s in scissors)


def test_trifold_flap_is_2_mm_narrower():
    plan = plan_for([(280, 595)] * 6, ImposeOptions(scheme="trifold", fit=True, marks=frozenset({"fold"})))
    outside = sorted({m.x0 for m in plan.sides[0].marks})
    inside = sorted({m.x0 for m in plan.sides[1].marks})
    width = 841.89
    assert outside[0] == pytest.approx(width - 2 * (width + 2 * MM) / 3)
    assert outside[1] - outside[0] == pytest.approx(outside[0] + 2 * MM)
    assert inside == pytest.approx([width - x for x in reversed(outside)])


# --- helpers for the build pipeline -------------------------------------------------------------

def with_attachment() -> bytes:
    pdf = pikepdf.open(io.BytesIO(labelled_pdf(1)))
    pdf.attachments["secret.txt"] = pikepdf.AttachedFileSpec(pdf, b"hidden", filename="secret.txt")
    spec = pikepdf.AttachedFileSpec(pdf, b"more", filename="note.txt")
    annot = pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.FileAttachment,
                               Rect=[0, 0, 10, 10], FS=spec.obj)
    pdf.pages[0].Annots = pdf.make_indirect(pikepdf.Array([pdf.make_indirect(annot)]))
    return pdf_bytes(pdf)


def test_embedded_files_are_found():
    assert sorted(zpdf.embedded_file_names(with_attachment())) == ["note.txt", "secret.txt"]
    assert zpdf.embedded_file_names(labelled_pdf(1)) == []


def test_page_sizes_and_metadata():
    data = labelled_pdf(3, sizes=[A5, A4, A7])
    assert zpdf.page_sizes(data) == [pytest.approx(A5), pytest.approx(A4), pytest.approx(A7)]
    stamped = zpdf.set_metadata(data, title="Savoy", author="Campaign", subject="Homes", date="2026-03-01")
    opened = pikepdf.open(io.BytesIO(stamped))
    info = opened.docinfo
    assert (str(info.Title), str(info.Author), str(info.Subject)) == ("Savoy", "Campaign", "Homes")
    assert str(info.CreationDate) == "D:20260301000000Z"
    again = zpdf.set_metadata(data, title="Savoy", author="Campaign", subject="Homes", date="2026-03-01")
    assert again == stamped  # same values, same bytes


def test_set_metadata_updates_xmp_and_skips_free_text_dates():
    source = pikepdf.open(io.BytesIO(labelled_pdf(1)))
    with source.open_metadata(set_pikepdf_as_editor=False) as meta:
        meta["dc:title"] = "Old"
    stamped = zpdf.set_metadata(pdf_bytes(source), title="New", author="Ann", date="spring 2026")
    opened = pikepdf.open(io.BytesIO(stamped))
    assert opened.open_metadata()["dc:title"] == "New"
    assert "/CreationDate" not in opened.docinfo
    assert b"MetadataDate" not in opened.Root.Metadata.read_bytes()  # no timestamp sneaks in


# --- bad input ----------------------------------------------------------------------------------

def damaged_stream_pdf() -> bytes:
    """Page 2's content claims to be compressed but is not: qpdf only notices when copying it."""
    pdf = pikepdf.open(io.BytesIO(labelled_pdf(2)))
    pdf.pages[1].Contents = pikepdf.Stream(pdf, b"not compressed at all", Filter=pikepdf.Name.FlateDecode)
    return pdf_bytes(pdf)


def no_kids_pdf() -> bytes:
    """A page tree without its /Kids: qpdf says so, naming the in-memory stream it read."""
    pdf = pikepdf.open(io.BytesIO(labelled_pdf(2)))
    del pdf.Root.Pages["/Kids"]
    return pdf_bytes(pdf)


@pytest.mark.parametrize("data, message", [
    (b"hello, not a pdf", "in.pdf: not a PDF file"),
    (encrypted_pdf(), "in.pdf: the PDF is locked with a password: open it with the password and save "
                      "an unlocked copy first"),
    (zero_page_pdf(), "in.pdf: the PDF has no pages"),
    (b"%PDF-1.7\ngarbage", "in.pdf: not a readable PDF"),
    (no_kids_pdf(), "in.pdf: not a readable PDF (root of pages tree has no /Kids array)"),
    (damaged_stream_pdf(), "in.pdf: the PDF is damaged and cannot be copied"),
])
def test_bad_pdfs_are_refused(data, message):
    with pytest.raises(InputError) as error:
        impose(data, ImposeOptions(fit=True), source_name="in.pdf")
    assert error.value.message.startswith(message)


def test_empty_page_box_is_refused_even_with_fit():
    pdf = pikepdf.open(io.BytesIO(labelled_pdf(2)))
    pdf.pages[1].MediaBox = pikepdf.Array([0, 0, 300, 0])
    with pytest.raises(ImposeError, match=r"in.pdf: page 2 has no area \(106 x 0 mm\): its page box is empty"):
        impose(pdf_bytes(pdf), ImposeOptions(fit=True), source_name="in.pdf")


def test_mixed_sizes_need_fit():
    data = labelled_pdf(4, sizes=[A5, A5, A4, A5])
    with pytest.raises(ImposeError, match="in.pdf: pages differ in size: page 1 is 148 x 210 mm, page 3 is "
                                          "210 x 297 mm; pass --fit to scale each page into the same cell"):
        impose(data, ImposeOptions(margin_mm=0), source_name="in.pdf")
    assert impose(data, ImposeOptions(fit=True)).sheets == 1


@pytest.mark.parametrize("options, message", [
    (ImposeOptions(scheme="mini8", signature=2), "--signature only applies to the saddle scheme, not mini8"),
    (ImposeOptions(scheme="trifold", creep_mm=1), "--creep only applies to schemes with nested sheets"),
    (ImposeOptions(sheet="a5"), "unknown --sheet 'a5': choose one of a4, a3, letter, legal, tabloid"),
    (ImposeOptions(marks=frozenset({"bleed"})), "unknown --marks 'bleed': choose one of crop, fold, cut"),
    (ImposeOptions(creep_mm=float("nan")), "--creep must be between 0 and 20 mm, not nan"),
    (ImposeOptions(margin_mm=50), "--margin must be between 0 and 50 mm, not 50"),
])
def test_bad_options_are_refused(options, message):
    with pytest.raises(ImposeError, match=message.replace("(", r"\(")):
        plan_for([A7] * 4, options)


# --- command line -------------------------------------------------------------------------------

def run(*args):
    return CliRunner().invoke(main, ["impose", *map(str, args)])


def test_cli_writes_output_and_prints_recipe(tmp_path, booklet):
    source = tmp_path / "in.pdf"
    source.write_bytes(booklet)
    result = run(source, "-o", tmp_path / "out.pdf", "--margin", "0", "--marks", "crop,fold")
    assert result.exit_code == 0, result.output
    assert "flip on short edge, fold in half" in result.output
    assert (tmp_path / "out.pdf").read_bytes()[:5] == b"%PDF-"
    result = run(source, "-o", tmp_path / "m.pdf", "--fit", "--duplex", "manual")
    assert result.exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.pdf", "m-backs.pdf", "m-fronts.pdf", "out.pdf"]


@pytest.mark.parametrize("args, message", [
    (["--scheme", "mini8", "--fit"], "in.pdf: 12 pages do not fit the mini8 scheme"),
    (["--scheme", "quarter", "--no-fit"], "in.pdf: 4 pages of 148 x 210 mm do not fit one side of A4"),
])
def test_cli_errors_write_nothing(tmp_path, booklet, args, message):
    source = tmp_path / "in.pdf"
    source.write_bytes(booklet)
    result = run(source, "-o", tmp_path / "out.pdf", *args)
    assert result.exit_code == 1 and f"Error: {tmp_path / message}" in result.output
    assert [p.name for p in tmp_path.iterdir()] == ["in.pdf"]


def test_cli_refuses_to_overwrite_input(tmp_path, booklet):
    source = tmp_path / "in.pdf"
    source.write_bytes(booklet)
    result = run(source, "-o", source, "--margin", "0")
    assert result.exit_code == 1
    assert f"Error: {source}: refusing to write over an input file; choose another output name" in result.output
    assert source.read_bytes() == booklet


def test_cli_missing_file_and_bad_marks(tmp_path):
    result = run(tmp_path / "nope.pdf", "-o", tmp_path / "out.pdf")
    assert result.exit_code == 1 and "nope.pdf: file not found" in result.output
    result = run(tmp_path / "nope.pdf", "-o", tmp_path / "out.pdf", "--marks", "crop,bleed")
    assert result.exit_code == 2 and "unknown mark 'bleed'" in result.output


def odd_boxes_pdf() -> bytes:
    """Page 1 turned by /Rotate 90, page 2 with an offset media box and a trim box: both A5 as seen."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(595.28, 419.53))
    pdf.pages[0].Rotate = 90
    pdf.add_blank_page(page_size=(500, 700))
    pdf.pages[1].MediaBox = pikepdf.Array([-40, -50, 460, 650])
    pdf.pages[1].TrimBox = pikepdf.Array([0, 0, 419.53, 595.28])
    pdf.pages[0].Contents = pdf.make_stream(b"0 0 595.28 419.53 re f")
    pdf.pages[1].Contents = pdf.make_stream(b"0 0 419.53 595.28 re f")
    return pdf_bytes(pdf)


def test_rotated_and_offset_pages_fill_their_cells():
    data = odd_boxes_pdf()
    assert zpdf.page_sizes(data) == [pytest.approx(A5), pytest.approx(A5)]
    out = impose(data, ImposeOptions(margin_mm=0)).outputs[""]
    front_forms, _ = segments_and_pages(out, 0)  # [P2 | P1]
    back_forms, _ = segments_and_pages(out, 1)
    x0 = (841.89 - 2 * 419.53) / 2
    assert front_forms[0] == pytest.approx((x0, 0, x0 + 419.53, 595.28), abs=0.05)  # page 2: trim box
    assert front_forms[1] == pytest.approx((x0 + 419.53, 0, x0 + 839.06, 595.28), abs=0.05)
    assert back_forms == []  # pages 3 and 4 are blanks


def test_cli_help_lists_every_option():
    result = CliRunner().invoke(main, ["impose", "--help"])
    assert result.exit_code == 0
    for option in ("--scheme", "--sheet", "--duplex", "--marks", "--creep", "--signature", "--blanks",
                   "--margin", "--fit / --no-fit"):
        assert option in result.output
