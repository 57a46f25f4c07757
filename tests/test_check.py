from __future__ import annotations

import csv
import gc
import io
import json
import os
import re
import subprocess
import sys

import pytest
from conftest import (
    EXAMPLE_REPORT,
    ONE_LINE_ANSWERS,
    TEMPLATE,
    fill,
    findings,
    git,
    with_figures,
    words,
)

from hooks.entry import report_check
from hooks.entry import report_headings as headings_main
from hooks.entry import report_images as images_main
from hooks.entry import report_length as length_main
from hooks.entry import report_placeholders as placeholders_main

REPORT = str(EXAMPLE_REPORT)


def test_report_check_runs_every_family(capsys) -> None:
    per_family = []
    for family_main in (length_main, images_main, headings_main, placeholders_main):
        assert family_main([*TEMPLATE, REPORT]) == 1
        per_family += findings(capsys.readouterr().out)
    assert report_check([*TEMPLATE, REPORT]) == 1
    *combined, summary = capsys.readouterr().out.splitlines()
    # One cause, one finding: the cut of Question 3 is said by its LEN001, so its HDG013 is folded.
    cut = (
        f"{REPORT}:44: HDG013 the official checker stops reading Question 3's answer at this '##' (in a code block): "
        "it counts 8 of 47 words"
    )
    assert sorted(combined) == sorted(line for line in per_family if line != cut)
    assert cut in per_family
    assert combined == [
        f"{REPORT}:17: LEN001 Question 2: 47 words, limit 20-40 (7 over)",
        f"{REPORT}:33: LEN001 Question 3: 8 words, limit 10-30 (2 under); the official checker stops at the '##' "
        "on line 44, the whole answer has 47 words",
        f"{REPORT}:62: IMG004 Question 4: 'figures/Dashboard.png' differs in case from the file "
        "'figures/dashboard.png': it shows on macOS and Windows, but not on Linux or GitHub",
        f"{REPORT}:72: IMG003 Question 5: 'figures/pipeline.png' does not exist",
        f"{REPORT}:74: LEN001 Question 6: 4 words, limit 5-25 (1 under)",
        f"{REPORT}:82: PLH004 [*] Question 6: the answer starts and ends with the placeholder's '---'",
    ]
    assert summary == (
        "Found 6 findings (3 in the official checker's output, 3 other errors); the official checker will print "
        "3 WARNING lines; 1 fixable with --fix."
    )


def test_summary_table(capsys) -> None:
    assert report_check([*TEMPLATE, "--summary", REPORT]) == 1
    assert capsys.readouterr().out == (
        f"{REPORT} (template template.md, chosen by the options)\n"
        "  Q  line  words  limit  images  limit  result\n"
        "  1    10      2      -       0      -    pass\n"
        "  2    17     47  20-40       0      -    FAIL\n"
        "  3    33      8  10-30       0      -    FAIL\n"
        "  4    51     21  10-50       1    1-2    pass\n"
        "  5    66      1      -       1    1-1    pass\n"
        "  6    74      4   5-25       0      -    FAIL\n"
        "official checker: 3 WARNING lines\n"
        "GitHub: 2 figures do not show\n"
    )


def test_summary_json(capsys) -> None:
    assert report_check([*TEMPLATE, "--summary", "--format", "json", REPORT]) == 1
    data = json.loads(capsys.readouterr().out)
    assert [entry["path"] for entry in data] == [REPORT]
    assert data[0]["template"] == "template.md"
    assert data[0]["official"] == {"error": None, "warnings": 3, "warning_name": "WARNING"}
    assert (data[0]["status"], data[0]["problem"]) == ("graded", None)
    assert data[0]["questions"][3] == {
        "n": 4,
        "line": 51,
        "words": 21,
        "images": 1,
        "min_words": 10,
        "max_words": 50,
        "min_images": 1,
        "max_images": 2,
        "passed": True,
    }
    assert [q["passed"] for q in data[0]["questions"]] == [True, False, False, True, True, False]


def test_summary_of_an_aborting_report(tmp_path, template_text, capsys) -> None:
    path = tmp_path / "README.md"
    path.write_text(template_text + "\n### Appendix\n")
    assert report_check([*TEMPLATE, "--summary", "--format", "json", str(path)]) == 1
    (data,) = json.loads(capsys.readouterr().out)
    assert data["official"] == {
        "error": "Number of answers are different from the expected 6",
        "warnings": 0,
        "warning_name": "WARNING",
    }
    assert data["status"] == "aborts"
    assert {q["passed"] for q in data["questions"]} == {None}
    assert report_check([*TEMPLATE, "--summary", str(path)]) == 1
    assert capsys.readouterr().out.endswith(
        "official checker: aborts (Number of answers are different from the expected 6), prints 0 WARNING lines\n"
    )


