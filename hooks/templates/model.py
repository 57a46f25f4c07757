"""A template revision as facts: its headings, and per question the fingerprints of each accepted prompt.

No template sentence is kept: a prompt paragraph is a fingerprint (CRC-32) of its
normalized text, which tells a template's own paragraph from an edited one.
``from_report`` describes a pristine template from its text; ``derive_limits`` reads
the limits its prompts state, for a template that no known checker grades.
"""

import zlib
from functools import cache
from typing import NamedTuple

from hooks.core.course import (
    EXAMPLE_BLANK,
    IMAGE_RANGE,
    LENGTH_LINE,
    ONE_IMAGE,
    is_example,
    is_placeholder,
    without_example_label,
)
from hooks.core.official import Checker, Limits
from hooks.core.report import Question, Report, SourceLine, normalize, preamble
from hooks.core.text import sentences


class TemplateError(Exception):
    """A template file or choice that cannot be used."""


@cache
def fingerprint(line: str) -> str:
    """A short stable hash of normalized prompt text ('' for blank text).

    CRC-32, not a cryptographic hash (see docs/speed.md): it only tells a template's
    own paragraph from an edited one, and a student gains nothing by forging one.
    """
    text = normalize(line)
    return crc32(text) if text else ""


def crc32(text: str) -> str:
    return f"{zlib.crc32(text.encode('utf-8')):08x}"


class Prompt(NamedTuple):
    """One accepted wording of a question's prompt, as fingerprints."""

    paragraphs: tuple[str, ...]  # one fingerprint per paragraph, in order
    kinds: tuple[str, ...]  # per paragraph: "question", "length", "example" or "text"
    whole: str  # fingerprint of all paragraphs joined: blind to how they are split


class TemplateQuestion(NamedTuple):
    number: int
    section: str | None
    prompts: tuple[Prompt, ...]  # the template's own first, then later revisions' variants
    # Fingerprints of the example's sentences a group may keep: whole ones, and those with a blank to fill in
    # (EXAMPLE_BLANK); and of any line the pristine template has where the answer goes.
    example_sentences: tuple[str, ...] = ()
    example_blanks: tuple[str, ...] = ()
    answer_lines: tuple[str, ...] = ()


class Template(NamedTuple):
    """One revision of the course template (or a template file), and the checker that grades its reports."""

    revision: str  # the revision's date, "2026-01-04", or a template file's name
    commit: str  # the course repository's commit of the revision; "" for a template file
    run: int | None  # the course run (January exam) it belongs to; None for a template file
    headings: tuple[tuple[int, str], ...]  # every heading outside the answers, in order: (level, text)
    questions: tuple[TemplateQuestion, ...]
    preamble: frozenset[str]  # fingerprints of the lines before the first question
    checker: Checker  # the final report.py of its run
    # The report.py the revision came with: fingerprints of its text and of its table (table_fingerprint).
    report_py: tuple[str, str] = ("", "")

    @property
    def title(self) -> str | None:
        return next((text for level, text in self.headings if level == 1), None)

    @property
    def sections(self) -> tuple[str, ...]:
        return tuple(text for level, text in self.headings if level == 2)

    def question(self, number: int) -> TemplateQuestion | None:
        return next((q for q in self.questions if q.number == number), None)


def derive_limits(paragraphs: list[str]) -> Limits:
    """The limits a prompt states: "answer length: 100-200 words", "1 to 3 screenshots", "a figure".

    Only a template without a known checker is graded by these. The example
    (the template sets it in italics after "Example:") describes a possible
    answer, not the task, so it is not read.
    """
    task = []
    for paragraph in paragraphs:
        if is_example(normalize(paragraph)):
            break
        task.append(normalize(paragraph))
    text = " ".join(task)
    words = LENGTH_LINE.search(text)
    images = IMAGE_RANGE.search(text)
    image_range: tuple[int | None, int | None] = (None, None)
    if images:
        image_range = (int(images.group(1)), int(images.group(2)))
    elif ONE_IMAGE.search(text):
        image_range = (1, 1)
    return Limits(
        int(words.group(1)) if words else None,
        int(words.group(2)) if words else None,
        *image_range,
    )


def _kinds(paragraphs: tuple[SourceLine, ...]) -> tuple[str, ...]:
    kinds: list[str] = []
    for index, paragraph in enumerate(paragraphs):
        text = normalize(paragraph.text)
        if is_example(text) or (kinds and kinds[-1] == "example"):
            kinds.append("example")  # the example runs to the end of the prompt
        elif LENGTH_LINE.search(text):
            kinds.append("length")
        else:
            kinds.append("question" if index == 0 else "text")
    return tuple(kinds)


def prompt_of(paragraphs: tuple[SourceLine, ...]) -> Prompt:
    return Prompt(
        tuple(fingerprint(p.text) for p in paragraphs),
        _kinds(paragraphs),
        fingerprint(" ".join(p.text for p in paragraphs)),
    )


def _example_sentences(question: Question) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Fingerprints of the example's sentences, without its "Example:" label: the whole ones, and those with a
    blank to fill in."""
    paragraphs = question.prompt_paragraphs
    whole, blanks = [], []
    for paragraph, kind in zip(paragraphs, _kinds(paragraphs), strict=True):
        if kind != "example":
            continue
        for _, sentence in sentences(without_example_label(normalize(paragraph.text))):
            (blanks if EXAMPLE_BLANK.search(sentence) else whole).append(fingerprint(sentence))
    return tuple(dict.fromkeys(whole)), tuple(dict.fromkeys(blanks))


def _answer_lines(question: Question, lines: tuple[str, ...]) -> tuple[str, ...]:
    """Fingerprints of whatever the pristine template has in the answer, besides the placeholder."""
    if question.answer_line is None or question.answer_end_line is None:
        return ()
    texts = (lines[n - 1] for n in range(question.answer_line, question.answer_end_line + 1))
    return tuple(dict.fromkeys(fingerprint(t) for t in texts if t.strip() and not is_placeholder(t)))


def from_report(
    revision: str, report: Report, checker: Checker | None = None, commit: str = "", run: int | None = None
) -> Template:
    """A template described by a pristine template's own text; without a checker, graded by its prompts' limits."""
    if not report.questions:
        raise TemplateError("it has no '### Question N' headings")
    questions = tuple(
        TemplateQuestion(
            q.number,
            q.section,
            (prompt_of(q.prompt_paragraphs),),
            *_example_sentences(q),
            _answer_lines(q, report.lines),
        )
        for q in report.questions
    )
    if checker is None:
        limits = tuple(derive_limits([p.text for p in q.prompt_paragraphs]) for q in report.questions)
        checker = Checker(revision, limits)
    headings = tuple((b.level, normalize(b.text)) for b in report.blocks if b.kind == "heading" and not b.setext)
    lines = frozenset(fingerprint(line) for line in preamble(report)) - {""}
    return Template(revision, commit, run, headings, questions, lines, checker)


def with_variant(template: Template, revision: Report) -> Template:
    """The template, accepting also the prompts a later revision of the same year words differently."""
    if [q.number for q in revision.questions] != [q.number for q in template.questions]:
        raise TemplateError("the revision does not have the same questions")
    questions = []
    for question, revised in zip(template.questions, revision.questions, strict=False):
        prompt = prompt_of(revised.prompt_paragraphs)
        if all(prompt.whole != known.whole for known in question.prompts):
            question = question._replace(prompts=(*question.prompts, prompt))
        questions.append(question)
    return template._replace(questions=tuple(questions))
