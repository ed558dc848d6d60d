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
}


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="input size factor (default 1)")
    parser.add_argument("--quick", action="store_true", help="same as --scale 0.1")
    parser.add_argument("--only", default="", help="comma-separated case names: " + ",".join(CASES))
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per case (default 60)")
    parser.add_argument("--mem-gb", type=float, default=3.0, help="address-space cap (default 3 GB)")
    parser.add_argument("--zine", action="append",
                        help="a zine command; give it twice to compare versions case by case "
                             "(default: the one beside this Python)")
    parser.add_argument("--width", type=int, default=110, help="characters of the message to show")
    args = parser.parse_args()
    scale = 0.1 if args.quick else args.scale
    names = [n for n in args.only.split(",") if n] or list(CASES)
    commands = args.zine or [str(Path(sys.executable).with_name("zine"))]
    for number, command in enumerate(commands, 1):
        print(f"zine #{number}: {command}")
    print(f"load average {os.getloadavg()[0]:.1f}; scale {scale:g}, timeout {args.timeout:g} s, address space {args.mem_gb:g} GB, {os.cpu_count()} cores")
    print(f"{'case':10} {'zine':>4} {'seconds':>8} {'CPU s':>7} {'peak MB':>8}  {'outcome':22} message")
    for name in names:
        what, make = CASES[name]
        for number, command in enumerate(commands, 1):
            with tempfile.TemporaryDirectory(prefix=f"zine-limit-{name}-") as tmp:
                argv = shlex.split(command) + make(Path(tmp), scale)
                seconds, cpu, peak, outcome, said = run(argv, tmp, args.timeout, int(args.mem_gb * 1024 ** 3))
            said = said.replace(tmp, "TMP")
            print(f"{name:10} {'#' + str(number):>4} {seconds:8.1f} {cpu:7.1f} {peak:8.0f}  {outcome:22} "
                  f"{said[:args.width]}", flush=True)
    print("cases: " + "; ".join(f"{n} = {CASES[n][0]}" for n in names))


if __name__ == "__main__":
    main()
