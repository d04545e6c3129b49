"""How the validator scales: the real course, then 250, 500 and 1,000 generated exercises.

Each generated exercise is a realistic quiz (five of the course's own questions) with its own
page holding the marker and the heading its questions link to, so every cross-check runs.
"""

from __future__ import annotations

import time
from pathlib import Path

import yaml

from hn.bench.project import ROOT
from hn.bench.quiz import course_questions
from hn.exercises import check_project
from hn.exercises.check import forget_pages

QUESTIONS_PER_FILE = 5


def generate(project: Path, count: int) -> Path:
    """Write `count` valid exercise files and their pages under `project`."""
    docs, exercises = project / "docs" / "gen", project / "exercises"
    docs.mkdir(parents=True, exist_ok=True)
    exercises.mkdir(parents=True, exist_ok=True)
    pool = course_questions(QUESTIONS_PER_FILE * 4)
    for index in range(count):
        exercise_id = f"gen-{index:04d}"
        questions = []
        for number in range(QUESTIONS_PER_FILE):
            question = dict(pool[(index + number) % len(pool)])
            question["id"], question["section"] = f"q{number + 1}", f"gen/{exercise_id}.md#topic"
            questions.append(question)
        quiz = {"id": exercise_id, "kind": "quiz", "title": f"Generated quiz {index}", "pass_mark": 70,
                "questions": questions}
        (exercises / f"{exercise_id}.yml").write_text(yaml.safe_dump(quiz, sort_keys=False), encoding="utf-8")
        (docs / f"{exercise_id}.md").write_text(f"# Page {index}\n\n## Topic\n\n<!-- quiz: {exercise_id} -->\n",
                                                encoding="utf-8")
    return project


def time_check(project: Path, repeats: int = 2, *, generated: bool = True) -> tuple[float, int]:
    """Best time of `repeats` full checks of a project, and how many exercises it held.

    Each check reads every page afresh: the readings a check keeps for the next (while nothing
    changes, as under `mkdocs serve`) would otherwise make every check after the first look free.
    """
    best, report = float("inf"), None
    for _ in range(repeats):
        forget_pages()
        start = time.perf_counter()
        report = check_project(project)
        best = min(best, time.perf_counter() - start)
    if generated and report.problems:
        raise RuntimeError("generated exercises failed the check:\n" + "\n".join(map(str, report.problems[:5])))
    return best, len(report.exercises.exercises)


def scale(work: Path, sizes: tuple[int, ...]) -> dict:
    """Time the real course and each generated size; report time per exercise file."""
    course_seconds, course_files = time_check(ROOT, repeats=3, generated=False)
    rows = []
    for size in sizes:
        seconds, files = time_check(generate(work / f"validator-{size}", size))
        rows.append({"files": files, "seconds": round(seconds, 3), "ms_per_file": round(1000 * seconds / files, 2)})
    per_file = [row["ms_per_file"] for row in rows]
    return {"course_seconds": round(course_seconds, 3), "course_files": course_files, "generated": rows,
            "growth": round(per_file[-1] / per_file[0], 2) if per_file else None}
