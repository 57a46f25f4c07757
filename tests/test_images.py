from __future__ import annotations

import builtins
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLE_TEMPLATE, ONE_LINE_ANSWERS, check_run, fill, git, words

import hooks
from hooks.entry import report_images as main

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 8
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 8
GIF = b"GIF89a" + b"\x00" * 8
ANSWERS = ONE_LINE_ANSWERS


@pytest.fixture
def repo(tmp_path: Path, template_text: str, monkeypatch: pytest.MonkeyPatch):
    """A student's repository: reports/README.md and its committed figures; cwd is the repository."""
    root = tmp_path / "student"
    (root / "reports" / "figures").mkdir(parents=True)
    git(root, "init", "-q")
    monkeypatch.chdir(root)

    def make(files: dict[str, bytes] | None = None, commit: bool = True, **answers: str) -> str:
        for name, data in (files if files is not None else {"dash.png": PNG, "pipe.png": PNG}).items():
            path = root / "reports" / "figures" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        text = fill(template_text, {**ANSWERS, **{int(k[1:]): v for k, v in answers.items()}})
        (root / "reports" / "README.md").write_text(text, encoding="utf-8")
        if commit:
            git(root, "add", "-A")
        return "reports/README.md"

    return make


def run(capsys, *args: str) -> tuple[int, list[str]]:
    """report-images in the working folder, with the example template copied there: a file an option names must be
    inside the working folder's repository."""
    if not Path("template.md").exists():
        shutil.copy(EXAMPLE_TEMPLATE, "template.md")
    return check_run(capsys, main, *args, template=["--template-file", "template.md"])[:2]


R = "reports/README.md"


def test_clean_report(repo, capsys) -> None:
    assert run(capsys, repo()) == (0, [])


def test_counts_are_the_official_ones(repo, capsys) -> None:
    path = repo(Q4=words(20), Q5="![a](figures/pipe.png) ![b](figures/pipe.png)")
    assert run(capsys, path) == (
        1,
        [
            f"{R}:41: IMG001 Question 4: 0 images, limit 1-2 (1 under)",
            f"{R}:53: IMG001 Question 5: 2 images, limit exactly 1 (1 over)",
        ],
    )


def test_no_image_count_when_the_official_checker_aborts(repo, capsys) -> None:
    """A '###' after the last answer makes the checker count it twice and abort: it warns about no image count."""
    assert run(capsys, repo(Q4=words(20), Q6=words(10) + "\n\n### Notes\n\nmore")) == (0, [])
    assert run(capsys, repo(Q4=words(20))) == (1, [f"{R}:41: IMG001 Question 4: 0 images, limit 1-2 (1 under)"])


def test_counted_but_hidden_and_shown_but_not_counted(repo, capsys) -> None:
    """A counted image the page does not show is an error; one the page shows that makes the count fail is the
    count's finding, which names it."""
    path = repo(Q4=words(20) + "\n\n```\n![d](figures/dash.png)\n```", Q5='<img src="figures/pipe.png" width="300">')
    assert run(capsys, path) == (
        1,
        [
            f"{R}:52: IMG002 Question 4: the official checker counts this image, but it is in a code block and does "
            "not show",
            f"{R}:57: IMG001 Question 5: 0 images, limit exactly 1 (1 under); the page shows an <img> tag on line 63 "
            "that the official checker does not count: write it as ![text](figures/name.png)",
        ],
    )


def test_an_image_shown_but_not_counted_where_the_count_passes_is_a_warning(repo, capsys) -> None:
    path = repo(Q4=words(20) + ' ![d](figures/dash.png) <img src="figures/pipe.png">')
    assert run(capsys, path) == (
        0,
        [f"{R}:49: IMG002 warning: Question 4: this image shows, but the official checker does not count an <img> tag"],
    )


def test_reference_style_image(repo, capsys) -> None:
    path = repo(Q5="![p][pipeline]\n\n[pipeline]: figures/pipe.png")
    assert run(capsys, path) == (
        1,
        [
            f"{R}:53: IMG001 Question 5: 0 images, limit exactly 1 (1 under); the page shows a reference-style image "
            "on line 59 that the official checker does not count: write it as ![text](figures/name.png)",
        ],
    )


