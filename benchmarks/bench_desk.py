"""Benchmark the desk: from saving a file to the page showing the new pages, against a plain
``zine build`` of the same change.

    python benchmarks/bench_desk.py [--repeat 5] [--pieces 10]

Two projects are made as ``bench_build.py`` makes them: a one-article zine and an anthology
of ``--pieces`` contributions. For each, one contribution's text is changed ``--repeat``
times (a sentence added at its end).

- desk: ``zine serve`` runs on the project; the clock starts just before the file is written
  and stops when ``/state`` shows the new pages and every changed page image has been fetched,
  as the open page would fetch them (the checks that follow the pages are waited out between
  rounds, unmeasured);
- build: the same change built in a warm process with ``build()`` (cache on, as the desk
  builds), and with the ``zine build`` command (a new process each time, as a person runs it).

Prints the median of each, and the desk's median over each build median.
"""

from __future__ import annotations

import argparse
import queue
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_build import edit_middle, make_anthology  # noqa: E402

ZINE = Path(sys.executable).with_name("zine")


def desk_times(project: Path, repeat: int) -> list[float]:
    """Save, then follow the desk's event stream as the page does: fetch the state on each event."""
    import httpx

    process = subprocess.Popen([str(ZINE), "serve", str(project), "--port", "0"], stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True)
    url = re.search(r"(http://[^/ ]+)/", process.stdout.readline()).group(1)
    client = httpx.Client(base_url=url, timeout=300)
    events: queue.Queue = queue.Queue()
    threading.Thread(target=_follow, args=(url, events), daemon=True).start()
    try:
        state = _until(client, events, _checked)
        times = []
        for _ in range(repeat):
            before = state["pages"]
            started = time.perf_counter()
            edit_middle(project)
            state = _until(client, events, lambda s: _built(s) and s["pages"] != before)
            for image in set(state["pages"]) - set(before):
                client.get(image).raise_for_status()
            times.append(time.perf_counter() - started)
            state = _until(client, events, _checked)  # the checks that follow, unmeasured
        return times
    finally:
        client.close()
        process.terminate()
        process.wait(15)


def _built(state: dict) -> bool:
    return bool(state.get("pages")) and not state["building"] and not state["error"]


def _checked(state: dict) -> bool:
    return _built(state) and state["checks"] is not None


def _follow(url: str, events: queue.Queue) -> None:
    import httpx

    try:
        with httpx.stream("GET", url + "/events", timeout=None) as stream:
            for line in stream.iter_lines():
                if line.startswith("data:"):
                    events.put(line)
    except httpx.HTTPError:  # the desk stopped at the end of the run
        pass


def _until(client, events: queue.Queue, ready) -> dict:
    while True:
        state = client.get("/state").json()
        if ready(state):
            return state
        events.get(timeout=300)


def build_times(project: Path, out: Path, repeat: int) -> list[float]:
    """In this process, warm: the same change built with the cache, as the desk builds it."""
    from zine.pipeline.build import BuildOptions, build

    build(project, BuildOptions(output=out))
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        edit_middle(project)
        build(project, BuildOptions(output=out))
        times.append(time.perf_counter() - started)
    return times


def command_times(project: Path, out: Path, repeat: int) -> list[float]:
    subprocess.run([str(ZINE), "build", str(project), "-o", str(out)], check=True, capture_output=True)
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        edit_middle(project)
        subprocess.run([str(ZINE), "build", str(project), "-o", str(out)], check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--pieces", type=int, default=10)
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-desk-") as scratch:
        for label, count in (("one article", 1), (f"anthology of {args.pieces}", args.pieces)):
            source = make_anthology(Path(scratch) / f"source-{count}", count)
            figures = {}
            for kind in ("desk", "build()", "zine build"):
                project = Path(scratch) / f"{kind.replace(' ', '-')}-{count}"
                shutil.copytree(source, project)
                out = Path(scratch) / f"out-{kind.replace(' ', '-')}-{count}" / "zine.pdf"
                out.parent.mkdir()
                if kind == "desk":
                    figures[kind] = desk_times(project, args.repeat)
                elif kind == "build()":
                    figures[kind] = build_times(project, out, args.repeat)
                else:
                    figures[kind] = command_times(project, out, args.repeat)
            rows.append((label, {k: statistics.median(v) for k, v in figures.items()}))
    print(f"save-to-updated-page, one contribution edited, median of {args.repeat} (seconds)")
    print(f"{'project':<18} {'desk':>7} {'build()':>9} {'zine build':>11} {'desk/build()':>13} {'desk/zine build':>16}")
    for label, medians in rows:
        desk, warm, command = medians["desk"], medians["build()"], medians["zine build"]
        print(f"{label:<18} {desk:7.2f} {warm:9.2f} {command:11.2f} {desk / warm:12.2f}x {desk / command:15.2f}x")


if __name__ == "__main__":
    main()
