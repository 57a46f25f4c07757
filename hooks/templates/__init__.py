"""The template registry: every revision of the course template, and the checker that grades each.

Students start from whichever revision of ``reports/README.md`` was current when
they made their repository, and the course keeps editing it. Every report of a
course run is graded by that run's final ``report.py``. Beside this module:

* ``checker_<name>.json``, written by hand from a run's final ``report.py``: the
  course runs it grades, the number of answers it expects, how it reads the
  file, and its constraint table exactly as the script has it (the README says
  what each key means);
* ``revisions.json``, written by ``python -m hooks.templates build``, one pristine
  revision at a time: per revision its date, commit and course run, its
  headings, the fingerprints of its preamble lines and of every prompt
  paragraph; each distinct fact is stored once. No template sentence is stored.

Detection picks the revision that explains a report best; its run picks the checker.
"""

from __future__ import annotations

import json
import os
import re
import zlib
from functools import cache
from typing import Any, NamedTuple

from hooks.markdown import Question, Report, SourceLine, normalize, parse_report, preamble
from hooks.official import Checker, Limits, decode

DATA_DIR = os.path.dirname(os.path.abspath(__file__))
# Where the course keeps the template: a revision's text is GRADED_REPORT at the revision's commit.
COURSE_REPOSITORY = "https://github.com/SkafteNicki/dtu_mlops"
# The template's path in the course repository and in every group's: the one file the grader reads.
GRADED_REPORT = "reports/README.md"
CHECKER_PREFIX, REVISIONS_FILE = "checker_", "revisions.json"


@cache
def fingerprint(line: str) -> str:
    """A short stable hash of normalized prompt text ('' for blank text).

    CRC-32, not a cryptographic hash (see README, Speed): it only tells a template's
    own paragraph from an edited one, and a student gains nothing by forging one.
    """
    text = normalize(line)
    return _crc32(text) if text else ""


def _crc32(text: str) -> str:
    return f"{zlib.crc32(text.encode('utf-8')):08x}"


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
    """One revision of the course template (or a template file), and the checker that grades its reports."""

    name: str  # the revision's date, "2026-01-04", or a template file's name
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


def _index(table: list[Any], item: Any) -> int:
    if item not in table:
        table.append(item)
    return table.index(item)


def revisions_data(templates: list[Template]) -> dict[str, Any]:
    """What ``revisions.json`` holds: the revisions, oldest first, each distinct fact stored once, named by index."""
    headings: list[list[Any]] = []
    lines: list[str] = []
    prompts: list[dict[str, Any]] = []
    questions: list[dict[str, Any]] = []
    revisions = []
    for template in templates:
        question_ids = []
        for q in template.questions:
            fact = {
                "n": q.number,
                "section": q.section,
                "prompts": [_index(prompts, prompt._asdict()) for prompt in q.prompts],
                "example_lines": list(q.example_lines),
                "answer_lines": list(q.answer_lines),
            }
            question_ids.append(_index(questions, fact))
        revisions.append(
            {
                "date": template.name,
                "commit": template.commit,
                "run": template.run,
                "headings": [_index(headings, list(heading)) for heading in template.headings],
                "preamble": [_index(lines, line) for line in sorted(template.preamble)],
                "questions": question_ids,
                "report_py": list(template.report_py),
            }
        )
    return {"headings": headings, "lines": lines, "prompts": prompts, "questions": questions, "revisions": revisions}


def _prompt(data: dict[str, Any]) -> Prompt:
    return Prompt(tuple(data["paragraphs"]), tuple(data["kinds"]), data["whole"])


