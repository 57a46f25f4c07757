"""What the course's ``report.py check`` does with a report: the one place that knows the grader.

Per course run, one ``report.py`` grades every report (the course's grading
script downloads the newest one). Each is a ``Checker``: how it reads the file,
the number of answers it expects, and its constraint table. ``official_view``
reproduces its extraction step by step:

1. read the file as text (universal newlines); the 2023-2024 script then drops
   its first 43 characters;
2. split the whole text on ``Answer:`` and throw the text before the first
   marker away (2023-2024: the first kept span instead);
3. keep a piece only if it contains ``###``; cut it at the first ``###``, then at
   the first ``##``, wherever they stand, code blocks included;
4. append the last piece again, uncut;
5. count words with ``str.split()`` and images with its pattern (``official_images``);
6. abort when the number of answers is not the number expected.

The rest of the module compares that view with the markdown one, so that every
family that explains the checker (length, headings, images) tells the same story.
``read_report_py`` reads a checker's table from its source, without running it.
"""

from __future__ import annotations

import ast
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from typing import TYPE_CHECKING, NamedTuple

from hooks.markdown import ANSWER_MARKER, Question, line_starts
from hooks.rules import counted

if TYPE_CHECKING:
    from hooks.document import Document


def official_images(line: str) -> Iterator[int]:
    r"""Where report.py's image pattern, ``\!\[.*?\]\(.*?\)`` in every revision, matches on one line.

    Found as the pattern finds them, without its backtracking, which is quadratic on a line of
    many ``![``: a match starts at an ``![`` exactly when a ``](`` follows it and a ``)`` follows
    that, and ends at that ``)``. When one ``![`` has no such tail, no later one has.
    """
    start = line.find("![")
    while start >= 0:
        bracket = line.find("](", start + 2)
        close = line.find(")", bracket + 2) if bracket >= 0 else -1
        if close < 0:
            return
        yield start
        start = line.find("![", close + 1)


def decode(data: bytes) -> str:
    """Bytes to text as report.py's ``open()`` reads them: UTF-8, universal newlines.

    A UTF-8 byte order mark stays, as it does for report.py. Raises UnicodeDecodeError.
    """
    return data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")


UNITS = ("words", "images")  # what the checker counts in an answer, each against its own limit


class Limits(NamedTuple):
    """One row of a checker's constraint table; None where it sets no such limit."""

    min_words: int | None = None
    max_words: int | None = None
    min_images: int | None = None
    max_images: int | None = None

    def bounds(self, unit: str) -> tuple[int, int] | None:
        """(low, high) for ``unit`` ("words" or "images"); None when the row sets no such limit."""
        low, high = (self.min_words, self.max_words) if unit == "words" else (self.min_images, self.max_images)
        return None if low is None or high is None else (low, high)


class Checker(NamedTuple):
    """One ``report.py check``: how it extracts answers, and what it requires of them."""

    name: str  # the course run whose reports it grades, or the file it was read from
    limits: tuple[Limits, ...]  # the n-th answer is checked against the n-th row
    skip_chars: int = 0  # the 2023-2024 script drops this many leading characters (its "header")
    drop_first_span: bool = False  # 2023-2024 drops the first kept span; later scripts the first chunk
    # What it prints for each limit an answer breaks: loguru's WARNING level (2025 on), or the 2023-2024
    # script's TeacherWarning category; the staff count these lines.
    warning_name: str = "WARNING"

    @property
    def expected(self) -> int:
        return len(self.limits)

    @property
    def warning_lines(self) -> str:
        """'WARNING lines', as a plural for ``counted``."""
        return f"{self.warning_name} lines"


