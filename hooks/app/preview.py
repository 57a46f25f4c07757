"""The page an examiner reads (``--html``): the report as GitHub renders it, each finding beside the element that
holds its line, the grader's view on top; and a course's index of such pages.

GitHub renders with cmark-gfm and then sanitizes the HTML with an allowlist; ``cmarkgfm`` binds the first and
``nh3`` (Rust's ammonia) applies the second with the tags GitHub keeps (``hooks.checks.render.ALLOWED_TAGS``).
Both are the optional ``preview`` extra, imported only here and only by ``--html``: a commit never loads them.
The page is one file with no script and nothing to fetch: figures are embedded from the repository, read through
its door; a figure GitHub would not show is the broken image the examiner sees.
"""

import base64
import html
import os
import re
from collections.abc import Iterable, Sequence
from html.parser import HTMLParser
from typing import Any, NamedTuple
from urllib.parse import unquote

from hooks.app import summary
from hooks.app.output import level_of
from hooks.app.summary import Summary
from hooks.checks.document import Document
from hooks.checks.figures import shown_file
from hooks.checks.registry import RULES
from hooks.checks.render import ALLOWED_TAGS
from hooks.checks.rules import Finding
from hooks.core.files import ReadError, RepoFiles, content_type
from hooks.core.git import last_commit
from hooks.core.text import counted

