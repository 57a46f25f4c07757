"""Headings: the template's structure is intact, and every trap of the official parser is named."""

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from hooks.checks.document import (
    Document,
    LineEdit,
    Marker,
    counted_twice,
    first_marker_line,
    markers,
    question_span,
    reads_differently,
)
from hooks.checks.rules import Example, Finding, Rule, Settings
from hooks.core.course import ANSWER_MARKER, COURSE_REPOSITORY, GRADED_REPORT, misnamed_report
from hooks.core.markdown import Block, Question, normalize, paragraphs, parse_report, quote_lines
from hooks.core.repository import first_committed
from hooks.core.text import counted, lines_list, listed
from hooks.templates.model import Prompt, Template, fingerprint, prompt_of
from hooks.templates.revisions import accepted

if TYPE_CHECKING:
    from difflib import SequenceMatcher

_Q3_PROMPT = "> **How do you run your tests?**"
_Q6_LENGTH = "> Recommended answer length: 5-25 words."
_TESTS = "We run pytest on every push, and the slow tests every night."

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
    fix="Put the heading back where the template has it, spelt as the template spells it.",
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
    fix="Spell the heading as the template does; write your own titles inside the answers as bold text.",
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
    fix="Delete the heading, or move its text into the answer it belongs to.",
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
    fix="Delete the copy.",
    example=Example("## Group information\n\n## Wrapping up", "## Wrapping up"),
    warning_when="the official checker reads the report the same without the copy",
)
HEADING_MOVED = Rule(
    "HDG005",
    "heading-moved",
    "A heading is out of the template's order.",
    why="Answers out of order are graded against other questions' limits: the checker pairs them by position.",
    fix="Move the heading, and what belongs to it, back to the template's place.",
    warning_when="it is not a question heading and the official checker reads the report the same without it",
)
MARKER_MISSING = Rule(
    "HDG006",
    "marker-missing",
    "A question has no `Answer:` marker, so the official checker has no answer for it.",
    why="The official checker splits the report on `Answer:`: without it, the answer joins the previous one and the "
    "checker aborts or grades the wrong text.",
    fix="Put `> Answer:` back as the prompt's last line.",
    example=Example(_Q6_LENGTH, f"{_Q6_LENGTH}\n>\n> Answer:", at="### Question 6"),
    folds=True,
)
MARKER_OUTSIDE = Rule(
    "HDG007",
    "marker-outside-prompt",
    "The `Answer:` marker is not inside the prompt's quote (`> Answer:`).",
    why="The grader still finds it, but the page shows it as part of the answer rather than of the grey prompt.",
    fix="Write it as `> Answer:`, the prompt's last line.",
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
    fix="Reword the sentence so that `Answer:` does not appear in it (`The answer:`, `Reply:`).",
    example=Example(
        "We run pytest on every push.\n\nAnswer: the slow tests run every night.", _TESTS, 3, at="Answer: the slow"
    ),
    warning_when="only blank lines stand between the two markers and the checker does not abort: it counts the "
    "same answer",
)
PROMPT_CHANGED = Rule(
    "HDG009",
    "prompt-changed",
    "A prompt paragraph differs from the template. Paragraphs are compared after the formatting that "
    "renders the same is taken out (emphasis style, escapes, spacing, line wrapping), so a markdown "
    "formatter's rewrite is not an edit. The finding shows the words changed since the report's first commit "
    "when that commit still had the template's paragraph, else links the template's text at its revision.",
    why="Teachers grade the answer against the course's question; an edited prompt hides what was asked.",
    fix="Restore the paragraph from the template; the finding says which words changed.",
    example=Example("> **How do you run the tests?**", _Q3_PROMPT),
    severity="warning",
)
PROMPT_REMOVED = Rule(
    "HDG010",
    "prompt-paragraph-removed",
    "A prompt paragraph is missing: the question, the answer-length line or the example.",
    why="The prompt tells the teacher what was asked and how long the answer may be.",
    fix="Restore the paragraph from the template.",
    example=Example(
        "> **How do you run your tests?**\n>\n> Answer:",
        "> **How do you run your tests?**\n>\n> Recommended answer length: 10-30 words.\n>\n> Answer:",
        at="> Answer:",
    ),
    severity="warning",
    folds=True,
)
PROMPT_ADDED = Rule(
    "HDG011",
    "prompt-paragraph-added",
    "A paragraph was added inside a prompt.",
    why="Text inside the prompt's quote reads as the course's question, not as the group's answer.",
    fix="Move the paragraph below the `> Answer:` line, into the answer.",
    example=Example(f"{_Q3_PROMPT}\n>\n> We use pytest.", _Q3_PROMPT, at="> We use"),
    severity="warning",
)
STRAY_HEADING = Rule(
    "HDG012",
    "stray-heading",
    "A heading inside an answer, a heading in a list item, or text that a `---` line below it turns into a heading.",
    why="A heading inside an answer breaks the page's outline, and a `###` or `##` in it cuts the grader's count.",
    fix="Use bold text instead of a heading, or leave a blank line between the text and a `---` line.",
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
    fix="Remove the `##` (a `#` comment in pasted code, a heading) or move it out of the answer.",
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
    fix="Move what follows the last answer into an answer, or out of the report.",
    example=Example(
        "Start earlier.\n\n### Appendix\n\nMore about our project.", "Start the project earlier.", 6, at="### Appendix"
    ),
)
PROMPT_OUTDATED = Rule(
    "HDG015",
    "prompt-outdated",
    "A prompt worded as an older revision of the template has it, which the course has changed since. The grader "
    "does not read prompts, so nothing needs to change.",
    why="Nothing breaks: it says why the wording differs from the newest template.",
    fix="Nothing to fix; copy the newest wording if you like.",
    severity="warning",
)
CONFLICT_MARKERS = Rule(
    "HDG016",
    "conflict-markers",
    "Git conflict markers (`<<<<<<<`, `=======`, `>>>>>>>`) are left in the report: a merge was not "
    "finished. One finding names every marker line.",
    why="A merge was not finished: both sides show on the page, and the grader counts both.",
    fix="Keep one side, delete the other and the three marker lines.",
    example=Example(
        "<<<<<<< HEAD\nStart earlier.\n=======\nStart the project earlier.\n>>>>>>> main",
        "Start the project earlier.",
        6,
    ),
)
UNCLOSED_FENCE = Rule(
    "HDG017",
    "unclosed-fence",
    "A code fence (```` ``` ````) that nothing closes: on GitHub everything after it shows as code. The "
    "other checks read the report as if that line were not there.",
    why="On GitHub everything after the fence shows as code, the rest of the report included.",
    fix="Close the fence with a line of three backticks after the code.",
    example=Example(
        "Start earlier, and run:\n\n```bash\nmake all",
        "Start earlier, and run:\n\n```bash\nmake all\n```",
        6,
        at="```bash",
    ),
)
REPORT_PATH = Rule(
    "HDG018",
    "report-path",
    "The report is `readme.md` or in a `Reports/` folder, another case of `reports/README.md`. The grader "
    "reads exactly `reports/README.md`, so on Linux this report is not graded at all.",
    why="The grader opens exactly `reports/README.md`: on Linux it does not find this file, and grades nothing.",
    fix="Rename it with `git mv`, as the message says.",
)
QUESTION_HEADING_RENAMED = Rule(
    "HDG019",
    "question-heading-renamed",
    "A question heading renamed or at another level (`### Q3`, `#### Question 3`, `## Question 3`) is still read "
    "as its question. The official checker needs only a `###` in it; when it has none, the abort (`LEN002`) says "
    "so. Question headings changed the same way in three questions or more are one finding.",
    why="The headings are the same in every group's report; the checker needs only the `###`, readers the rest.",
    fix="Spell it `### Question N`, as the template does.",
    example=Example("### Q3", "### Question 3"),
    severity="warning",
    folds=True,
)
RULES = (HEADING_MISSING, HEADING_CHANGED, HEADING_ADDED, HEADING_DUPLICATED, HEADING_MOVED, MARKER_MISSING,
         MARKER_OUTSIDE, MARKER_EXTRA, PROMPT_CHANGED, PROMPT_REMOVED, PROMPT_ADDED, STRAY_HEADING, OFFICIAL_CUT,
         AFTER_LAST_ANSWER, PROMPT_OUTDATED, CONFLICT_MARKERS, UNCLOSED_FENCE, REPORT_PATH,
         QUESTION_HEADING_RENAMED)  # fmt: skip

