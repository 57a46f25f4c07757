"""End to end: the real pre-commit runs this checkout's hooks in a student's repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLE_TEMPLATE, ROOT, corpus_module, fill, git, requires_shared, words

from hooks.markdown import parse_report

PRE_COMMIT = shutil.which("pre-commit", path=str(Path(sys.executable).parent)) or shutil.which("pre-commit")
pytestmark = pytest.mark.skipif(PRE_COMMIT is None, reason="pre-commit is not installed (pip install -e '.[test]')")


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # One hook environment for the module: building it is the slow part.
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A committed snapshot of this checkout: try-repo installs what a user would clone."""
    snapshot = tmp_path_factory.mktemp("hook-repo") / "mlops-report-hooks"
    tracked = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout.split()
    for name in tracked:
        source = ROOT / name
        if source.is_file():
            (snapshot / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, snapshot / name)
    git(snapshot, "init", "-q")
    git(snapshot, "add", "-A")
    git(snapshot, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qm", "snapshot")
    return snapshot


def run_hook(hook_repo: Path, student: Path, home: Path, hook: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "PRE_COMMIT"))}
    env.update(PRE_COMMIT_HOME=str(home), NO_COLOR="1")
    return subprocess.run(
        [PRE_COMMIT, "try-repo", str(hook_repo), hook, "--all-files", "--color", "never"],
        cwd=student,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


def test_manifest_is_valid() -> None:
    run = subprocess.run(
        [PRE_COMMIT, "validate-manifest", str(ROOT / ".pre-commit-hooks.yaml")], capture_output=True, text=True
    )
    assert run.returncode == 0, run.stdout + run.stderr


def run_config(student: Path, home: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "PRE_COMMIT"))}
    env.update(PRE_COMMIT_HOME=str(home), NO_COLOR="1")
    return subprocess.run(
        [PRE_COMMIT, "run", "--all-files", "--color", "never"],
        cwd=student,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


def student_repository(tmp_path: Path, hook_repo: Path, figures: str, report_text: str, hooks: str) -> Path:
    """A student's repository with the example template, its two screenshots in reports/<figures>/, the report,
    and a .pre-commit-config.yaml that runs ``hooks`` (YAML list items) from the snapshot of this checkout."""
    student = tmp_path / "student"
    (student / "reports" / figures).mkdir(parents=True)
    for name in ("dashboard.png", "pipeline.png"):
        (student / "reports" / figures / name).write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(8))
    shutil.copy(EXAMPLE_TEMPLATE, student / "template.md")
    (student / "reports" / "README.md").write_text(report_text, encoding="utf-8")
    rev = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=hook_repo, check=True, capture_output=True, text=True
    ).stdout.strip()
    (student / ".pre-commit-config.yaml").write_text(f"repos:\n- repo: {hook_repo}\n  rev: {rev}\n  hooks:\n{hooks}")
    git(student, "init", "-q")
    return student


def test_config_blocks_fixes_then_passes(
    tmp_path: Path, hook_repo: Path, pre_commit_home: Path, template_text: str, good_answers: dict[int, str]
) -> None:
    student = student_repository(
        tmp_path,
        hook_repo,
        "figures",
        fill(template_text, {**good_answers, 2: words(45), 6: f"--- {words(10)} ---"}),
        "  - id: report-placeholders\n    args: [--template-file, template.md, --fix]\n"
        "  - id: report-check\n    args: [--template-file, template.md]\n",
    )
    report = student / "reports" / "README.md"
    (student / "notes.md").write_text("### Question 1\n> Answer:\n\n" + words(500) + "\n")
    git(student, "add", "-A")

    failed = run_config(student, pre_commit_home)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "Fixing reports/README.md" in failed.stdout
    assert "- files were modified by this hook" in failed.stdout
    # report-check ran on the fixed file: only the length is left, and notes.md was never checked.
    assert "reports/README.md:17: LEN001 Question 2: 45 words, limit 20-40 (5 over)" in failed.stdout
    assert "PLH004" not in failed.stdout and "notes.md" not in failed.stdout
    assert report.read_text(encoding="utf-8") == fill(template_text, {**good_answers, 2: words(45), 6: words(10)})

    report.write_text(fill(template_text, good_answers), encoding="utf-8")
    git(student, "add", "-A")
    passed = run_config(student, pre_commit_home)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert passed.stdout.count("Passed") == 2


