from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from conftest import EXAMPLE_TEMPLATE, ONE_LINE_ANSWERS, TEMPLATE, check_run, fill, findings, words

import hooks.app.fixing
from hooks.app.fixing import apply_edits
from hooks.checks.rules import Edit
from hooks.entry import report_check
from hooks.entry import report_placeholders as main

ANSWERS = ONE_LINE_ANSWERS


def write(tmp_path: Path, template_text: str, data: bytes | None = None, **answers: str) -> Path:
    path = tmp_path / "README.md"
    if data is None:
        data = fill(template_text, {**ANSWERS, **{int(k[1:]): v for k, v in answers.items()}}).encode()
    path.write_bytes(data)
    return path


def run(capsys, *args: str) -> tuple[int, list[str], str]:
    return check_run(capsys, main, *args)


def test_pristine_template_is_unanswered_once_per_question_with_the_graders_verdict(capsys) -> None:
    path = str(EXAMPLE_TEMPLATE)
    unanswered = "is unanswered: the template's placeholder is still there"
    verdict = "; the official checker counts it as"
    assert run(capsys, path) == (
        1,
        [
            f"{path}:15: PLH001 Question 1 {unanswered}",
            f"{path}:27: PLH001 Question 2 {unanswered}{verdict} 6 words: fails 20-40",
            f"{path}:39: PLH001 Question 3 {unanswered}{verdict} 6 words: fails 10-30",
            f"{path}:49: PLH001 Question 4 {unanswered}{verdict} 6 words: fails 10-50, and 0 images: fails 1-2",
            f"{path}:59: PLH001 Question 5 {unanswered}{verdict} 0 images: fails exactly 1",
            f"{path}:69: PLH001 Question 6 {unanswered}{verdict} 6 words: passes 5-25",
        ],
        "",
    )


def test_clean_report(tmp_path, template_text, capsys) -> None:
    assert run(capsys, str(write(tmp_path, template_text))) == (0, [], "")


@pytest.mark.parametrize(
    "placeholder",
    [
        "—— question 3 fill here ——",
        "```--- question 3 fill here ---```",
        "-- Question 3 Fill here --",
        "--- question 9 fill here ---",
        "  \u2013  question 3 fill here  \u2013  ",
    ],
)
def test_placeholder_variants_are_unanswered(tmp_path, template_text, placeholder, capsys) -> None:
    path = write(tmp_path, template_text, Q3=placeholder)
    assert run(capsys, str(path)) == (
        1,
        [
            f"{path}:39: PLH001 Question 3 is unanswered: the template's placeholder is still there; the official "
            f"checker counts it as {len(placeholder.split())} words: fails 10-30"
        ],
        "",
    )


def test_an_empty_answer_the_grader_passes_is_a_warning(tmp_path, template_text, capsys) -> None:
    path = write(tmp_path, template_text, Q1="")
    assert run(capsys, str(path)) == (0, [f"{path}:13: PLH002 warning: Question 1 has no answer"], "")
    path = write(tmp_path, template_text, Q1="---")
    assert run(capsys, str(path)) == (0, [f"{path}:15: PLH002 warning: Question 1 has no answer, only '---'"], "")


def test_an_empty_answer_the_grader_fails_is_one_error_with_its_verdict(tmp_path, template_text, capsys) -> None:
    """The grader's WARNING line for it (LEN001, IMG001) is the same cause, said once."""
    path = write(tmp_path, template_text, Q3="", Q4="")
    assert report_check([*TEMPLATE, "--ignore", "IMG003", str(path)]) == 1
    assert findings(capsys.readouterr().out) == [
        f"{path}:37: PLH002 Question 3 has no answer; the official checker counts 0 words: fails 10-30",
        f"{path}:47: PLH002 Question 4 has no answer; the official checker counts 0 words: fails 10-50, and "
        "0 images: fails 1-2",
    ]


def test_a_question_without_its_marker_is_the_markers_finding_not_an_empty_answer(
    tmp_path, template_text, capsys
) -> None:
    """The written answer below a prompt that lost its '> Answer:' is no 'empty answer': the abort names the cause."""
    text = fill(template_text, {**ANSWERS, 3: words(20)}).replace(
        "> Recommended answer length: 10-30 words.\n>\n> Answer:\n", "> Recommended answer length: 10-30 words.\n"
    )
    path = tmp_path / "README.md"
    path.write_text(text, encoding="utf-8")
    assert run(capsys, str(path)) == (0, [], "")
    assert report_check([*TEMPLATE, "--ignore", "IMG003", "--format", "json", str(path)]) == 1
    assert [(f["code"], f["line"]) for f in json.loads(capsys.readouterr().out)] == [("LEN002", 31)]


