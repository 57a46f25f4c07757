"""The bad-input table: every way a crafted or mutated report once hurt a hook, one test each.

docs/safety.md lists these cases.
"""

from __future__ import annotations

import builtins
import csv
import io
import json
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import (
    EXAMPLE_REPORT_PY,
    EXAMPLE_TEMPLATE,
    ONE_LINE_ANSWERS,
    ROOT,
    SHARED,
    TEMPLATE,
    check_run,
    fill,
    git,
    requires_shared,
    words,
)

import hooks.app.fixing
from hooks.app.fixing import apply_edits
from hooks.checks.rules import Edit
from hooks.core.files import MAX_REPORT_BYTES
from hooks.entry import report_check, report_headings, report_images, report_length, report_placeholders

ENTRY_POINTS = {
    "report-check": report_check,
    "report-length": report_length,
    "report-images": report_images,
    "report-headings": report_headings,
    "report-placeholders": report_placeholders,
}


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A student's repository with a committed, answered report and its figures."""
    root = tmp_path / "student"
    (root / "reports" / "figures").mkdir(parents=True)
    for name in ("dash.png", "pipe.png"):
        (root / "reports" / "figures" / name).write_bytes(b"\x89PNG\r\n\x1a\n")
    git(root, "init", "-q")
    commit(root)
    return root


