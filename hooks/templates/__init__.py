"""The template registry: what each generation of the course template asks for.

One JSON file per generation sits beside this module. It holds facts only:
section titles, question numbers, a fingerprint of every prompt paragraph, the
official limit table and how that year's checker extracts answers. It is built
from a pristine template by ``python -m hooks.templates build``.
"""

from __future__ import annotations

import json
import os
import re
from functools import cache
from typing import NamedTuple

from hooks.parser import Checker, Report, fingerprint, normalize, parse_report

DATA_DIR = os.path.dirname(os.path.abspath(__file__))


class Limits(NamedTuple):
    min_words: int | None = None
    max_words: int | None = None
    min_images: int | None = None
    max_images: int | None = None


class TemplateQuestion(NamedTuple):
    number: int
    section: str | None
    prompt: tuple[str, ...]  # fingerprints of the prompt's paragraphs, in order
    limits: Limits


class Template(NamedTuple):
    name: str
    title: str | None
    sections: tuple[str, ...]
    questions: tuple[TemplateQuestion, ...]
    checker: Checker

    def question(self, number: int) -> TemplateQuestion | None:
        if 1 <= number <= len(self.questions) and self.questions[number - 1].number == number:
            return self.questions[number - 1]
        return next((q for q in self.questions if q.number == number), None)

    @property
    def fingerprints(self) -> frozenset[tuple[int, str]]:
        """(question number, prompt paragraph fingerprint) pairs."""
        return frozenset((q.number, h) for q in self.questions for h in q.prompt)

    def to_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            "title": self.title,
            "sections": list(self.sections),
            "checker": {
                "expected": self.checker.expected,
                "skip_chars": self.checker.skip_chars,
                "drop_first_span": self.checker.drop_first_span,
            },
            "questions": [
                {"n": q.number, "section": q.section, "prompt": list(q.prompt), **q.limits._asdict()}
                for q in self.questions
            ],
        }

    @classmethod
    def from_json(cls, data: dict) -> Template:
        questions = tuple(
            TemplateQuestion(
                q["n"],
                q["section"],
                tuple(q["prompt"]),
                Limits(q["min_words"], q["max_words"], q["min_images"], q["max_images"]),
            )
            for q in data["questions"]
        )
        return cls(data["name"], data["title"], tuple(data["sections"]), questions, Checker(**data["checker"]))


class TemplateError(Exception):
    """A template file or choice that cannot be used."""


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


def from_report(name: str, report: Report, checker: Checker | None = None) -> Template:
    """A template described by a pristine template's own text."""
    if not report.questions:
        raise TemplateError("it has no '### Question N' headings")
    questions = tuple(
        TemplateQuestion(
            q.number,
            q.section,
            tuple(fingerprint(paragraph.text) for paragraph in q.prompt_paragraphs),
            derive_limits([paragraph.text for paragraph in q.prompt_paragraphs]),
        )
        for q in report.questions
    )
    return Template(
        name,
        report.title.text if report.title else None,
        tuple(section.title for section in report.sections),
        questions,
        checker or Checker(expected=len(questions)),
    )


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
        if not name.endswith(".json"):
            continue
        with open(os.path.join(DATA_DIR, name), encoding="utf-8") as file:
            template = Template.from_json(json.load(file))
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
