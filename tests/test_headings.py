from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import EXAMPLE_TEMPLATE, ONE_LINE_ANSWERS, check_run, fill, findings, git, words

from hooks.entry import report_headings as main

# One-line answers keep every line where the example template has it.
ANSWERS = ONE_LINE_ANSWERS


@pytest.fixture
def report(tmp_path: Path, template_text: str):
    def write(text: str | None = None, **answers: str) -> str:
        filled = fill(template_text, {**ANSWERS, **{int(k[1:]): v for k, v in answers.items()}})
        path = tmp_path / "README.md"
        path.write_text(text(filled) if callable(text) else filled, encoding="utf-8")
        return str(path)

    return write


def run(capsys, *args: str) -> tuple[int, list[str]]:
    return check_run(capsys, main, *args)[:2]


def test_pristine_template_and_clean_report_have_no_findings(report, capsys) -> None:
    assert run(capsys, str(EXAMPLE_TEMPLATE)) == (0, [])
    assert run(capsys, report()) == (0, [])


def test_renamed_section_is_a_warning(report, capsys) -> None:
    """The checker cuts at the '##' whatever it says: nothing it counts changes."""
    path = report(lambda t: t.replace("## Tooling\n", "## Tools\n"))
    assert run(capsys, path) == (0, [f"{path}:29: HDG002 warning: '## Tools' differs from the template's '## Tooling'"])


def test_a_heading_level_that_keeps_the_cut_is_a_warning(report, capsys) -> None:
    path = report(lambda t: t.replace("## Tooling\n", "### Tooling\n"))
    assert run(capsys, path) == (
        0,
        [f"{path}:29: HDG002 warning: '### Tooling' differs from the template's '## Tooling'"],
    )


def test_a_heading_level_that_loses_the_cut_is_an_error(report, capsys) -> None:
    """'# Tooling' has no '##': the checker counts it as the end of Question 2's answer."""
    path = report(lambda t: t.replace("## Tooling\n", "# Tooling\n"))
    assert run(capsys, path) == (1, [f"{path}:29: HDG002 '# Tooling' differs from the template's '## Tooling'"])