def commit(root: Path) -> None:
    git(root, "add", "-A")
    git(root, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qm", "work")


def report_text(**answers: str) -> str:
    template = EXAMPLE_TEMPLATE.read_text(encoding="utf-8")
    return fill(template, {**ONE_LINE_ANSWERS, **{int(key[1:]): value for key, value in answers.items()}})


def write_report(repo: Path, text: str | bytes) -> Path:
    path = repo / "reports" / "README.md"
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return path


def run(capsys, main, *args: str) -> tuple[int, str, str]:
    """The exit code, the finding lines of stdout (without the summary line) and stderr."""
    code, found, err = check_run(capsys, main, *args)
    return code, "".join(f"{line}\n" for line in found), err


# --- the fixer --------------------------------------------------------------------


def test_a_lone_cr_before_a_removed_line_keeps_the_blank_line_after_it() -> None:
    data = b"answer\r---\n\nnext\n"
    assert apply_edits(data, [Edit(2)]) == b"answer\n\nnext\n"
    assert apply_edits(b"answer\r---\nnext\n", [Edit(2)]) == b"answer\rnext\n"


def test_fix_round_trip_with_a_lone_cr(repo, capsys) -> None:
    text = report_text(Q2=words(30) + "\n---")
    path = write_report(repo, text.replace(words(30) + "\n", words(30) + "\r"))
    assert run(capsys, report_placeholders, "--fix", str(path))[0] == 1
    assert path.read_bytes() == report_text().encode()


@pytest.mark.parametrize("after", ["Answer:", "\n\nAnswer:"], ids=["same-line", "next-line"])
def test_a_placeholder_with_only_a_stray_marker_is_still_unanswered(repo, capsys, after) -> None:
    """Found by the property tests: the placeholder was cut as if 'Answer:' were the group's answer."""
    text = report_text(Q3="--- question 3 fill here ---" + after)
    path = write_report(repo, text)
    code, out, _ = run(capsys, report_placeholders, "--fix", str(path))
    assert (code, out) == (
        1,
        f"{path}:39: PLH001 Question 3 is unanswered: the template's placeholder is still there; the official "
        "checker counts it as 0 words: fails 10-30\n",
    )
    assert path.read_text() == text


@pytest.mark.parametrize("markers", [0, 3], ids=["with-marker", "marker-deleted"])
def test_arrow_lines_are_left_alone(repo, capsys, markers) -> None:
    text = report_text(Q3="-->\n\n-->\n\n" + words(20)).replace("> Answer:", "> Our answer follows", markers)
    path = write_report(repo, text)
    for _ in range(2):
        run(capsys, report_placeholders, "--fix", str(path))
        assert path.read_text() == text


def test_an_unanswered_question_is_never_touched(repo, tmp_path, capsys) -> None:
    own = "Lorem ipsum stray text"
    template = tmp_path / "template.md"
    template.write_text(EXAMPLE_TEMPLATE.read_text().replace("--- question 6 fill here ---", own))
    text = report_text(Q6=own + "\n\n--- question 6 fill here ---")
    path = write_report(repo, text)
    report_placeholders(["--template-file", str(template), "--fix", str(path)])
    capsys.readouterr()
    assert path.read_text() == text


# Rows 7, 8, 9 and 12 of issue 28: each once removed what the grader counts, a line break, or added a finding.
UNANSWERED = {"Q3": "--- question 3 fill here ---", "Q4": "--- question 4 fill here ---"}
LEFT_OPEN = words(30) + "\n\n```python\nprint('left open')"
# On the page, Question 2's fence closes at Question 5's '```' and holds Questions 3 and 4, so their placeholders
# look like leftovers in its answer; the grader reads each as its question's whole answer, unanswered.
CLOSED_LATER = (
    "{path}:42: PLH003 Question 2: the template's placeholder line is still here, next to the answer (lines 42, 52)\n"
)
# A '~~~' fence inside the open one never closes it: the report is read without the open fence.
NEVER_CLOSED = (
    "{path}:42: PLH001 Question 3 is unanswered: the template's placeholder is still there; the official checker "
    "counts it as 6 words: fails 10-30\n"
    "{path}:52: PLH001 Question 4 is unanswered: the template's placeholder is still there; the official checker "
    "counts it as 6 words: fails 10-50, and 0 images: fails 1-2\n"
)


@pytest.mark.parametrize(
    ("answers", "unanswered"),
    [
        ({"Q2": LEFT_OPEN, "Q5": "```python\nx = 1\n```\n![p](figures/pipe.png)"}, CLOSED_LATER),
        ({"Q2": LEFT_OPEN, "Q5": "~~~\nx = 1\n~~~\n![p](figures/pipe.png)"}, NEVER_CLOSED),
    ],
    ids=["closed-by-a-later-fence", "fences-of-two-kinds"],
)
def test_a_fence_left_open_never_lets_the_fix_remove_an_unanswered_placeholder(
    repo, capsys, answers, unanswered
) -> None:
    path = write_report(repo, report_text(**UNANSWERED, **answers, Q6="--- " + words(10) + " ---"))
    commit(repo)
    code, out, _ = run(capsys, report_placeholders, str(path))
    dashes = f"{path}:75: PLH004 [*] Question 6: the answer starts and ends with the placeholder's '---'\n"
    assert (code, out) == (1, unanswered.format(path=path) + dashes)
    code, _out, err = run(capsys, report_placeholders, "--fix", str(path))
    assert (code, err) == (1, f"{path}: --fix changed line 75\nFixing {path}\n")
    assert path.read_text() == report_text(**UNANSWERED, **answers, Q6=words(10))


def test_a_heading_glued_to_dashes_never_lets_the_fix_remove_the_placeholder_above_it(repo, capsys) -> None:
    """'---### Question 4' is no heading on the page, so Question 3's answer seems to go on with Question 4's; the
    grader cuts it at the '###': only the placeholder (and the '---'), unanswered."""
    glued = report_text(Q3="--- question 3 fill here ---", Q6="--- " + words(10) + " ---").replace(
        "\n### Question 4", "\n---### Question 4"
    )
    path = write_report(repo, glued)
    commit(repo)
    code, out, _ = run(capsys, report_placeholders, str(path))
    assert (code, out) == (
        1,
        f"{path}:39: PLH001 Question 3 is unanswered: the template's placeholder is still there; the official "
        "checker counts it as 7 words: fails 10-30\n"
        f"{path}:69: PLH004 [*] Question 6: the answer starts and ends with the placeholder's '---'\n",
    )
    run(capsys, report_placeholders, "--fix", str(path))
    assert path.read_text() == glued.replace("--- " + words(10) + " ---", words(10))


def test_two_lone_crs_before_a_removed_dash_line_lose_no_line_break(repo, capsys) -> None:
    """Removing '---' would leave the second CR before the blank line's LF: one CRLF, a line break lost. No fix
    keeps every other byte and every line, so the fix is left undone, and said."""
    text = report_text(Q1="Group 7\r\r---").encode()
    path = write_report(repo, text)
    commit(repo)
    code, out, err = run(capsys, report_placeholders, "--fix", str(path))
    assert (code, out) == (1, f"{path}:17: PLH004 [*] Question 1: the answer ends with the placeholder's '---'\n")
    assert err == (
        f"report-placeholders: note: {path} was not fixed: it would join two lines (a line ending would be lost); "
        "fix it by hand\n"
    )
    assert path.read_bytes() == text


def test_the_blank_line_fix_is_not_offered_above_an_answer_indented_four_spaces(repo, capsys) -> None:
    """The blank line would end the quote and make the indented answer a code block (RND003): a new finding."""
    text = report_text(Q2="    " + words(30)).replace("> Answer:\n\n    ", "> Answer:\n    ", 1)
    path = write_report(repo, text)
    commit(repo)
    found = (
        f"{path}:25: RND002 warning: Question 2: no blank line after '> Answer:', so GitHub shows the answer inside "
        "the prompt's quote\n"
    )
    assert run(capsys, report_check, str(path)) == (0, found, "")
    assert run(capsys, report_check, "--fix", str(path)) == (0, found, "")
    assert path.read_text() == text


def test_a_symlinked_report_outside_the_repository_is_refused(repo, tmp_path, capsys, monkeypatch) -> None:
    outside = tmp_path / "elsewhere.md"
    outside.write_text(report_text(Q2="--- " + words(30)))
    before = outside.read_bytes()
    (repo / "reports" / "README.md").symlink_to(outside)
    monkeypatch.chdir(repo)
    shutil.copy(EXAMPLE_TEMPLATE, "template.md")
    code = report_placeholders(["--template-file", "template.md", "--fix", "reports/README.md"])
    out, err = capsys.readouterr()
    assert (code, out) == (2, "")
    assert err == (
        "report-placeholders: error: reports/README.md: is a symlink, or in a folder that is one, "
        "that leads out of the repository\n"
    )
    assert outside.read_bytes() == before


@pytest.mark.skipif(os.geteuid() != 0, reason="changing a file's owner needs root")
def test_fix_keeps_owner_group_and_extended_attributes(repo, capsys) -> None:
    path = write_report(repo, report_text(Q2="--- " + words(30)))
    os.chown(path, 4321, 8765)
    xattrs = hasattr(os, "setxattr")
    if xattrs:
        try:
            os.setxattr(path, "user.course", b"02476")
        except OSError:
            xattrs = False
    assert run(capsys, report_placeholders, "--fix", str(path))[0] == 1
    status = path.stat()
    assert (status.st_uid, status.st_gid) == (4321, 8765)
    assert path.read_text() == report_text()
    if xattrs:
        assert os.getxattr(path, "user.course") == b"02476"


def test_fix_replaces_a_hard_linked_report_whole_and_says_its_other_links_keep_the_old_text(repo, capsys) -> None:
    """A rewrite in place is never whole when killed between its write and its truncate: the report is replaced."""
    path = write_report(repo, report_text(Q2="--- " + words(30)))
    other = repo / "copy.md"
    os.link(path, other)
    code, _, err = run(capsys, report_placeholders, "--fix", str(path))
    assert code == 1 and path.read_text() == report_text()
    assert other.read_text() == report_text(Q2="--- " + words(30))
    assert err.splitlines() == [
        f"report-placeholders: note: {path} had other hard links: they keep the text as it was",
        f"{path}: --fix changed line 27",
        f"Fixing {path}",
    ]


KILLED_AT_THE_RENAME = """
import os, signal, sys
import hooks.app.fixing
from hooks.entry import report_placeholders
os.replace = lambda *args: os.kill(os.getpid(), signal.SIGKILL)  # the fixer is killed just before its rename
report_placeholders(["--template-file", sys.argv[1], "--fix", sys.argv[2]])
"""


def _worktree(repo: Path) -> Path:
    linked = repo.parent / "linked"
    git(repo, "worktree", "add", "-q", str(linked))
    return linked


def _submodule(repo: Path) -> Path:
    outer = repo.parent / "outer"
    outer.mkdir()
    git(outer, "init", "-q")
    git(outer, "-c", "protocol.file.allow=always", "submodule", "add", "-q", str(repo), "student")
    commit(outer)
    return outer / "student"


@pytest.mark.parametrize("where", ["repository", "hard link", "worktree", "submodule"])
def test_a_fixer_killed_at_its_rename_leaves_the_report_whole_and_nothing_git_shows(repo, where) -> None:
    write_report(repo, report_text(Q2="--- " + words(30)))
    commit(repo)
    work = {"worktree": _worktree, "submodule": _submodule}.get(where, lambda repo: repo)(repo)
    path = work / "reports" / "README.md"
    if where == "hard link":
        os.link(path, work / "copy.md")
        commit(work)
    before = path.read_bytes()
    done = subprocess.run([sys.executable, "-c", KILLED_AT_THE_RENAME, str(EXAMPLE_TEMPLATE), str(path)], check=False)
    assert done.returncode == -signal.SIGKILL
    assert path.read_bytes() == before
    assert git(work, "status", "--porcelain", "--untracked-files=all") == ""
    if where == "submodule":
        assert git(work.parent, "status", "--porcelain", "--untracked-files=all") == ""


def test_an_editor_save_during_the_fix_wins(repo, capsys, monkeypatch) -> None:
    path = write_report(repo, report_text(Q2="--- " + words(30)))
    saved = report_text(Q2="saved by the editor " + words(25)).encode()
    keep = hooks.app.fixing._keep_attributes

    def editor_saves(*args: object) -> None:
        path.write_bytes(saved)
        keep(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(hooks.app.fixing, "_keep_attributes", editor_saves)
    code, _, err = run(capsys, report_placeholders, "--fix", str(path))
    assert code == 2 and path.read_bytes() == saved
    assert err == (
        f"report-placeholders: error: {path}: changed while it was being fixed, so it was left alone; "
        "run the hook again\n"
    )
    assert git(repo, "status", "--porcelain", "--untracked-files=all") == "?? reports/README.md\n"
    assert sorted(p.name for p in path.parent.iterdir()) == ["README.md", "figures"]


def test_a_fixer_killed_before_the_rename_leaves_nothing_git_shows(repo, capsys, monkeypatch) -> None:
    path = write_report(repo, report_text(Q2="--- " + words(30)))
    commit(repo)

    def killed(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(hooks.app.fixing.os, "replace", killed)
    monkeypatch.setattr(hooks.app.fixing.os, "unlink", lambda *args: None)  # a killed process cleans nothing up
    with pytest.raises(KeyboardInterrupt):
        report_placeholders([*TEMPLATE, "--fix", str(path)])
    assert git(repo, "status", "--porcelain", "--untracked-files=all") == ""


# --- hangs and crashes ------------------------------------------------------------

sys.path.insert(0, str(ROOT / "benchmarks"))
from scaling import hostile_inputs, question_headings, single_shapes  # noqa: E402  (the bench times them)

HOSTILE = hostile_inputs()
SHAPES = single_shapes()


@pytest.mark.slow  # every entry point on each input up to the size cap
@pytest.mark.parametrize("body", HOSTILE.values(), ids=HOSTILE.keys())
@pytest.mark.parametrize("name", ENTRY_POINTS)
def test_hostile_answers_end_normally(repo, capsys, name, body) -> None:
    path = write_report(repo, report_text(Q4=body))
    code, _out, err = run(capsys, ENTRY_POINTS[name], str(path))
    assert code in (0, 1) and err == ""


@pytest.mark.slow  # each shape up to the size cap
@pytest.mark.parametrize("body", SHAPES.values(), ids=SHAPES.keys())
def test_a_report_of_one_shape_up_to_the_cap_ends_normally(repo, capsys, body) -> None:
    """report-check runs every family; benchmarks/scaling.py times each entry point on these."""
    path = write_report(repo, report_text(Q4=body))
    code, _out, err = run(capsys, report_check, str(path))
    assert code == 1 and err == ""


@pytest.mark.parametrize("heading", ["### Question ", "## Question "])
def test_question_headings_up_to_the_cap(repo, capsys, heading) -> None:
    path = write_report(repo, question_headings(heading))
    code, _out, err = run(capsys, report_check, str(path))
    assert code == 1 and err == ""


def test_a_percent_encoded_nul_in_an_image_link(repo, capsys) -> None:
    path = write_report(repo, report_text(Q5="![p](figures/a%00b.png)"))
    code, out, _ = run(capsys, report_images, str(path))
    assert (code, out) == (1, f"{path}:59: IMG003 Question 5: 'figures/a\\x00b.png' does not exist\n")


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda tmp: os.mkfifo(tmp / "pipe.md") or tmp / "pipe.md", "is not a regular file"),
        (lambda tmp: Path("/dev/zero"), "is not a regular file"),
        (lambda tmp: tmp, "has no reports/README.md (in any case)"),
    ],
    ids=["fifo", "device", "directory"],
)
def test_only_regular_files_are_read(tmp_path, capsys, make, message) -> None:
    path = make(tmp_path)
    code, out, err = run(capsys, report_check, str(path))
    assert (code, out) == (2, "")
    assert err.startswith(f"report-check: error: {path}: {message}") and err.count("\n") == 1


