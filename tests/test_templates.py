from __future__ import annotations

import json
import shutil
import sysconfig
from pathlib import Path

import pytest
from conftest import EXAMPLE_REPORT_PY as CONFTEST_REPORT_PY
from conftest import EXAMPLE_TEMPLATE, SHARED, requires_shared

from hooks.app.reading import build_document, load_template_file
from hooks.checks.registry import FAMILIES
from hooks.checks.rules import Settings
from hooks.core.official import Checker, Limits, decode
from hooks.core.report import parse_report
from hooks.templates.checklist import item_fingerprint
from hooks.templates.detect import detect
from hooks.templates.model import TemplateError, derive_limits, from_report
from hooks.templates.report_py import read_report_py
from hooks.templates.revisions import (
    DATA_DIR,
    known_revisions,
    load_checkers,
    load_data,
    load_revisions,
    runs,
    source_fingerprint,
    table_fingerprint,
)
from hooks.tools.templates import main as build_main

REVISIONS = SHARED / "corpus" / "templates" / "revisions"
CHECKERS = sorted(path.stem[len("checker_") :] for path in Path(DATA_DIR).glob("checker_*.json"))


def manifest() -> list[dict]:
    """Every revision of the course template in ../shared, oldest first: dir, date, commit, course_run."""
    return json.loads((REVISIONS / "manifest.json").read_text(encoding="utf-8"))


def revision_dirs() -> list[str]:
    return [entry["dir"] for entry in manifest()] if (REVISIONS / "manifest.json").is_file() else []


def report_py(commit: str) -> Path:
    """The course's report.py at a commit, from the corpus of template revisions."""
    (folder,) = REVISIONS.glob(f"*_{commit}")
    return folder / "report.py"


def test_bundled_revisions_are_whole() -> None:
    assert known_revisions()
    checkers = load_checkers(DATA_DIR)
    for template in known_revisions():
        numbers = [q.number for q in template.questions]
        assert numbers == list(range(1, len(numbers) + 1)), template.revision
        assert template.checker == checkers[template.run], template.revision
        assert all(q.prompts[0].paragraphs for q in template.questions), template.revision
        assert template.title and template.preamble and all(template.report_py), template.revision
    assert [template.revision for template in known_revisions()] == sorted(
        template.revision for template in known_revisions()
    )
    assert {name: template.run for name, template in runs().items()} == {str(run): run for run in checkers}


@requires_shared
@pytest.mark.parametrize("name", CHECKERS)
def test_bundled_checker_is_its_report_py(name: str) -> None:
    """Each checker_<name>.json holds exactly the table of the report.py it names."""
    data = load_data(DATA_DIR, f"checker_{name}.json")
    source = report_py(data["report_py"]).read_text(encoding="utf-8")
    assert load_checkers(DATA_DIR)[data["runs"][-1]] == read_report_py(source, name)


@requires_shared
def test_every_course_run_is_graded_by_its_final_report_py() -> None:
    """The checker of every run reads and limits exactly as that run's final report.py (2023 and 2024 share one)."""
    finals = {entry["course_run"]: entry["run_final_checker"] for entry in manifest()}
    checkers = load_checkers(DATA_DIR)
    assert sorted(checkers) == sorted(finals)
    for run, folder in finals.items():
        final = read_report_py((REVISIONS / folder / "report.py").read_text(encoding="utf-8"), "")
        assert checkers[run]._replace(name="") == final, run


@requires_shared
def test_every_revision_knows_the_report_py_it_came_with() -> None:
    """revisions.json's fingerprints of each revision's report.py, text and table, are those of the file."""
    for template in known_revisions():
        source = decode(report_py(template.commit[:8]).read_bytes())
        table = table_fingerprint(read_report_py(source, template.revision))
        assert template.report_py == (source_fingerprint(source), table), template.revision


