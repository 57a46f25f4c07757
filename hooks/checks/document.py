"""A report seen both ways: the markdown a reader sees, and what the official checker makes of it, paired.

Per question: the report's ``### Question N`` (its prompt, marker and answer), the
checker's n-th answer (``Span``) and the n-th row of its table (``Limits``). Every
family and the summary read this pairing, never the checker's chunks or offsets,
so that length, headings and images tell the same story about the grader.
"""

from collections.abc import Iterator, Sequence
from typing import NamedTuple

from hooks.core.course import is_placeholder
from hooks.core.markdown import Question, Report
from hooks.core.official import Limits, OfficialView, Span, limit_text, official_view, outside
from hooks.core.text import counted
from hooks.templates.model import Template

# What decided the checker that grades a report (Grading.decided_by).
BY_TEXT = "its text"
BY_FIRST_COMMIT = "its first commit"
BY_OPTION = "the options"
BY_REPORT_PY = "a report.py beside it"


class Grading(NamedTuple):
    """Which course run's checker grades a report, and what decided it."""

    run: int | None  # None: a checker or template the options name, or a report.py beside the report
    decided_by: str = BY_TEXT
    committed: str | None = None  # the date of the report's first commit, when it decided


class Document(NamedTuple):
    path: str
    report: Report
    template: Template
    official: OfficialView
    grading: Grading = Grading(None)


class Answer(NamedTuple):
    """Question n as the report has it and as the official checker extracts and grades it."""

    number: int
    line: int | None  # the question's heading, or where the checker's n-th answer starts without one
    question: Question | None  # the report's question n
    span: Span | None  # the checker's n-th answer
    limits: Limits  # the n-th row of its table; no limits beyond it


def question_span(document: Document, question: Question) -> Span | None:
    """The span that starts at the question's own ``Answer:`` marker."""
    if question.marker_line is None:
        return None
    return document.official.span_after_marker(question.marker_line)


def only_placeholder(text: str) -> bool:
    """Whether an answer, as the official checker reads it, is still the template's: placeholder lines and dashes."""
    lines = [line for line in text.split("\n") if line.strip()]
    return bool(lines) and all(is_placeholder(line) or not line.strip(" -\u2013\u2014") for line in lines)


def placeholder_answer_lines(document: Document) -> frozenset[int]:
    """The lines of the answers the official checker reads as only the template's placeholder: unanswered to the
    grader, whatever the markdown around them (a fence left open) makes of them on the page."""
    view = document.official
    return frozenset(
        line
        for span in view.spans
        if span.end > span.start and only_placeholder(span.text)
        for line in range(view.line_of(span.start), view.line_of(span.end - 1) + 1)
    )


def _lines(first: int, last: int) -> str:
    return f"line {first}" if first == last else f"lines {first}-{last}"


def grader_reads(document: Document, span: Span, number: int) -> str:
    """Where the checker's answer differs from the one the markdown holds, a clause that says how; else ''."""
    question = document.report.question(number)
    official = document.official
    if question is None or question.answer_line is None or question.answer_end_line is None:
        return ""
    if span.text.split() == question.answer.split():
        return ""  # the same words: a space after 'Answer:' moves where the text starts, not what is counted
    leading = len(span.text) - len(span.text.lstrip())
    first, last = official.line_of(span.start + leading), official.line_of(max(span.start, span.end - 1))
    words = counted(question.words, "words")
    whole = f"the whole answer has {words}"
    if first != question.answer_line:
        return (
            f"; the official checker reads {_lines(first, last)} as this answer, "
            f"the whole answer ({_lines(question.answer_line, question.answer_end_line)}) has {words}"
        )
    if span.cut_at is not None and official.line_of(span.cut_at) <= question.answer_end_line:
        return f"; the official checker stops at the '{span.cut_by}' on line {official.line_of(span.cut_at)}, {whole}"
    return ""


class LineEdit(NamedTuple):
    """Lines ``first``-``last`` replaced by ``text`` (None: removed); with ``last`` = ``first`` - 1, ``text`` is
    inserted before line ``first``."""

    first: int
    last: int
    text: str | None = None


def _graded_counts(view: OfficialView) -> tuple[object, ...]:
    """What the checker decides on: its abort, or each answer's words and images."""
    if view.error is not None:
        return (len(view.spans),)
    return tuple((span.words, span.images) for span in view.spans)


