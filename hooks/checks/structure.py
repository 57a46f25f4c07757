"""The template's structure (HDG001-HDG005, HDG019): its headings, in order and at their levels.

A heading finding is an error only where the official checker would read the report differently with the
heading as the template has it (``reads_differently``); a question heading always is.
"""

import re
from collections.abc import Callable, Iterator
from typing import NamedTuple

from hooks.checks.document import (
    Document,
    LineEdit,
    reads_differently,
)
from hooks.checks.rules import Example, Finding, Rule
from hooks.core.course import ANSWER_MARKER
from hooks.core.report import normalize, paragraphs, quote_lines
from hooks.core.text import counted, lines_list, listed, matcher, quoted_heading
from hooks.templates.model import fingerprint
from hooks.templates.revisions import accepted

HEADING_MISSING = Rule(
    "HDG001",
    "heading-missing",
    "A heading of the template (title, section, checklist week, `### Question N`) is missing. For a "
    "question heading whose prompt is still there, the finding points at the prompt. Headings missing from one "
    "place (a preamble deleted with its checklist) are one finding. A report with no question heading at all "
    "(recognised by its path, its title or its `> Answer:` markers) gets one finding. An error where the official "
    "checker would read the report differently with the heading.",
    why="The template's structure is what teachers navigate by; a missing `### Question N` also makes the official "
    "checker merge two answers or abort.",
    how_to_fix="Put the heading back where the template has it, spelt as the template spells it.",
    example=Example("### Question 3", "## Tooling\n\n### Question 3"),
    warning_when="the official checker reads the report the same without it: a title, checklist or section "
    "heading in the preamble, or a section heading that took its introduction with it (a question heading is always "
    "an error)",
)
HEADING_CHANGED = Rule(
    "HDG002",
    "heading-changed",
    "A heading is renamed, renumbered or at another level (a question heading: `HDG019`). The same change of "
    "level on several headings is one finding. An error where the official checker would read the report "
    "differently with the template's heading.",
    why="The template's headings are the same in every group's report; teachers navigate by them.",
    how_to_fix="Spell the heading as the template does; write your own titles inside the answers as bold text.",
    example=Example("## Tools", "## Tooling"),
    warning_when="the official checker reads the report the same with the template's heading: a rename that keeps "
    "its `##`, a heading in the preamble",
)
HEADING_ADDED = Rule(
    "HDG003",
    "heading-added",
    "A heading outside the answers that the template does not have (a new title or preamble section, say). A run "
    "of them (a pasted README) is one finding. An error where it changes what the official checker reads.",
    why="The report is the template filled in: a section of your own outside the answers changes its structure.",
    how_to_fix="Delete the heading, or move its text into the answer it belongs to.",
    example=Example("## About us\n\nWe are four students.\n\n## Group information", "## Group information"),
    warning_when="the official checker reads the report the same without it: a heading in the preamble (a pasted "
    "README), or one that cuts nothing it counts",
)
HEADING_DUPLICATED = Rule(
    "HDG004",
    "heading-duplicated",
    "A heading of the template appears again: one finding lists its copies. An error where they change what the "
    "official checker reads.",
    why="Two copies of a template heading, usually from a merge or a paste, confuse readers and the checks.",
    how_to_fix="Delete the copy.",
    example=Example("## Group information\n\n## Wrapping up", "## Wrapping up"),
    warning_when="the official checker reads the report the same without the copy",
)
HEADING_MOVED = Rule(
    "HDG005",
    "heading-moved",
    "A heading is out of the template's order.",
    why="Answers out of order are graded against other questions' limits: the checker pairs them by position.",
    how_to_fix="Move the heading, and what belongs to it, back to the template's place.",
    warning_when="it is not a question heading and the official checker reads the report the same without it",
)