def test_a_missing_section_is_an_error_only_when_the_checker_then_counts_its_introduction(
    tmp_path, template_text, capsys, monkeypatch
) -> None:
    introduction = "> How the group worked with its tools.\n\n"
    introduced = template_text.replace("## Tooling\n\n", f"## Tooling\n\n{introduction}")
    (tmp_path / "template.md").write_text(introduced, encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # where the template file named by the option is
    report = tmp_path / "README.md"
    # Without its heading, the introduction is counted as Question 2's answer; without both, nothing changes.
    for removed, expected in (
        ("## Tooling\n\n", (1, [f"{report}:29: HDG001 '## Tooling' is missing"])),
        (f"## Tooling\n\n{introduction}", (0, [f"{report}:29: HDG001 warning: '## Tooling' is missing"])),
    ):
        report.write_text(fill(introduced, ANSWERS).replace(removed, ""), encoding="utf-8")
        code = main(["--template-file", "template.md", str(report)])
        assert (code, findings(capsys.readouterr().out)) == expected


def test_deleted_question_heading_points_at_its_prompt(report, capsys) -> None:
    path = report(lambda t: t.replace("### Question 3\n\n", ""))
    assert run(capsys, path) == (
        1,
        [f"{path}:31: HDG001 '### Question 3' is missing: Question 3's prompt is here, without its heading"],
    )


def test_duplicated_question(report, capsys) -> None:
    def duplicate(text: str) -> str:
        block = text[text.index("### Question 5") : text.index("### Question 6")]
        return text.replace(block, block + block)

    path = report(duplicate)
    assert run(capsys, path) == (1, [f"{path}:61: HDG004 '### Question 5' appears twice (also on line 53)"])


def test_moved_section(report, capsys) -> None:
    def move(text: str) -> str:
        text = text.replace("## Wrapping up\n\n", "")
        return text.replace("### Question 6", "## Wrapping up\n\n### Question 6")

    path = report(move)
    # Moving the section below Question 5 is the same as moving Question 5 above it.
    assert run(capsys, path) == (1, [f"{path}:51: HDG005 '### Question 5' is out of the template's order"])


def test_added_heading_in_the_preamble_is_a_warning(report, capsys) -> None:
    """The grader reads nothing before the first 'Answer:'."""
    path = report(lambda t: t.replace("## Group information", "## Our notes\n\nHello.\n\n## Group information"))
    assert run(capsys, path) == (0, [f"{path}:8: HDG003 warning: '## Our notes' is not in the template"])


def test_a_pasted_readme_above_the_title_is_one_finding(report, capsys) -> None:
    readme = (
        "# Our project\n\nIt classifies images.\n\n## Project structure\n\nsrc/ and tests/\n\n### Data\n\nCIFAR.\n\n"
    )
    path = report(lambda t: readme + t)
    assert run(capsys, path) == (
        0,
        [
            f"{path}:1: HDG003 warning: '# Our project' and 2 more headings are not in the template (lines 1, 5, 9)",
        ],
    )


def test_an_added_section_that_cuts_what_the_checker_counts_is_an_error(report, capsys) -> None:
    path = report(lambda t: t.replace("## Tooling\n", "## Notes\n\n> Quoted notes of ours.\n\n## Tooling\n"))
    assert run(capsys, path) == (1, [f"{path}:29: HDG003 '## Notes' is not in the template"])


def test_missing_marker(report, capsys) -> None:
    path = report(lambda t: t.replace("> **Which group are you?**\n>\n> Answer:", "> **Which group are you?**"))
    code, out = run(capsys, path)
    assert (code, out) == (
        1,
        [f"{path}:10: HDG006 Question 1: no 'Answer:' marker, so the official checker has no answer for it"],
    )


def test_marker_outside_the_quote(report, capsys) -> None:
    path = report(
        lambda t: t.replace(
            "> Recommended answer length: 5-25 words.\n>\n> Answer:",
            "> Recommended answer length: 5-25 words.\n\nAnswer:",
        )
    )
    assert run(capsys, path) == (
        0,
        [f"{path}:67: HDG007 warning: Question 6: the 'Answer:' marker is outside the prompt's quote ('> Answer:')"],
    )


def test_extra_marker_in_an_answer(report, capsys) -> None:
    path = report(Q3=words(12) + " Answer: " + words(12))
    assert run(capsys, path) == (
        1,
        [
            f"{path}:39: HDG008 extra 'Answer:' in Question 3: the official checker starts a new answer here and drops "
            "the text before it, from line 37"
        ],
    )


def test_an_extra_marker_that_loses_nothing_is_a_warning(report, capsys) -> None:
    """Only blank lines stand between the two markers: the checker counts the same answer."""
    path = report(Q3="Answer: " + words(20))
    assert run(capsys, path) == (
        0,
        [
            f"{path}:39: HDG008 warning: extra 'Answer:' in Question 3: the official checker starts a new answer "
            "here (the text between the two markers is blank, so nothing is lost)"
        ],
    )


def test_extra_marker_that_aborts_the_checker(report, capsys) -> None:
    path = report(Q3=words(12) + "\n\n### Details\n\nAnswer: " + words(12))
    code, out = run(capsys, path)
    assert code == 1
    assert (
        f"{path}:43: HDG008 extra 'Answer:' in Question 3: the official checker starts a new answer here; it "
        "finds 7 answers, expected 6, and aborts" in out
    )


def test_prompt_changed_removed_and_added(report, capsys) -> None:
    def edit(text: str) -> str:
        text = text.replace("**Which tool did you enjoy the most, and why?**", "**Which tool did you like?**")
        text = text.replace("> Recommended answer length: 10-30 words.\n>\n", "")
        return text.replace(
            "> Recommended answer length: 5-25 words.\n>\n",
            "> Recommended answer length: 5-25 words.\n>\n> Please be brief.\n>\n",
        )

    path = report(edit)
    # Prompt wording does not change what the grader counts: warnings, which do not fail the run.
    assert run(capsys, path) == (
        0,
        [
            f"{path}:18: HDG009 warning: Question 2: the prompt's question differs from the template",
            f"{path}:35: HDG010 warning: Question 3: the prompt's answer-length line is missing",
            f"{path}:65: HDG011 warning: Question 6: this paragraph is not in the template's prompt",
        ],
    )


def committed_twice(tmp_path: Path, first: bytes, then: str) -> Path:
    """A student repository whose report was first committed as ``first``, and then as ``then``."""
    root = tmp_path / "student"
    (root / "reports").mkdir(parents=True)
    git(root, "init", "-q")
    git(root, "config", "user.email", "s@example.invalid")
    git(root, "config", "user.name", "Student")
    path = root / "reports" / "README.md"
    path.write_bytes(first)
    git(root, "add", "-A")
    git(root, "commit", "-qm", "template")
    path.write_text(then)
    git(root, "commit", "-qam", "answers")
    return path


def test_a_changed_prompt_shows_the_changed_words_against_the_first_commit(tmp_path, template_text, capsys) -> None:
    # The group starts from the pristine template.
    edited = template_text.replace("enjoy the most, and why?", "enjoy the most and why? Tell us.")
    path = committed_twice(tmp_path, template_text.encode(), fill(edited, ONE_LINE_ANSWERS))
    assert run(capsys, str(path)) == (
        0,
        [
            f"{path}:18: HDG009 warning: Question 2: the prompt's question differs from the template as first "
            "committed: 'most,' became 'most'; 'Tell us.' added"
        ],
    )


def test_a_first_commit_that_is_not_utf8_is_no_trouble(tmp_path, template_text, capsys) -> None:
    first = template_text.encode() + "Caf\u00e9\n".encode("latin-1")
    edited = template_text.replace("enjoy the most,", "enjoy the most")
    path = committed_twice(tmp_path, first, fill(edited, ONE_LINE_ANSWERS))
    assert run(capsys, str(path)) == (
        0,
        [
            f"{path}:18: HDG009 warning: Question 2: the prompt's question differs from the template as first "
            "committed: 'most,' became 'most'"
        ],
    )


def test_removed_example_is_one_finding(report, capsys) -> None:
    example = (
        "> Example:\n> *We enjoyed ... because ... . We would choose the same tool again for our next project.*\n>\n"
    )
    path = report(lambda t: t.replace(example, ""))
    assert run(capsys, path) == (0, [f"{path}:22: HDG010 warning: Question 2: the prompt's example is missing"])


def test_double_hash_in_code_cuts_the_answer(report, capsys) -> None:
    answer = "Run it:\n\n```bash\n## comment in a shell block\npytest\n```\n\n" + words(25)
    path = report(Q3=answer)
    assert run(capsys, path) == (
        1,
        [
            f"{path}:42: HDG013 the official checker stops reading Question 3's answer at this '##' (in a code block): "
            "it counts 3 of 36 words"
        ],
    )


def test_list_item_heading_and_setext_heading(report, capsys) -> None:
    answer = words(25) + "\n\n- ### Results\n- more\n\nSome text\n---\n\nend"
    path = report(Q2=answer)
    assert run(capsys, path) == (
        1,
        [
            f"{path}:29: HDG013 the official checker stops reading Question 2's answer at this '###' (in a list): "
            "it counts 26 of 34 words",
            f"{path}:32: HDG012 warning: Question 2: the line under this text turns it into a heading",
        ],
    )


def test_heading_in_an_answer_after_the_cut(report, capsys) -> None:
    path = report(Q2=words(25) + "\n\n### Part one\n\ntext\n\n#### Part two\n\ntext")
    assert run(capsys, path) == (
        1,
        [
            f"{path}:29: HDG013 the official checker stops reading Question 2's answer at this '###' (in a heading): "
            "it counts 25 of 33 words",
            f"{path}:33: HDG012 warning: Question 2: a heading inside the answer: '#### Part two'",
        ],
    )


def test_heading_after_the_last_answer(report, capsys) -> None:
    path = report(lambda t: t + "\n### Appendix\n\nMore.\n")
    assert run(capsys, path) == (
        1,
        [
            f"{path}:71: HDG014 '###' after the last answer: the official checker counts the last answer twice "
            "(7 answers, expected 6) and aborts"
        ],
    )


def test_level_one_heading_after_the_last_answer(report, capsys) -> None:
    path = report(lambda t: t + "\n# Appendix\n\nMore.\n")
    assert run(capsys, path) == (
        1,
        [
            f"{path}:71: HDG014 '# Appendix' after the last answer: the official checker counts everything "
            "from here on as Question 6's answer"
        ],
    )


def test_a_formatter_rewrite_is_not_an_edit(report, capsys) -> None:
    def reformat(text: str) -> str:
        example = "We enjoyed ... because ... . We would choose the same tool again for our next project."
        text = text.replace("**", "__").replace(f"*{example}*", f"_{example}_")
        text = text.replace(
            "> __Which tool did you enjoy the most, and why?__",
            "> __Which tool did you enjoy\n> the most, and why?__   ",
        )
        text = text.replace("> __How do you run your tests?__", ">    __How do  you run your tests\\?__")
        return text.replace("> Example:\n> _We", "> Example: _We")

    path = report(reformat)
    assert "__Which tool did you enjoy\n> the most" in Path(path).read_text()
    assert run(capsys, path) == (0, [])


def test_ignore_and_warn(report, capsys) -> None:
    path = report(lambda t: t.replace("## Tooling\n", "## Tools\n"))
    assert run(capsys, "--ignore", "HDG002", path) == (0, [])
    assert run(capsys, "--ignore", "hdg", path) == (0, [])
    assert run(capsys, "--warn", "HDG", path) == (
        0,
        [f"{path}:29: HDG002 warning: '## Tools' differs from the template's '## Tooling'"],
    )
    code, out = run(capsys, "--warn", "HDG002", "--format", "json", path)
    assert code == 0 and json.loads("\n".join(out))[0]["severity"] == "warning"
    code, out = run(capsys, "--warn", "HDG002", "--format", "github", path)
    assert code == 0 and out[0].startswith("::warning file=")


@pytest.mark.parametrize("codes", ["XYZ001", "HDG1234", "LEN0x1"])
def test_bad_rule_codes_are_usage_errors(codes: str, capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--ignore", codes, "x.md"])
    assert exit_info.value.code == 2
    assert "is not a rule code, rule name or family prefix; did you mean" in capsys.readouterr().err


def test_second_heading_after_the_last_answer_is_still_stray(report, capsys) -> None:
    path = report(Q6=words(10) + "\n\n### Notes\n\ntext\n\n### More notes\n\ntext")
    assert run(capsys, path) == (
        1,
        [
            f"{path}:71: HDG014 '###' after the last answer: the official checker counts the last answer twice "
            "(7 answers, expected 6) and aborts",
            f"{path}:75: HDG012 warning: Question 6: a heading inside the answer: '### More notes'",
        ],
    )


def test_a_marker_missing_from_every_question_is_one_finding(report, capsys) -> None:
    path = report(lambda t: t.replace("> Answer:", "> Our answer:").replace("Our answer:", "Our reply"))
    code, out = run(capsys, path)
    assert code == 1
    assert [line for line in out if " HDG006 " in line] == [
        f"{path}:10: HDG006 Questions 1-6: no 'Answer:' marker, so the official checker has no answer for it "
        "(lines 10, 17, 31, 41, 53, 61)"
    ]