def test_summary_of_a_passing_report(tmp_path, template_text, good_answers, capsys) -> None:
    from conftest import fill

    path = with_figures(tmp_path / "README.md")
    path.write_text(fill(template_text, good_answers))
    assert report_check([*TEMPLATE, "--summary", str(path)]) == 0
    assert capsys.readouterr().out.endswith("official checker: 0 WARNING lines\n")


def test_summary_names_a_file_that_is_not_a_report(tmp_path, capsys) -> None:
    path = tmp_path / "notes.md"
    path.write_text("# Notes\n")
    assert report_check(["--summary", "--format", "json", str(path)]) == 0
    problem = "it is not reports/README.md and has no question heading or '> Answer:' marker, so it was not checked"
    assert json.loads(capsys.readouterr().out) == [
        {
            "path": str(path),
            "status": "not a report",
            "problem": problem,
            "template": None,
            "revision": None,
            "checker": None,
            "decided_by": None,
            "committed": None,
            "official": {"error": None, "warnings": None, "warning_name": "WARNING"},
            "figures_not_shown": 0,
            "ticks_not_backed": None,
            "questions": [],
        }
    ]


def test_only_a_command_freezes_the_collector_before_it_exits(monkeypatch, capsys) -> None:
    gc.unfreeze()
    try:
        assert report_check([*TEMPLATE, REPORT]) == 1
        assert length_main([*TEMPLATE, REPORT]) == 1
        assert gc.get_freeze_count() == 0  # called with arguments, as from Python: the collector is untouched

        monkeypatch.setattr(sys, "argv", ["report-length", *TEMPLATE, REPORT])
        assert length_main() == 1
        assert gc.get_freeze_count() > 0
        gc.unfreeze()
        monkeypatch.setattr(sys, "argv", ["report-check", "--summary", *TEMPLATE, REPORT])
        assert report_check() == 1
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
    assert capsys.readouterr().out.count(f"{REPORT}:17: LEN001 Question 2: 47 words, limit 20-40 (7 over)") == 3


def batch(tmp_path, template_text: str, good_answers: dict[int, str]) -> list[str]:
    """Three reports: the example (3 failing questions), a passing one, and one the checker aborts on."""
    from conftest import fill

    passing, aborting = with_figures(tmp_path / "passing.md"), tmp_path / "aborting.md"
    passing.write_text(fill(template_text, good_answers))
    aborting.write_text(template_text + "\n### Appendix\n")
    return [REPORT, str(passing), str(aborting)]


def unusable(tmp_path) -> list[str]:
    """An empty report, a path that does not exist, and a markdown file that is not a report."""
    (tmp_path / "empty.md").write_text("")
    (tmp_path / "notes.md").write_text("# Notes\n")
    return [str(tmp_path / "empty.md"), str(tmp_path / "missing.md"), str(tmp_path / "notes.md")]