@requires_shared
def test_try_repo_on_a_real_report(tmp_path: Path, hook_repo: Path, pre_commit_home: Path) -> None:
    report = corpus_module().materialize("02476-MLOps-2026-Group-128__02476_project", tmp_path)
    student = report.parents[1]
    blocked = run_hook(hook_repo, student, pre_commit_home, "report-length")
    assert blocked.returncode == 1, blocked.stdout + blocked.stderr
    assert "reports/README.md:444: LEN001 Question 18: 43 words, limit 100-200 (57 under)\n" in blocked.stdout
    assert blocked.stdout.count("LEN0") == 1

    question = parse_report(report.read_text(encoding="utf-8")).question(18)
    assert question is not None and question.answer_end_line is not None
    lines = report.read_text(encoding="utf-8").split("\n")
    lines.insert(question.answer_end_line, "\n" + words(60, "more"))
    report.write_text("\n".join(lines), encoding="utf-8")
    git(student, "add", "-A")
    fixed = run_hook(hook_repo, student, pre_commit_home, "report-length")
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert "LEN0" not in fixed.stdout


def test_the_hook_reads_the_pyproject_table_as_a_hand_run_does(
    tmp_path: Path, hook_repo: Path, pre_commit_home: Path, template_text: str, good_answers: dict[int, str]
) -> None:
    answers = {n: text.replace("figures/", "images/") for n, text in good_answers.items()}
    student = student_repository(
        tmp_path,
        hook_repo,
        "images",
        fill(template_text, {**answers, 2: words(45)}),
        "  - id: report-check\n    args: [--template-file, template.md]\n",
    )
    (student / "pyproject.toml").write_text('[tool.mlops-report-hooks]\nwarn = ["LEN001"]\nfigures-dir = "images"\n')
    git(student, "add", "-A")

    hook = run_config(student, pre_commit_home)
    by_hand = subprocess.run(
        [shutil.which("report-check", path=str(Path(sys.executable).parent)), "--template-file", "template.md",
         "reports/README.md"], cwd=student, capture_output=True, text=True,
    )  # fmt: skip
    assert (hook.returncode, by_hand.returncode) == (0, 0), hook.stdout + hook.stderr
    assert by_hand.stdout == (
        "reports/README.md:17: LEN001 warning: Question 2: 45 words, limit 20-40 (5 over)\n"
        "Found 1 finding (1 in the official checker's output); the official checker will print 1 WARNING line.\n"
    )
    # The hook passes, and its warning still reaches the student: the manifest makes every hook verbose.
    shown = [line for line in hook.stdout.splitlines() if line.startswith(("reports/README.md:", "Found "))]
    assert shown == by_hand.stdout.splitlines()
    assert "Passed" in hook.stdout


def test_a_lowercase_readme_is_checked_and_said_to_be_ungraded(
    tmp_path: Path, hook_repo: Path, pre_commit_home: Path, template_text: str, good_answers: dict[int, str]
) -> None:
    hooks = "  - id: report-headings\n    args: [--template-file, template.md]\n"
    student = student_repository(tmp_path, hook_repo, "figures", fill(template_text, good_answers), hooks)
    (student / "reports" / "README.md").rename(student / "reports" / "readme.md")
    git(student, "add", "-A")
    hook = run_config(student, pre_commit_home)
    assert hook.returncode == 1, hook.stdout + hook.stderr
    assert (
        "reports/readme.md:1: HDG018 the report is reports/readme.md: the grader reads exactly reports/README.md, "
        "so this report is not graded at all; rename it (git mv)"
    ) in hook.stdout
