"""The revisions of the course template this package knows, and the checker that grades each course run.

Students start from whichever revision of ``reports/README.md`` was current when
they made their repository, and the course keeps editing it. Every report of a
course run is graded by that run's final ``report.py``. Beside this module:

* ``checker_<name>.json``, written by hand from a run's final ``report.py``: the
  course runs it grades, the number of answers it expects, how it reads the
  file, what it prints, and its constraint table exactly as the script has it
  (docs/grader.md says what each key means);
* ``revisions.json``, written by ``python -m hooks.tools.templates build``, one pristine
  revision at a time: per revision its date, commit and course run, its
  headings, the fingerprints of its preamble lines and of every prompt
  paragraph; each distinct fact is stored once. No template sentence is stored.
"""

import json
import os
from functools import cache
from typing import Any

from hooks.core.course import LOGGED_WARNING
from hooks.core.official import Checker, Limits
from hooks.templates.model import Prompt, Template, TemplateError, TemplateQuestion, crc32

DATA_DIR = os.path.dirname(os.path.abspath(__file__))
CHECKER_PREFIX, REVISIONS_FILE = "checker_", "revisions.json"


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
                "example_sentences": list(q.example_sentences),
                "example_blanks": list(q.example_blanks),
                "answer_lines": list(q.answer_lines),
            }
            question_ids.append(_index(questions, fact))
        revisions.append(
            {
                "date": template.revision,
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
            tuple(q["example_sentences"]),
            tuple(q["example_blanks"]),
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
    return crc32(repr(checker._replace(name="")))


def source_fingerprint(source: str) -> str:
    return crc32(source)


def known_source(source: str) -> bool:
    """Whether some known revision came with a report.py of exactly this text."""
    return source_fingerprint(source) in {template.report_py[0] for template in known_revisions()}


def known_checker(checker: Checker) -> bool:
    """Whether some known revision came with this checker's table, or some run is graded by it."""
    known = {template.report_py[1] for template in known_revisions()}
    known |= {table_fingerprint(graded_by) for graded_by in {template.checker for template in known_revisions()}}
    return table_fingerprint(checker) in known


def checker_of(data: dict[str, Any], name: str) -> Checker:
    """The checker a ``checker_<name>.json`` file describes."""
    words, images = data["words"], data["images"]
    limits = tuple(
        Limits(*words.get(str(number), (None, None)), *images.get(str(number), (None, None)))
        for number in range(1, data["questions"] + 1)
    )
    return Checker(name, limits, data["skip_chars"], data["drop_first_span"], data.get("warning_name", LOGGED_WARNING))


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


def load_revisions(directory: str) -> list[Template]:
    """The revisions in ``directory``, oldest first; none when it has no ``revisions.json`` yet."""
    if not os.path.isfile(os.path.join(directory, REVISIONS_FILE)):
        return []
    return templates_of(load_data(directory, REVISIONS_FILE), load_checkers(directory))


@cache
def known_revisions() -> tuple[Template, ...]:
    """Every revision of the course template this package knows, oldest first."""
    return tuple(load_revisions(DATA_DIR))


def runs() -> dict[str, Template]:
    """The newest revision of each course run, by the run's year: what ``--template 2026`` names."""
    return {str(template.run): template for template in known_revisions()}


def accepted(template: Template) -> list[Template]:
    """The revisions whose wording a report of ``template`` may keep: those of its run and of earlier runs."""
    if template.run is None:
        return [template]
    return [other for other in known_revisions() if other.run <= template.run]
