"""The template registry: what each generation of the course template asks for.

One data module per generation sits beside this one, ``generation_<name>.py``.
It holds facts only: the headings (title, section titles, "Question N"), a
fingerprint of every prompt paragraph, the official limit table and how that
year's checker extracts answers. It is built from a pristine template by
``python -m hooks.templates build``. The data is a Python literal, not JSON,
because every hook loads it: a module loads from its cached bytecode, while
importing ``json`` alone costs a hook 2 % of its run.
"""

from __future__ import annotations

import os
import re
from functools import cache
from importlib import import_module
from typing import Any

from hooks.parser import Checker, Question, Report, SourceLine, fingerprint, normalize, parse_report
from hooks.records import Record

DATA_DIR = os.path.dirname(os.path.abspath(__file__))
DATA_MODULE_PREFIX = "generation_"


class Limits(Record):
    def __init__(
        self,
        min_words: int | None = None,
        max_words: int | None = None,
        min_images: int | None = None,
        max_images: int | None = None,
    ) -> None:
        self.min_words = min_words
        self.max_words = max_words
        self.min_images = min_images
        self.max_images = max_images


class Prompt(Record):
    """One accepted wording of a question's prompt, as fingerprints."""

    def __init__(self, paragraphs: tuple[str, ...], kinds: tuple[str, ...], whole: str) -> None:
        self.paragraphs = paragraphs  # one fingerprint per paragraph, in order
        self.kinds = kinds  # per paragraph: "question", "length", "example" or "text"
        self.whole = whole  # fingerprint of all paragraphs joined: blind to how they are split

    def to_data(self) -> dict[str, object]:
        return {"paragraphs": list(self.paragraphs), "kinds": list(self.kinds), "whole": self.whole}


class TemplateQuestion(Record):
    def __init__(
        self,
        number: int,
        section: str | None,
        prompts: tuple[Prompt, ...],
        limits: Limits,
        example_lines: tuple[str, ...] = (),
        answer_lines: tuple[str, ...] = (),
    ) -> None:
        self.number = number
        self.section = section
        self.prompts = prompts  # the template's own first, then later revisions' variants
        self.limits = limits
        # Fingerprints of single lines a group may leave behind: the example's lines,
        # and any text the pristine template has where the answer goes.
        self.example_lines = example_lines
        self.answer_lines = answer_lines

    @property
    def prompt(self) -> tuple[str, ...]:
        return self.prompts[0].paragraphs


class Template(Record):
    def __init__(
        self,
        name: str,
        headings: tuple[tuple[int, str], ...],
        questions: tuple[TemplateQuestion, ...],
        checker: Checker,
    ) -> None:
        self.name = name
        # Every heading outside the answers, in order: (level, text).
        self.headings = headings
        self.questions = questions
        self.checker = checker

    @property
    def title(self) -> str | None:
        return next((text for level, text in self.headings if level == 1), None)

    @property
    def sections(self) -> tuple[str, ...]:
        return tuple(text for level, text in self.headings if level == 2)

    def question(self, number: int) -> TemplateQuestion | None:
        if 1 <= number <= len(self.questions) and self.questions[number - 1].number == number:
            return self.questions[number - 1]
        return next((q for q in self.questions if q.number == number), None)

    @property
    def fingerprints(self) -> frozenset[tuple[int, str]]:
        """(question number, prompt paragraph fingerprint) pairs, of every accepted wording."""
        return frozenset((q.number, h) for q in self.questions for prompt in q.prompts for h in prompt.paragraphs)

    def to_data(self) -> dict[str, object]:
        return {
            "name": self.name,
            "headings": [list(heading) for heading in self.headings],
            "checker": self.checker.as_dict(),
            "questions": [
                {
                    "n": q.number,
                    "section": q.section,
                    **q.limits.as_dict(),
                    "prompts": [prompt.to_data() for prompt in q.prompts],
                    "example_lines": list(q.example_lines),
                    "answer_lines": list(q.answer_lines),
                }
                for q in self.questions
            ],
        }

    @classmethod
    def from_data(cls, data: dict) -> Template:
        questions = tuple(
            TemplateQuestion(
                q["n"],
                q["section"],
                tuple(Prompt(tuple(p["paragraphs"]), tuple(p["kinds"]), p["whole"]) for p in q["prompts"]),
                Limits(q["min_words"], q["max_words"], q["min_images"], q["max_images"]),
                tuple(q["example_lines"]),
                tuple(q["answer_lines"]),
            )
            for q in data["questions"]
        )
        headings = tuple((level, text) for level, text in data["headings"])
        return cls(data["name"], headings, questions, Checker(**data["checker"]))


class TemplateError(Exception):
    """A template file or choice that cannot be used."""


# The template's fill-in line, "--- question 3 fill here ---", however a group or
# its editor changed it: spacing, dash count, typographic dashes, backticks.
_PLACEHOLDER = r"(?i)^\s*`*\s*(?:\p{Pd}|\u2212)+\s*question\s*\d*\s*fill\s*here\s*(?:\p{Pd}|\u2212)+\s*`*\s*$"


@cache
def _placeholder_pattern() -> Any:
    # Only the regex module knows \p{Pd}, every Unicode dash; it is imported on first use.
    import regex

    return regex.compile(_PLACEHOLDER)


def is_placeholder(line: str) -> bool:
    # Most lines are not, and say so without the regex module.
    return "fill" in line.lower() and _placeholder_pattern().match(line) is not None


