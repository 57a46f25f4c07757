"""Placeholders: no template leftovers reach the grader, and a safe --fix for the common ones.

The family of the ``PLH`` rules: the placeholder line, empty answers, the ``---`` that wrap an answer, an answer
above its marker, here; the template's own text and its stand-ins in ``hooks.checks.template_text``.
"""

import re
import unicodedata
from collections.abc import Iterator
from typing import NamedTuple

from hooks.checks import template_text
from hooks.checks.document import Document, graded_answer, only_placeholder, placeholder_answer_lines, question_span
from hooks.checks.rules import Edit, Example, Finding, Rule, Settings
from hooks.checks.template_text import only_template_text, template_text_findings
from hooks.core.course import ANSWER_MARKER, is_placeholder, placeholder_before_text
from hooks.core.official import UNITS, limit_text, outside
from hooks.core.report import Question
from hooks.core.text import counted

_LATER = "Start the project earlier, and write the report while we work."

UNANSWERED = Rule(
    "PLH001",
    "unanswered",
    "The answer is still only the template's placeholder, whatever its spacing, dash count, typographic "
    "dashes or backticks. The message says what the grader makes of it: it counts the placeholder as 6 "
    "words, so an unanswered question with a 0-200 limit even passes. The `LEN001` and `IMG001` findings "
    "of the question are folded into it.",
    why="The question has no answer: the teacher reads the template's line, and the grader counts its words.",
    how_to_fix="Replace the placeholder line with the answer.",
    example=Example("--- question 6 fill here ---", _LATER, 6),
    absorbs=("LEN001", "IMG001"),
)
EMPTY_ANSWER = Rule(
    "PLH002",
    "empty-answer",
    "The answer below `> Answer:` is empty, or only `---`. The message says what the grader makes of it, and the "
    "`LEN001` and `IMG001` findings of the question are folded into it. A question without its marker is the "
    "marker's finding (`HDG006`, or the abort `LEN002`), not this one.",
    why="The question has no answer: the grader counts none of its words, and fails it where its limits want some.",
    how_to_fix="Write the answer below the `> Answer:` line.",
    example=Example("---", _LATER, 6),
    absorbs=("LEN001", "IMG001"),
    warning_when="the official checker passes the empty answer (a question with a limit of 0 words, say)",
)
LEFTOVER_PLACEHOLDER = Rule(
    "PLH003",
    "leftover-placeholder",
    "The placeholder is still there next to a real answer: a line of its own, or at the start of the answer's "
    "text (`--- question 3 fill here --- We used ...`). Fixable: the placeholder goes, the text stays.",
    why="The teacher reads the template's line in the answer, and the grader counts its 6 words.",
    how_to_fix="Delete the placeholder, or let `--fix` (the `report-fix` hook) delete it.",
    example=Example(f"{_LATER}\n\n--- question 6 fill here ---", _LATER, 6, at="--- question 6"),
)
WRAPPING_DASHES = Rule(
    "PLH004",
    "wrapping-dashes",
    "The answer starts or ends with the placeholder's `---`: three or more dashes, standing alone (fixable) "
    "or glued to the text (`---Group 7`, reported only). One finding per answer, at the first dashes. "
    "Shorter runs are content: a flag, a list marker, a dash in a sentence. A `---` line directly under "
    "text also turns that text into a heading, and the finding says so.",
    why="The grader counts the dashes as words, and GitHub shows them; a `---` line under text makes it a heading.",
    how_to_fix="Delete the dashes, or let `--fix` (the `report-fix` hook) delete those that stand alone.",
    example=Example(f"--- {_LATER} ---", _LATER, 6),
    absorbs=("HDG012",),
    folds=True,
    aside="the '---' glued to the text on {lines} stays: remove it by hand",
)


ABOVE_MARKER = Rule(
    "PLH007",
    "answer-above-marker",
    "The answer is written between the prompt and its `> Answer:` marker, and below the marker there is only the "
    "placeholder or nothing. The official checker reads only what is below the marker, so the answer is not "
    "counted. One finding names the answer's lines and the grader's verdict; the question's `PLH001`, `PLH002`, "
    "`LEN001` and `IMG001` findings are folded into it.",
    why="The grader counts only the placeholder or nothing for the question: it fails or passes on that.",
    how_to_fix="Move the `> Answer:` line above the answer (the prompt's last line), and delete the placeholder.",
    example=Example("Group 7\n\n> Answer:\n\n--- question 1 fill here ---", "> Answer:\n\nGroup 7", at="Group 7"),
    absorbs=("LEN001", "IMG001"),
)
RULES = tuple(
    sorted(
        (UNANSWERED, EMPTY_ANSWER, LEFTOVER_PLACEHOLDER, WRAPPING_DASHES, ABOVE_MARKER, *template_text.RULES),
        key=lambda rule: rule.code,
    )
)


