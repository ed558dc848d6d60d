"""The checks on page content: each takes page scans and returns findings.

Every rule is a small function over plain data (see ``scan``), so each can be
tested and reasoned about on its own; the end of the module registers each under
its code (``zine.preflight.checks.registry``).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from zine.preflight.checks.glyphs import not_embedded, undrawable_characters
from zine.preflight.checks.ink import CHROMA_LEVEL
from zine.preflight.checks.locate import Locator
from zine.preflight.checks.registry import Pages, register
from zine.preflight.checks.report import ERROR, WARNING, Finding
from zine.preflight.checks.scan import Char, PageScan

TOLERANCE = 0.5  # points a glyph box may poke out of the page (accents, rounding)
MARKER = 3  # runs of at most this many digits or symbols are note calls, not reading text


def small_type(scans: list[PageScan], locator: Locator, minimum: float) -> list[Finding]:
    """Type smaller than ``minimum`` points (note calls like a superscript 3 excepted)."""
    findings = []
    for scan in scans:
        runs = [run for run in _runs(scan.chars, lambda c: c.size < minimum - 0.05) if not _is_marker(run)]
        if runs:
            smallest = min(c.size for run in runs for c in run)
            snippet = _snippet(max(runs, key=len))
            findings.append(_at(scan, locator, snippet, WARNING, "small-type",
                                f"type under {minimum:g} pt (smallest {smallest:.1f} pt), e.g. {snippet!r}: "
                                "it blurs on a photocopy"))
    return findings


def coloured_text(scans: list[PageScan], locator: Locator) -> list[Finding]:
    """Text set in a colour: copiers print it as a muddy grey."""
    findings = []
    for scan in scans:
        runs = list(_runs(scan.chars, lambda c: _chroma(c.rgb) > CHROMA_LEVEL))
        if runs:
            run = max(runs, key=len)
            snippet = _snippet(run)
            findings.append(_at(scan, locator, snippet, WARNING, "colour",
                                f"coloured text ({_hex(run[0].rgb)}), e.g. {snippet!r}: copiers turn "
                                "colour into grey; set it in black"))
    return findings


def coloured_drawings(scans: list[PageScan]) -> list[Finding]:
    """Lines and shapes drawn in colour."""
    findings = []
    for scan in scans:
        colours = [rgb for p in scan.paths for rgb in (p.stroke_rgb, p.fill_rgb) if rgb and _chroma(rgb) > CHROMA_LEVEL]
        if colours:
            findings.append(Finding(WARNING, "colour", f"{len(colours)} coloured line(s) or shape(s) "
                                    f"({_hex(colours[0])}): copiers turn colour into grey", page=scan.number))
    return findings


def thin_lines(scans: list[PageScan], minimum: float) -> list[Finding]:
    """Stroked lines, and rules drawn as thin filled boxes, under ``minimum`` points."""
    findings = []
    for scan in scans:
        widths = [p.width for p in scan.paths if p.width is not None and p.width < minimum - 1e-3]
        widths += [_thickness(p.box) for p in scan.paths if p.width is None and _is_thin_box(p.box, minimum)]
        if widths:
            findings.append(Finding(WARNING, "thin-line", f"{len(widths)} line(s) thinner than {minimum:g} pt "
                                    f"(thinnest {min(widths):.2f} pt): they vanish or break up when copied",
                                    page=scan.number))
    return findings


def clipped_text(scans: list[PageScan], locator: Locator) -> list[Finding]:
    """Characters whose box lies partly outside the page."""
    findings = []
    for scan in scans:
        runs = list(_runs(scan.chars, lambda c: _outside(c, scan) and not c.text.isspace()))
        if runs:
            snippet = _snippet(max(runs, key=len))
            findings.append(_at(scan, locator, snippet, ERROR, "clipped",
                                f"text runs off the page: {snippet!r}"))
    return findings


def light_text(scans: list[PageScan], locator: Locator, ground) -> list[Finding]:
    """Pale text on a pale ground (``ground(scan, box)`` gives the grey under a box)."""
    findings = []
    for scan in scans:
        runs = [run for run in _runs(scan.chars, lambda c: _grey(c.rgb) >= 150)
                if (ground(scan, _union(run)) or 0) >= 200]
        if runs:
            snippet = _snippet(max(runs, key=len))
            findings.append(_at(scan, locator, snippet, WARNING, "light-text",
                                f"light text on a light ground, e.g. {snippet!r}: too faint to copy"))
    return findings


def undrawable(missing: dict[str, list[str]], scans: list[PageScan], locator: Locator) -> list[Finding]:
    """One error per character no font could draw, naming its pages and sources."""
    findings = []
    for char, fonts in sorted(missing.items()):
        pages = [s.number for s in scans if char in s.text]
        sources = locator.find_char(char) or [None]
        for source in sources:
            findings.append(Finding(
                ERROR, "missing-glyph",
                f"{describe_char(char)} has no glyph in the fonts used ({', '.join(sorted(set(fonts)))}): "
                f"it prints as an empty box{_pages_note(pages)}; remove it or add a font that has it",
                page=pages[0] if pages else None,
                file=source.file if source else None, comment=source.comment if source else None))
    return findings


def unembedded_fonts(fonts: list[tuple[str, list[int]]]) -> list[Finding]:
    """Fonts the PDF uses without carrying them: another machine substitutes them."""
    return [Finding(ERROR, "font-not-embedded", f"font {name} is not embedded: the copy shop's machine "
                    "will substitute another font", page=pages[0] if pages else None) for name, pages in fonts]


def unprinted_links(links: list[dict], scans: list[PageScan]) -> list[Finding]:
    """Links whose address appears nowhere in the printed text: paper cannot be clicked."""
    printed = "".join(_url_compact(s.text) for s in scans)
    findings, seen = [], set()
    for link in links:
        address = _url_core(link["uri"])
        if not address or address in seen or _url_compact(address) in printed:
            continue
        seen.add(address)
        findings.append(Finding(WARNING, "link-not-printed",
                                f"link to {link['uri']} is not printed anywhere: readers of paper cannot "
                                "follow it (print the address, or turn on link notes)", page=link["page"]))
    return findings


@register("missing-glyph", "a character no font of the PDF can draw: it prints as an empty box", order=10)
def _missing_glyph(pages: Pages) -> list[Finding]:
    return undrawable(undrawable_characters(pages.fonts), pages.scans, pages.locator)


@register("font-not-embedded", "a font the PDF uses without carrying it", order=20)
def _font_not_embedded(pages: Pages) -> list[Finding]:
    return unembedded_fonts(not_embedded(pages.fonts))


@register("clipped", "text that runs off the page", order=30)
def _clipped(pages: Pages) -> list[Finding]:
    return clipped_text(pages.scans, pages.locator)


@register("small-type", "type too small to survive a photocopy", order=40)
def _small_type(pages: Pages) -> list[Finding]:
    return small_type(pages.scans, pages.locator, pages.options.min_type_pt)


@register("thin-line", "lines too thin to survive a photocopy", order=50)
def _thin_line(pages: Pages) -> list[Finding]:
    return thin_lines(pages.scans, pages.options.min_line_pt)


@register("light-text", "pale text on a pale ground, too faint to copy (zine check only)", order=80)
def _light_text(pages: Pages) -> list[Finding]:
    if pages.renders is None:
        return []
    return light_text(pages.scans, pages.locator, pages.ground)


@register("link-not-printed", "a link whose address is printed nowhere", order=90)
def _link_not_printed(pages: Pages) -> list[Finding]:
    return unprinted_links(pages.links, pages.scans)


def describe_char(char: str) -> str:
    """'emoji U+1F62B (TIRED FACE)', 'symbol U+25E6 (WHITE BULLET)' or 'character U+E000'."""
    name = unicodedata.name(char, "")
    kind = "emoji" if _is_emoji(char) else "symbol" if unicodedata.category(char) == "So" else "character"
    return f"{kind} {char} U+{ord(char):04X}" + (f" ({name})" if name else "")


def _is_emoji(char: str) -> bool:
    code = ord(char)
    return 0x1F000 <= code <= 0x1FAFF or 0x2600 <= code <= 0x27BF


def _at(scan: PageScan, locator: Locator, snippet: str, severity: str, code: str, message: str) -> Finding:
    source = locator.find_text(snippet)
    return Finding(severity, code, message, page=scan.number,
                   file=source.file if source else None, comment=source.comment if source else None)


def _runs(chars: Iterable[Char], wanted) -> Iterable[list[Char]]:
    """Consecutive characters for which ``wanted`` holds (spaces join a run, never start one)."""
    run: list[Char] = []
    for char in chars:
        if char.text.isspace():
            if run:
                run.append(char)
        elif wanted(char):
            run.append(char)
        elif run:
            yield _trim(run)
            run = []
    if run:
        yield _trim(run)


def _trim(run: list[Char]) -> list[Char]:
    while run and run[-1].text.isspace():
        run = run[:-1]
    return run


def _is_marker(run: list[Char]) -> bool:
    text = "".join(c.text for c in run).strip()
    return len(text) <= MARKER and not any(ch.isalpha() for ch in text)


def _snippet(run: list[Char], limit: int = 40) -> str:
    text = " ".join("".join(c.text for c in run).split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _pages_note(pages: list[int]) -> str:
    if len(pages) < 2:
        return ""
    return f" (pages {', '.join(map(str, pages))})"


def _outside(char: Char, scan: PageScan) -> bool:
    x0, y0, x1, y1 = char.box
    if x1 <= x0 and y1 <= y0:
        return False
    left, bottom, right, top = scan.box
    return (x0 < left - TOLERANCE or y0 < bottom - TOLERANCE or x1 > right + TOLERANCE
            or y1 > top + TOLERANCE)


def _thickness(box) -> float:
    return min(box[2] - box[0], box[3] - box[1])


def _is_thin_box(box, minimum: float) -> bool:
    thin, long = sorted((box[2] - box[0], box[3] - box[1]))
    return 0.01 < thin < minimum - 1e-3 and long >= 2.0


def _union(run: list[Char]):
    boxes = [c.box for c in run if not c.text.isspace()]
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def _chroma(rgb) -> int:
    return max(rgb) - min(rgb)


def _grey(rgb) -> float:
    r, g, b = rgb
    return 0.299 * r + 0.587 * g + 0.114 * b


def _hex(rgb) -> str:
    return "#" + "".join(f"{v:02x}" for v in rgb)


def _url_core(uri: str) -> str:
    text = uri.strip()
    for prefix in ("mailto:", "tel:", "https://", "http://"):
        if text.lower().startswith(prefix):
            text = text[len(prefix):]
            break
    if text.lower().startswith("www."):
        text = text[4:]
    return text.rstrip("/")


def _url_compact(text: str) -> str:
    # Wrapped addresses break at any character; soft hyphens and spaces are not part of them.
    # Hyphens go too: a hyphen at a line end may be the address's own or one added by the break.
    return "".join(ch for ch in text.casefold() if not ch.isspace() and ch not in "-\u00ad\u200b\u2010\u2011")