@requires_shared
def test_every_revision_report_py_can_be_read() -> None:
    for folder in revision_dirs():
        checker = read_report_py((REVISIONS / folder / "report.py").read_text(encoding="utf-8"), folder)
        questions = parse_report((REVISIONS / folder / "README.md").read_text(encoding="utf-8")).questions
        assert checker.expected == len(questions), folder


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for key, item in value.items() for s in [key, *_strings(item)]]
    if isinstance(value, (list, tuple)):
        return [s for item in value for s in _strings(item)]
    return []


def test_revisions_data_holds_facts_not_sentences() -> None:
    data = load_data(DATA_DIR, "revisions.json")
    headings = {text for _, text in data["headings"]}
    keys = {"headings", "lines", "prompts", "questions", "revisions", "n", "section", "paragraphs", "kinds", "whole"}
    keys |= {"example_sentences", "example_blanks", "answer_lines", "date", "commit", "run", "preamble", "report_py"}
    kinds = {"question", "length", "example", "text"}
    dates = {revision["date"] for revision in data["revisions"]}
    for text in _strings(data):
        is_hash = len(text) == 8 and all(c in "0123456789abcdef" for c in text)
        assert is_hash or text in headings | keys | kinds | dates, text


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        (["**Explain it.**", "Recommended answer length: 100-200 words."], Limits(100, 200)),
        (["Answer length: 50 - 100 words"], Limits(50, 100)),
        (["**Show it.**", "Recommended answer length: 200-300 words + 1 to 3 screenshots."], Limits(200, 300, 1, 3)),
        (["**Insert 1-2 images of your bucket.**"], Limits(None, None, 1, 2)),
        (["**Upload one image of your registry.**"], Limits(None, None, 1, 1)),
        (
            ["**Include a figure of the system.** Take inspiration from [this figure](figures/x.png)."],
            Limits(None, None, 1, 1),
        ),
        (["**Only text.** See [this figure](figures/x.png)."], Limits()),
        (["**Q**", "Example: *As seen in the first image, 2-3 images help*"], Limits()),
    ],
)
def test_derive_limits(paragraphs, expected) -> None:
    assert derive_limits(paragraphs) == expected


def test_template_file_is_graded_by_the_limits_its_prompts_state() -> None:
    template = load_template_file(str(EXAMPLE_TEMPLATE))
    assert template.revision == "template.md"
    assert template.sections == ("Group information", "Tooling", "Wrapping up")
    assert template.checker == Checker(
        "template.md",
        (Limits(), Limits(20, 40), Limits(10, 30), Limits(10, 50, 1, 2), Limits(None, None, 1, 1), Limits(5, 25)),
    )


def test_template_file_errors(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)  # a template file is read inside the working folder's repository
    with pytest.raises(TemplateError, match=r"^cannot read template file .*missing\.md: "):
        load_template_file(str(tmp_path / "missing.md"))
    (tmp_path / "notes.md").write_text("# Notes\n\nNo questions here.\n")
    with pytest.raises(TemplateError, match=r"notes\.md is not a report template: it has no '### Question N' headings"):
        load_template_file(str(tmp_path / "notes.md"))
    (tmp_path / "latin1.md").write_bytes(b"### Question 1\n\xe9\n")
    with pytest.raises(TemplateError, match="cannot read template file"):
        load_template_file(str(tmp_path / "latin1.md"))


def test_detect_picks_the_template_with_the_most_shared_prompts(template_text) -> None:
    newer = template_text.replace("**How do you run your tests?**", "**Which test runner do you use?**")
    templates = (from_report("old", parse_report(template_text)), from_report("new", parse_report(newer)))
    assert detect(parse_report(template_text), templates).revision == "old"
    assert detect(parse_report(newer), templates).revision == "new"
    # Edited prompts elsewhere do not change the verdict.
    edited = newer.replace("**Which group are you?**", "**Our group**").replace(
        "**Include a figure of your pipeline.**", "**A figure**"
    )
    assert detect(parse_report(edited), templates).revision == "new"
    # Without the one paragraph that tells them apart, the older template is kept.
    neither = newer.replace("**Which test runner do you use?**", "**Tests?**")
    assert detect(parse_report(neither), templates).revision == "old"
    assert detect(parse_report("### Question 1\n> **Unrelated**\n> Answer:\n"), templates) is None


