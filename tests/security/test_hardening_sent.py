"""A project folder someone sent is untrusted: its planted links, forged caches, ledgers and
manifests never make zine write, delete or print anything it should not."""

from __future__ import annotations

import json
import os

import pypdfium2 as pdfium
import pytest
from click.testing import CliRunner
from PIL import Image

from helpers.files import write
from helpers.pdfmaker import labelled_pdf
from helpers.anthology import make_anthology
from zine.cache.store import CACHE_DIR
from zine.cli import main
from zine.compose.html import compose
from zine.core.digest import DIGEST_LENGTH, digest_bytes
from zine.core.errors import OutputError
from zine.importers import import_source
from zine.layout.resolve import load_layout
from zine.pipeline.build import BuildOptions, build
from zine.preview.draw import preview
from zine.project.load import load_project


def _texts(path) -> str:
    doc = pdfium.PdfDocument(path)
    return "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))


@pytest.fixture(scope="module")
def anthology(tmp_path_factory):
    """A two-piece project built once (its parts are in the cache)."""
    root = make_anthology(tmp_path_factory.mktemp("sent") / "proj", count=2, paragraphs=1)
    build(root, BuildOptions(output=root.parent / "zine.pdf", impose=False))
    return root


def test_a_link_planted_in_the_cache_never_leads_pruning_outside(tmp_path):
    outer = tmp_path / "outer"
    root = make_anthology(outer / "proj", count=2, paragraphs=1)
    for name in ("report.pdf", "notes.json", "type.font"):
        (outer / name).write_bytes(b"the user's own file")
    (root / CACHE_DIR).mkdir()
    (root / CACHE_DIR / "parts").symlink_to("../..")  # the folder that holds the project
    build(root, BuildOptions(output=tmp_path / "zine.pdf", impose=False))
    assert sorted(p.name for p in outer.iterdir()) == ["notes.json", "proj", "report.pdf", "type.font"]
    assert "Piece number 2" in _texts(tmp_path / "zine.pdf")


def test_forged_cached_parts_are_not_printed(anthology, tmp_path):
    parts = anthology / CACHE_DIR / "parts"
    pieces = [p for p in parts.glob("*.pdf")]
    assert pieces
    for piece in pieces:
        entry = json.loads((piece.with_suffix(".json")).read_bytes()[DIGEST_LENGTH:])
        forged = labelled_pdf(entry["pages"], title="Forged")
        piece.write_bytes(digest_bytes(forged).encode() + forged)  # a checksum anyone can make
    for manifest in (anthology / CACHE_DIR).glob("build-*.json"):
        manifest.unlink()
    build(anthology, BuildOptions(output=tmp_path / "again.pdf", impose=False))
    texts = _texts(tmp_path / "again.pdf")
    assert "Piece number 1" in texts and "Piece number 2" in texts


def test_a_forged_manifest_does_not_pass_an_old_output_as_up_to_date(anthology, tmp_path):
    output = tmp_path / "zine.pdf"
    build(anthology, BuildOptions(output=output, impose=False))
    manifest = next((anthology / CACHE_DIR).glob("build-*.json"))
    data = json.loads(manifest.read_text())
    body = data  # a sender writes what they like, with a checksum anyone can make
    output.write_bytes(labelled_pdf(2, title="Forged"))
    body["outputs"] = {str(output.resolve()): digest_bytes(output.read_bytes())}
    manifest.write_text(json.dumps(body))
    result = build(anthology, BuildOptions(output=output, impose=False))
    assert not result.up_to_date and "Piece number 1" in _texts(output)