def test_leftover_placeholder_next_to_an_answer(tmp_path, template_text, capsys) -> None:
    path = write(tmp_path, template_text, Q2=words(30) + "\n\n--- question 2 fill here ---")
    assert run(capsys, str(path)) == (
        1,
        [f"{path}:29: PLH003 [*] Question 2: the template's placeholder line is still here, next to the answer"],
        "",
    )


def test_wrapping_dashes_on_one_line(tmp_path, template_text, capsys) -> None:
    path = write(tmp_path, template_text, Q2="--- " + words(30) + " ---")
    assert run(capsys, str(path)) == (
        1,
        [f"{path}:27: PLH004 [*] Question 2: the answer starts and ends with the placeholder's '---'"],
        "",
    )


def test_wrapping_dash_lines_and_the_setext_underline(tmp_path, template_text, capsys) -> None:
    path = write(tmp_path, template_text, Q2="---\n" + words(15) + "\n\n" + words(15) + "\n---")
    assert run(capsys, str(path)) == (
        1,
        [
            f"{path}:27: PLH004 [*] Question 2: the answer starts and ends with the placeholder's '---', which also "
            "turns the line above it into a heading",
        ],
        "",
    )


def test_typographic_placeholder_dashes(tmp_path, template_text, capsys) -> None:
    path = write(tmp_path, template_text, Q2="\u2014\u2014\u2014 " + words(30))
    assert run(capsys, str(path)) == (
        1,
        [f"{path}:27: PLH004 [*] Question 2: the answer starts with the placeholder's '---'"],
        "",
    )


@pytest.mark.parametrize(
    "answer",
    [
        "--no-cache-dir keeps our image small. " + words(20),
        "\u2013 Docker for containers\n\u2013 " + words(20),
        words(20) + " and after --",
        words(20) + " DVC \u2014",
        words(20) + "\n\n-->",
    ],
    ids=["flag", "en-dash-bullet", "two-dashes", "em-dash", "arrow"],
)
def test_dashes_that_are_content_are_neither_reported_nor_fixed(tmp_path, template_text, answer, capsys) -> None:
    path = write(tmp_path, template_text, Q2=answer)
    before = path.read_bytes()
    _code, out, _ = run(capsys, "--fix", str(path))
    assert [line for line in out if "PLH004" in line] == []
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("answer", "side"),
    [("---### " + words(20), "starts"), ("---Group 7 " + words(20), "starts"), (words(20) + " done.---", "ends")],
    ids=["glued-heading", "glued-start", "glued-end"],
)
def test_glued_dashes_are_reported_and_never_fixed(tmp_path, template_text, answer, side, capsys) -> None:
    path = write(tmp_path, template_text, Q2=answer)
    before = path.read_bytes()
    message = f"{path}:27: PLH004 Question 2: the answer {side} with the placeholder's '---', glued to the text; "
    assert run(capsys, "--fix", str(path)) == (1, [message + "remove it by hand"], "")
    assert path.read_bytes() == before


def test_a_list_and_a_table_are_not_dashes(tmp_path, template_text, capsys) -> None:
    answer = "- item one\n- item two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n" + words(25)
    assert run(capsys, str(write(tmp_path, template_text, Q2=answer))) == (0, [], "")


def test_template_example_and_tokens(tmp_path, template_text, capsys) -> None:
    """An example's sentence with its blanks is template text the grader counts; a group's own '...' is not."""
    path = write(
        tmp_path,
        template_text,
        Q2=words(25) + "\n*We enjoyed ... because ... .*",
        Q3=words(20) + "\nsee <weblink>",
        Q6=words(10) + "\nMembers: sXXXXXX, s123456\n\n"
        "[Image placeholder: dashboard]\n\nwe tried ... and it worked\n\n```\nfoo ... bar\n```",
    )
    code, out, _ = run(capsys, str(path))
    assert (code, out) == (
        1,
        [
            f"{path}:28: PLH005 Question 2: this sentence is the template's example with its blanks still in it; "
            "write your own words in their place",
            f"{path}:41: PLH006 Question 3: a link stand-in ('<weblink>') is still here; write the real one",
            f"{path}:72: PLH006 Question 6: a study number stand-in ('sXXXXXX') is still here; write the real one",
            f"{path}:74: PLH006 Question 6: an image stand-in is still here; write the real one",
        ],
    )


def test_an_example_sentence_kept_whole_is_a_warning_and_a_frame_filled_in_is_the_answer(
    tmp_path, template_text, capsys
) -> None:
    whole = "We would choose the same tool again for our next project."
    path = write(tmp_path, template_text, Q2=f"We enjoyed Docker because {words(20)}.\n{whole}")
    assert run(capsys, str(path)) == (
        0,
        [
            f"{path}:28: PLH005 warning: Question 2: this sentence is the template's example, word for word: keep "
            "it only if it is true for your group"
        ],
        "",
    )
    path = write(tmp_path, template_text, Q2=f"We enjoyed Docker because {words(20)}. We would choose it again.")
    assert run(capsys, str(path)) == (0, [], "")


