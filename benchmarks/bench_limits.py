"""Hostile inputs at full size: time, peak memory and outcome of each.

Every case builds its input in a temporary folder and runs the ``zine``
command on it in a child process with a timeout and an address-space cap, then
prints one row: seconds, the child's peak resident memory, exit status and the
first line of what it said. A case that passes the limits ends well inside
both, built or refused with one error naming the file.

    python benchmarks/bench_limits.py                  # full size
    python benchmarks/bench_limits.py --scale 0.1      # smaller inputs
    python benchmarks/bench_limits.py --only word,fifo
    python benchmarks/bench_limits.py --zine OLD/bin/zine --zine NEW/bin/zine   # side by side
    python benchmarks/bench_limits.py --only round2 --mem-gb 1 --timeout 60   # the second round

Memory is ``ru_maxrss`` of the child as ``wait4`` reports it (the largest
resident set of the process and of the processes it waited for); CPU seconds
are its user and system time, steadier than wall time on a busy machine. A case
killed at the timeout reports what it had used until then.
"""

from __future__ import annotations

import argparse
import os
import resource
import shlex
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Callable

WORDS = ("tenants", "council", "meeting", "library", "bus", "route", "closure", "petition",
         "residents", "budget", "vote", "street", "school", "hall", "park", "rent")


def prose(n_words: int, seed: int = 0) -> str:
    """Filler text of ``n_words`` words, made up here (no sample prose)."""
    k = len(WORDS)
    return " ".join(WORDS[(i * 7 + seed) % k] for i in range(n_words))


def project(root: Path, body: str, *, title: str = "Hostile input", toml_extra: str = "",
            comments: str | None = None) -> Path:
    """A one-article project folder; returns the folder."""
    folder = root / "proj"
    (folder / "images").mkdir(parents=True, exist_ok=True)
    lines = ["---", f"title: {title!r}" if "'" not in title else f'title: "{title}"',
             "date: 2026-10-14"]
    if comments is not None:
        lines.append("comments: comments.yaml")
        (folder / "comments.yaml").write_text(comments, encoding="utf-8")
    lines.append("---")
    (folder / "article.md").write_text("\n".join(lines) + "\n\n" + body + "\n", encoding="utf-8")
    (folder / "zine.toml").write_text(
        f'title = "Hostile input"\ndate = "2026-10-20"\n{toml_extra}\n'
        '[[contribution]]\narticle = "article.md"\n', encoding="utf-8")
    return folder


def picture(path: Path, width: int, height: int, mode: str = "RGB") -> None:
    """A gradient PNG of the given size, drawn in strips to keep this process small."""
    from PIL import Image
    strip = Image.linear_gradient("L").resize((width, 256)).convert(mode)
    step = 256
    image = Image.new(mode, (width, height))
    for top in range(0, height, step):
        image.paste(strip, (0, top))
    image.save(path, compress_level=1)


def build_args(folder: Path) -> list[str]:
    (folder.parent / "out").mkdir(exist_ok=True)
    return ["build", str(folder), "-o", str(folder.parent / "out" / "out.pdf")]


def blank_pdf(path: Path, pages: int, size_pt: float) -> None:
    """A PDF of ``pages`` pages of ``size_pt`` square, sharing one content stream."""
    import pikepdf
    pdf = pikepdf.new()
    content = pdf.make_stream(b"0 g 10 10 20 20 re f")
    for _ in range(pages):
        page = pikepdf.Dictionary(Type=pikepdf.Name.Page, MediaBox=[0, 0, size_pt, size_pt],
                                  Contents=content, Resources=pikepdf.Dictionary())
        pdf.pages.append(pikepdf.Page(page))
    pdf.save(path, compress_streams=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)


# --- the cases: each makes its input under ``root`` and returns the zine arguments ---

def case_halftone_tall(root: Path, scale: float) -> list[str]:
    folder = project(root, "![A tall picture](images/tall.png)", toml_extra='images = "halftone"')
    picture(folder / "images" / "tall.png", 1000, max(100, int(59000 * scale)))
    return build_args(folder)


def case_big_picture(root: Path, scale: float) -> list[str]:
    folder = project(root, "![A big picture](images/big.png)")
    side = max(100, int(10900 * scale ** 0.5))
    picture(folder / "images" / "big.png", side, side)
    return build_args(folder)


def case_sparse_unused(root: Path, scale: float) -> list[str]:
    folder = project(root, prose(200))
    with open(folder / "images" / "x.png", "wb") as f:
        f.truncate(max(1, int(3 * 1024 ** 3 * scale)))
    return build_args(folder)


def case_dev_zero(root: Path, scale: float) -> list[str]:
    folder = project(root, prose(200))
    (folder / "images" / "zero.png").symlink_to("/dev/zero")
    return build_args(folder)


