"""Output of findings and rules: every format a check prints, and nothing else.

Findings: ``text`` (``path:line: CODE [*] [warning: ]message`` and a closing line that tallies them),
``github`` (workflow commands, one per line a finding is about) and ``json``. A rule's documentation
(``--explain``). Control characters from a report are printed escaped. The grader's view (``--summary``) is
``hooks.app.summary``'s.
"""

import json
import re
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from hooks.checks.rules import Finding, Rule
from hooks.core.text import SHOWN_LINES, counted


def _github_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_property(value: str) -> str:
    return _github_data(value).replace(":", "%3A").replace(",", "%2C")


def finding_to_json(finding: Finding) -> dict[str, object]:
    return {
        "path": finding.path,
        "line": finding.line,
        "code": finding.code,
        "question": finding.question,
        "severity": finding.severity,
        "message": finding.message,
        "fixable": finding.fixable,
        # A cause repeated across questions, or an abort with several causes, is one finding about many lines.
        "questions": list(finding.questions or ([] if finding.question is None else [finding.question])),
        "lines": list(finding.lines),
    }


# C0 and C1 control characters, DEL among them: a report's ANSI or OSC escape sequence must not reach the terminal.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def visible(text: str) -> str:
    return _CONTROL.sub(lambda match: repr(match.group())[1:-1], text)


def render(findings: Iterable[Finding], fmt: str) -> str:
    """The findings in one format; '' when text or github has nothing to say. Control characters are escaped."""
    findings = list(findings)
    if fmt == "json":
        return json.dumps([finding_to_json(f) for f in findings], indent=2)
    findings = [f._replace(path=visible(f.path), message=visible(f.message)) for f in findings]
    if fmt == "github":
        # An annotation on each line a finding is about, so that every cause shows where it is.
        return "\n".join(
            f"::{f.severity} file={_github_property(f.path)},line={line},title={f.code}::"
            f"{_github_data(f'{f.code} {f.message}')}"
            for f in findings
            # GitHub shows at most 10 annotations of each level per step: the lines the message lists first.
            for line in f.lines[:SHOWN_LINES]
        )
    # An error needs no label; a warning says it is one, so that a student can tell what blocks the commit.
    # '[*]', as ruff marks it: the fixer repairs this one whole.
    return "\n".join(
        f"{f.path}:{f.line}: {f.code}{' [*]' if f.fixable else ''} {'warning: ' if f.severity == 'warning' else ''}"
        f"{f.message}"
        for f in findings
    )


class Verdict(NamedTuple):
    """What the official checker will make of one report."""

    warning_lines: int
    warning_name: str = "WARNING"  # what the checker prints for a broken limit: WARNING, or TeacherWarning
    aborts: bool = False
    read: bool = True  # False: the report is not at the one path the grader reads
    path: str = ""


def printed_warnings(verdicts: Iterable[Verdict]) -> str:
    """'3 WARNING lines', '1 WARNING line and 2 TeacherWarning lines': what the checkers print, by its name."""
    by_name: dict[str, int] = {}
    for verdict in verdicts:
        by_name[verdict.warning_name] = by_name.get(verdict.warning_name, 0) + verdict.warning_lines
    return " and ".join(counted(count, f"{name} lines") for name, count in by_name.items()) or "0 WARNING lines"


def closing_line(findings: Sequence[Finding], verdicts: Sequence[Verdict], fix_command: str | None) -> str:
    """The text output's last line: what was found, what the grader will make of the reports, what a fix repairs.

    What the official checker prints (its warning lines, its abort) is told apart from the errors that block
    for another reason (a figure GitHub will not show, an edited heading), which change no grade.
    ``fix_command``: how the reader applies the fixes; None when the fixer has run.
    """
    # Each finding is told once, as it is printed: a warning (--warn included) is a warning; an error is in the
    # official checker's output when it is one of its lines and the grader reads the report at all.
    unread = {verdict.path for verdict in verdicts if not verdict.read}
    graded = sum(f.severity == "error" and f.graded and f.path not in unread for f in findings)
    errors = sum(finding.severity == "error" for finding in findings) - graded
    warnings = sum(finding.severity == "warning" for finding in findings)
    kinds = [f"{graded} in the official checker's output"] if graded else []
    kinds += [counted(errors, "other errors" if graded else "errors")] if errors else []
    kinds += [counted(warnings, "warnings")] if warnings else []
    found = f"Found {counted(len(findings), 'findings')}"
    if len(verdicts) > 1:
        found += f" in {len(verdicts)} reports"
    parts = [f"{found} ({', '.join(kinds)})"]
    read = [verdict for verdict in verdicts if verdict.read]
    unread = len(verdicts) - len(read)
    aborts = sum(verdict.aborts for verdict in read)
    printed = printed_warnings(verdict for verdict in read if not verdict.aborts)
    if len(verdicts) == 1:
        outcome = "not read it" if unread else "abort" if aborts else f"print {printed}"
        parts.append(f"the official checker will {outcome}")
    elif verdicts:
        outcome = f"the official checker will print {printed}"
        outcome += f", and abort on {aborts}" if aborts else ""
        outcome += f", and not read {unread}" if unread else ""
        parts.append(outcome)
    repairs = sum(finding.fixable for finding in findings)
    if repairs and fix_command:
        parts.append(f"{repairs} fixable with {fix_command}")
    return "; ".join(parts) + "."


def _where(rule: Rule) -> str:
    example = rule.example
    if example is None:
        return ""
    if example.question:
        return f", as the answer of Question {example.question}"
    return f", in the report before `{example.before}`" if example.before else ", in the report"


def level_of(rule: Rule) -> str:
    """'error', 'warning', or 'error or warning' for a rule whose findings are warnings in some cases."""
    return f"{rule.severity} or warning" if rule.warning_when else rule.severity


def rule_lines(rules: Iterable[Rule]) -> str:
    """One line per rule, as `ruff rule --all` lists them: code, name, level, and the first sentence of what it
    checks."""
    return "\n".join(f"{r.code} {r.name} ({level_of(r)}): {r.summary.split('. ')[0].rstrip('.')}." for r in rules)


def explain(rule: Rule, family: str) -> str:
    """A rule's documentation as plain text, for ``--explain``."""
    import textwrap  # only when asked

    def paragraph(title: str, text: str) -> list[str]:
        return [f"{title}:", *textwrap.wrap(text, 100, initial_indent="  ", subsequent_indent="  "), ""]

    lines = [f"{rule.code} {rule.name} ({level_of(rule)}, {family} family)", ""]
    lines += paragraph("What it checks", rule.summary)
    if rule.warning_when:
        lines += paragraph("A warning, not an error, when", rule.warning_when)
    lines += paragraph("Why it matters", rule.why)
    lines += paragraph("How to fix it", rule.how_to_fix)
    if rule.example is not None:
        lines += [f"Reported{_where(rule)}:", *textwrap.indent(rule.example.bad, "    ").splitlines(), ""]
        lines += ["Instead:", *textwrap.indent(rule.example.good, "    ").splitlines(), ""]
    return "\n".join(lines).rstrip("\n")