def test_a_stand_in_in_a_copied_sentence_is_one_finding(tmp_path, template_text, capsys, monkeypatch) -> None:
    """The sentence with its blanks speaks for the stand-in in it; a stand-in elsewhere is its own finding."""
    template = tmp_path / "template.md"
    template.write_text(template_text.replace("*We enjoyed ... because ... .", "*Student sXXXXXX enjoyed ... most."))
    path = write(tmp_path, template_text, Q2=f"{words(25)}\n\nStudent sXXXXXX enjoyed ... most.\n\nAsk sXXXXXX.")
    monkeypatch.chdir(tmp_path)  # where the template file named by the option is
    assert main(["--template-file", "template.md", str(path)]) == 1
    assert findings(capsys.readouterr().out) == [
        f"{path}:29: PLH005 Question 2: this sentence is the template's example with its blanks still in it; "
        "write your own words in their place",
        f"{path}:31: PLH006 Question 2: a study number stand-in ('sXXXXXX') is still here; write the real one",
    ]


def test_template_own_text_left_in_an_answer(tmp_path, template_text, capsys, monkeypatch) -> None:
    own = "Lorem ipsum stray text\nthat the template had here"
    template = tmp_path / "template.md"
    template.write_text(template_text.replace("--- question 6 fill here ---", own))
    report = write(tmp_path, template_text, Q6=words(10) + "\n\n" + own)
    monkeypatch.chdir(tmp_path)  # where the template file named by the option is
    code = main(["--template-file", "template.md", str(report)])
    assert (code, capsys.readouterr().out) == (
        1,
        f"{report}:71: PLH005 Question 6: lines 71-72 are the template's own text, unchanged\n"
        "Found 1 finding (1 error); the official checker will print 0 WARNING lines.\n",
    )


# --- the fixer --------------------------------------------------------------------

WRAPPED = {"Q2": "--- " + words(30) + " ---\n\n--- question 2 fill here ---", "Q3": "---\n" + words(20) + "\n---"}


def fixing(path) -> str:
    """What --fix says on stderr for the WRAPPED answers: the lines it changed, then pre-commit's 'Fixing'."""
    return f"{path}: --fix changed lines 27, 29, 41, 43\nFixing {path}\n"


def expected_fix(template_text: str) -> str:
    return fill(template_text, {**ANSWERS, 2: words(30) + "\n", 3: words(20)})


def test_fix_removes_dashes_and_leftover_lines_only(tmp_path, template_text, capsys) -> None:
    path = write(tmp_path, template_text, **WRAPPED)
    assert run(capsys, "--fix", str(path)) == (1, [], fixing(path))
    assert path.read_text() == expected_fix(template_text)
    assert run(capsys, "--fix", str(path)) == (0, [], "")
    assert path.read_text() == expected_fix(template_text)


@pytest.mark.parametrize(("bom", "newline"), [(b"", "\r\n"), (b"\xef\xbb\xbf", "\n"), (b"\xef\xbb\xbf", "\r\n")])
def test_fix_keeps_line_endings_and_bom(tmp_path, template_text, bom, newline, capsys) -> None:
    text = fill(template_text, {**ANSWERS, **{int(k[1:]): v for k, v in WRAPPED.items()}})
    path = write(tmp_path, template_text, bom + text.replace("\n", newline).encode())
    assert run(capsys, "--fix", str(path)) == (1, [], fixing(path))
    assert path.read_bytes() == bom + expected_fix(template_text).replace("\n", newline).encode()


def test_fix_leaves_an_unanswered_question_alone(tmp_path, template_text, capsys) -> None:
    path = write(tmp_path, template_text, template_text.encode())
    code, _, err = run(capsys, "--fix", str(path))
    assert (code, err) == (1, "")
    assert path.read_text() == template_text


def test_fix_keeps_the_file_mode_and_a_symlink(tmp_path, template_text, capsys) -> None:
    path = write(tmp_path, template_text, **WRAPPED)
    path.chmod(0o640)
    link = tmp_path / "link.md"
    link.symlink_to(path.name)
    assert run(capsys, "--fix", str(link)) == (1, [], fixing(link))
    assert link.is_symlink() and path.read_text() == expected_fix(template_text)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_read_only_file_is_not_touched(tmp_path, template_text, capsys) -> None:
    path = write(tmp_path, template_text, **WRAPPED)
    before = path.read_bytes()
    path.chmod(0o444)
    code, out, err = run(capsys, "--fix", str(path))
    assert code == 2 and not [line for line in out if "PLH00" not in line]
    assert err == f"report-placeholders: error: {path}: is read-only, so it was not fixed\n"
    assert path.read_bytes() == before


