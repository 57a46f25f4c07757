"""The rule registry: every diagnostic code is defined once, by its family, and documented from here.

A code is its family's prefix plus three digits. Codes are never reused: a rule
that is retired keeps its code out of circulation. The README's codes table is
``codes_table()``, and a test holds the two equal.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from hooks.document import Document
    from hooks.fixing import Edit

# The check families, by code prefix: the only place their names are spelled.
FAMILY_NAMES = {"LEN": "length", "IMG": "images", "PLH": "placeholders", "HDG": "headings"}
SEVERITIES = ("error", "warning")


class Rule(NamedTuple):
    code: str
    name: str
    summary: str  # what it means, as the README's codes table says it
    severity: str = "error"
    # Codes whose findings this rule's finding speaks for: of its question, or on the lines it covers.
    absorbs: tuple[str, ...] = ()
    leads: bool = False  # printed before every other finding of its file

    @property
    def family(self) -> str:
        return FAMILY_NAMES[self.code[:3]]


RULES: dict[str, Rule] = {}


def register(
    code: str, name: str, summary: str, severity: str = "error", absorbs: tuple[str, ...] = (), leads: bool = False
) -> Rule:
    prefix, digits = code[:3], code[3:]
    if prefix not in FAMILY_NAMES or len(digits) != 3 or not digits.isdigit():
        raise ValueError(f"rule code {code!r} is not a family prefix and three digits")
    if code in RULES:
        raise ValueError(f"rule code {code} is registered twice")
    if severity not in SEVERITIES:
        raise ValueError(f"unknown severity {severity!r}")
    rule = RULES[code] = Rule(code, name, summary, severity, absorbs, leads)
    return rule


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

    @property
    def code(self) -> str:
        return self.rule.code

    @property
    def lines(self) -> tuple[int, ...]:
        """Every line the finding is about: its own, or those of the cause it lists."""
        return self.covers or (self.line,)

    def absorbs(self, other: Finding) -> bool:
        if other is self or other.code not in self.rule.absorbs:
            return False
        if self.question is not None and other.question == self.question:
            return True
        # A finding that lists lines of its own (a cause repeated across questions) is absorbed by any one of them.
        return any(line in self.covers for line in (other.line, *other.covers))

    @property
    def severity(self) -> str:
        return self.rule.severity


class Settings(NamedTuple):
    """What a run asks of the checks beyond the report itself."""

    figures_dir: str = "figures"  # where images belong, relative to the report
    unused: bool = False  # also list figure files that no image uses
    # A commit that leaves the report alone: the repository paths it deletes, renames away or replaces, and only
    # what that breaks is checked. None: the whole report is checked.
    changed: frozenset[str] | None = None


class Family(NamedTuple):
    """A check family: its findings for a document and, when it can repair them, its edits."""

    prefix: str
    check: Callable[[Document, Settings], Iterable[Finding]]
    fix: Callable[[Document], Iterable[Edit]] | None = None
    settings: tuple[str, ...] = ()  # the Settings fields it reads, which its command line offers
    # The files whose deletion or replacement can break what it checks (the figures), for a commit that leaves the
    # report alone; None: such a commit cannot break it.
    guards: Callable[[str], bool] | None = None

    @property
    def name(self) -> str:
        return FAMILY_NAMES[self.prefix]


def fold(findings: Sequence[Finding]) -> list[Finding]:
    """One cause, one finding: drop what another finding already says, abort first, then by line."""
    absorbing = [finding for finding in findings if finding.rule.absorbs]
    kept = [finding for finding in findings if not any(other.absorbs(finding) for other in absorbing)]
    return sorted(kept, key=lambda finding: (not finding.rule.leads, finding.line, finding.code))


def number_runs(numbers: Iterable[int]) -> list[tuple[int, int]]:
    """1, 2, 3, 5 -> [(1, 3), (5, 5)]."""
    runs: list[tuple[int, int]] = []
    for number in sorted(set(numbers)):
        if runs and number == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], number)
        else:
            runs.append((number, number))
    return runs


def spans(numbers: Iterable[int]) -> str:
    """1, 2, 3, 5 -> '1-3, 5'."""
    return ", ".join(str(first) if first == last else f"{first}-{last}" for first, last in number_runs(numbers))


def counted(count: int, plural: str) -> str:
    """'1 word', '2 words', '0 WARNING lines'."""
    return f"{count} {plural[:-1] if count == 1 else plural}"


REPEATED = 3  # a finding in this many questions or more is one repeated cause


def _said_of_question(finding: Finding) -> str | None:
    """What a ``Question N: <words>`` finding says, without its question."""
    if finding.cause is not None:
        return finding.cause
    prefix = f"Question {finding.question}: "
    return finding.message[len(prefix) :] if finding.message.startswith(prefix) else None


def fold_repeats(findings: Iterable[Finding], codes: Collection[str]) -> list[Finding]:
    """A cause that repeats across questions, ``Question N: <the same words>``, as one finding that lists them."""
    said = [(finding, _said_of_question(finding) if finding.code in codes else None) for finding in findings]
    groups: dict[tuple[str, str], list[Finding]] = {}
    for finding, words in said:
        if words is not None:
            groups.setdefault((finding.code, words), []).append(finding)
    result = []
    for finding, words in said:
        group = groups[(finding.code, words)] if words is not None else []
        if len(group) < REPEATED:
            result.append(finding)
        elif group[0] is finding:
            lines = tuple(member.line for member in group)
            questions = tuple(member.question for member in group if member.question is not None)
            message = f"Questions {spans(questions)}: {words} (lines {', '.join(map(str, lines))})"
            result.append(Finding(finding.path, lines[0], finding.rule, message, covers=lines, questions=questions))
    return result


def all_rules() -> dict[str, Rule]:
    """Every registered rule, whichever entry point runs: each family registers its own on import."""
    from hooks import headings, images, length, placeholders  # noqa: F401

    return RULES


def parse_codes(value: str) -> tuple[str, ...]:
    """Comma-separated rule codes, rule names or family prefixes, as codes or prefixes.

    ValueError names one that is none of these, with the closest that is.
    """
    rules = all_rules()
    by_name = {rule.name: rule.code for rule in rules.values()}
    codes = []
    for item in (part.strip() for part in value.split(",")):
        if not item:
            continue
        code = by_name.get(item.lower(), item.upper())
        if code in rules or code in FAMILY_NAMES:
            codes.append(code)
            continue
        from difflib import get_close_matches

        known = [*rules, *FAMILY_NAMES, *by_name]
        closest = get_close_matches(item, known, n=1, cutoff=0.5) or get_close_matches(item.upper(), known, n=1)
        hint = f"; did you mean {closest[0]}?" if closest else " (such as LEN001, word-limit or HDG)"
        raise ValueError(f"{item!r} is not a rule code, rule name or family prefix{hint}")
    return tuple(codes)


def codes_table() -> str:
    """The README's codes table, from the registry."""
    rows = ["| code | name | level | what it means |", "|---|---|---|---|"]
    rows += [f"| `{r.code}` | {r.name} | {r.severity} | {r.summary} |" for r in sorted(RULES.values())]
    return "\n".join(rows)
