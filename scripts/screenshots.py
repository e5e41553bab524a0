"""Take the README's screenshots in real headless Chromium: docs/images/{guide,quiz,classify,phone}.png.

Builds the site (`mkdocs build --strict`) into a temporary directory, serves it under the same
sub-path as the tests (tests/support/server.py), and photographs, in the light scheme, at 1280x800:

- guide.png     the comparison page of the guide;
- quiz.png      the quiz after starting a practice round and checking the first question's answer;
- classify.png  the "classify a relationship" tool after answering its questions up to an outcome;

and on a phone (390x844, touch — the tests' PHONE):

- phone.png     the debate page's "who holds which position" table, one card per source.

Math.random is seeded in the page, and the browser context starts with empty storage, so the same
site gives the same pictures. Needs the venv and Chromium that `make test` installs.

Usage: .venv/bin/python scripts/screenshots.py [--out DIR] [--scale N]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import Browser, Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT)]
from tests.support.browser import PHONE, block_off_origin, chromium_executable, launch  # noqa: E402  (the tests' flags)
from tests.support.server import SiteServer  # noqa: E402  (the tests' server: same sub-path)

OUT = ROOT / "docs" / "images"
VIEWPORT = {"width": 1280, "height": 800}
MAX_BYTES = 250_000  # above this a picture is retaken at device scale factor 1
TIMEOUT_MS = 15_000

# A small seeded generator (mulberry32) in place of Math.random: the quiz draws and shuffles with it.
# Seed 3 happens to start the round with a short question, so question and feedback fit on screen.
SEED = 3
SEED_RANDOM = f"""(() => {{
  let s = {SEED};
  Math.random = function () {{
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }};
}})();"""

# Answers for the classifier, by fact id: this path ends at "Channel partner" (rule
# reseller-who-buys), whose result also lists the other readings of the sources.
# Values are the radio buttons' values: yes / no, or a choice fact's option id.
CLASSIFY_ANSWERS = {
    "sense": "business",
    "we_buy": "nothing",
    "revenue_depends_on_ours": "yes",
    "promotes_us": "yes",
    "pays_us": "yes",
    "joint_offering": "no",
    "change": "unchanged",
}

# No motion or caret, and no "Back to top" button (Material shows it after scrolling up, which
# the script does; it would cover the heading).
STILL = """*, *::before, *::after { transition: none !important; animation: none !important;
  caret-color: transparent !important; }
.md-top { display: none !important; }"""


def say(message: str) -> None:
    """Progress on stderr, so stdout stays free."""
    print(f"[screenshots] {message}", file=sys.stderr, flush=True)


def build(dest: Path) -> None:
    """`mkdocs build --strict` into `dest`; exits with mkdocs' output when the build fails."""
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(dest)],
        cwd=ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
    )
    if result.returncode:
        sys.exit(f"mkdocs build failed:\n{result.stdout}{result.stderr}")


def settle(page: Page) -> None:
    """Wait for fonts and two animation frames, so the picture shows the finished layout."""
    page.evaluate("""() => document.fonts.ready.then(() => new Promise(done =>
        requestAnimationFrame(() => requestAnimationFrame(done))))""")


def scroll_to(page: Page, selector: str, keep: str | None = None, margin: int = 72) -> None:
    """Scroll `selector` to the top of the viewport, below Material's sticky header - or less far
    down, if need be, so that the bottom of `keep` stays in view. The sidebars go back to their top
    (Material scrolls the one on the left to the current page, half hiding a section title)."""
    page.evaluate(
        """([sel, keep, margin]) => {
          const y = e => e.getBoundingClientRect().top + window.scrollY;
          let top = y(document.querySelector(sel)) - margin;
          if (keep) {
            const k = document.querySelector(keep);
            top = Math.max(top, y(k) + k.getBoundingClientRect().height + 16 - window.innerHeight);
          }
          window.scrollTo({ top: top, behavior: "instant" });
          document.querySelectorAll(".md-sidebar__scrollwrap").forEach(s => s.scrollTop = 0);
        }""",
        [selector, keep, margin],
    )


def guide(page: Page) -> None:
    """The comparison page, from its top."""
    page.wait_for_selector("article h1")