def test_destinations_with_spaces_escapes_and_titles(repo, capsys) -> None:
    files = {"dash board.png": PNG, "pipe (1).png": PNG}
    path = repo(
        files,
        Q4=words(20) + ' ![d](<figures/dash board.png> "the dashboard")',
        Q5="![p](figures/pipe%20%281%29.png 'title')",
    )
    assert run(capsys, path) == (0, [])


def test_missing_files_with_suggestions(repo, capsys) -> None:
    path = repo(
        {"dash.png": PNG, "pipe.png": PNG, "other.png": PNG},
        Q4=words(20) + " ![d](figures/dash.jpg)",
        Q5="![p](reports/figures/pipe.png)",
        Q6=words(10) + " ![x](other.png) ![y](figures/none.png)",
    )
    assert run(capsys, path) == (
        1,
        [
            f"{R}:49: IMG003 Question 4: 'figures/dash.jpg' does not exist; did you mean 'figures/dash.png'?",
            f"{R}:59: IMG003 Question 5: 'reports/figures/pipe.png' does not exist; there is 'figures/pipe.png'",
            f"{R}:69: IMG003 Question 6: 'other.png' does not exist; there is 'figures/other.png'",
            f"{R}:69: IMG003 Question 6: 'figures/none.png' does not exist",
        ],
    )


def test_wrong_case_is_caught_on_a_case_insensitive_filesystem(repo, capsys, monkeypatch) -> None:
    path = repo(Q5="![p](figures/Pipe.PNG)")
    real_open = builtins.open

    def stored_name(name: str) -> str:
        folder, base = os.path.split(name)
        try:
            matches = [entry for entry in os.listdir(folder or ".") if entry.lower() == base.lower()]
        except OSError:
            return name
        return os.path.join(folder, matches[0]) if matches else name

    def insensitive_open(file, *args, **kwargs):  # as macOS and Windows open files
        return real_open(stored_name(str(file)), *args, **kwargs)

    def insensitive_exists(name) -> bool:
        return real_exists(stored_name(str(name)))

    real_exists = os.path.exists
    monkeypatch.setattr(builtins, "open", insensitive_open)
    monkeypatch.setattr(os.path, "exists", insensitive_exists)
    assert os.path.exists("reports/figures/PIPE.png")
    assert run(capsys, path) == (
        1,
        [
            f"{R}:59: IMG004 Question 5: 'figures/Pipe.PNG' differs in case from the file 'figures/pipe.png': it "
            "shows on "
            "macOS and Windows, but not on Linux or GitHub"
        ],
    )


def test_untracked_figure(repo, capsys) -> None:
    path = repo()
    (Path("reports/figures/new.png")).write_bytes(PNG)
    Path(path).write_text(Path(path).read_text().replace("figures/pipe.png", "figures/new.png"))
    assert run(capsys, path) == (
        1,
        [
            f"{R}:59: IMG005 Question 5: 'figures/new.png' is not tracked by git, so the commit would go out "
            "without it: "
            "git add reports/figures/new.png"
        ],
    )


def test_outside_a_git_repository_tracking_is_not_checked(tmp_path, template_text, capsys, monkeypatch) -> None:
    (tmp_path / "figures").mkdir()
    (tmp_path / "figures" / "dash.png").write_bytes(PNG)
    (tmp_path / "figures" / "pipe.png").write_bytes(PNG)
    (tmp_path / "README.md").write_text(fill(template_text, ANSWERS))
    monkeypatch.chdir(tmp_path)
    assert run(capsys, "README.md") == (0, [])


def test_extension_and_content(repo, capsys) -> None:
    files = {"dash.pdf": b"%PDF-1.7", "pipe.png": JPEG, "empty.jpg": b""}
    path = repo(files, Q4=words(20) + " ![d](figures/dash.pdf)", Q6=words(10) + " ![e](figures/empty.jpg)")
    assert run(capsys, path) == (
        1,
        [
            f"{R}:49: IMG006 Question 4: 'figures/dash.pdf' is not .png, .jpg or .jpeg, as the template asks, and "
            "GitHub does "
            "not show it as an image",
            f"{R}:59: IMG007 warning: Question 5: 'figures/pipe.png' is not a PNG image: it is JPEG, which GitHub "
            "shows all the same; rename it to match its content",
            f"{R}:69: IMG007 Question 6: 'figures/empty.jpg' is empty",
        ],
    )