def reads_differently(document: Document, edits: Sequence[LineEdit]) -> bool:
    """Whether the official checker would count anything differently if the report's lines were edited so."""
    official = document.official
    text, starts = official.text, official.line_starts
    pieces, kept = [], 0
    for edit in sorted(edits):
        begin = starts[edit.first - 1] if edit.first <= len(starts) else len(text)
        end = starts[edit.last] if edit.last < len(starts) else len(text)
        pieces += [text[kept:begin], "" if edit.text is None else edit.text + "\n"]
        kept = max(begin, end)
    edited = "".join([*pieces, text[kept:]])
    return _graded_counts(official_view(edited, official.checker)) != _graded_counts(official)


class OffLimits(NamedTuple):
    """A question whose counted words or images are outside its limit."""

    number: int
    line: int  # the question's heading, or where the counted answer starts without one
    span: Span
    counted: int
    low: int
    high: int

    def describe(self, unit: str) -> str:
        """'231 words, limit 0-200 (31 over)'; '0 images, limit exactly 1 (1 under)'."""
        side = f"{self.counted - self.high} over" if self.counted > self.high else f"{self.low - self.counted} under"
        return f"{counted(self.counted, unit)}, limit {limit_text(self.low, self.high)} ({side})"


def graded_answer(document: Document, number: int) -> tuple[Span, Limits] | None:
    """The checker's answer for a question and its row of the table; None when it aborts or has no such row."""
    official = document.official
    if official.error is not None or not 0 < number <= min(len(official.spans), official.checker.expected):
        return None
    return official.spans[number - 1], official.checker.limits[number - 1]


def answers(document: Document) -> list[Answer]:
    """Every answer: one per row of the checker's table, and one per extra answer it finds before it aborts."""
    official = document.official
    found = []
    for index in range(max(official.checker.expected, len(official.spans))):
        number = index + 1
        span = official.spans[index] if index < len(official.spans) else None
        limits = official.checker.limits[index] if index < official.checker.expected else Limits()
        question = document.report.question(number)
        line = question.line if question else official.line_of(span.start) if span else None
        if line is not None:
            line = min(line, document.report.last_line)  # an answer that starts at the file's end: its last line
        found.append(Answer(number, line, question, span, limits))
    return found


def off_limits(document: Document, unit: str) -> Iterator[OffLimits]:
    """The questions the checker warns about for ``unit`` ("words" or "images"), in order; none when it aborts."""
    if document.official.error is not None:
        return
    for answer in answers(document):
        if answer.span is None or answer.line is None:
            continue
        bounds, counted = answer.limits.bounds(unit), answer.span.count(unit)
        if bounds is not None and outside(counted, bounds):
            yield OffLimits(answer.number, answer.line, answer.span, counted, *bounds)


class Marker(NamedTuple):
    """An 'Answer:' the checker splits on."""

    line: int
    chunk_index: int  # of the chunk it starts, in counted_chunks
    own: bool  # a question's own marker: the first 'Answer:' on a question's marker line
    # When no '###' stands between the 'Answer:' before this one and this one, the checker drops that text: the
    # line it starts on, or 0 when it is blank. None: nothing is dropped.
    drops_from: int | None = None


def markers(document: Document) -> list[Marker]:
    official = document.official
    own_lines = {q.marker_line for q in document.report.questions if q.marker_line is not None}
    seen: set[int] = set()
    found = []
    chunks = official.counted_chunks
    for index, chunk in enumerate(chunks):
        if chunk.marker is None:
            continue
        line = official.line_of(chunk.marker)
        previous = chunks[index - 1] if index else None
        drops_from = None
        if previous is not None and previous.cut is None and previous.marker is not None:
            dropped = official.text[previous.start : previous.end].strip()
            drops_from = official.line_of(previous.start) if dropped else 0
        found.append(Marker(line, index, line in own_lines and line not in seen, drops_from))
        seen.add(line)
    return found


def counted_twice(document: Document) -> int | None:
    """The line of a '###' after the last 'Answer:', which makes the checker count the last answer twice."""
    chunks = document.official.counted_chunks
    if chunks and chunks[-1].cut is not None and chunks[-1].marker is not None:
        return document.official.line_of(chunks[-1].cut)
    return None