def test_a_report_larger_than_the_cap_is_refused(repo, capsys) -> None:
    path = write_report(repo, b"x" * (MAX_REPORT_BYTES + 1))
    assert run(capsys, report_check, str(path)) == (
        2,
        "",
        f"report-check: error: {path}: is larger than 128 KB, too large to be a report\n",
    )


def test_a_report_at_the_cap_is_read(repo, capsys) -> None:
    text = report_text()
    path = write_report(repo, text + "x" * (MAX_REPORT_BYTES - len(text.encode())))
    code, _out, err = run(capsys, report_check, str(path))
    assert (code, err) == (0, "")


def test_a_nul_in_a_path(capsys) -> None:
    assert run(capsys, report_check, "reports/READ\0ME.md") == (
        2,
        "",
        "report-check: error: reports/READ\\x00ME.md: the path contains a NUL character\n",
    )


def test_a_terminal_that_cannot_encode_the_report(repo) -> None:
    path = write_report(repo, report_text(Q5="![→ 😀](figures/→.png)"))
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "from hooks.entry import report_images; raise SystemExit(report_images())",
            *TEMPLATE,
            str(path),
        ],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "cp1252"},
        check=False,
    )
    assert (done.returncode, done.stderr) == (1, b"")
    assert done.stdout == (
        f"{path}:59: IMG003 Question 5: 'figures/\\u2192.png' does not exist\n"
        "Found 1 finding (1 error); the official checker will print 0 WARNING lines.\n"
    ).encode("cp1252")


