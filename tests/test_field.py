"""What real groups write, met on a first commit: each finding names the real cause once, and blocks only for what is
really broken. Synthetic reports on the example template (examples/template.md), one per case met in the field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ONE_LINE_ANSWERS, TEMPLATE, fill, findings, words

from hooks.entry import report_check


@pytest.fixture
def report(tmp_path: Path, template_text: str):
    """README.md with the example template's answers, some replaced; an edit of the whole text, if given."""

    def write(edit=None, **answers: str) -> str:
        text = fill(template_text, {**ONE_LINE_ANSWERS, **{int(k[1:]): v for k, v in answers.items()}})
        path = tmp_path / "README.md"
        path.write_text(edit(text) if edit else text, encoding="utf-8")
        return str(path)

    return write


def check(capsys, path: str, *options: str) -> tuple[int, list[str]]:
    """report-check, its figures left out (the example's are not beside the report)."""
    code = report_check([*TEMPLATE, "--ignore", "IMG003", *options, path])
    return code, findings(capsys.readouterr().out)


def counted(capsys, path: str, number: int) -> tuple[int, int]:
    """The words and images the official checker counts for a question."""
    report_check([*TEMPLATE, "--summary", "--format", "json", path])
    (data,) = json.loads(capsys.readouterr().out)
    question = next(question for question in data["questions"] if question["n"] == number)
    return question["words"], question["images"]


def test_an_answer_that_opens_with_its_own_question_title_is_the_answer(report, capsys) -> None:
    """'# Question 3' is the group's title for its answer: the grader counts it with the answer, and the page shows
    a big heading. No 'no answer', no heading of the template."""
    path = report(Q3="# Question 3\n\n" + words(20))
    assert check(capsys, path) == (
        0,
        [
            f"{path}:39: RND006 warning: Question 3: '# Question 3' shows as a big heading on GitHub; fence the code "
            "it belongs to"
        ],
    )
    assert counted(capsys, path, 3) == (23, 0)


def test_an_answer_under_a_pasted_section_heading_is_cut_there_and_said_once(report, capsys) -> None:
    path = report(Q3="## Project structure\n\n" + words(20))
    assert check(capsys, path) == (
        1,
        [
            f"{path}:31: LEN001 Question 3: 0 words, limit 10-30 (10 under); the official checker stops at the '##' on "
            "line 39, the whole answer has 23 words"
        ],
    )
    path = report(Q3=words(12) + "\n\n## Project structure\n\n" + words(20))
    assert check(capsys, path) == (
        1,
        [
            f"{path}:41: HDG013 the official checker stops reading Question 3's answer at this '##' (in a heading): it "
            "counts 12 of 35 words"
        ],
    )


def test_an_answer_above_its_marker_is_one_error_naming_its_lines(report, capsys) -> None:
    prompt = "> Recommended answer length: 10-30 words.\n>\n> Answer:\n\n"

    def above(text: str) -> str:
        answer = words(20) + "\n\n" + words(5)
        moved = f"> Recommended answer length: 10-30 words.\n\n{answer}\n\n> Answer:\n\n--- question 3 fill here ---"
        return text.replace(prompt + words(20), moved)

    path = report(above)
    assert check(capsys, path) == (
        1,
        [
            f"{path}:37: PLH007 Question 3: the answer (lines 37-39) is above its 'Answer:' marker on line 41, and the "
            "official checker reads only what is below the marker; there it counts 6 words: fails 10-30"
        ],
    )


def test_a_dash_line_under_an_answer_is_one_finding(report, capsys) -> None:
    """The '---' is the placeholder's, and it makes the line above a heading: one cause."""
    path = report(Q3=words(20) + "\n---")
    assert check(capsys, path) == (
        1,
        [
            f"{path}:40: PLH004 [*] Question 3: the answer ends with the placeholder's '---', which also turns the "
            "line above it into a heading"
        ],
    )


@pytest.mark.parametrize(
    ("items", "reported"),
    [
        (["We use seeded experiments in train/val splits", "Each run logs its <timestamp> and its config"], True),
        (["torch==2.1", "numpy>=1.26", "hydra-core"], False),
        (["name: train", "run: python train.py"], False),
    ],
)
def test_a_list_of_sentences_indented_under_a_paragraph_shows_as_code(report, capsys, items, reported) -> None:
    indented = "\n".join(f"    - {item}" for item in items)
    path = report(Q3=words(12) + "\n\n" + indented)
    expected = [
        f"{path}:41: RND003 warning: Question 3: this list is indented four spaces, so GitHub shows it as code; "
        "remove the indentation"
    ]
    assert check(capsys, path) == (0, expected if reported else [])


def test_the_same_level_change_on_several_headings_is_one_warning(report, capsys) -> None:
    """Both sections one level down: the '###' still cuts where the '##' did, so nothing the grader counts moves."""
    path = report(
        lambda text: text.replace("## Tooling\n", "### Tooling\n").replace("## Wrapping up\n", "### Wrapping up\n")
    )
    assert check(capsys, path) == (
        0,
        [
            f"{path}:29: HDG002 warning: 2 headings are at level 3 where the template has level 2: '### Tooling' and "
            "'### Wrapping up' (lines 29, 51)"
        ],
    )