_DASHES_CAUSE = "the answers start or end with the placeholder's '---'"

# The placeholder's dashes: three or more ASCII or typographic dashes, standing alone between spaces.
# Shorter runs and dashes inside a word are content: a flag, a list marker, a dash in a sentence.
_MIN_DASHES = 3
_WORD = re.compile(r"\S+")


def _is_dash(char: str) -> bool:
    return char == "-" or char == "\u2212" or unicodedata.category(char) == "Pd"


def _is_dashes(token: str) -> bool:
    return len(token) >= _MIN_DASHES and all(map(_is_dash, token))


def _glued_dashes(token: str, at_end: bool) -> int:
    """How many placeholder dashes start (or end) a token that has text too: '---Group', 'done.---'."""
    chars = reversed(token) if at_end else iter(token)
    count = 0
    for char in chars:
        if not _is_dash(char):
            break
        count += 1
    return count if _MIN_DASHES <= count < len(token) else 0


def _words(text: str, from_end: bool = False) -> Iterator[tuple[int, int]]:
    """Where each word of a line starts and ends, from its first or from its last, found only as far as asked:
    the dashes are at an edge, and a pasted line may hold thousands of words."""
    if not from_end:
        return ((match.start(), match.end()) for match in _WORD.finditer(text))
    size = len(text)
    return ((size - match.end(), size - match.start()) for match in _WORD.finditer(text[::-1]))


def _only_dashes(text: str) -> bool:
    words = text.split()
    return bool(words) and all(map(_is_dashes, words))


class _Dashes(NamedTuple):
    """Placeholder dashes on an answer's first or last text line."""

    line: int
    start: int
    end: int
    glued: bool  # glued to the text ('---Group'): reported, but left to the student to remove


def _leading(number: int, text: str) -> _Dashes | None:
    words = _words(text)
    start, end = next(words)
    if _is_dashes(text[start:end]):
        kept = next(first for first, last in words if not _is_dashes(text[first:last]))
        return _Dashes(number, 0, kept, False)
    glued = _glued_dashes(text[start:end], at_end=False)
    return _Dashes(number, start, start + glued, True) if glued else None


def _trailing(number: int, text: str) -> _Dashes | None:
    words = _words(text, from_end=True)
    start, end = next(words)
    if _is_dashes(text[start:end]):
        kept = next(last for first, last in words if not _is_dashes(text[first:last]))
        return _Dashes(number, kept, end, False)
    glued = _glued_dashes(text[start:end], at_end=True)
    return _Dashes(number, end - glued, end, True) if glued else None


class _Answer(NamedTuple):
    """A question's answer lines, sorted into what the placeholder checks care about."""

    placeholders: list[int]
    text: list[tuple[int, str]]  # non-blank lines that are neither placeholder nor dashes only
    before_text: list[tuple[int, int]]  # (line, end) of a placeholder that starts a line of text
    dashes: list[int]  # dash-only lines at the start or end
    leading: _Dashes | None  # before the first text
    trailing: _Dashes | None  # after the last text


def _answer(document: Document, question: Question) -> _Answer:
    lines = document.report.lines
    first, last = question.answer_line, question.answer_end_line
    content = [] if first is None or last is None else [(n, lines[n - 1]) for n in range(first, last + 1)]
    content = [(n, text) for n, text in content if text.strip()]
    placeholders = [n for n, text in content if is_placeholder(text)]
    content = [(n, text) for n, text in content if not is_placeholder(text)]
    start, end = 0, len(content)
    while start < end and _only_dashes(content[start][1]):
        start += 1
    while end > start and _only_dashes(content[end - 1][1]):
        end -= 1
    dashes = [n for n, _ in content[:start]] + [n for n, _ in content[end:]]
    content = content[start:end]
    before_text = [(n, end) for n, text in content if (end := placeholder_before_text(text))]
    leading = None
    if content and not (before_text and before_text[0][0] == content[0][0]):
        leading = _leading(*content[0])
    trailing = _trailing(*content[-1]) if content else None
    if leading and trailing and leading.line == trailing.line and trailing.start < leading.end:
        trailing = None
    return _Answer(placeholders, content, before_text, dashes, leading, trailing)


