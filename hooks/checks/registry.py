"""The registry: every check family, and so every rule and hook, listed once.

Each family is its own module (its rules, its findings, its fixes); this list is
the only place that names them. The entry points, ``.pre-commit-hooks.yaml``,
``[project.scripts]``, the tables of the README and ``docs/``, and ``docs/rules.md`` are derived from
it (``python -m hooks.tools.docs`` writes them, and a test holds them equal).
"""

from collections.abc import Callable, Iterable
from typing import NamedTuple

from hooks.checks import checklist, figures, headings, images, length, placeholders, render
from hooks.checks.document import Document
from hooks.checks.rules import SEVERITIES, Edit, Finding, Rule, Settings


class Family(NamedTuple):
    """A check family: its rules, its findings for a document and, when it can repair them, its edits."""

    prefix: str  # of its rules' codes
    name: str  # its hook is report-<name>
    title: str  # the hook's name in .pre-commit-hooks.yaml
    description: str  # what it checks: the hook's description, its --help, the tables of the README and docs/usage.md
    rules: tuple[Rule, ...]
    findings: Callable[[Document, Settings], Iterable[Finding]]
    edits: Callable[[Document], Iterable[Edit]] | None = None  # what --fix changes, when it repairs some
    settings: tuple[str, ...] = ()  # the Settings fields it reads, which its command line offers
    # The files whose deletion or replacement can break what it checks (the figures), for a commit that leaves the
    # report alone; None: such a commit cannot break it.
    guards: Callable[[str], bool] | None = None


FAMILIES: tuple[Family, ...] = (
    Family(
        "LEN",
        "length",
        "check report answer lengths",
        "Word counts as the official checker computes them, against the limits of the checker that grades the "
        "report; and whether the checker will abort.",
        length.RULES,
        length.findings,
    ),
    Family(
        "IMG",
        "images",
        "check report images",
        "Image counts per question as the grader counts them, and every image's file: present, named in the right "
        "case, committed, a real `.png`/`.jpg`, inside the repository and not remote.",
        images.RULES,
        images.findings,
        settings=("figures_dir", "unused"),
        guards=figures.is_figure,
    ),
    Family(
        "HDG",
        "headings",
        "check report structure",
        "The template's structure: headings, one `Answer:` per question, unchanged prompts; every place where the "
        "official checker will cut, merge or double-count an answer.",
        headings.RULES,
        headings.findings,
    ),
    Family(
        "PLH",
        "placeholders",
        "check report for template leftovers",
        "Template leftovers: unanswered placeholders, empty answers, placeholder lines left next to an answer, "
        "answers wrapped in `---`, example text and stand-ins (`sXXXXXX`, `<weblink>`); `--fix` repairs the safe "
        "ones.",
        placeholders.RULES,
        placeholders.findings,
        edits=placeholders.edits,
    ),
    Family(
        "RND",
        "render",
        "check what GitHub shows of the report",
        "What GitHub shows, where it is not what was written: words in angle brackets it removes, an answer inside "
        "the prompt's quote, an answer indented into a code block, hidden comments the grader counts, underscores "
        "turned bold, pasted `#` lines shown as headings. Warnings; `--fix` inserts the blank line after "
        "`> Answer:`.",
        render.RULES,
        render.findings,
        edits=render.edits,
    ),
    Family(
        "CHK",
        "checklist",
        "check the report's checklist",
        "The checklist against the repository: a ticked item whose file or import this commit does not have, tick "
        "marks GitHub shows as text, a checklist never ticked. Warnings; `--fix` writes `[x]` and `[ ]` for the "
        "marks whose meaning is plain.",
        checklist.RULES,
        checklist.findings,
        edits=checklist.edits,
    ),
)


class Hook(NamedTuple):
    """A hook of .pre-commit-hooks.yaml and, unless it is another's entry with options, a console script."""

    id: str
    title: str
    description: str
    families: tuple[Family, ...]
    options: tuple[str, ...] = ()  # given to another hook's entry point: report-fix is report-check --fix
    stages: tuple[str, ...] = ()  # empty: pre-commit's default stages
    summary: bool = False  # it offers --summary, the grader's view of a report or a course's batch

    @property
    def script(self) -> str | None:
        """The console script it runs; None when it is another hook's with options."""
        return None if self.options else self.id

    @property
    def entry(self) -> str:
        return " ".join([ALL.id if self.options else self.id, *self.options])

    @property
    def function(self) -> str:
        """The name of its entry point, a function in hooks.entry."""
        return self.id.replace("-", "_")


