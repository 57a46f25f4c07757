"""Parity with the official checker on every real report in ../shared/corpus (skipped without it)."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys
from difflib import SequenceMatcher
from pathlib import Path

import pytest
from conftest import SHARED, corpus_module, findings, requires_shared

from hooks.app.reading import build_document, read_text
from hooks.app.summary import summary_of
from hooks.checks import headings
from hooks.checks.document import Document
from hooks.checks.rules import Settings
from hooks.core.official import decode
from hooks.core.report import parse_report
from hooks.entry import report_check as check_main
from hooks.entry import report_headings as headings_main
from hooks.entry import report_images as images_main
from hooks.entry import report_length as length_main
from hooks.entry import report_placeholders as placeholders_main
from hooks.templates.model import fingerprint
from hooks.templates.revisions import accepted, known_revisions, runs

pytestmark = [pytest.mark.slow, requires_shared]  # every corpus report, from ../shared
CORPUS = SHARED / "corpus"


def load_document(path: str, template: None) -> Document | None:
    """A report read as a hand run reads it, its revision detected."""
    return build_document(path, read_text(path), template, None)


def corpus_names() -> list[str]:
    return corpus_module().names() if (CORPUS / "manifest.json").is_file() else []


@pytest.fixture(scope="module")
def materialized(tmp_path_factory) -> dict[str, str]:
    """Every corpus report in a repository of its own, committed on the date the group first committed it."""
    corpus = corpus_module()
    folder = tmp_path_factory.mktemp("corpus")
    return {name: str(corpus.materialize(name, folder)) for name in corpus.names()}


@pytest.fixture(scope="module")
def summaries(materialized) -> dict[str, dict]:
    result = {}
    for name, path in materialized.items():
        document = load_document(path, None)
        assert document is not None, name
        result[name] = summary_of(document).as_json()
    return result


def revision_runs() -> dict[str, int]:
    """The course run of every template revision in ../shared, by its folder name."""
    manifest = json.loads((CORPUS / "templates" / "revisions" / "manifest.json").read_text(encoding="utf-8"))
    return {entry["dir"]: entry["course_run"] for entry in manifest}


def checker_of_run(run: int) -> str:
    """The name of the checker that grades a course run, as the package's registry has it."""
    (checker,) = {template.checker.name for template in known_revisions() if template.run == run}
    return checker


@pytest.mark.parametrize("name", corpus_names())
def test_summary_matches_the_official_checker(summaries, name: str) -> None:
    corpus = corpus_module()
    want = corpus.official(name)
    got = summaries[name]
    assert want["template"] == corpus.entry(name)["template"]
    assert got["template"] == got["checker"] == want["template"]
    assert bool(got["official"]["error"]) == bool(want["error"])
    if want["error"]:
        return
    fields = ("n", "words", "images", "passed", "min_words", "max_words", "min_images", "max_images")
    assert [{k: q[k] for k in fields} for q in got["questions"]] == [
        {k: q[k] for k in fields} for q in want["questions"]
    ]
    warnings = sum(
        (q["min_words"] is not None and not q["min_words"] <= q["words"] <= q["max_words"])
        + (q["min_images"] is not None and not q["min_images"] <= q["images"] <= q["max_images"])
        for q in want["questions"]
    )
    assert got["official"]["warnings"] == warnings


def run_of_date(day: str) -> int | None:
    """The course run a date falls in, as the corpus README states it: August of year Y-1 to the January exam of
    year Y is run Y; February to July tells nothing."""
    year, month = int(day[:4]), int(day[5:7])
    return year + 1 if month >= 8 else year if month == 1 else None


@pytest.mark.parametrize("name", corpus_names())
def test_every_corpus_label_is_the_run_its_text_and_its_first_commit_give(materialized, name: str) -> None:
    """The label names the checker of the run of the revision the corpus matched, or of the later run the report's
    first commit falls in; and so does the package, on the report committed on that date."""
    entry = corpus_module().entry(name)
    run = revision_runs()[entry["template_revision"]]
    dated = run_of_date(entry["committed"][0])
    assert checker_of_run(max(run, dated or run)) == entry["template"]
    document = load_document(materialized[name], None)
    assert document is not None
    assert document.official.checker.name == entry["template"]


