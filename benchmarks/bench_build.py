"""Benchmark builds of a synthetic anthology: one-pass render against the incremental,
parallel build, rebuilds, and a batch against separate runs.

    python benchmarks/bench_build.py [-n 10] [--repeat 3] [--projects 6] [--only SCENARIO ...]

Every measurement runs in a fresh Python process (so peak memory is that of
the measurement alone); in-process timings start after the imports. Prints a
table of medians; ratios are medians of each round's ratio.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WORDS = ("tenants council bus route library garden rent repair meeting petition street market volunteer "
         "winter evening neighbours budget school hospital river bridge park hall committee campaign "
         "leaflet survey window heating landlord allotment footpath cycle lamp bench shelter kitchen "
         "square station timetable fare ticket queue").split()


def make_anthology(folder: Path, count: int, paragraphs: int = 12, seed: int = 1) -> Path:
    """A project of ``count`` contributions of made-up text, each with a footnote and headings."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    toml = ['title = "Synthetic Anthology"', 'date = "2026-10-01"', 'lang = "en"', ""]
    for number in range(1, count + 1):
        (folder / f"piece{number:02d}.md").write_text(_article(rng, number, paragraphs), encoding="utf-8")
        toml += ["[[contribution]]", f'article = "piece{number:02d}.md"', ""]
    (folder / "zine.toml").write_text("\n".join(toml), encoding="utf-8")
    return folder


def _article(rng: random.Random, number: int, paragraphs: int) -> str:
    body = []
    for index in range(paragraphs):
        if index and index % 4 == 0:
            body.append(f"## Part {index // 4}\n")
        note = "[^n]" if index == 1 else ""
        body.append(" ".join(_sentence(rng) for _ in range(rng.randint(3, 6))) + note + "\n")
    body.append(f"[^n]: A note on piece {number}.\n")
    return (f'---\ntitle: "Piece {number}"\nauthor: "Writer {number}"\ndate: 2026-09-{number % 28 + 1:02d}\n'
            f'source: "https://example.org/piece-{number}"\nlang: en\n---\n\n' + "\n".join(body))


def _sentence(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 18))).capitalize() + "."


