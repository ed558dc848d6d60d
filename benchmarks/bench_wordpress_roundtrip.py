"""Import every post of a WordPress export into one project, build it, and read the PDF back.

    python benchmarks/bench_wordpress_roundtrip.py EXPORT.xml [-o FOLDER]

Prints how many posts imported, each refused one with its reason, the build's
pages and seconds, and any Markdown mark (fence, ``~~``, table rule, ``#``
heading, ``](``) found in the printed text. The test suite composes the whole
export and renders only the posts that hold each mark; this is the full run.
"""

from __future__ import annotations

import argparse
import re
import tempfile
import time
from pathlib import Path

import pypdfium2 as pdfium

from zine.pipeline.build import BuildOptions, build
from zine.core.errors import InputError
from zine.importers import import_source, list_posts

MARKS = {"fence": r"```|~~~", "strikethrough": r"~~", "table": r"\|\s*:?-{3,}",
         "heading": r"(?m)^[ \t]*#{1,6}[ \t]+\S", "link": r"\]\((?:https?:|/)", "image": r"!\["}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("export", type=Path)
    parser.add_argument("-o", "--output", type=Path, help="project folder (default: a temporary one)")
    args = parser.parse_args()
    folder = args.output or Path(tempfile.mkdtemp(prefix="wordpress-"))
    entries = list_posts(args.export)
    refused = {}
    started = time.perf_counter()
    for entry in entries:
        try:
            import_source(args.export, folder, post=entry.id, allow_no_comments=True)
        except InputError as err:
            refused[entry.slug] = err.format_message()
    imported = time.perf_counter() - started
    print(f"posts: {len(entries)}, imported: {len(entries) - len(refused)} in {imported:.1f} s")
    for slug, reason in refused.items():
        print(f"  refused {slug}: {reason.split(': ', 1)[-1]}")
    started = time.perf_counter()
    output = folder / "all.pdf"
    build(folder, BuildOptions(output=output, impose=False))
    print(f"built: {time.perf_counter() - started:.1f} s")
    doc = pdfium.PdfDocument(output)
    text = "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    print(f"pages: {len(doc)}")
    for kind, rule in MARKS.items():
        print(f"  {kind} marks printed: {len(re.findall(rule, text))}")


if __name__ == "__main__":
    main()
