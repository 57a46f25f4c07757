"""Revisions and runs: a report is graded by the final checker of its template revision's course run,
or by a report.py beside it that no known revision came with (from ../shared; skipped without it)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import SHARED, fill, requires_shared, words

from hooks.entry import report_check
from hooks.entry import report_headings as headings_main

pytestmark = requires_shared
REVISIONS = SHARED / "corpus" / "templates" / "revisions"


def course_report(tmp_path: Path, revision: str, answers: dict[int, str], report_py: bool = True) -> str:
    """reports/README.md from a pristine revision with some answers filled in, and that revision's report.py."""
    folder = tmp_path / "reports"
    folder.mkdir()
    text = (REVISIONS / revision / "README.md").read_text(encoding="utf-8")
    (folder / "README.md").write_text(fill(text, answers), encoding="utf-8")
    if report_py:
        shutil.copy(REVISIONS / revision / "report.py", folder / "report.py")
    return str(folder / "README.md")


def summary(path: str, capsys, *options: str) -> dict:
    report_check(["--summary", "--format", "json", *options, path])
    (data,) = json.loads(capsys.readouterr().out)
    return data


def question(data: dict, number: int) -> dict:
    return next(q for q in data["questions"] if q["n"] == number)


def test_a_revision_that_kept_last_year_s_prompt_is_graded_by_its_own_run(tmp_path, capsys) -> None:
    """The 2026-01-04 revision still asked for 100-200 words in Question 3; the 2026 run's checker wants 0-200."""
    path = course_report(tmp_path, "2026-01-04_1fa25710", {3: words(68)})
    data = summary(path, capsys)
    assert (data["template"], data["revision"], data["checker"]) == ("2026", "2026-01-04", "2026")
    assert question(data, 3) | {"line": None} == {
        "n": 3, "line": None, "words": 68, "images": 0, "min_words": 0, "max_words": 200,
        "min_images": None, "max_images": None, "passed": True,
    }  # fmt: skip
    assert report_check(["--format", "json", path]) == 1
    codes = {(f["code"], f["question"]) for f in json.loads(capsys.readouterr().out)}
    assert ("LEN001", 3) not in codes
    assert not any(code.startswith("HDG") for code, _ in codes)


def test_summary_text_names_the_revision_and_the_checker(tmp_path, capsys) -> None:
    path = course_report(tmp_path, "2023-01-02_148bb62d", {})
    report_check(["--summary", path])
    assert capsys.readouterr().out.splitlines()[0] == f"{path} (template 2023-01-02, checker 2023, chosen by its text)"


def test_template_names_a_run(tmp_path, capsys) -> None:
    path = course_report(tmp_path, "2026-01-04_1fa25710", {})
    data = summary(path, capsys, "--template", "2025")
    assert (data["revision"], data["checker"], question(data, 3)["min_words"]) == ("2025-01-24", "2025", 100)


def test_a_changed_report_py_beside_the_report_grades_it(tmp_path, capsys) -> None:
    path = course_report(tmp_path, "2026-01-09_eb7305c5", {4: words(180)})
    beside = Path(path).parent / "report.py"
    # Unchanged, the run's own checker: nothing to say.
    data = summary(path, capsys)
    assert (data["checker"], question(data, 4)["max_words"], question(data, 4)["passed"]) == ("2026", 200, True)
    assert capsys.readouterr().err == ""
    # Next year's, with one limit changed: read (never run) and used, and said once.
    source = beside.read_text(encoding="utf-8")
    changed = source.replace('"question_4": LengthConstraints(min_length=100, max_length=200)',
                             '"question_4": LengthConstraints(min_length=100, max_length=150)')  # fmt: skip
    assert changed != source
    beside.write_text(changed, encoding="utf-8")
    assert report_check(["--summary", "--format", "json", path]) == 1
    out, err = capsys.readouterr()
    (data,) = json.loads(out)
    assert (data["checker"], question(data, 4)["max_words"], question(data, 4)["passed"]) == (str(beside), 150, False)
    assert (
        err
        == f"report-check: note: {path} is graded with the table of {beside}, a report.py this package does not know\n"
    )
    assert report_check([path]) == 1
    out, err = capsys.readouterr()
    assert f"{path}:" in out and "LEN001 Question 4: 180 words, limit 100-150 (30 over)" in out
    assert err.count("note:") == 1


def test_a_report_py_that_is_not_a_table_is_ignored_with_a_note(tmp_path, capsys) -> None:
    path = course_report(tmp_path, "2026-01-09_eb7305c5", {})
    beside = Path(path).parent / "report.py"
    beside.write_text("print('hello')\n")
    data = summary(path, capsys)
    assert data["checker"] == "2026"
    report_check(["--summary", path])
    assert capsys.readouterr().err == (
        f"report-check: note: {beside} is ignored: it is not a checker table: has no check() function\n"
    )


def test_checker_file_names_the_checker(tmp_path, capsys, monkeypatch) -> None:
    path = course_report(tmp_path, "2026-01-09_eb7305c5", {3: words(120)}, report_py=False)
    shutil.copy(REVISIONS / "2022-12-29_58831729" / "report.py", tmp_path / "old.py")
    monkeypatch.chdir(tmp_path)  # a file an option names is read inside the working folder's repository
    old = "old.py"
    data = summary(path, capsys, "--checker-file", old)
    assert (data["checker"], data["official"]["error"]) == (old, "Number of answers are different from the expected 27")
    missing = str(tmp_path / "nope.py")
    assert report_check(["--checker-file", missing, path]) == 2
    assert capsys.readouterr().err == f"report-check: error: {missing}: no such file\n"
    outside = str(REVISIONS / "2022-12-29_58831729" / "report.py")
    assert report_check(["--checker-file", outside, path]) == 2
    assert capsys.readouterr().err == (
        f"report-check: error: --checker-file: {outside} is outside the repository, so it is not read\n"
    )