def test_failed_rename_leaves_the_original(tmp_path, template_text, capsys, monkeypatch) -> None:
    path = write(tmp_path, template_text, **WRAPPED)
    before = path.read_bytes()

    def refuse(source: str, target: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(hooks.app.fixing.os, "replace", refuse)
    code, _, err = run(capsys, "--fix", str(path))
    assert code == 2 and err == f"report-placeholders: error: {path}: could not be written: No space left on device\n"
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["README.md"]


def test_interrupted_write_leaves_the_original(tmp_path, template_text, monkeypatch, capsys) -> None:
    path = write(tmp_path, template_text, **WRAPPED)
    before = path.read_bytes()

    def interrupt(descriptor: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(hooks.app.fixing.os, "fsync", interrupt)
    with pytest.raises(KeyboardInterrupt):
        main([*TEMPLATE, "--fix", str(path)])
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["README.md"]


def test_report_check_fixes_too(tmp_path, template_text, capsys) -> None:
    path = write(tmp_path, template_text, **WRAPPED)
    assert report_check([*TEMPLATE, "--fix", str(path)]) == 1
    assert capsys.readouterr().err == fixing(path)
    assert path.read_text() == expected_fix(template_text)


def test_fix_is_only_offered_where_a_family_can_fix(capsys) -> None:
    from hooks.entry import report_length as length_main

    with pytest.raises(SystemExit) as exit_info:
        length_main(["--fix", "x.md"])
    assert exit_info.value.code == 2


@pytest.mark.parametrize(
    ("data", "edits", "expected"),
    [
        (b"a\r\nb---\r\nc", [Edit(2, 1, 4)], b"a\r\nb\r\nc"),
        (b"a\rb\rc\r", [Edit(2)], b"a\rc\r"),
        (b"\xef\xbb\xbf--- x\n", [Edit(1, 0, 4)], b"\xef\xbb\xbfx\n"),
        ("é --- ü\n".encode(), [Edit(1, 1, 5)], "é ü\n".encode()),
        (b"keep\n", [], b"keep\n"),
    ],
)
def test_apply_edits_touches_only_the_edited_bytes(data: bytes, edits: list[Edit], expected: bytes) -> None:
    assert apply_edits(data, edits) == expected


def test_fixed_file_has_no_stray_temporary_files(tmp_path, template_text, capsys) -> None:
    path = write(tmp_path, template_text, **WRAPPED)
    run(capsys, "--fix", str(path))
    assert os.listdir(tmp_path) == ["README.md"]


def test_a_placeholder_before_the_text_is_reported_and_fixed(tmp_path, template_text, capsys) -> None:
    path = write(tmp_path, template_text, Q6="--- question 6 fill here --- " + words(10) + " ---")
    assert run(capsys, str(path)) == (
        1,
        [
            f"{path}:69: PLH003 [*] Question 6: the template's placeholder is still here, at the start of the answer's "
            "text",
            f"{path}:69: PLH004 [*] Question 6: the answer ends with the placeholder's '---'",
        ],
        "",
    )
    assert run(capsys, "--fix", str(path)) == (1, [], f"{path}: --fix changed line 69\nFixing {path}\n")
    assert path.read_text() == fill(template_text, {**ANSWERS, 6: words(10)})
    assert run(capsys, "--fix", str(path)) == (0, [], "")


def test_a_fix_that_would_push_the_answer_under_its_limit_says_so(tmp_path, template_text, capsys) -> None:
    path = write(tmp_path, template_text, Q2="--- " + words(19) + " ---")
    assert run(capsys, str(path)) == (
        1,
        [
            f"{path}:27: PLH004 Question 2: the answer starts and ends with the placeholder's '---'; without them "
            "the official checker counts 19 words: fails 20-40, so --fix leaves them: write more, then remove them"
        ],
        "",
    )
    before = path.read_bytes()
    assert run(capsys, "--fix", str(path))[0] == 1
    assert path.read_bytes() == before  # a fix never adds a finding: here, the grader's WARNING line


def test_a_leftover_below_a_heading_inside_the_answer_is_still_the_answers(tmp_path, template_text, capsys) -> None:
    path = write(tmp_path, template_text, Q3=words(20) + "\n\n#### Details\n\n--- question 3 fill here ---")
    assert run(capsys, str(path)) == (
        1,
        [f"{path}:43: PLH003 [*] Question 3: the template's placeholder line is still here, next to the answer"],
        "",
    )
    assert run(capsys, "--fix", str(path))[0] == 1
    assert path.read_text() == fill(template_text, {**ANSWERS, 3: words(20) + "\n\n#### Details\n"})