def quiz(page: Page) -> None:
    """Start a practice round, choose an answer to the first question and check it."""
    start = page.locator("[data-action=start]")
    page.wait_for_function("() => !document.querySelector('[data-action=start]').disabled", timeout=TIMEOUT_MS)
    page.check("#pq-mode-practice")
    start.click()
    first = page.locator("fieldset.pq-q").first
    first.wait_for()
    # The first option as shown: with the seeded shuffle the same one every run.
    first.locator(".pq-options input").first.check()
    first.locator("[data-action=check]").click()
    first.locator(".pq-feedback:not([hidden])").wait_for()
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    scroll_to(page, ".pq-run h2", keep="fieldset.pq-q .pq-feedback")


def classify(page: Page) -> None:
    """Answer the tool's questions (CLASSIFY_ANSWERS) until it shows an outcome."""
    result = page.locator("[data-part=result][data-outcome]")
    for _ in range(len(CLASSIFY_ANSWERS) + 1):
        page.wait_for_selector(
            "[data-part=step] fieldset[data-question-id], [data-part=result][data-outcome]", timeout=TIMEOUT_MS
        )
        if result.count():
            break
        fact = page.get_attribute("[data-part=step] fieldset[data-question-id]", "data-question-id")
        answer = CLASSIFY_ANSWERS.get(fact)
        if answer is None:
            sys.exit(f"classify: no answer planned for fact {fact!r}; add it to CLASSIFY_ANSWERS")
        page.check(f"#pq-fact-{answer}")
        page.click("[data-part=step] button[type=submit]")
    result.wait_for(timeout=TIMEOUT_MS)
    say(f"classify: outcome {result.get_attribute('data-outcome')} (rule {result.get_attribute('data-rule')})")
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    scroll_to(page, "#tool")


def phone(page: Page) -> None:
    """The debate's table as cards, from its heading."""
    page.wait_for_selector(".poc-stack table")
    scroll_to(page, "#positions", margin=64)


DESKTOP = {"viewport": VIEWPORT}
SHOTS = {
    "guide": ("comparison/", guide, DESKTOP),
    "quiz": ("quiz/", quiz, DESKTOP),
    "classify": ("classify/", classify, DESKTOP),
    "phone": ("debate/", phone, PHONE),
}


def shoot(browser: Browser, server: SiteServer, name: str, out: Path, scale: float) -> int:
    """One screenshot into out/<name>.png; returns its size in bytes."""
    path, act, device = SHOTS[name]
    context = browser.new_context(
        **{**device, "device_scale_factor": scale},
        color_scheme="light",
        reduced_motion="reduce",
        locale="en-GB",
        timezone_id="UTC",
    )
    try:
        block_off_origin(context, server.origin)
        context.add_init_script(SEED_RANDOM)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(server.url(path), wait_until="load")
        page.add_style_tag(content=STILL)
        act(page)
        settle(page)
        if errors:
            sys.exit(f"{name}: the page raised {errors}")
        target = out / f"{name}.png"
        page.screenshot(path=str(target), full_page=False, animations="disabled", caret="hide")
        return target.stat().st_size
    finally:
        context.close()


def main() -> None:
    """Command line: build the site, serve it and take every screenshot."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help=f"where the PNGs go (default {OUT.relative_to(ROOT)})")
    parser.add_argument(
        "--scale",
        type=float,
        default=1,
        help=f"device scale factor (default 1; above 1, a picture over {MAX_BYTES // 1000} KB is retaken at 1)",
    )
    args = parser.parse_args()
    executable = chromium_executable()
    if executable is None:
        sys.exit("Chromium not found: install it (make test does) or set $CHROMIUM")
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="screenshots-") as tmp:
        site = Path(tmp) / "site"
        say("building the site")
        build(site)
        with SiteServer(site) as server, sync_playwright() as playwright:
            browser = launch(playwright, executable)  # headless, the tests' Chromium flags
            try:
                for name in SHOTS:
                    size = shoot(browser, server, name, args.out, args.scale)
                    if size > MAX_BYTES and args.scale != 1:
                        say(f"{name}.png is {size // 1000} KB at scale {args.scale:g}: retaking at scale 1")
                        size = shoot(browser, server, name, args.out, 1)
                    say(f"{name}.png: {size // 1000} KB")
            finally:
                browser.close()


if __name__ == "__main__":
    main()
