"""The official checker's view of a report, and a checker read from a report.py."""

from __future__ import annotations

import pytest
from test_markdown import REPORT

from hooks.core.official import Checker, Limits, decode, official_view
from hooks.templates.report_py import CheckerError, read_report_py


def checker(expected: int, **settings: object) -> Checker:
    return Checker("test", (Limits(),) * expected, **settings)  # type: ignore[arg-type]


def spans(text: str, expected: int, **settings: object) -> tuple[list[tuple[int, str]], str | None]:
    view = official_view(text, checker(expected, **settings))  # type: ignore[arg-type]
    return [(view.line_of(span.start), span.text) for span in view.spans], view.error


def test_official_view_splits_on_answer_and_cuts_at_headings() -> None:
    result, error = spans(REPORT, 3)
    assert error is None
    assert result[0] == (10, "First answer with five words.")
    # The fence's '### Question 9' cuts the second answer, as report.py does.
    assert result[1] == (20, "Second answer\n\n```")
    assert result[2] == (37, " inline answer")


def test_official_view_cuts_at_double_hash_inside_code() -> None:
    text = "### Question 1\n> Answer:\n\nsome words\n```\n## comment\n```\n### Question 2\n> Answer:\n\nlast\n"
    view = official_view(text, checker(2))
    first = view.spans[0]
    assert (first.text, first.cut_by, view.line_of(first.cut_at)) == ("some words\n```", "##", 6)
    assert view.spans[1].text == "last"


def test_heading_after_last_answer_counts_it_twice() -> None:
    text = "### Question 1\n> Answer:\n\none\n### Question 2\n> Answer:\n\ntwo\n\n### Notes\nmore\n"
    result, error = spans(text, 2)
    assert [t for _, t in result] == ["one", "two", "two\n\n### Notes\nmore"]
    assert error == "Number of answers are different from the expected 2"


def test_extra_answer_marker_without_heading_drops_the_chunk() -> None:
    text = "### Question 1\n> Answer:\n\none Answer: two\n### Question 2\n> Answer:\n\nlast\n"
    result, error = spans(text, 2)
    assert [t for _, t in result] == [" two", "last"]
    assert error is None


def test_no_answer_marker_crashes_the_new_checker() -> None:
    assert spans("### Question 1\n> text\n", 1) == ([], "crashes with IndexError: there is no 'Answer:' in the file")


def test_legacy_checker_skips_front_matter_and_the_first_span() -> None:
    front = "---\nlayout: default\nnav_exclude: true\n---\n\n"
    assert len(front) == 43
    body = "# T\n\n### Question 1\n> Answer:\n\none\n\n### Question 2\n> Answer:\n\ntwo\n"
    result, error = spans(front + body, 2, skip_chars=43, drop_first_span=True)
    assert ([t for _, t in result], error) == (["one", "two"], None)
    # Without a '###' before the first 'Answer:', the legacy checker drops the real first answer.
    result, error = spans(
        front + "# T\n> Answer:\n\none\n\n### Question 2\n> Answer:\n\ntwo\n", 2, skip_chars=43, drop_first_span=True
    )
    assert ([t for _, t in result], error) == (["two"], "Number of answers are different from the expected 2")


def test_official_words_and_images() -> None:
    text = "### Question 1\n> Answer:\n\n![a](x.png) and ![b](y.png)\n```\n![c](z.png)\n```\n### Question 2\n"
    view = official_view(text, checker(2))
    assert (view.spans[0].words, view.spans[0].images) == (6, 3)


def test_decode_is_python_text_mode() -> None:
    assert decode(b"a\r\nb\rc\n") == "a\nb\nc\n"
    assert decode(b"\xef\xbb\xbfx") == "\ufeffx"
    with pytest.raises(UnicodeDecodeError):
        decode(b"\xff")


# --- a checker read from a report.py ----------------------------------------------

