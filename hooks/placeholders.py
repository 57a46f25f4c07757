"""report-placeholders: no template leftovers reach the grader, and a safe --fix for the common ones."""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator, Sequence
from functools import cache
from typing import Any

from hooks.cli import Family, run
from hooks.document import Document
from hooks.fixing import Edit
from hooks.parser import Question, fingerprint
from hooks.records import Record
from hooks.rules import Finding, register
from hooks.templates import is_placeholder

FAMILY_NAME = "placeholders"
UNANSWERED = register("PLH001", "unanswered", FAMILY_NAME, "The answer is still only the template's placeholder.")
EMPTY_ANSWER = register("PLH002", "empty-answer", FAMILY_NAME, "The answer is empty.")
LEFTOVER_PLACEHOLDER = register(
    "PLH003", "leftover-placeholder", FAMILY_NAME, "The placeholder line is still there next to a real answer. Fixable."
)
WRAPPING_DASHES = register(
    "PLH004", "wrapping-dashes", FAMILY_NAME, "The answer starts or ends with the placeholder's '---'. Fixable."
)
TEMPLATE_TEXT = register("PLH005", "template-text", FAMILY_NAME, "A line of the template's example or own text.")
TEMPLATE_TOKEN = register(
    "PLH006", "template-token", FAMILY_NAME, "A stand-in from the template's examples: sXXXXXX, <weblink>, ' ... '."
)

# A run of dashes: two or more hyphens (one starts a list item), or any other Unicode dash.
_DASH_RUN = r"(?:-{2,}|(?:(?!-)[\p{Pd}\u2212])+)"
_PATTERNS = {
    "only_dashes": rf"^\s*(?:{_DASH_RUN}\s*)+$",
    "leading": rf"^\s*((?:{_DASH_RUN}\s*)+)(?=\S)",
    "trailing": rf"(?<=\S)(\s*(?:{_DASH_RUN}\s*)*{_DASH_RUN})\s*$",
}
# Compiled on first use, by re's cache: most reports hold none of them.
_TOKENS = (
    (r"\bs[xX]{4,}\b", "a study number stand-in ('sXXXXXX')"),
    (r"(?i)<web(?:link|url)>", "a link stand-in ('<weblink>')"),
    (r"(?<=\s)\.\.\.(?=\s)", "a blank (' ... ') from the example"),
    (r"(?i)\[\s*(?:image|figure|screenshot)s?\s+placeholder\b[^\]]*\]", "an image stand-in"),
)


def _may_hold_token(text: str) -> bool:
    """A cheap first look for the stand-ins: most answer lines hold none, and the patterns are slow to say so."""
    lowered = text.lower()
    return "xxxx" in lowered or "<web" in lowered or "..." in text or "placeholder" in lowered


def _may_have_dash(text: str, at_end: bool) -> bool:
    """A cheap first look: is the first (or last) visible character a dash?"""
    stripped = text.strip()
    character = stripped[-1 if at_end else 0] if stripped else ""
    if character.isascii():
        return character == "-"
    import unicodedata  # a shared library to load: only for a line that starts or ends outside ASCII

    return character == "\u2212" or unicodedata.category(character) == "Pd"


@cache
def _pattern(name: str) -> Any:
    # The regex module (for \p{Pd}, every Unicode dash) is imported on first use only.
    import regex

    return regex.compile(_PATTERNS[name])


class _Answer(Record):
    """A question's answer lines, sorted into what the placeholder checks care about."""

    def __init__(
        self,
        placeholders: list[int],
        text: list[tuple[int, str]],
        dashes: list[int],
        leading: tuple[int, int, int] | None,
        trailing: tuple[int, int, int] | None,
    ) -> None:
        self.placeholders = placeholders
        self.text = text  # non-blank lines that are neither placeholder nor dashes only
        self.dashes = dashes  # dash-only lines at the start or end
        self.leading = leading  # (line, start, end) of dashes before the first text
        self.trailing = trailing  # (line, start, end) of dashes after the last text