def test_a_prompt_the_course_changed_since_is_a_warning(tmp_path, capsys) -> None:
    """A report on the newest 2025 revision whose Question 31 prompt is still worded as on 2024-12-22."""
    current = (REVISIONS / "2025-01-24_9c3875c2" / "README.md").read_text(encoding="utf-8")
    older = (REVISIONS / "2024-12-22_4eb18892" / "README.md").read_text(encoding="utf-8")

    def prompt_31(text: str) -> str:
        start = text.index("### Question 31")
        return text[start : text.index("> Answer:", start)]

    report = tmp_path / "README.md"
    report.write_text(current.replace(prompt_31(current), prompt_31(older)), encoding="utf-8")
    assert headings_main(["--template", "2025", "--format", "json", str(report)]) == 0
    (finding,) = json.loads(capsys.readouterr().out)
    assert finding == {
        "path": str(report),
        "line": finding["line"],
        "code": "HDG015",
        "question": 31,
        "severity": "warning",
        "message": "Question 31: the course changed this prompt on 2025-01-08; the grader does not read prompts",
        "fixable": False,
        "questions": [31],
        "lines": [finding["line"]],
    }
    assert report.read_text(encoding="utf-8").splitlines()[finding["line"] - 1].startswith("> **")


def committed(path: str, day: str | None) -> None:
    """Make the report's folder a repository, and commit the report on ``day`` (None: add it, commit nothing)."""
    root = Path(path).parent.parent
    env = {**os.environ, "GIT_AUTHOR_NAME": "g", "GIT_AUTHOR_EMAIL": "g@example.invalid"}
    env |= {"GIT_COMMITTER_NAME": "g", "GIT_COMMITTER_EMAIL": "g@example.invalid"}
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    subprocess.run(["git", "add", "-A"], cwd=root, check=True)
    if day is not None:
        env |= {"GIT_AUTHOR_DATE": f"{day}T12:00:00", "GIT_COMMITTER_DATE": f"{day}T12:00:00"}
        subprocess.run(["git", "commit", "-q", "-m", "report"], cwd=root, check=True, env=env)


@pytest.mark.parametrize(
    ("day", "checker", "decided_by", "q3"),
    [
        ("2026-01-15", "2026", "its first commit", (0, 200)),  # during the 2026 run: its checker
        ("2025-09-01", "2026", "its first commit", (0, 200)),  # the run starts in August
        ("2025-03-10", "2025", "its text", (100, 200)),  # after its exam: a copy, the text decides
        ("2025-01-20", "2025", "its text", (100, 200)),  # its own run
    ],
)
def test_a_report_of_an_earlier_run_is_graded_by_the_run_of_its_first_commit(
    tmp_path, capsys, day, checker, decided_by, q3
) -> None:
    """A 2025 text committed during the 2026 run is graded as the course grades it: by the 2026 run's checker."""
    path = course_report(tmp_path, "2025-01-24_9c3875c2", {3: words(68)}, report_py=False)
    committed(path, day)
    data = summary(path, capsys)
    dated = decided_by == "its first commit"
    assert (data["revision"], data["checker"], data["decided_by"], data["committed"]) == (
        "2025-01-24",
        checker,
        decided_by,
        day if dated else None,
    )
    assert (question(data, 3)["min_words"], question(data, 3)["max_words"]) == q3
    report_check(["--summary", path])
    out, err = capsys.readouterr()
    chosen = f"its first commit of {day}" if dated else "its text"
    assert out.splitlines()[0] == f"{path} (template 2025-01-24, checker {checker}, chosen by {chosen})"
    note = (
        f"report-check: note: {path} follows the 2025-01-24 template of the 2025 run, but was first committed on "
        f"{day}, in the 2026 run: the 2026 run's checker grades it\n"
    )
    assert err == (note if dated else "")


def test_a_report_not_yet_committed_is_dated_today(tmp_path, capsys, monkeypatch) -> None:
    """Today (a run the package may not know yet) decides: the newest known run's checker grades it."""
    path = course_report(tmp_path, "2025-01-24_9c3875c2", {}, report_py=False)
    committed(path, None)
    monkeypatch.setattr("hooks.app.reading._today", lambda: "2026-12-06")
    report_check(["--summary", "--format", "json", path])
    out, err = capsys.readouterr()
    (data,) = json.loads(out)
    assert (data["checker"], data["decided_by"], data["committed"]) == ("2026", "its first commit", "2026-12-06")
    assert err == (
        f"report-check: note: {path} follows the 2025-01-24 template of the 2025 run, but was not committed yet on "
        "2026-12-06, in the 2027 run, whose checker is not known yet: the newest, the 2026 run's, grades it\n"
    )


def test_outside_git_and_with_a_run_chosen_the_text_or_the_option_decides(tmp_path, capsys) -> None:
    path = course_report(tmp_path, "2025-01-24_9c3875c2", {}, report_py=False)
    assert (summary(path, capsys)["checker"], summary(path, capsys)["decided_by"]) == ("2025", "its text")
    committed(path, "2026-01-15")
    data = summary(path, capsys, "--template", "2025")
    assert (data["checker"], data["decided_by"], data["committed"]) == ("2025", "the options", None)


def test_a_report_of_the_newest_run_asks_git_nothing(tmp_path, capsys, monkeypatch) -> None:
    path = course_report(tmp_path, "2026-01-09_eb7305c5", {}, report_py=False)
    committed(path, "2026-01-15")
    monkeypatch.setattr("hooks.app.reading.first_commit", lambda path: pytest.fail(f"git was asked about {path}"))
    assert summary(path, capsys)["decided_by"] == "its text"
