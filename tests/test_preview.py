"""--html: the report as GitHub shows it, each finding beside its element; the course index; --format markdown."""

import base64
import json
import os
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import EXAMPLE_TEMPLATE, PNG, fill, git, with_figures, words

from hooks.entry import report_check

pytest.importorskip("cmarkgfm")
pytest.importorskip("nh3")


class TopLevel(HTMLParser):
    """The top-level nodes inside the page's report (its <article>): tag, source lines, and for a findings list the
    lines of its notes."""

    def __init__(self) -> None:
        super().__init__()
        self.depth, self.inside, self.nodes = 0, False, []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = dict(attrs)
        if tag == "article":
            self.inside = True
            return
        if self.inside and self.depth == 0:
            found = re.match(r"(\d+):\d+-(\d+):\d+", attributes.get("data-sourcepos") or "")
            lines = (int(found[1]), int(found[2])) if found else None
            self.nodes.append([tag, lines, attributes.get("class"), []])
        if self.inside and tag == "li" and self.depth == 1 and self.nodes[-1][2] == "findings":
            self.nodes[-1][3].append(int(attributes["data-line"]))
        if self.inside and tag not in ("hr", "img", "br", "input", "wbr"):
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.inside = False
        elif self.inside and tag not in ("hr", "img", "br", "input", "wbr"):
            self.depth -= 1


def report_text(template_text: str, answers: dict[int, str]) -> str:
    return fill(template_text, answers)


def repository(tmp_path: Path, text: str) -> Path:
    """A group's repository with the report, its screenshots and the example template; cwd is the repository."""
    root = tmp_path / "group"
    report = root / "reports" / "README.md"
    report.parent.mkdir(parents=True)
    report.write_text(text, encoding="utf-8")
    with_figures(report)
    (root / "template.md").write_text(EXAMPLE_TEMPLATE.read_text(encoding="utf-8"), encoding="utf-8")
    git(root, "init", "-q")
    git(root, "add", "-A")
    os.chdir(root)
    return root


@pytest.fixture(autouse=True)
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def page_of(root: Path, capsys, *extra: str) -> tuple[str, list[dict]]:
    """The page report-check --html writes, and the findings it prints (JSON)."""
    options = ["--template-file", "template.md", *extra]
    report_check([*options, "--format", "json", "--html", "page.html", "reports/README.md"])
    found = json.loads(capsys.readouterr().out)
    return (root / "page.html").read_text(encoding="utf-8"), found


ANSWERS = {
    1: "Group 7",
    2: f"We start it with docker run --name <name> trainer and {words(20)}.",
    3: words(20) + "\n\n<!-- hidden remark for later -->",
    4: words(20) + "\n\n![dashboard](figures/dashboard.png)",
    5: "![pipeline](figures/pipeline.png)",
    6: "    We indented this answer four spaces by mistake today.",
}


def test_the_page_shows_what_github_shows(tmp_path, template_text, capsys) -> None:
    text = report_text(template_text, ANSWERS).replace("> Answer:\n\nGroup 7", "> Answer:\nGroup 7")
    page, found = page_of(repository(tmp_path, text), capsys)
    report = re.sub(r'<ul class="findings"[^>]*>.*?</ul>', "", page[page.index("<article") : page.index("</article>")])
    assert "&lt;name&gt;" not in report and "<name>" not in report  # GitHub's sanitizer drops the tag
    assert "docker run --name  trainer" in report
    assert "hidden remark" not in report  # a comment is hidden
    assert re.search(r"<blockquote[^>]*>(?:(?!</blockquote>).)*Group 7", report, re.S)  # the answer in the quote
    assert re.search(r"<pre[^>]*><code>We indented this answer", report)  # indented: code
    assert {f["code"] for f in found} >= {"RND001", "RND002", "RND003", "RND004"}


def test_every_finding_is_beside_the_element_that_holds_its_line(tmp_path, template_text, capsys) -> None:
    text = report_text(template_text, {**ANSWERS, 2: words(50)})
    page, found = page_of(repository(tmp_path, text), capsys)
    parser = TopLevel()
    parser.feed(page)
    placed = []
    element = None
    for _, lines, kind, notes in parser.nodes:
        if kind == "findings":
            for line in notes:
                assert element is not None and element[0] <= line, (line, element)
                placed.append(line)
        elif lines is not None:
            element = lines
    assert sorted(placed) == sorted(line for f in found for line in [f["line"]])
    # A finding on a line an element holds is after that element, not a later one.
    notes = re.findall(r'data-line="(\d+)"', page)
    assert len(notes) == len(found) > 0