def test_every_finding_is_inside_the_file(repo, capsys) -> None:
    text = report_text()
    path = write_report(repo, text[: text.index("### Question 6")])
    code, out, _ = run(capsys, report_length, "--format", "json", str(path))
    last = path.read_text().count("\n")
    assert code == 1 and {finding["line"] for finding in json.loads(out)} == {last}


def test_control_characters_are_escaped(repo, capsys) -> None:
    path = write_report(repo, report_text(Q3=words(20) + "\n\n## \x1b]0;owned\x07\x1b[31mRed"))
    _code, out, _ = run(capsys, report_headings, str(path))
    assert "\x1b" not in out and "\x07" not in out
    assert "\\x1b]0;owned\\x07\\x1b[31mRed" in out


# --- the repository is the boundary -----------------------------------------------


@pytest.fixture
def opened(monkeypatch) -> list[str]:
    """Every path the hooks open, list or stat while the test runs, and where it leads."""
    seen: list[str] = []
    resolving = []  # realpath stats the path too: those calls are the spy's own

    def spy(function, follows: bool = True):
        def wrapper(path, *args, **kwargs):
            if isinstance(path, (str, bytes, os.PathLike)) and not resolving:
                name = os.path.abspath(os.fsdecode(path))
                resolving.append(name)
                try:
                    # Through a symlink, what is opened, listed or stat'ed is where the link leads.
                    seen.extend({name, os.path.realpath(name)} if follows else {name})
                finally:
                    resolving.pop()
            return function(path, *args, **kwargs)

        return wrapper

    for name in ("scandir", "stat", "open", "listdir"):
        monkeypatch.setattr(os, name, spy(getattr(os, name)))
    monkeypatch.setattr(os, "lstat", spy(os.lstat, follows=False))
    monkeypatch.setattr(builtins, "open", spy(builtins.open))
    return seen


def linked_out(repo: Path, tmp_path: Path, name: str) -> Path:
    """reports/shots in the repository: a symlink to a folder outside it that holds one PNG, ``name``."""
    secret = tmp_path / "secret"
    secret.mkdir()
    (secret / name).write_bytes(b"\x89PNG\r\n\x1a\nsecret")
    (repo / "reports" / "shots").symlink_to(secret)
    return secret


def test_a_miscased_image_through_a_symlink_out_is_never_read(repo, tmp_path, capsys, opened) -> None:
    secret = linked_out(repo, tmp_path, "Passwd.png")
    path = write_report(repo, report_text(Q5="![p](shots/passwd.png)"))
    code, out, _ = run(capsys, report_images, str(path))
    assert (code, out) == (1, f"{path}:59: IMG009 Question 5: 'shots/passwd.png' points outside the repository\n")
    assert not [seen for seen in opened if seen.startswith(str(secret))]


def test_suggestions_and_unused_never_list_outside(repo, tmp_path, capsys, opened) -> None:
    secret = linked_out(repo, tmp_path, "p.png")
    path = write_report(repo, report_text(Q5="![p](shots/p.jpg)"))
    code, out, _ = run(capsys, report_images, "--unused", "--figures-dir", "shots", str(path))
    assert (code, out.splitlines()[-1]) == (
        1,
        f"{path}:59: IMG009 Question 5: 'shots/p.jpg' points outside the repository",
    )
    assert not [seen for seen in opened if seen.startswith(str(secret))]


@pytest.mark.parametrize("folder", ["/etc", "../..", "figures/../../x"])
def test_a_figures_folder_outside_is_refused(repo, capsys, folder) -> None:
    path = write_report(repo, report_text())
    code, out, err = run(capsys, report_images, "--unused", "--figures-dir", folder, str(path))
    assert (code, out) == (2, "")
    assert err == (
        f"report-images: error: figures-dir {folder!r} must be a folder inside the repository, relative to the report\n"
    )


def test_git_never_runs_the_repositorys_fsmonitor(repo, tmp_path, capsys) -> None:
    ran = tmp_path / "fsmonitor-ran"
    hook = tmp_path / "fsmonitor.sh"
    hook.write_text(f"#!/bin/sh\ntouch {ran}\n")
    hook.chmod(hook.stat().st_mode | stat.S_IXUSR)
    git(repo, "config", "core.fsmonitor", str(hook))
    path = write_report(repo, report_text())
    run(capsys, report_images, str(path))
    assert not ran.exists()


# --- what is broken is reported ---------------------------------------------------


def test_conflict_markers_are_one_error(repo, capsys) -> None:
    answer = "<<<<<<< HEAD\n" + words(20) + "\n=======\n" + words(21) + "\n>>>>>>> feature"
    path = write_report(repo, report_text(Q3=answer))
    code, out, _ = run(capsys, report_headings, str(path))
    assert code == 1
    assert out.splitlines()[0] == (
        f"{path}:39: HDG016 git conflict markers on lines 39, 41, 43: finish the merge, keep one side, "
        "delete the markers"
    )


@pytest.mark.parametrize("content", [b"", b"  \n\n\t\n"])
def test_an_empty_report_is_an_error(repo, capsys, content) -> None:
    path = write_report(repo, content)
    assert run(capsys, report_check, str(path)) == (
        2,
        "",
        f"report-check: error: {path}: is empty: the official checker finds no 'Answer:' in it and aborts\n",
    )


def test_an_unclosed_fence_is_reported_and_the_questions_after_it_still_count(repo, capsys) -> None:
    path = write_report(repo, report_text(Q2=words(30) + "\n\n```bash\npip install ."))
    code, out, _ = run(capsys, report_check, str(path))
    assert (code, out) == (
        1,
        f"{path}:29: HDG017 this code fence is never closed: on GitHub the rest of the report shows as code\n",
    )