def test_summary_overview_of_a_batch(tmp_path, template_text, good_answers, capsys) -> None:
    paths = batch(tmp_path, template_text, good_answers)
    empty, missing, notes = unusable(tmp_path)
    assert report_check([*TEMPLATE, "--summary", *paths, empty, missing, notes]) == 2
    out, err = capsys.readouterr()
    assert out.endswith(
        f"{empty}: unusable: is empty: the official checker finds no 'Answer:' in it and aborts\n\n"
        f"{missing}: unusable: no such file\n\n"
        f"{notes}: not a report: it is not reports/README.md and has no question heading or '> Answer:' marker, "
        "so it was not checked\n\n"
        "6 reports checked: the official checker prints 3 WARNING lines on 2 and aborts on 1; 2 are unusable and 1 is "
        "not a report; on GitHub, 2 figures do not show\n"
        "warning lines per report, worst first:\n"
        f"      unusable  {empty}\n"
        f"      unusable  {missing}\n"
        f"  not a report  {notes}\n"
        f"         abort  {paths[2]}\n"
        f"             3  {paths[0]}  (2 figures do not show)\n"
        f"             0  {paths[1]}\n"
        "questions most often failed (reports), template.md checker: Q2 (1), Q3 (1), Q6 (1)\n"
    )
    # Each unusable path is also an error on stderr, as without --summary.
    assert err.splitlines() == [
        f"report-check: error: {empty}: is empty: the official checker finds no 'Answer:' in it and aborts",
        f"report-check: error: {missing}: no such file",
        f"report-check: note: {notes} is not a report: it is not reports/README.md and has no question heading or "
        "'> Answer:' marker, so it was not checked",
    ]
    assert report_check([*TEMPLATE, "--summary", "--format", "json", *paths, missing]) == 2
    data = json.loads(capsys.readouterr().out)
    assert [entry.get("path") for entry in data] == [*paths, missing, None]
    entry = {"warning_name": "WARNING"}
    assert data[-1]["overview"] == {
        "reports": 4,
        "aborts": 1,
        "not_read": 0,
        "unusable": 1,
        "not_reports": 0,
        "missing": 0,
        "warnings": 3,
        "figures_not_shown": 2,
        "ticks_not_backed": 0,
        "warnings_per_report": [
            {
                "path": missing,
                "status": "unusable",
                "aborts": False,
                "warnings": None,
                **entry,
                "figures_not_shown": 0,
                "ticks_not_backed": None,
            },
            {
                "path": paths[2],
                "status": "aborts",
                "aborts": True,
                "warnings": 0,
                **entry,
                "figures_not_shown": 0,
                "ticks_not_backed": 0,
            },
            {
                "path": paths[0],
                "status": "graded",
                "aborts": False,
                "warnings": 3,
                **entry,
                "figures_not_shown": 2,
                "ticks_not_backed": 0,
            },
            {
                "path": paths[1],
                "status": "graded",
                "aborts": False,
                "warnings": 0,
                **entry,
                "figures_not_shown": 0,
                "ticks_not_backed": 0,
            },
        ],
        "most_failed": [
            {"checker": "template.md", "n": 2, "reports": 1},
            {"checker": "template.md", "n": 3, "reports": 1},
            {"checker": "template.md", "n": 6, "reports": 1},
        ],
    }


def test_summary_as_csv(tmp_path, template_text, good_answers, capsys) -> None:
    paths = batch(tmp_path, template_text, good_answers)
    empty, missing, notes = unusable(tmp_path)
    assert report_check([*TEMPLATE, "--summary", "--format", "csv", *paths, empty, missing, notes]) == 2
    rows = capsys.readouterr().out.splitlines()
    assert rows[0] == (
        "path,status,problem,checker,template,revision,question,line,words,images,min_words,max_words,min_images,"
        "max_images,passed,official_warnings,official_error,figures_not_shown,ticks_not_backed"
    )
    # The aborting report has a row for each of the 7 answers the checker finds, the last one beyond its table.
    assert len(rows) == 1 + 2 * 6 + 7 + 3
    assert rows[2] == f"{REPORT},graded,,template.md,template.md,template.md,2,17,47,0,20,40,,,false,3,,2,0"
    aborted = "aborts,,template.md,template.md,template.md"
    assert rows[18:20] == [
        f"{paths[2]},{aborted},6,61,6,0,5,25,,,,0,Number of answers are different from the expected 6,0,0",
        f"{paths[2]},{aborted},7,69,8,0,,,,,,0,Number of answers are different from the expected 6,0,0",
    ]
    assert rows[20:] == [
        f"{empty},unusable,is empty: the official checker finds no 'Answer:' in it and aborts,,,,0,0,0,0,,,,,,,,0,",
        f"{missing},unusable,no such file,,,,0,0,0,0,,,,,,,,0,",
        f"{notes},not a report,\"it is not reports/README.md and has no question heading or '> Answer:' marker, "
        'so it was not checked",,,,0,0,0,0,,,,,,,,0,',
    ]
    with pytest.raises(SystemExit) as exit_info:
        report_check([*TEMPLATE, "--format", "csv", REPORT])
    assert exit_info.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == "report-check: error: --format csv goes with --summary"


def test_summary_never_writes(tmp_path, template_text, capsys) -> None:
    path = tmp_path / "README.md"
    path.write_text(fill(template_text, {**ONE_LINE_ANSWERS, 6: f"--- {words(10)} ---"}))
    before = path.read_bytes()
    with pytest.raises(SystemExit) as exit_info:
        report_check([*TEMPLATE, "--summary", "--fix", str(path)])
    assert exit_info.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        "report-check: error: --summary never writes: run --fix without it"
    )
    assert path.read_bytes() == before


