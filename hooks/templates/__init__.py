"""The template registry: what each year's course template asks for, and which checker grades it.

Two data modules per year sit beside this one:

* ``checker_<year>.py``, written by hand from that year's ``report.py``: the
  number of answers it expects, how it reads the file, and its constraint
  table, question by question, exactly as the script has it;
* ``prompts_<year>.py``, written by ``python -m hooks.templates build`` from the
  pristine template: its headings (title, sections, "Question N"), a fingerprint
  of every prompt paragraph and of the example lines, and the name of the
  checker that grades it. No template sentence is stored.

Detection picks the template whose prompt paragraphs a report shares most.
"""

from __future__ import annotations

import os
import re
import zlib
from functools import cache
from importlib.util import module_from_spec, spec_from_file_location
from types import ModuleType
from typing import Any, NamedTuple

from hooks.markdown import Question, Report, SourceLine, normalize, parse_report
from hooks.official import Checker, Limits

DATA_DIR = os.path.dirname(os.path.abspath(__file__))
PROMPTS_PREFIX, CHECKER_PREFIX = "prompts_", "checker_"


@cache
def fingerprint(line: str) -> str:
    """A short stable hash of normalized prompt text ('' for blank text).

    CRC-32, not a cryptographic hash (see README, Speed): it only tells a template's
    own paragraph from an edited one, and a student gains nothing by forging one.
    """
    text = normalize(line)
    return f"{zlib.crc32(text.encode('utf-8')):08x}" if text else ""


@cache
def unicode_pattern(pattern: str) -> Any:
    """A pattern compiled by the regex module, for \\p{Pd}: every Unicode dash."""
    import regex  # see README, Speed

    return regex.compile(pattern)


class Prompt(NamedTuple):
    """One accepted wording of a question's prompt, as fingerprints."""

    paragraphs: tuple[str, ...]  # one fingerprint per paragraph, in order
    kinds: tuple[str, ...]  # per paragraph: "question", "length", "example" or "text"
    whole: str  # fingerprint of all paragraphs joined: blind to how they are split


class TemplateQuestion(NamedTuple):
    number: int
    section: str | None
    prompts: tuple[Prompt, ...]  # the template's own first, then later revisions' variants
    # Fingerprints of single lines a group may leave behind: the example's lines,
    # and any text the pristine template has where the answer goes.
    example_lines: tuple[str, ...] = ()
    answer_lines: tuple[str, ...] = ()


class Template(NamedTuple):
    name: str
    headings: tuple[tuple[int, str], ...]  # every heading outside the answers, in order: (level, text)
    questions: tuple[TemplateQuestion, ...]
    checker: Checker  # the report.py that grades reports of this template

    @property
    def title(self) -> str | None:
        return next((text for level, text in self.headings if level == 1), None)

    @property
    def sections(self) -> tuple[str, ...]:
        return tuple(text for level, text in self.headings if level == 2)

    def question(self, number: int) -> TemplateQuestion | None:
        return next((q for q in self.questions if q.number == number), None)

    def limits(self, number: int) -> Limits:
        """The checker's row for question ``number`` (its n-th answer)."""
        return self.checker.limits[number - 1] if 1 <= number <= self.checker.expected else Limits()

    @property
    def fingerprints(self) -> frozenset[tuple[int, str]]:
        """(question number, prompt paragraph fingerprint) pairs, of every accepted wording."""
        return frozenset((q.number, h) for q in self.questions for prompt in q.prompts for h in prompt.paragraphs)


def prompts_data(template: Template) -> dict[str, Any]:
    """What a prompts data module holds: the template without its checker, which it names."""
    return {
        "name": template.name,
        "checker": template.checker.name,
        "headings": [list(heading) for heading in template.headings],
        "questions": [
            {
                "n": q.number,
                "section": q.section,
                "prompts": [prompt._asdict() for prompt in q.prompts],
                "example_lines": q.example_lines,
                "answer_lines": q.answer_lines,
            }
            for q in template.questions
        ],
    }


def checker_of(module: ModuleType, name: str) -> Checker:
    """The checker a ``checker_<name>.py`` module describes."""
    words, images = module.WORDS, module.IMAGES
    limits = tuple(
        Limits(*words.get(number, (None, None)), *images.get(number, (None, None)))
        for number in range(1, module.QUESTIONS + 1)
    )
    return Checker(name, limits, module.SKIP_CHARS, module.DROP_FIRST_SPAN)


def template_of(data: dict[str, Any], checker: Checker) -> Template:
    questions = tuple(
        TemplateQuestion(
            q["n"],
            q["section"],
            tuple(Prompt(tuple(p["paragraphs"]), tuple(p["kinds"]), p["whole"]) for p in q["prompts"]),
            tuple(q["example_lines"]),
            tuple(q["answer_lines"]),
        )
        for q in data["questions"]
    )
    headings = tuple((level, text) for level, text in data["headings"])
    return Template(data["name"], headings, questions, checker)


