from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import EXAMPLE_REPORT, EXAMPLE_TEMPLATE, TEMPLATE, fill, words

from hooks.entry import report_length as main


def write(tmp_path: Path, text: str, name: str = "README.md") -> str:
    path = tmp_path / "reports" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_clean_report_passes(tmp_path, template_text, good_answers, capsys) -> None:
    path = write(tmp_path, fill(template_text, good_answers))
    assert main([*TEMPLATE, path]) == 0
    assert capsys.readouterr() == ("", "")


def test_word_limits_over_and_under(tmp_path, template_text, good_answers, capsys) -> None:
    path = write(tmp_path, fill(template_text, {**good_answers, 2: words(45), 6: "Too short."}))
    assert main([*TEMPLATE, path]) == 1
    assert capsys.readouterr().out == (
        f"{path}:17: LEN001 Question 2: 45 words, limit 20-40 (5 over)\n"
        f"{path}:63: LEN001 Question 6: 2 words, limit 5-25 (3 under)\n"
        "Found 2 findings (2 in the official checker's output); the official checker will print 2 WARNING lines.\n"
    )


def test_limit_edges_pass(tmp_path, template_text, good_answers, capsys) -> None:
    path = write(tmp_path, fill(template_text, {**good_answers, 2: words(20), 3: words(30)}))
    assert main([*TEMPLATE, path]) == 0


def test_count_is_the_official_one_and_the_cut_is_explained(tmp_path, template_text, good_answers, capsys) -> None:
    answer = "Run it:\n\n```\n## comment in a shell block\npytest\n```\n\n" + words(25)
    path = write(tmp_path, fill(template_text, {**good_answers, 3: answer}))
    assert main([*TEMPLATE, path]) == 1
    assert capsys.readouterr().out == (
        f"{path}:31: LEN001 Question 3: 3 words, limit 10-30 (7 under); the official checker stops at the '##' "
        "on line 42, the whole answer has 36 words\n"
        "Found 1 finding (1 in the official checker's output); the official checker will print 1 WARNING line.\n"
    )


def test_placeholders_count_as_words(tmp_path, template_text, capsys) -> None:
    path = write(tmp_path, template_text)
    assert main([*TEMPLATE, path]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"{path}:17: LEN001 Question 2: 6 words, limit 20-40 (14 under)",
        f"{path}:31: LEN001 Question 3: 6 words, limit 10-30 (4 under)",
        f"{path}:41: LEN001 Question 4: 6 words, limit 10-50 (4 under)",
        # report-length shows no image count, but the grader's two image warnings are in its prediction.
        "Found 3 findings (3 in the official checker's output); the official checker will print 5 WARNING lines.",
    ]


def test_heading_after_last_answer_aborts_the_official_checker(tmp_path, template_text, good_answers, capsys) -> None:
    text = fill(template_text, good_answers) + "\n### Appendix\n\nMore text.\n"
    path = write(tmp_path, text)
    assert main([*TEMPLATE, path]) == 1
    assert capsys.readouterr().out == (
        f"{path}:73: LEN002 official checker will abort (7 answers, expected 6), so it checks no word count: "
        "'###' after the last answer makes "
        "the checker count the last answer twice\n"
        "Found 1 finding (1 in the official checker's output); the official checker will abort.\n"
    )


def test_extra_answer_marker_aborts(tmp_path, template_text, good_answers, capsys) -> None:
    answer = words(25) + "\n\n### Details\n\nAnswer: we also wanted to say this.\n\n### A note\n\nmore"
    path = write(tmp_path, fill(template_text, {**good_answers, 2: answer}))
    assert main([*TEMPLATE, path]) == 1
    assert capsys.readouterr().out == (
        f"{path}:31: LEN002 official checker will abort (7 answers, expected 6), so it checks no word count: "
        "this 'Answer:' is not a question's marker; the checker starts an extra answer here\n"
        "Found 1 finding (1 in the official checker's output); the official checker will abort.\n"
    )


def test_extra_answer_marker_without_heading_shifts_what_is_counted(
    tmp_path, template_text, good_answers, capsys
) -> None:
    answer = words(25) + "\n\nAnswer: we also wanted to say this.\n\n### A note\n\nmore"
    path = write(tmp_path, fill(template_text, {**good_answers, 2: answer}))
    assert main([*TEMPLATE, path]) == 1
    assert capsys.readouterr().out == (
        f"{path}:17: LEN001 Question 2: 6 words, limit 20-40 (14 under); the official checker reads line 29 as "
        "this answer, the whole answer (lines 27-33) has 36 words\n"
        "Found 1 finding (1 in the official checker's output); the official checker will print 1 WARNING line.\n"
    )


def test_deleted_heading_and_marker(tmp_path, template_text, good_answers, capsys) -> None:
    text = (
        fill(template_text, good_answers)
        .replace("### Question 4\n", "")
        .replace("> **Which group are you?**\n>\n> Answer:", "> **Which group are you?**")
    )
    path = write(tmp_path, text)
    assert main([*TEMPLATE, path]) == 1
    assert capsys.readouterr().out == (
        f"{path}:10: LEN002 official checker will abort (4 answers, expected 6), so it checks no word count: "
        "Question 1 has no 'Answer:' marker; line 35: no '###' between this 'Answer:' and the next one on line 44, "
        "so the checker drops this answer; line 52: Question 4 is missing: there is no '### Question 4' heading\n"
        "Found 1 finding (1 in the official checker's output); the official checker will abort.\n"
    )


