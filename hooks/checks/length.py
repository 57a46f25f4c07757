"""Length: word counts as the official checker computes them, against the limits of its table."""

from collections.abc import Iterator
from typing import NamedTuple

from hooks.checks.document import (
    Document,
    OffLimits,
    answer_count,
    answer_markers,
    first_marker_line,
    grader_reads,
    off_limits,
    uncut_preamble,
)
from hooks.checks.rules import Example, Finding, Rule, Settings, repeats
from hooks.core.inline import invisible_words
from hooks.core.official import outside
from hooks.core.report import Question
from hooks.core.text import counted, lines_list

WORD_LIMIT = Rule(
    "LEN001",
    "word-limit",
    "An answer's word count, as the official checker counts it, is outside its limit in the checker's table. When the "
    "checker reads less than the whole answer (it stops at a `##` inside a code block, say), the message "
    "gives both counts and the line where it stops, and the `HDG013` finding of that cut is folded into it. When the "
    "words GitHub does not show (HTML tags, comments) decide that it fails, it says how many they are.",
    why="The official checker prints one WARNING line for it, and the staff count those lines.",
    how_to_fix="Shorten or lengthen the answer to the limit. When the checker stops early, remove the `##` or `###` it "
    "stops at (a `#` comment in code, a heading) or move it out of the answer. When HTML the page does not show "
    "(`<br>`, a comment) is what puts it over, the message says so: remove that HTML.",
    example=Example(
        "We enjoyed Docker the most, because one image ran the same way on every laptop, in our GitHub Actions "
        "workflow and on Cloud Run. It took a while to learn multi-stage builds and caching, but after that every new "
        "member could train and serve our model with one command.",
        "We enjoyed Docker the most: one image ran the same way on every laptop, in our GitHub Actions workflow and "
        "on Cloud Run.",
        question=2,
        at="### Question 2",
    ),
    absorbs=("HDG013",),
)
OFFICIAL_ABORT = Rule(
    "LEN002",
    "official-checker-aborts",
    "The official checker will find the wrong number of answers, abort, and check no word count. One "
    "finding, at the first cause, lists every cause with its line: a heading after the last answer, an "
    "extra `Answer:`, a missing marker or question heading, an answer with no `###` before the next "
    "`Answer:` (a question heading at another level, say). A cause repeated in three places or more is said once, "
    "with its lines. It is printed first, and the structure findings of the same causes (`HDG001`, `HDG003`, "
    "`HDG006`, `HDG008`, `HDG014`, `HDG019`) are folded into it.",
    why="An aborted check prints no WARNING line at all: the report is not graded question by question, and the "
    "staff see a crash instead of a count.",
    how_to_fix="Remove each cause the finding lists: the extra `Answer:` or heading, or restore the missing "
    "`### Question N` heading or `> Answer:` marker.",
    example=Example(
        "We run pytest on every push.\n\n### Nightly\n\nAnswer: we also run the slow tests every night.",
        "We run pytest on every push, and the slow tests every night.",
        question=3,
        at="Answer: we also",
    ),
    absorbs=("HDG001", "HDG003", "HDG006", "HDG008", "HDG014", "HDG019"),
    leads=True,
)
RULES = (WORD_LIMIT, OFFICIAL_ABORT)


def _markup(off: OffLimits) -> str:
    """When the answer's HTML tags and comments, which GitHub does not show, decide that it fails, a clause that
    says so; else ''."""
    invisible = invisible_words(off.span.text)
    shown = off.counted - invisible
    if not invisible or outside(shown, (off.low, off.high)):
        return ""
    verb = "is" if invisible == 1 else "are"
    return f"; {invisible} of them {verb} HTML that GitHub does not show, so the page has {shown}"


def word_findings(document: Document) -> Iterator[Finding]:
    for off in off_limits(document, "words"):
        message = f"Question {off.number}: {off.describe('words')}" + grader_reads(document, off.span, off.number)
        yield Finding(document.path, off.line, WORD_LIMIT, message + _markup(off), off.number, graded=True)


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
    report, count = document.report, answer_count(document)
    if not report.questions:
        message = "there is no '### Question N' heading in the report, so the checker drops every answer but the last"
        return [Cause(first_marker_line(document), -1, message)] if count.aborts else []
    template_questions = [q.number for q in document.template.questions]
    causes: list[Cause] = []
    if len(template_questions) != count.expected:
        template, run = document.template, document.grading.run
        graded_by = f"the {run} run's checker" if run else f"the checker {count.checker}"
        message = (
            f"this report follows the {template.revision} template, which has {len(template_questions)} questions, "
            f"and {graded_by} expects {count.expected} answers"
        )
        causes.append(Cause(report.questions[0].line, 1 if len(template_questions) > count.expected else -1, message))

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

    first_marker = uncut_preamble(document)
    if first_marker is not None:
        heading = next((q for q in report.questions if q.line < first_marker), None)
        if heading is not None:
            causes.append(_not_level_three(heading, "its answer"))
        else:
            message = "there is no '###' before the first 'Answer:', so the checker drops Question 1's answer"
            causes.append(Cause(1, -1, message))
    for marker in answer_markers(document):
        following = marker.next_line
        if following is None:  # the last answer
            if marker.cut_line is not None:
                message = "'###' after the last answer makes the checker count the last answer twice"
                causes.append(Cause(marker.cut_line, +1, message))
            continue
        if marker.cut_line is None:
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
    if not count.aborts:
        return []
    direction = 1 if count.found > count.expected else -1
    return sorted((cause for cause in causes if cause.delta == direction), key=lambda cause: cause.line)


def abort_findings(document: Document) -> Iterator[Finding]:
    """One finding for an aborting checker, at its first cause, naming every cause."""
    count = answer_count(document)
    if not count.aborts:
        return
    if not count.markers:
        message = "official checker will crash: there is no 'Answer:' in the file"
        lines = tuple(question.line for question in document.report.questions) or (1,)
        yield Finding(document.path, lines[0], OFFICIAL_ABORT, message, covers=lines, graded=True)
        return
    summary = (
        f"official checker will abort ({counted(count.found, 'answers')}, expected {count.expected}), so it checks "
        "no word count"
    )
    causes = abort_causes(document)
    if not causes:
        yield Finding(document.path, 1, OFFICIAL_ABORT, summary, graded=True)
        return
    covers = tuple(cause.line for cause in causes)
    repeated = repeats(causes, lambda cause: cause.repeated)
    said = []  # (line, what): the first cause's line is the finding's own
    for cause in causes:
        group = repeated.get(cause.repeated, [])
        if not group:
            said.append((cause.line, cause.message))
        elif group[0] is cause:
            said.append((cause.line, f"{cause.repeated} (lines {lines_list([c.line for c in group])})"))
    (line, first), *others = said
    message = f"{summary}: {first}" + "".join(f"; line {where}: {what}" for where, what in others)
    questions = tuple(dict.fromkeys(cause.question for cause in causes if cause.question is not None))
    yield Finding(document.path, line, OFFICIAL_ABORT, message, covers=covers, graded=True, questions=questions)


def findings(document: Document, settings: Settings) -> Iterator[Finding]:
    if answer_count(document).aborts:
        yield from abort_findings(document)
    else:
        yield from word_findings(document)