def templates_of(data: dict[str, Any], checkers: dict[int, Checker]) -> list[Template]:
    """The revisions ``revisions_data`` described, each with the checker of its run."""
    prompts = [_prompt(prompt) for prompt in data["prompts"]]
    questions = [
        TemplateQuestion(
            q["n"],
            q["section"],
            tuple(prompts[i] for i in q["prompts"]),
            tuple(q["example_lines"]),
            tuple(q["answer_lines"]),
        )
        for q in data["questions"]
    ]
    return [
        Template(
            revision["date"],
            revision["commit"],
            revision["run"],
            tuple((data["headings"][i][0], data["headings"][i][1]) for i in revision["headings"]),
            tuple(questions[i] for i in revision["questions"]),
            frozenset(data["lines"][i] for i in revision["preamble"]),
            checkers[revision["run"]],
            tuple(revision["report_py"]),
        )
        for revision in data["revisions"]
    ]


def table_fingerprint(checker: Checker) -> str:
    """What a checker does, whatever its name: its table and how it reads the file."""
    return _crc32(repr(checker._replace(name="")))


def source_fingerprint(source: str) -> str:
    return _crc32(source)


def known_source(source: str) -> bool:
    """Whether some known revision came with a report.py of exactly this text."""
    return source_fingerprint(source) in {template.report_py[0] for template in registry()}


def known_checker(checker: Checker) -> bool:
    """Whether some known revision came with this checker's table, or some run is graded by it."""
    known = {template.report_py[1] for template in registry()}
    known |= {table_fingerprint(graded_by) for graded_by in {template.checker for template in registry()}}
    return table_fingerprint(checker) in known


def checker_of(data: dict[str, Any], name: str) -> Checker:
    """The checker a ``checker_<name>.json`` file describes."""
    words, images = data["words"], data["images"]
    limits = tuple(
        Limits(*words.get(str(number), (None, None)), *images.get(str(number), (None, None)))
        for number in range(1, data["questions"] + 1)
    )
    return Checker(name, limits, data["skip_chars"], data["drop_first_span"], data.get("warning_name", "WARNING"))


class TemplateError(Exception):
    """A template file or choice that cannot be used."""


# The template's fill-in line, "--- question 3 fill here ---", however a group or
# its editor changed it: spacing, dash count, typographic dashes, backticks.
_PLACEHOLDER = r"(?i)^\s*`*\s*(?:\p{Pd}|\u2212)+\s*question\s*\d*\s*fill\s*here\s*(?:\p{Pd}|\u2212)+\s*`*\s*$"
# The same at the start of a line with text after it; possessive, so the text starts after all the dashes.
_PLACEHOLDER_BEFORE_TEXT = (
    r"(?i)^\s*`*\s*(?:\p{Pd}|\u2212)+\s*question\s*\d*\s*fill\s*here\s*(?:\p{Pd}|\u2212)++\s*+`*+\s*+(?=\S)"
)


def is_placeholder(line: str) -> bool:
    return "fill" in line.lower() and unicode_pattern(_PLACEHOLDER).match(line) is not None


def placeholder_before_text(line: str) -> int:
    """Where the text starts on a line that begins with the placeholder ('--- question 3 fill here --- We ...');
    0 when the line does not."""
    if "fill" not in line.lower():
        return 0
    match = unicode_pattern(_PLACEHOLDER_BEFORE_TEXT).match(line)
    return match.end() if match else 0


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


def from_report(
    name: str, report: Report, checker: Checker | None = None, commit: str = "", run: int | None = None
) -> Template:
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
    lines = frozenset(fingerprint(line) for line in preamble(report)) - {""}
    return Template(name, commit, run, headings, questions, lines, checker)


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


def read_template(path: str) -> Report:
    """A template file as report.py reads text (raises OSError or UnicodeDecodeError)."""
    with open(path, "rb") as file:
        return parse_report(decode(file.read()))


def load_template_file(path: str) -> Template:
    try:
        report = read_template(path)
    except (OSError, UnicodeDecodeError) as error:
        raise TemplateError(f"cannot read template file {path}: {error}") from None
    try:
        return from_report(os.path.basename(path), report)
    except TemplateError as error:
        raise TemplateError(f"{path} is not a report template: {error}") from None


def load_data(directory: str, file_name: str) -> Any:
    path = os.path.join(directory, file_name)
    try:
        with open(path, encoding="utf-8") as file:
            return json.load(file)
    except FileNotFoundError:
        raise TemplateError(f"{path} is missing") from None