QUESTION_HEADING_RENAMED = Rule(
    "HDG019",
    "question-heading-renamed",
    "A question heading renamed or at another level (`### Q3`, `#### Question 3`, `## Question 3`) is still read "
    "as its question. The official checker needs only a `###` in it; when it has none, the abort (`LEN002`) says "
    "so. Question headings changed the same way in three questions or more are one finding.",
    why="The headings are the same in every group's report; the checker needs only the `###`, readers the rest.",
    how_to_fix="Spell it `### Question N`, as the template does.",
    example=Example("### Q3", "### Question 3"),
    severity="warning",
    folds=True,
)
RULES = (HEADING_MISSING, HEADING_CHANGED, HEADING_ADDED, HEADING_DUPLICATED, HEADING_MOVED, QUESTION_HEADING_RENAMED)


class Heading(NamedTuple):
    key: tuple[int, str]  # as the template's headings are compared: level and normalized text
    line: int
    written: str  # the heading's line as the report has it

    @property
    def quoted(self) -> str:
        return f"'{self.written}'"


def outline(document: Document) -> list[Heading]:
    """The headings outside the answers, in order, up to the last answer.

    A heading inside an answer counts too when the template has its text: it is
    a template heading at the wrong level, not part of the answer. So does a
    section heading ('##'); a '#' line there is the answer's (render: RND006).
    """
    questions = document.report.questions
    first, last = questions[0], questions[-1]
    inside_answers = {line for q in questions for line in range(q.line + 1, q.end_line + 1)}
    # A question heading's text in an answer ('# Question 14' opening it) is the answer's: the parser tells.
    template_texts = {text for key in document.template.headings if _numbered(key) is None for text in key[1:]}
    sections = {section.line for section in document.report.sections}
    headings = []
    for block in document.report.blocks:
        if block.kind != "heading" or block.setext or block.line > last.end_line:
            continue
        inside = block.line in inside_answers
        text = normalize(block.text)
        if block.line < first.line or block.line in sections or not inside or text in template_texts:
            headings.append(Heading((block.level, text), block.line, document.report.lines[block.line - 1].strip()))
    return headings


def _misplaced_prompt(document: Document, number: int) -> int | None:
    """The line of a question's prompt that lost its heading, if it is still in the report."""
    template_question = document.template.question(number)
    if template_question is None:
        return None
    # Only the question itself is distinctive: length lines repeat from question to question.
    wanted = {
        h
        for prompt in template_question.prompts
        for h, kind in zip(prompt.paragraphs, prompt.kinds, strict=False)
        if kind == "question"
    }
    lines = document.report.lines
    for block in document.report.blocks:
        if block.kind == "block_quote" and any(
            fingerprint(p.text) in wanted for p in paragraphs(quote_lines(block, lines))
        ):
            return block.line
    return None