@requires_shared
def test_an_unclosed_fence_does_not_change_the_detected_revision(tmp_path, capsys) -> None:
    """Each 2023 corpus report with a fence opened, and never closed, in the first answer after its own fences."""
    manifest = json.loads((SHARED / "corpus" / "manifest.json").read_text())
    tried = 0
    for name in [entry["file"] for entry in manifest if entry["template"] == "2023"]:
        text = (SHARED / "corpus" / "reports" / name).read_text()
        marker = text.find("Answer:", max(text.rfind("```"), text.rfind("~~~")))
        if marker < 0:
            continue
        tried += 1
        broken = text[:marker] + text[marker:].replace("\n", "\n\n```python\n", 1)
        summaries = []
        for version, content in (("before", text), ("after", broken)):
            path = tmp_path / name / version / "README.md"
            path.parent.mkdir(parents=True)
            path.write_text(content)
            report_check(["--summary", "--format", "json", str(path)])
            summaries.append(json.loads(capsys.readouterr().out)[0])
        assert summaries[1]["revision"] == summaries[0]["revision"], name
        assert summaries[1]["official"] == summaries[0]["official"], name
    assert tried


def test_a_report_py_beside_that_links_out_is_not_read(repo, tmp_path, capsys, opened) -> None:
    outside = tmp_path / "report.py"
    outside.write_text("def check():\n    pass\n")
    (repo / "reports" / "report.py").symlink_to(outside)
    path = write_report(repo, report_text())
    code, out, err = run(capsys, report_length, str(path))
    assert (code, out) == (0, "")
    assert err == (
        f"report-length: note: {repo}/reports/report.py is ignored: it is a symlink, or in a folder that is one, "
        "that leads out of the repository\n"
    )
    assert str(outside) not in opened


@pytest.mark.parametrize("name", ["readme.md", "Readme.md"])
def test_a_report_in_another_case_is_not_graded(repo, capsys, name) -> None:
    path = repo / "reports" / name
    path.write_text(report_text())
    assert report_headings([*TEMPLATE, str(path)]) == 1
    assert capsys.readouterr().out == (
        f"{path}:1: HDG018 the report is reports/{name}: the grader reads exactly reports/README.md, so this "
        "report is not graded at all; rename it (git mv)\n"
        "Found 1 finding (1 error); the official checker will not read it.\n"
    )


@pytest.mark.parametrize(
    ("data", "looks_like"),
    [("### Question 1\n> Answer:\n\nCafé\n".encode("cp1252"), "Latin-1 (Windows-1252)"),
     ("### Question 1\n> Answer:\n\nCafé\n".encode("utf-16"), "UTF-16")],
    ids=["latin-1", "utf-16"],
)  # fmt: skip
def test_a_report_not_in_utf8_names_the_encoding_it_looks_like(repo, capsys, data, looks_like) -> None:
    path = write_report(repo, data)
    code, out, err = run(capsys, report_check, str(path))
    assert (code, out) == (2, "")
    assert err.startswith(f"report-check: error: {path}: not UTF-8 text (byte ")
    assert err.endswith(f"): it looks like {looks_like}; save it as UTF-8\n")


@pytest.mark.parametrize(
    ("data", "kind"),
    [(b"\x89PNG\r\n\x1a\n" + bytes(40), "PNG"), (b"%PDF-1.7\n" + bytes(40), "PDF"), (b"PK\x03\x04" + bytes(40),
     "a ZIP archive (a .docx, say)")],
    ids=["png", "pdf", "docx"],
)  # fmt: skip
def test_a_binary_file_saved_as_the_report_is_not_a_text_file(repo, capsys, data, kind) -> None:
    path = write_report(repo, data)
    assert run(capsys, report_check, str(path)) == (
        2,
        "",
        f"report-check: error: {path}: is not a text file: it is {kind}\n",
    )


# --- the other doors: pyproject.toml, options, report.py, git, output ----------------

EVERY_FAMILY = '[tool.mlops-report-hooks]\nignore = ["LEN", "IMG", "HDG", "PLH", "RND"]\n'


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder beside the student's repository: nothing in it may be opened, listed or run."""
    folder = tmp_path / "outside"
    folder.mkdir()
    return folder


@pytest.fixture
def started(monkeypatch) -> list[list[str]]:
    """The command line of every process the hooks start while the test runs."""
    seen: list[list[str]] = []

    class Spy(subprocess.Popen):
        def __init__(self, args, *rest, **kwargs) -> None:
            seen.append([os.fsdecode(arg) for arg in ([args] if isinstance(args, (str, bytes)) else args)])
            super().__init__(args, *rest, **kwargs)

    def refused(name: str):
        def spawn(*args, **kwargs):
            seen.append([name, *map(str, args)])
            raise AssertionError(f"os.{name} called")

        return spawn

    spawn = getattr(os, "posix_spawnp", None)

    def spawned(file, argv, *args, **kwargs):
        seen.append([os.fsdecode(arg) for arg in argv])
        return spawn(file, argv, *args, **kwargs)

    monkeypatch.setattr(subprocess, "Popen", Spy)
    if spawn is not None:
        monkeypatch.setattr(os, "posix_spawnp", spawned)
    for name in ("system", "posix_spawn", "execv", "execve", "execvp", "fork"):
        if hasattr(os, name):
            monkeypatch.setattr(os, name, refused(name))
    return seen


def over_limit(repo: Path) -> Path:
    """The report with one finding: Question 3 over its 10-30 words."""
    return write_report(repo, report_text(Q3=words(31)))


def test_a_pyproject_linked_out_of_the_repository_is_not_read(repo, outside, capsys, opened) -> None:
    (outside / "pyproject.toml").write_text(EVERY_FAMILY)
    (repo / "pyproject.toml").symlink_to(outside / "pyproject.toml")
    path = over_limit(repo)
    code, out, err = run(capsys, report_check, str(path))
    assert (code, out) == (1, f"{path}:31: LEN001 Question 3: 31 words, limit 10-30 (1 over)\n")
    assert err == f"report-check: note: {repo}/pyproject.toml is not read: it leads out of the repository\n"
    assert not [seen for seen in opened if seen.startswith(str(outside))]


@pytest.mark.parametrize("where", ["table", "option"])
def test_a_checker_file_outside_the_repository_is_refused(repo, outside, capsys, opened, where) -> None:
    (outside / "report.py").write_text(EXAMPLE_REPORT_PY.replace("max_length=30", "max_length=300"))
    path = over_limit(repo)
    if where == "table":
        (repo / "pyproject.toml").write_text('[tool.mlops-report-hooks]\nchecker-file = "../outside/report.py"\n')
        named, what = f"{repo}/../outside/report.py", f"{repo}/pyproject.toml: [tool.mlops-report-hooks] checker-file"
        code, out, err = run(capsys, report_check, str(path))
    else:
        named, what = str(outside / "report.py"), "--checker-file"
        code, out, err = run(capsys, report_check, "--checker-file", named, str(path))
    assert (code, out) == (2, "")
    assert err == f"report-check: error: {what}: {named} is outside the repository, so it is not read\n"
    assert not [seen for seen in opened if seen.startswith(str(outside))]


