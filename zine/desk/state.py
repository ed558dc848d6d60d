"""What the desk shows: the last good build drawn as pages and printed sheets, its recipe, fill
report and warnings, the comment threads with what is picked, and the switcher.

A rebuild that fails keeps the last good pages and sets ``error`` to the line the command
line would print. Images are kept by the digest of their pixels, so an unchanged page keeps
its address and the browser its copy.
"""

from __future__ import annotations

import hashlib
import io
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from zine.core.errors import InputError, ZineError
from zine.core.model import Comment, Project
from zine.core.paper import LABELS
from zine.desk import edits, picks
from zine.desk.switches import switch_states
from zine.project import load_comments, opening_words, plain_text

PAGE_DPI = 72  # a page at its size on screen
SHEET_DPI = 60  # a printed side, smaller: the sheets are for seeing what goes where


@dataclass
class Drawn:
    """One good build, drawn."""

    project: Project
    pages: list[str]  # image digests, reading order
    sides: list[dict]  # {"sheet", "side", "pages", "image"}
    sheets: int | None
    sheet_label: str | None
    recipe: str | None
    fill: str | None
    warnings: list[str]
    downloads: dict[str, bytes]  # file name -> PDF
    prepared: object  # what ``zine check`` needs, for the checks that follow
    seconds: float
    threads: list[dict] = field(default_factory=list)  # the comment trees, with what is picked
    switches: list[dict] = field(default_factory=list)  # the switcher's settings now
    checks: list[str] | None = None  # None: not checked yet