def test_detect_tells_revisions_with_the_same_prompts_apart_by_their_preamble(template_text) -> None:
    later = template_text.replace("made-up course\n", "made-up course\n\nA new instruction.\n", 1)
    assert later != template_text
    templates = (from_report("early", parse_report(template_text)), from_report("late", parse_report(later)))
    assert detect(parse_report(later), templates).revision == "late"
    # A report without the new line is explained better by the revision without it.
    assert detect(parse_report(template_text), templates).revision == "early"


CHECKER_2099 = json.dumps(
    {
        "report_py": "0000000",
        "runs": [2099],
        "questions": 6,
        "skip_chars": 0,
        "drop_first_span": False,
        "words": {"2": [20, 40], "3": [10, 30], "4": [10, 40], "6": [5, 25]},
        "images": {"4": [1, 2], "5": [1, 1]},
    }
)


def course_folder(tmp_path: Path) -> Path:
    """A course repository's reports/ folder at one commit: the example template and a report.py."""
    folder = tmp_path / "course" / "reports"
    folder.mkdir(parents=True)
    shutil.copy(EXAMPLE_TEMPLATE, folder / "README.md")
    (folder / "report.py").write_text(EXAMPLE_REPORT_PY)
    return folder


# The example template's report.py, but checking Question 4 for 10-40 words where its prompt says 10-50.
EXAMPLE_REPORT_PY = CONFTEST_REPORT_PY.replace("min_length=10, max_length=50", "min_length=10, max_length=40")


def build(folder: Path, output: Path, date: str = "2098-12-01", *extra: str) -> list[str]:
    return ["build", str(folder / "README.md"), "--date", date, "--commit", "abc", "--run", "2099",
            "--output-dir", str(output), *extra]  # fmt: skip


def test_build_command_adds_a_revision(tmp_path: Path, capsys) -> None:
    (tmp_path / "checker_2099.json").write_text(CHECKER_2099)
    folder = course_folder(tmp_path)
    assert build_main(build(folder, tmp_path)) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"wrote {tmp_path / 'revisions.json'}: 1 revisions; 2098-12-01 has 6 questions, graded by the 2099 run's "
        "checker, which expects 6 answers",
        "  Question 4: words: the prompt says 10-50, report.py checks 10-40",
    ]
    (built,) = load_revisions(str(tmp_path))
    expected = from_report("2098-12-01", parse_report(EXAMPLE_TEMPLATE.read_text()))
    assert (built.revision, built.commit, built.run) == ("2098-12-01", "abc", 2099)
    assert built.questions == expected.questions and built.headings == expected.headings
    assert built.checker.limits[3] == Limits(10, 40, 1, 2) and built.checker.expected == 6
    # The same commit again replaces it; another one is added in date order.
    assert build_main(build(folder, tmp_path, "2098-12-01")) == 0
    assert build_main(["build", str(folder / "README.md"), "--date", "2098-11-01", "--commit", "def", "--run",
                       "2099", "--output-dir", str(tmp_path)]) == 0  # fmt: skip
    assert [(t.revision, t.commit) for t in load_revisions(str(tmp_path))] == [
        ("2098-11-01", "def"),
        ("2098-12-01", "abc"),
    ]


def test_build_command_needs_the_checker_first(tmp_path: Path, capsys) -> None:
    folder = course_folder(tmp_path)
    output = tmp_path / "registry"
    output.mkdir()
    assert build_main(build(folder, output)) == 2
    assert capsys.readouterr().err == (
        f"python -m hooks.tools.templates: error: {folder / 'README.md'}: no checker_*.json in {output} grades the "
        "2099 run: write it first\n"
    )
    assert not list(output.iterdir())