class Span(NamedTuple):
    """One answer as the checker extracts it; offsets into the decoded text."""

    marker: int | None  # offset of the ``Answer:`` it follows
    start: int
    end: int
    text: str
    cut_by: str | None  # "###" or "##" when cut there, None when it runs to the end
    cut_at: int | None  # offset of that cut
    repeated_last: bool = False

    @property
    def words(self) -> int:
        return len(self.text.split())

    @property
    def images(self) -> int:
        return sum(1 for line in self.text.split("\n") for _ in official_images(line))

    def count(self, unit: str) -> int:
        return self.words if unit == "words" else self.images


class Chunk(NamedTuple):
    """A piece of text between two ``Answer:`` markers, as the checker splits it."""

    marker: int | None
    start: int
    end: int
    cut: int | None  # offset of the first ``###``, None if there is none


class OfficialView(NamedTuple):
    checker: Checker
    text: str
    chunks: tuple[Chunk, ...]
    spans: tuple[Span, ...]
    error: str | None
    line_starts: tuple[int, ...]
    # The span that follows the first 'Answer:' on a line, by that line.
    span_by_marker_line: tuple[tuple[int, Span], ...]

    def line_of(self, offset: int) -> int:
        return bisect_right(self.line_starts, offset)

    def span_after_marker(self, line: int) -> Span | None:
        """The span that follows the first 'Answer:' on a line, if one does."""
        index = bisect_left(self.span_by_marker_line, (line,))
        if index < len(self.span_by_marker_line) and self.span_by_marker_line[index][0] == line:
            return self.span_by_marker_line[index][1]
        return None

    @property
    def counted_chunks(self) -> tuple[Chunk, ...]:
        """The chunks the checker builds answers from (the text before the first marker is not one)."""
        return self.chunks if self.checker.drop_first_span else self.chunks[1:]

    def counted_chunk(self, index: int) -> Chunk:
        """``counted_chunks[index]``, without building the tuple."""
        return self.chunks[index if self.checker.drop_first_span else index + 1]

    def failures(self, index: int) -> int:
        """How many WARNING lines the checker logs for its ``index``-th answer: one per limit it is outside."""
        limits, span = self.checker.limits[index], self.spans[index]
        return sum(outside(span.count(unit), limits.bounds(unit)) for unit in UNITS)

    @property
    def warning_lines(self) -> int:
        """The WARNING lines the checker logs; 0 when it aborts, as it then checks nothing."""
        return 0 if self.error is not None else sum(map(self.failures, range(len(self.spans))))


def outside(count: int, bounds: tuple[int, int] | None) -> bool:
    """Whether a count breaks its limit: the checker logs one WARNING line for it."""
    return bounds is not None and not bounds[0] <= count <= bounds[1]


def _span(text: str, chunk: Chunk, repeated_last: bool = False) -> Span:
    end, cut_by = chunk.end, None
    if chunk.cut is not None and not repeated_last:
        end, cut_by = chunk.cut, "###"
        double = text.find("##", chunk.start, end)
        if double >= 0:
            end, cut_by = double, "##"
    piece = text[chunk.start : end]
    stripped = piece.strip("\n")
    start = chunk.start + (len(piece) - len(piece.lstrip("\n")))
    return Span(chunk.marker, start, start + len(stripped), stripped, cut_by, end if cut_by else None, repeated_last)


def official_view(text: str, checker: Checker) -> OfficialView:
    """Reproduce ``report.py check``'s extraction on decoded text (see ``decode``)."""
    chunks = []
    begin, marker = checker.skip_chars, None
    while True:
        found = text.find(ANSWER_MARKER, begin)
        end = len(text) if found < 0 else found
        cut = text.find("###", begin, end)
        chunks.append(Chunk(marker, begin, end, None if cut < 0 else cut))
        if found < 0:
            break
        marker, begin = found, found + len(ANSWER_MARKER)

    error = None
    candidates = chunks if checker.drop_first_span else chunks[1:]
    spans = [_span(text, chunk) for chunk in candidates if chunk.cut is not None]
    if candidates:
        spans.append(_span(text, candidates[-1], repeated_last=True))
    else:
        error = "crashes with IndexError: there is no 'Answer:' in the file"
    if checker.drop_first_span:
        spans = spans[1:]
    if error is None and len(spans) != checker.expected:
        error = f"Number of answers are different from the expected {checker.expected}"
    starts = tuple(line_starts(text))
    by_line: dict[int, Span] = {}
    for span in spans:
        if span.marker is not None and not span.repeated_last:
            by_line.setdefault(bisect_right(starts, span.marker), span)
    return OfficialView(checker, text, tuple(chunks), tuple(spans), error, starts, tuple(by_line.items()))


