"""The rule registry: every diagnostic code is defined once, here or by its family.

A code is its family's prefix plus three digits. Codes are never reused: a rule
that is retired keeps its code out of circulation.
"""

from __future__ import annotations

from hooks.records import Record

PREFIXES = {"length": "LEN", "images": "IMG", "placeholders": "PLH", "headings": "HDG"}
SEVERITIES = ("error", "warning")


class Rule(Record):
    def __init__(self, code: str, name: str, family: str, summary: str, severity: str = "error") -> None:
        self.code = code
        self.name = name
        self.family = family
        self.summary = summary
        self.severity = severity


RULES: dict[str, Rule] = {}


def register(code: str, name: str, family: str, summary: str, severity: str = "error") -> Rule:
    prefix = PREFIXES[family]
    if not (code.startswith(prefix) and len(code) == len(prefix) + 3 and code[len(prefix) :].isdigit()):
        raise ValueError(f"rule code {code!r} does not fit family {family!r} ({prefix}NNN)")
    if code in RULES:
        raise ValueError(f"rule code {code} is registered twice")
    if severity not in SEVERITIES:
        raise ValueError(f"unknown severity {severity!r}")
    rule = Rule(code, name, family, summary, severity)
    RULES[code] = rule
    return rule


class Finding(Record):
    def __init__(self, path: str, line: int, rule: Rule, message: str, question: int | None = None) -> None:
        self.path = path
        self.line = line
        self.rule = rule
        self.message = message
        self.question = question

    @property
    def code(self) -> str:
        return self.rule.code

    @property
    def severity(self) -> str:
        return self.rule.severity
