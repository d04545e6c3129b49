"""The SCORM 1.2 package (`make scorm`), checked against scorm-again's API as the platform.

The package is built once per session, unzipped and served over HTTP under the site's
Content-Security-Policy (without frame-ancestors, which a platform hosting the package does
not send). A harness page (tests/fixtures/scorm/) plays the platform: scorm-again's
Scorm12API as window.API, the package's launch page in a frame.
"""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from playwright.sync_api import Frame, Page, expect

from conftest import ROOT, serve, strict_headers
from hn import scorm
from learner import answer_quiz, fill_worksheet, lesson_quiz

NS = {"cp": "http://www.imsproject.org/xsd/imscp_rootv1p1p2", "adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2"}
HARNESS = ROOT / "tests" / "fixtures" / "scorm"
SCORM_AGAIN = ROOT / "node_modules" / "scorm-again" / "dist" / "scorm12.js"
LESSON_1 = "lessons/what-networking-is.html"
TIMESPAN = re.compile(r"^\d{4}:\d\d:\d\d\.\d\d$")


@pytest.fixture(scope="session")
def scorm_zip(tmp_path_factory) -> Path:
    """Build and pack the package exactly as `make scorm` does, once per session."""
    path = tmp_path_factory.mktemp("scorm") / "the-human-network-scorm.zip"
    assert scorm.main([str(path), "--root", str(ROOT)]) == scorm.EXIT_OK
    return path


@pytest.fixture(scope="module")
def platform(scorm_zip, tmp_path_factory):
    """Serve the unzipped package under pkg/ beside the harness page; yield the base URL."""
    root = tmp_path_factory.mktemp("platform")
    with zipfile.ZipFile(scorm_zip) as archive:
        archive.extractall(root / "pkg")
    for source in (HARNESS / "harness.html", HARNESS / "harness.js", SCORM_AGAIN):
        shutil.copy(source, root / source.name)
    headers = strict_headers()
    headers.pop("X-Frame-Options", None)
    headers["Content-Security-Policy"] = re.sub(r";\s*frame-ancestors[^;]*", "", headers["Content-Security-Policy"])
    url, server = serve(root, headers)
    yield url, json.loads((root / "pkg" / scorm.COURSE_MANIFEST).read_text(encoding="utf-8"))
    server.shutdown()


# --- The manifest (no browser) -------------------------------------------------------------

def _parse_manifest(text: str) -> ElementTree.Element:
    return ElementTree.fromstring(text.encode("utf-8"))


def test_the_zip_has_a_scorm_12_manifest_listing_every_file(scorm_zip):
    with zipfile.ZipFile(scorm_zip) as archive:
        names = set(archive.namelist())
        manifest = _parse_manifest(archive.read(scorm.MANIFEST).decode("utf-8"))
    assert manifest.findtext("cp:metadata/cp:schema", namespaces=NS) == "ADL SCORM"
    assert manifest.findtext("cp:metadata/cp:schemaversion", namespaces=NS) == "1.2"
    organisation = manifest.find("cp:organizations/cp:organization", NS)
    assert manifest.find("cp:organizations", NS).get("default") == organisation.get("identifier")
    item = organisation.find("cp:item", NS)
    assert item.findtext("adlcp:masteryscore", namespaces=NS) == "70"  # the final check's pass mark
    (resource,) = manifest.findall("cp:resources/cp:resource", NS)
    assert item.get("identifierref") == resource.get("identifier")
    assert resource.get(f"{{{NS['adlcp']}}}scormtype") == "sco"
    assert resource.get("href") == scorm.LAUNCH
    listed = {file.get("href") for file in resource.findall("cp:file", NS)}
    assert listed == names - {scorm.MANIFEST}
    assert {scorm.LAUNCH, "index.html", LESSON_1, "assets/js/scorm.js"} <= listed


def test_the_manifest_takes_a_forks_name_and_pass_mark(tmp_path):
    (tmp_path / "assets").mkdir()
    course = {"course": "Acme & Co <onboarding>", "site": "https://learn.acme.example/",
              "lessons": [], "checks": [{"id": "acme-check", "pass_mark": 80}]}
    (tmp_path / scorm.COURSE_MANIFEST).write_text(json.dumps(course), encoding="utf-8")
    (tmp_path / "a file & more.html").write_text("x", encoding="utf-8")
    manifest = _parse_manifest(scorm.manifest_xml(tmp_path))
    assert manifest.findtext("cp:organizations/cp:organization/cp:title", namespaces=NS) == course["course"]
    assert manifest.findtext(".//cp:item/adlcp:masteryscore", namespaces=NS) == "80"
    files = {file.get("href") for file in manifest.iter(f"{{{NS['cp']}}}file")}
    assert files == {"a file & more.html", scorm.COURSE_MANIFEST}


