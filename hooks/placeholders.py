"""Placeholders: no template leftovers reach the grader, and a safe --fix for the common ones."""

import re
import unicodedata
from collections.abc import Iterator
from typing import NamedTuple

from hooks.course import ANSWER_MARKER, STAND_INS, is_placeholder, placeholder_before_text
from hooks.document import Document, graded_answer
from hooks.markdown import Question
from hooks.official import UNITS, limit_text, outside
from hooks.rules import Edit, Example, Finding, Rule, Settings
from hooks.templates.model import fingerprint
from hooks.text import counted, number_runs

_LATER = "Start the project earlier, and write the report while we work."

UNANSWERED = Rule(
    "PLH001",
    "unanswered",
    "The answer is still only the template's placeholder, whatever its spacing, dash count, typographic "
    "dashes or backticks. The message says what the grader makes of it: it counts the placeholder as 6 "
    "words, so an unanswered question with a 0-200 limit even passes. The `LEN001` and `IMG001` findings "
    "of the question are folded into it.",
    why="The question has no answer: the teacher reads the template's line, and the grader counts its words.",
    fix="Replace the placeholder line with the answer.",
    example=Example("--- question 6 fill here ---", _LATER, 6),
    absorbs=("LEN001", "IMG001"),
)
EMPTY_ANSWER = Rule(
    "PLH002",
    "empty-answer",
    "The answer is empty, or only `---`.",
    why="The question has no answer, and the grader counts none of its words.",
    fix="Write the answer below the `> Answer:` line.",
    example=Example("---", _LATER, 6),
)
LEFTOVER_PLACEHOLDER = Rule(
    "PLH003",
    "leftover-placeholder",
    "The placeholder is still there next to a real answer: a line of its own, or at the start of the answer's "
    "text (`--- question 3 fill here --- We used ...`). Fixable: the placeholder goes, the text stays.",
    why="The teacher reads the template's line in the answer, and the grader counts its 6 words.",
    fix="Delete the placeholder, or let `--fix` (the `report-fix` hook) delete it.",
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
    fix="Delete the dashes, or let `--fix` (the `report-fix` hook) delete those that stand alone.",
    example=Example(f"--- {_LATER} ---", _LATER, 6),
    folds=True,
    aside="the '---' glued to the text on {lines} stays: remove it by hand",
)
TEMPLATE_TEXT = Rule(
    "PLH005",
    "template-text",
    "A line of the prompt's example copied into the answer, or text the pristine template itself has in "
    "the answer's place.",
    why="The teacher reads the template's own words as the group's answer.",
    fix="Replace the line with your own words.",
    example=Example("We enjoyed ... because ... .", "We enjoyed Docker, because one image ran the same everywhere.", 2),
)
TEMPLATE_TOKEN = Rule(
    "PLH006",
    "template-token",
    "A stand-in from the template's examples: `sXXXXXX`, `<weblink>`/`<weburl>`, a ` ... ` blank, `[Image "
    "placeholder ...]`.",
    why="The teacher reads a blank where a study number, a link or an image belongs.",
    fix="Write the real study number, link or image.",
    example=Example("Group 42: s224466 and sXXXXXX", "Group 42: s224466 and s224467", 1),
)
RULES = (UNANSWERED, EMPTY_ANSWER, LEFTOVER_PLACEHOLDER, WRAPPING_DASHES, TEMPLATE_TEXT, TEMPLATE_TOKEN)
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
    return bool(text.strip()) and all(_is_dashes(text[start:end]) for start, end in _words(text))


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
    dashes = []
    while content and _only_dashes(content[0][1]):
        dashes.append(content.pop(0)[0])
    while content and _only_dashes(content[-1][1]):
        dashes.append(content.pop()[0])
    before_text = [(n, end) for n, text in content if (end := placeholder_before_text(text))]
    leading = None
    if content and not (before_text and before_text[0][0] == content[0][0]):
        leading = _leading(*content[0])
    trailing = _trailing(*content[-1]) if content else None
    if leading and trailing and leading.line == trailing.line and trailing.start < leading.end:
        trailing = None
    return _Answer(placeholders, content, before_text, sorted(dashes), leading, trailing)


def _code_lines(question: Question) -> set[int]:
    return {n for block in question.blocks if block.kind == "block_code" for n in range(block.line, block.end_line + 1)}


def _is_underline(question: Question, line: int) -> bool:
    return any(b.kind == "heading" and b.setext and b.end_line == line for b in question.blocks)


def _answered(answer: _Answer) -> bool:
    """Whether the answer has text of its own: a stray 'Answer:' (after the placeholder, say) is none."""
    own = (text[placeholder_before_text(text) :].replace(ANSWER_MARKER, "") for _, text in answer.text)
    return any(text.strip(" \t>") for text in own)