def test_csv_integer_columns_are_never_empty(tmp_path, template_text, good_answers, capsys) -> None:
    """A spreadsheet or pandas reads question, line, words, images and figures_not_shown as integers, and
    official_warnings where the grader reads the report."""
    no_marker = tmp_path / "no-marker.md"
    no_marker.write_text(template_text.replace("Answer:", "Reply:"))
    paths = [*batch(tmp_path, template_text, good_answers), *unusable(tmp_path), str(no_marker)]
    report_check([*TEMPLATE, "--summary", "--format", "csv", *paths])
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert {row["path"] for row in rows} == set(paths)
    for column in ("question", "line", "words", "images", "figures_not_shown"):
        assert all(row[column].isdigit() for row in rows), column
    read = [row for row in rows if row["status"] in ("graded", "aborts")]
    assert all(row["official_warnings"].isdigit() for row in read)
    assert all(row["official_warnings"] == "" for row in rows if row not in read)
    (row,) = [row for row in rows if row["path"] == str(no_marker)]
    assert (row["status"], row["question"], row["official_error"]) == (
        "aborts",
        "0",
        "crashes with IndexError: there is no 'Answer:' in the file",
    )


def test_a_folder_is_every_group_in_it(tmp_path, template_text, good_answers, capsys) -> None:
    """Without repositories, each folder in it is a group, whatever the case of its report's path; hidden folders
    are not entered; a folder with no group and no report is said to miss one."""
    for group, path in (("group-1", "reports/README.md"), ("group-2", "Reports/readme.md"),
                        ("nested/group-3", "reports/README.md"), (".cache/group-4", "reports/README.md")):  # fmt: skip
        report = tmp_path / "course" / group / path
        report.parent.mkdir(parents=True)
        report.write_text(fill(template_text, good_answers))
    (tmp_path / "course" / "group-5" / "src").mkdir(parents=True)
    (tmp_path / "empty").mkdir()
    course, empty = str(tmp_path / "course"), str(tmp_path / "empty")
    assert report_check([*TEMPLATE, "--summary", "--format", "csv", course, empty]) == 2
    out, err = capsys.readouterr()
    reports = {row["path"]: (row["status"], row["official_warnings"]) for row in csv.DictReader(io.StringIO(out))}
    assert reports == {
        os.path.join(course, "group-1", "reports", "README.md"): ("graded", "0"),
        os.path.join(course, "group-2", "Reports", "readme.md"): ("not read", ""),
        os.path.join(course, "nested", "group-3", "reports", "README.md"): ("graded", "0"),
        os.path.join(course, "group-5"): ("missing", ""),
        empty: ("missing", ""),
    }
    assert err.splitlines() == [
        f"report-check: error: {os.path.join(course, 'group-5')}: has no reports/README.md (in any case)",
        f"report-check: error: {empty}: has no reports/README.md (in any case)",
    ]


def test_a_folder_of_clones_is_every_repository_in_it(tmp_path, template_text, good_answers, capsys) -> None:
    """Each clone is a group, however deep; one without a report is in the overview, missing, and its folders are
    not searched for other groups' reports."""
    clones = tmp_path / "clones"
    for group in ("g1", "year/g2", "g8"):
        (clones / group).mkdir(parents=True)
        git(clones / group, "init", "-q")
    with_figures(clones / "g1" / "reports" / "README.md").write_text(fill(template_text, good_answers))
    git(clones / "g1", "add", "-A")  # its figures committed; g2 has none
    (clones / "year" / "g2" / "reports").mkdir()
    (clones / "year" / "g2" / "reports" / "README.md").write_text(fill(template_text, {**good_answers, 2: "Short."}))
    (clones / "g8" / "src").mkdir()
    assert report_check([*TEMPLATE, "--summary", str(clones)]) == 2
    out, err = capsys.readouterr()
    g1, g2 = clones / "g1" / "reports" / "README.md", clones / "year" / "g2" / "reports" / "README.md"
    assert out.split("\n\n")[-1] == (
        "3 reports checked: the official checker prints 1 WARNING line on 2; 1 is missing; on GitHub, 2 figures do "
        "not show\n"
        "warning lines per report, worst first:\n"
        f"  missing  {clones / 'g8'}\n"
        f"        1  {g2}  (2 figures do not show)\n"
        f"        0  {g1}\n"
        "questions most often failed (reports), template.md checker: Q2 (1)\n"
    )
    assert err == f"report-check: error: {clones / 'g8'}: has no reports/README.md (in any case)\n"