def test_the_page_loads_nothing_and_embeds_the_repositorys_figures(tmp_path, template_text, capsys) -> None:
    outside = tmp_path / "outside.png"
    outside.write_bytes(PNG + b"outside")
    answers = {**ANSWERS, 4: words(20) + "\n\n![dashboard](figures/dashboard.png) ![out](../../outside.png)"}
    root = repository(tmp_path, report_text(template_text, answers))
    (root / "reports" / "figures" / "link.png").symlink_to(outside)
    (root / "reports" / "README.md").write_text(
        report_text(
            template_text, {**answers, 5: "![pipeline](figures/link.png) ![remote](https://example.com/a.png)"}
        ),
        encoding="utf-8",
    )
    page, _ = page_of(root, capsys)
    assert "<script" not in page and "<link" not in page and "url(" not in page
    assert not re.search(r'\b(?:src|href)="(?:https?:)?//', page.replace('href="https://', "", 0).split("<article")[0])
    assert re.findall(r'<img[^>]*src="([^"]{0,22})', page) == ["data:image/png;base64,", "", "", ""]
    assert page.count('class="broken"') == 3  # outside the repository, through a link out, remote
    assert base64.b64encode(outside.read_bytes()).decode() not in page


def test_without_the_preview_extra_html_says_how_to_install_it(tmp_path, template_text, capsys, monkeypatch) -> None:
    root = repository(tmp_path, report_text(template_text, ANSWERS))
    monkeypatch.setitem(sys.modules, "nh3", None)
    assert report_check(["--template-file", "template.md", "--html", "page.html", "reports/README.md"]) == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        "report-check: error: --html needs GitHub's renderer and sanitizer: pip install 'mlops-report-hooks[preview]'"
    )
    assert not (root / "page.html").exists()


def test_a_page_is_for_one_report(tmp_path, template_text, capsys) -> None:
    root = repository(tmp_path, report_text(template_text, ANSWERS))
    (root / "other").mkdir()
    (root / "other" / "README.md").write_text(report_text(template_text, ANSWERS), encoding="utf-8")
    code = report_check(["--template-file", "template.md", "--html", "p.html", "reports/README.md", "other/README.md"])
    assert code == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        "report-check: error: --html p.html: one report's page goes to a file; for 2, add --summary"
    )


def test_the_course_index_lists_every_group_worst_first(tmp_path, template_text, capsys) -> None:
    clones = tmp_path / "clones"
    good = report_text(template_text, {**ANSWERS, 2: words(30), 6: words(10)})
    for group, text in (("group-1", good), ("group-3", good.replace("> Answer:", "> Reply:", 1))):
        report = clones / group / "reports" / "README.md"
        report.parent.mkdir(parents=True)
        report.write_text(text, encoding="utf-8")
        with_figures(report)
        git(clones / group, "init", "-q")
        git(clones / group, "add", "-A")
        git(clones / group, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qm", "report")
    (clones / "group-2").mkdir()
    git(clones / "group-2", "init", "-q")  # a group's clone without a report
    (tmp_path / "template.md").write_text(EXAMPLE_TEMPLATE.read_text(encoding="utf-8"), encoding="utf-8")
    code = report_check(["--template-file", "template.md", "--summary", "--html", "out", "clones"])
    assert code == 2  # group-2 has no report
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    rows = re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td>", index)
    assert [status for _, status in rows] == ["missing", "aborts", "graded"]
    links = re.findall(r'<a href="([^"]+)">', index)
    assert len(links) == 2 and all((tmp_path / "out" / link).is_file() for link in links)
    assert "clones/group-2" in rows[0][0] and "<a " not in rows[0][0]
    assert index.count(git(clones / "group-1", "log", "-1", "--format=%as").strip()) == 2


def test_summary_as_markdown(tmp_path, template_text, capsys) -> None:
    repository(tmp_path, report_text(template_text, {**ANSWERS, 2: words(45), 3: words(20), 6: words(10)}))
    assert (
        report_check(["--template-file", "template.md", "--summary", "--format", "markdown", "reports/README.md"]) == 1
    )
    assert capsys.readouterr().out == (
        "**reports/README.md** (template template.md, checker template.md)\n"
        "\n"
        "Official checker: **1 WARNING line**.\n"
        "\n"
        "| Q | line | words | limit | images | limit | result |\n"
        "|---:|---:|---:|---|---:|---|---|\n"
        "| 1 | 10 | 2 | - | 0 | - | pass |\n"
        "| 2 | 17 | 45 | 20-40 | 0 | - | **FAIL** |\n"
        "| 3 | 31 | 20 | 10-30 | 0 | - | pass |\n"
        "| 4 | 41 | 21 | 10-50 | 1 | 1-2 | pass |\n"
        "| 5 | 55 | 1 | - | 1 | 1-1 | pass |\n"
        "| 6 | 63 | 10 | 5-25 | 0 | - | pass |\n"
    )