SVG = b'<?xml version="1.0"?>\n<!-- drawn by hand -->\n<svg xmlns="http://www.w3.org/2000/svg"></svg>\n'


def test_an_image_github_shows_in_another_type_is_a_warning(repo, capsys) -> None:
    files = {"dash.svg": SVG, "pipe.gif": GIF, "plot.webp": PNG}
    answers = {"Q4": words(20) + " ![d](figures/dash.svg)", "Q6": words(10) + " ![e](figures/plot.webp)"}
    path = repo(files, Q5="![p](figures/pipe.gif)", **answers)
    assert run(capsys, path) == (
        0,
        [
            f"{R}:49: IMG012 warning: Question 4: 'figures/dash.svg' is SVG: GitHub shows it, but the template asks "
            "for .png "
            "or .jpg",
            f"{R}:59: IMG012 warning: Question 5: 'figures/pipe.gif' is GIF: GitHub shows it, but the template asks "
            "for .png "
            "or .jpg",
            f"{R}:69: IMG007 warning: Question 6: 'figures/plot.webp' is not a WebP image: it is PNG, which GitHub "
            "shows all the same; rename it to match its content",
        ],
    )
    assert run(capsys, repo({"dash.svg": SVG, "pipe.png": PNG}, Q4=words(20) + " ![d](figures/dash.svg)")) == (
        0,
        [
            f"{R}:49: IMG012 warning: Question 4: 'figures/dash.svg' is SVG: GitHub shows it, but the template asks "
            "for .png or .jpg"
        ],
    )


def test_remote_and_absolute_images_are_never_fetched(repo, capsys) -> None:
    """A remote image shows on GitHub (a warning); a data: URL and a path on the machine do not (errors)."""
    path = repo(
        Q4=words(20) + " ![d](https://example.invalid/dash.png)",
        Q5="![p](data:image/png;base64,iVBORw0KGgo=)",
        Q6=words(10) + " ![x](/home/me/x.png) ![y](file:///home/me/y.png)",
    )
    code, out = run(capsys, path)
    assert (code, out) == (
        1,
        [
            f"{R}:49: IMG008 warning: Question 4: 'https://example.invalid/dash.png' is remote: GitHub shows it while "
            "the URL answers, but it can change or vanish after the deadline; commit the file and link it under "
            "figures/",
            f"{R}:59: IMG008 Question 5: 'data:image/png;base64,iVBORw0KGgo=' is a data: URL, which GitHub drops: "
            "commit the image as a file",
            f"{R}:69: IMG008 Question 6: '/home/me/x.png' is an absolute path: GitHub reads it from the repository's "
            "root, which has no such file; make it relative to the report",
            f"{R}:69: IMG008 Question 6: 'file:///home/me/y.png' is a path on your machine, which is not on the page; "
            "commit the file",
        ],
    )


def test_nothing_outside_the_repository_is_opened(repo, tmp_path, capsys, monkeypatch) -> None:
    outside = tmp_path / "secret"
    outside.mkdir()
    (outside / "secret.png").write_bytes(PNG)
    (Path("reports/figures/link.png")).symlink_to(outside / "secret.png")
    path = repo(Q4=words(20) + " ![d](../../secret/secret.png)", Q5="![p](figures/link.png)")
    shutil.copy(EXAMPLE_TEMPLATE, "template.md")
    touched: list[str] = []
    real_open, real_os_open, real_scandir = builtins.open, os.open, os.scandir

    def record_open(file, *args, **kwargs):
        touched.append(os.path.realpath(str(file)))
        return real_open(file, *args, **kwargs)

    def record_os_open(file, *args, **kwargs):
        if not isinstance(file, int):
            touched.append(os.path.realpath(str(file)))
        return real_os_open(file, *args, **kwargs)

    def record_scandir(folder="."):
        touched.append(os.path.realpath(str(folder)))
        return real_scandir(folder)

    monkeypatch.setattr(builtins, "open", record_open)
    monkeypatch.setattr(os, "open", record_os_open)
    monkeypatch.setattr(os, "scandir", record_scandir)
    assert run(capsys, path) == (
        1,
        [
            f"{R}:49: IMG009 Question 4: '../../secret/secret.png' points outside the repository",
            f"{R}:59: IMG009 Question 5: 'figures/link.png' points outside the repository",
        ],
    )
    root = os.path.realpath(".")
    package = os.path.dirname(os.path.realpath(hooks.__file__)) + os.sep  # its own data: checkers, revisions
    # Besides the package's own data, only git's stdin, /dev/null, is opened outside the repository.
    touched = [name for name in touched if not name.startswith(package) and name != os.devnull]
    assert touched and all(name == root or name.startswith(root + os.sep) for name in touched), touched


