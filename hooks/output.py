"""Finding formats: ``text`` (path:line: CODE [warning: ]message), ``github`` (workflow commands), ``json``."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from hooks.rules import Finding, counted

FORMATS = ("text", "github", "json")


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
        return "\n".join(
            f"::{f.severity} file={_github_property(f.path)},line={f.line},title={f.code}::"
            f"{_github_data(f'{f.code} {f.message}')}"
            for f in findings
        )
    # An error needs no label; a warning says it is one, so that a student can tell what blocks the commit.
    return "\n".join(
        f"{f.path}:{f.line}: {f.code} {'warning: ' if f.severity == 'warning' else ''}{f.message}" for f in findings
    )


class Verdict(NamedTuple):
    """What the official checker will make of one report."""

    warning_lines: int
    aborts: bool = False
    read: bool = True  # False: the report is not at the one path the grader reads


def summary_line(findings: Sequence[Finding], verdicts: Sequence[Verdict], fixed: bool) -> str:
    """The text output's last line: what was found, what the grader will make of the reports, what --fix repairs.

    ``fixed``: --fix has run, so what it repairs is already said (on stderr).
    """
    changing = sum(finding.changes_grade for finding in findings)
    found = f"Found {counted(len(findings), 'findings')}"
    if len(verdicts) > 1:
        found += f" in {len(verdicts)} reports"
    if len(findings) == 1:
        found += ", which changes the grade" if changing else ", which does not change the grade"
    else:
        found += f", {'all' if changing == len(findings) else changing or 'none'} changing the grade"
    parts = [found]
    unread = sum(not verdict.read for verdict in verdicts)
    aborts = sum(verdict.aborts for verdict in verdicts if verdict.read)
    warnings = counted(sum(verdict.warning_lines for verdict in verdicts if verdict.read), "WARNING lines")
    if len(verdicts) == 1:
        outcome = "not read it" if unread else "abort" if aborts else f"print {warnings}"
        parts.append(f"the official checker will {outcome}")
    elif verdicts:
        outcome = f"the official checker will print {warnings}"
        outcome += f", and abort on {aborts}" if aborts else ""
        outcome += f", and not read {unread}" if unread else ""
        parts.append(outcome)
    repairs = sum(finding.fixable for finding in findings)
    if repairs and not fixed:
        parts.append(f"{repairs} fixable with --fix")
    return "; ".join(parts) + "."
