"""Rules and findings: what a check says, and how findings of one cause become one.

A rule is defined once, in its family's module, with its code (the family's
prefix and three digits, never reused), its name, its default level and its
documentation: what it checks, why it matters, how to fix it, and an example
that a test runs. ``hooks.checks.registry`` lists the families and their rules.
"""

from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from typing import NamedTuple, TypeVar

from hooks.core.text import lines_list, ranges

SEVERITIES = ("error", "warning")
REPEATED = 3  # a cause found in this many questions or more is said once


class Example(NamedTuple):
    """A rule's example on the example template (``examples/template.md``), its other answers within their limits.

    ``bad`` is what the rule reports, ``good`` the same as it should be: the answer of ``question``; or, without
    one, a fragment of the filled-in report (``good``) and what replaces it; or, with ``before``, lines the report
    does not have (a checklist), inserted before a line of it. The finding is on the first line of ``bad``, or on
    the first line that starts with ``at``, from the heading of the question that holds ``bad``.
    """

    bad: str
    good: str
    question: int | None = None
    at: str = ""
    before: str = ""  # not in the report: ``bad`` and ``good`` are inserted before the first line starting with it


class Rule(NamedTuple):
    code: str
    name: str
    summary: str  # what it checks, as docs/codes.md says it
    why: str  # why it matters: to the grade, to the page a teacher reads, or to the commit
    how_to_fix: str
    example: Example | None = None  # None: it needs repository state (a file, git), which its own tests make
    severity: str = "error"
    # When a finding of an error rule is only a warning (it changes neither the grade nor the page), in words for
    # its documentation; its findings then carry level="warning". "": always its severity.
    warning_when: str = ""
    # Codes whose findings this rule's finding speaks for: of its question, or on the lines it covers.
    absorbs: tuple[str, ...] = ()
    leads: bool = False  # printed before every other finding of its file
    # A cause found in REPEATED questions or more is one finding that lists them (see fold_repeats).
    folds: bool = False
    # How the lines its findings name apart (Finding.aside) are said once the cause is folded; {lines} is their list.
    aside: str = ""


class Finding(NamedTuple):
    path: str
    line: int
    rule: Rule
    message: str
    question: int | None = None
    covers: tuple[int, ...] = ()  # lines whose findings of the absorbed codes this one speaks for
    fixable: bool = False  # --fix repairs it whole
    # It is what the official checker prints: one of its WARNING lines, or its abort.
    graded: bool = False
    questions: tuple[int, ...] = ()  # the questions of a cause that repeats across them
    # The cause in general words, when a repeat of it across questions is said once ("Questions 1-4: <cause>");
    # without it, the message's words after "Question N: ".
    cause: str | None = None
    aside: tuple[int, ...] = ()  # lines the folded finding names apart (Rule.aside)
    level: str | None = None  # the level when it is not the rule's: a warning (Rule.warning_when, or --warn)

    @property
    def code(self) -> str:
        return self.rule.code

    @property
    def severity(self) -> str:
        return self.level or self.rule.severity

    @property
    def lines(self) -> tuple[int, ...]:
        """Every line the finding is about: its own, or those of the cause it lists."""
        return self.covers or (self.line,)


class Edit(NamedTuple):
    """Replace characters ``start:end`` of a 1-based line with ``insert`` (remove them, by default); ``end=None``
    removes the line and its ending. With ``blank_after``, insert an empty line after the line instead, with the
    line's own ending."""

    line: int
    start: int = 0
    end: int | None = None
    blank_after: bool = False
    insert: str = ""


class Settings(NamedTuple):
    """What a run asks of the checks beyond the report itself."""

    figures_dir: str = "figures"  # where images belong, relative to the report
    unused: bool = False  # also list figure files that no image uses
    # A commit that leaves the report alone: the repository paths it deletes (or renames away), modifies or changes
    # the type of, with how (repository.DELETED, MODIFIED, TYPE_CHANGED); only what that breaks is checked. None:
    # the whole report is checked.
    changed: Mapping[str, str] | None = None


Item = TypeVar("Item")


def repeats(items: Iterable[Item], key: Callable[[Item], Hashable | None]) -> dict[Hashable, list[Item]]:
    """The items whose key (not None) is shared by REPEATED items or more, grouped by key in order."""
    groups: dict[Hashable, list[Item]] = {}
    for item in items:
        said = key(item)
        if said is not None:
            groups.setdefault(said, []).append(item)
    return {said: group for said, group in groups.items() if len(group) >= REPEATED}


