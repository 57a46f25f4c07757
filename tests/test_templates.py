from __future__ import annotations

import json
import runpy
import shutil
import sysconfig
from pathlib import Path

import pytest
from conftest import EXAMPLE_TEMPLATE, SHARED, requires_shared

from hooks.markdown import parse_report
from hooks.official import Checker, Limits, decode, read_report_py
from hooks.templates import (
    DATA_DIR,
    TemplateError,
    derive_limits,
    detect,
    from_report,
    load_data_module,
    load_registry,
    load_template_file,
    registry,
)
from hooks.templates.__main__ import data_module
from hooks.templates.__main__ import main as build_main

REVISIONS = SHARED / "corpus" / "templates" / "revisions"
BUNDLED = list(registry())


def report_py(commit: str) -> Path:
    """The course's report.py at a commit, from the corpus of template revisions."""
    (folder,) = REVISIONS.glob(f"*_{commit}")
    return folder / "report.py"


def test_bundled_templates_are_whole() -> None:
    assert BUNDLED
    for name, template in registry().items():
        numbers = [q.number for q in template.questions]
        assert numbers == list(range(1, template.checker.expected + 1)), name
        assert template.checker.name == name
        assert all(q.prompts[0].paragraphs for q in template.questions), name
        assert template.title and template.sections, name


@requires_shared
@pytest.mark.parametrize("name", BUNDLED)
def test_bundled_checker_is_its_report_py(name: str) -> None:
    """Each checker_<name>.py holds exactly the table of the report.py it names."""
    commit = load_data_module(DATA_DIR, f"checker_{name}").REPORT_PY
    source = report_py(commit).read_text(encoding="utf-8")
    assert registry()[name].checker == read_report_py(source, name)


@requires_shared
def test_every_course_run_is_graded_by_a_bundled_checker() -> None:
    """The final report.py of every run reads and limits like one bundled checker (2023 and 2024 share one)."""
    manifest = json.loads((REVISIONS / "manifest.json").read_text(encoding="utf-8"))
    finals = {entry["course_run"]: entry["run_final_checker"] for entry in manifest}
    tables = {name: template.checker._replace(name="") for name, template in registry().items()}
    graded = {}
    for run, folder in sorted(finals.items()):
        checker = read_report_py((REVISIONS / folder / "report.py").read_text(encoding="utf-8"), "")
        graded[run] = [name for name, table in tables.items() if table == checker]
    assert graded == {2023: ["2023"], 2024: ["2023"], 2025: ["2025"], 2026: ["2026"]}


@requires_shared
def test_every_revision_report_py_can_be_read() -> None:
    folders = sorted(path.parent for path in REVISIONS.glob("*/report.py"))
    assert len(folders) > 20
    for folder in folders:
        checker = read_report_py((folder / "report.py").read_text(encoding="utf-8"), folder.name)
        assert checker.expected in (27, 31), folder.name


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for key, item in value.items() for s in [key, *_strings(item)]]
    if isinstance(value, (list, tuple)):
        return [s for item in value for s in _strings(item)]
    return []


@pytest.mark.parametrize("name", BUNDLED)
def test_prompts_data_holds_facts_not_sentences(name: str) -> None:
    data = load_data_module(DATA_DIR, f"prompts_{name}").DATA
    headings = {text for _, text in data["headings"]}
    keys = {"name", "checker", "headings", "questions", "n", "section", "prompts", "paragraphs", "kinds", "whole"}
    keys |= {"example_lines", "answer_lines", "question", "length", "example", "text"}
    for text in _strings(data):
        is_hash = len(text) == 8 and all(c in "0123456789abcdef" for c in text)
        assert is_hash or text in headings or text in keys or text == data["name"], text


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
    assert template.name == "template.md"
    assert template.sections == ("Group information", "Tooling", "Wrapping up")
    assert template.checker == Checker(
        "template.md",
        (Limits(), Limits(20, 40), Limits(10, 30), Limits(10, 50, 1, 2), Limits(None, None, 1, 1), Limits(5, 25)),
    )


def test_template_file_errors(tmp_path: Path) -> None:
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
    templates = {"old": from_report("old", parse_report(template_text)), "new": from_report("new", parse_report(newer))}
    assert detect(parse_report(template_text), templates).name == "old"
    assert detect(parse_report(newer), templates).name == "new"
    # Edited prompts elsewhere do not change the verdict.
    edited = newer.replace("**Which group are you?**", "**Our group**").replace(
        "**Include a figure of your pipeline.**", "**A figure**"
    )
    assert detect(parse_report(edited), templates).name == "new"
    # Without the one paragraph that tells them apart, the older template is kept.
    neither = newer.replace("**Which test runner do you use?**", "**Tests?**")
    assert detect(parse_report(neither), templates).name == "old"
    assert detect(parse_report("### Question 1\n> **Unrelated**\n> Answer:\n"), templates) is None


CHECKER_2099 = """REPORT_PY = "0000000"
QUESTIONS = 6
SKIP_CHARS = 0
DROP_FIRST_SPAN = False
WORDS = {2: (20, 40), 3: (10, 30), 4: (10, 40), 6: (5, 25)}
IMAGES = {4: (1, 2), 5: (1, 1)}
"""


