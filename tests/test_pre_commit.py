"""End to end: the real pre-commit runs this checkout's hooks in a student's repository."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLE_TEMPLATE, ONE_LINE_ANSWERS, ROOT, SHARED, corpus_module, fill, git, requires_shared, words

from hooks.core.report import parse_report

PRE_COMMIT = shutil.which("pre-commit", path=str(Path(sys.executable).parent)) or shutil.which("pre-commit")
pytestmark = [
    pytest.mark.slow,  # real pre-commit and git
    pytest.mark.skipif(PRE_COMMIT is None, reason="pre-commit is not installed (pip install -e '.[test]')"),
]


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


def with_fixer(hook: str) -> str:
    """A .pre-commit-config.yaml's hooks: ``hook`` and the manual fixer, both on the example template."""
    return "".join(f"  - id: {name}\n    args: [--template-file, template.md]\n" for name in (hook, "report-fix"))


def run_manual_fix(student: Path, home: Path) -> subprocess.CompletedProcess:
    """`pre-commit run report-fix --hook-stage manual --all-files`, as the summary line tells a student."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "PRE_COMMIT"))}
    return subprocess.run(
        [PRE_COMMIT, "run", "report-fix", "--hook-stage", "manual", "--all-files", "--color", "never"],
        cwd=student, env={**env, "PRE_COMMIT_HOME": str(home)}, capture_output=True, text=True,
    )  # fmt: skip


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
        "Found 1 finding (1 warning); the official checker will print 1 WARNING line.\n"
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


def commit(student: Path, home: Path, message: str) -> subprocess.CompletedProcess:
    """``git commit`` with the hooks that ``pre-commit install`` put in, as a student commits."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "PRE_COMMIT"))}
    env.update(PRE_COMMIT_HOME=str(home), NO_COLOR="1")
    identity = ["-c", "user.name=Student", "-c", "user.email=student@example.invalid"]
    # git shows what its hooks print on stderr: one stream, as the student reads it.
    return subprocess.run(
        ["git", *identity, "commit", "-m", message],
        cwd=student,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=900,
    )


@pytest.fixture
def guarded(tmp_path: Path, hook_repo: Path, pre_commit_home: Path, template_text: str) -> Path:
    """A student's repository whose report is committed with its figures and an unused one, and fails its length
    check (Question 2 is too long); ``pre-commit install`` has run."""
    student = student_repository(
        tmp_path,
        hook_repo,
        "figures",
        fill(template_text, {**ONE_LINE_ANSWERS, 2: words(45)})
        .replace("/dash.png", "/dashboard.png")
        .replace("/pipe.png", "/pipeline.png"),
        "  - id: report-check\n    args: [--template-file, template.md]\n",
    )
    (student / "reports" / "figures" / "old.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(8))
    git(student, "add", "-A")
    git(student, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qm", "report", "--no-verify")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PRE_COMMIT")}
    subprocess.run([PRE_COMMIT, "install"], cwd=student, env={**env, "PRE_COMMIT_HOME": str(pre_commit_home)},
                   check=True, capture_output=True)  # fmt: skip
    return student


def test_deleting_a_figure_the_report_shows_is_blocked(guarded: Path, pre_commit_home: Path) -> None:
    git(guarded, "rm", "-q", "reports/figures/pipeline.png")
    done = commit(guarded, pre_commit_home, "remove a screenshot")
    assert done.returncode == 1, done.stdout + done.stderr
    # Only what the commit breaks: the report's too long Question 2 is not this commit's doing.
    shown = [line for line in done.stdout.splitlines() if line.startswith(("reports/", "Found "))]
    assert shown == [
        "reports/README.md:59: IMG003 Question 5: 'figures/pipeline.png' does not exist",
        "Found 1 finding (1 error); the official checker will print 1 WARNING line.",
    ]
    assert git(guarded, "log", "--format=%s") == "report\n"


