"""Where the official checker will cut, merge or double-count an answer (HDG006-HDG008, HDG012-HDG014): one
``Answer:`` per question, in the prompt's quote; no heading inside an answer; nothing after the last one.
"""

from collections.abc import Iterator, Sequence

from hooks.checks.document import (
    Document,
    Marker,
    answer_count,
    counted_twice,
    cut_line,
    question_span,
)
from hooks.checks.rules import Example, Finding, Rule
from hooks.core.blocks import Block
from hooks.core.report import Question
from hooks.core.text import quoted_heading

_Q6_LENGTH = "> Recommended answer length: 5-25 words."
_TESTS = "We run pytest on every push, and the slow tests every night."


MARKER_MISSING = Rule(
    "HDG006",
    "marker-missing",
    "A question has no `Answer:` marker, so the official checker has no answer for it.",
    why="The official checker splits the report on `Answer:`: without it, the answer joins the previous one and the "
    "checker aborts or grades the wrong text.",
    how_to_fix="Put `> Answer:` back as the prompt's last line.",
    example=Example(_Q6_LENGTH, f"{_Q6_LENGTH}\n>\n> Answer:", at="### Question 6"),
    folds=True,
)
MARKER_OUTSIDE = Rule(
    "HDG007",
    "marker-outside-prompt",
    "The `Answer:` marker is not inside the prompt's quote (`> Answer:`).",
    why="The grader still finds it, but the page shows it as part of the answer rather than of the grey prompt.",
    how_to_fix="Write it as `> Answer:`, the prompt's last line.",
    example=Example(f"{_Q6_LENGTH}\n\nAnswer:", f"{_Q6_LENGTH}\n>\n> Answer:", at="Answer:"),
    severity="warning",
    folds=True,
)
MARKER_EXTRA = Rule(
    "HDG008",
    "marker-extra",
    "An extra `Answer:` in a question. The official checker starts a new answer there, and the finding "
    "says what it drops and whether it aborts.",
    why="The official checker starts a new answer at every `Answer:`: the text before it is lost or counted for "
    "another question.",
    how_to_fix="Reword the sentence so that `Answer:` does not appear in it (`The answer:`, `Reply:`).",
    example=Example(
        "We run pytest on every push.\n\nAnswer: the slow tests run every night.", _TESTS, 3, at="Answer: the slow"
    ),
    warning_when="only blank lines stand between the two markers and the checker does not abort: it counts the "
    "same answer",
)


STRAY_HEADING = Rule(
    "HDG012",
    "stray-heading",
    "A heading inside an answer, a heading in a list item, or text that a `---` line below it turns into a heading.",
    why="A heading inside an answer breaks the page's outline, and a `###` or `##` in it cuts the grader's count.",
    how_to_fix="Use bold text instead of a heading, or leave a blank line between the text and a `---` line.",
    example=Example(
        "We run pytest on every push.\n\nIn CI\n=====\n\nThe slow tests run every night.", _TESTS, 3, at="In CI"
    ),
    severity="warning",
)
OFFICIAL_CUT = Rule(
    "HDG013",
    "official-cut",
    "A `##` or `###` inside an answer (a heading, a list item, a code comment) where the official checker "
    "stops reading it. The finding gives both word counts.",
    why="The official checker stops reading the answer there, code blocks included: the rest is not counted.",
    how_to_fix="Remove the `##` (a `#` comment in pasted code, a heading) or move it out of the answer.",
    example=Example(
        "We run it all with one command:\n\n```bash\n## also in CI\npytest -q tests/\n```",
        "We run it all with one command, here and in CI:\n\n```bash\npytest -q tests/\n```",
        3,
        at="## also in CI",
    ),
)
AFTER_LAST_ANSWER = Rule(
    "HDG014",
    "after-last-answer",
    "A heading after the last answer. A `###` there makes the official checker count the last answer "
    "twice and abort. Without one, everything after the last answer is counted as part of it.",
    why="The official checker counts the last answer twice and aborts, or counts the appendix as the last answer.",
    how_to_fix="Move what follows the last answer into an answer, or out of the report.",
    example=Example(
        "Start earlier.\n\n### Appendix\n\nMore about our project.", "Start the project earlier.", 6, at="### Appendix"
    ),
)
RULES = (MARKER_MISSING, MARKER_OUTSIDE, MARKER_EXTRA, STRAY_HEADING, OFFICIAL_CUT, AFTER_LAST_ANSWER)


