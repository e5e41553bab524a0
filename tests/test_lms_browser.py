"""The SCORM 1.2 package in real headless Chromium, played by a stand-in LMS written for the tests
(tests/support/lms/index.html: it records every call and its answer) and by scorm-again's strict
Scorm12API; with no LMS, and with broken or hostile API objects, the quiz works as on the site.

The package is the built site's own zip, unpacked next to the stand-in LMS page; nothing is
requested from anywhere else."""

from __future__ import annotations

import io
import json
import re
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from playwright.sync_api import Browser, FrameLocator, Page, expect

from quiz.scorm import PACKAGE
from support import REPO_ROOT
from support.browser import checked_page
from support.server import SiteServer

pytestmark = pytest.mark.browser

TIMESPAN = re.compile(r"^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$")


@pytest.fixture(scope="module")
def lms_root(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The stand-in LMS page, scorm-again's SCORM 1.2 API and the unpacked package (package/)."""
    root = tmp_path_factory.mktemp("lms")
    shutil.copy(REPO_ROOT / "tests/support/lms/index.html", root / "index.html")
    shutil.copy(REPO_ROOT / "node_modules/scorm-again/dist/scorm12.js", root / "scorm12.js")
    zipfile.ZipFile(io.BytesIO((built_site / PACKAGE).read_bytes())).extractall(root / "package")
    return root


@pytest.fixture(scope="module")
def lms_server(lms_root: Path) -> Iterator[SiteServer]:
    with SiteServer(lms_root) as server:
        yield server


@pytest.fixture
def lms_page(browser: Browser, lms_server: SiteServer) -> Iterator[Page]:
    with checked_page(browser, lms_server.origin) as page:
        yield page


@pytest.fixture(scope="module")
def lms_bank(lms_root: Path) -> dict[str, Any]:
    data = json.loads((lms_root / "package/questions.json").read_text(encoding="utf-8"))
    data["by_id"] = {q["id"]: q for q in data["questions"]}
    return data


def open_lms(page: Page, server: SiteServer, api: str, **params: str) -> FrameLocator:
    query = "&".join(f"{k}={quote(v)}" for k, v in {"api": api, **params}.items())
    page.goto(server.url(f"index.html?{query}"))
    frame = page.frame_locator("#sco")
    expect(frame.locator("[data-module=quiz][data-module-init] [data-action=start]")).to_be_enabled()
    return frame


def play(frame: FrameLocator, lms_bank: dict[str, Any], right: Any) -> list[dict[str, Any]]:
    """Start an assessment round, answer question i right when right(i), submit; what was chosen."""
    frame.locator("[data-action=start]").click()
    rounds = frame.locator("[data-part=run] fieldset[data-question-id]")
    expect(rounds.first).to_be_visible()
    chosen = []
    for i, qid in enumerate(rounds.evaluate_all("els => els.map(e => e.dataset.questionId)")):
        q = lms_bank["by_id"][qid]
        picks = q["correct"] if right(i) else [next(o["id"] for o in q["options"] if o["id"] not in q["correct"])]
        for option in picks:
            frame.locator(f"fieldset[data-question-id='{qid}'] .pq-options input[value='{option}']").check()
        chosen.append({"q": q, "picks": picks, "ok": right(i)})
    frame.locator(".pq-round > .pq-actions button[type=submit]").click()
    expect(frame.locator("[data-part=score] [data-score]")).to_be_visible()
    return chosen


def letters(q: dict[str, Any], ids: list[str]) -> str:
    return ",".join("abcdefghijklmnopqrstuvwxyz0123456789"[i] for i, o in enumerate(q["options"]) if o["id"] in ids)


def calls(page: Page) -> list[dict[str, Any]]:
    return page.evaluate("() => window.calls")  # type: ignore[no-any-return]


def test_one_round_reported_in_order_to_the_stand_in_lms(
    lms_page: Page, lms_server: SiteServer, lms_bank: dict[str, Any]
) -> None:
    frame = open_lms(lms_page, lms_server, "record")
    played = play(frame, lms_bank, lambda i: i % 3 != 0)
    log = calls(lms_page)
    sequence = [(c["call"], *c["args"]) for c in log]
    # start: initialise, mark the attempt incomplete, read the name, the review queue and the interaction count
    assert sequence[:6] == [
        ("LMSInitialize", ""),
        ("LMSGetValue", "cmi.core.lesson_status"),
        ("LMSSetValue", "cmi.core.lesson_status", "incomplete"),
        ("LMSGetValue", "cmi.core.student_name"),
        ("LMSGetValue", "cmi.suspend_data"),
        ("LMSGetValue", "cmi.interactions._count"),
    ]
    right = sum(p["ok"] for p in played)
    score = round(right / len(played) * 100)
    passed = right / len(played) >= lms_bank["config"]["pass_mark"] - 1e-9
    sets = [c[1:] for c in sequence[6:] if c[0] == "LMSSetValue"]
    expected = [
        ("cmi.core.score.min", "0"),
        ("cmi.core.score.max", "100"),
        ("cmi.core.score.raw", str(score)),
        ("cmi.core.lesson_status", "passed" if passed else "failed"),
    ]
    for n, p in enumerate(played):
        q = p["q"]
        expected += [
            (f"cmi.interactions.{n}.id", q["id"]),
            (f"cmi.interactions.{n}.type", "choice"),
            (f"cmi.interactions.{n}.correct_responses.0.pattern", letters(q, q["correct"])),
            (f"cmi.interactions.{n}.student_response", letters(q, p["picks"])),
            (f"cmi.interactions.{n}.result", "correct" if p["ok"] else "wrong"),
        ]
    latencies = {k: v for k, v in sets if k.endswith(".latency")}
    assert len(latencies) == len(played) and all(TIMESPAN.match(v) for v in latencies.values()), latencies
    assert [
        s
        for s in sets
        if not s[0].endswith((".latency",))
        and s[0] not in ("cmi.suspend_data", "cmi.core.exit", "cmi.core.session_time")
    ] == expected
    values = dict(sets)
    assert json.loads(values["cmi.suspend_data"]) == {"review": [p["q"]["id"] for p in played if not p["ok"]]}
    assert len(values["cmi.suspend_data"]) <= 4096
    assert values["cmi.core.exit"] == "" and TIMESPAN.match(values["cmi.core.session_time"])
    assert sequence[-2:] == [("LMSCommit", ""), ("LMSFinish", "")]
    assert all(c["call"] in ("LMSGetValue", "LMSSetValue") for c in log[1:-2])
    # the score on screen is the one reported, and the learner's name is on the printable result
    expect(frame.locator("[data-part=score] [data-score]")).to_have_attribute("data-score", str(score))
    expect(frame.locator("[data-part=score] .pq-learner")).to_have_text("Learner: Jane Doe")
    # leaving the course afterwards sends nothing more: the session is finished
    lms_page.evaluate("() => { document.getElementById('sco').src = 'about:blank'; }")
    lms_page.wait_for_function("() => document.getElementById('sco').contentWindow.location.href === 'about:blank'")
    assert calls(lms_page) == log


def test_the_review_queue_comes_back_from_suspend_data(
    lms_page: Page, lms_server: SiteServer, lms_bank: dict[str, Any]
) -> None:
    held = [q for q in lms_bank["questions"] if q.get("pool") == "assessment"]  # the package runs the assessment
    review = [held[0]["id"], next(q["id"] for q in held if q["case"] != held[0]["case"])]  # two cases
    frame = open_lms(lms_page, lms_server, "record", suspend=json.dumps({"review": review}))
    frame.locator("[data-action=start]").click()
    rounds = frame.locator("[data-part=run] fieldset[data-question-id]")
    expect(rounds.first).to_be_visible()
    assert rounds.evaluate_all("els => els.map(e => e.dataset.questionId)")[:2] == review


def test_leaving_before_submitting_suspends_commits_and_finishes(lms_page: Page, lms_server: SiteServer) -> None:
    frame = open_lms(lms_page, lms_server, "record")
    frame.locator("[data-action=start]").click()
    expect(frame.locator("[data-part=run] fieldset[data-question-id]").first).to_be_visible()
    lms_page.evaluate("() => { window.kept = window.calls; document.getElementById('sco').src = 'about:blank'; }")
    lms_page.wait_for_function("() => window.kept.some(c => c.call === 'LMSFinish')")
    sequence = [(c["call"], *c["args"]) for c in lms_page.evaluate("() => window.kept")]
    assert ("LMSSetValue", "cmi.core.exit", "suspend") in sequence
    assert sequence[-2:] == [("LMSCommit", ""), ("LMSFinish", "")]
    assert sum(c[0] == "LMSFinish" for c in sequence) == 1
    assert not any(c[1] == "cmi.core.score.raw" for c in sequence if c[0] == "LMSSetValue")


def test_scorm_again_accepts_every_value(lms_page: Page, lms_server: SiteServer, lms_bank: dict[str, Any]) -> None:
    frame = open_lms(lms_page, lms_server, "scorm-again")
    played = play(frame, lms_bank, lambda i: i % 4 != 1)
    log = calls(lms_page)
    refused = [c for c in log if c["error"] != "0" or (c["call"] != "LMSGetValue" and c["answer"] != "true")]
    assert not refused, refused  # every call accepted, every value valid
    assert [c["call"] for c in log][:1] + [c["call"] for c in log][-2:] == ["LMSInitialize", "LMSCommit", "LMSFinish"]
    cmi = lms_page.evaluate("() => JSON.parse(JSON.stringify(window.scormAgain.cmi))")
    right = sum(p["ok"] for p in played)
    assert cmi["core"]["score"] == {"raw": str(round(right / len(played) * 100)), "min": "0", "max": "100"}
    passed = right / len(played) >= lms_bank["config"]["pass_mark"] - 1e-9
    assert cmi["core"]["lesson_status"] == ("passed" if passed else "failed")
    interactions = cmi["interactions"]
    items = (
        interactions["childArray"] if isinstance(interactions, dict) and "childArray" in interactions else interactions
    )
    assert [i["id"] for i in (items.values() if isinstance(items, dict) else items)] == [p["q"]["id"] for p in played]
    assert json.loads(cmi["suspend_data"]) == {"review": [p["q"]["id"] for p in played if not p["ok"]]}
    assert log[-1]["call"] == "LMSFinish" and log[-1]["answer"] == "true"
    expect(frame.locator("[data-part=score] .pq-learner")).to_have_text("Learner: Jane Doe")


def test_the_guides_links_go_to_data_guide(
    lms_page: Page, lms_server: SiteServer, lms_root: Path, lms_bank: dict[str, Any]
) -> None:
    """With data-guide (the published site's address, set by the build when it knows it), the review's
    links lead there instead of into the package; nothing is requested from it."""
    page = (lms_root / "package/index.html").read_text(encoding="utf-8")
    guided = lms_root / "package/guided.html"
    guided.write_text(
        page.replace('data-root="./"', 'data-root="./" data-guide="https://guide.example/partner/"'), encoding="utf-8"
    )
    lms_page.goto(lms_server.url("index.html?api=none"))
    lms_page.evaluate("() => { document.getElementById('sco').src = 'package/guided.html'; }")
    frame = lms_page.frame_locator("#sco")
    expect(frame.locator("[data-module=quiz][data-module-init] [data-action=start]")).to_be_enabled()
    play(frame, lms_bank, lambda i: i % 2 == 0)
    links = frame.locator(".pq-feedback a, [data-part=score] a").evaluate_all("els => els.map(a => a.href)")
    assert links and all(href.startswith("https://guide.example/partner/") for href in links), links
    assert not [u for u in lms_page.requests_seen if "guide.example" in u]  # type: ignore[attr-defined]


@pytest.mark.parametrize("api", ["none", "throws", "junk", "huge", "getters", "missing", "proxy"])
def test_no_lms_or_a_broken_one_leaves_the_quiz_as_it_is(
    lms_page: Page, lms_server: SiteServer, lms_bank: dict[str, Any], api: str
) -> None:
    frame = open_lms(lms_page, lms_server, api, name="<img src=x onerror=alert(1)>")
    played = play(frame, lms_bank, lambda i: True)
    expect(frame.locator("[data-part=score] [data-score]")).to_have_attribute("data-score", "100")
    assert len(played) == lms_bank["config"]["size"]
    expect(frame.locator("[data-part=score] .pq-learner")).to_have_count(0)
    expect(frame.locator("[data-action=retake]")).to_be_enabled()
    frame.locator("[data-action=retake]").click()  # and the quiz goes on
    # with a new round: the marked one stays visible until it is replaced, but its submit button went
    expect(frame.locator(".pq-round > .pq-actions button[type=submit]")).to_be_visible()
    expect(frame.locator("[data-part=run] fieldset[data-question-id]:not([data-result])")).to_have_count(len(played))