def load_checkers(directory: str) -> dict[int, Checker]:
    """The checker of every course run that the ``checker_*.json`` files in ``directory`` grade."""
    checkers = {}
    for file_name in sorted(os.listdir(directory)):
        if file_name.startswith(CHECKER_PREFIX) and file_name.endswith(".json"):
            data = load_data(directory, file_name)
            checker = checker_of(data, file_name[len(CHECKER_PREFIX) : -len(".json")])
            checkers.update(dict.fromkeys(data["runs"], checker))
    return checkers


def load_registry(directory: str) -> list[Template]:
    """The revisions in ``directory``, oldest first; none when it has no ``revisions.json`` yet."""
    if not os.path.isfile(os.path.join(directory, REVISIONS_FILE)):
        return []
    return templates_of(load_data(directory, REVISIONS_FILE), load_checkers(directory))


@cache
def registry() -> tuple[Template, ...]:
    """Every revision of the course template this package knows, oldest first."""
    return tuple(load_registry(DATA_DIR))


def runs() -> dict[str, Template]:
    """The newest revision of each course run, by the run's year: what ``--template 2026`` names."""
    return {str(template.run): template for template in registry()}


def accepted(template: Template) -> list[Template]:
    """The revisions whose wording a report of ``template`` may keep: those of its run and of earlier runs."""
    if template.run is None:
        return [template]
    return [other for other in registry() if other.run <= template.run]


def _explains(seen: frozenset[str], known: frozenset[str]) -> int:
    """How well known text explains what a report has: what they share, less what is known and the report lacks."""
    return 2 * len(seen & known) - len(known)


def _question_explains(paragraphs: frozenset[str], whole: str, question: TemplateQuestion) -> int:
    """How well a question's best accepted wording explains the report's prompt. A wording whose paragraphs
    the report only splits or joins otherwise explains them all, a little less than its own would."""
    return max(
        max(2 * _explains(paragraphs, frozenset(prompt.paragraphs)), 2 * len(paragraphs) - 1)
        if prompt.whole == whole
        else 2 * _explains(paragraphs, frozenset(prompt.paragraphs))
        for prompt in question.prompts
    )


def detect(report: Report, templates: tuple[Template, ...] | None = None) -> Template | None:
    """The revision that explains the report best: first by its prompts, then by its preamble lines.

    Scoring by shared paragraphs, not by exact equality, keeps a report with a
    few edited prompts recognisable; pairing each paragraph with its question
    number tells apart years that moved a sentence from one question to another;
    the preamble (the course's instructions and checklist) tells apart revisions
    whose prompts are the same. A tie goes to the revision with the report's number
    of questions, then to the older one: a newer revision must show a line of its own.
    """
    prompts = {q.number: prompt_of(q.prompt_paragraphs) for q in report.questions}
    seen = {number: (frozenset(prompt.paragraphs), prompt.whole) for number, prompt in prompts.items()}
    lines = frozenset(fingerprint(line) for line in preamble(report))
    nothing: tuple[frozenset[str], str] = (frozenset(), "")
    # Revisions share most question objects: each is scored once.
    scores: dict[int, tuple[int, bool]] = {}
    best: tuple[int, int, bool, int] | None = None
    chosen = None
    for age, template in enumerate(registry() if templates is None else templates):
        for question in template.questions:
            if id(question) not in scores:
                paragraphs, whole = seen.get(question.number, nothing)
                shares = any(not paragraphs.isdisjoint(prompt.paragraphs) for prompt in question.prompts)
                scores[id(question)] = (_question_explains(paragraphs, whole, question), shares)
        if not any(scores[id(question)][1] for question in template.questions):
            continue
        explained = sum(scores[id(question)][0] for question in template.questions)
        score = (explained, _explains(lines, template.preamble), len(template.questions) == len(report.questions), -age)
        if best is None or score > best:
            best, chosen = score, template
    return chosen
