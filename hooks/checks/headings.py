"""Headings: the template's structure is intact, and every trap of the official parser is named.

The family of the ``HDG`` rules, each defined in the module that checks it: ``structure`` (the headings),
``markers`` (the ``Answer:`` markers and what cuts an answer), ``prompts`` and ``report_file``.
"""

from bisect import bisect_left, bisect_right
from collections.abc import Iterator

from hooks.checks import markers, prompts, report_file, structure
from hooks.checks.document import Document, answer_markers, first_marker_line
from hooks.checks.markers import after_last_findings, answer_findings, marker_findings
from hooks.checks.prompts import FirstCommitted, prompt_findings
from hooks.checks.report_file import conflict_lines, file_findings
from hooks.checks.rules import Finding, Settings
from hooks.checks.structure import HEADING_MISSING, outline, structure_findings

RULES = tuple(
    sorted((*structure.RULES, *markers.RULES, *prompts.RULES, *report_file.RULES), key=lambda rule: rule.code)
)


def findings(document: Document, settings: Settings) -> Iterator[Finding]:
    conflict = conflict_lines(document)
    yield from file_findings(document, conflict)
    if not document.report.questions:
        message = "there is no '### Question N' heading in the report: the template's question headings are all gone"
        yield Finding(document.path, first_marker_line(document), HEADING_MISSING, message)
        return
    found = outline(document)
    yield from structure_findings(document, found)
    after_last = list(after_last_findings(document))
    reported = {heading.line for heading in found} | {finding.line for finding in after_last}
    # A '=======' marker underlines the text above it; the conflict finding already says so.
    reported |= {block.line for block in document.report.blocks if block.setext and block.end_line in conflict}
    questions = document.report.questions
    splits = answer_markers(document)
    split_lines = [marker.line for marker in splits]
    seen: set[int] = set()
    first = FirstCommitted(document)
    for index, question in enumerate(questions):
        if question.number not in seen:
            yield from prompt_findings(document, question, first)
        seen.add(question.number)
        inside = splits[bisect_left(split_lines, question.line) : bisect_right(split_lines, question.end_line)]
        if document.template.question(question.number) is not None:
            # A question the template does not have is said once, by the finding that names its heading.
            yield from marker_findings(document, question, inside)
        yield from answer_findings(document, question, index == len(questions) - 1, reported)
    yield from after_last