def test_build_command_rejects_a_non_template(tmp_path: Path, capsys) -> None:
    (tmp_path / "checker_2099.json").write_text(CHECKER_2099)
    folder = course_folder(tmp_path)
    (folder / "README.md").write_text("# nothing\n")
    assert build_main(build(folder, tmp_path)) == 2
    assert capsys.readouterr().err == (
        f"python -m hooks.tools.templates: error: {folder / 'README.md'}: it has no '### Question N' headings\n"
    )
    assert not (tmp_path / "revisions.json").exists()


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--date", "2026", "--output-dir", "."], "--date '2026': use YYYY-MM-DD"),
        (["--date", "2099-01-01", "--output-dir", sysconfig.get_paths()["purelib"]], "is an installed package"),
    ],
)
def test_build_command_refuses(arguments: list[str], message: str, capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        build_main(["build", str(EXAMPLE_TEMPLATE), "--commit", "x", "--run", "2099", *arguments])
    assert exit_info.value.code == 2
    assert message in capsys.readouterr().err.splitlines()[-1]


def revision_with_the_later_question_25(tmp_path: Path) -> Path:
    """The 2026 template with the Question 25 wording ("functional testing and load testing") that four
    2026 reports share. No revision in the corpus has it; one of those reports supplies it."""
    lines = (SHARED / "corpus" / "templates" / "2026.md").read_text(encoding="utf-8").split("\n")
    report = (SHARED / "corpus" / "reports" / "Aryan-Mi__dtu-vibe-ops-02476.md").read_text(encoding="utf-8")
    revised = report.split("\n")

    def prompt(source: list[str]) -> tuple[int, int]:
        start = source.index("### Question 25")
        return start, next(i for i in range(start, len(source)) if source[i].startswith("> Answer:"))

    (start, end), (revised_start, revised_end) = prompt(lines), prompt(revised)
    path = tmp_path / "2026-question-25.md"
    path.write_text("\n".join(lines[:start] + revised[revised_start:revised_end] + lines[end:]), encoding="utf-8")
    return path


# The revision that accepts the later wording of Question 25 too: the newest one.
VARIANT_REVISION = "2026-01-09_eb7305c5"


def build_every_revision(output: Path, tmp_path: Path) -> None:
    """Build revisions.py from every revision in ../shared, as the bundled one was built."""
    for checker in Path(DATA_DIR).glob("checker_*.json"):
        shutil.copy(checker, output)
    for entry in manifest():
        variant = ["--variant", str(revision_with_the_later_question_25(tmp_path))]
        command = ["build", str(REVISIONS / entry["dir"] / "README.md"), "--date", entry["date"], "--commit",
                   entry["commit"], "--run", str(entry["course_run"]), "--output-dir", str(output),
                   *(variant if entry["dir"] == VARIANT_REVISION else [])]  # fmt: skip
        assert build_main(command) == 0, entry["dir"]


@requires_shared
def test_bundled_revisions_module_is_what_the_build_command_makes(tmp_path: Path, capsys) -> None:
    output = tmp_path / "registry"
    output.mkdir()
    build_every_revision(output, tmp_path)
    assert (output / "revisions.json").read_bytes() == (Path(DATA_DIR) / "revisions.json").read_bytes()
    # The two revisions of the 2026 run that kept the 2025 wording of Question 3 are named as they are built.
    assert capsys.readouterr().out.count("  Question 3: words: the prompt says 100-200, report.py checks 0-200") == 2


@requires_shared
@pytest.mark.parametrize("folder", revision_dirs())
def test_every_pristine_revision_is_recognised(folder: str) -> None:
    """Each revision, as a report: its own run (or a byte-identical revision of a run graded alike), no
    heading or prompt finding, every question unanswered, and an abort explained when its run expects more."""
    entry = next(e for e in manifest() if e["dir"] == folder)
    text = (REVISIONS / folder / "README.md").read_text(encoding="utf-8")
    report = parse_report(text)
    detected = detect(report)
    own = next(template for template in known_revisions() if template.commit == entry["commit"])
    # Revisions whose texts differ in nothing a fingerprint sees are one: the oldest of them is named.
    facts = (own.questions, own.headings, own.preamble)
    assert detected == own or (detected.questions, detected.headings, detected.preamble) == facts
    assert detected.checker == load_checkers(DATA_DIR)[entry["course_run"]]

    document = build_document(folder, text, None)
    findings = [f for family in FAMILIES for f in family.findings(document, Settings())]
    assert [f for f in findings if f.code.startswith("HDG")] == []
    own_text = {q.number for q in detected.questions if q.answer_lines}
    unanswered = {f.question for f in findings if f.code == "PLH001"}
    assert unanswered == {q.number for q in report.questions} - own_text
    assert {f.question for f in findings if f.code == "PLH005"} == own_text
    aborts = [f.message for f in findings if f.code == "LEN002"]
    if len(report.questions) != detected.checker.expected:
        assert aborts == [
            f"official checker will abort ({len(report.questions)} answers, expected {detected.checker.expected}), "
            f"so it checks no word count: this report follows the {detected.revision} template, which has "
            f"{len(report.questions)} questions, and the {entry['course_run']} run's checker expects "
            f"{detected.checker.expected} answers"
        ]
    else:
        assert aborts == []


def _corpus_reports() -> dict[str, str]:
    return {path.stem: decode(path.read_bytes()) for path in sorted((SHARED / "corpus" / "reports").glob("*.md"))}


@requires_shared
def test_a_next_year_template_changes_no_corpus_report_s_year(tmp_path: Path, capsys) -> None:
    """2027: the newest revision with one changed limit, Question 3 at 0-150 words, prompt and checker alike."""
    newest = known_revisions()[-1]
    registry_dir = tmp_path / "registry"
    shutil.copytree(DATA_DIR, registry_dir, ignore=shutil.ignore_patterns("__*"))
    checker = load_data(str(registry_dir), f"checker_{newest.run}.json")
    assert checker["words"]["3"] == [0, 200]
    checker = {**checker, "runs": [2027], "words": {**checker["words"], "3": [0, 150]}}
    (registry_dir / "checker_2027.json").write_text(json.dumps(checker))
    folder = tmp_path / "2027"
    folder.mkdir()
    template = (REVISIONS / f"{newest.revision}_{newest.commit}" / "README.md").read_text(encoding="utf-8")
    question_3 = template.index("### Question 3")
    next_year = template[:question_3] + template[question_3:].replace("0-200 words", "0-150 words", 1)
    assert next_year != template
    (folder / "README.md").write_text(next_year, encoding="utf-8")
    (folder / "report.py").write_text(
        (REVISIONS / f"{newest.revision}_{newest.commit}" / "report.py")
        .read_text(encoding="utf-8")
        .replace("min_length=0, max_length=200", "min_length=0, max_length=150", 1)
    )
    command = ["build", str(folder / "README.md"), "--date", "2027-01-05", "--commit", "2027", "--run", "2027",
               "--output-dir", str(registry_dir)]  # fmt: skip
    assert build_main(command) == 0
    assert "Question 3" not in capsys.readouterr().out  # the prompt and the checker agree

    with_next_year = tuple(load_revisions(str(registry_dir)))
    assert [t.revision for t in with_next_year] == [*(t.revision for t in known_revisions()), "2027-01-05"]
    assert with_next_year[-1].checker.limits[2] == Limits(0, 150)
    assert detect(parse_report(next_year), with_next_year).run == 2027
    for name, text in _corpus_reports().items():
        report = parse_report(text)
        assert detect(report, with_next_year).run == detect(report).run, name


def test_build_command_names_the_checklist_items_it_does_not_know(tmp_path: Path, capsys) -> None:
    (tmp_path / "checker_2099.json").write_text(CHECKER_2099)
    folder = course_folder(tmp_path)
    text = (folder / "README.md").read_text(encoding="utf-8")
    at = text.index("\n## Group information") + 1
    (folder / "README.md").write_text(text[:at] + "* [ ] We wrote our own tests\n\n" + text[at:], encoding="utf-8")
    line = text[:at].count("\n") + 1
    assert build_main(build(folder, tmp_path)) == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        f"  checklist line {line} is no known item: add {item_fingerprint('We wrote our own tests')} to its item (or a "
        "new one) in hooks/templates/checklist.json"
    )
