"""The test harness itself: the sub-path server, the same-origin guard and axe-core can all fail."""

from __future__ import annotations

import gzip
import http.client
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from support.browser import format_violations, off_origin, open_page, page_problems, run_axe
from support.server import PREFIX, SiteServer

GOOD_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Good</title></head>
<body><main><h1>Fine</h1><p>An accessible page.</p></main></body></html>"""
BAD_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bad</title></head>
<body><main><h1>Broken</h1><img src="x.png"></main></body></html>"""
LEAKY_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Leaky</title>
<script src="https://example.com/x.js"></script></head><body><main><h1>Leaky</h1></main></body></html>"""


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[Callable[[dict[str, str]], SiteServer]]:
    """Gives a function that, given {"index.html": "..."}, writes the files to a tmp dir and serves it under the prefix."""
    servers: list[SiteServer] = []

    def start(files: dict[str, str]) -> SiteServer:
        root = tmp_path / f"site{len(servers)}"
        for name, text in files.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_text(text, encoding="utf-8")
        servers.append(SiteServer(root).start())
        return servers[-1]

    yield start
    for server in servers:
        server.stop()


def fetch(url: str) -> tuple[int, str, str]:
    """(status, content type, body) without raising on 4xx."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers["Content-Type"], response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read().decode()


def test_server_serves_the_site_under_the_prefix_only(serve):
    server = serve(
        {
            "index.html": "home",
            "quiz/index.html": "quiz",
            "data.json": "{}",
            "app.js": "1",
            "site.css": "a{}",
            "logo.svg": "<svg/>",
            "empty/.keep": "",
            "404.html": "custom not found",
        }
    )
    (server.root.parent / "secret.txt").write_text("outside the site")
    assert server.base_url == f"{server.origin}{PREFIX}" and server.base_url.endswith("/partner-or-customer/")
    assert server.url("/quiz/") == server.url("quiz/") == server.base_url + "quiz/"

    assert fetch(server.base_url)[::2] == (200, "home")
    assert fetch(server.url("quiz/"))[::2] == (200, "quiz")
    types = {name: fetch(server.url(name))[1] for name in ["index.html", "data.json", "app.js", "site.css", "logo.svg"]}
    assert types == {
        "index.html": "text/html; charset=utf-8",
        "data.json": "application/json",
        "app.js": "text/javascript; charset=utf-8",
        "site.css": "text/css; charset=utf-8",
        "logo.svg": "image/svg+xml",
    }
    for outside in [
        "/",
        "/index.html",
        "/quiz/",
        "/partner-or-customerx/",
        "/partner-or-customer/missing.html",
        "/partner-or-customer/empty/",
        "/partner-or-customer/../secret.txt",
    ]:
        assert fetch(server.origin + outside)[::2] == (404, "custom not found"), outside

    connection = http.client.HTTPConnection(server.origin.removeprefix("http://"), timeout=10)
    for path, location in [("/partner-or-customer", PREFIX), ("/partner-or-customer/quiz", PREFIX + "quiz/")]:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        assert (response.status, response.headers["Location"]) == (301, location), path
        connection.close()


def test_text_is_gzipped_for_clients_that_accept_it(serve):
    server = serve({"index.html": "<p>home</p>" * 50, "logo.png": "not text"})
    connection = http.client.HTTPConnection(server.origin.removeprefix("http://"), timeout=10)
    for path, encoding in [(PREFIX, "gzip"), (PREFIX + "index.html", "gzip"), (PREFIX + "logo.png", None)]:
        connection.request("GET", path, headers={"Accept-Encoding": "gzip, deflate"})
        response = connection.getresponse()
        body = response.read()
        assert response.status == 200 and response.headers.get("Content-Encoding") == encoding, path
        if encoding:
            assert gzip.decompress(body).decode() == "<p>home</p>" * 50
            assert int(response.headers["Content-Length"]) == len(body) < 200
    connection.request("GET", PREFIX)  # no Accept-Encoding: plain
    response = connection.getresponse()
    assert response.headers.get("Content-Encoding") is None and response.read().decode() == "<p>home</p>" * 50
    connection.close()


def test_off_origin_detector():
    origin = "http://127.0.0.1:8765"
    urls = [
        f"{origin}/partner-or-customer/",
        f"{origin}/partner-or-customer/a.js",
        "data:image/png;base64,AA==",
        "blob:http://127.0.0.1:8765/uuid",
        "about:blank",
        "https://example.com/x.js",
        "http://127.0.0.1:9999/",
        "http://localhost:8765/",
        "https://example.com/x.js",
    ]
    assert off_origin(urls, origin) == ["https://example.com/x.js", "http://127.0.0.1:9999/", "http://localhost:8765/"]
    assert off_origin(urls[:5], origin + "/") == []


@pytest.mark.browser
def test_a_page_that_leaves_the_origin_is_caught_and_blocked(browser: Browser, serve):
    server = serve({"index.html": LEAKY_PAGE})
    with open_page(browser, server.origin) as page:
        failed: list[str] = []
        page.on("requestfailed", lambda request: failed.append(request.url))
        page.goto(server.base_url)
        assert page.title() == "Leaky"
        assert failed == ["https://example.com/x.js"]  # aborted by the route: nothing left the machine
    assert page_problems(page, server.origin) == [f"request left {server.origin}: https://example.com/x.js"]


@pytest.mark.browser
def test_uncaught_page_errors_are_problems(browser: Browser, serve):
    server = serve({"index.html": GOOD_PAGE.replace("</main>", "</main><script>null.boom()</script>")})
    with open_page(browser, server.origin) as page:
        page.goto(server.base_url)
        page.wait_for_load_state("load")
    problems = page_problems(page, server.origin)
    assert len(problems) == 1 and problems[0].startswith("uncaught page error: TypeError"), problems
    assert not off_origin(page.requests_seen, server.origin)


@pytest.mark.browser
def test_axe_finds_violations_on_a_bad_page_and_none_on_a_good_one(browser: Browser, serve):
    server = serve({"good.html": GOOD_PAGE, "bad.html": BAD_PAGE})
    with open_page(browser, server.origin) as page:
        page.goto(server.url("good.html"))
        good = run_axe(page)
        page.goto(server.url("bad.html"))
        bad = run_axe(page)
    assert good == [], format_violations(good)
    assert "image-alt" in {violation["id"] for violation in bad}, format_violations(bad)
    assert "image-alt" in format_violations(bad) and '<img src="x.png">' in format_violations(bad)


@pytest.mark.browser
def test_page_fixture_on_the_built_site(page, site_server):
    response = page.goto(site_server.base_url)
    assert response is not None and response.ok
    assert page.url == site_server.base_url
    assert site_server.base_url in page.requests_seen
    assert page.page_errors == []
