"""Font subsetting, side by side: what the ``drop_tables_first`` patch buys, and HarfBuzz's own subsetter.

WeasyPrint subsets every embedded font with fontTools when the system's
HarfBuzz-Subset library is missing (the usual case for a pip install). zine wraps
fontTools so that the tables WeasyPrint drops anyway (GSUB, GPOS) are dropped
before they are decoded (``zine.render.compat``). This script subsets each font
of the default layout to the glyphs of a few hundred characters, the way
WeasyPrint asks, three ways, and prints the median time of each and the ratios:

- fontTools as WeasyPrint calls it;
- fontTools with zine's patch;
- uharfbuzz (HarfBuzz's subsetter as a wheel), when it is installed.

    python benchmarks/bench_subset.py [--runs 5]
"""

from __future__ import annotations

import argparse
import io
import statistics
import time

from zine.compose.fonts import font_roots
from zine.render.compat import drop_tables_first

FAMILIES = ["Source Serif Pro", "Source Sans Pro"]
TEXT = ("The branch library on Sorrel Lane has lent books since 1904. "
        "Keep it open: write to the council, come to the meeting on Thursday, pass this on. "
        "0123456789 “quoted” — dashes, (brackets), &c. ÀÉÎÕÜ àéîõü ß æ œ ñ ç")


def font_files() -> list[bytes]:
    files = []
    for root in font_roots(FAMILIES):
        files += [p.read_bytes() for p in sorted(root.rglob("*")) if p.suffix in (".ttf", ".otf")]
    return files


def glyph_ids(data: bytes) -> list[int]:
    from fontTools.ttLib import TTFont

    cmap = TTFont(io.BytesIO(data)).getBestCmap()
    return sorted({0} | {TTFont(io.BytesIO(data)).getGlyphID(cmap[ord(c)]) for c in TEXT if ord(c) in cmap})


def fonttools_subset(data: bytes, gids: list[int]) -> bytes:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options(retain_gids=True, passthrough_tables=True, ignore_missing_glyphs=True,
                             hinting=False, desubroutinize=True, notdef_outline=True)
    options.drop_tables += ["GSUB", "GPOS", "SVG"]
    font = TTFont(io.BytesIO(data))
    subsetter = subset.Subsetter(options)
    subsetter.populate(gids=gids)
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def patched_subset(data: bytes, gids: list[int]) -> bytes:
    with drop_tables_first():
        return fonttools_subset(data, gids)


def harfbuzz_subset(data: bytes, gids: list[int]) -> bytes:
    import uharfbuzz as hb

    face = hb.Face(data)
    request = hb.SubsetInput()
    request.glyph_set.update(gids)
    request.flags = (hb.SubsetFlags.RETAIN_GIDS | hb.SubsetFlags.PASSTHROUGH_UNRECOGNIZED
                     | hb.SubsetFlags.DESUBROUTINIZE | hb.SubsetFlags.NO_HINTING | hb.SubsetFlags.NOTDEF_OUTLINE)
    for tag in ("GSUB", "GPOS", "SVG "):
        request.sets(hb.SubsetInputSets.DROP_TABLE_TAG).add(hb.ot_tag_from_string(tag) if hasattr(hb, "ot_tag_from_string")
                                                          else int.from_bytes(tag.encode(), "big"))
    return hb.subset(face, request).blob.data


def median_seconds(function, fonts: list[tuple[bytes, list[int]]], runs: int) -> tuple[float, int]:
    times, size = [], 0
    for _ in range(runs):
        started = time.perf_counter()
        size = sum(len(function(data, gids)) for data, gids in fonts)
        times.append(time.perf_counter() - started)
    return statistics.median(times), size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    fonts = [(data, glyph_ids(data)) for data in font_files()]
    ways = {"fontTools (as WeasyPrint calls it)": fonttools_subset, "fontTools + drop_tables_first": patched_subset}
    try:
        import uharfbuzz  # noqa: F401

        ways["uharfbuzz (HarfBuzz subsetter)"] = harfbuzz_subset
    except ImportError:
        print("uharfbuzz is not installed: pip install uharfbuzz to compare it too")
    print(f"{len(fonts)} fonts, {runs} runs, median seconds for all of them")
    base = None
    for name, function in ways.items():
        seconds, size = median_seconds(function, fonts, runs)
        base = base or seconds
        print(f"{name:38} {seconds:7.3f} s  {seconds / base:5.2f}x  {size / 1024:7.1f} KB out")


if __name__ == "__main__":
    main()