_KIND_NAMES = {"question": "question", "length": "answer-length line", "example": "example", "text": "paragraph"}


def _heading(level: int, text: str) -> str:
    return f"'{'#' * level} {text}'"


class _Heading(NamedTuple):
    key: tuple[int, str]  # as the template's headings are compared: level and normalized text
    line: int
    written: str  # the heading's line as the report has it

    @property
    def quoted(self) -> str:
        return f"'{self.written}'"


def _structure(document: Document) -> list[_Heading]:
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
            headings.append(_Heading((block.level, text), block.line, document.report.lines[block.line - 1].strip()))
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


def _matcher(expected: Sequence[Any], actual: Sequence[Any]) -> "SequenceMatcher":
    """How the report's sequence differs from the template's; only a report that differs comes here."""
    from difflib import SequenceMatcher  # see README, Speed

    return SequenceMatcher(None, expected, actual, autojunk=False)


def structure_findings(document: Document, found: list[_Heading]) -> Iterator[Finding]:
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
    changed: list[tuple[tuple[int, str], _Heading]] = []  # (the template's heading, the report's)
    matched: dict[tuple[int, str], int] = {}

    level = _judge(document)

    for tag, i1, i2, j1, j2 in _matcher(expected, actual).get_opcodes():
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
    copies: dict[tuple[int, str], list[_Heading]] = {}  # each template heading's copies
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
        message = f"{_heading(*key)} is missing"
        prompt_line = _misplaced_prompt(document, number)
        if prompt_line is not None:
            line, message = prompt_line, f"{message}: Question {number}'s prompt is here, without its heading"
        yield Finding(path, line, HEADING_MISSING, message, number)
    # Headings missing from one place (a preamble deleted with its checklist) are one cause.
    for line, keys in gone.items():
        message = f"{_heading(*keys[0])} is missing"
        if len(keys) > 1:
            others = listed([_heading(*key) for key in keys[1:]])
            message = f"{_heading(*keys[0])} and {counted(len(keys) - 1, 'more headings')} are missing: {others}"
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
    document: Document, changed: list[tuple[tuple[int, str], _Heading]], level: Callable[..., str | None]
) -> Iterator[Finding]:
    """Headings renamed or at another level; the same change of level on several headings is one cause."""
    by_levels: dict[tuple[int, int], list[tuple[tuple[int, str], _Heading]]] = {}
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
        message = f"{got.quoted} differs from the template's {_heading(*want)}"
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


