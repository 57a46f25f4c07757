"""The checklist family (CHK): ticks against what git tracks, tick marks GitHub shows as text, a checklist never
ticked. The course's item wordings are not ours to copy: these tests give the items wordings of our own (the
fingerprint table is patched); tests/test_corpus_checklist.py holds the real table to the course's templates."""

import json
import os
from pathlib import Path

import pytest
from conftest import EXAMPLE_TEMPLATE, fill, git, with_figures

import hooks.templates.checklist as items
from hooks.checks import checklist
from hooks.checks.evidence import EVIDENCE
from hooks.entry import report_check, report_checklist
from hooks.templates.checklist import item_fingerprint

# Our own wording for each item whose ticks are checked against the repository.
WORDING = {item: f"We did the {item.replace('_', ' ')} part of the course" for item in EVIDENCE}


@pytest.fixture(autouse=True)
def our_wordings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(items, "_items", lambda: {item_fingerprint(text): item for item, text in WORDING.items()})
    monkeypatch.chdir(tmp_path)  # and back after the test: student() enters the group's repository


def report_text(template_text: str, answers: dict[int, str], checklist_lines: str) -> str:
    """The example report with a checklist before its first section, as the course's template has it."""
    text = fill(template_text, answers)
    at = text.index("\n## Group information") + 1
    return text[:at] + checklist_lines + "\n" + text[at:]


def student(tmp_path: Path, text: str, files: dict[str, str], commit: bool = True) -> Path:
    """A group's repository (the working folder): reports/README.md, the figures it shows and ``files``, all
    tracked; the example template beside them, not tracked."""
    root = tmp_path / "group"
    report = root / "reports" / "README.md"
    report.parent.mkdir(parents=True)
    report.write_text(text, encoding="utf-8")
    with_figures(report)
    for name, content in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(content, encoding="utf-8")
    if commit:
        git(root, "init", "-q")
        git(root, "add", "-A")
    (root / "template.md").write_text(EXAMPLE_TEMPLATE.read_text(encoding="utf-8"), encoding="utf-8")
    os.chdir(root)
    return root


def run(capsys, *args: str, hook=report_checklist) -> tuple[int, list[str], str]:
    code = hook(["--template-file", "template.md", "--format", "json", *args, "reports/README.md"])
    out, err = capsys.readouterr()
    return code, [f"{f['line']}: {f['code']} {f['severity']}: {f['message']}" for f in json.loads(out)], err


# Per item: files that back its tick, and files of a repository whose tick it does not back (a template stub
# among them where the course's cookiecutter ships one).
EVIDENCE_CASES = {
    "dockerfiles": ({"dockerfiles/train.dockerfile": "FROM python:3.12\n"}, {"src/app.py": "x = 1\n"}),
    "ci": ({".github/workflows/tests.yaml": "on: push\n"}, {"ci/notes.txt": "todo\n"}),
    "ci_lint": (
        {".github/workflows/lint.yml": "jobs:\n  lint:\n    steps:\n      - run: ruff check .\n"},
        {".github/workflows/tests.yml": "jobs:\n  test:\n    steps:\n      - run: pytest\n"},
    ),
    "precommit": ({".pre-commit-config.yaml": "repos: []\n"}, {"setup.cfg": "[flake8]\n"}),
    "unit_tests_data": ({"tests/test_data.py": "def test_shape():\n    assert True\n"}, {"tests/test_data.py": ""}),
    "unit_tests_model": (
        {"tests/unit/test_network.py": "def test_forward():\n    assert True\n"},
        {"tests/test_model.py": "", "tests/integration/test_api.py": "def test_predict_model():\n    pass\n"},
    ),
    "api_tests": (
        {"tests/integrationtests/test_apis.py": "def test_root():\n    pass\n"},
        {"tests/test_data.py": "def test_shape():\n    pass\n"},
    ),
    "load_test": ({"tests/performance/locustfile.py": "from locust import HttpUser\n"}, {"tests/test_x.py": ""}),
    "fastapi": ({"src/group/api.py": "from fastapi import FastAPI\n"}, {"src/group/api.py": "import flask\n"}),
    "hydra": ({"requirements.txt": "hydra-core>=1.3\n"}, {"requirements.txt": "omegaconf\n"}),
    "lightning": ({"src/group/train.py": "import lightning as L\n"}, {"src/group/train.py": "import torch\n"}),
    "onnx_bento": (
        {"pyproject.toml": '[project]\ndependencies = ["onnxruntime>=1.17"]\n'},
        {"pyproject.toml": '[project]\ndependencies = ["torch"]\n'},
    ),
    "config_files": ({"configs/train.yaml": "lr: 0.1\n"}, {"src/group/x.py": "x = 1\n"}),
    "requirements": ({"requirements.txt": "torch\n"}, {"src/group/x.py": "x = 1\n"}),
    "data_py": ({"src/group/data.py": "def load():\n    pass\n"}, {"src/group/x.py": "x = 1\n"}),
    "model_train": ({"src/group/train.py": "def main():\n    pass\n"}, {"src/group/model.py": "x = 1\n"}),
}