def signed_commit(repo: Path, signer: Path) -> None:
    """Commit the work with a signature: ``signer`` stands in for gpg, and signs anything."""
    signer.write_text(
        "#!/bin/sh\ncat >/dev/null\necho '[GNUPG:] SIG_CREATED D 1 8 00 1 X' >&2\n"
        "printf -- '-----BEGIN PGP SIGNATURE-----\\n\\nAAAA\\n-----END PGP SIGNATURE-----\\n'\n"
    )
    signer.chmod(0o755)
    git(repo, "add", "-A")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "-c", f"gpg.program={signer}",
        "-c", "user.signingkey=x", "commit", "-S", "-qm", "signed")  # fmt: skip


def changed_prompt(repo: Path) -> Path:
    """The report, first committed as the template's, with Question 2's prompt since reworded."""
    path = write_report(repo, EXAMPLE_TEMPLATE.read_text(encoding="utf-8"))
    return path


def test_git_starts_no_program_the_repository_configures(repo, outside, capsys, started) -> None:
    ran = outside / "ran"
    trap = outside / "trap.sh"
    trap.write_text(f'#!/bin/sh\necho "$0 $*" >> {ran}\ncat >/dev/null\nexit 1\n')
    trap.chmod(0o755)
    hooks_folder = outside / "git-hooks"
    hooks_folder.mkdir()
    for hook in ("post-checkout", "post-index-change", "reference-transaction", "pre-auto-gc"):
        (hooks_folder / hook).symlink_to(trap)
    path = write_report(repo, EXAMPLE_TEMPLATE.read_text(encoding="utf-8"))
    (repo / ".gitattributes").write_text("* diff=trap filter=trap\n")
    signed_commit(repo, outside / "signer.sh")
    path.write_text(report_text().replace("enjoy the most, and why?", "enjoy most?"))
    for key, value in {
        "core.fsmonitor": trap, "core.hooksPath": hooks_folder, "core.pager": trap, "log.showSignature": "true",
        "gpg.program": trap, "diff.external": trap, "diff.trap.textconv": trap, "filter.trap.clean": trap,
        "filter.trap.smudge": trap, "filter.trap.process": trap, "credential.helper": trap,
    }.items():  # fmt: skip
        git(repo, "config", key, str(value))
    code, out, _ = run(capsys, report_check, "--unused", str(path))
    assert code == 0
    # git answered: the prompt is compared with the report's first commit.
    assert out == (f"{path}:18: HDG009 warning: Question 2: the prompt's question differs from the template as "
                   "first committed: 'the most, and why?' became 'most?'\n")  # fmt: skip
    assert not ran.exists()
    assert started and {tuple(args[:1]) for args in started} == {("git",)}
    git(repo, "log", "-1", "--format=%H")  # the trap is real: a plain git log runs the configured gpg
    assert ran.exists()


@pytest.mark.slow  # waits out git's time
def test_git_waits_for_nothing(repo, outside, capsys) -> None:
    path = write_report(repo, EXAMPLE_TEMPLATE.read_text(encoding="utf-8"))
    commit(repo)
    path.write_text(report_text().replace("enjoy the most, and why?", "enjoy most?"))
    os.mkfifo(outside / "config")
    git(repo, "config", "include.path", str(outside / "config"))  # git blocks reading it: no writer ever comes
    code, out, err = run(capsys, report_check, str(path))
    # git gave no answer: the prompt is compared with the template, not with the report's first commit.
    assert (code, out) == (
        0,
        f"{path}:18: HDG009 warning: Question 2: the prompt's question differs from the template\n",
    )
    assert err == (
        "report-check: note: 'git ls-files' did not answer within 2 s (does the repository's git configuration "
        "include a pipe?), so the run went on without git: which files are committed, and the report's first "
        "version, were not known\n"
    )


@pytest.mark.parametrize(
    ("make", "problem"),
    [
        (lambda folder: os.mkfifo(folder / "template.md") or folder / "template.md",
         "is not a regular file (a pipe, a socket or a device), so it is not read"),
        (lambda folder: Path("/dev/zero"), "is outside the repository of the working folder, so it is not read"),
        (lambda folder: (folder / "template.md").write_bytes(b"x" * (MAX_REPORT_BYTES + 1)) and folder / "template.md",
         "is larger than 128 KB, too large to be a template"),
    ],
    ids=["fifo", "device", "huge"],
)  # fmt: skip
def test_a_template_file_is_read_through_the_same_door(repo, capsys, monkeypatch, make, problem) -> None:
    monkeypatch.chdir(repo)
    template = make(repo)
    path = over_limit(repo)
    code = report_check(["--template-file", str(template), str(path)])
    out, err = capsys.readouterr()
    assert (code, out) == (2, "")
    assert err == f"report-check: error: cannot read template file {template}: {problem}\n"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b'[tool.mlops-report-hooks]\nignore = ["LEN\xff"]\n', r"not UTF-8 \(byte 0xff\)"),
        # tomllib recurses until Python stops it; tomli, below Python 3.11, counts the levels itself.
        (b"[tool.mlops-report-hooks]\nx = " + b"[" * 100_000 + b"\n", "maximum recursion depth exceeded|nested more"),
        (b"[tool.mlops-report-hooks]\nx = " + b"9" * 5_000 + b"\n", r"Exceeds the limit \(4300( digits)?\)"),
    ],
    ids=["not-utf8", "nested-brackets", "long-integer"],
)
def test_a_broken_pyproject_is_one_line(repo, capsys, content, reason) -> None:
    (repo / "pyproject.toml").write_bytes(content)
    path = over_limit(repo)
    code, out, err = run(capsys, report_check, str(path))
    assert (code, out) == (2, "")
    assert err.startswith(f"report-check: error: {repo}/pyproject.toml: not valid TOML: ")
    assert re.search(reason, err) and err.count("\n") == 1


