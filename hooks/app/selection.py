"""A document's findings as a run's options select them: the families it runs, --ignore and --warn, one finding per
cause."""

from collections.abc import Iterable, Mapping, Sequence

from hooks.app.records import Options
from hooks.checks.document import Document
from hooks.checks.registry import Family
from hooks.checks.rules import Finding, fold


def _matches(code: str, selection: tuple[str, ...]) -> bool:
    return any(code.startswith(selected) for selected in selection)


def select(findings: Iterable[Finding], ignore: tuple[str, ...], warn: tuple[str, ...]) -> list[Finding]:
    """Drop the ignored codes, and give the warned ones the warning level."""
    if not ignore and not warn:
        return list(findings)
    return [
        finding._replace(level="warning") if _matches(finding.code, warn) else finding
        for finding in findings
        if not _matches(finding.code, ignore)
    ]


def selected(
    document: Document, families: Sequence[Family], options: Options, changed: Mapping[str, str] | None = None
) -> list[Finding]:
    """A document's findings as its options select them, each on a line of the file, before folding."""
    settings = options.settings
    if changed is not None:
        # A commit that leaves the report alone is checked for what it breaks, and nothing else.
        settings, families = settings._replace(changed=changed), [family for family in families if family.guards]
    last_line = document.report.last_line
    found = [
        finding if 1 <= finding.line <= last_line else finding._replace(line=min(max(finding.line, 1), last_line))
        for family in families
        for finding in family.findings(document, settings)
    ]
    return select(found, options.ignore, options.warn)


def check(
    document: Document, families: Sequence[Family], options: Options, changed: Mapping[str, str] | None
) -> list[Finding]:
    """A document's findings, as its options select them, one per cause, in line order."""
    return fold(selected(document, families, options, changed))