def test_renaming_or_replacing_a_shown_figure_is_blocked(guarded: Path, pre_commit_home: Path) -> None:
    git(guarded, "mv", "reports/figures/dashboard.png", "reports/figures/board.png")
    done = commit(guarded, pre_commit_home, "rename a screenshot")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "reports/README.md:49: IMG003 Question 4: 'figures/dashboard.png' does not exist" in done.stdout
    git(guarded, "mv", "reports/figures/board.png", "reports/figures/dashboard.png")
    (guarded / "reports" / "figures" / "dashboard.png").write_bytes(b"%PDF-1.7\n")
    git(guarded, "add", "-A")
    done = commit(guarded, pre_commit_home, "replace a screenshot")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "reports/README.md:49: IMG007 Question 4: 'figures/dashboard.png' is not a PNG image: it is PDF" in (
        done.stdout
    )
    # A GIF under the name shows on GitHub all the same: said, and the commit goes through.
    (guarded / "reports" / "figures" / "dashboard.png").write_bytes(b"GIF89a" + bytes(8))
    git(guarded, "add", "-A")
    done = commit(guarded, pre_commit_home, "replace a screenshot")
    assert done.returncode == 0, done.stdout + done.stderr
    assert (
        "reports/README.md:49: IMG007 warning: Question 4: 'figures/dashboard.png' is not a PNG image: it is GIF"
        in (done.stdout)
    )


def _blocked_with(done: subprocess.CompletedProcess, *expected: str) -> None:
    assert done.returncode == 1, done.stdout
    shown = [line for line in done.stdout.splitlines() if line.startswith("reports/README.md:")]
    assert shown == list(expected), done.stdout


def test_a_figure_replaced_by_a_symlink_out_of_the_repository_is_blocked(
    guarded: Path, pre_commit_home: Path, tmp_path: Path
) -> None:
    """The guard judges a figure as a full check does: through its symlink, which leads out (IMG009)."""
    outside = tmp_path / "elsewhere.png"
    outside.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(8))
    shown = guarded / "reports" / "figures" / "pipeline.png"
    shown.unlink()
    shown.symlink_to(outside)
    git(guarded, "add", "-A")
    _blocked_with(
        commit(guarded, pre_commit_home, "link a screenshot"),
        "reports/README.md:59: IMG009 Question 5: 'figures/pipeline.png' points outside the repository",
    )