def test_progress_on_a_terminal_for_more_than_twenty_reports(monkeypatch, capsys) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert report_check([*TEMPLATE, "--summary", "--format", "csv", *[REPORT] * 21]) == 1
    # The last count, then the line cleared: what is left on the terminal is the output alone.
    cleared = " " * len("checked 21 of 21")
    assert terminal.getvalue().endswith(f"\rchecked 20 of 21\rchecked 21 of 21\r{cleared}\r")
    capsys.readouterr()
    terminal.truncate(0)
    assert report_check([*TEMPLATE, "--summary", "--format", "csv", *[REPORT] * 20]) == 1
    assert terminal.getvalue() == ""


# --- one cause, one finding ----------------------------------------------------------


def test_an_extra_marker_that_aborts_is_one_finding_printed_first(tmp_path, template_text, good_answers, capsys):
    answer = words(25) + "\n\n### Details\n\nAnswer: we also wanted to say this.\n\n### A note\n\nmore"
    path = tmp_path / "README.md"
    path.write_text(fill(template_text, {**good_answers, 2: answer, 6: "--- " + words(10)}))
    assert headings_main([*TEMPLATE, str(path)]) == 1
    alone = capsys.readouterr().out
    assert f"{path}:31: HDG008 extra 'Answer:' in Question 2" in alone
    assert report_check([*TEMPLATE, "--ignore", "IMG", str(path)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == (
        "Found 4 findings (1 in the official checker's output, 2 other errors, 1 warning); the official checker "
        "will abort; 1 fixable with --fix."
    )
    assert out[0] == (
        f"{path}:31: LEN002 official checker will abort (7 answers, expected 6), so it checks no word count: "
        "this 'Answer:' is not a question's marker; the checker starts an extra answer here"
    )
    assert not [line for line in out if " HDG008 " in line]
    assert out[1:-1] == [
        f"{path}:29: HDG013 the official checker stops reading Question 2's answer at this '###' (in a heading): "
        "it counts 25 of 38 words",
        f"{path}:33: HDG012 warning: Question 2: a heading inside the answer: '### A note'",
        f"{path}:79: PLH004 [*] Question 6: the answer starts with the placeholder's '---'",
    ]


def test_an_unanswered_question_is_one_finding_with_the_graders_verdict(tmp_path, template_text, good_answers, capsys):
    path = tmp_path / "README.md"
    answers = {number: answer for number, answer in good_answers.items() if number != 4}
    path.write_text(fill(template_text, answers))
    assert length_main([*TEMPLATE, str(path)]) == 1
    assert findings(capsys.readouterr().out) == [f"{path}:41: LEN001 Question 4: 6 words, limit 10-50 (4 under)"]
    assert report_check([*TEMPLATE, "--ignore", "IMG003", str(path)]) == 1
    assert capsys.readouterr().out == (
        f"{path}:49: PLH001 Question 4 is unanswered: the template's placeholder is still there; the official "
        "checker counts it as 6 words: fails 10-50, and 0 images: fails 1-2\n"
        "Found 1 finding (1 in the official checker's output); the official checker will print 2 WARNING lines.\n"
    )


def test_a_cause_repeated_in_many_answers_is_one_finding(tmp_path, template_text, capsys) -> None:
    answers = {2: "--- " + words(30) + " ---", 3: words(20) + "\n---", 6: "---Group " + words(10) + "---"}
    path = tmp_path / "README.md"
    path.write_text(fill(template_text, {**ONE_LINE_ANSWERS, **answers}))
    assert placeholders_main([*TEMPLATE, str(path)]) == 1
    assert capsys.readouterr().out == (
        f"{path}:27: PLH004 Questions 2-3, 6: the answers start or end with the placeholder's '---' "
        f"(lines 27, 40, 70); the '---' glued to the text on line 70 stays: remove it by hand\n"
        # Glued dashes are the student's to remove, so --fix does not repair the finding whole.
        "Found 1 finding (1 error); the official checker will print 0 WARNING lines.\n"
    )


# --- the summary line -----------------------------------------------------------------


def _report(tmp_path, template_text, name: str = "README.md", **answers: str) -> str:
    path = tmp_path / name
    path.write_text(fill(template_text, {**ONE_LINE_ANSWERS, **{int(k[1:]): v for k, v in answers.items()}}))
    return str(path)


def test_the_summary_tells_the_graders_output_from_other_errors_and_warnings(tmp_path, template_text, capsys):
    path = tmp_path / "README.md"
    unquoted = fill(template_text, ONE_LINE_ANSWERS).replace("words.\n>\n> Answer:", "words.\n\nAnswer:")
    path.write_text(unquoted)
    assert report_check([*TEMPLATE, "--ignore", "IMG003", str(path)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"{path}:37: HDG007 warning: Question 3: the 'Answer:' marker is outside the prompt's quote ('> Answer:')",
        f"{path}:67: HDG007 warning: Question 6: the 'Answer:' marker is outside the prompt's quote ('> Answer:')",
        "Found 2 findings (2 warnings); the official checker will print 0 WARNING lines.",
    ]
    # --warn decides what fails the run, not what the grader makes of the report; the tallies count what is printed.
    long = _report(tmp_path, template_text, "long.md", Q2=words(41))
    assert report_check([*TEMPLATE, "--ignore", "IMG003", "--warn", "LEN", long]) == 0
    assert capsys.readouterr().out == (
        f"{long}:17: LEN001 warning: Question 2: 41 words, limit 20-40 (1 over)\n"
        "Found 1 finding (1 warning); the official checker will print 1 WARNING line.\n"
    )


def test_a_report_the_grader_does_not_read_has_nothing_in_its_output(tmp_path, template_text, capsys) -> None:
    path = tmp_path / "Reports" / "readme.md"
    path.parent.mkdir()
    path.write_text(fill(template_text, {**ONE_LINE_ANSWERS, 2: words(41)}))
    assert report_check([*TEMPLATE, "--ignore", "IMG003", str(path)]) == 1
    assert capsys.readouterr().out.splitlines()[-1] == (
        "Found 2 findings (2 errors); the official checker will not read it."
    )
    assert report_check([*TEMPLATE, "--ignore", "IMG003", "--summary", str(path)]) == 1
    out = capsys.readouterr().out
    assert "WARNING" not in out and "FAIL" not in out
    assert "official checker: does not read it, as it reads exactly reports/README.md" in out.splitlines()


def test_the_summary_adds_up_several_reports(tmp_path, template_text, capsys) -> None:
    long = _report(tmp_path, template_text, "long.md", Q2=words(41), Q6=words(30))
    broken = _report(tmp_path, template_text, "broken.md", Q3=words(20) + "\n\n### Notes\n\nAnswer: more")
    clean = _report(tmp_path, template_text, "clean.md")
    assert report_check([*TEMPLATE, "--ignore", "IMG003", long, broken, clean]) == 1
    assert capsys.readouterr().out.splitlines()[-1] == (
        "Found 4 findings in 3 reports (3 in the official checker's output, 1 other error); the official checker "
        "will print 2 WARNING lines, and abort on 1."
    )


def test_the_summary_is_text_only_and_says_nothing_of_a_clean_report(tmp_path, template_text, capsys) -> None:
    path = _report(tmp_path, template_text, Q2=words(41))
    assert report_check([*TEMPLATE, "--ignore", "IMG003", "--format", "github", path]) == 1
    assert "Found" not in capsys.readouterr().out
    assert report_check([*TEMPLATE, "--ignore", "IMG003", "--format", "json", path]) == 1
    assert len(json.loads(capsys.readouterr().out)) == 1
    assert report_check([*TEMPLATE, "--ignore", "IMG003", _report(tmp_path, template_text, "clean.md")]) == 0
    assert capsys.readouterr() == ("", "")


def test_after_fix_the_summary_counts_what_is_left(tmp_path, template_text, capsys) -> None:
    path = _report(tmp_path, template_text, Q3="--- " + words(20) + " ---", Q6="---" + words(10))
    assert report_check([*TEMPLATE, "--ignore", "IMG003", path]) == 1
    assert capsys.readouterr().out.splitlines()[-1] == (
        "Found 2 findings (2 errors); the official checker will print 0 WARNING lines; 1 fixable with --fix."
    )
    assert report_check([*TEMPLATE, "--ignore", "IMG003", "--fix", path]) == 1
    assert capsys.readouterr().out == (
        f"{path}:69: PLH004 Question 6: the answer starts with the placeholder's '---', glued to the text; "
        "remove it by hand\n"
        "Found 1 finding (1 error); the official checker will print 0 WARNING lines.\n"
    )


# --- question headings renamed or removed ----------------------------------------------

QUESTION_LINES = "10, 17, 31, 41, 53, 61"


def _headings_changed(tmp_path, template_text, replacement: str, name: str = "README.md") -> str:
    path = tmp_path / name
    text = fill(template_text, ONE_LINE_ANSWERS)
    path.write_text(re.sub(r"^### Question (\d+)\n", replacement, text, flags=re.M))
    return str(path)


@pytest.mark.parametrize(
    ("replacement", "shape"), [(r"### Q\1\n", "'### QN'"), (r"#### Question \1\n", "'#### Question N'")]
)
def test_renamed_question_headings_are_still_the_questions(tmp_path, template_text, capsys, replacement, shape):
    path = _headings_changed(tmp_path, template_text, replacement)
    # They keep their '###', so the checker reads every answer: a warning, which does not fail the run.
    assert report_check([*TEMPLATE, "--ignore", "IMG003", path]) == 0
    assert capsys.readouterr().out == (
        f"{path}:10: HDG019 warning: Questions 1-6: the heading is {shape}, not the template's '### Question N' "
        f"(lines {QUESTION_LINES})\n"
        "Found 1 finding (1 warning); the official checker will print 0 WARNING lines.\n"
    )


def test_a_finding_about_many_questions_lists_them_for_machines(tmp_path, template_text, capsys) -> None:
    """JSON carries the questions and lines of a repeated cause; GitHub gets an annotation on each line."""
    path = _headings_changed(tmp_path, template_text, r"### Q\1\n")
    assert report_check([*TEMPLATE, "--ignore", "IMG003", "--format", "json", path]) == 0
    (finding,) = json.loads(capsys.readouterr().out)
    lines = [int(line) for line in QUESTION_LINES.split(", ")]
    assert (finding["question"], finding["questions"], finding["lines"]) == (None, [1, 2, 3, 4, 5, 6], lines)
    assert report_check([*TEMPLATE, "--ignore", "IMG003", "--format", "github", path]) == 0
    message = (
        f"HDG019 Questions 1-6: the heading is '### QN', not the template's '### Question N' (lines {QUESTION_LINES})"
    ).replace(",", ",")
    assert capsys.readouterr().out.splitlines() == [
        f"::warning file={path.replace(':', '%3A')},line={line},title=HDG019::{message}" for line in lines
    ]


def test_one_renamed_question_heading_is_its_own_warning(tmp_path, template_text, capsys) -> None:
    path = tmp_path / "README.md"
    path.write_text(fill(template_text, ONE_LINE_ANSWERS).replace("### Question 3\n", "### Q3\n"))
    assert report_check([*TEMPLATE, "--ignore", "IMG003", str(path)]) == 0
    assert findings(capsys.readouterr().out) == [
        f"{path}:31: HDG019 warning: Question 3: the heading is '### Q3', not the template's '### Question 3'"
    ]


def test_question_headings_at_level_two_make_the_checker_abort(tmp_path, template_text, capsys) -> None:
    path = _headings_changed(tmp_path, template_text, r"## Question \1\n")
    assert report_check([*TEMPLATE, "--ignore", "IMG003", path]) == 1
    assert capsys.readouterr().out == (
        f"{path}:17: LEN002 official checker will abort (1 answer, expected 6), so it checks no word count: question "
        "headings that are not '###' headings: the checker drops one answer for each (lines 17, 31, 41, 53, 61)\n"
        "Found 1 finding (1 in the official checker's output); the official checker will abort.\n"
    )
    assert headings_main([*TEMPLATE, path]) == 0
    assert findings(capsys.readouterr().out) == [
        f"{path}:10: HDG019 warning: Questions 1-6: the heading is '## Question N', not the template's "
        f"'### Question N' (lines {QUESTION_LINES})"
    ]
    one = tmp_path / "one.md"
    one.write_text(fill(template_text, ONE_LINE_ANSWERS).replace("### Question 3\n", "## Question 3\n"))
    assert report_check([*TEMPLATE, "--ignore", "IMG003", str(one)]) == 1
    assert findings(capsys.readouterr().out) == [
        f"{one}:31: LEN002 official checker will abort (5 answers, expected 6), so it checks no word count: "
        "Question 3's heading is not a '###' heading, so the checker drops the answer before it"
    ]


def test_a_report_without_question_headings_is_still_the_report(tmp_path, template_text, capsys) -> None:
    # Named anything, it is the report by its '> Answer:' markers.
    path = _headings_changed(tmp_path, template_text, "", "notes.md")
    assert report_check([*TEMPLATE, "--ignore", "IMG003", path]) == 1
    assert capsys.readouterr().out == (
        f"{path}:12: LEN002 official checker will abort (1 answer, expected 6), so it checks no word count: "
        "there is no '### Question N' heading in the report, so the checker drops every answer but the last\n"
        "Found 1 finding (1 in the official checker's output); the official checker will abort.\n"
    )
    assert headings_main([*TEMPLATE, path]) == 1
    assert findings(capsys.readouterr().out) == [
        f"{path}:12: HDG001 there is no '### Question N' heading in the report: the template's question headings "
        "are all gone"
    ]
    # At the path the grader reads, whatever it holds is the report; a file elsewhere without markers is not.
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "README.md").write_text("# Our project\n\nNotes.\n")
    (tmp_path / "NOTES.md").write_text("# Our project\n\nNotes.\n")
    assert report_check([*TEMPLATE, str(reports / "README.md"), str(tmp_path / "NOTES.md")]) == 1
    assert capsys.readouterr() == (
        f"{reports / 'README.md'}:1: LEN002 official checker will crash: there is no 'Answer:' in the file\n"
        "Found 1 finding (1 in the official checker's output); the official checker will abort.\n",
        f"report-check: note: {tmp_path / 'NOTES.md'} is not a report: it is not reports/README.md and has no "
        "question heading or '> Answer:' marker, so it was not checked\n",
    )


# --- the command line ----------------------------------------------------------------


def test_python_dash_m_hooks_is_report_check(capsys) -> None:
    assert report_check([*TEMPLATE, REPORT]) == 1
    expected = capsys.readouterr().out
    done = subprocess.run([sys.executable, "-m", "hooks", *TEMPLATE, REPORT], capture_output=True, text=True)
    assert (done.returncode, done.stdout, done.stderr) == (1, expected, "")


def test_a_closed_pipe_ends_quietly(tmp_path) -> None:
    path = tmp_path / "README.md"
    path.write_text(EXAMPLE_REPORT.read_text() + "".join(f"\n### Question {n}\n\n> Answer:\n" for n in range(7, 3000)))
    reader = subprocess.Popen(
        [sys.executable, "-m", "hooks", *TEMPLATE, str(path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert reader.stdout is not None and reader.stderr is not None
    reader.stdout.readline()
    reader.stdout.close()
    assert reader.wait(timeout=60) == 1
    assert reader.stderr.read() == b""


def test_fix_with_json_output_is_valid_json(tmp_path, template_text, capsys) -> None:
    path = tmp_path / "README.md"
    path.write_text(fill(template_text, {**ONE_LINE_ANSWERS, 3: "--- " + words(20) + " ---"}))
    assert report_check([*TEMPLATE, "--fix", "--format", "json", "--ignore", "IMG003", str(path)]) == 1
    out, err = capsys.readouterr()
    assert json.loads(out) == []
    assert err.splitlines()[-1] == f"Fixing {path}"


def test_rules_are_named_by_code_or_name(capsys) -> None:
    assert length_main([*TEMPLATE, "--ignore", "word-limit", REPORT]) == 0
    assert length_main([*TEMPLATE, "--warn", "Word-Limit,LEN002", REPORT]) == 0
    assert capsys.readouterr().out.splitlines()[0] == (
        f"{REPORT}:17: LEN001 warning: Question 2: 47 words, limit 20-40 (7 over)"
    )


def test_one_warning_line_is_singular(tmp_path, template_text, good_answers, capsys) -> None:
    path = with_figures(tmp_path / "README.md")
    path.write_text(fill(template_text, {**good_answers, 2: words(41)}))
    assert report_check([*TEMPLATE, "--summary", str(path)]) == 1
    assert capsys.readouterr().out.splitlines()[-1] == "official checker: 1 WARNING line"


def test_an_unusable_file_wins_over_findings(tmp_path, capsys) -> None:
    assert report_check([*TEMPLATE, REPORT, str(tmp_path / "missing.md")]) == 2
    out, err = capsys.readouterr()
    assert out.startswith(f"{REPORT}:17: LEN001 ")
    assert err == f"report-check: error: {tmp_path / 'missing.md'}: no such file\n"