def _underlined(question: Question, lines: list[int]) -> list[int]:
    """The first line of each heading that one of ``lines`` underlines ('---' under text)."""
    return [b.line for b in question.blocks if b.kind == "heading" and b.setext and b.end_line in lines]


def _answered(answer: _Answer) -> bool:
    """Whether the answer has text of its own: a stray 'Answer:' (after the placeholder, say) is none."""
    own = (text[placeholder_before_text(text) :].replace(ANSWER_MARKER, "") for _, text in answer.text)
    return any(text.strip(" \t>") for text in own)


def question_findings(document: Document, question: Question, answer: _Answer) -> Iterator[Finding]:
    path, number = document.path, question.number
    if not _answered(answer) or _graded_unanswered(document, question):
        yield from _unanswered(document, question, answer)
        return

    repairs = []
    # A placeholder the official checker reads as another question's whole answer (a fence left open hides that
    # question's heading on the page) is that question's, unanswered: removing it is no repair.
    unanswered = placeholder_answer_lines(document) if answer.placeholders else frozenset()
    for line in answer.placeholders:
        message = f"Question {number}: the template's placeholder line is still here, next to the answer"
        repairs.append(Finding(path, line, LEFTOVER_PLACEHOLDER, message, number, fixable=line not in unanswered))
    for line, _ in answer.before_text:
        message = f"Question {number}: the template's placeholder is still here, at the start of the answer's text"
        repairs.append(Finding(path, line, LEFTOVER_PLACEHOLDER, message, number, fixable=True))
    finding = _dashes_finding(document, question, answer)
    if finding is not None:
        repairs.append(finding)
    if repairs:
        after_fix = _after_fix(document, question, answer)
        # Not for a question still only the template's, nor where the fix would make the grader fail the answer.
        fixed = not after_fix and not only_template_text(document, question, answer.text)
        repairs = [repair._replace(fixable=fixed and repair.fixable) for repair in repairs]
        repairs[0] = repairs[0]._replace(message=repairs[0].message + after_fix)
    yield from repairs
    yield from template_text_findings(document, question, answer.text)


def _graded_unanswered(document: Document, question: Question) -> bool:
    """Whether the official checker reads the answer below the question's marker as only the placeholder line (and
    dashes), whatever the markdown makes of the lines after it (a heading glued to dashes, '---### Question 5', is no
    heading). Dashes alone are not: they are an answer's own, cut where they are glued to its '###'."""
    span = question_span(document, question)
    return (
        span is not None and only_placeholder(span.text) and any(is_placeholder(line) for line in span.text.split("\n"))
    )


def _unanswered(document: Document, question: Question, answer: _Answer) -> Iterator[Finding]:
    """What an answer without text of its own below its marker is: written above the marker, still the
    placeholder, or empty. Without a marker, the marker's finding names the cause."""
    path, number = document.path, question.number
    verdict, fails = _verdict(document, number)
    placeholders = [*answer.placeholders, *(line for line, _ in answer.before_text)]
    if question.above_marker is not None and question.marker_line is not None:
        first, last = question.above_marker
        where = f"line {first}" if first == last else f"lines {first}-{last}"
        message = (
            f"Question {number}: the answer ({where}) is above its 'Answer:' marker on line {question.marker_line}, "
            "and the official checker reads only what is below the marker"
        )
        below = f"; there it counts {verdict}" if verdict else ""
        yield Finding(path, first, ABOVE_MARKER, message + below, number, graded=fails)
    elif placeholders:
        message = f"Question {number} is unanswered: the template's placeholder is still there"
        said = f"; the official checker counts it as {verdict}" if verdict else ""
        yield Finding(path, min(placeholders), UNANSWERED, message + said, number, graded=fails)
    elif question.marker_line is not None:
        where = answer.dashes[0] if answer.dashes else question.marker_line
        message = f"Question {number} has no answer" + (", only '---'" if answer.dashes else "")
        said = f"; the official checker counts {verdict}" if verdict else ""
        level = None if fails else "warning"
        yield Finding(path, where, EMPTY_ANSWER, message + said, number, graded=fails, level=level)


def _removed_words(document: Document, answer: _Answer) -> int:
    """How many of the words the official checker counts --fix would remove from an answer."""
    lines = document.report.lines
    return sum(len(lines[edit.line - 1][edit.start : edit.end].split()) for edit in _removals(answer))