def structure_findings(document: Document, found: list[Heading]) -> Iterator[Finding]:
    """Headings missing, renamed, added, doubled or moved against the template. Each is an error only where the
    official checker would read the report differently with the heading as the template has it (a question
    heading always: the checker pairs answers by position); a warning elsewhere (the preamble, a rename that keeps
    its '##')."""
    expected = list(document.template.headings)
    actual = [heading.key for heading in found]
    revisions = accepted(document.template)
    # Headings as some revision of the report's run, or of an earlier one, has them are not edits.
    if actual == expected or any(list(template.headings) == actual for template in revisions):
        return
    # Nor is a title, section or checklist heading that one of them has, or one of its own run lacks;
    # a question heading always counts.
    others = [set(template.headings) for template in revisions]
    known = {key for headings in others for key in headings if _numbered(key) is None}
    own_run = [set(template.headings) for template in revisions if template.run == document.template.run]
    optional = {key for key in known if any(key not in headings for headings in own_run)}
    path = document.path
    last_line = found[-1].line if found else 1
    question_lines = {question.line: question.number for question in document.report.questions}
    missing: list[tuple[tuple[int, str], int]] = []
    added: list[int] = []  # indexes into found
    changed: list[tuple[tuple[int, str], Heading]] = []  # (the template's heading, the report's)
    matched: dict[tuple[int, str], int] = {}

    level = _judge(document)

    for tag, i1, i2, j1, j2 in matcher(expected, actual).get_opcodes():
        where = found[j1].line if j1 < len(found) else last_line
        if tag == "equal":
            matched.update((found[j].key, found[j].line) for j in range(j1, j2))
            continue
        pairs = list(zip(range(i1, i2), range(j1, j2), strict=False)) if tag == "replace" else []
        for i, j in pairs:
            renamed = expected[i][0] == actual[j][0] or expected[i][1] == actual[j][1]
            if actual[j] in known and expected[i] in optional:
                continue
            if renamed and actual[j] not in expected:
                want, got = expected[i], found[j]
                number = question_lines.get(got.line)
                if number is not None and number == _numbered(want):
                    message = (
                        f"Question {number}: the heading is {got.quoted}, not the template's '### Question {number}'"
                    )
                    # Said without its number, so that a group that renamed them all gets one finding.
                    shape = re.sub(r"\d+", "N", got.written, count=1)
                    cause = f"the heading is '{shape}', not the template's '### Question N'"
                    yield Finding(path, got.line, QUESTION_HEADING_RENAMED, message, number, cause=cause)
                    continue
                changed.append((want, got))
            else:
                missing.append((expected[i], found[j].line))
                added.append(j)
        missing += [(expected[i], where) for i in range(i1 + len(pairs), i2)]
        added += range(j1 + len(pairs), j2)

    yield from _changed_findings(document, changed, level)
    missing_keys = {key for key, _ in missing}
    copies: dict[tuple[int, str], list[Heading]] = {}  # each template heading's copies
    new: list[list[int]] = []  # runs of headings the template does not have, each said once
    for j in added:
        heading = found[j]
        if heading.key in missing_keys:
            missing_keys.discard(heading.key)
            message = f"{heading.quoted} is out of the template's order"
            moved = None if _numbered(heading.key) else level(LineEdit(heading.line, heading.line))
            yield Finding(path, heading.line, HEADING_MOVED, message, level=moved)
        elif heading.key in matched:
            copies.setdefault(heading.key, []).append(heading)
        elif heading.key not in known:
            if new and new[-1][-1] == j - 1:
                new[-1].append(j)
            else:
                new.append([j])
    for key, headings in copies.items():
        lines = tuple(heading.line for heading in headings)
        again = f"appears twice (also on line {matched[key]})"
        if len(lines) > 1:
            again = f"appears {len(lines) + 1} times (lines {lines_list([matched[key], *lines])})"
        removed = level(*(LineEdit(line, line) for line in lines))
        covers = lines if len(lines) > 1 else ()
        yield Finding(path, lines[0], HEADING_DUPLICATED, f"{headings[0].quoted} {again}", covers=covers, level=removed)
    for run in new:
        headings = [found[j] for j in run]
        lines = tuple(heading.line for heading in headings)
        message = f"{headings[0].quoted} is not in the template"
        if len(run) > 1:
            message = (
                f"{headings[0].quoted} and {counted(len(run) - 1, 'more headings')} are not in the template "
                f"(lines {lines_list(lines)})"
            )
        removed = level(*(LineEdit(line, line) for line in lines))
        yield Finding(path, lines[0], HEADING_ADDED, message, covers=lines if len(run) > 1 else (), level=removed)
    gone: dict[int, list[tuple[int, str]]] = {}  # the other headings missing, by where they belong
    for key, line in missing:
        if key not in missing_keys or key in optional:
            continue
        number = _numbered(key)
        if number is None:
            gone.setdefault(_introduced_from(document, line), []).append(key)
            continue
        message = f"{quoted_heading(*key)} is missing"
        prompt_line = _misplaced_prompt(document, number)
        if prompt_line is not None:
            line, message = prompt_line, f"{message}: Question {number}'s prompt is here, without its heading"
        yield Finding(path, line, HEADING_MISSING, message, number)
    # Headings missing from one place (a preamble deleted with its checklist) are one cause.
    for line, keys in gone.items():
        message = f"{quoted_heading(*keys[0])} is missing"
        if len(keys) > 1:
            others = listed([quoted_heading(*key) for key in keys[1:]])
            message = f"{quoted_heading(*keys[0])} and {counted(len(keys) - 1, 'more headings')} are missing: {others}"
        restored = level(LineEdit(line, line - 1, "\n\n".join(_written(key) for key in keys) + "\n"))
        yield Finding(path, line, HEADING_MISSING, message, level=restored)