@dataclass
class Desk:
    """A project watched and built for the page; ``version`` grows with every change shown."""

    source: Path
    version: int = 0
    builds: int = 0  # rebuilds so far (a burst of saves is one)
    building: bool = False
    error: str | None = None
    good: Drawn | None = None
    images: dict[str, bytes] = field(default_factory=dict)  # PNG by the digest of what it shows
    made: dict[str, str] = field(default_factory=dict)  # what is drawn (page content, marks) -> image digest
    folder: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="zine-desk-")))
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def root(self) -> Path:
        return self.source if self.source.is_dir() else self.source.parent

    def set_building(self, building: bool) -> None:
        if building != self.building:
            self.building = building
            self.version += 1

    def close(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    def rebuild(self) -> None:
        """Build with the cache and draw it; on failure keep the last good drawing and say why."""
        with self.lock:
            self.builds += 1
            try:
                self.good = self._draw()
                self.error = None
            except ZineError as exc:
                self.error = f"Error: {exc.format_message()}"
            except Exception as exc:  # noqa: BLE001 - shown on the page as the command line shows it
                self.error = f"Error: internal error: {type(exc).__name__}: {exc} (run zine build --debug)"
            self.version += 1

    def check(self) -> None:
        """Add ``zine check``'s findings to the last good build (slower: run after it is shown)."""
        drawn = self.good
        if drawn is None or drawn.checks is not None:
            return
        from zine.preflight import check_prepared

        try:
            report = check_prepared(drawn.prepared)
            found = [f"{f.severity}: {f.where + ': ' if f.where else ''}{f.message}" for f in report.findings]
        except ZineError as exc:
            found = [f"error: {exc.format_message()}"]
        except Exception as exc:  # noqa: BLE001 - the pages stay; the checks say they could not run
            found = [f"error: the checks could not run: {type(exc).__name__}: {exc}"]
        drawn.checks = [line for line in found if line.split(": ", 1)[-1] not in drawn.warnings]
        self.version += 1

    def state(self) -> dict:
        """Everything the page shows, as plain data."""
        drawn = self.good
        data = {"version": self.version, "builds": self.builds, "building": self.building, "error": self.error}
        if drawn is None:
            return data
        project = drawn.project
        data.update({
            "title": project.title, "seconds": round(drawn.seconds, 2),
            "pages": [f"/image/{d}.png" for d in drawn.pages],
            "sides": [{**s, "image": f"/image/{s['image']}.png"} for s in drawn.sides],
            "sheets": drawn.sheets, "sheet_label": drawn.sheet_label, "recipe": drawn.recipe,
            "fill": drawn.fill, "warnings": drawn.warnings, "checks": drawn.checks,
            "downloads": [{"name": name, "href": f"/download/{name}"} for name in drawn.downloads],
            "contributions": drawn.threads, "switches": drawn.switches,
        })
        return data

    def _draw(self) -> Drawn:
        from zine.pipeline import BuildOptions
        from zine.pipeline.build import build
        from zine.project import load_project

        started = time.perf_counter()
        if not self.source.exists():
            raise InputError("no such file or folder", self.source)
        project = load_project(self.source)
        result = build(self.source, BuildOptions(output=self.folder / f"{project.name}.pdf"))
        reading = result.reading_pdf.read_bytes()
        printed = [path.read_bytes() for path in result.print_pdfs]
        downloads = {result.reading_pdf.name: reading, **{p.name: d for p, d in zip(result.print_pdfs, printed)}}
        threads, switches = _threads(project), switch_states(project) if project.config_path else []
        if self.good is not None and self.good.downloads == downloads:  # the same PDFs: nothing to draw again
            self.good.project, self.good.threads, self.good.switches = project, threads, switches
            return self.good
        prepared = _prepared(self.source, project, reading, printed, result)
        drawn = _Drawing(self.images, self.made)
        pages = drawn.pages(reading)
        sides = drawn.sides(prepared)
        drawn.forget(self.good)
        return Drawn(project, pages, sides, result.sheets, LABELS.get(prepared.sheet, prepared.sheet),
                     result.recipe, result.fill, result.warnings, downloads, prepared,
                     time.perf_counter() - started, threads, switches)


def _prepared(source: Path, project: Project, reading: bytes, printed: list[bytes], result):
    """The built PDFs with their plan, as ``zine check`` and ``zine preview`` take them."""
    from zine import pdf as pdf_io
    from zine.impose import plan_for
    from zine.layout import load_layout
    from zine.pipeline import BuildOptions, impose_options, with_project_sheet
    from zine.preflight import Prepared

    imposing = impose_options(load_layout(project.layout, project.root),
                              with_project_sheet(BuildOptions(), project))
    plan = plan_for(pdf_io.page_sizes(reading), imposing, str(source))
    return Prepared(str(source), reading, list(zip(printed, plan.outputs.values())), plan, imposing.scheme,
                    imposing.sheet, result.recipe, project, result.warnings, result.pages, result.findings,
                    result.fill)


class _Drawing:
    """Pages and printed sides drawn as PNGs, each drawn again only when what it shows changed
    (its digest: the page's content in the PDF, and for a side, its folds and cuts too)."""

    def __init__(self, images: dict[str, bytes], made: dict[str, str]):
        self.images, self.made, self.used = images, made, set()
        self.contents: list[str] = []  # the reading pages' digests

    def pages(self, reading: bytes) -> list[str]:
        from zine.pdf import page_digests
        from zine.preview import render_pages

        self.contents = page_digests(reading)
        keys = [f"page {d} {PAGE_DPI}" for d in self.contents]
        return self._draw(keys, lambda numbers: render_pages(reading, PAGE_DPI, numbers))

    def sides(self, prepared) -> list[dict]:
        """Each printed side (after ``pages``): a side shows what its plan places, marks and folds,
        and the pages it places, so those and the pages' digests say when it must be drawn again."""
        from zine.preflight import sheet_lines
        from zine.preview import marked_side, pages_on_side, render_pages

        plan, infos, found = prepared.plan, prepared.sides(), []
        for data, indexes in prepared.printed:
            lines = [sheet_lines(plan, index) for index in indexes]
            keys = [f"side {plan.width} {plan.height} {plan.sides[index]!r} "
                    f"{[self._content(p.page) for p in plan.sides[index].placements]} {SHEET_DPI}"
                    for index in indexes]

            def draw(numbers, data=data, lines=lines):
                images = render_pages(data, SHEET_DPI, numbers)
                return {n: marked_side(image, lines[n], SHEET_DPI) for n, image in images.items()}

            for index, image in zip(indexes, self._draw(keys, draw)):
                info = infos[index]
                found.append({"sheet": info.sheet, "side": info.side, "pages": list(pages_on_side(info)),
                              "image": image})
        return found

    def _content(self, page: int) -> str:
        return self.contents[page] if 0 <= page < len(self.contents) else "blank"

    def forget(self, shown: Drawn | None) -> None:
        """Drop the images neither this drawing nor the one on screen uses."""
        keep = self.used | (set(shown.pages) | {s["image"] for s in shown.sides} if shown else set())
        for key in [k for k, digest in self.made.items() if digest not in keep]:
            del self.made[key]
        for digest in [d for d in self.images if d not in keep]:
            del self.images[digest]

    def _draw(self, keys: list[str], render) -> list[str]:
        missing = [n for n, key in enumerate(keys) if key not in self.made]
        for number, image in (render(missing) if missing else {}).items():
            digest = hashlib.sha256(keys[number].encode()).hexdigest()[:32]
            out = io.BytesIO()
            image.save(out, format="PNG", compress_level=1)
            self.images[digest], self.made[keys[number]] = out.getvalue(), digest
        digests = [self.made[key] for key in keys]
        self.used.update(digests)
        return digests


def _threads(project: Project) -> list[dict]:
    """Each contribution with comments: its threads as a tree, each comment marked picked or not."""
    found = []
    for index, article in enumerate(project.contributions):
        if article.comments_path is None:
            continue
        comments = load_comments(article.comments_path)
        pick = edits.current_pick(project, index)
        chosen = picks.chosen(comments, pick)
        place = edits.pick_place(project, index)
        found.append({"index": index, "title": article.title,
                      "comments_file": article.comments_path.relative_to(project.root).as_posix(),
                      "pick_file": place.path.relative_to(project.root).as_posix(),
                      "pick": pick, "comments": [_node(c, chosen) for c in comments]})
    return found


def _node(comment: Comment, chosen: set[str]) -> dict:
    return {"id": comment.id, "author": comment.author, "date": comment.date, "likes": comment.likes,
            "words": len(plain_text(comment.text).split()), "opening": opening_words(comment.text, 16),
            "picked": comment.id in chosen, "replies": [_node(r, chosen) for r in comment.replies]}