def first_marker_line(document: Document) -> int:
    """The line of the first 'Answer:' the checker splits on; 1 when there is none."""
    return next((marker.line for marker in markers(document)), 1)


class Cause(NamedTuple):
    """Something that moves the number of answers away from the expected one, by ``delta``."""

    line: int
    delta: int
    message: str
    question: int | None = None
    # The cause in general words, for when it repeats: "<repeated> (lines 4, 9, 12)".
    repeated: str | None = None


def _not_level_three(heading: Question, dropped: str) -> Cause:
    """A question heading the parser found that has no '###' for the checker to cut the answer before it at."""
    message = f"Question {heading.number}'s heading is not a '###' heading, so the checker drops {dropped}"
    repeated = "question headings that are not '###' headings: the checker drops one answer for each"
    return Cause(heading.line, -1, message, heading.number, repeated)


def abort_causes(document: Document) -> list[Cause]:
    """Where the answer count goes wrong, when it does: the causes that push it the way
    it is off (too many answers: what adds one; too few: what removes one)."""
    report, official = document.report, document.official
    if not report.questions:
        message = "there is no '### Question N' heading in the report, so the checker drops every answer but the last"
        return [Cause(first_marker_line(document), -1, message)] if official.error is not None else []
    template_questions = [q.number for q in document.template.questions]
    causes: list[Cause] = []
    if len(template_questions) != official.checker.expected:
        template, checker, run = document.template, official.checker, document.grading.run
        graded_by = f"the {run} run's checker" if run else f"the checker {checker.name}"
        message = (
            f"this report follows the {template.revision} template, which has {len(template_questions)} questions, "
            f"and {graded_by} expects {checker.expected} answers"
        )
        causes.append(Cause(report.questions[0].line, 1 if len(template_questions) > checker.expected else -1, message))

    numbers = [q.number for q in report.questions]
    for number in template_questions:
        if number not in numbers:
            following = [q for q in report.questions if q.number > number]
            line = following[0].line if following else report.last_line
            causes.append(Cause(line, -1, f"Question {number} is missing: there is no '### Question {number}' heading"))
    seen: set[int] = set()
    for question in report.questions:
        if question.number not in template_questions or question.number in seen:
            causes.append(
                Cause(question.line, +1, f"'### Question {question.number}' is not in the template", question.number)
            )
        seen.add(question.number)
        if question.marker_line is None:
            causes.append(
                Cause(question.line, -1, f"Question {question.number} has no 'Answer:' marker", question.number)
            )

    chunks = official.counted_chunks
    if chunks and chunks[0].marker is None and chunks[0].cut is None:
        first_marker = official.line_of(chunks[1].marker or 0) if len(chunks) > 1 else report.last_line
        heading = next((q for q in report.questions if q.line < first_marker), None)
        if heading is not None:
            causes.append(_not_level_three(heading, "its answer"))
        else:
            message = "there is no '###' before the first 'Answer:', so the checker drops Question 1's answer"
            causes.append(Cause(1, -1, message))
    for marker in markers(document):
        chunk = chunks[marker.chunk_index]
        if marker.chunk_index == len(chunks) - 1:
            if chunk.cut is not None:
                message = "'###' after the last answer makes the checker count the last answer twice"
                causes.append(Cause(official.line_of(chunk.cut), +1, message))
            continue
        if chunk.cut is None:
            following = official.line_of(chunks[marker.chunk_index + 1].marker or 0)
            heading = next((q for q in report.questions if marker.line < q.line < following), None)
            if heading is not None:
                causes.append(_not_level_three(heading, "the answer before it"))
                continue
            message = (
                f"no '###' between this 'Answer:' and the next one on line {following}, "
                "so the checker drops this answer"
            )
            repeated = "no '###' between an 'Answer:' and the next one, so the checker drops that answer"
            causes.append(Cause(marker.line, -1, message, repeated=repeated))
        elif not marker.own:
            message = "this 'Answer:' is not a question's marker; the checker starts an extra answer here"
            causes.append(Cause(marker.line, +1, message))
    if official.error is None:
        return []
    direction = 1 if len(official.spans) > official.checker.expected else -1
    return sorted((cause for cause in causes if cause.delta == direction), key=lambda cause: cause.line)