def test_images_outside_the_figures_folder_warn(repo, capsys) -> None:
    path = repo({"dash.png": PNG, "pipe.png": PNG, "../shots/pipe.png": PNG}, Q5="![p](shots/pipe.png)")
    assert run(capsys, path) == (
        0,
        [f"{R}:59: IMG010 warning: Question 5: 'shots/pipe.png' is outside the figures/ folder"],
    )
    assert run(capsys, "--figures-dir", "shots", path)[1] == [
        f"{R}:49: IMG010 warning: Question 4: 'figures/dash.png' is outside the shots/ folder"
    ]


def test_unused_figures(repo, capsys) -> None:
    path = repo({"dash.png": PNG, "pipe.png": PNG, "old.png": PNG, ".gitkeep": b""})
    assert run(capsys, path) == (0, [])
    assert run(capsys, "--unused", path) == (
        0,
        [f"{R}:1: IMG011 warning: 'figures/old.png' is not used by any image in the report"],
    )


def test_file_findings_carry_their_question(repo, capsys) -> None:
    path = repo(Q5="![p](figures/missing.png)")
    code, out = run(capsys, "--format", "json", path)
    (finding,) = json.loads("\n".join(out))
    assert code == 1
    assert (finding["code"], finding["question"]) == ("IMG003", 5)


def test_a_misspelt_name_suggests_the_closest_file(repo, capsys) -> None:
    path = repo(files={"dash.png": PNG, "pipeline.png": PNG}, Q5="![p](figures/pipelin.png)")
    assert run(capsys, path) == (
        1,
        [f"{R}:59: IMG003 Question 5: 'figures/pipelin.png' does not exist; did you mean 'figures/pipeline.png'?"],
    )


def test_close_names_are_looked_for_only_among_other_images(repo) -> None:
    """difflib, which costs a millisecond to import, is loaded only when the folder has images to compare with."""
    code = (
        "import contextlib, io, sys, hooks.entry\n"
        "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
        "    found = hooks.entry.report_images(['--template-file', 'template.md', 'reports/README.md'])\n"
        "print(found, 'did you mean' in out.getvalue(), 'difflib' in sys.modules)"
    )
    shutil.copy(EXAMPLE_TEMPLATE, "template.md")
    for files, expected in (({}, "1 False False\n"), ({"pipeline.png": PNG}, "1 True True\n")):
        repo(files=files, Q4=ANSWERS[4].replace("dash.png", "pipe.png"), Q5="![p](figures/pipelin.png)")
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        assert done.stdout == expected


def test_a_root_relative_path_is_read_from_the_repository_root_as_github_does(repo, capsys) -> None:
    path = repo(Q5="![p](/reports/figures/pipe.png)")
    assert run(capsys, path) == (0, [])
    path = repo(Q5="![p](/reports/figures/Pipe.png)")
    assert run(capsys, path) == (
        1,
        [
            f"{R}:59: IMG004 Question 5: '/reports/figures/Pipe.png' differs in case from the file 'figures/pipe.png': "
            "it shows on macOS and Windows, but not on Linux or GitHub"
        ],
    )


def test_a_link_without_the_bang_is_named_when_no_image_counts(repo, capsys) -> None:
    path = repo(Q5="See [the pipeline](figures/pipe.png).")
    assert run(capsys, path) == (
        1,
        [
            f"{R}:53: IMG001 Question 5: 0 images, limit exactly 1 (1 under); the answer links 'figures/pipe.png' "
            "without '!', which makes a link, not an image"
        ],
    )