# How many times one report's headings are judged by running the checker on an edited copy (see _judge): a real
# report needs a handful; a hostile one (thousands of copies of a heading) must stay linear.
_JUDGEMENTS = 64


def _judge(document: Document) -> Callable[..., str | None]:
    """The level of a heading finding: None (an error) when the official checker would read the report differently
    with these edits (the heading as the template has it), else "warning". Past _JUDGEMENTS, an error: a report
    with that many heading changes is broken whatever they do."""
    left = [_JUDGEMENTS]

    def level(*edits: LineEdit) -> str | None:
        left[0] -= 1
        return None if left[0] < 0 or reads_differently(document, edits) else "warning"

    return level


def _changed_findings(
    document: Document, changed: list[tuple[tuple[int, str], Heading]], level: Callable[..., str | None]
) -> Iterator[Finding]:
    """Headings renamed or at another level; the same change of level on several headings is one cause."""
    by_levels: dict[tuple[int, int], list[tuple[tuple[int, str], Heading]]] = {}
    for pair in changed:
        want, got = pair
        if want[1] == got.key[1]:
            by_levels.setdefault((want[0], got.key[0]), []).append(pair)
    folded = {id(group[0]): group for group in by_levels.values() if len(group) > 1}
    said = {id(pair) for group in folded.values() for pair in group[1:]}
    for pair in changed:
        if id(pair) in said:
            continue
        group = folded.get(id(pair), [pair])
        want, got = pair
        message = f"{got.quoted} differs from the template's {quoted_heading(*want)}"
        if len(group) > 1:
            lines = tuple(heading.line for _, heading in group)
            written = listed([heading.quoted for _, heading in group])
            message = (
                f"{len(group)} headings are at level {got.key[0]} where the template has level {want[0]}: {written} "
                f"(lines {lines_list(lines)})"
            )
        edits = [LineEdit(heading.line, heading.line, _written(template)) for template, heading in group]
        covers = tuple(heading.line for _, heading in group) if len(group) > 1 else ()
        yield Finding(document.path, got.line, HEADING_CHANGED, message, covers=covers, level=level(*edits))


def _written(key: tuple[int, str]) -> str:
    """A template heading as a line: '## Coding environment'."""
    level, text = key
    return f"{'#' * level} {text}"


def _introduced_from(document: Document, line: int) -> int:
    """Where a section heading missing before ``line`` stood: before the quotes that introduce it (a section's
    introduction left without its heading), else at ``line``."""
    start = line
    for block in reversed([block for block in document.report.blocks if block.end_line < line]):
        between = document.report.lines[block.end_line : start - 1]
        is_prompt = any(ANSWER_MARKER in text for text in document.report.lines[block.line - 1 : block.end_line])
        if block.kind != "block_quote" or is_prompt or any(text.strip() for text in between):
            break
        start = block.line
    return start


def _numbered(key: tuple[int, str]) -> int | None:
    """The number of a template heading that is '### Question N'."""
    level, text = key
    words = text.split()
    if level == 3 and len(words) == 2 and words[0] == "Question" and words[1].isdigit():
        return int(words[1])
    return None
