"""Which revision of the course template a report follows: the one that explains its prompts and preamble best."""

from hooks.core.report import Report, preamble
from hooks.templates.model import Template, TemplateQuestion, fingerprint, prompt_of
from hooks.templates.revisions import known_revisions


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
    for age, template in enumerate(known_revisions() if templates is None else templates):
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
