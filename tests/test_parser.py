from __future__ import annotations

import pytest

from hooks.parser import Checker, decode, fingerprint, normalize, official_view, parse_report

REPORT = """\
# Title

## Part

### Question 1
> **Say something.**
>
> Answer:

First answer with five words.

### Question 2

> **Say more.**
>
> Recommended answer length: 1-10 words.
>
> Answer:

Second answer

```
### Question 9 is code, not a heading
```

    ### indented code, not a heading

<!--
### Question 8 inside a comment
-->

Still the second answer.

## Next part

### Question 3
> Answer: inline answer
"""


def test_questions_and_their_lines() -> None:
    report = parse_report(REPORT)
    assert [(q.number, q.line, q.section, q.marker_line) for q in report.questions] == [
        (1, 5, "Part", 8),
        (2, 12, "Part", 18),
        (3, 36, "Next part", 37),
    ]
    first, second, third = report.questions
    assert (first.answer_line, first.answer_end_line, first.answer) == (10, 10, "First answer with five words.")
    assert [(line.number, line.text) for line in second.prompt] == [
        (14, "**Say more.**"),
        (15, ""),
        (16, "Recommended answer length: 1-10 words."),
        (17, ""),
    ]
    assert (second.answer_line, second.answer_end_line) == (20, 32)
    assert second.answer.startswith("Second answer\n\n```") and second.answer.endswith("Still the second answer.")
    assert (third.answer_line, third.answer) == (37, "inline answer")


def test_headings_in_code_and_html_are_not_headings() -> None:
    report = parse_report(REPORT)
    headings = [(b.line, b.level, b.text) for b in report.blocks if b.kind == "heading"]
    assert headings == [
        (1, 1, "Title"),
        (3, 2, "Part"),
        (5, 3, "Question 1"),
        (12, 3, "Question 2"),
        (34, 2, "Next part"),
        (36, 3, "Question 3"),
    ]
    kinds = {b.line: (b.kind, b.end_line) for b in report.blocks}
    assert kinds[22] == ("block_code", 24)
    assert kinds[26] == ("block_code", 26)
    assert kinds[28] == ("block_html", 30)
    assert kinds[14] == ("block_quote", 18)


def test_title_and_sections() -> None:
    report = parse_report(REPORT)
    assert report.title is not None and (report.title.text, report.title.line) == ("Title", 1)
    assert [(s.title, s.line) for s in report.sections] == [("Part", 3), ("Next part", 34)]


def test_crlf_and_bom_give_the_same_lines() -> None:
    plain = parse_report(decode(REPORT.encode()))
    for variant in (
        REPORT.replace("\n", "\r\n").encode(),
        b"\xef\xbb\xbf" + REPORT.encode(),
        b"\xef\xbb\xbf" + REPORT.replace("\n", "\r\n").encode(),
    ):
        parsed = parse_report(decode(variant))
        assert parsed.questions == plain.questions
        assert parsed.blocks == plain.blocks


def test_setext_underline_stays_inside_the_answer() -> None:
    text = "### Question 1\n> Answer:\n\n---\nanswer text\n---\n\n### Question 2\n> Answer:\n\nx\n"
    report = parse_report(text)
    first = report.questions[0]
    assert (first.answer_line, first.answer_end_line) == (4, 6)
    assert [b.setext for b in first.blocks if b.kind == "heading"] == [True]
    assert report.sections == ()


def test_question_without_marker() -> None:
    report = parse_report("### Question 1\n> **Prompt**\n\nJust an answer.\n")
    question = report.questions[0]
    assert (question.marker_line, question.answer_line, question.answer) == (None, 4, "Just an answer.")
    assert [line.number for line in question.prompt] == [2]


def test_prompt_paragraphs_join_wrapped_lines() -> None:
    wrapped = parse_report("### Question 1\n> **One long**\n> **question?**\n>\n> Example:\n> *x*\n>\n> Answer:\n")
    joined = parse_report("### Question 1\n> __One long question?__\n>\n> Example: _x_\n>\n> Answer:\n")
    assert [(p.number, p.text) for p in wrapped.questions[0].prompt_paragraphs] == [
        (2, "**One long** **question?**"),
        (5, "Example: *x*"),
    ]
    assert [fingerprint(p.text) for p in wrapped.questions[0].prompt_paragraphs] == [
        fingerprint(p.text) for p in joined.questions[0].prompt_paragraphs
    ]
    assert normalize("> **a**   _b_ ") == "a b"


# --- the official checker's view ------------------------------------------------


def spans(text: str, expected: int, **checker: object) -> tuple[list[tuple[int, str]], str | None]:
    view = official_view(text, Checker(expected, **checker))  # type: ignore[arg-type]
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
    view = official_view(text, Checker(2))
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
    view = official_view(text, Checker(2))
    assert (view.spans[0].words, view.spans[0].images) == (6, 3)


def test_decode_is_python_text_mode() -> None:
    assert decode(b"a\r\nb\rc\n") == "a\nb\nc\n"
    assert decode(b"\xef\xbb\xbfx") == "\ufeffx"
    with pytest.raises(UnicodeDecodeError):
        decode(b"\xff")


def test_heading_ends_a_lazy_block_quote() -> None:
    report = parse_report("### Question 1\n> Answer:\nlazy answer line\n### Question 2\n> Answer:\n\nx\n")
    assert [(q.number, q.line, q.answer) for q in report.questions] == [(1, 1, "lazy answer line"), (2, 4, "x")]
