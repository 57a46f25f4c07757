"""The bad-input table: every way a crafted or mutated report once hurt a hook, one test each.

The README's Safety section lists these cases.
"""

from __future__ import annotations

import builtins
import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLE_TEMPLATE, ONE_LINE_ANSWERS, ROOT, SHARED, fill, findings, git, requires_shared, words

import hooks.fixing
from hooks.entry import report_check, report_headings, report_images, report_length, report_placeholders
from hooks.fixing import apply_edits
from hooks.rules import Edit

TEMPLATE = ["--template-file", str(EXAMPLE_TEMPLATE)]
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
    code = main([*TEMPLATE, *args])
    out, err = capsys.readouterr()
    return code, "".join(f"{line}\n" for line in findings(out)), err


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


def test_fix_rewrites_a_hard_linked_file_in_place(repo, capsys) -> None:
    path = write_report(repo, report_text(Q2="--- " + words(30)))
    other = repo / "copy.md"
    os.link(path, other)
    inode = path.stat().st_ino
    assert run(capsys, report_placeholders, "--fix", str(path))[0] == 1
    assert path.stat().st_ino == inode and other.read_text() == report_text()


def test_an_editor_save_during_the_fix_wins(repo, capsys, monkeypatch) -> None:
    path = write_report(repo, report_text(Q2="--- " + words(30)))
    saved = report_text(Q2="saved by the editor " + words(25)).encode()
    keep = hooks.fixing._keep_attributes

    def editor_saves(*args: object) -> None:
        path.write_bytes(saved)
        keep(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(hooks.fixing, "_keep_attributes", editor_saves)
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

    monkeypatch.setattr(hooks.fixing.os, "replace", killed)
    monkeypatch.setattr(hooks.fixing.os, "unlink", lambda *args: None)  # a killed process cleans nothing up
    with pytest.raises(KeyboardInterrupt):
        report_placeholders([*TEMPLATE, "--fix", str(path)])
    assert git(repo, "status", "--porcelain", "--untracked-files=all") == ""


# --- hangs and crashes ------------------------------------------------------------

sys.path.insert(0, str(ROOT / "benchmarks"))
from scaling import hostile_inputs, thirty_thousand_headings  # noqa: E402  (the bench times the same inputs)

HOSTILE = hostile_inputs()


@pytest.mark.parametrize("body", HOSTILE.values(), ids=HOSTILE.keys())
@pytest.mark.parametrize("name", ENTRY_POINTS)
def test_hostile_answers_end_normally(repo, capsys, name, body) -> None:
    path = write_report(repo, report_text(Q4=body))
    code, _out, err = run(capsys, ENTRY_POINTS[name], str(path))
    assert code in (0, 1) and err == ""


@pytest.mark.parametrize("heading", ["### Question ", "## Question "])
def test_thirty_thousand_question_headings(repo, capsys, heading) -> None:
    path = write_report(repo, thirty_thousand_headings(heading))
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
        (lambda tmp: tmp, "has no reports/README.md (in any case) under it"),
    ],
    ids=["fifo", "device", "directory"],
)
def test_only_regular_files_are_read(tmp_path, capsys, make, message) -> None:
    path = make(tmp_path)
    code, out, err = run(capsys, report_check, str(path))
    assert (code, out) == (2, "")
    assert err.startswith(f"report-check: error: {path}: {message}") and err.count("\n") == 1


def test_a_report_larger_than_the_cap_is_refused(repo, capsys) -> None:
    path = write_report(repo, b"x" * (20 * 1024 * 1024 + 1))
    assert run(capsys, report_check, str(path)) == (
        2,
        "",
        f"report-check: error: {path}: is larger than 20 MB, too large to be a report\n",
    )


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
    """Every path the hooks open, list or stat while the test runs."""
    seen: list[str] = []

    def spy(function):
        def wrapper(path, *args, **kwargs):
            if isinstance(path, (str, bytes, os.PathLike)):
                seen.append(os.path.abspath(os.fsdecode(path)))
            return function(path, *args, **kwargs)

        return wrapper

    for name in ("scandir", "stat", "lstat", "open", "listdir"):
        monkeypatch.setattr(os, name, spy(getattr(os, name)))
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
        "Found 1 finding (1 in the official checker's output); the official checker will not read it.\n"
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
