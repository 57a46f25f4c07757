from __future__ import annotations

from hooks.core.inline import find_images
from hooks.core.official import decode
from hooks.core.report import normalize, parse_report
from hooks.templates.model import fingerprint

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


def test_heading_ends_a_lazy_block_quote() -> None:
    report = parse_report("### Question 1\n> Answer:\nlazy answer line\n### Question 2\n> Answer:\n\nx\n")
    assert [(q.number, q.line, q.answer) for q in report.questions] == [(1, 1, "lazy answer line"), (2, 4, "x")]


def test_headings_in_code_and_html_do_not_end_a_question() -> None:
    text = "### Question 1\n> Answer:\n\n```\n### not a heading\n```\n\n<!--\n## hidden\n-->\n\n    # indented code\n"
    report = parse_report(text)
    assert [(b.kind, b.line, b.end_line) for b in report.blocks] == [
        ("heading", 1, 1),
        ("block_quote", 2, 2),
        ("block_code", 4, 6),
        ("block_html", 8, 10),
        ("block_code", 12, 12),
    ]
    assert [q.number for q in report.questions] == [1]


def test_list_takes_its_lazy_and_indented_lines() -> None:
    text = "- one\n  still one\nlazy line\n- two\n\n  after a blank, indented\n\nparagraph\n"
    blocks = parse_report(text).blocks
    assert [(b.kind, b.line, b.end_line) for b in blocks] == [("list", 1, 6), ("paragraph", 8, 8)]


def test_setext_heading_and_thematic_break() -> None:
    blocks = parse_report("Title\n=====\n\n---\n\ntext\n---\n").blocks
    assert [(b.kind, b.line, b.end_line, b.level, b.text, b.setext) for b in blocks] == [
        ("heading", 1, 2, 1, "Title", True),
        ("thematic_break", 4, 4, 0, "", False),
        ("heading", 6, 7, 2, "text", True),
    ]


def test_headings_inside_list_items() -> None:
    text = "### Question 1\n> Answer:\n\n- intro\n- ### Results\n  - nested\n    ## Deeper\n"
    lists = [b for b in parse_report(text).blocks if b.kind == "list"]
    assert [(h.line, h.level, h.text) for h in lists[0].nested_headings] == [(5, 3, "Results"), (7, 2, "Deeper")]


def test_reference_definitions_anywhere() -> None:
    assert parse_report('[Fig]: figures/a.png "A"\n\n![x][fig]\n').references == (("FIG", "figures/a.png"),)
    text = "- item\n\n  [fig]: figures/b.png\n\n![x][fig]\n"
    report = parse_report(text)
    assert report.references == (("FIG", "figures/b.png"),)
    assert [(i.line, i.kind, i.url) for i in find_images(report)] == [(5, "reference", "figures/b.png")]