def case_fifo(root: Path, scale: float) -> list[str]:
    folder = project(root, prose(200))
    os.mkfifo(folder / "images" / "fifo.png")
    return build_args(folder)


def case_long_word(root: Path, scale: float) -> list[str]:
    word = ("abcdefghij" * 2000)[: max(10, int(20000 * scale))]
    return build_args(project(root, prose(50) + " " + word + " " + prose(50)))


def case_long_title(root: Path, scale: float) -> list[str]:
    title = prose(400)[: max(10, int(2000 * scale))].strip()
    folder = project(root, prose(200), title=title)
    # One article on its own: its title is also the zine's, on the cover.
    return build_args(folder)[:1] + [str(folder / "article.md")] + build_args(folder)[2:]


def case_footnotes(root: Path, scale: float) -> list[str]:
    n = max(1, int(2000 * scale))
    refs = "\n\n".join(" ".join(f"{prose(8, i)}.[^{i}]" for i in range(k, min(k + 5, n + 1)))
                         for k in range(1, n + 1, 5))
    notes = "\n".join(f"[^{i}]: {prose(6, i)}." for i in range(1, n + 1))
    return build_args(project(root, refs + "\n\n" + notes))


def case_comments(root: Path, scale: float) -> list[str]:
    n = max(1, int(10000 * scale))
    items = "".join(f"- author: Reader {i}\n  text: {prose(20, i)}\n" for i in range(n))
    return build_args(project(root, prose(200), comments=items))


def case_paragraph(root: Path, scale: float) -> list[str]:
    size = max(1000, int(5 * 1024 * 1024 * scale))
    text = prose(size // 6 + 1)[:size]
    return build_args(project(root, text))


def case_impose_zero(root: Path, scale: float) -> list[str]:
    return ["impose", "/dev/zero", "-o", str(root / "out.pdf")]


def case_preview_huge_pages(root: Path, scale: float) -> list[str]:
    blank_pdf(root / "huge.pdf", 2, max(200.0, 14400 * scale ** 0.5))
    return ["preview", str(root / "huge.pdf"), "-o", str(root / "preview")]


def case_check_many_pages(root: Path, scale: float) -> list[str]:
    blank_pdf(root / "many.pdf", max(4, int(20000 * scale)), 420)
    return ["check", str(root / "many.pdf")]


# --- second round: inputs that passed the old limits, and internal errors (tests/helpers/hostile.py makes the PDFs) ---

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))


def _hostile():
    from helpers import hostile
    return hostile


def case_cjk(root: Path, scale: float) -> list[str]:
    text = "".join(chr(0x4E00 + (i * 37) % 20000) for i in range(max(100, int(198_000 * scale))))
    body = "\n\n".join(text[i:i + 900] for i in range(0, len(text), 900))
    return build_args(project(root, body))


def case_long_comments(root: Path, scale: float) -> list[str]:
    words = " ".join(["bus"] * 1600)
    items = "".join(f"- author: Reader {i}\n  text: \"{words}\"\n" for i in range(max(1, int(500 * scale))))
    return build_args(project(root, prose(200), comments=items))


def _pdf(root: Path, name: str, data: bytes) -> Path:
    (root / name).write_bytes(data)
    return root / name


def case_check_nested(root: Path, scale: float) -> list[str]:
    return ["check", str(_pdf(root, "nested.pdf", _hostile().nested_forms()))]


def case_preview_nested(root: Path, scale: float) -> list[str]:
    return ["preview", str(_pdf(root, "nested.pdf", _hostile().nested_forms())), "-o", str(root / "pv")]


def case_check_paths(root: Path, scale: float) -> list[str]:
    return ["check", str(_pdf(root, "paths.pdf", _hostile().many_paths(max(3000, int(3_000_000 * scale)))))]


def case_impose_pages(root: Path, scale: float) -> list[str]:
    data = _hostile().many_pages(max(10, int(100_000 * scale)))
    return ["impose", str(_pdf(root, "many.pdf", data)), "-o", str(root / "out.pdf")]


def case_wxr_chain(root: Path, scale: float) -> list[str]:
    h = _hostile()
    (root / "export.xml").write_text(h.wordpress_export("<p>A post.</p>", h.reply_chain(max(10, int(20_000 * scale)))))
    return ["import", str(root / "export.xml"), "-o", str(root / "proj")]


def case_wxr_divs(root: Path, scale: float) -> list[str]:
    h = _hostile()
    (root / "export.xml").write_text(h.wordpress_export(h.nested_divs(max(10, int(60_000 * scale))), [(1, 0)]))
    return ["import", str(root / "export.xml"), "-o", str(root / "proj")]