def test_the_normal_site_ships_no_adapter(site_dir):
    assert not (site_dir / "assets" / "js" / "scorm.js").exists()
    assert not (site_dir / scorm.LAUNCH).exists()
    assert "scorm" not in (site_dir / "index.html").read_text(encoding="utf-8").lower()


# --- In Chromium, against scorm-again ------------------------------------------------------

def launch(page: Page, base: str, cmi: dict | None = None) -> Frame:
    """Open the harness (the platform), wait for the session, return the course's frame."""
    page.add_init_script(f"window.hnStart = {json.dumps({'cmi': cmi} if cmi else {})};")
    page.goto(base + "harness.html")
    page.wait_for_function("() => hnCalls.some(c => c[0] === 'LMSInitialize')")
    frame = None
    for _ in range(100):
        frame = next((f for f in page.frames if f.url.endswith("/pkg/index.html")), None)
        if frame:
            break
        page.wait_for_timeout(100)
    assert frame is not None, [f.url for f in page.frames]
    frame.wait_for_function("() => window.HN && HN.progress")
    return frame


def values(page: Page) -> dict:
    return page.evaluate("hnValues")


def calls(page: Page, name: str) -> int:
    return page.evaluate("n => hnCalls.filter(c => c[0] === n).length", name)


def finish(page: Page) -> None:
    """Close the course as a platform does (the launch page unloads)."""
    page.evaluate("document.getElementById('lms').src = 'about:blank'")
    page.wait_for_function("() => hnCalls.some(c => c[0] === 'LMSFinish')")


def local_record(frame: Frame) -> dict:
    return frame.evaluate("JSON.parse(JSON.stringify(HN.store.read()))")


def answers(record: dict) -> dict:
    """Return what must survive a trip through the platform: answers, results, entries, visits."""
    return {"quizzes": {k: {p: v[p] for p in ("answers", "results", "revealed")} for k, v in record["quizzes"].items()},
            "worksheets": {k: v["values"] for k, v in record["worksheets"].items()},
            "pages": sorted(record["pages"])}


@pytest.fixture(scope="module")
def first_session(browser, platform):
    """Walk a learner through lesson 1 and the final check (five answers wrong); return what the API got."""
    base, course = platform
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    frame = launch(page, base)
    started = dict(values(page))

    frame.goto(base + "pkg/" + LESSON_1)
    before = calls(page, "LMSCommit")
    answer_quiz(lesson_quiz(frame))
    after_quiz = calls(page, "LMSCommit")
    fill_worksheet(frame.locator("[data-hn-worksheet]").first)
    frame.wait_for_function("() => HN.progress.summary().lessons[0].status === 'complete'")
    after_lesson = dict(values(page))

    (check,) = course["checks"]
    frame.goto(base + "pkg/" + check["url"].split("#")[0])
    quiz = frame.locator(f"[data-hn-quiz='{check['id']}']")
    expect(quiz).to_have_attribute("data-hn-mounted", "true")
    total = answer_quiz(quiz, wrong=5)
    record = local_record(frame)
    finish(page)
    yield {"started": started, "lesson": after_lesson, "commits": (before, after_quiz), "check": check,
           "total": total, "end": values(page), "record": record, "errors": errors,
           "finishes": calls(page, "LMSFinish")}
    context.close()


@pytest.mark.browser
def test_the_platform_hears_status_score_time_and_progress(first_session):
    s = first_session
    assert s["started"]["cmi.core.lesson_status"] == "incomplete"
    assert s["lesson"]["cmi.core.lesson_status"] == "incomplete"  # one lesson of many
    assert s["commits"][1] > s["commits"][0]  # a quiz submitted is committed at once
    end = s["end"]
    score = round(100 * (s["total"] - 5) / s["total"])
    assert end["cmi.core.score.raw"] == str(score)
    assert (end["cmi.core.score.min"], end["cmi.core.score.max"]) == ("0", "100")
    assert end["cmi.core.lesson_status"] == ("passed" if score >= s["check"]["pass_mark"] else "failed")
    assert TIMESPAN.match(end["cmi.core.session_time"])
    suspend = end["cmi.suspend_data"]
    assert suspend.startswith("hn1:") and len(suspend) <= 4096
    assert s["finishes"] == 1
    assert s["errors"] == []


