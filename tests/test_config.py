"""The [tool.mlops-report-hooks] table: read alike by a hand run and the hook, overridden by the command line."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from conftest import check_run, fill, findings, words

from hooks.entry import report_check as main

PNG = b"\x89PNG\r\n\x1a\n" + bytes(8)
LOCAL_TEMPLATE = ["--template-file", "template.md"]  # inside the repository, where files named by options must be
R = "reports/README.md"


@pytest.fixture
def student(tmp_path: Path, template_text: str, good_answers: dict[int, str], monkeypatch) -> Path:
    """A repository whose report has Question 2 too long and its screenshots in reports/images/."""
    root = tmp_path / "student"
    (root / "reports" / "images").mkdir(parents=True)
    for name in ("dashboard.png", "pipeline.png"):
        (root / "reports" / "images" / name).write_bytes(PNG)
    answers = {n: text.replace("figures/", "images/") for n, text in good_answers.items()}
    (root / "reports" / "README.md").write_text(fill(template_text, {**answers, 2: words(45)}), encoding="utf-8")
    (root / "template.md").write_text(template_text, encoding="utf-8")
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    subprocess.run(["git", "add", "-A"], cwd=root, check=True)
    monkeypatch.chdir(root)
    return root


def run(capsys, *args: str) -> tuple[int, list[str], str]:
    return check_run(capsys, main, *args, R, template=LOCAL_TEMPLATE)


WITHOUT_TABLE = [
    f"{R}:17: LEN001 Question 2: 45 words, limit 20-40 (5 over)",
    f"{R}:51: IMG010 warning: Question 4: 'images/dashboard.png' is outside the figures/ folder",
    f"{R}:61: IMG010 warning: Question 5: 'images/pipeline.png' is outside the figures/ folder",
]


def test_the_table_sets_options(student: Path, capsys) -> None:
    assert run(capsys) == (1, WITHOUT_TABLE, "")
    (student / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.mlops-report-hooks]\nwarn = ["LEN001"]\nfigures-dir = "images"\n'
    )
    assert run(capsys, "--format", "json")[0] == 0
    assert run(capsys) == (0, [f"{R}:17: LEN001 warning: Question 2: 45 words, limit 20-40 (5 over)"], "")


def test_the_command_line_overrides_the_table(student: Path, capsys) -> None:
    (student / "pyproject.toml").write_text('[tool.mlops-report-hooks]\nignore = ["LEN"]\nfigures-dir = "images"\n')
    assert run(capsys) == (0, [], "")
    assert run(capsys, "--ignore", "IMG", "--figures-dir", "figures") == (1, WITHOUT_TABLE[:1], "")


def test_the_nearest_table_up_to_the_repository_root_applies(student: Path, capsys) -> None:
    (student.parent / "pyproject.toml").write_text('[tool.mlops-report-hooks]\nignore = ["LEN", "IMG"]\n')
    assert run(capsys) == (1, WITHOUT_TABLE, "")  # above the repository root: not read
    (student / "pyproject.toml").write_text('[tool.mlops-report-hooks]\nignore = ["IMG"]\n')
    (student / "reports" / "pyproject.toml").write_text('[project]\nname = "no table here"\n')
    assert run(capsys) == (1, WITHOUT_TABLE[:1], "")


def test_template_and_checker_file_keys(student: Path, capsys) -> None:
    (student / "pyproject.toml").write_text('[tool.mlops-report-hooks]\nchecker-file = "checks/report.py"\n')
    (student / "checks").mkdir()
    (student / "checks" / "report.py").write_text(
        "def check():\n    answers = answers[1:]\n    question_constrains = [no_constraints, no_constraints]\n"
        "    if len(answers) != 2:\n        raise ValueError('different')\n"
    )
    _, out, _ = run(capsys, "--summary", "--format", "json")
    assert '"checker": "checks/report.py"' in "\n".join(out)
    assert '"error": "Number of answers are different from the expected 2"' in "\n".join(out)


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('colour = "red"', "colour: unknown key; allowed: checker-file, figures-dir, ignore, template, warn"),
        ('warn = "LEN001"', 'warn: must be a list of rule codes or prefixes, such as ["HDG009", "PLH"]'),
        (
            'ignore = ["XYZ001"]',
            "ignore: 'XYZ001' is not a rule code, rule name or family prefix; did you mean RND001?",
        ),
        ("figures-dir = 3", "figures-dir: must be a non-empty string"),
        ('template = "2019"', "template: '2019' is not auto or a course run (2023, 2024, 2025, 2026)"),
    ],
)
def test_a_bad_table_is_a_usage_error_naming_file_and_key(student: Path, capsys, table: str, message: str) -> None:
    (student / "pyproject.toml").write_text(f"[tool.mlops-report-hooks]\n{table}\n")
    code = main([R])
    assert (code, capsys.readouterr().err) == (
        2,
        f"report-check: error: {student / 'pyproject.toml'}: [tool.mlops-report-hooks] {message}\n",
    )


def test_invalid_toml_is_a_usage_error(student: Path, capsys) -> None:
    (student / "pyproject.toml").write_text("[tool.mlops-report-hooks]\nwarn = [\n")
    assert main([R]) == 2
    err = capsys.readouterr().err
    assert (
        err.startswith(f"report-check: error: {student / 'pyproject.toml'}: not valid TOML: ") and err.count("\n") == 1
    )


@pytest.mark.parametrize("name", ["mlops_report_hooks", "mlops-report-hook", "MLOps-Report-Hooks"])
def test_a_misspelt_table_is_an_error_naming_it(student: Path, capsys, name: str) -> None:
    (student / "pyproject.toml").write_text(f'[tool.{name}]\nwarn = ["LEN001"]\n\n[tool.ruff]\nline-length = 99\n')
    assert main([R]) == 2
    assert capsys.readouterr().err == (
        f"report-check: error: {student / 'pyproject.toml'}: [tool.{name}] is not read: did you mean "
        "[tool.mlops-report-hooks]?\n"
    )


def test_other_tool_tables_are_not_this_one(student: Path, capsys) -> None:
    (student / "pyproject.toml").write_text("[tool.mlops-tools]\nx = 1\n\n[tool.report]\ny = 2\n")
    assert run(capsys) == (1, WITHOUT_TABLE, "")


@pytest.mark.parametrize(
    ("typed", "meant"), [("--sumary", "--summary"), ("--tempate=2023", "--template"), ("--warm", "--warn")]
)
def test_an_unknown_option_gets_the_closest_one(capsys, typed: str, meant: str) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([typed, R])
    assert exit_info.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"report-check: error: unrecognized arguments: {typed}; did you mean {meant}?"
    )


def test_no_file_inside_the_reports_folder_checks_its_readme(student: Path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(student / "reports")
    assert main(["--template-file", "../template.md", "--ignore", "IMG"]) == 1
    out = capsys.readouterr().out
    assert findings(out) == ["README.md:17: LEN001 Question 2: 45 words, limit 20-40 (5 over)"]
    monkeypatch.chdir(student)
    assert main([*LOCAL_TEMPLATE, "--ignore", "IMG"]) == 1
    assert findings(capsys.readouterr().out) == [f"{R}:17: LEN001 Question 2: 45 words, limit 20-40 (5 over)"]
