"""Import readers are chosen by what a file is, not by its name; every picture fetch keeps the address rule."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from zine.cli import main
from zine.importers import import_source, read_source
from zine.importers.fetch import Limits
from zine.importers.readers import file_reader, file_readers, web_readers
from helpers.paths import DATA

DATA = DATA / "import"


def test_a_wordpress_export_renamed_txt_is_read_as_wordpress(tmp_path):
    renamed = tmp_path / "export.txt"
    renamed.write_bytes((DATA / "export.xml").read_bytes())
    assert file_reader(renamed).name == "a WordPress export"
    listing = CliRunner().invoke(main, ["import", str(renamed)])
    assert listing.exit_code == 0 and "keep-the-91" in listing.output  # lists its posts, as an export does
    as_txt = read_source(renamed, post="keep-the-91")
    as_xml = read_source(DATA / "export.xml", post="keep-the-91")
    assert (as_txt.title, as_txt.body, as_txt.comments) == (as_xml.title, as_xml.body, as_xml.comments)
    assert as_txt.comments


def test_a_saved_page_renamed_txt_is_read_as_a_page(tmp_path):
    renamed = tmp_path / "post.txt"
    renamed.write_bytes((DATA / "post.html").read_bytes())
    assert file_reader(renamed).name == "a saved web page"
    assert read_source(renamed).comments == read_source(DATA / "post.html").comments


def test_pasted_text_is_still_pasted_text(tmp_path):
    assert file_reader(DATA / "pasted.txt").name == "pasted page text"


def test_readers_are_found_in_the_package_in_their_order():
    assert [r.name for r in file_readers()] == ["a WordPress export", "a saved web page", "pasted page text"]
    assert [r.name for r in web_readers()] == [
        "WordPress (REST API)", "Mastodon (API)", "the page itself (no blog or Mastodon API found)"]


@pytest.mark.parametrize("address, why", [
    ("http://127.0.0.1:9/plots.jpg", "refused: 127.0.0.1 is a loopback address"),
    ("http://192.168.1.1/plots.jpg", "refused: 192.168.1.1 is a private address"),
    ("http://169.254.169.254/latest/meta-data/", "refused: 169.254.169.254 is a link-local address"),
    ("http://[::ffff:10.0.0.1]/x.png", "refused: ::ffff:10.0.0.1 is a private address, IPv4 inside IPv6"),
])
def test_fetch_images_refuses_private_addresses_without_the_flag(tmp_path, address, why):
    html = (DATA / "post.html").read_text(encoding="utf-8").replace(  # no name to look up: nothing leaves
        "https://gardens.example.org/wp-content/uploads/plots.jpg", "http://10.1.1.1/plots.jpg")
    page = tmp_path / "saved" / "Post.html"
    page.parent.mkdir()
    page.write_text(html.replace("<p>Tell us", f'<p><img src="{address}" alt="Inside"></p><p>Tell us'),
                    encoding="utf-8")
    report = import_source(page, tmp_path / "zine", fetch_images=True)
    refusal = next(w for w in report.warnings if w.startswith(f"picture {address} not fetched"))
    assert why in refusal and "--allow-private" in refusal
    assert "[picture: Inside, not downloaded:" in next((tmp_path / "zine").glob("*.md")).read_text(encoding="utf-8")
    assert Limits().allow_private is False