DICT_STYLE = """
def check() -> None:
    with Path("README.md").open() as file:
        text = file.read()
    per_question = text.split("Answer:")
    per_question.pop(0)
    question_constraints = {
        "question_1": NoConstraints(),
        "question_2": LengthConstraints(min_length=0, max_length=200),
        "question_3": MultiConstraints(
            constrains=[
                LengthConstraints(min_length=200, max_length=300),
                ImageConstraints(min_images=1, max_images=3),
            ]
        ),
        "question_4": ImageConstraints(min_images=1, max_images=2),
    }
    if len(answers) != 4:
        raise ValueError("Number of answers are different from the expected 4.")
"""

LIST_STYLE = """
def check():
    text = text[43:]  # remove header
    answers = answers[1:]  # remove first section
    question_constrains = [
        no_constraints,
        partial(length_constraints, min=50, max=100),
        partial(multi_constrains, constrains=(
            partial(length_constraints, min_length=200, max_length=400),
            partial(image_constrains, min_length=1, max_length=1),
        )),
    ]
    if len(answers) != 3:
        raise ValueError("Number of answers are different from the expected 3.")
"""


def test_read_report_py_with_a_constraint_dict() -> None:
    assert read_report_py(DICT_STYLE, "next") == Checker(
        "next", (Limits(), Limits(0, 200), Limits(200, 300, 1, 3), Limits(None, None, 1, 2)), 0, False
    )


def test_read_report_py_with_a_constraint_list_and_the_2023_quirks() -> None:
    assert read_report_py(LIST_STYLE, "old") == Checker(
        "old", (Limits(), Limits(50, 100), Limits(200, 400, 1, 1)), 43, True
    )


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("def check(:\n", "is not valid Python: "),
        ("def html():\n    pass\n", "has no check() function"),
        (
            "def check():\n    per_question.pop(0)\n    if len(answers) != 3:\n        pass\n",
            "its check() has no constraint table",
        ),
        ("def check():\n    per_question.pop(0)\n", "its check() compares the answers with no number of them"),
        (DICT_STYLE.replace("min_length=0", 'min_length="a"'), "line 9: a limit that is not a whole number"),
        (DICT_STYLE.replace("!= 4", '!= "4"'), "line 18: a number of answers that is not a whole number"),
        ("x = " + "-" * 100_000 + "1\ndef check():\n    pass\n", "is not valid Python: "),
        ("x = " + "9" * 5_000 + "\n", "is not valid Python: "),
        ("x = " + "(" * 100_000 + "\n", "is not valid Python: "),
        (DICT_STYLE.replace("per_question.pop(0)", ""), "its check() does not drop exactly one of"),
        (DICT_STYLE.replace("max_length=200", "maximum=200"), "line 9: a constraint without both limits"),
        (
            DICT_STYLE.replace("NoConstraints()", "Weird(min_length=1, max_length=2)"),
            "line 8: an unknown constraint 'weird'",
        ),
    ],
)
def test_read_report_py_refuses_what_it_cannot_read(source: str, message: str) -> None:
    with pytest.raises(CheckerError, match="^" + message.replace("(", r"\(").replace(")", r"\)")) as error:
        read_report_py(source, "bad")
    assert "\n" not in str(error.value)


def test_a_table_is_paired_with_the_answers_as_the_script_zips_them() -> None:
    """A repeated key keeps its first place and takes its last value: one row fewer, the last answer unchecked;
    a table longer than the answers the script expects: its last rows never used."""
    repeated = DICT_STYLE.replace('"question_3"', '"question_2"')
    assert read_report_py(repeated, "next").limits == (Limits(), Limits(200, 300, 1, 3), Limits(None, None, 1, 2),
                                                      Limits())  # fmt: skip
    assert read_report_py(DICT_STYLE.replace("!= 4", "!= 3"), "next").limits == (
        Limits(), Limits(0, 200), Limits(200, 300, 1, 3)
    )  # fmt: skip