def _closest(prompts: tuple[Prompt, ...], actual: list[str]) -> Prompt:
    return max(prompts, key=lambda prompt: _matcher(prompt.paragraphs, actual).ratio())


def _wordings(template: Template, number: int) -> tuple[Prompt, ...]:
    question = template.question(number)
    return question.prompts if question else ()


def _has_wording(template: Template, number: int, actual: tuple[str, ...], whole: str) -> bool:
    return any(p.paragraphs == actual or p.whole == whole for p in _wordings(template, number))


def _changed_since(document: Document, number: int, actual: tuple[str, ...], whole: str) -> str | None:
    """When only revisions older than the detected one word the prompt as the report does, the date the
    course changed it; '' when some revision of the report's run or an earlier one that is not older does."""
    history = accepted(document.template)
    newest = max((i for i, t in enumerate(history) if _has_wording(t, number, actual, whole)), default=None)
    if newest is None:
        return None
    if history[newest].revision >= document.template.revision:
        return ""
    changed = next((t for t in history[newest + 1 :] if not _has_wording(t, number, actual, whole)), document.template)
    return changed.revision


class _FirstCommitted:
    """The report's prompt paragraphs as the repository first committed them, read from git only when asked."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self._paragraphs: dict[tuple[int, str], str] | None = None

    def _load(self) -> dict[tuple[int, str], str]:
        text = first_committed(self.document.path)
        if text is None:
            return {}
        first = parse_report(text)
        return {(q.number, fingerprint(p.text)): p.text for q in first.questions for p in q.prompt_paragraphs}

    def changed(self, number: int, template_paragraph: str, now: str) -> str:
        """What changed in a prompt paragraph, for its finding: the words, against the first commit when that
        commit had the template's paragraph; else where the template's text is."""
        if self._paragraphs is None:
            self._paragraphs = self._load()
        was = self._paragraphs.get((number, template_paragraph))
        if was is not None:
            return f" as first committed: {word_changes(normalize(was), normalize(now))}"
        template = self.document.template
        if not template.commit:
            return ""
        url = f"{COURSE_REPOSITORY}/blob/{template.commit}/{GRADED_REPORT}"
        return f"; compare it with the {template.revision} template: {url}"


_SHOWN_CHANGES = 3
_SHOWN_WORDS = 8


def _words(words: list[str]) -> str:
    shown = " ".join(words[:_SHOWN_WORDS])
    return f"'{shown} ...'" if len(words) > _SHOWN_WORDS else f"'{shown}'"


def word_changes(was: str, now: str) -> str:
    """The edits that turn ``was`` into ``now``: "'environment' became 'enviroment'; 'in docker' added"."""
    old, new = was.split(), now.split()
    changes = []
    for tag, i1, i2, j1, j2 in _matcher(old, new).get_opcodes():
        if tag == "replace":
            changes.append(f"{_words(old[i1:i2])} became {_words(new[j1:j2])}")
        elif tag == "delete":
            changes.append(f"{_words(old[i1:i2])} removed")
        elif tag == "insert":
            changes.append(f"{_words(new[j1:j2])} added")
    more = len(changes) - _SHOWN_CHANGES
    return "; ".join(changes[:_SHOWN_CHANGES]) + (f"; and {more} more" if more > 0 else "")


def prompt_findings(document: Document, question: Question, first: _FirstCommitted) -> Iterator[Finding]:
    template_question = document.template.question(question.number)
    if template_question is None:
        return
    found = question.prompt_paragraphs
    own = prompt_of(found)
    actual, whole = own.paragraphs, own.whole
    path, number = document.path, question.number
    if _has_wording(document.template, number, actual, whole):
        return
    changed_on = _changed_since(document, number, actual, whole)
    if changed_on is not None:
        if changed_on:
            message = (
                f"Question {number}: the course changed this prompt on {changed_on}; the grader does not read prompts"
            )
            yield Finding(path, found[0].number if found else question.line, PROMPT_OUTDATED, message, number)
        return
    prompt = _closest(template_question.prompts, list(actual))
    after_prompt = question.marker_line or (found[-1].number + 1 if found else question.line)
    # A paragraph as some revision of the report's run, or an earlier one, words it is not an edit.
    worded = {h for t in accepted(document.template) for p in _wordings(t, number) for h in p.paragraphs}
    for tag, i1, i2, j1, j2 in _matcher(prompt.paragraphs, actual).get_opcodes():
        if tag == "equal":
            continue
        changed = min(i2 - i1, j2 - j1) if tag == "replace" else 0
        for offset in range(changed):
            if actual[j1 + offset] in worded:
                continue
            kind = _KIND_NAMES[prompt.kinds[i1 + offset]]
            paragraph = found[j1 + offset]
            how = first.changed(number, prompt.paragraphs[i1 + offset], paragraph.text)
            message = f"Question {number}: the prompt's {kind} differs from the template{how}"
            yield Finding(path, paragraph.number, PROMPT_CHANGED, message, number)
        where = found[j1 + changed].number if j1 + changed < len(found) else after_prompt
        # An example of several paragraphs is one thing to miss.
        for kind in dict.fromkeys(prompt.kinds[i] for i in range(i1 + changed, i2)):
            message = f"Question {number}: the prompt's {_KIND_NAMES[kind]} is missing"
            yield Finding(path, where, PROMPT_REMOVED, message, number)
        for j in range(j1 + changed, j2):
            if actual[j] in worded:
                continue
            message = f"Question {number}: this paragraph is not in the template's prompt"
            yield Finding(path, found[j].number, PROMPT_ADDED, message, number)


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

    official = document.official
    for marker in splits:
        if marker.own:
            continue
        message = f"extra 'Answer:' in Question {number}: the official checker starts a new answer here"
        if marker.drops_from:
            message += f" and drops the text before it, from line {marker.drops_from}"
        elif marker.drops_from == 0:
            message += " (the text between the two markers is blank, so nothing is lost)"
        if official.error:
            message += f"; it finds {len(official.spans)} answers, expected {official.checker.expected}, and aborts"
        # Only blank lines between the two markers, and no abort: the checker counts the same answer.
        level = "warning" if marker.drops_from == 0 and not official.error else None
        yield Finding(path, marker.line, MARKER_EXTRA, message, number, level=level)


def answer_findings(document: Document, question: Question, last: bool, reported: set[int]) -> Iterator[Finding]:
    """Headings and '##' inside the answer: what the markdown and the official checker make of them.

    Lines in ``reported`` already have a finding that says more (a template heading, the '###'
    after the last answer), so a stray-heading finding there would only repeat it.
    """
    path, number, official = document.path, question.number, document.official
    cut_line = None
    span = question_span(document, question)
    if span is not None and span.cut_at is not None and not last:
        line = official.line_of(span.cut_at)
        if question.in_answer(line) and line not in reported:
            block = _block_at(question, line)
            place = _PLACES.get(block.kind, "in the text") if block else "in the text"
            message = (
                f"the official checker stops reading Question {number}'s answer at this '{span.cut_by}' ({place}): "
                f"it counts {span.words} of {question.words} words"
            )
            cut_line = line
            yield Finding(path, line, OFFICIAL_CUT, message, number)

    # A '#' line is pasted code shown as a heading: the render family's (RND006).
    headings = [block for block in question.blocks if block.kind == "heading" and (block.level > 1 or block.setext)]
    headings += [heading for block in question.blocks for heading in block.nested_headings]
    for heading in sorted(headings, key=lambda block: block.line):
        if heading.line in reported or heading.line == cut_line:
            continue
        if heading.setext:
            message = f"Question {number}: the line under this text turns it into a heading"
        else:
            message = f"Question {number}: a heading inside the answer: {_heading(heading.level, heading.text)}"
        yield Finding(path, heading.line, STRAY_HEADING, message, number)


def after_last_findings(document: Document) -> Iterator[Finding]:
    official, report = document.official, document.report
    last_question = report.questions[-1]
    trailing = [b for b in report.blocks if b.kind == "heading" and b.line > last_question.end_line]
    line = counted_twice(document)
    if line is not None:
        message = "'###' after the last answer: the official checker counts the last answer twice"
        if official.error:
            message += f" ({len(official.spans)} answers, expected {official.checker.expected}) and aborts"
        yield Finding(document.path, line, AFTER_LAST_ANSWER, message)
    elif trailing:
        message = (
            f"{_heading(trailing[0].level, trailing[0].text)} after the last answer: the official checker counts "
            f"everything from here on as Question {last_question.number}'s answer"
        )
        yield Finding(document.path, trailing[0].line, AFTER_LAST_ANSWER, message)


_CONFLICT = re.compile(r"(?:<{7}|>{7})(?: |$)|={7}$")


def conflict_lines(document: Document) -> list[int]:
    """The lines of git conflict markers, when a merge left some ('=======' alone is a heading's underline)."""
    lines = document.report.lines
    found = [number for number, line in enumerate(lines, 1) if _CONFLICT.match(line)]
    return found if any(lines[number - 1][0] in "<>" for number in found) else []


def file_findings(document: Document, conflict: list[int]) -> Iterator[Finding]:
    """What is broken in the file as a whole: an unfinished merge, a fence left open."""
    report = document.report
    misnamed = misnamed_report(document.path)
    if misnamed:
        message = (
            f"the report is {misnamed}: the grader reads exactly reports/README.md, so this report is not "
            "graded at all; rename it (git mv)"
        )
        # The grader's output changes whole: it does not find the report.
        yield Finding(document.path, 1, REPORT_PATH, message, graded=True)
    if conflict:
        where = ", ".join(map(str, conflict))
        message = f"git conflict markers on lines {where}: finish the merge, keep one side, delete the markers"
        yield Finding(document.path, conflict[0], CONFLICT_MARKERS, message)
    if report.unclosed_fence is not None:
        message = "this code fence is never closed: on GitHub the rest of the report shows as code"
        yield Finding(document.path, report.unclosed_fence, UNCLOSED_FENCE, message)


def findings(document: Document, settings: Settings) -> Iterator[Finding]:
    conflict = conflict_lines(document)
    yield from file_findings(document, conflict)
    if not document.report.questions:
        message = "there is no '### Question N' heading in the report: the template's question headings are all gone"
        yield Finding(document.path, first_marker_line(document), HEADING_MISSING, message)
        return
    found = _structure(document)
    yield from structure_findings(document, found)
    after_last = list(after_last_findings(document))
    reported = {heading.line for heading in found} | {finding.line for finding in after_last}
    # A '=======' marker underlines the text above it; the conflict finding already says so.
    reported |= {block.line for block in document.report.blocks if block.setext and block.end_line in conflict}
    questions = document.report.questions
    splits = markers(document)
    split_lines = [marker.line for marker in splits]
    seen: set[int] = set()
    first = _FirstCommitted(document)
    for index, question in enumerate(questions):
        if question.number not in seen:
            yield from prompt_findings(document, question, first)
        seen.add(question.number)
        inside = splits[bisect_left(split_lines, question.line) : bisect_right(split_lines, question.end_line)]
        if document.template.question(question.number) is not None:
            # A question the template does not have is said once, by the finding that names its heading.
            yield from marker_findings(document, question, inside)
        yield from answer_findings(document, question, index == len(questions) - 1, reported)
    yield from after_last
