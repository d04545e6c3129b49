"""A tiny static server for the benchmark: gzip for text, cache headers, the site's security headers.

It answers like GitHub Pages: text files are gzip-compressed when the browser asks and every
file may be cached for ten minutes; files whose names carry a content hash (the theme's
main.57a0d79d.min.css) are cached for a year, as any host can do safely. Headers from
docs/_headers are sent too, so Lighthouse sees the Content-Security-Policy a fork's host sends.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import re
import threading
from pathlib import Path
from typing import ClassVar

GZIP_LEVEL = 6  # the usual default of static hosts and CDNs; the page-weight figures use the same
TEXT_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")
# Material's own files carry a content hash in their names (main.57a0d79d.min.css): safe to cache for good.
FINGERPRINTED = re.compile(r"\.[0-9a-f]{8}\.(?:min\.)?(?:css|js)$")


def gzip_bytes(data: bytes) -> bytes:
    """Compress like the server does (the figures and the served files must agree)."""
    return gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0)


def cache_control(path: str) -> str:
    """Return the Cache-Control value for a request path."""
    if FINGERPRINTED.search(path):
        return "public, max-age=31536000, immutable"
    return "public, max-age=600"


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serve files gzip-compressed when asked; add cache and security headers; stay quiet."""

    extra_headers: ClassVar[dict[str, str]] = {}
    protocol_version = "HTTP/1.1"  # keep-alive, like a real host

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the base class redirects to the slash form
            path = path / "index.html"
        if not path.is_file():
            return super().send_head()
        ctype = self.guess_type(str(path))
        data = path.read_bytes()
        encoded = "gzip" in self.headers.get("Accept-Encoding", "") and ctype.startswith(TEXT_TYPES)
        if encoded:
            data = gzip_bytes(data)
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", cache_control(self.path.split("?")[0]))
        if encoded:
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return _Body(data)

    def end_headers(self) -> None:
        for key, value in self.extra_headers.items():
            self.send_header(key, value)
        super().end_headers()

    def log_message(self, format, *args) -> None:
        pass


class _Body:
    """The file-like object `SimpleHTTPRequestHandler` copies to the socket."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, size: int = -1) -> bytes:
        data, self.data = (self.data, b"") if size < 0 else (self.data[:size], self.data[size:])
        return data

    def close(self) -> None:
        pass


def host_headers(headers_file: Path) -> dict[str, str]:
    """Return the headers of the `/*` block in a Netlify-style `_headers` file ({} if none)."""
    headers: dict[str, str] = {}
    if not headers_file.is_file():
        return headers
    in_block = False
    for line in headers_file.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            in_block = line.strip() == "/*"
        elif in_block:
            key, _, value = line.strip().partition(":")
            headers[key.strip()] = value.strip()
    return headers


def serve(directory: Path, headers: dict[str, str] | None = None) -> tuple[str, http.server.ThreadingHTTPServer]:
    """Serve `directory` on a free 127.0.0.1 port in a thread; return (base_url, server)."""
    handler = type("Handler", (_Handler,), {"extra_headers": dict(headers or {})})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server
