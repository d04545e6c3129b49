"""The quiz figures: a 30-question quiz built with the course, and the same quiz built with mkdocs-quiz.

The questions come from the course's own exercise files (single, multiple, scenario and
true-false questions, the kinds mkdocs-quiz can express), so both pages teach the same thing.
The course page is measured in Chromium: time from DOMContentLoaded to the quiz being mounted.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import venv
from pathlib import Path

import yaml

from hn.bench.browser import launch_args
from hn.bench.project import ROOT, check_build, copy_project, load_config, stock_config, timed_build, write_config

QUIZ_ID = "bench-quiz"
PEER = "mkdocs-quiz==1.7.1"
PEER_SITE = ("mkdocs==1.6.1", "mkdocs-material==9.8.1", "pymdown-extensions==13.1")  # as in requirements.txt
CHOICE_TYPES = ("single", "multiple", "scenario")


def course_questions(count: int) -> list[dict]:
    """Take `count` questions from the course's quizzes (repeating them if there are fewer)."""
    pool = []
    for path in sorted((ROOT / "exercises").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and data.get("kind") == "quiz":
            pool.extend(q for q in data["questions"] if q["type"] in (*CHOICE_TYPES, "true-false"))
    questions = []
    for index in range(count):
        question = dict(pool[index % len(pool)])
        question["id"] = f"q{index + 1}"
        question["section"] = "index.md#quiz"
        questions.append(question)
    return questions


def page_markdown(body: str) -> str:
    """Return a page with the heading the questions link back to."""
    return f"# A quiz of thirty questions\n\n## Quiz\n\n{body}\n"


def write_course_quiz(project: Path, questions: list[dict]) -> None:
    """Make `project` a one-page course whose page shows the quiz."""
    exercises = project / "exercises"
    shutil.rmtree(exercises, ignore_errors=True)
    exercises.mkdir()
    quiz = {"id": QUIZ_ID, "kind": "quiz", "title": "Benchmark quiz", "pass_mark": 70, "questions": questions}
    (exercises / f"{QUIZ_ID}.yml").write_text(yaml.safe_dump(quiz, sort_keys=False, allow_unicode=True), "utf-8")
    docs = project / "docs"
    for child in docs.iterdir():
        if child.name not in ("assets", "_headers"):
            shutil.rmtree(child) if child.is_dir() else child.unlink()
    (docs / "index.md").write_text(page_markdown(f"<!-- quiz: {QUIZ_ID} -->"), encoding="utf-8")
    config = load_config(project)
    config["nav"] = [{"Quiz": "index.md"}]
    write_config(project, config)


def build_course_quiz(work: Path, questions: list[dict]) -> Path:
    """Build the course's quiz page; return the site folder."""
    project = copy_project(work / "course-quiz")
    write_course_quiz(project, questions)
    site = work / "course-quiz-site"
    check_build(timed_build(project, site, cold=True), "the course's quiz page build")
    return site


def to_mkdocs_quiz(question: dict) -> str:
    """Write one question in mkdocs-quiz's syntax: prompt, `- [x]` answers with `>` feedback, explanation."""
    lines = ["<quiz>"]
    prompt = question["prompt"]
    if question["type"] == "scenario":
        prompt = f"{question['scenario'].strip()}\n\n{prompt}"
    lines.append(prompt.strip())
    if question["type"] == "true-false":
        options = [{"text": "True", "correct": question["answer"] is True, "feedback": question["feedback_true"]},
                   {"text": "False", "correct": question["answer"] is False, "feedback": question["feedback_false"]}]
    else:
        options = question["options"]
    for option in options:
        mark = "x" if option.get("correct") else " "
        lines.append(f"- [{mark}] {' '.join(option['text'].split())}")
        lines.append(f"> {' '.join(option['feedback'].split())}")
    lines += ["", " ".join(question["explanation"].split()), "</quiz>", ""]
    return "\n".join(lines)


def peer_python(cache: Path) -> Path:
    """Return the Python of a separate venv with mkdocs-quiz (made once, kept in .cache/bench)."""
    env = cache / "mkdocs-quiz-venv"
    python = env / "bin" / "python"
    stamp = env / f".installed-{PEER}"
    if not stamp.exists():
        shutil.rmtree(env, ignore_errors=True)
        venv.create(env, with_pip=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                        PEER, *PEER_SITE], check=True, capture_output=True, text=True)
        stamp.touch()
    return python


def build_peer_quiz(work: Path, cache: Path, questions: list[dict]) -> Path:
    """Build the same quiz with stock Material and mkdocs-quiz; return the site folder."""
    project = work / "peer-quiz"
    (project / "docs").mkdir(parents=True)
    (project / "includes").mkdir()
    shutil.copy2(ROOT / "includes" / "glossary-abbreviations.md", project / "includes")
    body = "\n".join(to_mkdocs_quiz(q) for q in questions)
    (project / "docs" / "index.md").write_text(page_markdown(body), encoding="utf-8")
    config = stock_config(load_config(ROOT))
    config["plugins"] = ["search", "mkdocs_quiz"]
    config["nav"] = [{"Quiz": "index.md"}]
    config.pop("validation", None)
    config.pop("not_in_nav", None)
    config.pop("watch", None)  # the course's folders (exercises/, ...) are not in this one-page project
    write_config(project, config)
    site = work / "peer-quiz-site"
    check_build(timed_build(project, site, cold=True, python=str(peer_python(cache))), "the mkdocs-quiz page build")
    return site


MOUNT_PROBE = """
(() => {
  const seen = () => {
    if (window.__hnMounted) return;
    if (document.querySelector("[data-hn-quiz][data-hn-mounted]")) window.__hnMounted = performance.now();
  };
  new MutationObserver(seen).observe(document, {subtree: true, attributes: true, attributeFilter: ["data-hn-mounted"]});
})();
"""


def mount_times(url: str, chromium: str | None, loads: int, cpu_slowdown: int = 1) -> list[float]:
    """Open the quiz page `loads` times; return ms from DOMContentLoaded to the quiz being mounted.

    The probe is a MutationObserver: its callback runs right after the task that mounted the
    quiz (rendering saved answers included), so the figure is the whole start-up.
    """
    from playwright.sync_api import sync_playwright  # only the benchmark needs it at import time

    times = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**launch_args(chromium))
        for _ in range(loads):
            context = browser.new_context()
            page = context.new_page()
            page.add_init_script(MOUNT_PROBE)
            if cpu_slowdown > 1:
                session = context.new_cdp_session(page)
                session.send("Emulation.setCPUThrottlingRate", {"rate": cpu_slowdown})
            page.goto(url, wait_until="load")
            page.wait_for_function("window.__hnMounted !== undefined", timeout=15000)
            times.append(page.evaluate(
                "window.__hnMounted - performance.getEntriesByType('navigation')[0].domContentLoadedEventStart"))
            context.close()
        browser.close()
    return times


def median_ms(values: list[float]) -> float:
    """Median, rounded to 0.1 ms."""
    return round(statistics.median(values), 1)