def test_a_forged_cached_picture_is_made_again(tmp_path):
    root = tmp_path / "proj"
    (root / "pics").mkdir(parents=True)
    Image.new("RGB", (60, 40), (40, 160, 90)).save(root / "pics" / "stall.png")
    write(root / "a.md", "---\ntitle: Short\n---\n![stall](pics/stall.png)\n")
    project = load_project(root)
    layout = load_layout("a5-booklet", project.root)
    compose(project, layout)
    cached = next((root / CACHE_DIR / "images").glob("*.png"))
    Image.new("L", (60, 40), 0).save(cached)  # what a sender put there, with a matching checksum
    (cached.parent / (cached.name + ".sum")).write_bytes(digest_bytes(cached.read_bytes()).encode())
    compose(project, layout)
    assert Image.open(cached).getextrema() != (0, 0)


def test_a_link_to_outside_as_the_picture_cache_is_refused(tmp_path):
    root = tmp_path / "proj"
    (root / "pics").mkdir(parents=True)
    Image.new("RGB", (60, 40), (40, 160, 90)).save(root / "pics" / "stall.png")
    write(root / "a.md", "---\ntitle: Short\n---\n![stall](pics/stall.png)\n")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (root / CACHE_DIR).mkdir()
    (root / CACHE_DIR / "images").symlink_to(outside)
    with pytest.raises(OutputError, match="symbolic link"):
        compose(load_project(root), load_layout("a5-booklet", root))
    assert list(outside.iterdir()) == []


def test_a_forged_ledger_does_not_let_a_build_replace_the_users_file(tmp_path):
    root = tmp_path / "proj"
    write(root / "a.md", "---\ntitle: Short\n---\nA short article.\n")
    write(root / "zine.pdf", "my own notes, named like an output")
    write(root / CACHE_DIR / "outputs.json", json.dumps({"outputs": ["zine.pdf"]}))
    result = CliRunner().invoke(main, ["build", str(root), "-o", str(root / "zine.pdf"), "--no-impose"])
    assert result.exit_code == 1 and "did not write" in result.output
    assert (root / "zine.pdf").read_text() == "my own notes, named like an output"


@pytest.mark.parametrize("ledger", ['{"outputs": 5}', '[1, 2]', '{"outputs": [5, null]}', "\u00ff"])
def test_a_ledger_of_the_wrong_shape_is_no_ledger(tmp_path, ledger):
    root = tmp_path / "proj"
    write(root / "a.md", "---\ntitle: Short\n---\nA short article.\n")
    write(root / CACHE_DIR / "outputs.json", ledger)
    result = CliRunner().invoke(main, ["build", str(root), "-o", str(root / "zine.pdf"), "--no-impose"])
    assert result.exit_code == 0, result.output
    assert (root / "zine.pdf").is_file()


@pytest.mark.parametrize("manifest", ['{"images": ["notes.txt", "photo.png", "../up.png"]}', '{"images": 5}',
                                      '"images"'])
def test_a_crafted_preview_manifest_deletes_nothing(tmp_path, manifest):
    source = tmp_path / "zine.pdf"
    source.write_bytes(labelled_pdf(2))
    folder = tmp_path / "previews"
    folder.mkdir()
    for name in ("notes.txt", "photo.png"):
        (folder / name).write_bytes(b"the user's own")
    (tmp_path / "up.png").write_bytes(b"the user's own")
    (folder / ".zine-preview.json").write_text(manifest)
    preview(source, folder, dpi=24, thumb=40)
    assert (folder / "notes.txt").read_bytes() == b"the user's own"
    assert (folder / "photo.png").read_bytes() == b"the user's own"
    assert (tmp_path / "up.png").read_bytes() == b"the user's own"
    assert (folder / "page-1.png").is_file() or (folder / "page-01.png").is_file()


