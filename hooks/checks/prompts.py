"""The prompts (HDG009-HDG011, HDG015): each question's quoted prompt as its template revision wrote it, or as
the report's first commit had it.
"""

from collections.abc import Iterator

from hooks.checks.document import (
    Document,
)
from hooks.checks.rules import Example, Finding, Rule
from hooks.core.course import COURSE_REPOSITORY, GRADED_REPORT
from hooks.core.git import first_committed
from hooks.core.report import Question, normalize, parse_report
from hooks.core.text import matcher
from hooks.templates.model import Prompt, Template, fingerprint, prompt_of
from hooks.templates.revisions import accepted

_Q3_PROMPT = "> **How do you run your tests?**"


PROMPT_CHANGED = Rule(
    "HDG009",
    "prompt-changed",
    "A prompt paragraph differs from the template. Paragraphs are compared after the formatting that "
    "renders the same is taken out (emphasis style, escapes, spacing, line wrapping), so a markdown "
    "formatter's rewrite is not an edit. The finding shows the words changed since the report's first commit "
    "when that commit still had the template's paragraph, else links the template's text at its revision.",
    why="Teachers grade the answer against the course's question; an edited prompt hides what was asked.",
    how_to_fix="Restore the paragraph from the template; the finding says which words changed.",
    example=Example("> **How do you run the tests?**", _Q3_PROMPT),
    severity="warning",
)
PROMPT_REMOVED = Rule(
    "HDG010",
    "prompt-paragraph-removed",
    "A prompt paragraph is missing: the question, the answer-length line or the example.",
    why="The prompt tells the teacher what was asked and how long the answer may be.",
    how_to_fix="Restore the paragraph from the template.",
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
    how_to_fix="Move the paragraph below the `> Answer:` line, into the answer.",
    example=Example(f"{_Q3_PROMPT}\n>\n> We use pytest.", _Q3_PROMPT, at="> We use"),
    severity="warning",
)


PROMPT_OUTDATED = Rule(
    "HDG015",
    "prompt-outdated",
    "A prompt worded as an older revision of the template has it, which the course has changed since. The grader "
    "does not read prompts, so nothing needs to change.",
    why="Nothing breaks: it says why the wording differs from the newest template.",
    how_to_fix="Nothing to fix; copy the newest wording if you like.",
    severity="warning",
)
RULES = (PROMPT_CHANGED, PROMPT_REMOVED, PROMPT_ADDED, PROMPT_OUTDATED)


_KIND_NAMES = {"question": "question", "length": "answer-length line", "example": "example", "text": "paragraph"}


def _closest(prompts: tuple[Prompt, ...], actual: list[str]) -> Prompt:
    return max(prompts, key=lambda prompt: matcher(prompt.paragraphs, actual).ratio())


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


class FirstCommitted:
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
    for tag, i1, i2, j1, j2 in matcher(old, new).get_opcodes():
        if tag == "replace":
            changes.append(f"{_words(old[i1:i2])} became {_words(new[j1:j2])}")
        elif tag == "delete":
            changes.append(f"{_words(old[i1:i2])} removed")
        elif tag == "insert":
            changes.append(f"{_words(new[j1:j2])} added")
    more = len(changes) - _SHOWN_CHANGES
    return "; ".join(changes[:_SHOWN_CHANGES]) + (f"; and {more} more" if more > 0 else "")


def prompt_findings(document: Document, question: Question, first: FirstCommitted) -> Iterator[Finding]:
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
    for tag, i1, i2, j1, j2 in matcher(prompt.paragraphs, actual).get_opcodes():
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