@pytest.mark.parametrize("name", corpus_names())
def test_every_question_line_is_its_heading(summaries, name: str) -> None:
    """A question's line is its heading; without one, the line where the official checker's answer starts."""
    lines = (CORPUS / "reports" / f"{name}.md").read_bytes().decode("utf-8").splitlines()
    headings = {n for n, text in enumerate(lines, 1) if re.match(r"### Question \d+\b", text)}
    document = load_document(str(CORPUS / "reports" / f"{name}.md"), None)
    official = document.official
    got = summaries[name]["questions"]
    for question in got:
        if document.report.question(question["n"]) is not None:
            assert re.match(rf"### Question {question['n']}\b", lines[question["line"] - 1]), question
        else:
            assert question["line"] == official.line_of(official.spans[question["n"] - 1].start), question
    assert len({q["line"] for q in got} & headings) == corpus_module().entry(name)["questions"]


@pytest.mark.parametrize("name", [n for n in corpus_names() if corpus_module().official(n)["error"]])
def test_official_abort_is_explained_at_its_cause(name: str, capsys) -> None:
    path = str(CORPUS / "reports" / f"{name}.md")
    assert length_main([path]) == 1
    out = findings(capsys.readouterr().out)
    assert out and all(": LEN002 official checker will abort (" in line for line in out)


def test_aborts_point_at_the_line_that_causes_them(capsys) -> None:
    reports = CORPUS / "reports"
    expected = {
        "ViktorHJ__02476_project1": "696: LEN002 official checker will abort (32 answers, expected 31), so it checks "
        "no word count: '###' after the last answer makes the checker count the last answer twice",
        "ecenazelverdi__DTU_MLOps_111": "666: LEN002 official checker will abort (32 answers, expected 31), so it "
        "checks no word count: '###' after the last answer",
        "FionaWennberg__mlops_group54": "234: LEN002 official checker will abort (30 answers, expected 31), so it "
        "checks no word count: no '###' between this 'Answer:' and the next one on line 247, so the checker drops "
        "this answer; line 251: Question 9 is missing",
    }
    for name, start in expected.items():
        path = str(reports / f"{name}.md")
        length_main([path])
        out = findings(capsys.readouterr().out)
        assert len(out) == 1, out
        assert out[0].startswith(f"{path}:{start}"), out[0]
    lines = (reports / "ViktorHJ__02476_project1.md").read_bytes().decode().splitlines()
    assert lines[695].startswith("###")
    fiona = (reports / "FionaWennberg__mlops_group54.md").read_text().splitlines()
    assert "Answer:" in fiona[233] and "Answer:" in fiona[246] and fiona[250] == "### Question 10"


