"""The quiz page's bundle (quiz/bundle.py): every module it needs in one minified script, private
names kept apart, unsupported syntax refused with the module's path and line, and the budget the
page keeps — its own JS and CSS within 10 KB after gzip, LMS adapter included."""

from __future__ import annotations

import gzip
import subprocess
from pathlib import Path

import pytest

from quiz.build import ASSETS, asset, bundle
from quiz.bundle import BundleError, bundle_js
from support.node import require_node

BUDGET = 10 * 1024  # bytes after gzip -9, the quiz page's own JS + CSS


def sources(files: dict[str, str]):  # type: ignore[no-untyped-def]
    return lambda name: files[name]


def run(tmp_path: Path, js: str, tail: str = "") -> str:
    path = tmp_path / "bundle.mjs"
    path.write_text(js + tail, encoding="utf-8")
    out = subprocess.run([require_node(), str(path)], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    return out.stdout


def test_modules_in_dependency_order_with_their_own_scopes(tmp_path: Path) -> None:
    files = {
        "main.js": 'import { twice, label as name } from "./b.js";\nimport { KEY } from "./a.js";\n'
        "console.log(twice(KEY), name());\n",
        "a.js": "const hidden = 2; // private: b.js has its own\nexport const KEY = hidden * 10;\n",
        "b.js": 'import { KEY } from "./a.js";\nconst hidden = "b";\nexport function twice(x) { return 2 * x; }\n'
        "export function label() { return hidden + KEY; }\n",
    }
    js = bundle_js("main.js", sources(files))
    assert js.index("$m_a") < js.index("$m_b") < js.index("console.log")
    assert "//" not in js and "\n\n" not in js  # minified
    assert run(tmp_path, js).strip() == "40 b20"


@pytest.mark.parametrize(
    "source",
    [
        "export default 1;\n",
        'import * as x from "./a.js";\n',
        'import("./a.js");\n',
        'import x from "./a.js";\n',
        "export { y };\n",
        'import { a } from "https://e.x/a.js";\n',
    ],
)
def test_unsupported_syntax_fails_naming_the_module(source: str) -> None:
    with pytest.raises(BundleError, match=r"quiz/assets/main\.js:\d+"):
        bundle_js("main.js", sources({"main.js": "const y = 1;\n" + source, "a.js": "export const a = 1;\n"}))


def test_an_import_cycle_fails() -> None:
    files = {
        "a.js": 'import { b } from "./b.js";\nexport const a = 1;\n',
        "b.js": 'import { a } from "./a.js";\nexport const b = 2;\n',
    }
    with pytest.raises(BundleError, match="cycle"):
        bundle_js("a.js", sources(files))


def test_the_quiz_bundle_holds_every_module_it_imports(tmp_path: Path) -> None:
    js, css = bundle()
    for name in ("component", "quiz-widget", "dom", "draw", "storage", "valid", "format", "lms", "lms-widget"):
        assert f"$m_{name.replace('-', '_')}=" in js, name
    assert (ASSETS / "quiz.js").is_file()
    subprocess.run([require_node(), "--check", str(_write(tmp_path / "q.mjs", js))], check=True, timeout=60)
    assert len(css) < len(asset("quiz.css")) and "/*" not in css


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_the_quiz_page_keeps_its_budget() -> None:
    js, css = bundle()
    size = sum(len(gzip.compress(t.encode(), compresslevel=9, mtime=0)) for t in (js, css))
    assert size <= BUDGET, f"{size} bytes gzipped > {BUDGET}"