def test_every_item_with_evidence_has_its_cases() -> None:
    assert set(EVIDENCE_CASES) == set(EVIDENCE)


@pytest.mark.parametrize("item", sorted(EVIDENCE))
def test_a_tick_the_commit_backs_passes(item: str, tmp_path, template_text, good_answers, capsys) -> None:
    backed, _ = EVIDENCE_CASES[item]
    student(tmp_path, report_text(template_text, good_answers, f"* [x] {WORDING[item]}\n"), backed)
    assert run(capsys) == (0, [], "")


@pytest.mark.parametrize("item", sorted(EVIDENCE))
def test_a_tick_the_commit_does_not_back_is_a_warning(item: str, tmp_path, template_text, good_answers, capsys) -> None:
    _, unbacked = EVIDENCE_CASES[item]
    text = report_text(template_text, good_answers, f"* [ ] We met every week\n* [X] {WORDING[item]}\n")
    student(tmp_path, text, unbacked)
    line = text.split("\n").index(f"* [X] {WORDING[item]}") + 1
    words = WORDING[item].split()
    ticked = " ".join(words[:8]) + (" ..." if len(words) > 8 else "")
    assert run(capsys) == (
        0,
        [f"{line}: CHK001 warning: ticked '{ticked}', but not found in this commit: {EVIDENCE[item].looked_for}"],
        "",
    )