# Patterns, not compiled objects: only a --template-file run reads limits from
# text, so the re module compiles (and caches) them on first use.
_WORDS = r"(?i)answer length:\s*(\d+)\s*(?:-|to)\s*(\d+)\s*words"
_IMAGE_RANGE = r"(?i)\b(\d+)\s*(?:-|to)\s*(\d+)\s+(?:screenshots?|images?|figures?)\b"
_ONE_IMAGE = r"(?i)\b(?:one|a|an|1)\s+(?:screenshot|image|figure)\b"


def derive_limits(paragraphs: list[str]) -> Limits:
    """The limits a prompt states: "answer length: 100-200 words", "1 to 3 screenshots", "a figure".

    The example (the template sets it in italics after "Example:") describes a
    possible answer, not the task, so it is not read.
    """
    task = []
    for paragraph in paragraphs:
        if normalize(paragraph).lower().startswith("example"):
            break
        task.append(normalize(paragraph))
    text = " ".join(task)
    words = re.search(_WORDS, text)
    images = re.search(_IMAGE_RANGE, text)
    image_range: tuple[int | None, int | None] = (None, None)
    if images:
        image_range = (int(images.group(1)), int(images.group(2)))
    elif re.search(_ONE_IMAGE, text):
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
        if text.lower().startswith("example") or (kinds and kinds[-1] == "example"):
            kinds.append("example")  # the example runs to the end of the prompt
        elif re.search(_WORDS, text):
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


def _example_lines(question: Question) -> tuple[str, ...]:
    """Fingerprints of the example's lines, without its "Example:" label."""
    kinds = iter(_kinds(question.prompt_paragraphs))
    kind, previous, found = None, None, []
    for line in question.prompt:
        if not line.text.strip():
            previous = None
            continue
        if previous is None:
            kind = next(kinds)
        previous = line.number
        text = re.sub(r"(?i)^example:", "", normalize(line.text)).strip()
        if kind == "example" and len(text) >= 10:
            found.append(fingerprint(text))
    return tuple(dict.fromkeys(found))


def _answer_lines(question: Question, lines: tuple[str, ...]) -> tuple[str, ...]:
    """Fingerprints of whatever the pristine template has in the answer, besides the placeholder."""
    if question.answer_line is None or question.answer_end_line is None:
        return ()
    texts = (lines[n - 1] for n in range(question.answer_line, question.answer_end_line + 1))
    return tuple(dict.fromkeys(fingerprint(t) for t in texts if t.strip() and not is_placeholder(t)))


def from_report(name: str, report: Report, checker: Checker | None = None) -> Template:
    """A template described by a pristine template's own text."""
    if not report.questions:
        raise TemplateError("it has no '### Question N' headings")
    questions = tuple(
        TemplateQuestion(
            q.number,
            q.section,
            (prompt_of(q.prompt_paragraphs),),
            derive_limits([paragraph.text for paragraph in q.prompt_paragraphs]),
            _example_lines(q),
            _answer_lines(q, report.lines),
        )
        for q in report.questions
    )
    headings = tuple((b.level, normalize(b.text)) for b in report.blocks if b.kind == "heading" and not b.setext)
    return Template(name, headings, questions, checker or Checker(expected=len(questions)))


def with_variant(template: Template, revision: Report) -> Template:
    """The template, accepting also the prompts a later revision of the same year words differently."""
    if [q.number for q in revision.questions] != [q.number for q in template.questions]:
        raise TemplateError("the revision does not have the same questions")
    questions = []
    for question, revised in zip(template.questions, revision.questions):
        prompt = prompt_of(revised.prompt_paragraphs)
        if all(prompt.whole != known.whole for known in question.prompts):
            question = question.replace(prompts=(*question.prompts, prompt))
        questions.append(question)
    return template.replace(questions=tuple(questions))


def load_template_file(path: str) -> Template:
    try:
        with open(path, "rb") as file:
            text = file.read().decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise TemplateError(f"cannot read template file {path}: {error}") from None
    try:
        return from_report(os.path.basename(path), parse_report(text.replace("\r\n", "\n")))
    except TemplateError as error:
        raise TemplateError(f"{path} is not a report template: {error}") from None


@cache
def registry() -> dict[str, Template]:
    """Every bundled template generation, by name, oldest first."""
    templates = {}
    for name in sorted(os.listdir(DATA_DIR)):
        if name.startswith(DATA_MODULE_PREFIX) and name.endswith(".py"):
            template = Template.from_data(import_module(f"{__name__}.{name[:-3]}").DATA)
            templates[template.name] = template
    return templates


def detect(report: Report) -> Template | None:
    """The bundled template whose prompt paragraphs the report shares most.

    Scoring by shared paragraphs, not by exact equality, keeps a report with a
    few edited prompts recognisable; pairing each paragraph with its question
    number tells apart years that moved a sentence from one question to another.
    A tie goes to the template with the report's number of questions, then to
    the newer one.
    """
    seen = {(q.number, fingerprint(paragraph.text)) for q in report.questions for paragraph in q.prompt_paragraphs}
    best: tuple[int, bool, str] | None = None
    chosen = None
    for name, template in registry().items():
        score = (len(seen & template.fingerprints), len(template.questions) == len(report.questions), name)
        if score[0] and (best is None or score > best):
            best, chosen = score, template
    return chosen