def _said_of_question(finding: Finding) -> str | None:
    """What a ``Question N: <words>`` finding says of its cause, without its question."""
    if finding.cause is not None:
        return finding.cause
    prefix = f"Question {finding.question}: "
    return finding.message[len(prefix) :] if finding.message.startswith(prefix) else None


def _repeat_key(finding: Finding) -> tuple[str, str] | None:
    said = _said_of_question(finding) if finding.rule.folds else None
    return None if said is None else (finding.code, said)


def fold_repeats(findings: Sequence[Finding]) -> list[Finding]:
    """A cause found in REPEATED questions or more, by a rule that folds, as one finding that lists them."""
    groups = repeats((finding for finding in findings if finding.rule.folds), _repeat_key)
    folded = {id(group[0]): _folded(group, key[1]) for key, group in groups.items()}  # type: ignore[index]
    said = {id(finding) for group in groups.values() for finding in group[1:]}  # by the first of their group
    return [folded.get(id(finding), finding) for finding in findings if id(finding) not in said]


def _folded(group: list[Finding], cause: str) -> Finding:
    first = group[0]
    lines = tuple(member.line for member in group)
    questions = tuple(member.question for member in group if member.question is not None)
    several = "s" if len(set(questions)) > 1 else ""
    message = f"Question{several} {ranges(questions)}: {cause} (lines {lines_list(lines)})"
    aside = tuple(dict.fromkeys(line for member in group for line in member.aside))
    if aside:
        message += f"; {first.rule.aside.format(lines=_lines(aside))}"
    return Finding(
        first.path,
        lines[0],
        first.rule,
        message,
        covers=lines,
        fixable=all(member.fixable for member in group),
        graded=any(member.graded for member in group),
        questions=questions,
        level=first.level,
    )


def _lines(numbers: Sequence[int]) -> str:
    return f"line{'s' if len(numbers) > 1 else ''} {lines_list(numbers)}"


def fold_identical(findings: Sequence[Finding]) -> list[Finding]:
    """The same finding on several lines (one missing file linked twice, a pasted block repeating a line) as one,
    at its first line, that lists them."""
    groups: dict[tuple[str, str, int | None], list[Finding]] = {}
    for finding in findings:
        groups.setdefault((finding.code, finding.message, finding.question), []).append(finding)
    merged = []
    for group in groups.values():
        if len(group) == 1:
            merged.append(group[0])
            continue
        lines = tuple(dict.fromkeys(line for member in group for line in member.lines))
        first = group[0]
        merged.append(first._replace(message=f"{first.message} (lines {lines_list(lines)})", covers=lines))
    return merged


def fold(findings: Sequence[Finding]) -> list[Finding]:
    """One cause, one finding: a cause repeated across questions said once, the same finding on several lines said
    once, what another finding already says dropped; the abort first, then by line."""
    # Repeats first, so that a cause said once is absorbed whole; identical findings last, so that one on a line
    # another finding speaks for is not merged with one on a line it does not.
    findings = fold_repeats(findings)
    spoken_for = _spoken_for(findings)
    kept = [finding for finding in findings if not spoken_for(finding)]
    return sorted(fold_identical(kept), key=lambda finding: (not finding.rule.leads, finding.line, finding.code))


def _spoken_for(findings: Sequence[Finding]) -> Callable[[Finding], bool]:
    """Whether another finding says what a finding says: one of a rule that absorbs its code, on a line it covers or,
    when it covers none, of its question (see ``_speaks_for``). Indexed, so that each finding is looked up once,
    however many there are."""
    by_line: dict[tuple[str, int], list[Finding]] = {}
    by_question: dict[tuple[str, int], list[Finding]] = {}
    for finding in findings:
        for code in finding.rule.absorbs:
            if finding.covers:
                for line in finding.covers:
                    by_line.setdefault((code, line), []).append(finding)
            elif finding.question is not None:
                by_question.setdefault((code, finding.question), []).append(finding)
    absorbed = {code for code, _ in by_line} | {code for code, _ in by_question}

    def spoken_for(finding: Finding) -> bool:
        code = finding.rule.code
        if code not in absorbed:
            return False
        speakers = [*by_question.get((code, finding.question), ())] if finding.question is not None else []
        for line in (finding.line, *finding.covers):
            speakers += by_line.get((code, line), ())
        return any(_speaks_for(speaker, finding) for speaker in speakers)

    return spoken_for


def _speaks_for(finding: Finding, other: Finding) -> bool:
    """Whether ``finding`` says what ``other`` (found by ``_spoken_for``) says; what blocks the commit is never hidden
    behind what does not."""
    return other is not finding and not (finding.severity == "warning" and other.severity == "error")