def test_a_pyproject_larger_than_its_cap_is_passed_over(repo, capsys) -> None:
    (repo / "pyproject.toml").write_text(EVERY_FAMILY + "#" * (1024 * 1024))
    path = over_limit(repo)
    code, out, err = run(capsys, report_check, str(path))
    assert (code, out) == (1, f"{path}:31: LEN001 Question 3: 31 words, limit 10-30 (1 over)\n")
    assert err == (
        f"report-check: note: {repo}/pyproject.toml is not read: it is larger than 1 MB, too large to be a "
        "pyproject.toml\n"
    )


@pytest.mark.parametrize(
    ("source", "problem"),
    [
        ("x = " + "-" * 100_000 + "1\n" + EXAMPLE_REPORT_PY, "is not valid Python: "),
        (EXAMPLE_REPORT_PY.replace("min_length=20", 'min_length="a"'), "line 7: a limit that is not a whole number"),
        ("#" * (256 * 1024) + EXAMPLE_REPORT_PY, "is larger than 256 KB, too large to be a report.py"),
    ],
    ids=["nested-minus", "string-limit", "huge"],
)
def test_a_report_py_that_is_no_table(repo, capsys, monkeypatch, source, problem) -> None:
    """Beside the report it is only looked for: passed over with a note. Named by an option: exit 2."""
    beside = repo / "reports" / "report.py"
    beside.write_text(source)
    path = over_limit(repo)
    code, out, err = run(capsys, report_check, str(path))
    assert (code, out) == (1, f"{path}:31: LEN001 Question 3: 31 words, limit 10-30 (1 over)\n")
    assert err.startswith(f"report-check: note: {beside} is ignored: it ")
    assert problem in err and err.count("\n") == 1
    monkeypatch.chdir(repo)
    shutil.copy(EXAMPLE_TEMPLATE, "template.md")
    code = report_check(["--template-file", "template.md", "--checker-file", "reports/report.py", str(path)])
    out, err = capsys.readouterr()
    assert (code, out) == (2, "")
    assert err.startswith("report-check: error: reports/report.py: ")
    assert problem in err and err.count("\n") == 1


def test_a_report_py_with_a_repeated_key_grades_as_python_reads_it(repo, capsys) -> None:
    """Python keeps the first place of a repeated key and its last value: five rows for six answers. The script
    zips them: answer 5 gets question 6's 5-25 words, and answer 6 is checked by nothing."""
    beside = repo / "reports" / "report.py"
    beside.write_text(EXAMPLE_REPORT_PY.replace('"question_5"', '"question_3"'))
    path = write_report(repo, report_text(Q5="![p](figures/pipe.png)", Q6=words(40)))
    code, out, err = run(capsys, report_check, "--summary", "--format", "json", str(path))
    (summary,) = json.loads(out)
    limits = {q["n"]: (q["min_words"], q["max_words"], q["min_images"], q["max_images"]) for q in summary["questions"]}
    assert limits == {1: (None,) * 4, 2: (20, 40, None, None), 3: (None, None, 1, 1), 4: (10, 50, 1, 2),
                      5: (5, 25, None, None), 6: (None,) * 4}  # fmt: skip
    assert (code, summary["official"]["warnings"]) == (1, 2)  # answer 3 has no image, answer 5 no words
    assert err == (
        f"report-check: note: {path} is graded with the table of {beside}, a report.py this package does not know\n"
    )


def test_a_full_disk_is_one_line(repo) -> None:
    path = over_limit(repo)
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-c", "from hooks.entry import report_check; raise SystemExit(report_check())",
             *TEMPLATE, str(path)],
            stdout=full, stderr=subprocess.PIPE, text=True, check=False,
        )  # fmt: skip
    assert (done.returncode, done.stderr) == (
        2,
        "report-check: error: cannot write the output: No space left on device\n",
    )


def test_json_fix_with_stderr_closed_writes_only_json(repo) -> None:
    text = report_text(Q3=words(20) + "\n\n--- question 3 fill here ---")
    path = write_report(repo, text)
    done = subprocess.run(
        [sys.executable, "-c", "from hooks.entry import report_check; raise SystemExit(report_check())",
         *TEMPLATE, "--format", "json", "--fix", str(path)],
        stdout=subprocess.PIPE, text=True, check=False, preexec_fn=lambda: os.close(2),
    )  # fmt: skip
    assert done.returncode == 1
    assert json.loads(done.stdout) == []  # the fix left nothing to find; its notes had nowhere to go
    assert path.read_text() == text.replace("--- question 3 fill here ---\n", "")


def test_columns_that_are_not_a_number(repo, capsys, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "abc")
    path = over_limit(repo)
    code, out, _ = run(capsys, report_check, str(path))
    assert (code, out) == (1, f"{path}:31: LEN001 Question 3: 31 words, limit 10-30 (1 over)\n")
    with pytest.raises(SystemExit):
        report_check(["--help"])
    assert capsys.readouterr().out.startswith("usage: report-check [-h]")