def _block_at(question: Question, line: int) -> Block | None:
    return next((block for block in question.blocks if block.line <= line <= block.end_line), None)


_PLACES = {"block_code": "in a code block", "heading": "in a heading", "list": "in a list", "block_html": "in HTML"}


def marker_findings(document: Document, question: Question, splits: Sequence[Marker]) -> Iterator[Finding]:
    """``splits``: the checker's markers within the question's lines."""
    path, number = document.path, question.number
    if question.marker_line is None:
        message = f"Question {number}: no 'Answer:' marker, so the official checker has no answer for it"
        yield Finding(path, question.line, MARKER_MISSING, message, number)
    elif not question.marker_quoted:
        message = f"Question {number}: the 'Answer:' marker is outside the prompt's quote ('> Answer:')"
        yield Finding(path, question.marker_line, MARKER_OUTSIDE, message, number)

    count = answer_count(document)
    for marker in splits:
        if marker.own:
            continue
        message = f"extra 'Answer:' in Question {number}: the official checker starts a new answer here"
        if marker.drops_from:
            message += f" and drops the text before it, from line {marker.drops_from}"
        elif marker.drops_from == 0:
            message += " (the text between the two markers is blank, so nothing is lost)"
        if count.aborts:
            message += f"; it finds {count.found} answers, expected {count.expected}, and aborts"
        # Only blank lines between the two markers, and no abort: the checker counts the same answer.
        level = "warning" if marker.drops_from == 0 and not count.aborts else None
        yield Finding(path, marker.line, MARKER_EXTRA, message, number, level=level)


def answer_findings(document: Document, question: Question, last: bool, reported: set[int]) -> Iterator[Finding]:
    """Headings and '##' inside the answer: what the markdown and the official checker make of them.

    Lines in ``reported`` already have a finding that says more (a template heading, the '###'
    after the last answer), so a stray-heading finding there would only repeat it.
    """
    path, number = document.path, question.number
    cut_at = None
    span = question_span(document, question)
    line = None if span is None or last else cut_line(document, span)
    if span is not None and line is not None and question.in_answer(line) and line not in reported:
        block = _block_at(question, line)
        place = _PLACES.get(block.kind, "in the text") if block else "in the text"
        message = (
            f"the official checker stops reading Question {number}'s answer at this '{span.cut_by}' ({place}): "
            f"it counts {span.words} of {question.words} words"
        )
        cut_at = line
        yield Finding(path, line, OFFICIAL_CUT, message, number)

    # A '#' line is pasted code shown as a heading: the render family's (RND006).
    headings = [block for block in question.blocks if block.kind == "heading" and (block.level > 1 or block.setext)]
    headings += [heading for block in question.blocks for heading in block.nested_headings]
    for heading in sorted(headings, key=lambda block: block.line):
        if heading.line in reported or heading.line == cut_at:
            continue
        if heading.setext:
            message = f"Question {number}: the line under this text turns it into a heading"
        else:
            message = f"Question {number}: a heading inside the answer: {quoted_heading(heading.level, heading.text)}"
        yield Finding(path, heading.line, STRAY_HEADING, message, number)


def after_last_findings(document: Document) -> Iterator[Finding]:
    report, count = document.report, answer_count(document)
    last_question = report.questions[-1]
    trailing = [b for b in report.blocks if b.kind == "heading" and b.line > last_question.end_line]
    line = counted_twice(document)
    if line is not None:
        message = "'###' after the last answer: the official checker counts the last answer twice"
        if count.aborts:
            message += f" ({count.found} answers, expected {count.expected}) and aborts"
        yield Finding(document.path, line, AFTER_LAST_ANSWER, message)
    elif trailing:
        message = (
            f"{quoted_heading(trailing[0].level, trailing[0].text)} after the last answer: the official checker counts "
            f"everything from here on as Question {last_question.number}'s answer"
        )
        yield Finding(document.path, trailing[0].line, AFTER_LAST_ANSWER, message)
