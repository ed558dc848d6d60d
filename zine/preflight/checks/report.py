"""Findings and the report that collects them: plain data, printed as text or JSON."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

ERROR, WARNING = "error", "warning"


@dataclass(frozen=True)
class Finding:
    """One thing a person should fix or know before printing, and where it is."""

    severity: str  # "error" or "warning"
    code: str  # short stable name, e.g. "edge-ink", "colour", "small-type" (see checks.registry)
    message: str
    page: int | None = None  # 1-based page of the reading PDF (or of the PDF checked)
    sheet: int | None = None  # 1-based sheet of the print PDF
    side: str | None = None  # "front" or "back"
    file: str | None = None  # source file, relative to the project
    comment: str | None = None  # comment id

    @property
    def where(self) -> str:
        """'sheet 2 front, page 7, comment 5.1 in comments.yaml' (whatever is known)."""
        parts = []
        if self.sheet is not None:
            parts.append(f"sheet {self.sheet}" + (f" {self.side}" if self.side else ""))
        if self.page is not None:
            parts.append(f"page {self.page}")
        if self.comment is not None:
            parts.append(f"comment {self.comment}" + (f" in {self.file}" if self.file else ""))
        elif self.file is not None:
            parts.append(self.file)
        return ", ".join(parts)


@dataclass
class Report:
    """What ``zine check`` found: counts, the printing recipe and the findings."""

    source: str
    pages: int
    sheets: int | None = None
    sheet_label: str | None = None
    blank_positions: tuple[int, ...] = ()
    recipe: str | None = None
    findings: list[Finding] = field(default_factory=list)
    fill: str | None = None  # how the pages fill their sheets, and what to cut to save one
    seconds: float = 0.0

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == WARNING]

    def exit_code(self, strict: bool = False) -> int:
        """0 when clean, 1 on errors (and on warnings when strict)."""
        return 1 if self.errors or (strict and self.warnings) else 0

    def to_json(self) -> str:
        data = {
            "source": self.source, "pages": self.pages, "sheets": self.sheets,
            "sheet": self.sheet_label, "blank_positions": list(self.blank_positions),
            "recipe": self.recipe, "fill": self.fill, "errors": len(self.errors), "warnings": len(self.warnings),
            "findings": [{**asdict(f), "where": f.where} for f in self.findings],
        }
        return json.dumps(data, indent=2, ensure_ascii=False)

    def to_text(self) -> str:
        lines = [self._summary()]
        if self.recipe:
            lines.append(f"Recipe: {self.recipe}")
        if self.fill:
            lines.append(f"Fill: {self.fill}")
        for finding in self.findings:
            where = f"{finding.where}: " if finding.where else ""
            lines.append(f"{finding.severity}: {where}{finding.message}")
        lines.append(self._verdict())
        return "\n".join(lines)

    def _summary(self) -> str:
        text = f"{self.source}: {self.pages} page{'s' if self.pages != 1 else ''}"
        if self.sheets is not None:
            text += f" on {self.sheets} sheet{'s' if self.sheets != 1 else ''}"
            text += f" of {self.sheet_label}" if self.sheet_label else ""
        if self.blank_positions:
            where = ", ".join(str(p) for p in self.blank_positions)
            text += f"; blank pages added at reading position {where}"
        return text

    def _verdict(self) -> str:
        errors, warnings = len(self.errors), len(self.warnings)
        if not errors and not warnings:
            return f"Clean: ready to print (checked in {self.seconds:.1f} s)."
        return (f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''} "
                f"(checked in {self.seconds:.1f} s).")