def test_csv_cells_cannot_be_formulas_or_split_rows(tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(EXAMPLE_TEMPLATE, "template.md")
    for folder in ("=HYPERLINK(1)", "a\rb"):
        (tmp_path / folder / "reports").mkdir(parents=True)
        (tmp_path / folder / "reports" / "README.md").write_text("@SUM(1)\n")
    code = report_check(["--template-file", "template.md", "--summary", "--format", "csv", "=HYPERLINK(1)", "a\rb"])
    out = capsys.readouterr().out
    assert code == 1
    rows = out.split("\r\n")
    assert rows[1].startswith("'=HYPERLINK(1)/reports/README.md,")
    assert rows[2].startswith('"a\rb/reports/README.md",')
    assert len(rows) == 4 and rows[3] == ""


def test_the_hooks_open_nothing_outside_and_start_only_git(repo, outside, capsys, monkeypatch, opened, started):
    """Everything that could lead out at once: a pyproject.toml, a report.py and an image linked out, a figures
    folder that is a link out; git configured to run a program; nothing outside is touched, only git is started."""
    (outside / "pyproject.toml").write_text(EVERY_FAMILY)
    (outside / "report.py").write_text(EXAMPLE_REPORT_PY)
    (outside / "x.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (repo / "pyproject.toml").symlink_to(outside / "pyproject.toml")
    (repo / "reports" / "report.py").symlink_to(outside / "report.py")
    (repo / "reports" / "shots").symlink_to(outside)
    git(repo, "config", "core.fsmonitor", str(outside / "x.png"))
    path = write_report(repo, report_text(Q4=words(20) + " ![d](../../outside/x.png) ![e](shots/x.png)"))
    monkeypatch.chdir(repo)
    shutil.copy(EXAMPLE_TEMPLATE, "template.md")
    for main in ENTRY_POINTS.values():
        unused = ["--unused"] if main in (report_check, report_images) else []
        assert main(["--template-file", "template.md", *unused, str(path)]) in (0, 1)
    assert report_check(["--template-file", "template.md", "--summary", str(path)]) == 0
    assert report_placeholders(["--template-file", "template.md", "--fix", str(path)]) in (0, 1)
    capsys.readouterr()
    assert not [seen for seen in opened if seen.startswith(str(outside))]
    assert started and {args[0] for args in started} == {"git"}


# --- hostile repositories ---------------------------------------------------------


def test_a_course_folder_a_thousand_folders_deep_is_walked(tmp_path, capsys) -> None:
    deep = tmp_path / "course"
    deep.mkdir()
    for depth in range(1000):  # one folder at a time: pathlib's mkdir(parents=True) recurses itself
        deep = deep / f"d{depth % 10}"
        deep.mkdir()
    report = deep / "g" / "reports" / "README.md"
    (deep / "g").mkdir()
    report.parent.mkdir()
    report.write_text(report_text())
    assert report_check([*TEMPLATE, "--summary", "--format", "csv", str(tmp_path / "course")]) in (0, 1)
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert {row["path"] for row in rows} == {str(report)}
    # Removed deepest first: shutil.rmtree, pytest's cleanup, recurses a level at a time.
    report.unlink()
    for folder in [report.parent, *report.parent.parents][:1002]:
        folder.rmdir()


def test_a_group_folder_that_cannot_be_listed_is_said_with_exit_2(tmp_path, capsys, monkeypatch) -> None:
    course = tmp_path / "course"
    for group in ("g1", "g2"):
        (course / group / "reports").mkdir(parents=True)
        (course / group / "reports" / "README.md").write_text(report_text())
    scandir = os.scandir

    def refuse(path):
        if os.fspath(path) == str(course / "g2"):
            raise PermissionError(13, "Permission denied")
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refuse)
    assert report_check([*TEMPLATE, "--summary", "--format", "csv", str(course)]) == 2
    out, err = capsys.readouterr()
    rows = {row["path"]: row["status"] for row in csv.DictReader(io.StringIO(out))}
    assert rows == {str(course / "g1" / "reports" / "README.md"): "graded", str(course / "g2"): "unusable"}
    assert err == (
        f"report-check: error: {course / 'g2'}: has no reports/README.md (in any case); {course / 'g2'} cannot be "
        "listed: Permission denied\n"
    )


def test_control_characters_in_a_folder_name_are_printed_escaped(tmp_path, capsys) -> None:
    course = tmp_path / "course"
    for group in ("g1", "\x1b]0;owned\x07g2"):
        (course / group / "reports").mkdir(parents=True)
        (course / group / "reports" / "README.md").write_text(report_text(Q2=words(45)))
    assert report_check([*TEMPLATE, "--summary", str(course)]) == 1
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    assert f"{course}/\\x1b]0;owned\\x07g2/reports/README.md (template template.md, chosen by the options)" in out


def test_a_figure_that_is_a_fifo_is_refused_without_blocking(repo, capsys) -> None:
    path = write_report(repo, report_text())
    fifo = repo / "reports" / "figures" / "pipe.png"
    fifo.unlink()
    os.mkfifo(fifo)
    code, out, _ = run(capsys, report_images, str(path))
    assert (code, out) == (
        1,
        f"{path}:59: IMG007 Question 5: 'figures/pipe.png' is not a regular file (a pipe, a socket or a device), so "
        "it is not read\n",
    )


def test_git_is_not_made_to_read_a_file_whole_by_the_repositorys_configuration(repo, capsys, monkeypatch) -> None:
    """diff.orderFile and core.attributesFile name files git reads whole: /dev/zero grows it by gigabytes."""
    write_report(repo, report_text())
    commit(repo)
    (repo / "reports" / "figures" / "dash.png").unlink()
    git(repo, "add", "-A")
    # Set last: from here on, a git that follows them reads without end (this test's own git calls too).
    git(repo, "config", "diff.orderFile", "/dev/zero")
    git(repo, "config", "core.attributesFile", "/dev/zero")
    monkeypatch.chdir(repo)
    monkeypatch.setenv("PRE_COMMIT", "1")
    shutil.copy(EXAMPLE_TEMPLATE, "template.md")  # a file an option names is read inside the working repository
    started = time.monotonic()
    assert report_images(["--template-file", "template.md"]) == 1
    assert time.monotonic() - started < hooks.core.git.GIT_SECONDS
    assert capsys.readouterr().out.splitlines()[0] == (
        "reports/README.md:49: IMG003 Question 4: 'figures/dash.png' does not exist"
    )


def test_two_fences_left_open_are_read_as_github_reads_them(repo, capsys) -> None:
    """The '```' that GitHub leaves open is said once; the '~~~' inside it is its code: every question is found."""
    path = write_report(repo, report_text(Q2=words(25) + "\n\n```bash\nls", Q4=words(20) + "\n\n~~~\nx"))
    code, out, _ = run(capsys, report_headings, str(path))
    assert (code, out) == (
        1,
        f"{path}:29: HDG017 this code fence is never closed: on GitHub the rest of the report shows as code\n",
    )


def test_every_line_of_the_summary_is_inside_the_file(repo, capsys) -> None:
    """Two fences left open, and the last answer empty at the end of the file: each question at its heading."""
    text = report_text(Q2=words(25) + "\n\n```bash\nls", Q4=words(20) + "\n\n~~~\nx").rsplit("\n", 3)[0] + "\n"
    path = write_report(repo, text)
    assert report_check([*TEMPLATE, "--summary", "--format", "json", str(path)]) == 1
    (data,) = json.loads(capsys.readouterr().out)
    assert len(text.splitlines()) == 73
    assert [question["line"] for question in data["questions"]] == [10, 17, 34, 44, 59, 67]