def counted_images(lines: tuple[str, ...]) -> frozenset[tuple[int, int]]:
    """(line, column) of every image the checker's pattern counts; the pattern never crosses a line."""
    return frozenset((number, column) for number, line in enumerate(lines, 1) for column in official_images(line))


# --- the checker's view against the markdown ---------------------------------------


def question_span(document: Document, question: Question) -> Span | None:
    """The span that starts at the question's own ``Answer:`` marker."""
    if question.marker_line is None:
        return None
    return document.official.span_after_marker(question.marker_line)


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


def limit_text(low: int, high: int) -> str:
    return f"exactly {low}" if low == high else f"{low}-{high}"


def graded_answer(document: Document, number: int) -> tuple[Span, Limits] | None:
    """The checker's answer for a question and its row of the table; None when it aborts or has no such row."""
    official = document.official
    if official.error is not None or not 0 < number <= min(len(official.spans), official.checker.expected):
        return None
    return official.spans[number - 1], official.checker.limits[number - 1]


def off_limits(document: Document, unit: str) -> Iterator[OffLimits]:
    """The questions the checker warns about for ``unit`` ("words" or "images"), in order; none when it aborts."""
    official = document.official
    if official.error is not None:
        return
    for number, (limits, span) in enumerate(zip(official.checker.limits, official.spans), 1):
        bounds, counted = limits.bounds(unit), span.count(unit)
        if bounds is None or not outside(counted, bounds):
            continue
        question = document.report.question(number)
        line = question.line if question else official.line_of(span.start)
        yield OffLimits(number, line, span, counted, *bounds)


class Marker(NamedTuple):
    """An 'Answer:' the checker splits on."""

    line: int
    chunk_index: int  # of the chunk it starts, in counted_chunks
    own: bool  # a question's own marker: the first 'Answer:' on a question's marker line


