from __future__ import annotations

import json

from conftest import EXAMPLE_REPORT, EXAMPLE_TEMPLATE

from hooks import check
from hooks.headings import main as headings_main
from hooks.length import main as length_main

TEMPLATE = ["--template-file", str(EXAMPLE_TEMPLATE)]
REPORT = str(EXAMPLE_REPORT)


def test_report_check_runs_every_family(capsys) -> None:
    assert length_main([*TEMPLATE, REPORT]) == 1
    length_lines = capsys.readouterr().out.splitlines()
    assert headings_main([*TEMPLATE, REPORT]) == 1
    headings_lines = capsys.readouterr().out.splitlines()
    assert check.main([*TEMPLATE, REPORT]) == 1
    combined = capsys.readouterr().out.splitlines()
    assert sorted(combined) == sorted(length_lines + headings_lines)
    assert combined == [
        f"{REPORT}:17: LEN001 Question 2: 47 words, limit 20-40 (7 over)",
        f"{REPORT}:33: LEN001 Question 3: 8 words, limit 10-30 (2 under); the official checker stops at the '##' "
        "on line 44, the whole answer has 47 words",
        f"{REPORT}:44: HDG013 the official checker stops reading Question 3's answer at this '##' (in a code block): "
        "it counts 8 of 47 words",
        f"{REPORT}:72: LEN001 Question 6: 2 words, limit 5-25 (3 under)",
    ]


def test_summary_table(capsys) -> None:
    assert check.main([*TEMPLATE, "--summary", REPORT]) == 1
    assert capsys.readouterr().out == (
        f"{REPORT} (template template.md)\n"
        "  Q  line  words  limit  images  limit  result\n"
        "  1    10      2      -       0      -    pass\n"
        "  2    17     47  20-40       0      -    FAIL\n"
        "  3    33      8  10-30       0      -    FAIL\n"
        "  4    51     20  10-50       0    1-2    FAIL\n"
        "  5    64      1      -       1    1-1    pass\n"
        "  6    72      2   5-25       0      -    FAIL\n"
        "official checker: 4 WARNING lines\n"
    )


def test_summary_json(capsys) -> None:
    assert check.main([*TEMPLATE, "--summary", "--format", "json", REPORT]) == 1
    data = json.loads(capsys.readouterr().out)
    assert [entry["path"] for entry in data] == [REPORT]
    assert data[0]["template"] == "template.md"
    assert data[0]["official"] == {"error": None, "warnings": 4}
    assert data[0]["questions"][3] == {
        "n": 4,
        "line": 51,
        "words": 20,
        "images": 0,
        "min_words": 10,
        "max_words": 50,
        "min_images": 1,
        "max_images": 2,
        "passed": False,
    }
    assert [q["passed"] for q in data[0]["questions"]] == [True, False, False, False, True, False]


def test_summary_of_an_aborting_report(tmp_path, template_text, capsys) -> None:
    path = tmp_path / "README.md"
    path.write_text(template_text + "\n### Appendix\n")
    assert check.main([*TEMPLATE, "--summary", "--format", "json", str(path)]) == 1
    (data,) = json.loads(capsys.readouterr().out)
    assert data["official"] == {"error": "Number of answers are different from the expected 6", "warnings": 0}
    assert {q["passed"] for q in data["questions"]} == {None}
    assert check.main([*TEMPLATE, "--summary", str(path)]) == 1
    assert capsys.readouterr().out.endswith(
        "official checker: aborts (Number of answers are different from the expected 6), prints 0 WARNING lines\n"
    )


def test_summary_of_a_passing_report(tmp_path, template_text, good_answers, capsys) -> None:
    from conftest import fill

    path = tmp_path / "README.md"
    path.write_text(fill(template_text, good_answers))
    assert check.main([*TEMPLATE, "--summary", str(path)]) == 0
    assert capsys.readouterr().out.endswith("official checker: 0 WARNING lines\n")


def test_summary_skips_files_that_are_not_reports(tmp_path, capsys) -> None:
    path = tmp_path / "notes.md"
    path.write_text("# Notes\n")
    assert check.main(["--summary", "--format", "json", str(path)]) == 0
    assert capsys.readouterr().out == "[]\n"