@pytest.mark.browser
def test_progress_comes_back_on_another_machine(browser, platform, first_session):
    base, _ = platform
    context = browser.new_context()  # nothing in this browser yet
    page = context.new_page()
    end = first_session["end"]
    frame = launch(page, base, {"core": {"lesson_status": end["cmi.core.lesson_status"]},
                                "suspend_data": end["cmi.suspend_data"]})
    assert answers(local_record(frame)) == answers(first_session["record"])
    assert frame.evaluate("HN.progress.summary().lessons[0].status") == "complete"
    frame.goto(base + "pkg/" + LESSON_1)
    expect(frame.locator("[data-hn-lesson-status]")).to_contain_text("Complete")
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("corrupt", ['hn1:{"v":"other-course","q":[]}', "hn1:{not json", 'hn1:{"v":1,"q":5}'])
def test_corrupt_suspend_data_is_refused_and_nothing_is_lost(browser, platform, first_session, corrupt):
    base, _ = platform
    context = browser.new_context()
    page = context.new_page()
    good = first_session["end"]["cmi.suspend_data"]
    frame = launch(page, base, {"suspend_data": good})
    kept = answers(local_record(frame))
    assert kept["quizzes"]
    finish(page)

    page = context.new_page()
    frame = launch(page, base, {"suspend_data": corrupt})
    assert answers(local_record(frame)) == kept
    backups = frame.evaluate("HN.store.backups().map(b => HN.store.backup(b.key))")
    assert corrupt in backups  # kept where the progress page offers it for download
    # The platform gets this browser's progress back in place of what it could not use.
    page.wait_for_function("() => (hnValues['cmi.suspend_data'] || '').startsWith('hn1:{\"v\":\"')")
    context.close()


@pytest.mark.browser
def test_a_finished_attempt_is_not_set_back_to_incomplete(browser, platform):
    base, _ = platform
    context = browser.new_context()  # a new computer: nothing saved here, no suspend data
    page = context.new_page()
    frame = launch(page, base, {"core": {"lesson_status": "completed"}})
    frame.goto(base + "pkg/" + LESSON_1)  # the learner opens a lesson: progress is reported
    frame.wait_for_function("() => HN.store.read().pages['what-networking-is']")
    page.wait_for_function("() => (hnValues['cmi.suspend_data'] || '').includes('\"p\":[[')")
    assert "cmi.core.lesson_status" not in values(page)
    finish(page)
    assert values(page)["cmi.core.exit"] == ""  # not "suspend": the attempt is complete
    context.close()


@pytest.mark.browser
def test_a_whole_course_with_long_entries_fits_in_4096_characters(browser, platform):
    base, _ = platform
    context = browser.new_context()
    page = context.new_page()
    frame = launch(page, base)
    frame.evaluate("""() => HN.store.update(record => {
        const now = new Date().toISOString(), m = HN.progress.manifest;
        const quizzes = m.lessons.flatMap(l => l.quizzes).concat(m.checks);
        for (const q of quizzes) {
            const quiz = {answers: {}, results: {}, revealed: {}, updated: now};
            q.questions.forEach(id => { quiz.answers[id] = ["0", "1"]; quiz.results[id] = "correct"; });
            record.quizzes[q.id] = quiz;
        }
        for (const lesson of m.lessons) {
            record.pages[lesson.id] = {title: lesson.title, first: now, last: now};
            for (const w of lesson.worksheets) {
                const values = {};
                for (const s of w.sections) for (const f of s.fields) {
                    values[s.id + "/" + f] = s.type === "rating" ? "5" : s.type === "checklist" ? "true"
                        : f.startsWith("date") ? "2027-01-31" : "A long reflection. ".repeat(60);
                }
                record.worksheets[w.id] = {values, updated: now};
            }
        }
    }, "test")""")
    page.wait_for_function("() => (hnValues['cmi.suspend_data'] || '').length > 1000")
    suspend = values(page)["cmi.suspend_data"]
    assert len(suspend) <= 4096
    full = frame.evaluate("HN.progress.summary().complete")
    assert full == len(platform[1]["lessons"])
    finish(page)
    context.close()

    context = browser.new_context()
    frame = launch(context.new_page(), base, {"suspend_data": suspend})
    assert frame.evaluate("HN.progress.summary().complete") == full
    entry = frame.evaluate("HN.store.read().worksheets['what-networking-is-worksheet'].values['reflect/p1']")
    assert entry.startswith("A long") and entry.endswith("\u2026")  # cut short to fit, still there
    context.close()