def test_build_command_writes_a_prompts_module(tmp_path: Path, capsys) -> None:
    (tmp_path / "checker_2099.py").write_text(CHECKER_2099)
    assert build_main(["build", str(EXAMPLE_TEMPLATE), "--name", "2099", "--output-dir", str(tmp_path)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"wrote {tmp_path / 'prompts_2099.py'}: 6 questions, graded by checker_2099.py",
        "  Question 4: words: the prompt says 10-50, report.py checks 10-40",
    ]
    built = load_registry(str(tmp_path))["2099"]
    expected = from_report("2099", parse_report(EXAMPLE_TEMPLATE.read_text()))
    assert built.questions == expected.questions and built.headings == expected.headings
    assert built.limits(4) == Limits(10, 40, 1, 2) and built.checker.expected == 6


def test_build_command_needs_the_checker_first(tmp_path: Path, capsys) -> None:
    assert build_main(["build", str(EXAMPLE_TEMPLATE), "--name", "2099", "--output-dir", str(tmp_path)]) == 2
    assert capsys.readouterr().err == (
        f"python -m hooks.templates: error: {EXAMPLE_TEMPLATE}: {tmp_path / 'checker_2099.py'} is missing\n"
    )
    assert not list(tmp_path.iterdir())


def test_build_command_rejects_a_non_template(tmp_path: Path, capsys) -> None:
    (tmp_path / "checker_x.py").write_text(CHECKER_2099)
    (tmp_path / "x.md").write_text("# nothing\n")
    assert build_main(["build", str(tmp_path / "x.md"), "--name", "x", "--output-dir", str(tmp_path)]) == 2
    assert capsys.readouterr().err == (
        f"python -m hooks.templates: error: {tmp_path / 'x.md'}: it has no '### Question N' headings\n"
    )
    assert not list(tmp_path.glob("prompts_*.py"))


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--name", "2026-rev", "--output-dir", "."], "'2026-rev' cannot name a data module"),
        (["--name", "x", "--output-dir", sysconfig.get_paths()["purelib"]], "is an installed package"),
    ],
)
def test_build_command_refuses(arguments: list[str], message: str, capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        build_main(["build", str(EXAMPLE_TEMPLATE), *arguments])
    assert exit_info.value.code == 2
    assert message in capsys.readouterr().err.splitlines()[-1]


def test_data_module_holds_exactly_the_data(tmp_path: Path) -> None:
    data = {
        "name": "x",
        "texts": ['say "hi"', "it's", "back\\slash", "Página \u2013 ok", "tab\tand\nnewline"],
        "nothing": None,
        "flags": [True, False],
        "empty": [],
        "nested": {"n": 3, "pairs": [[1, "a"]]},
    }
    path = tmp_path / "prompts_x.py"
    path.write_text(data_module("x", data), encoding="utf-8")
    assert runpy.run_path(str(path))["DATA"] == data


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


def _build_options(name: str, tmp_path: Path) -> list[str]:
    return ["--variant", str(revision_with_the_later_question_25(tmp_path))] if name == "2026" else []


@requires_shared
@pytest.mark.parametrize("name", BUNDLED)
def test_bundled_prompts_module_is_what_the_build_command_makes(tmp_path: Path, name: str) -> None:
    output = tmp_path / "registry"
    output.mkdir()
    shutil.copy(Path(DATA_DIR) / f"checker_{name}.py", output)
    pristine = SHARED / "corpus" / "templates" / f"{name}.md"
    command = ["build", str(pristine), "--name", name, "--output-dir", str(output), *_build_options(name, tmp_path)]
    assert build_main(command) == 0
    assert (output / f"prompts_{name}.py").read_bytes() == (Path(DATA_DIR) / f"prompts_{name}.py").read_bytes()


@requires_shared
@pytest.mark.parametrize("name", BUNDLED)
def test_pristine_templates_are_detected(name: str) -> None:
    text = (SHARED / "corpus" / "templates" / f"{name}.md").read_text(encoding="utf-8")
    assert detect(parse_report(text)).name == name


def _corpus_reports() -> dict[str, str]:
    return {path.stem: decode(path.read_bytes()) for path in sorted((SHARED / "corpus" / "reports").glob("*.md"))}


@requires_shared
def test_a_next_year_template_changes_no_corpus_report_s_year(tmp_path: Path, capsys) -> None:
    """2027: the 2026 template with one changed limit, Question 3 at 0-150 words, prompt and checker alike."""
    newest = list(registry())[-1]
    registry_dir = tmp_path / "registry"
    shutil.copytree(DATA_DIR, registry_dir, ignore=shutil.ignore_patterns("__*"))
    checker = (registry_dir / f"checker_{newest}.py").read_text(encoding="utf-8")
    assert "    3: (0, 200),\n" in checker
    (registry_dir / "checker_2027.py").write_text(checker.replace("    3: (0, 200),\n", "    3: (0, 150),\n"))
    template = (SHARED / "corpus" / "templates" / f"{newest}.md").read_text(encoding="utf-8")
    assert template.count("Recommended answer length: 0-200 words.") > 1
    question_3 = template.index("### Question 3")
    next_year = template[:question_3] + template[question_3:].replace("0-200 words", "0-150 words", 1)
    (tmp_path / "2027.md").write_text(next_year, encoding="utf-8")
    command = ["build", str(tmp_path / "2027.md"), "--name", "2027", "--output-dir", str(registry_dir)]
    assert build_main(command) == 0
    assert "Question 3" not in capsys.readouterr().out  # the prompt and the checker agree

    with_next_year = load_registry(str(registry_dir))
    assert list(with_next_year) == [*BUNDLED, "2027"]
    assert with_next_year["2027"].limits(3) == Limits(0, 150)
    assert detect(parse_report(next_year), with_next_year).name == "2027"
    for name, text in _corpus_reports().items():
        report = parse_report(text)
        assert detect(report, with_next_year).name == detect(report).name, name
