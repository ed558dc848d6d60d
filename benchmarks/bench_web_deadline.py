"""How long a download lasts against a server that trickles bytes: a per-read timeout
(what ``--fetch-images`` did with urllib) against the import session's watchdog.

Run: python benchmarks/bench_web_deadline.py
A local server sends one byte every 0.5 s for 12 s, in the body or in the headers.
Both sides are given 3 seconds: urllib as its socket timeout and as a deadline checked
between reads (the old way), the session as its per-address limit. Prints seconds each.
"""

from __future__ import annotations

import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from zine.core import limits
from zine.core.errors import FetchError
from zine.importers.net import Session

BYTE_EVERY = 0.5
BYTES = 24
LIMIT = 3.0


class Trickle(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802
        head = self.path == "/head"
        if not head:
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
        else:
            self.wfile.write(b"HTTP/1.1 200 OK\r\n")
        chunk = b"X-Slow: y\r\n" if head else b"<"
        try:
            for n in range(BYTES):
                self.wfile.write(chunk[n % len(chunk):n % len(chunk) + 1])
                self.wfile.flush()
                time.sleep(BYTE_EVERY)
            if head:
                self.wfile.write(b"Content-Length: 0\r\n\r\n")
        except OSError:
            pass

    def log_message(self, *args):
        pass


def per_read_timeout(url: str) -> float:
    start = time.monotonic()
    deadline = start + LIMIT
    try:
        with urllib.request.urlopen(url, timeout=LIMIT) as response:
            while response.read(64 * 1024):
                if time.monotonic() > deadline:
                    break
    except OSError:
        pass
    return time.monotonic() - start


def session(url: str) -> float:
    limits.WEB_REQUEST_SECONDS = LIMIT
    start = time.monotonic()
    try:
        Session(allow_private=True).get(url)
    except FetchError:
        pass
    return time.monotonic() - start


def main() -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Trickle)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    print(f"server: 1 byte every {BYTE_EVERY} s, {BYTES} bytes; limit given to both: {LIMIT} s")
    for where in ("body", "head"):
        old, new = per_read_timeout(f"{base}/{where}"), session(f"{base}/{where}")
        print(f"  trickle in the {where:4}: per-read timeout {old:5.1f} s   session {new:4.1f} s   "
              f"ratio {old / new:4.1f}")
    server.shutdown()


if __name__ == "__main__":
    main()