def test_the_figures_folder_replaced_by_a_symlink_out_of_the_repository_is_blocked(
    guarded: Path, pre_commit_home: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    shutil.copytree(guarded / "reports" / "figures", elsewhere)
    shutil.rmtree(guarded / "reports" / "figures")
    (guarded / "reports" / "figures").symlink_to(elsewhere)
    git(guarded, "add", "-A")
    _blocked_with(
        commit(guarded, pre_commit_home, "move the screenshots"),
        "reports/README.md:49: IMG009 Question 4: 'figures/dashboard.png' points outside the repository",
        "reports/README.md:59: IMG009 Question 5: 'figures/pipeline.png' points outside the repository",
    )


def test_deleting_the_target_of_a_symlinked_figure_is_blocked(guarded: Path, pre_commit_home: Path) -> None:
    assets = guarded / "assets"
    assets.mkdir()
    shown = guarded / "reports" / "figures" / "pipeline.png"
    shown.rename(assets / "pipeline.png")
    shown.symlink_to("../../assets/pipeline.png")
    git(guarded, "add", "-A")
    assert commit(guarded, pre_commit_home, "keep screenshots in assets").returncode == 0
    git(guarded, "rm", "-q", "assets/pipeline.png")
    _blocked_with(
        commit(guarded, pre_commit_home, "remove an asset"),
        "reports/README.md:59: IMG003 Question 5: 'figures/pipeline.png' is a symlink to '../assets/pipeline.png', "
        "which does not exist",
    )


def test_a_commit_is_judged_only_for_what_it_changes(guarded: Path, pre_commit_home: Path) -> None:
    """The report links 'Pipeline.png' (a problem committed before): a valid new screenshot under the file's name
    is no new problem; a file that is no image is."""
    report = guarded / "reports" / "README.md"
    report.write_text(report.read_text().replace("figures/pipeline.png", "figures/Pipeline.png"))
    git(guarded, "add", "-A")
    git(guarded, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qm", "case", "--no-verify")
    screenshot = guarded / "reports" / "figures" / "pipeline.png"
    screenshot.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(16))
    git(guarded, "add", "-A")
    done = commit(guarded, pre_commit_home, "a sharper screenshot")
    assert done.returncode == 0, done.stdout
    screenshot.write_bytes(b"not an image\n")
    git(guarded, "add", "-A")
    _blocked_with(
        commit(guarded, pre_commit_home, "a broken screenshot"),
        "reports/README.md:59: IMG007 Question 5: 'figures/pipeline.png' is not a PNG image",
    )


def test_a_bare_repository_with_its_work_tree_is_guarded_as_any(
    tmp_path: Path, hook_repo: Path, pre_commit_home: Path, template_text: str
) -> None:
    """git finds the repository from GIT_DIR and GIT_WORK_TREE, not from a .git entry: so does the package."""
    work = student_repository(tmp_path, hook_repo, "figures", fill(template_text, ONE_LINE_ANSWERS)
                              .replace("/dash.png", "/dashboard.png").replace("/pipe.png", "/pipeline.png"),
                              "  - id: report-check\n    args: [--template-file, template.md]\n")  # fmt: skip
    shutil.rmtree(work / ".git")
    bare = tmp_path / "student.git"
    git(tmp_path, "init", "-q", "--bare", str(bare))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "PRE_COMMIT"))}
    env.update(GIT_DIR=str(bare), GIT_WORK_TREE=str(work), PRE_COMMIT_HOME=str(pre_commit_home), NO_COLOR="1")

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(args, cwd=work, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)

    run("git", "add", "-A")
    identity = ("git", "-c", "user.name=Student", "-c", "user.email=student@example.invalid")
    assert run(*identity, "commit", "-qm", "report", "--no-verify").returncode == 0
    assert run(PRE_COMMIT, "install").returncode == 0
    run("git", "rm", "-q", "reports/figures/pipeline.png")
    _blocked_with(
        run(*identity, "commit", "-m", "remove a screenshot"),
        "reports/README.md:59: IMG003 Question 5: 'figures/pipeline.png' does not exist",
    )
    run("git", "reset", "-q", "--hard")
    (work / "reports" / "figures" / "new.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(8))
    report = work / "reports" / "README.md"
    report.write_text(report.read_text().replace("figures/pipeline.png", "figures/new.png"))
    run("git", "add", "reports/README.md")
    _blocked_with(
        run(*identity, "commit", "-m", "a new screenshot"),
        "reports/README.md:59: IMG005 Question 5: 'figures/new.png' is not tracked by git, so the commit would go out "
        "without it: git add reports/figures/new.png",
    )


def test_a_report_that_is_a_symlink_inside_the_repository_is_checked(
    tmp_path: Path, hook_repo: Path, pre_commit_home: Path, template_text: str
) -> None:
    student = student_repository(tmp_path, hook_repo, "figures", template_text,
                                 "  - id: report-check\n    args: [--template-file, template.md]\n")  # fmt: skip
    (student / "docs").mkdir()
    (student / "reports" / "README.md").rename(student / "docs" / "report.md")
    (student / "reports" / "README.md").symlink_to("../docs/report.md")
    git(student, "add", "-A")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PRE_COMMIT")}
    subprocess.run([PRE_COMMIT, "install"], cwd=student, env={**env, "PRE_COMMIT_HOME": str(pre_commit_home)},
                   check=True, capture_output=True)  # fmt: skip
    done = commit(student, pre_commit_home, "the pristine template")
    assert done.returncode == 1, done.stdout
    assert "reports/README.md:15: PLH001 Question 1 is unanswered: the template's placeholder is still there" in (
        done.stdout.splitlines()
    )


def test_a_commit_that_leaves_the_report_and_its_figures_alone_passes(guarded: Path, pre_commit_home: Path) -> None:
    git(guarded, "rm", "-q", "reports/figures/old.png")
    done = commit(guarded, pre_commit_home, "remove an unused screenshot")
    assert done.returncode == 0, done.stdout + done.stderr
    (guarded / "train.py").write_text("print('training')\n")
    git(guarded, "add", "train.py")
    done = commit(guarded, pre_commit_home, "code, with a half-written report")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "check the exam report (all checks)" in done.stdout and "Passed" in done.stdout
    assert (
        git(guarded, "log", "--format=%s") == "code, with a half-written report\nremove an unused screenshot\nreport\n"
    )
    # A commit of the report itself is checked whole.
    report = guarded / "reports" / "README.md"
    report.write_text(report.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    git(guarded, "add", "-A")
    done = commit(guarded, pre_commit_home, "edit the report")
    assert done.returncode == 1
    assert "reports/README.md:17: LEN001 Question 2: 45 words, limit 20-40 (5 over)" in done.stdout


@pytest.mark.parametrize(
    ("table", "said"),
    [
        ('[tool.mlops_report_hooks]\nwarn = ["LEN001"]\n', "[tool.mlops_report_hooks] is not read: did you mean "
         "[tool.mlops-report-hooks]?"),
        ('[tool.mlops-report-hooks]\nfigure-dir = "images"\n', "[tool.mlops-report-hooks] figure-dir: unknown key (did "
         "you mean figures-dir?); allowed: checker-file, figures-dir, ignore, template, warn"),
    ],
    ids=["near-miss-table", "near-miss-key"],
)  # fmt: skip
def test_a_commit_of_a_broken_table_is_blocked_at_that_commit(
    guarded: Path, pre_commit_home: Path, table: str, said: str
) -> None:
    """The table configures every later check of the report: a mistake in it is said when it is committed."""
    (guarded / "pyproject.toml").write_text(f'[project]\nname = "ours"\n\n{table}')
    git(guarded, "add", "pyproject.toml")
    done = commit(guarded, pre_commit_home, "configure the hooks")
    assert done.returncode == 1, done.stdout
    assert f"report-check: error: pyproject.toml: {said}" in done.stdout.splitlines()
    assert git(guarded, "log", "--format=%s") == "report\n"
    # Mended, the same commit goes through: the report is not this commit's.
    (guarded / "pyproject.toml").write_text(
        '[project]\nname = "ours"\n\n[tool.mlops-report-hooks]\nwarn = ["LEN001"]\n'
    )
    git(guarded, "add", "pyproject.toml")
    done = commit(guarded, pre_commit_home, "configure the hooks")
    assert done.returncode == 0, done.stdout


def test_the_manual_fix_hook_applies_the_safe_fixes(
    tmp_path: Path, hook_repo: Path, pre_commit_home: Path, template_text: str, good_answers: dict[int, str]
) -> None:
    wrapped = fill(template_text, {**good_answers, 6: f"--- {words(10)} ---"})
    student = student_repository(tmp_path, hook_repo, "figures", wrapped, with_fixer("report-check"))
    git(student, "add", "-A")
    checked = run_config(student, pre_commit_home)
    assert checked.returncode == 1, checked.stdout + checked.stderr
    assert "fix the exam report" not in checked.stdout  # a commit never runs the fixer
    assert "reports/README.md:71: PLH004 [*] Question 6: the answer starts and ends with the placeholder's '---'" in (
        checked.stdout
    )
    assert checked.stdout.rstrip().endswith(
        "Found 1 finding (1 error); the official checker will print 0 WARNING lines; 1 fixable with "
        "`pre-commit run report-fix --hook-stage manual --all-files`."
    )
    fixed = run_manual_fix(student, pre_commit_home)
    assert fixed.returncode == 1, fixed.stdout + fixed.stderr
    assert "Fixing reports/README.md" in fixed.stdout and "- files were modified by this hook" in fixed.stdout
    assert (student / "reports" / "README.md").read_text(encoding="utf-8") == fill(
        template_text, {**good_answers, 6: words(10)}
    )


def _readme_snippet() -> str:
    """The README's .pre-commit-config.yaml, as a student copies it."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    (snippet,) = re.findall(r"```yaml\n(repos:\n.*?)```", readme, re.S)
    return snippet


@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="not a git checkout")
def test_the_readme_snippet_installs_from_a_fresh_clone(tmp_path: Path, pre_commit_home: Path) -> None:
    """A plain clone of the repository (no tags) has the README's rev, and pre-commit installs and runs the hooks
    of that rev with the README's snippet, the repo URL replaced by the clone."""
    clone = tmp_path / "mlops-report-hooks"
    subprocess.run(["git", "clone", "-q", "--no-tags", str(ROOT), str(clone)], check=True, capture_output=True)
    snippet = _readme_snippet()
    (rev,) = re.findall(r"rev: (\S+)", snippet)
    git(clone, "rev-parse", "--verify", f"{rev}^{{commit}}")
    student = tmp_path / "student"
    (student / "reports").mkdir(parents=True)
    (student / "reports" / "README.md").write_text("# Our report\n\nNothing yet.\n")
    config = re.sub(r"repo: \S+", f"repo: {clone}", snippet)
    (student / ".pre-commit-config.yaml").write_text(config)
    git(student, "init", "-q")
    git(student, "add", "-A")
    done = run_config(student, pre_commit_home)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "reports/README.md:1: LEN002 official checker will crash: there is no 'Answer:' in the file" in done.stdout


def _with_checklist(text: str, lines: str) -> str:
    at = text.index("\n## Group information") + 1
    return text[:at] + lines + "\n" + text[at:]


def test_the_checklist_hook_warns_without_blocking_and_the_fix_hook_writes_boxes(
    tmp_path: Path, hook_repo: Path, pre_commit_home: Path, template_text: str, good_answers: dict[int, str]
) -> None:
    text = _with_checklist(fill(template_text, good_answers), "* [ok] We met every week\n* [] We measured the cost\n")
    student = student_repository(tmp_path, hook_repo, "figures", text, with_fixer("report-checklist"))
    git(student, "add", "-A")
    checked = run_config(student, pre_commit_home)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert (
        "reports/README.md:8: CHK002 [*] warning: a checklist item uses '[ok]', which GitHub shows as text, not as a "
        "box; write [x]" in checked.stdout
    )
    fixed = run_manual_fix(student, pre_commit_home)
    assert fixed.returncode == 1, fixed.stdout + fixed.stderr
    assert (student / "reports" / "README.md").read_text(encoding="utf-8") == text.replace("[ok]", "[x]").replace(
        "* []", "* [ ]"
    )


@requires_shared
def test_a_tick_the_commit_does_not_back_is_named_at_the_commit(
    tmp_path: Path, hook_repo: Path, pre_commit_home: Path, template_text: str, good_answers: dict[int, str]
) -> None:
    """With the course's own wording of the Dockerfile item (read from ../shared, not copied here)."""
    rows = (SHARED / "corpus" / "checklist" / "items_by_revision.tsv").read_text(encoding="utf-8").splitlines()
    (variants,) = [row.split("\t")[-1] for row in rows if row.startswith("dockerfiles\t")]
    wording = variants.split(" || ")[-1].rsplit(" [", 1)[0]
    text = _with_checklist(fill(template_text, good_answers), f"* [x] {wording}\n")
    hooks = "  - id: report-checklist\n    args: [--template-file, template.md]\n"
    student = student_repository(tmp_path, hook_repo, "figures", text, hooks)
    git(student, "add", "-A")
    checked = run_config(student, pre_commit_home)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "reports/README.md:8: CHK001 warning: ticked '" in checked.stdout
    assert "not found in this commit: a Dockerfile" in checked.stdout
    (student / "Dockerfile").write_text("FROM python:3.12\n", encoding="utf-8")
    git(student, "add", "Dockerfile")
    checked = run_config(student, pre_commit_home)
    assert checked.returncode == 0 and "CHK001" not in checked.stdout, checked.stdout