def test_the_work_on_a_branch_is_not_in_this_commit(tmp_path, template_text, good_answers, capsys) -> None:
    text = report_text(template_text, good_answers, f"* [x] {WORDING['fastapi']}\n")
    root = student(tmp_path, text, {"README.md": "# Group 7\n"})
    git(root, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qm", "report")
    git(root, "checkout", "-qb", "api")
    (root / "api.py").write_text("from fastapi import FastAPI\n", encoding="utf-8")
    git(root, "add", "api.py")
    git(root, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qm", "api")
    assert run(capsys)[1] == []
    git(root, "checkout", "-q", "-")
    assert [line.split(": ")[1] for line in run(capsys)[1]] == ["CHK001 warning"]


def test_an_untracked_file_backs_nothing(tmp_path, template_text, good_answers, capsys) -> None:
    root = student(tmp_path, report_text(template_text, good_answers, f"* [x] {WORDING['precommit']}\n"), {"a.py": ""})
    (root / ".pre-commit-config.yaml").write_text("repos: []\n", encoding="utf-8")
    assert [line.split(": ")[1] for line in run(capsys)[1]] == ["CHK001 warning"]
    git(root, "add", ".pre-commit-config.yaml")
    assert run(capsys) == (0, [], "")


def test_ticks_outside_git_are_said_once_not_checked(tmp_path, template_text, good_answers, capsys) -> None:
    lines = f"* [x] {WORDING['dockerfiles']}\n* [x] {WORDING['hydra']}\n"
    text = report_text(template_text, good_answers, lines)
    student(tmp_path, text, {"src/app.py": ""}, commit=False)
    line = text.split("\n").index(f"* [x] {WORDING['dockerfiles']}") + 1
    assert run(capsys) == (
        0,
        [f"{line}: CHK004 warning: the ticked items were not checked: the report is not in a git repository"],
        "",
    )


def test_a_repository_of_the_report_alone_is_not_checked(tmp_path, template_text, good_answers, capsys) -> None:
    """Its project is elsewhere (or it is a copy of the report, as the corpus makes one): nothing to say."""
    student(tmp_path, report_text(template_text, good_answers, f"* [x] {WORDING['ci']}\n"), {})
    assert run(capsys) == (0, [], "")
    assert report_check(["--template-file", "template.md", "--summary", "--format", "json", "reports/README.md"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["ticks_not_backed"] is None


def test_a_checklist_without_ticks_of_items_with_evidence_never_asks_git(
    tmp_path, template_text, good_answers, capsys, monkeypatch
) -> None:
    student(tmp_path, report_text(template_text, good_answers, "* [x] We met every week\n* [ ] We wrote tests\n"), {})
    monkeypatch.setattr(checklist, "_tree", lambda document: pytest.fail("git was asked"))
    assert run(capsys) == (0, [], "")


MARKS = f"* [ok] We met every week\n* [✅] We wrote tests\n* [] We measured the cost\n* [~] {WORDING['hydra']}\n"


def test_marks_github_shows_as_text_one_finding_each(tmp_path, template_text, good_answers, capsys) -> None:
    text = report_text(template_text, good_answers, MARKS + "* [ok] We kept a log\n")
    student(tmp_path, text, {"a.py": ""})
    first = text.split("\n").index("* [ok] We met every week") + 1
    assert run(capsys) == (
        0,
        [
            f"{first}: CHK002 warning: 2 checklist items use '[ok]', which GitHub shows as text, not as a box "
            f"(lines {first}, {first + 4}); write [x]",
            f"{first + 1}: CHK002 warning: a checklist item uses '[✅]', which GitHub shows as text, not as a box; "
            "write [x]",
            f"{first + 2}: CHK002 warning: a checklist item uses '[]', which GitHub shows as text, not as a box; "
            "write [ ]",
            f"{first + 3}: CHK002 warning: a checklist item uses '[~]', which GitHub shows as text, not as a box; "
            "write [x] or [ ]",
        ],
        "",
    )


def test_fix_writes_the_boxes_github_shows_and_nothing_else(tmp_path, template_text, good_answers, capsys) -> None:
    symbol = f"- ✅ {WORDING['requirements']}"
    text = report_text(template_text, good_answers, MARKS + symbol + "\n").replace("\n", "\r\n")
    root = student(tmp_path, "", {"requirements.txt": "torch\n"})
    (root / "reports" / "README.md").write_bytes(text.encode("utf-8"))
    code = report_checklist(["--template-file", "template.md", "--fix", "reports/README.md"])
    out, err = capsys.readouterr()
    fixed = text.replace("[ok]", "[x]").replace("[✅]", "[x]").replace("* []", "* [ ]").replace("- ✅", "- [x]")
    assert (root / "reports" / "README.md").read_bytes() == fixed.encode("utf-8")
    assert code == 1 and err.endswith("Fixing reports/README.md\n")
    assert out.splitlines()[0].endswith("CHK002 warning: a checklist item uses '[~]', which GitHub shows as text, "
                                        "not as a box; write [x] or [ ]")  # fmt: skip
    assert report_checklist(["--template-file", "template.md", "--fix", "reports/README.md"]) == 0
    assert (root / "reports" / "README.md").read_bytes() == fixed.encode("utf-8")


def test_a_bullet_of_words_in_brackets_that_is_no_item_is_left_alone(
    tmp_path, template_text, good_answers, capsys
) -> None:
    lines = "* [Docs] our documentation\n* ✅ done, we think\n* [x] We met every week\n"
    student(tmp_path, report_text(template_text, good_answers, lines), {"a.py": ""})
    assert run(capsys) == (0, [], "")


def test_a_checklist_never_ticked_beside_written_answers(tmp_path, template_text, good_answers, capsys) -> None:
    lines = "".join(f"* [ ] We did part {n}\n" for n in range(1, 6))
    text = report_text(template_text, good_answers, lines)
    student(tmp_path, text, {"a.py": ""})
    first = text.split("\n").index("* [ ] We did part 1") + 1
    assert run(capsys) == (
        0,
        [f"{first}: CHK003 warning: nothing in the checklist is ticked (5 items), though the answers are written"],
        "",
    )


def test_an_unanswered_report_may_have_an_empty_checklist(tmp_path, template_text, capsys) -> None:
    student(tmp_path, report_text(template_text, {}, "".join(f"* [ ] Part {n}\n" for n in range(6))), {"a.py": ""})
    assert run(capsys) == (0, [], "")


def test_the_summary_counts_the_ticks_not_backed(tmp_path, template_text, good_answers, capsys) -> None:
    lines = f"* [x] {WORDING['dockerfiles']}\n* [x] {WORDING['hydra']}\n* [x] {WORDING['requirements']}\n"
    student(tmp_path, report_text(template_text, good_answers, lines), {"requirements.txt": "torch\n"})
    assert report_check(["--template-file", "template.md", "--summary", "--format", "json", "reports/README.md"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["ticks_not_backed"] == 2
    assert report_check(["--template-file", "template.md", "--summary", "reports/README.md"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "checklist: 2 ticked items are not backed by this commit"