def _answer(document: Document, question: Question) -> _Answer:
    lines = document.report.lines
    first, last = question.answer_line, question.answer_end_line
    content = [] if first is None or last is None else [(n, lines[n - 1]) for n in range(first, last + 1)]
    content = [(n, text) for n, text in content if text.strip()]
    placeholders = [n for n, text in content if is_placeholder(text)]
    content = [(n, text) for n, text in content if not is_placeholder(text)]
    dashes = []
    while content and _may_have_dash(content[0][1], False) and _pattern("only_dashes").match(content[0][1]):
        dashes.append(content.pop(0)[0])
    while content and _may_have_dash(content[-1][1], True) and _pattern("only_dashes").match(content[-1][1]):
        dashes.append(content.pop()[0])
    leading = trailing = None
    if content:
        number, text = content[0]
        match = _pattern("leading").match(text) if _may_have_dash(text, False) else None
        if match:
            leading = (number, 0, match.end(1))
        number, text = content[-1]
        match = _pattern("trailing").search(text) if _may_have_dash(text, True) else None
        if match and not (leading and leading[0] == number and match.start(1) < leading[2]):
            trailing = (number, match.start(1), match.end(1))
    return _Answer(placeholders, content, sorted(dashes), leading, trailing)


def _code_lines(question: Question) -> set[int]:
    return {n for block in question.blocks if block.kind == "block_code" for n in range(block.line, block.end_line + 1)}


def _is_underline(question: Question, line: int) -> bool:
    return any(b.kind == "heading" and b.setext and b.end_line == line for b in question.blocks)


def question_findings(document: Document, question: Question) -> Iterator[Finding]:
    path, number = document.path, question.number
    answer = _answer(document, question)
    if not answer.text:
        if answer.placeholders:
            message = f"Question {number} is unanswered: the template's placeholder is still there"
            yield Finding(path, answer.placeholders[0], UNANSWERED, message, number)
        else:
            where = answer.dashes[0] if answer.dashes else question.marker_line or question.line
            message = f"Question {number} has no answer" + (", only '---'" if answer.dashes else "")
            yield Finding(path, where, EMPTY_ANSWER, message, number)
        return

    for line in answer.placeholders:
        message = f"Question {number}: the template's placeholder line is still here, next to the answer"
        yield Finding(path, line, LEFTOVER_PLACEHOLDER, message, number)
    first_text = answer.text[0][0]
    for line in answer.dashes:
        side = "starts" if line < first_text else "ends"
        message = f"Question {number}: the answer {side} with the placeholder's '---'"
        if side == "ends" and _is_underline(question, line):
            message += ", which also turns the line above it into a heading"
        yield Finding(path, line, WRAPPING_DASHES, message, number)
    for found, side in ((answer.leading, "starts"), (answer.trailing, "ends")):
        if found:
            message = f"Question {number}: the answer {side} with the placeholder's '---'"
            yield Finding(path, found[0], WRAPPING_DASHES, message, number)
    yield from _template_leftovers(document, question, answer)


def _runs(numbers: list[int]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    for number in numbers:
        if runs and number == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], number)
        else:
            runs.append((number, number))
    return runs


def _template_leftovers(document: Document, question: Question, answer: _Answer) -> Iterator[Finding]:
    path, number = document.path, question.number
    template_question = document.template.question(number)
    if template_question is None:
        return
    example, own = set(template_question.example_lines), set(template_question.answer_lines)
    code = _code_lines(question)
    lines = [(line, text, fingerprint(text)) for line, text in answer.text if line not in code]
    kept = [line for line, _, key in lines if key in own]
    for first, last in _runs(kept):
        where = f"line {first} is" if first == last else f"lines {first}-{last} are"
        message = f"Question {number}: {where} the template's own text, unchanged"
        yield Finding(path, first, TEMPLATE_TEXT, message, number)
    for line, text, key in lines:
        if line in kept:
            continue
        if key in example:
            message = f"Question {number}: this line is the template's example, copied"
            yield Finding(path, line, TEMPLATE_TEXT, message, number)
            continue
        if not _may_hold_token(text):
            continue
        for pattern, description in _TOKENS:
            if re.search(pattern, text):
                message = f"Question {number}: {description} is still here; write the real one"
                yield Finding(path, line, TEMPLATE_TOKEN, message, number)
                break


def check(document: Document, options: argparse.Namespace | None = None) -> Iterator[Finding]:
    for question in document.report.questions:
        yield from question_findings(document, question)


def fix(document: Document) -> Iterator[Edit]:
    """Remove wrapping dashes and leftover placeholder lines; an unanswered question is left alone."""
    for question in document.report.questions:
        answer = _answer(document, question)
        if not answer.text:
            continue
        for line in [*answer.placeholders, *answer.dashes]:
            yield Edit(line)
        for found in (answer.leading, answer.trailing):
            if found:
                yield Edit(*found)


FAMILY = Family(FAMILY_NAME, check, fix)


def main(argv: Sequence[str] | None = None) -> int:
    return run(argv, [FAMILY], "report-placeholders", "Find template leftovers in the answers, and fix the safe ones.")


if __name__ == "__main__":
    raise SystemExit(main())