def _after_fix(document: Document, question: Question, answer: _Answer) -> str:
    """'; without them the official checker counts 99 words: fails 100-200', when the fix makes the answer fail."""
    graded = graded_answer(document, question.number)
    if graded is None:
        return ""
    span, limits = graded
    bounds = limits.bounds("words")
    after = span.words - _removed_words(document, answer)
    if bounds is None or outside(span.words, bounds) or not outside(after, bounds):
        return ""
    left = counted(after, "words")
    return (
        f"; without them the official checker counts {left}: fails {limit_text(*bounds)}, so --fix leaves them: write "
        "more, then remove them"
    )


def _verdict(document: Document, number: int) -> tuple[str, bool]:
    """What the grader counts in an answer and what it makes of that, '6 words: fails 100-200, and 0 images: fails
    1-2' ('' when it does not grade the question); and whether it fails, so that it prints a WARNING line for it."""
    graded = graded_answer(document, number)
    if graded is None:
        return "", False
    span, limits = graded
    parts, fails = [], False
    for unit in UNITS:
        bounds, count = limits.bounds(unit), span.count(unit)
        if bounds is not None:
            fails = fails or outside(count, bounds)
            verdict = "fails" if outside(count, bounds) else "passes"
            parts.append(f"{counted(count, unit)}: {verdict} {limit_text(*bounds)}")
    return ", and ".join(parts), fails


def _dashes_finding(document: Document, question: Question, answer: _Answer) -> Finding | None:
    """One finding for the placeholder's dashes around an answer, wherever they are."""
    first_text = answer.text[0][0]
    starts = [line for line in answer.dashes if line < first_text] + ([answer.leading.line] if answer.leading else [])
    ends = [line for line in answer.dashes if line > first_text] + ([answer.trailing.line] if answer.trailing else [])
    if not starts and not ends:
        return None
    side = " and ".join(name for name, lines in (("starts", starts), ("ends", ends)) if lines)
    message = f"Question {question.number}: the answer {side} with the placeholder's '---'"
    # A '---' line under text makes it a heading: this finding says so, for the heading's line too (HDG012).
    underlined = _underlined(question, [line for line in answer.dashes if line > first_text])
    if underlined:
        message += ", which also turns the line above it into a heading"
    found = [dashes for dashes in (answer.leading, answer.trailing) if dashes]
    glued = [dashes.line for dashes in found if dashes.glued]
    if glued and len(glued) == len(found) and not answer.dashes:
        message += ", glued to the text; remove it by hand"
    elif glued:
        message += f"; --fix leaves the '---' glued to the text on line {glued[0]}: remove it by hand"
    # Many answers' dashes are said once, as their common cause, with the glued ones that --fix leaves.
    return Finding(
        document.path,
        min(starts + ends),
        WRAPPING_DASHES,
        message,
        question.number,
        fixable=not glued,
        covers=tuple(sorted({*starts, *ends, *underlined})) if underlined else (),
        cause=_DASHES_CAUSE,
        aside=tuple(glued),
    )


def findings(document: Document, settings: Settings) -> Iterator[Finding]:
    for question in document.report.questions:
        # A question the template does not have is said once, by the finding that names its heading.
        if document.template.question(question.number) is not None:
            yield from question_findings(document, question, _answer(document, question))


def _removals(answer: _Answer) -> Iterator[Edit]:
    """What --fix removes from an answer: placeholders and the dashes that stand alone."""
    for line in [*answer.placeholders, *answer.dashes]:
        yield Edit(line)
    for line, end in answer.before_text:
        yield Edit(line, 0, end)
    for found in (answer.leading, answer.trailing):
        if found and not found.glued:
            yield Edit(found.line, found.start, found.end)


def edits(document: Document) -> Iterator[Edit]:
    """Remove wrapping dashes and leftover placeholder lines; an unanswered question, or one the grader would then fail,
    is left alone."""
    unanswered = placeholder_answer_lines(document)  # the grader's unanswered questions: see question_findings
    for question in document.report.questions:
        answer = _answer(document, question)
        removals = [edit for edit in _removals(answer) if edit.line not in unanswered]
        if (
            removals
            and _answered(answer)
            and not _graded_unanswered(document, question)
            and not _after_fix(document, question, answer)
            and not only_template_text(document, question, answer.text)
        ):
            yield from removals