ALL = Hook(
    "report-check",
    "check the exam report (all checks)",
    "Every report check in one process; use this or the single checks, not both. `--summary` prints the "
    "grader's view instead of findings.",
    FAMILIES,
    summary=True,
)


def hooks_of(families: tuple[Family, ...]) -> tuple[Hook, ...]:
    """The hooks of a list of families: one for them all, its fixer at the manual stage, one per family."""
    every = ALL._replace(families=families)
    fixer = Hook(
        "report-fix",
        "fix the exam report (wrapping dashes, leftover placeholder lines)",
        "`report-check --fix` at the manual stage only: `pre-commit run report-fix --hook-stage manual "
        "--all-files` applies every safe fix.",
        families,
        options=("--fix",),
        stages=("manual",),
    )
    return (every, fixer, *(Hook(f"report-{f.name}", f.title, f.description, (f,)) for f in families))


HOOKS: tuple[Hook, ...] = hooks_of(FAMILIES)


def hook_named(hook_id: str) -> Hook:
    """The hook of an id (``report-check``): what an entry point runs."""
    return next(hook for hook in HOOKS if hook.id == hook_id)


def _rules() -> dict[str, Rule]:
    rules: dict[str, Rule] = {}
    for family in FAMILIES:
        for rule in family.rules:
            prefix, digits = rule.code[:3], rule.code[3:]
            if prefix != family.prefix or len(digits) != 3 or not digits.isdigit():
                raise ValueError(f"rule code {rule.code!r} is not {family.prefix} and three digits")
            if rule.code in rules:
                raise ValueError(f"rule code {rule.code} is defined twice")
            if rule.severity not in SEVERITIES:
                raise ValueError(f"{rule.code}: unknown severity {rule.severity!r}")
            rules[rule.code] = rule
    return dict(sorted(rules.items()))


RULES: dict[str, Rule] = _rules()
RULES_BY_NAME = {rule.name: rule for rule in RULES.values()}
PREFIXES = {family.prefix: family for family in FAMILIES}


def family_of(rule: Rule) -> Family:
    return PREFIXES[rule.code[:3]]


def closest(item: str, known: Iterable[str]) -> str | None:
    """The known code, name or prefix closest to a misspelt one."""
    from difflib import get_close_matches  # only for a mistake

    known = list(known)
    found = get_close_matches(item, known, n=1, cutoff=0.5) or get_close_matches(item.upper(), known, n=1)
    return found[0] if found else None


def rules_of(item: str) -> list[Rule]:
    """The rules of a family prefix ('LEN'), or every rule for 'all'; none for anything else."""
    wanted = item.strip().upper()
    if wanted == "ALL":
        return list(RULES.values())
    return list(PREFIXES[wanted].rules) if wanted in PREFIXES else []


def find_rule(item: str) -> Rule:
    """The rule a code or rule name names; ValueError names the closest when none does."""
    rule = RULES.get(item.upper()) or RULES_BY_NAME.get(item.lower())
    if rule is None:
        near = closest(item, [*RULES, *RULES_BY_NAME])
        raise ValueError(f"{item!r} is not a rule code or name" + (f"; did you mean {near}?" if near else ""))
    return rule


def parse_codes(value: str) -> tuple[str, ...]:
    """Comma-separated rule codes, rule names or family prefixes, as codes or prefixes.

    ValueError names one that is none of these, with the closest that is.
    """
    codes = []
    for item in (part.strip() for part in value.split(",")):
        if not item:
            continue
        rule = RULES.get(item.upper()) or RULES_BY_NAME.get(item.lower())
        if rule is not None or item.upper() in PREFIXES:
            codes.append(rule.code if rule else item.upper())
            continue
        near = closest(item, [*RULES, *PREFIXES, *RULES_BY_NAME])
        hint = f"; did you mean {near}?" if near else " (such as LEN001, word-limit or HDG)"
        raise ValueError(f"{item!r} is not a rule code, rule name or family prefix{hint}")
    return tuple(codes)