def test_no_answer_marker_at_all(tmp_path, template_text, capsys) -> None:
    path = write(tmp_path, template_text.replace("Answer:", "Reply:"))
    assert main([*TEMPLATE, path]) == 1
    assert capsys.readouterr().out == (
        f"{path}:10: LEN002 official checker will crash: there is no 'Answer:' in the file\n"
        "Found 1 finding (1 in the official checker's output); the official checker will abort.\n"
    )


def test_formats(tmp_path, template_text, good_answers, capsys) -> None:
    path = write(tmp_path, fill(template_text, {**good_answers, 2: words(45)}))
    assert main([*TEMPLATE, "--format", "json", path]) == 1
    assert json.loads(capsys.readouterr().out) == [
        {
            "path": path,
            "line": 17,
            "code": "LEN001",
            "question": 2,
            "severity": "error",
            "message": "Question 2: 45 words, limit 20-40 (5 over)",
            "fixable": False,
            "questions": [2],
            "lines": [17],
        }
    ]
    assert main([*TEMPLATE, "--format", "github", path]) == 1
    escaped = path.replace(":", "%3A").replace(",", "%2C")
    assert capsys.readouterr().out == (
        f"::error file={escaped},line=17,title=LEN001::LEN001 Question 2: 45 words, limit 20-40 (5 over)\n"
    )


def test_github_format_is_the_default_under_github_actions(
    tmp_path, template_text, good_answers, capsys, monkeypatch
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    path = write(tmp_path, fill(template_text, {**good_answers, 6: "x"}))
    assert main([*TEMPLATE, path]) == 1
    assert capsys.readouterr().out.startswith("::error file=")


def test_json_is_an_empty_array_when_clean(tmp_path, template_text, good_answers, capsys) -> None:
    path = write(tmp_path, fill(template_text, good_answers))
    assert main([*TEMPLATE, "--format", "json", path]) == 0
    assert capsys.readouterr().out == "[]\n"


def test_a_file_that_is_not_a_report_is_skipped_with_a_note(tmp_path, capsys) -> None:
    path = write(tmp_path, "# Project\n\n## Setup\n\n### Install\n\nRun it.\n", "notes.md")
    assert main([path]) == 0
    assert capsys.readouterr() == (
        "",
        f"report-length: note: {path} is not a report: it is not reports/README.md and has no question heading or "
        "'> Answer:' marker, so it was not checked\n",
    )


def test_crlf_and_bom_report_gives_the_same_findings(tmp_path, template_text, good_answers, capsys) -> None:
    text = fill(template_text, {**good_answers, 2: words(45)})
    path = tmp_path / "README.md"
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    assert main([*TEMPLATE, str(path)]) == 1
    assert capsys.readouterr().out == (
        f"{path}:17: LEN001 Question 2: 45 words, limit 20-40 (5 over)\n"
        "Found 1 finding (1 in the official checker's output); the official checker will print 1 WARNING line.\n"
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        (
            b"### Question 1\n\xff\xfe\n",
            "not UTF-8 text (byte 0xff at offset 15): it looks like Latin-1 (Windows-1252); save it as UTF-8",
        ),
    ],
)
def test_unusable_file_is_exit_2_with_one_line(tmp_path, content, message, capsys) -> None:
    path = tmp_path / "README.md"
    if content is not None:
        path.write_bytes(content)
    assert main([*TEMPLATE, str(path)]) == 2
    assert capsys.readouterr() == ("", f"report-length: error: {path}: {message}\n")


def test_other_files_are_still_checked_after_an_unusable_one(tmp_path, template_text, good_answers, capsys) -> None:
    good = write(tmp_path, fill(template_text, {**good_answers, 2: words(45)}))
    assert main([*TEMPLATE, str(tmp_path / "missing.md"), good]) == 2
    out, err = capsys.readouterr()
    assert out == (
        f"{good}:17: LEN001 Question 2: 45 words, limit 20-40 (5 over)\n"
        "Found 1 finding (1 in the official checker's output); the official checker will print 1 WARNING line.\n"
    )
    assert err == f"report-length: error: {tmp_path / 'missing.md'}: no such file\n"


def test_a_folder_without_a_report_misses_one(tmp_path, capsys) -> None:
    assert main([str(tmp_path)]) == 2
    assert capsys.readouterr().err == f"report-length: error: {tmp_path}: has no reports/README.md (in any case)\n"


def test_undetectable_template(tmp_path, template_text, capsys) -> None:
    path = write(tmp_path, template_text)
    assert main([path]) == 2
    assert capsys.readouterr().err == (
        f"report-length: error: {path}: cannot tell which template revision this report follows; "
        "pass --template or --template-file\n"
    )


def test_bad_template_file(tmp_path, capsys) -> None:
    assert main(["--template-file", str(tmp_path / "nope.md"), str(tmp_path / "x.md")]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"report-length: error: cannot read template file {tmp_path / 'nope.md'}: ")
    assert err.count("\n") == 1


def test_usage_errors_exit_2(capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--template", "1999", "x.md"])
    assert exit_info.value.code == 2
    assert "invalid choice: '1999'" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_info:
        main(["--template", "2025", "--template-file", "t.md", "x.md"])
    assert exit_info.value.code == 2


def test_no_file_checks_the_report_where_the_grader_reads_it(tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    assert main([]) == 2
    assert capsys.readouterr() == (
        "",
        "report-length: error: no file given, and there is no reports/README.md under the current folder\n",
    )
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "README.md").write_text(EXAMPLE_REPORT.read_text(encoding="utf-8"))
    (tmp_path / "template.md").write_text(EXAMPLE_TEMPLATE.read_text(encoding="utf-8"))
    assert main(["--template-file", "template.md"]) == 1
    assert capsys.readouterr().out.startswith("reports/README.md:17: LEN001 Question 2: 47 words")