def _local_layout(root: Path, block: str = "", css: str = "") -> Path:
    folder = project(root, prose(200), toml_extra='layout = "mine"')
    layout = folder / "layouts" / "mine"
    layout.mkdir(parents=True)
    (layout / "layout.toml").write_text('name = "mine"\nextends = "a5-booklet"\ncss = ["extra.css"]\n')
    (layout / "extra.css").write_text(css or "h1 { letter-spacing: 0; }\n")
    if block:
        (layout / "zine.html").write_text('{% extends "!a5-booklet/zine.html" %}{% block cover %}' + block
                                          + "{% endblock %}")
    return folder


def case_layout_loops(root: Path, scale: float) -> list[str]:
    return build_args(_local_layout(root, "{% for a in range(100000) %}{% for b in range(100000) %}"
                                          "{% endfor %}{% endfor %}"))


def case_layout_string(root: Path, scale: float) -> list[str]:
    return build_args(_local_layout(root, "{{ 'x' * 1500000000 }}"))


def case_layout_macro(root: Path, scale: float) -> list[str]:
    return build_args(_local_layout(root, "{% macro down() %}{{ down() }}{% endmacro %}{{ down() }}"))


def case_layout_svg(root: Path, scale: float) -> list[str]:
    folder = _local_layout(root, css="body { background: url(bomb.svg); }\n")
    uses = "".join(f'<g id="l{n}">' + f'<use href="#l{n - 1}"/>' * 10 + "</g>" for n in range(1, 10))
    (folder / "layouts" / "mine" / "bomb.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><defs><rect id="l0" width="1" '
        f'height="1"/>{uses}</defs><use href="#l9"/></svg>')
    return build_args(folder)


def case_saved_pictures(root: Path, scale: float) -> list[str]:
    files = root / "Page_files"
    files.mkdir()
    for n in range(8):
        with open(files / f"p{n}.png", "wb") as stream:
            stream.truncate(max(1, int(150 * 1024 ** 2 * scale)))
    images = "".join(f'<img src="Page_files/p{n}.png">' for n in range(8))
    (root / "Page.html").write_text(f"<html><body><article><h1>Page</h1><p>{prose(50)}</p>{images}"
                                    "</article></body></html>")
    return ["import", str(root / "Page.html"), "-o", str(root / "proj"), "--allow-no-comments"]


def case_fonts_dot(root: Path, scale: float) -> list[str]:
    return build_args(project(root, prose(50), toml_extra='fonts = ["x.y"]'))


def case_ledger(root: Path, scale: float) -> list[str]:
    folder = project(root, prose(50))
    (folder / ".zine-cache").mkdir()
    (folder / ".zine-cache" / "outputs.json").write_text('{"outputs": 5}')
    return ["build", str(folder), "-o", str(folder / "out.pdf"), "--no-impose"]