def edit_middle(project: Path) -> None:
    """Change one contribution's text (not its title, so the contents stay as they are)."""
    pieces = sorted(project.glob("piece*.md"))
    target = pieces[len(pieces) // 2]
    target.write_text(target.read_text(encoding="utf-8").rstrip() + " One more word.\n", encoding="utf-8")


# -- measurements, each run in its own process ---------------------------------------------------


def measure(scenario: str, project: Path, out: Path) -> float:
    """Run one scenario in this process; returns seconds (imports excluded)."""
    import weasyprint  # noqa: F401 - imports are not what is measured

    # What a build imports when it first needs it (pikepdf, PDFium, fontTools' subsetter): about
    # 0.15 s of CPU that the bare render, which needs none of it, would otherwise not be charged.
    # Markdown's extensions (and what they bring) are imported before the bare render is
    # timed, by the compose that makes its HTML; a build imports them inside its own timing.
    for module in ("zine.pdf", "zine.impose.pdfwriter", "zine.impose.deadedge", "zine.preflight.checks.content",
                   "zine.render.fillpages", "zine.render.pieces", "fontTools.subset", *MARKDOWN_MODULES):
        importlib.import_module(module)

    from zine.pipeline.build import BuildOptions, build
    from zine.compose.html import compose
    from zine.layout.resolve import load_layout
    from zine.project.load import load_project
    from zine.render import pieces as incremental
    from zine.render.engine import render

    def fresh_build(**options) -> float:
        shutil.rmtree(project / ".zine-cache", ignore_errors=True)
        started = _start()
        build(project, BuildOptions(output=out, **options))
        return time.perf_counter() - started

    if scenario == "bare WeasyPrint render":
        return bare_render(project)
    if scenario == "bare render, flex covers":
        return bare_render(project, FLEX_COVERS)
    if scenario == "one-pass render":
        loaded = load_project(project)
        document = compose(loaded, load_layout(loaded.layout, loaded.root))
        started = _start()
        render(document)
        return time.perf_counter() - started
    if scenario.startswith("pieces render"):
        from zine.cache.store import Files, PartStore

        loaded = load_project(project)
        document = compose(loaded, load_layout(loaded.layout, loaded.root))
        ids = [f"c{n}" for n in range(1, len(loaded.contributions) + 1)]
        started = _start()
        incremental.render_in_pieces(document, ids, PartStore(None, Files(project)), "bench",
                                     jobs=int(scenario[-1]))
        return time.perf_counter() - started
    if scenario == "full build, one pass":
        incremental.render_contributions = lambda document, *_args: render(document)
        return fresh_build(jobs=1)
    if scenario == "full build":
        return fresh_build()
    if scenario == "full build, pieces -j1":
        return fresh_build(jobs=1)
    if scenario == "full build, pieces -j2":
        return fresh_build(jobs=2)
    if scenario == "full build, no preflight":
        return fresh_build(preflight=False)
    if scenario == "one-edit rebuild, no preflight":
        fresh_build(preflight=False)
        edit_middle(project)
        started = _start()
        build(project, BuildOptions(output=out, preflight=False))
        return time.perf_counter() - started
    if scenario == "no-change rebuild":
        fresh_build()
        started = _start()
        build(project, BuildOptions(output=out))
        return time.perf_counter() - started
    if scenario == "one-edit rebuild":
        fresh_build()
        edit_middle(project)
        started = _start()
        build(project, BuildOptions(output=out))
        return time.perf_counter() - started
    raise SystemExit(f"unknown scenario {scenario!r}")


MARKDOWN_MODULES = ("markdown.extensions.footnotes", "markdown.extensions.tables", "markdown.extensions.attr_list",
                    "markdown.extensions.sane_lists", "markdown.extensions.smarty", "pymdownx.superfences",
                    "pymdownx.highlight", "pymdownx.magiclink", "pymdownx.tilde", "pymdownx.quotes")


# The cover and back cover as a5-booklet laid them out before they were pinned with
# position: absolute: flex columns, which WeasyPrint measures again and again.
FLEX_COVERS = (".cover, .back-cover { display: flex; flex-direction: column; justify-content: space-between; }\n"
               ".cover-foot, .colophon { position: static; }")


def bare_render(project: Path, extra_css: str = "") -> float:
    """Seconds WeasyPrint alone takes to turn the composed HTML and its CSS into a PDF.

    The yardstick for a build: same HTML, same stylesheets and fonts, but none of
    zine's own work (sandboxed fetching, pieces, cache, imposition, preflight).
    Parsing the stylesheets is counted, as a build pays for it too. Fonts are
    subsetted with HarfBuzz, as a build does them: WeasyPrint's fontTools fallback
    alone takes about 0.4 s a font, which no layout choice could win back."""
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

    from zine.compose.fonts import font_face_css
    from zine.compose.html import compose
    from zine.layout.resolve import load_layout
    from zine.project.load import load_project
    from zine.render.compat import harfbuzz_subsetting

    loaded = load_project(project)
    document = compose(loaded, load_layout(loaded.layout, loaded.root))
    started = _start()
    fonts = FontConfiguration()
    sheets = [weasyprint.CSS(string=font_face_css(document.fonts) + "\n" + document.extra_css, font_config=fonts)]
    sheets += [weasyprint.CSS(filename=str(path), font_config=fonts) for path in document.stylesheets]
    if extra_css:
        sheets.append(weasyprint.CSS(string=extra_css, font_config=fonts))
    with harfbuzz_subsetting():
        weasyprint.HTML(string=document.html, base_url=document.base.resolve().as_uri() + "/").write_pdf(
            stylesheets=sheets, font_config=fonts)
    return time.perf_counter() - started


_CPU_AT_START: list[float] = []


def _cpu() -> float:
    """CPU seconds of this process and its finished children: what a measurement costs,
    whatever else the machine is doing (wall time is not, on a shared machine)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _start() -> float:
    """Start the clocks of a measurement: wall time returned, CPU time kept."""
    _CPU_AT_START.append(_cpu())
    return time.perf_counter()


def _peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def run_measurement(scenario: str, count: int, scratch: Path) -> tuple[float, float, float]:
    """(seconds, peak MB, CPU seconds) of a scenario in a fresh process on a fresh copy of the anthology."""
    project = make_anthology(scratch / f"m{time.monotonic_ns()}", count)
    command = [sys.executable, __file__, "--measure", scenario, str(project), str(scratch / "out.pdf")]
    answer = subprocess.run(command, capture_output=True, text=True, check=True, cwd=scratch)
    result = json.loads(answer.stdout.strip().splitlines()[-1])
    shutil.rmtree(project, ignore_errors=True)
    return result["seconds"], result["peak_mb"], result["cpu"]


def run_cli(arguments: list[str], cwd: Path) -> float:
    started = time.perf_counter()
    subprocess.run([*ZINE, *arguments], cwd=cwd, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def batch_against_separate(projects: int, scratch: Path) -> tuple[float, float]:
    """Seconds for ``projects`` small zines: one ``zine batch`` against one ``zine build`` each."""
    folders = [make_anthology(scratch / f"batch{n}", 1, paragraphs=10, seed=n) for n in range(projects)]
    (scratch / "out").mkdir(exist_ok=True)
    separate = 0.0
    for folder in folders:
        shutil.rmtree(folder / ".zine-cache", ignore_errors=True)
        separate += run_cli(["build", str(folder), "-o", str(scratch / "out" / f"{folder.name}.pdf")], scratch)
    for folder in folders:
        shutil.rmtree(folder / ".zine-cache", ignore_errors=True)
    batch = run_cli(["batch", *map(str, folders), "-o", str(scratch / "out")], scratch)
    return separate, batch


def no_change_cli(count: int, scratch: Path) -> float:
    """Wall time of ``zine build`` (a whole new Python process) on an unchanged anthology."""
    project = make_anthology(scratch / "cli", count)
    run_cli(["build", str(project), "-o", "cli.pdf"], scratch)
    return run_cli(["build", str(project), "-o", "cli.pdf"], scratch)


# The installed ``zine`` command beside this Python, as a user would run it.
_SCRIPT = Path(sys.executable).with_name("zine")
ZINE = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-c", "from zine.cli import main; main()"]

SCENARIOS = ["bare WeasyPrint render", "bare render, flex covers", "one-pass render", "pieces render, nothing cached -j1", "pieces render, nothing cached -j2",
             "full build, one pass", "full build", "full build, pieces -j1", "full build, pieces -j2",
             "no-change rebuild", "one-edit rebuild", "full build, no preflight", "one-edit rebuild, no preflight"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--contributions", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--projects", type=int, default=6)
    parser.add_argument("--only", action="append", metavar="SCENARIO",
                        help="run only these scenarios (and skip the CLI and batch runs); repeatable")
    parser.add_argument("--measure", nargs=3, metavar=("SCENARIO", "PROJECT", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        seconds = measure(args.measure[0], Path(args.measure[1]), Path(args.measure[2]))
        print(json.dumps({"seconds": seconds, "cpu": _cpu() - _CPU_AT_START[-1], "peak_mb": _peak_mb()}))
        return
    unknown = [name for name in args.only or [] if name not in SCENARIOS]
    if unknown:
        parser.error(f"unknown scenario {unknown[0]!r}; scenarios: {', '.join(SCENARIOS)}")
    scenarios = [name for name in SCENARIOS if not args.only or name in args.only]
    with tempfile.TemporaryDirectory(prefix="zine-bench-") as folder:
        scratch = Path(folder)
        # Rounds of every scenario in turn, so that a busy moment of the machine hits all alike.
        runs: dict[str, list] = {scenario: [] for scenario in scenarios}
        for round_number in range(args.repeat):
            for scenario in scenarios:
                runs[scenario].append(run_measurement(scenario, args.contributions, scratch))
            print(f"  round {round_number + 1} of {args.repeat} done", file=sys.stderr)
        print_table(args, runs)
        if args.only:
            return
        cli = statistics.median(no_change_cli(args.contributions, scratch) for _ in range(args.repeat))
        pairs = [batch_against_separate(args.projects, scratch) for _ in range(args.repeat)]
        separate, batch = statistics.median(p[0] for p in pairs), statistics.median(p[1] for p in pairs)
    print(f"{'no-change rebuild, zine build CLI':<34} {cli:>8.2f} {'':>8}  whole process, Python start included")
    print(f"{f'{args.projects} separate zine build runs':<34} {separate:>8.2f}")
    print(f"{f'zine batch of the {args.projects}':<34} {batch:>8.2f} {'':>8}  {batch / separate:.2f}x (target < 0.5x)")


# Each row's note: (the row it is compared with, what the note says after the ratio).
NOTES = {
    "bare render, flex covers": ("bare WeasyPrint render", "the bare render (covers as flex boxes)"),
    "one-pass render": ("bare WeasyPrint render", "the bare render"),
    "full build": ("bare WeasyPrint render", "the bare render (target <= 1.10x)"),
    "full build, one pass": ("bare WeasyPrint render", "the bare render"),
    "full build, pieces -j1": ("full build, one pass", "a one-pass build"),
    "full build, pieces -j2": ("full build, one pass", "a one-pass build"),
    "pieces render, nothing cached -j1": ("one-pass render", "the one-pass render"),
    "pieces render, nothing cached -j2": ("one-pass render", "the one-pass render"),
    "one-edit rebuild": ("full build", "full build (target < 0.3x)"),
    "one-edit rebuild, no preflight": ("full build, no preflight", "full build, both without preflight"),
}


def print_table(args, runs: dict[str, list]) -> None:
    """Medians, and each ratio as the median of the rounds' own ratios: a round runs every
    scenario in turn, so a busy spell of the machine slows both sides of a ratio alike.
    CPU seconds (this process and its workers) are steadier than wall time on a busy machine."""
    print(f"{args.contributions} contributions, medians of {args.repeat}, {os.cpu_count()} cores")
    print(f"{'measurement':<34} {'seconds':>8} {'cpu s':>7} {'peak MB':>8}  note (wall ratio, cpu ratio)")
    for name, results in runs.items():
        seconds, peak = statistics.median(r[0] for r in results), max(r[1] for r in results)
        cpu = statistics.median(r[2] for r in results)
        against, words = NOTES.get(name, (None, ""))
        note = ""
        if against in runs:
            pairs = list(zip(results, runs[against]))
            wall = statistics.median(mine[0] / theirs[0] for mine, theirs in pairs)
            used = statistics.median(mine[2] / theirs[2] for mine, theirs in pairs)
            note = f"{wall:.2f}x, cpu {used:.2f}x {words}"
        print(f"{name:<34} {seconds:>8.2f} {cpu:>7.2f} {peak:>8.0f}  {note}")


if __name__ == "__main__":
    main()
