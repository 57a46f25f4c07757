"""Length: word counts as the official checker computes them, against the limits of its table."""

from collections.abc import Iterator

from hooks.checks.document import Document, OffLimits, abort_causes, grader_reads, off_limits
from hooks.checks.rules import Example, Finding, Rule, Settings, repeats
from hooks.core.markdown import invisible_words
from hooks.core.official import outside
from hooks.core.text import counted, lines_list

WORD_LIMIT = Rule(
    "LEN001",
    "word-limit",
    "An answer's word count, as the official checker counts it, is outside its limit in the checker's table. When the "
    "checker reads less than the whole answer (it stops at a `##` inside a code block, say), the message "
    "gives both counts and the line where it stops, and the `HDG013` finding of that cut is folded into it. When the "
    "words GitHub does not show (HTML tags, comments) decide that it fails, it says how many they are.",
    why="The official checker prints one WARNING line for it, and the staff count those lines.",
    fix="Shorten or lengthen the answer to the limit. When the checker stops early, remove the `##` or `###` it "
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
    fix="Remove each cause the finding lists: the extra `Answer:` or heading, or restore the missing `### Question N` "
    "heading or `> Answer:` marker.",
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


def abort_findings(document: Document) -> Iterator[Finding]:
    """One finding for an aborting checker, at its first cause, naming every cause."""
    official = document.official
    if official.error is None:
        return
    if not any(chunk.marker is not None for chunk in official.chunks):
        message = "official checker will crash: there is no 'Answer:' in the file"
        lines = tuple(question.line for question in document.report.questions) or (1,)
        yield Finding(document.path, lines[0], OFFICIAL_ABORT, message, covers=lines, graded=True)
        return
    found, expected = len(official.spans), official.checker.expected
    summary = (
        f"official checker will abort ({counted(found, 'answers')}, expected {expected}), so it checks no word count"
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
    if document.official.error is not None:
        yield from abort_findings(document)
    else:
        yield from word_findings(document)
