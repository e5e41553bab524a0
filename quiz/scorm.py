"""The assessment as a SCORM 1.2 package: a zip an LMS plays, with the quiz and all it needs inside.

One SCO: index.html (the quiz widget in assessment mode), the same bundled script and stylesheet
and the same questions.json the site serves — no request leaves the package. At run time the
widget finds the LMS's API (quiz/assets/lms.js). The manifest (xml.etree, escaped) gives the pass
mark as the mastery score. The zip is deterministic (fixed dates, sorted names), so two builds of
the same knowledge base give the same bytes.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

from generator.markup import render_template
from generator.model import KnowledgeBase

PACKAGE = "downloads/partner-or-customer-scorm12.zip"
IDENTIFIER = "partner-or-customer-assessment"
CP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMAS = (
    f"{CP} imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd "
    f"{ADLCP} adlcp_rootv1p2.xsd"
)
EPOCH = (1980, 1, 1, 0, 0, 0)  # zip's earliest date: the same bytes on every build
TEMPLATES = (Path(__file__).resolve().parent / "templates",)


def mastery_score(pass_mark: float) -> str:
    """The pass mark (0.8) as SCORM 1.2's adlcp:masteryscore, a percentage (80)."""
    return str(round(pass_mark * 100))


def manifest(title: str, pass_mark: float, files: list[str]) -> str:
    """imsmanifest.xml: one organization, one item, one SCO resource listing every file."""
    ET.register_namespace("", CP)
    ET.register_namespace("adlcp", ADLCP)
    ET.register_namespace("xsi", XSI)
    root = ET.Element(
        f"{{{CP}}}manifest", {"identifier": IDENTIFIER, "version": "1.0", f"{{{XSI}}}schemaLocation": SCHEMAS}
    )
    meta = ET.SubElement(root, f"{{{CP}}}metadata")
    ET.SubElement(meta, f"{{{CP}}}schema").text = "ADL SCORM"
    ET.SubElement(meta, f"{{{CP}}}schemaversion").text = "1.2"
    orgs = ET.SubElement(root, f"{{{CP}}}organizations", default="organization")
    org = ET.SubElement(orgs, f"{{{CP}}}organization", identifier="organization")
    ET.SubElement(org, f"{{{CP}}}title").text = title
    item = ET.SubElement(org, f"{{{CP}}}item", identifier="assessment", identifierref="sco", isvisible="true")
    ET.SubElement(item, f"{{{CP}}}title").text = title
    ET.SubElement(item, f"{{{ADLCP}}}masteryscore").text = mastery_score(pass_mark)
    resources = ET.SubElement(root, f"{{{CP}}}resources")
    resource = ET.SubElement(
        resources,
        f"{{{CP}}}resource",
        {"identifier": "sco", "type": "webcontent", f"{{{ADLCP}}}scormtype": "sco", "href": "index.html"},
    )
    for name in files:
        ET.SubElement(resource, f"{{{CP}}}file", href=name)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def page(kb: KnowledgeBase, js: str, css: str, guide: str | None = None) -> str:
    """The package's index.html: the quiz widget, assessment only, loading the package's own files;
    the guide's links (feedback, sources, topics) go to `guide`, the published site, when known."""
    return render_template(
        "scorm.html.j2",
        TEMPLATES,
        kb=kb,
        quiz=kb.quiz,
        root="./",
        src="questions.json",
        css=css,
        js=js,
        modes=["assessment"],
        guide=guide or "",
    )


def package(kb: KnowledgeBase, files: dict[str, str]) -> bytes:
    """The zip: imsmanifest.xml at its root, then `files` (name → text) and index.html."""
    title = "Partner or Customer? — assessment"
    content = dict(files)
    names = sorted(content)
    content["imsmanifest.xml"] = manifest(title, kb.quiz.pass_mark, names)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in ["imsmanifest.xml", *names]:
            info = zipfile.ZipInfo(name, EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, content[name].encode("utf-8"), compresslevel=9)
    return buffer.getvalue()