def test_parity_tool_agrees_on_every_report() -> None:
    script = shutil.which("report-check", path=str(Path(sys.executable).parent))
    assert script, "report-check is not installed next to this Python"
    run = subprocess.run(
        [sys.executable, str(SHARED / "tools" / "corpus.py"), "parity", "--cmd", script, "-v"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    total = len(corpus_names())
    assert run.stdout.splitlines() == [f"parity: {total}/{total}"], run.stdout


def headings_output(name: str, capsys) -> list[str]:
    path = str(CORPUS / "reports" / f"{name}.md")
    headings_main([path])
    return [line[len(path) + 1 :] for line in findings(capsys.readouterr().out)]


def newest_revisions() -> dict[str, Path]:
    """The pristine template of the newest revision of every course run the registry knows, by run."""
    return {
        run: CORPUS / "templates" / "revisions" / f"{template.revision}_{template.commit[:8]}" / "README.md"
        for run, template in runs().items()
    }


@pytest.mark.parametrize("run", runs())
def test_pristine_templates_have_no_structure_finding(run: str, capsys) -> None:
    assert headings_main([str(newest_revisions()[run])]) == 0
    assert capsys.readouterr().out == ""


def test_every_abort_is_named_at_its_cause(capsys) -> None:
    causes = {
        "ViktorHJ__02476_project1": "696: HDG014 '###' after the last answer: the official checker counts the last "
        "answer twice (32 answers, expected 31) and aborts",
        "ecenazelverdi__DTU_MLOps_111": "666: HDG014 '###' after the last answer: the official checker counts the "
        "last answer twice (32 answers, expected 31) and aborts",
        "FionaWennberg__mlops_group54": "238: HDG001 '### Question 9' is missing: Question 9's prompt is here, "
        "without its heading",
    }
    aborting = {name for name in corpus_names() if corpus_module().official(name)["error"]}
    assert aborting == set(causes)
    for name, cause in causes.items():
        assert cause in headings_output(name, capsys)


def test_official_hazards_are_found(capsys) -> None:
    kostis = headings_output("kostistzim__Plant_Leaves_Classification_MLOps_DTU02476", capsys)
    assert (
        "390: HDG013 the official checker stops reading Question 15's answer at this '###' (in a heading): it "
        "counts 33 of 255 words" in kostis
    )
    assert (
        "560: HDG013 the official checker stops reading Question 24's answer at this '###' (in a list): it "
        "counts 13 of 120 words" in kostis
    )
    assert any(
        line.startswith("247: HDG008 extra 'Answer:' in Question 8: the official checker starts a new answer")
        for line in headings_output("FionaWennberg__mlops_group54", capsys)
    )
    assert (
        "613: HDG008 warning: extra 'Answer:' in Question 29: the official checker starts a new answer here (the text "
        "between the two markers is blank, so nothing is lost)"
        in headings_output("RadioDreamer__mlops_group_project", capsys)
    )


@pytest.mark.parametrize(
    "name",
    [
        "02476-MLOps-2026-Group-128__02476_project",
        "Aryan-Mi__dtu-vibe-ops-02476",
        "Fabius-Naumann__02476_ML-OPS_project",
        "XanderBaatz__dtu_mlops_project",
    ],
)
def test_later_revision_of_question_25_is_not_an_edit(name: str, capsys) -> None:
    lines = (CORPUS / "reports" / f"{name}.md").read_text(encoding="utf-8")
    assert "functional testing and load testing" in lines
    assert not [line for line in headings_output(name, capsys) if "Question 25" in line]


def test_a_prettier_formatted_report_is_judged_by_its_text(capsys) -> None:
    # Prettier joined wrapped prompt lines (leaving '> ' inside them) and escaped '*' as '\*'.
    text = (CORPUS / "reports" / "Radu-s-Org-DTU__dtu_mlops_project.md").read_text(encoding="utf-8")
    assert "framework** > **did you" in text and "\\*\\*" in text
    out = headings_output("Radu-s-Org-DTU__dtu_mlops_project", capsys)
    assert not [line for line in out if "Question 3:" in line or "Question 8:" in line]
    # What it really changed is still reported: it deleted the length lines of Questions 23-25, one cause.
    assert (
        "567: HDG010 warning: Questions 23-25: the prompt's answer-length line is missing (lines 567, 583, 601)" in out
    )


def placeholder_findings(path: Path, capsys, *args: str) -> list[str]:
    placeholders_main([*args, str(path)])
    return [line[len(str(path)) + 1 :] for line in findings(capsys.readouterr().out)]


@pytest.mark.parametrize("name", corpus_names())
def test_unanswered_placeholders_are_counted_as_the_manifest_counts(name: str, capsys) -> None:
    found = placeholder_findings(CORPUS / "reports" / f"{name}.md", capsys)
    unanswered = [line for line in found if " PLH001 " in line]
    assert len(unanswered) == corpus_module().entry(name)["unfilled_placeholder_answers"]


@pytest.mark.parametrize("run", runs())
def test_pristine_templates_are_unanswered_once_per_question(run: str, capsys) -> None:
    """Every question is unanswered, or holds only the template's own text (the 2025 run's Question 31 has stray
    text, not a placeholder)."""
    path = newest_revisions()[run]
    found = placeholder_json(path, capsys)
    assert {f["code"] for f in found} <= {"PLH001", "PLH005"}
    assert sorted(f["question"] for f in found) == [q.number for q in parse_report(path.read_text()).questions]


def placeholder_json(path: Path, capsys, *args: str) -> list[dict]:
    placeholders_main([*args, "--format", "json", str(path)])
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("name", corpus_names())
def test_fix_removes_only_dashes_and_leftover_lines(name: str, tmp_path: Path, capsys) -> None:
    original = (CORPUS / "reports" / f"{name}.md").read_bytes()
    path = tmp_path / "README.md"
    path.write_bytes(original)
    before = placeholder_json(path, capsys)
    repaired = {number for f in before if f["code"] in ("PLH003", "PLH004") for number in f["questions"]}
    report = parse_report(decode(original))
    # The lines of the questions with a placeholder or dashes to remove: the only ones the fix may touch.
    allowed = {n for q in report.questions if q.number in repaired for n in range(q.line, q.end_line + 1)}
    placeholders_main(["--fix", str(path)])
    err = capsys.readouterr().err.splitlines()
    fixed = path.read_bytes()
    assert (err[-1:] == [f"Fixing {path}"]) == (fixed != original)
    assert fixed != original or not any(f["fixable"] for f in before)
    after = placeholder_json(path, capsys)
    assert not [f for f in after if f["fixable"]]
    placeholders_main(["--fix", str(path)])
    assert capsys.readouterr().err == "" and path.read_bytes() == fixed  # nothing left that a fix removes

    def unanswered(findings: list[dict]) -> list[str]:
        return [f["message"] for f in findings if f["code"] == "PLH001"]

    assert unanswered(after) == unanswered(before)  # the fix leaves unanswered questions alone
    old_lines, new_lines = original.splitlines(keepends=True), fixed.splitlines(keepends=True)
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old_lines, new_lines, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        assert set(range(i1 + 1, i2 + 1)) <= allowed, (tag, i1, i2)
        for old, new in zip(old_lines[i1:i2], new_lines[j1:j2], strict=False):
            removed = old.decode("utf-8")
            for character in new.decode("utf-8"):
                removed = removed.replace(character, "", 1)
            assert set(removed) <= set("-\u2013\u2014 \t"), (old, new)


@pytest.fixture(scope="module")
def image_findings(materialized) -> dict[str, dict[int, set[str]]]:
    """report-images on every corpus report, materialized as a git repository with its figures."""
    found: dict[str, dict[int, set[str]]] = {}
    for name, path in materialized.items():
        report = Path(path)
        run = subprocess.run(
            [
                sys.executable,
                "-c",
                "from hooks.entry import report_images; raise SystemExit(report_images())",
                "--format",
                "json",
                report.name,
            ],
            cwd=report.parent,
            capture_output=True,
            text=True,
            check=False,
        )
        # The only note: a report of an earlier run's text graded by the run its first commit falls in.
        assert all(" but was first committed on " in note for note in run.stderr.splitlines()), run.stderr
        lines: dict[int, set[str]] = {}
        for finding in json.loads(run.stdout):  # every line of a finding about several
            for line in finding["lines"]:
                lines.setdefault(line, set()).add(finding["code"])
        found[name] = lines
    return found


@pytest.mark.parametrize("name", corpus_names())
def test_every_broken_image_link_is_found_at_its_line(image_findings, name: str) -> None:
    entry = corpus_module().entry(name)
    materialized = set(entry["figures"])
    for link in entry["image_links"]:
        if link["in_preamble"]:
            continue
        codes = image_findings[name].get(link["line"], set())
        if link["remote"]:
            wanted = "IMG008"
        elif link["exists"]:
            if link["resolved"] in materialized:  # the corpus tool materializes figures/ only
                assert not codes & {"IMG003", "IMG004"}, link
            continue
        else:
            wanted = "IMG004" if link["exists_ignoring_case"] else "IMG003"
        # A link inside a code block or a comment never shows; IMG002 says so instead of checking its file.
        assert wanted in codes or "IMG002" in codes, (link, codes)


@pytest.mark.parametrize("run", runs())
def test_pristine_templates_have_only_count_findings(run: str, capsys) -> None:
    images_main([str(newest_revisions()[run])])
    codes = {line.split()[1] for line in findings(capsys.readouterr().out)}
    assert codes == {"IMG001"}


def test_img_tags_behind_commented_out_markdown_links(image_findings) -> None:
    # This report shows <img> tags; the official checker counts the commented-out markdown links above them.
    lines = image_findings["alaym3__DTU_MLOps_FinalProject"]
    for comment, tag in ((262, 263), (266, 267), (270, 271)):
        assert lines[comment] == {"IMG002"} and lines[tag] == {"IMG002"}


@pytest.mark.parametrize("name", corpus_names())
def test_no_prompt_or_heading_error_for_what_a_revision_of_the_run_has(name: str) -> None:
    """A prompt paragraph or heading as some revision of the report's run, or of an earlier one, has it is no
    edit: no HDG009/HDG010/HDG011 on it, and no HDG001 for a heading that a revision of its run lacks too."""
    document = load_document(str(CORPUS / "reports" / f"{name}.md"), None)
    revisions = accepted(document.template)
    findings = list(headings.findings(document, Settings()))
    for finding in findings:
        if finding.code in ("HDG009", "HDG010", "HDG011"):
            question = document.report.question(finding.question)
            paragraphs = question.prompt_paragraphs
            wordings = [
                p for t in revisions if t.question(question.number) for p in t.question(question.number).prompts
            ]
            report_wording = tuple(fingerprint(p.text) for p in paragraphs)
            assert all(w.paragraphs != report_wording for w in wordings), finding
            if finding.code != "HDG010":
                (paragraph,) = [p for p in paragraphs if p.number == finding.line]
                assert all(fingerprint(paragraph.text) not in w.paragraphs for w in wordings), finding
        if finding.code == "HDG001":
            # '### Week 1' is missing; '# Title' and 2 more headings are missing: '## A' and '### B'
            for hashes, text in re.findall(r"'(#+) ([^']*)'", finding.message):
                wanted = (len(hashes), text)
                assert all(wanted in t.headings for t in revisions if t.run == document.template.run), finding


def test_a_course_batch_as_csv_and_its_overview(tmp_path: Path, capsys) -> None:
    """A folder of the course's clones: a row for every answer the grader counts in every reports/README.md under
    it, and as many aborts in the overview as the official checker had."""
    corpus = corpus_module()
    graded, missing = {}, set()
    for name in corpus.names():
        report = corpus.materialize(name, tmp_path)  # committed: the first commit's date may decide the checker
        if corpus.entry(name)["path"].casefold() == "reports/readme.md":
            graded[str(report)] = name
        else:
            missing.add(str(tmp_path / name))
    assert len(missing) == 3  # three reports are elsewhere in their repositories: the grader finds none there
    assert check_main(["--summary", "--format", "csv", str(tmp_path)]) == 2
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert {row["path"] for row in rows} == set(graded) | missing
    assert {row["path"] for row in rows if row["status"] == "missing"} == missing
    for path, name in graded.items():
        official = corpus.official(name)
        questions = [int(row["question"]) for row in rows if row["path"] == path]
        assert questions == list(range(1, official["answers_found"] + 1)), name
        assert {row["checker"] for row in rows if row["path"] == path} == {official["template"]}
    check_main(["--summary", "--format", "json", str(tmp_path)])
    data = json.loads(capsys.readouterr().out)
    assert data[-1]["overview"]["aborts"] == sum(bool(corpus.official(name)["error"]) for name in graded.values())
    assert (data[-1]["overview"]["reports"], data[-1]["overview"]["missing"]) == (len(corpus.names()), 3)


@pytest.mark.parametrize("name", corpus_names())
def test_an_abort_is_the_first_line_a_student_reads(name: str, capsys) -> None:
    check_main([str(CORPUS / "reports" / f"{name}.md")])
    out = findings(capsys.readouterr().out)
    aborts = bool(corpus_module().official(name)["error"])
    assert bool(out) and (" LEN002 " in out[0]) == aborts, out[:1]
    assert sum(" LEN002 " in line for line in out) == aborts


def test_a_run_named_against_the_reports_wording_gets_a_hint(capsys) -> None:
    path = CORPUS / "reports" / "02476-MLOps-2026-Group-128__02476_project.md"
    length_main(["--template", "2023", str(path)])
    assert capsys.readouterr().err == (
        f"report-length: note: {path} reads like the 2026 template (revision 2026-01-09), not the 2023 one: "
        "is --template 2026 meant?\n"
    )
    length_main(["--template", "2026", str(path)])
    assert capsys.readouterr().err == ""


def test_a_changed_prompt_without_a_pristine_first_commit_says_where_the_template_is(capsys) -> None:
    url = "https://github.com/SkafteNicki/dtu_mlops/blob/eb7305c5/reports/README.md"
    assert [line for line in headings_output("RABL1N__02476-Project", capsys) if " HDG009 " in line] == [
        f"291: HDG009 warning: Question 11: the prompt's example differs from the template; compare it with the "
        f"2026-01-09 template: {url}",
        f"376: HDG009 warning: Question 15: the prompt's example differs from the template; compare it with the "
        f"2026-01-09 template: {url}",
    ]


def test_a_renamed_section_heading_is_a_warning_that_changes_no_grade(tmp_path: Path, capsys) -> None:
    """The grader passes this report, and reads the renamed section as before: the commit is not blocked."""
    report = corpus_module().materialize("nicholaseruplarsen__mlops-02476", tmp_path)
    text = report.read_text(encoding="utf-8")
    report.write_text(text.replace("\n## Coding environment\n", "\n## Coding setup\n"), encoding="utf-8")
    assert check_main([str(report)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert f"{report}:116: HDG002 warning: '## Coding setup' differs from the template's '## Coding environment'" in out
    assert out[-1] == (
        "Found 3 findings (3 warnings); the official checker will print 0 WARNING lines; 1 fixable with --fix."
    )


def test_the_2023_and_2024_checker_prints_teacher_warnings(capsys) -> None:
    path = str(CORPUS / "reports" / "borisrakovan__dtu-mlops-project.md")
    assert check_main(["--ignore", "HDG,IMG,PLH,CHK", path]) == 1
    assert findings(capsys.readouterr().out)[-1:] == [
        f"{path}:555: LEN001 Question 27: 208 words, limit 50-200 (8 over)"
    ]
    assert check_main(["--ignore", "HDG,IMG,PLH,CHK", path]) == 1
    assert capsys.readouterr().out.splitlines()[-1] == (
        "Found 2 findings (2 in the official checker's output); the official checker will print 2 TeacherWarning lines."
    )
    assert check_main(["--summary", path]) == 1
    assert "official checker: 2 TeacherWarning lines" in capsys.readouterr().out.splitlines()


def _blocks(html: str) -> tuple[list[str], int, int, int]:
    """Headings (level and text), code blocks, tables and images of rendered HTML."""
    headings = [f"{level}:{re.sub(r'<[^>]+>', '', text).strip()}" for level, text in
                re.findall(r"<h([1-6])\b[^>]*>(.*?)</h\1>", html, re.S)]  # fmt: skip
    return (
        headings,
        len(re.findall(r"<pre\b", html)),
        len(re.findall(r"<table\b", html)),
        len(re.findall(r"<img\b", html)),
    )


@pytest.mark.parametrize("name", corpus_names())
def test_the_page_of_every_report_is_what_cmark_gfm_renders_with_every_finding_placed(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    cmarkgfm = pytest.importorskip("cmarkgfm")
    pytest.importorskip("nh3")
    from cmarkgfm.cmark import Options

    report = corpus_module().materialize(name, tmp_path)
    monkeypatch.chdir(report.parent)
    check_main(["--format", "json", "--html", str(tmp_path / "page.html"), report.name])
    found = json.loads(capsys.readouterr().out)
    page = (tmp_path / "page.html").read_text(encoding="utf-8")
    article = page[page.index("<article") : page.index("</article>")]
    assert len(re.findall(r'<li class="(?:error|warning)" data-line="\d+">', article)) == len(found)
    shown = re.sub(r'<ul class="findings"[^>]*>.*?</ul>', "", article, flags=re.S)
    with report.open(encoding="utf-8") as file:  # universal newlines, as the report is read
        text = file.read()
    github = cmarkgfm.github_flavored_markdown_to_html(text, options=Options.CMARK_OPT_UNSAFE)
    assert _blocks(shown) == _blocks(github)