def test_batch_refuses_a_project_named_like_anothers_print_pdf(tmp_path):
    first = make_anthology(tmp_path / "a", count=1, paragraphs=1)
    second = make_anthology(tmp_path / "a-print", count=1, paragraphs=1)
    result = CliRunner().invoke(main, ["batch", str(first), str(second), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "'a' and 'a-print' would both write a-print.pdf" in result.output
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


SAVED = ('<html><head><title>Stall</title></head><body><article><h1>Stall</h1>'
         '<p>We met at the stall.</p>{pictures}</article></body></html>')


def test_import_force_never_writes_through_a_linked_picture_folder(tmp_path):
    page = tmp_path / "saved" / "Stall.html"
    write(page, SAVED.format(pictures='<img src="Stall_files/stall.png" alt="stall">'))
    (page.parent / "Stall_files").mkdir()
    Image.new("RGB", (30, 20), (9, 9, 9)).save(page.parent / "Stall_files" / "stall.png")
    out = tmp_path / "proj"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (out / "images").mkdir(parents=True)
    (out / "images" / "stall").symlink_to(elsewhere)
    with pytest.raises(OutputError, match="symbolic link"):
        import_source(page, out, force=True, allow_no_comments=True)
    assert list(elsewhere.iterdir()) == []


def test_a_saved_page_takes_pictures_only_from_its_own_files_folder(tmp_path):
    page = tmp_path / "Downloads" / "Stall.html"
    (page.parent / "Stall_files").mkdir(parents=True)
    Image.new("RGB", (30, 20), (9, 9, 9)).save(page.parent / "Stall_files" / "stall.png")
    Image.new("RGB", (30, 20), (200, 9, 9)).save(page.parent / "passport.png")  # the user's, beside it
    write(page, SAVED.format(pictures='<img src="Stall_files/stall.png" alt="stall">'
                                      '<img src="passport.png" alt="p"><img src="./passport.png" alt="q">'))
    out = tmp_path / "proj"
    import_source(page, out, allow_no_comments=True)
    copied = sorted(p.name for p in (out / "images").rglob("*.png"))
    assert copied == ["stall.png"]
    assert "passport" not in next(out.glob("*.md")).read_text()


@pytest.mark.parametrize("src", ["ftp://files.example.org/stall.png", "file:///etc/hostname"])
def test_a_picture_by_another_kind_of_address_imports_as_a_mark_and_builds(tmp_path, src):
    page = tmp_path / "Stall.html"
    write(page, SAVED.format(pictures=f'<img src="{src}" alt="the stall">'))
    out = tmp_path / "proj"
    import_source(page, out, allow_no_comments=True)
    text = next(out.glob("*.md")).read_text()
    assert "[picture: the stall, not imported:" in text and "](" + src not in text
    result = CliRunner().invoke(main, ["build", str(out), "-o", str(tmp_path / "z.pdf"), "--no-impose"])
    assert result.exit_code == 0, result.output


def test_the_pictures_of_a_saved_page_are_bounded_together(tmp_path, monkeypatch):
    from zine.importers import webpage
    monkeypatch.setattr(webpage, "IMPORT_PICTURES_BYTES", 3000)  # eight 150 MB files, scaled down
    page = tmp_path / "Stall.html"
    (tmp_path / "Stall_files").mkdir()
    for n in range(8):
        with open(tmp_path / "Stall_files" / f"p{n}.png", "wb") as stream:
            stream.truncate(1000)
    write(page, SAVED.format(pictures="".join(f'<img src="Stall_files/p{n}.png">' for n in range(8))))
    with pytest.raises(Exception, match="add up to more than"):
        import_source(page, tmp_path / "proj", allow_no_comments=True)
    assert not (tmp_path / "proj").exists()


def test_a_zine_toml_linked_to_a_file_outside_is_not_read(tmp_path):
    secret = write(tmp_path / "private" / "settings.toml", 'title = "Private"\n[[contribution]]\narticle = "a.md"\n')
    root = tmp_path / "proj"
    write(root / "a.md", "---\ntitle: Short\n---\nA short article.\n")
    (root / "zine.toml").symlink_to(secret)
    result = CliRunner().invoke(main, ["build", str(root), "-o", str(tmp_path / "z.pdf"), "--no-impose"])
    assert result.exit_code == 1 and "outside the project folder" in result.output
    assert not (tmp_path / "z.pdf").exists()