def markers(document: Document) -> list[Marker]:
    official = document.official
    own_lines = {q.marker_line for q in document.report.questions if q.marker_line is not None}
    seen: set[int] = set()
    found = []
    for index, chunk in enumerate(official.counted_chunks):
        if chunk.marker is None:
            continue
        line = official.line_of(chunk.marker)
        found.append(Marker(line, index, line in own_lines and line not in seen))
        seen.add(line)
    return found


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
        template, checker = document.template, official.checker
        graded_by = f"the {template.run} run's checker" if template.run else f"the checker {checker.name}"
        message = (
            f"this report follows the {template.name} template, which has {len(template_questions)} questions, "
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


# --- a checker read from its source --------------------------------------------------


class CheckerError(Exception):
    """A report.py whose check cannot be read as a table; the message is one line."""


def _integers(call: ast.Call) -> dict[str, int]:
    return {k.arg: k.value.value for k in call.keywords if k.arg and isinstance(k.value, ast.Constant)}


def _constraint(node: ast.expr) -> Limits:
    """One table entry: ``NoConstraints()``, ``LengthConstraints(min_length=.., max_length=..)``,
    ``ImageConstraints(..)``, ``MultiConstraints(constrains=[..])``, or the 2023 script's
    ``partial(length_constraints, ..)`` and plain ``no_constraints``."""
    if isinstance(node, ast.Name) and "no_constraint" in node.id.lower():
        return Limits()
    if not isinstance(node, ast.Call):
        raise CheckerError(f"line {node.lineno}: a constraint that is not a call")
    function = node.func
    name = function.id if isinstance(function, ast.Name) else getattr(function, "attr", "")
    if name == "partial" and node.args and isinstance(node.args[0], ast.Name):
        name = node.args[0].id
    name = name.lower()
    keywords = {k.arg: k.value for k in node.keywords}
    if "constrains" in keywords:
        parts = keywords["constrains"]
        if not isinstance(parts, (ast.List, ast.Tuple)):
            raise CheckerError(f"line {node.lineno}: 'constrains' is not a list")
        merged: dict[str, int | None] = {}
        for part in parts.elts:
            merged.update((key, value) for key, value in _constraint(part)._asdict().items() if value is not None)
        return Limits(**merged)
    if "no_constraint" in name or "noconstraint" in name:
        return Limits()
    numbers = _integers(node)
    low = next((numbers[key] for key in ("min_length", "min_images", "min") if key in numbers), None)
    high = next((numbers[key] for key in ("max_length", "max_images", "max") if key in numbers), None)
    if low is None or high is None:
        raise CheckerError(f"line {node.lineno}: a constraint without both limits")
    if "length" in name:
        return Limits(min_words=low, max_words=high)
    if "image" in name:
        return Limits(min_images=low, max_images=high)
    raise CheckerError(f"line {node.lineno}: an unknown constraint {name!r}")


def _table(check: ast.FunctionDef) -> tuple[Limits, ...]:
    for node in ast.walk(check):
        if not isinstance(node, ast.Assign):
            continue
        value = node.value
        if (
            isinstance(value, ast.Dict)
            and value.keys
            and all(isinstance(k, ast.Constant) and str(k.value).startswith("question_") for k in value.keys)
        ):
            return tuple(_constraint(entry) for entry in value.values)  # checked in insertion order
        if (
            isinstance(value, ast.List)
            and len(value.elts) > 1
            and all(isinstance(e, (ast.Call, ast.Name)) for e in value.elts)
        ):
            return tuple(_constraint(entry) for entry in value.elts)
    raise CheckerError("its check() has no constraint table")


def _is_slice_from(node: ast.expr) -> bool:
    """``[N:]`` with a literal N."""
    return isinstance(node, ast.Slice) and node.upper is None and isinstance(node.lower, ast.Constant)


def read_report_py(source: str, name: str) -> Checker:
    """The checker a report.py's ``check()`` is, read from its syntax tree; it is never imported or run."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError) as error:
        raise CheckerError(f"is not valid Python: {error}") from None
    check = next((n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and n.name == "check"), None)
    if check is None:
        raise CheckerError("has no check() function")
    skip, drops_span, pops_chunk, expected = 0, False, False, None
    for node in ast.walk(check):
        if isinstance(node, ast.Subscript) and _is_slice_from(node.slice):
            target = getattr(node.value, "id", "")
            skip = node.slice.lower.value if target == "text" else skip  # type: ignore[union-attr]
            drops_span = drops_span or (target == "answers" and node.slice.lower.value == 1)  # type: ignore[union-attr]
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "pop":
            pops_chunk = True
        elif isinstance(node, ast.Compare) and getattr(getattr(node.left, "func", None), "id", "") == "len":
            expected = getattr(node.comparators[0], "value", None)
    if drops_span == pops_chunk:
        raise CheckerError("its check() does not drop exactly one of the first chunk and the first answer")
    drop_first_span = drops_span
    limits = _table(check)
    if expected != len(limits):
        raise CheckerError(f"its check() expects {expected} answers but its table has {len(limits)} rows")
    warns = any(isinstance(node, ast.Name) and node.id == _TEACHER_WARNING for node in ast.walk(tree))
    return Checker(name, limits, skip, drop_first_span, _TEACHER_WARNING if warns else "WARNING")


# The warning category the 2023-2024 script raises for a broken limit; later scripts log at loguru's WARNING level.
_TEACHER_WARNING = "TeacherWarning"
