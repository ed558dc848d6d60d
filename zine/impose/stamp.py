"""What an imposed PDF is, written into it so that check and preview can read its sheets back.

The print PDFs zine writes carry one document-info entry (``/ZineImposition``)
holding the imposition options, the page count and the page size: enough to plan
the same sheets again, with their sides, folds and cuts, without guessing.
"""

from __future__ import annotations

from dataclasses import dataclass

from zine.impose.options import ImposeOptions

KEY = "/ZineImposition"
VERSION = "zine imposition 1"


@dataclass(frozen=True)
class Stamp:
    """An imposed PDF as its stamp describes it: the options, the source pages, which file it is."""

    options: ImposeOptions
    sizes: list[tuple[float, float]]
    part: str  # "" (every side), "-fronts" or "-backs"


def stamp_text(options: ImposeOptions, sizes: list[tuple[float, float]], part: str) -> str:
    """The stamp of one output file, as plain text."""
    fields = {
        "scheme": options.scheme, "sheet": options.sheet, "duplex": options.duplex,
        "blanks": options.blanks, "signature": options.signature or 0, "creep": f"{options.creep_mm:g}",
        "margin": f"{options.margin_mm:g}", "fit": {True: "yes", False: "no", None: "auto"}[options.fit],
        "marks": ",".join(sorted(options.marks)), "pages": len(sizes),
        "page": f"{max(w for w, _ in sizes):.2f}x{max(h for _, h in sizes):.2f}", "part": part,
    }
    if options.mark_inset_mm:  # only a build's own sheets have marks inside the sheet
        fields["inset"] = f"{options.mark_inset_mm:g}"
    if options.rtl:  # only when set, so left-to-right PDFs keep the stamp they always had
        fields["rtl"] = "yes"
    return "; ".join([VERSION] + [f"{key}={value}" for key, value in fields.items()])


def read_stamp(text: str | None) -> Stamp | None:
    """The stamp in ``text``, or None when there is none or it cannot be read."""
    if not text or not text.startswith(VERSION + ";"):
        return None
    try:
        fields = dict(item.strip().split("=", 1) for item in text.split(";")[1:])
        width, height = (float(v) for v in fields["page"].split("x"))
        options = ImposeOptions(
            scheme=fields["scheme"], sheet=fields["sheet"], duplex=fields["duplex"], blanks=fields["blanks"],
            signature=int(fields["signature"]) or None, creep_mm=float(fields["creep"]),
            margin_mm=float(fields["margin"]), fit={"yes": True, "no": False}.get(fields["fit"]),
            marks=frozenset(filter(None, fields["marks"].split(","))), rtl=fields.get("rtl") == "yes",
            mark_inset_mm=float(fields.get("inset", 0)))
        return Stamp(options, [(width, height)] * int(fields["pages"]), fields["part"])
    except (KeyError, ValueError):
        return None