def question_findings(document: Document, question: Question, answer: _Answer) -> Iterator[Finding]:
    path, number = document.path, question.number
    if not _answered(answer):
        placeholders = [*answer.placeholders, *(line for line, _ in answer.before_text)]
        if placeholders:
            message = f"Question {number} is unanswered: the template's placeholder is still there"
            verdict, fails = _verdict(document, number)
            yield Finding(path, min(placeholders), UNANSWERED, message + verdict, number, graded=fails)
        else:
            where = answer.dashes[0] if answer.dashes else question.marker_line or question.line
            message = f"Question {number} has no answer" + (", only '---'" if answer.dashes else "")
            yield Finding(path, where, EMPTY_ANSWER, message, number)
        return

    fixed = not _only_template_text(document, question, answer)
    repairs = []
    for line in answer.placeholders:
        message = f"Question {number}: the template's placeholder line is still here, next to the answer"
        repairs.append(Finding(path, line, LEFTOVER_PLACEHOLDER, message, number, fixable=fixed))
    for line, _ in answer.before_text:
        message = f"Question {number}: the template's placeholder is still here, at the start of the answer's text"
        repairs.append(Finding(path, line, LEFTOVER_PLACEHOLDER, message, number, fixable=fixed))
    finding = _dashes_finding(document, question, answer)
    if finding is not None:
        repairs.append(finding._replace(fixable=fixed and finding.fixable))
    if repairs:
        first = repairs[0]
        repairs[0] = first._replace(message=first.message + _after_fix(document, question, answer))
    yield from repairs
    yield from _template_leftovers(document, question, answer)


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
    return f"; without them the official checker counts {left}: fails {limit_text(*bounds)}, so write more"


def _verdict(document: Document, number: int) -> tuple[str, bool]:
    """What the grader makes of an answer, '; the official checker counts it as 6 words: fails 100-200', and
    whether it fails, so that it prints a WARNING line for it."""
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
    return ("; the official checker counts it as " + ", and ".join(parts) if parts else ""), fails


def _dashes_finding(document: Document, question: Question, answer: _Answer) -> Finding | None:
    """One finding for the placeholder's dashes around an answer, wherever they are."""
    first_text = answer.text[0][0]
    starts = [line for line in answer.dashes if line < first_text] + ([answer.leading.line] if answer.leading else [])
    ends = [line for line in answer.dashes if line > first_text] + ([answer.trailing.line] if answer.trailing else [])
    if not starts and not ends:
        return None
    side = " and ".join(name for name, lines in (("starts", starts), ("ends", ends)) if lines)
    message = f"Question {question.number}: the answer {side} with the placeholder's '---'"
    if any(_is_underline(question, line) for line in answer.dashes if line > first_text):
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
        cause=_DASHES_CAUSE,
        aside=tuple(glued),
    )


def _template_leftovers(document: Document, question: Question, answer: _Answer) -> Iterator[Finding]:
    path, number = document.path, question.number
    template_question = document.template.question(number)
    if template_question is None:
        return
    example, own = set(template_question.example_lines), set(template_question.answer_lines)
    code = _code_lines(question)
    lines = [(line, text, fingerprint(text)) for line, text in answer.text if line not in code]
    kept = [line for line, _, key in lines if key in own]
    for first, last in number_runs(kept):
        where = f"line {first} is" if first == last else f"lines {first}-{last} are"
        message = f"Question {number}: {where} the template's own text, unchanged"
        yield Finding(path, first, TEMPLATE_TEXT, message, number)
    left = set(kept)
    for line, text, key in lines:
        if line in left:
            continue
        if key in example:
            message = f"Question {number}: this line is the template's example, copied"
            yield Finding(path, line, TEMPLATE_TEXT, message, number)
            continue
        for pattern, description in STAND_INS:
            if pattern.search(text):
                message = f"Question {number}: {description} is still here; write the real one"
                yield Finding(path, line, TEMPLATE_TOKEN, message, number)
                break


def findings(document: Document, settings: Settings) -> Iterator[Finding]:
    for question in document.report.questions:
        # A question the template does not have is said once, by the finding that names its heading.
        if document.template.question(question.number) is not None:
            yield from question_findings(document, question, _answer(document, question))


def _only_template_text(document: Document, question: Question, answer: _Answer) -> bool:
    """Whether all the answer's text came with the template: the question is still unanswered."""
    template_question = document.template.question(question.number)
    if template_question is None:
        return False
    kept = {*template_question.example_lines, *template_question.answer_lines}
    return all(fingerprint(text) in kept for _, text in answer.text)


def _removals(answer: _Answer) -> Iterator[Edit]:
    """What --fix removes from an answer: placeholders and the dashes that stand alone."""
    for line in [*answer.placeholders, *answer.dashes]:
        yield Edit(line)
    for line, end in answer.before_text:
        yield Edit(line, 0, end)
    for found in (answer.leading, answer.trailing):
        if found and not found.glued:
            yield Edit(found.line, found.start, found.end)


def fix(document: Document) -> Iterator[Edit]:
    """Remove wrapping dashes and leftover placeholder lines; an unanswered question is left alone."""
    for question in document.report.questions:
        answer = _answer(document, question)
        if _answered(answer) and not _only_template_text(document, question, answer):
            yield from _removals(answer)