EXTRA = "pip install 'mlops-report-hooks[preview]'"
MAX_FIGURE_BYTES = 5 * 1024 * 1024  # a screenshot is far smaller; a larger file is shown broken, not read
_MIME = {"PNG": "image/png", "JPEG": "image/jpeg", "GIF": "image/gif", "WebP": "image/webp", "SVG": "image/svg+xml"}
# GitHub keeps a task list's checkbox, and these attributes of the tags it allows.
_TAGS = ALLOWED_TAGS | {"input"}
_ATTRIBUTES = {
    "*": {"data-sourcepos", "align", "title"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "input": {"type", "checked", "disabled"},
    "ol": {"start"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
}
_SOURCEPOS = re.compile(r'data-sourcepos="(\d+):\d+-(\d+):\d+"')
_IMAGE = re.compile(r'<img\b[^>]*?\bsrc="([^"]*)"[^>]*>')

STYLE = """
body{font:16px/1.5 -apple-system,"Segoe UI",Helvetica,Arial,sans-serif;color:#1f2328;max-width:980px;margin:0 auto;
padding:24px}
header{border-bottom:1px solid #d1d9e0;margin-bottom:16px}
table{border-collapse:collapse;margin:8px 0}th,td{border:1px solid #d1d9e0;padding:4px 10px}
.markdown-body{border:1px solid #d1d9e0;border-radius:6px;padding:32px}
.markdown-body blockquote{color:#59636e;border-left:.25em solid #d1d9e0;margin:0;padding:0 1em}
.markdown-body pre{background:#f6f8fa;padding:16px;overflow:auto;border-radius:6px}
.markdown-body code{background:#eff1f3;border-radius:6px;padding:.2em .4em;font-size:85%}
.markdown-body pre code{background:none;padding:0}
.markdown-body img{max-width:100%}
img.broken{display:inline-block;min-width:120px;min-height:60px;border:2px dashed #cf222e}
.findings{margin:4px 0 16px;padding:0;list-style:none;font-size:14px}
.findings li{border-left:4px solid;padding:4px 8px;margin:2px 0}
.error{border-color:#cf222e;background:#ffebe9}.warning{border-color:#bf8700;background:#fff8c5}
.fail{color:#cf222e;font-weight:600}.pass{color:#1a7f37}
"""


class PreviewUnavailable(Exception):
    """The preview extra is not installed; the message says how to install it."""


def _renderers() -> tuple[Any, Any, Any]:
    """cmarkgfm, nh3 and cmark's options: the optional extra, imported here only."""
    try:
        import cmarkgfm
        import nh3
        from cmarkgfm.cmark import Options
    except ImportError:
        raise PreviewUnavailable(f"--html needs GitHub's renderer and sanitizer: {EXTRA}") from None
    return cmarkgfm, nh3, Options


def available() -> None:
    """Raises PreviewUnavailable when the extra is not installed."""
    _renderers()


def rendered(text: str) -> str:
    """The HTML GitHub makes of a report: cmark-gfm with GitHub's extensions and raw HTML, then its sanitizer."""
    cmarkgfm, nh3, options = _renderers()
    raw = cmarkgfm.github_flavored_markdown_to_html(
        text, options=options.CMARK_OPT_SOURCEPOS | options.CMARK_OPT_UNSAFE
    )
    return nh3.clean(
        raw,
        tags=set(_TAGS),
        attributes={tag: set(names) for tag, names in _ATTRIBUTES.items()},
        url_schemes={"http", "https", "mailto"},
        strip_comments=True,
        link_rel=None,
    )


def _figure(files: RepoFiles, folder: str, url: str) -> str | None:
    """A figure of the repository as a data: URL; None when GitHub would not show it (as the figures family decides)
    or it is not read. cmark-gfm writes a URL percent-encoded: the file of 'loss%20curve.png' has a space."""
    path = shown_file(files, folder, unquote(url))
    if path is None:
        return None
    try:
        data = files.head(path, MAX_FIGURE_BYTES + 1)
    except ReadError:
        return None
    mime = _MIME.get(content_type(data[:1024]) or "")
    if mime is None or len(data) > MAX_FIGURE_BYTES:
        return None
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def _embedded(page: str, document: Document) -> str:
    """Each image's source embedded from the repository, or emptied: the broken image GitHub would show."""
    files = RepoFiles.for_report(document.path)
    folder = os.path.dirname(files.relative(document.path))

    def embed(match: re.Match[str]) -> str:
        source = _figure(files, folder, html.unescape(match[1]))
        if source is None:
            return match[0].replace(f'src="{match[1]}"', 'class="broken" src=""')
        return match[0].replace(f'src="{match[1]}"', f'src="{source}"')

    return _IMAGE.sub(embed, page)


class _Element(NamedTuple):
    end: int  # offset just after the top-level element
    first: int | None  # its first and last source line, when cmark-gfm gave them
    last: int | None


class _TopLevel(HTMLParser):
    """The top-level elements of rendered HTML, with the source lines of each."""

    VOID = frozenset({"hr", "img", "br", "input", "wbr"})

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=False)
        self.page = page
        self.starts = [0, *(match.end() for match in re.finditer("\n", page))]
        self.depth = 0
        self.lines: tuple[int | None, int | None] = (None, None)
        self.elements: list[_Element] = []
        self.feed(page)
        self.close()

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.starts[line - 1] + column

    def _closed(self) -> None:
        end = self.page.index(">", self._offset()) + 1
        self.elements.append(_Element(end, *self.lines))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth == 0:
            found = _SOURCEPOS.search(self.get_starttag_text() or "")
            self.lines = (int(found[1]), int(found[2])) if found else (None, None)
        if tag in self.VOID:
            if self.depth == 0:
                self._closed()
            return
        self.depth += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth == 0:
            self.lines = (None, None)
            self._closed()

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        self.depth = max(self.depth - 1, 0)
        if self.depth == 0:
            self._closed()


def _placed(page: str, findings: Sequence[Finding]) -> tuple[str, int]:
    """The page with each finding after the top-level element that holds its line (or, for a line no element
    holds, a blank or hidden one, the element before it); and how many findings it placed."""
    elements = _TopLevel(page).elements
    by_element: dict[int, list[Finding]] = {}
    for finding in findings:
        by_element.setdefault(_home(elements, finding.line), []).append(finding)
    parts, start = [], 0
    for index, element in enumerate(elements):
        parts.append(page[start : element.end])
        parts.append(_notes(by_element.get(index, ()), f"findings-{index}"))
        start = element.end
    parts.append(page[start:])
    return _notes(by_element.get(-1, ()), "findings-top") + "".join(parts), sum(map(len, by_element.values()))


def _home(elements: Sequence[_Element], line: int) -> int:
    """The index of the top-level element that holds a line; else of the last one before it; -1 for the top."""
    located = [(n, e) for n, e in enumerate(elements) if e.first is not None and e.last is not None]
    holding = [n for n, e in located if e.first <= line <= e.last]  # type: ignore[operator]
    before = [n for n, e in located if e.first <= line]  # type: ignore[operator]
    return holding[0] if holding else before[-1] if before else -1


def _notes(findings: Iterable[Finding], anchor: str) -> str:
    items = [
        f'<li class="{finding.severity}" data-line="{finding.line}"><a href="#{finding.code}">{finding.code}</a> '
        f"line {finding.line}: {html.escape(finding.message)}</li>"
        for finding in findings
    ]
    return f'\n<ul class="findings" id="{anchor}">{"".join(items)}</ul>\n' if items else ""


def _grader(data: Summary) -> str:
    """The grader's view: what the official checker does, the questions it fails, and every question's counts."""
    failing = ' class="fail"' if data.official.error or data.status == summary.NOT_READ else ""
    verdict = f"<p{failing}>Official checker: {html.escape(summary.verdict(data))}.</p>"
    failed = [f"Q{q.n}" for q in data.questions if q.passed is False]
    fails = f"<p>It fails {', '.join(failed)}.</p>" if failed else ""
    rows = []
    for q in data.questions:
        *cells, result = (html.escape(cell) for cell in summary.row_cells(q))
        shown = f'<span class="{result.lower()}">{result}</span>' if q.passed is not None else result
        rows.append("<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + f"<td>{shown}</td></tr>")
    head = "<tr>" + "".join(f"<th>{column}</th>" for column in summary.COLUMNS) + "</tr>"
    table = f"<details><summary>Every question</summary><table>{head}{''.join(rows)}</table></details>"
    return f"<h2>What the grader counts</h2>{verdict}{fails}{table}"


def _rules(findings: Sequence[Finding]) -> str:
    codes = sorted({finding.code for finding in findings})
    parts = [
        f'<h3 id="{code}">{code} {RULES[code].name} ({level_of(RULES[code])})</h3><p>{html.escape(RULES[code].summary)}'
        f"</p><p><b>Why it matters.</b> {html.escape(RULES[code].why)}</p><p><b>How to fix it.</b> "
        f"{html.escape(RULES[code].how_to_fix)}</p>"
        for code in codes
    ]
    return f"<h2>The rules found here</h2>{''.join(parts)}" if parts else ""


def _page(title: str, body: str) -> str:
    return (
        f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
        f"<style>{STYLE}</style></head><body>\n{body}\n</body></html>\n"
    )


class Page(NamedTuple):
    html: str
    placed: int  # the findings placed beside an element


def report_page(document: Document, findings: Sequence[Finding], data: Summary, text: str) -> Page:
    """One report's page: the grader's view, the report as GitHub shows it with its findings, the rules."""
    report, placed = _placed(_embedded(rendered(text), document), findings)
    errors = sum(finding.severity == "error" for finding in findings)
    warnings = len(findings) - errors
    counts = f"{counted(len(findings), 'findings')}: {counted(errors, 'errors')}, {counted(warnings, 'warnings')}"
    extra = []
    if data.figures_not_shown:
        extra.append(f"{counted(data.figures_not_shown, 'figures')} GitHub will not show")
    if data.ticks_not_backed:
        extra.append(f"{counted(data.ticks_not_backed, 'ticked checklist items')} the repository does not back")
    header = (
        f"<header><h1>{html.escape(document.path)}</h1><p>Template {html.escape(str(data.revision))}, graded by the "
        f"{html.escape(str(data.checker))} checker. {counts}{'; ' if extra else ''}{'; '.join(extra)}.</p></header>"
    )
    body = f'{header}{_grader(data)}<h2>The report as GitHub shows it</h2><article class="markdown-body">{report}' \
        f"</article>{_rules(findings)}"  # fmt: skip
    return Page(_page(document.path, body), placed)


class IndexEntry(NamedTuple):
    data: Summary
    page: str | None  # the page's file name, beside the index; None for a group with no report to show
    last_commit: str | None  # YYYY-MM-DD


def index_page(entries: Sequence[IndexEntry]) -> str:
    """The course's index: every group, worst first, each linked to its page."""
    head = "<tr><th>report</th><th>status</th><th>WARNING lines</th><th>figures not shown</th>" \
        "<th>ticks not backed</th><th>last commit</th></tr>"  # fmt: skip
    rows = []
    for entry in entries:
        data = entry.data
        name = html.escape(data.path)
        link = f'<a href="{html.escape(entry.page)}">{name}</a>' if entry.page else name
        warnings = "abort" if data.official.error else "-" if data.official.warnings is None else data.official.warnings
        ticks = "-" if data.ticks_not_backed is None else data.ticks_not_backed
        cells = (html.escape(data.status), warnings, data.figures_not_shown, ticks, entry.last_commit or "-")
        rows.append(f"<tr><td>{link}</td>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>")
    body = f"<header><h1>The course's reports</h1><p>{len(entries)} reports, worst first.</p></header>" \
        f"<table>{head}{''.join(rows)}</table>"  # fmt: skip
    return _page("The course's reports", body)


def _text(document: Document) -> str:
    """The report's text as it was read: the lines its findings are numbered by."""
    return "\n".join(document.report.lines) + "\n"


def _write(path: str, text: str) -> None:
    with open(path, "w", encoding="utf-8") as file:
        file.write(text)


def write_page(path: str, document: Document, findings: Sequence[Finding]) -> None:
    """One report's page, written to ``path``. Raises PreviewUnavailable or OSError."""
    _write(path, report_page(document, findings, summary.summary_of(document), _text(document)).html)


def write_site(folder: str, summaries: list[Summary], reports: dict[str, tuple[Document, list[Finding]]]) -> str:
    """A course's pages in ``folder``: one per report that has a document, and ``index.html`` listing every path
    given, worst first; the index's path. Raises PreviewUnavailable or OSError."""
    available()
    os.makedirs(folder, exist_ok=True)
    entries = []
    for number, data in enumerate(summary.worst_first(summaries), 1):
        name = None
        if data.path in reports:
            document, findings = reports[data.path]
            name = f"{number:03d}-{re.sub(r'[^A-Za-z0-9]+', '-', data.path).strip('-')[-80:]}.html"
            _write(os.path.join(folder, name), report_page(document, findings, data, _text(document)).html)
        entries.append(IndexEntry(data, name, last_commit(data.path) if name else None))
    index = os.path.join(folder, "index.html")
    _write(index, index_page(entries))
    return index