class TemplateError(Exception):
    """A template file or choice that cannot be used."""


# The template's fill-in line, "--- question 3 fill here ---", however a group or
# its editor changed it: spacing, dash count, typographic dashes, backticks.
_PLACEHOLDER = r"(?i)^\s*`*\s*(?:\p{Pd}|\u2212)+\s*question\s*\d*\s*fill\s*here\s*(?:\p{Pd}|\u2212)+\s*`*\s*$"


def is_placeholder(line: str) -> bool:
    return "fill" in line.lower() and unicode_pattern(_PLACEHOLDER).match(line) is not None


_WORDS = r"(?i)answer length:\s*(\d+)\s*(?:-|to)\s*(\d+)\s*words"
_IMAGE_RANGE = r"(?i)\b(\d+)\s*(?:-|to)\s*(\d+)\s+(?:screenshots?|images?|figures?)\b"
_ONE_IMAGE = r"(?i)\b(?:one|a|an|1)\s+(?:screenshot|image|figure)\b"


def derive_limits(paragraphs: list[str]) -> Limits:
    """The limits a prompt states: "answer length: 100-200 words", "1 to 3 screenshots", "a figure".

    Only a template without a known checker is graded by these. The example
    (the template sets it in italics after "Example:") describes a possible
    answer, not the task, so it is not read.
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
    """A template described by a pristine template's own text; without a checker, graded by its prompts' limits."""
    if not report.questions:
        raise TemplateError("it has no '### Question N' headings")
    questions = tuple(
        TemplateQuestion(
            q.number,
            q.section,
            (prompt_of(q.prompt_paragraphs),),
            _example_lines(q),
            _answer_lines(q, report.lines),
        )
        for q in report.questions
    )
    if checker is None:
        limits = tuple(derive_limits([p.text for p in q.prompt_paragraphs]) for q in report.questions)
        checker = Checker(name, limits)
    headings = tuple((b.level, normalize(b.text)) for b in report.blocks if b.kind == "heading" and not b.setext)
    return Template(name, headings, questions, checker)


def with_variant(template: Template, revision: Report) -> Template:
    """The template, accepting also the prompts a later revision of the same year words differently."""
    if [q.number for q in revision.questions] != [q.number for q in template.questions]:
        raise TemplateError("the revision does not have the same questions")
    questions = []
    for question, revised in zip(template.questions, revision.questions):
        prompt = prompt_of(revised.prompt_paragraphs)
        if all(prompt.whole != known.whole for known in question.prompts):
            question = question._replace(prompts=(*question.prompts, prompt))
        questions.append(question)
    return template._replace(questions=tuple(questions))


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


def load_data_module(directory: str, stem: str) -> ModuleType:
    path = os.path.join(directory, f"{stem}.py")
    spec = spec_from_file_location(f"{__name__}.{stem}", path)
    if spec is None or spec.loader is None or not os.path.isfile(path):
        raise TemplateError(f"{path} is missing")
    module = module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_registry(directory: str) -> dict[str, Template]:
    """The templates whose data modules are in ``directory``, by name, oldest first."""
    templates = {}
    for file_name in sorted(os.listdir(directory)):
        if file_name.startswith(PROMPTS_PREFIX) and file_name.endswith(".py"):
            data = load_data_module(directory, file_name[:-3]).DATA
            checker = checker_of(load_data_module(directory, CHECKER_PREFIX + data["checker"]), data["checker"])
            templates[data["name"]] = template_of(data, checker)
    return templates


@cache
def registry() -> dict[str, Template]:
    """Every bundled template, by name, oldest first."""
    return load_registry(DATA_DIR)


def detect(report: Report, templates: dict[str, Template] | None = None) -> Template | None:
    """The template whose prompt paragraphs the report shares most.

    Scoring by shared paragraphs, not by exact equality, keeps a report with a
    few edited prompts recognisable; pairing each paragraph with its question
    number tells apart years that moved a sentence from one question to another.
    A tie goes to the template with the report's number of questions, then to
    the older one: a newer template must show a paragraph of its own.
    """
    seen = {(q.number, fingerprint(paragraph.text)) for q in report.questions for paragraph in q.prompt_paragraphs}
    best: tuple[int, bool, int] | None = None
    chosen = None
    for age, template in enumerate((registry() if templates is None else templates).values()):
        score = (len(seen & template.fingerprints), len(template.questions) == len(report.questions), -age)
        if score[0] and (best is None or score > best):
            best, chosen = score, template
    return chosen
