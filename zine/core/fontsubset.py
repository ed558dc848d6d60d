"""Cutting a font down to the glyphs a PDF uses, with HarfBuzz's subsetter (the ``uharfbuzz`` wheel).

Glyph ids are kept (a PDF addresses glyphs by id), the tables a PDF never uses
are dropped, and glyphs after the last one used are cut off, as WeasyPrint does
with HarfBuzz. HarfBuzz is deterministic: the same font and glyphs give the same bytes.
"""

from __future__ import annotations

DROPPED_TABLES = ("BASE", "DSIG", "EBDT", "EBLC", "EBSC", "GPOS", "GSUB", "JSTF", "LTSH", "PCLT", "SVG ")


def subset_font(data: bytes, glyphs: set[int], hinting: bool = False, notdef_outline: bool = True,
                index: int = 0) -> bytes:
    """``data`` cut down to ``glyphs`` (ids kept); the font as it was if HarfBuzz cannot read it."""
    import uharfbuzz as hb

    common = hb.SubsetFlags.PASSTHROUGH_UNRECOGNIZED | hb.SubsetFlags.DESUBROUTINIZE
    if notdef_outline:
        common |= hb.SubsetFlags.NOTDEF_OUTLINE
    wanted = glyphs | {0}
    kept = _subset(hb.Face(data, index), sorted(wanted), common | hb.SubsetFlags.RETAIN_GIDS, DROPPED_TABLES)
    if kept is None:
        return data
    # With ids kept, every glyph up to the last one used is still there: cut off the rest.
    flags = common if hinting else common | hb.SubsetFlags.NO_HINTING
    trimmed = _subset(kept, range(max(wanted) + 1), flags, ())
    return (trimmed or kept).blob.data


def _subset(face, glyphs, flags, dropped: tuple[str, ...]):
    import uharfbuzz as hb

    request = hb.SubsetInput()
    request.glyph_set.update(glyphs)
    request.flags = flags
    drop = request.sets(hb.SubsetInputSets.DROP_TABLE_TAG)
    for tag in dropped:
        drop.add(int.from_bytes(tag.encode("ascii"), "big"))
    try:
        return hb.subset(face, request)
    except Exception:  # noqa: BLE001 - HarfBuzz refuses a font it cannot subset; it is kept whole
        return None
