"""A static file server for a built site, mounted under a sub-path like a GitHub Pages project site.

Shared by the benchmark (Lighthouse), the browser tests (via tests/support/server.py) and
scripts/screenshots.py, so all three see the site as GitHub Pages serves it.
"""

from __future__ import annotations

import gzip
import io
import os
import threading
from functools import lru_cache, partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any, BinaryIO
from urllib.parse import unquote, urlsplit

PREFIX = "/partner-or-customer/"

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
    ".map": "application/json",
    ".webmanifest": "application/manifest+json",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".ico": "image/x-icon",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".xml": "application/xml",
    ".txt": "text/plain; charset=utf-8",
    ".md": "text/markdown; charset=utf-8",
    ".gz": "application/gzip",
}


COMPRESSIBLE = {".html", ".js", ".mjs", ".css", ".json", ".svg", ".xml", ".txt", ".md", ".map", ".webmanifest"}


@lru_cache(maxsize=512)
def _gzipped(file: Path, mtime_ns: int) -> bytes:
    """Gzip level 6 (what web servers use), cached per file version."""
    return gzip.compress(file.read_bytes(), compresslevel=6, mtime=0)


class _Handler(SimpleHTTPRequestHandler):
    """Serves `directory` at `prefix`; everything else, missing files and index-less folders are 404."""

    def __init__(self, *args: Any, prefix: str, gzip: bool = True, **kwargs: Any) -> None:
        # Per instance, not a shared class-level dict: the base class handles the request inside
        # __init__, so everything it reads is set before calling it.
        self.extensions_map = {"": "application/octet-stream", **CONTENT_TYPES}
        self.prefix = prefix
        self.gzip = gzip
        super().__init__(*args, **kwargs)

    def send_head(self) -> io.BytesIO | BinaryIO | None:
        path = unquote(urlsplit(self.path).path)
        if path == self.prefix.rstrip("/"):
            self.send_response(HTTPStatus.MOVED_PERMANENTLY)
            self.send_header("Location", self.prefix)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        if not path.startswith(self.prefix):
            return self._not_found()
        if "gzip" in (self.headers.get("Accept-Encoding") or "") and self.gzip:
            return self._send_gzipped() or super().send_head()
        return super().send_head()

    def _send_gzipped(self) -> io.BytesIO | None:
        """Text files gzip-compressed, as GitHub Pages serves them; None to fall back to plain."""
        file = Path(self.translate_path(self.path))
        if file.is_dir():
            if not urlsplit(self.path).path.endswith("/"):
                return None  # the base class redirects to the slashed URL
            file = file / "index.html"
        content_type = CONTENT_TYPES.get(file.suffix)
        if not file.is_file() or file.suffix not in COMPRESSIBLE or not content_type:
            return None
        body = _gzipped(file, file.stat().st_mtime_ns)
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def translate_path(self, path: str) -> str:
        path = urlsplit(path).path
        if path.startswith(self.prefix):
            path = "/" + path[len(self.prefix) :]
        return super().translate_path(path)

    # The 404 page's open file, which do_GET copies like any body: the stub says BytesIO only.
    def list_directory(self, path: str | os.PathLike[str]) -> BinaryIO | None:  # type: ignore[override]
        return self._not_found()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code == HTTPStatus.NOT_FOUND:
            file = self._not_found()
            if file is not None:
                try:
                    if self.command != "HEAD":
                        self.copyfile(file, self.wfile)
                finally:
                    file.close()
            return
        super().send_error(code, message, explain)

    def _not_found(self) -> BinaryIO | None:
        """404 with the site's own 404.html when it has one (as GitHub Pages does)."""
        page = Path(self.directory) / "404.html"
        if not page.is_file():
            super().send_error(HTTPStatus.NOT_FOUND)
            return None
        file = page.open("rb")
        self.send_response(HTTPStatus.NOT_FOUND)
        self.send_header("Content-Type", CONTENT_TYPES[".html"])
        self.send_header("Content-Length", str(page.stat().st_size))
        self.end_headers()
        return file

    def log_message(self, format: str, *args: object) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass


class SiteServer:
    """Serve `root` on 127.0.0.1 (a free port) under `prefix`, in a daemon thread; text files are
    gzip-compressed for clients that accept it (as on GitHub Pages) unless `gzip=False`.

    Use as a context manager, or call start()/stop(). `base_url` ends with the prefix.
    """

    def __init__(
        self, root: Path, prefix: str = PREFIX, host: str = "127.0.0.1", port: int = 0, gzip: bool = True
    ) -> None:
        if not (prefix.startswith("/") and prefix.endswith("/")):
            raise ValueError(f"prefix must start and end with '/': {prefix!r}")
        self.root = Path(root)
        self.prefix = prefix
        handler = partial(_Handler, directory=str(self.root), prefix=prefix, gzip=gzip)
        self._httpd = _Server((host, port), handler)
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="site-server", daemon=True)

    @property
    def origin(self) -> str:
        """Scheme, host and the port actually bound (a free one when port=0)."""
        host, port = self._httpd.server_address[:2]
        assert isinstance(host, str)  # an IPv4 server's host is text; the stub also allows bytes
        return f"http://{host}:{port}"

    @property
    def base_url(self) -> str:
        """The site's root URL: the origin plus the prefix, ending with '/'."""
        return self.origin + self.prefix

    def url(self, path: str = "") -> str:
        """Absolute URL of a site path: "quiz/" gives http://127.0.0.1:PORT/partner-or-customer/quiz/."""
        return self.base_url + path.lstrip("/")

    def start(self) -> SiteServer:
        """Start serving in the background thread; returns self, so `SiteServer(root).start()` reads well."""
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving, free the port and wait for the thread to end."""
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> SiteServer:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()