def case_truncated(root: Path, scale: float) -> list[str]:
    data = _hostile().font_named_in_latin1()
    return ["check", str(_pdf(root, "cut.pdf", data[: len(data) * 3 // 5]))]


def case_latin1_font(root: Path, scale: float) -> list[str]:
    return ["check", str(_pdf(root, "latin.pdf", _hostile().font_named_in_latin1()))]


CASES: dict[str, tuple[str, Callable[[Path, float], list[str]]]] = {
    "halftone": ("halftone of a 1000 x 59000 px picture", case_halftone_tall),
    "bigpic": ("a 10900 x 10900 px picture", case_big_picture),
    "sparse": ("3 GB sparse images/x.png, unused", case_sparse_unused),
    "devzero": ("/dev/zero linked as images/zero.png", case_dev_zero),
    "fifo": ("a FIFO named images/fifo.png", case_fifo),
    "word": ("one 20,000-character word", case_long_word),
    "title": ("a 2,000-character title", case_long_title),
    "footnotes": ("2,000 footnotes", case_footnotes),
    "comments": ("10,000 comments", case_comments),
    "paragraph": ("a 5 MB paragraph", case_paragraph),
    "impose": ("zine impose /dev/zero", case_impose_zero),
    "preview": ("preview: two 14,400 pt pages", case_preview_huge_pages),
    "check": ("check: a 20,000-page PDF", case_check_many_pages),
    "cjk": ("198,000 CJK characters", case_cjk),
    "longcomm": ("500 comments of 1,600 words", case_long_comments),
    "chknested": ("check: 8 KB of nested forms", case_check_nested),
    "pvnested": ("preview: 8 KB of nested forms", case_preview_nested),
    "chkpaths": ("check: a page of 3 million path operators", case_check_paths),
    "imp100k": ("impose: 100,000 pages", case_impose_pages),
    "wxrchain": ("import: a 20,000-deep reply chain", case_wxr_chain),
    "wxrdivs": ("import: 60,000 nested <div>s", case_wxr_divs),
    "tplloops": ("local layout: nested range(100000) loops", case_layout_loops),
    "tplstring": ("local layout: a 1.5-billion-character string", case_layout_string),
    "tplmacro": ("local layout: a macro calling itself", case_layout_macro),
    "tplsvg": ("local layout: an SVG <use> bomb in CSS url()", case_layout_svg),
    "savedpics": ("import: a saved page with eight 150 MB pictures", case_saved_pictures),
    "fontdot": ('fonts = ["x.y"]', case_fonts_dot),
    "ledger": ('ledger {"outputs": 5}', case_ledger),
    "truncated": ("check: a truncated PDF", case_truncated),
    "latin1font": ("check: a font name that is not UTF-8", case_latin1_font),
}
ROUND_TWO = ["cjk", "longcomm", "chknested", "pvnested", "chkpaths", "imp100k", "wxrchain", "wxrdivs", "tplloops",
             "tplstring", "tplmacro", "tplsvg", "savedpics", "fontdot", "ledger", "truncated", "latin1font"]


def run(command: list[str], cwd: str, timeout: float, mem_bytes: int) -> tuple[float, float, float, str, str]:
    """Run ``command``; return (seconds, CPU seconds, peak MB, outcome, first line said)."""
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (mem_bytes, mem_bytes))

    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        child = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                                 preexec_fn=limit, start_new_session=True, cwd=cwd)
        timed_out = threading.Event()

        def kill() -> None:
            timed_out.set()
            os.killpg(child.pid, signal.SIGKILL)

        timer = threading.Timer(timeout, kill)
        timer.start()
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        timer.cancel()
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        said = out.read().decode("utf-8", "replace").splitlines()
    first = next((line for line in said if line.startswith("Error:")), None)
    first = first or next((line for line in said if line.strip()), "")
    if timed_out.is_set():
        outcome = f"timeout>{timeout:.0f}s"
    elif child.returncode < 0:
        outcome = f"killed({-child.returncode})"
    else:
        outcome = f"exit {child.returncode}"
    if any("Traceback" in line or "MemoryError" in line for line in said):
        outcome += " +traceback" if any("Traceback" in line for line in said) else " +MemoryError"
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, outcome, first.strip()


def _made_apart(make: Callable[[Path, float], list[str]], root: Path, scale: float) -> list[str]:
    """``make(root, scale)`` in a forked process: ru_maxrss counts what a child had before it
    ran zine, so this process must not grow while it makes big inputs."""
    import multiprocessing

    with multiprocessing.get_context("fork").Pool(1) as pool:
        return pool.apply(make, (root, scale))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="input size factor (default 1)")
    parser.add_argument("--quick", action="store_true", help="same as --scale 0.1")
    parser.add_argument("--only", default="", help="comma-separated case names: " + ",".join(CASES)
                        + "; 'round2' for the second round's cases")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per case (default 60)")
    parser.add_argument("--mem-gb", type=float, default=3.0, help="address-space cap (default 3 GB)")
    parser.add_argument("--zine", action="append",
                        help="a zine command; give it twice to compare versions case by case "
                             "(default: the one beside this Python)")
    parser.add_argument("--width", type=int, default=110, help="characters of the message to show")
    args = parser.parse_args()
    scale = 0.1 if args.quick else args.scale
    # zine keeps the key sealing its caches in the user's cache folder: not the real one here.
    os.environ.setdefault("XDG_CACHE_HOME", tempfile.mkdtemp(prefix="zine-bench-cache-"))
    names = [n for n in args.only.split(",") if n] or list(CASES)
    names = [m for n in names for m in (ROUND_TWO if n == "round2" else [n])]
    commands = args.zine or [str(Path(sys.executable).with_name("zine"))]
    for number, command in enumerate(commands, 1):
        print(f"zine #{number}: {command}")
    print(f"load average {os.getloadavg()[0]:.1f}; scale {scale:g}, timeout {args.timeout:g} s, address space {args.mem_gb:g} GB, {os.cpu_count()} cores")
    print(f"{'case':10} {'zine':>4} {'seconds':>8} {'CPU s':>7} {'peak MB':>8}  {'outcome':22} message")
    for name in names:
        what, make = CASES[name]
        for number, command in enumerate(commands, 1):
            with tempfile.TemporaryDirectory(prefix=f"zine-limit-{name}-") as tmp:
                argv = shlex.split(command) + _made_apart(make, Path(tmp), scale)
                seconds, cpu, peak, outcome, said = run(argv, tmp, args.timeout, int(args.mem_gb * 1024 ** 3))
            said = said.replace(tmp, "TMP")
            print(f"{name:10} {'#' + str(number):>4} {seconds:8.1f} {cpu:7.1f} {peak:8.0f}  {outcome:22} "
                  f"{said[:args.width]}", flush=True)
    print("cases: " + "; ".join(f"{n} = {CASES[n][0]}" for n in names))


if __name__ == "__main__":
    main()
