"""Git, the only program the hooks start, and where a repository is.

Git runs with settings that cannot start a program the repository configures, nor make git read a file the
configuration names; it gets ``GIT_SECONDS`` once per run. Git, not the file system, says where the work tree
is when the environment names the repository (``GIT_DIR``, ``GIT_WORK_TREE``).
"""

import os
import time
from collections.abc import Callable
from functools import cache
from typing import NamedTuple

# What a repository's configuration could make git run or read, turned off: core.fsmonitor and core.hooksPath name
# programs; log.showSignature runs gpg.program; diff.orderFile and core.attributesFile name files that git reads
# whole (/dev/zero grows it by gigabytes in seconds); no pager, no prompt, no lock files. No command here reads file
# content through textconv, filters or an external diff (cat-file, --no-ext-diff, names only).
_GIT = (
    "git",
    "--no-pager",
    "-c", "core.fsmonitor=false",
    "-c", "core.hooksPath=/dev/null",
    "-c", "log.showSignature=false",
    "-c", "diff.orderFile=/dev/null",
    "-c", "core.attributesFile=/dev/null",
    "-c", "log.mailmap=false",
)  # fmt: skip
_GIT_ENV = {"GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0", "GIT_PAGER": "cat", "PAGER": "cat"}
# A repository's configuration may include a FIFO, or a config that never ends: git gets this long, once per run;
# a student's repository answers in milliseconds.
GIT_SECONDS = 2
# The git command that did not answer in time: the run goes on without git, as the next call would wait as long.
_stalled: list[str] = []


def repository_top(directory: str) -> str | None:
    """The work tree ``directory`` is in: the nearest folder at or above it that holds ``.git``, as git finds it; or,
    when GIT_DIR or GIT_WORK_TREE tell git where the repository is (a bare repository and its work tree), git's."""
    if os.environ.get("GIT_DIR") or os.environ.get("GIT_WORK_TREE"):
        top = _told_work_tree(os.environ.get("GIT_DIR"), os.environ.get("GIT_WORK_TREE"), os.getcwd())
        if top is not None and (directory == top or directory.startswith(top.rstrip(os.sep) + os.sep)):
            return top
    while True:
        if os.path.lexists(os.path.join(directory, ".git")):
            return directory
        parent = os.path.dirname(directory)
        if parent == directory:
            return None
        directory = parent


@cache
def _told_work_tree(git_dir: str | None, work_tree: str | None, here: str) -> str | None:
    """The work tree git uses where the environment names the repository (asked once per setting)."""
    top = git(here, "rev-parse", "--show-toplevel")
    return os.path.abspath(top.strip()) if top and top.strip() else None


def repository_or_folder(directory: str) -> str:
    """The repository a folder is in; outside git, the folder itself."""
    directory = os.path.abspath(directory)
    return repository_top(directory) or directory


def root_for(path: str) -> str:
    """The repository a file belongs to; outside git, the working folder when it holds the file, else its folder."""
    directory = os.path.dirname(os.path.abspath(path))
    top = repository_top(directory)
    if top is not None:
        return top
    here = os.getcwd()
    return here if directory == here or directory.startswith(here.rstrip(os.sep) + os.sep) else directory


def git(directory: str, *args: str) -> str | None:
    """Git's output, or None when git is missing, fails, or has not answered in time in this run."""
    return started_git(directory, *args)()


def started_git(directory: str, *args: str) -> Callable[[], str | None]:
    """Git started now, and what waits for its output (as ``git`` returns it): git works on another core while this
    process goes on (the report's parse, say)."""
    if _stalled:
        return lambda: None
    command = [*_GIT, "-C", directory, *args]
    environment = {**os.environ, **_GIT_ENV}
    try:
        waiting = _spawned(command, environment) if hasattr(os, "posix_spawnp") else lambda: _run(command, environment)
    except OSError:
        return lambda: None

    def output() -> str | None:
        try:
            done = waiting()
        except TimeoutError:
            _stalled.append(f"git {args[0]}")
            return None
        except OSError:
            return None
        # Paths as os.scandir spells them; the locale's encoding has no say.
        return None if done is None else done.decode("utf-8", "surrogateescape")

    return output


def _spawned(command: list[str], environment: dict[str, str]) -> Callable[[], bytes | None]:
    """A program started with posix_spawn, and what reads its output through a pipe until GIT_SECONDS have passed
    (None when it fails; raises TimeoutError, the program killed, or OSError). Importing subprocess (with locale,
    threading, signal and selectors) costs more than git itself does (docs/speed.md)."""
    reading, writing = os.pipe()
    try:
        pid = os.posix_spawnp(
            command[0],
            command,
            environment,
            file_actions=[
                (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
                (os.POSIX_SPAWN_DUP2, writing, 1),
                (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0),
                (os.POSIX_SPAWN_CLOSE, reading),
            ],
        )
    except OSError:
        os.close(reading)
        raise
    finally:
        os.close(writing)
    deadline = time.monotonic() + GIT_SECONDS

    def output() -> bytes | None:
        import select

        chunks = []
        try:
            while True:
                ready, _, _ = select.select([reading], [], [], max(0.0, deadline - time.monotonic()))
                if not ready:
                    import signal  # only for git that did not answer

                    os.kill(pid, signal.SIGKILL)
                    raise TimeoutError
                chunk = os.read(reading, 1 << 16)
                if not chunk:
                    break
                chunks.append(chunk)
        finally:
            os.close(reading)
            _, status = os.waitpid(pid, 0)
        return b"".join(chunks) if os.waitstatus_to_exitcode(status) == 0 else None

    return output


def _run(command: list[str], environment: dict[str, str]) -> bytes | None:
    """The same through subprocess, where there is no posix_spawn (Windows)."""
    import subprocess

    try:
        done = subprocess.run(
            command, capture_output=True, check=False, env=environment, stdin=subprocess.DEVNULL, timeout=GIT_SECONDS
        )
    except subprocess.TimeoutExpired:
        raise TimeoutError from None
    return done.stdout if done.returncode == 0 else None


def end_of_git() -> str | None:
    """At the end of a run: wait for the git listings started and not read, forget the listings read, and say which
    git command did not answer in time, if one did not; git is tried again after."""
    for waiting in _listings.values():
        waiting()
    _listings.clear()
    _tracked.clear()
    stalled = _stalled[:1]
    _stalled.clear()
    return stalled[0] if stalled else None


# The listings of tracked files started before they are needed, by repository: `git ls-files` runs while the report
# is parsed (docs/speed.md). Once read, a listing is kept for the run: the images and the checklist read it both.
_listings: dict[str, Callable[[], str | None]] = {}
_tracked: dict[str, list[str] | None] = {}


def list_tracked_files(path: str) -> None:
    """Start listing the files git tracks in the repository a file is in, for tracked_files to read later."""
    top = repository_top(os.path.dirname(os.path.abspath(path)))
    if top is not None and top not in _listings and top not in _tracked:
        _listings[top] = started_git(top, "ls-files", "-z")


def tracked_files(directory: str) -> tuple[str, list[str]] | None:
    """The repository around a folder and the paths git tracks in it; None outside git."""
    top = repository_top(os.path.abspath(directory))
    if top is None:
        return None
    if top not in _tracked:
        waiting = _listings.pop(top, None)
        listing = waiting() if waiting is not None else git(top, "ls-files", "-z")
        _tracked[top] = None if listing is None else [name for name in listing.split("\0") if name]
    names = _tracked[top]
    return None if names is None else (top, names)


# How the commit under way changes a path (git's letters): deletes it (or renames it away), modifies its content,
# or changes its type (a file becomes a symlink, or the other way round).
DELETED, MODIFIED, TYPE_CHANGED = "D", "M", "T"


def committed_changes(top: str) -> dict[str, str]:
    """The repository paths that the commit under way deletes, renames away, modifies or changes the type of, with
    how: what is staged, or, when pre-commit runs for a push, what lies between the two refs it names."""
    refs = os.environ.get("PRE_COMMIT_FROM_REF"), os.environ.get("PRE_COMMIT_TO_REF")
    which = [f"{refs[0]}...{refs[1]}"] if all(refs) else ["--cached"]
    listed = git(top, "diff", "--name-status", "-z", "--no-renames", "--no-ext-diff", "--diff-filter=DMT", *which)
    fields = (listed or "").split("\0")
    return {path: status[:1] for status, path in zip(fields[::2], fields[1::2], strict=False) if path}


class FirstCommit(NamedTuple):
    """The commit that added a file: its hash and its author date (YYYY-MM-DD)."""

    commit: str
    date: str


def first_commit(path: str) -> FirstCommit | None:
    """The commit that first added a file; None outside git, or when no commit has it yet."""
    top = repository_top(os.path.dirname(os.path.abspath(path)))
    if top is None:
        return None
    relative = os.path.relpath(os.path.abspath(path), top).replace(os.sep, "/")
    # --no-renames: a file renamed into place counts from its rename, the first commit that has it at this path.
    added = git(top, "log", "--diff-filter=A", "--no-renames", "--format=%H %as", "--", relative)
    if not added:
        return None
    commit, date = added.split("\n")[-2 if added.endswith("\n") else -1].split()
    return FirstCommit(commit, date)


def last_commit(path: str) -> str | None:
    """The date (YYYY-MM-DD) of the last commit that changed a file; None outside git or before its first commit."""
    top = repository_top(os.path.dirname(os.path.abspath(path)))
    if top is None:
        return None
    relative = os.path.relpath(os.path.abspath(path), top).replace(os.sep, "/")
    return (git(top, "log", "-1", "--format=%as", "--", relative) or "").strip() or None


def in_repository(path: str) -> bool:
    return repository_top(os.path.dirname(os.path.abspath(path))) is not None


def first_committed(path: str) -> str | None:
    """A file's text as the commit that added it has it; None outside git, or when it was never committed."""
    first = first_commit(path)
    top = repository_top(os.path.dirname(os.path.abspath(path)))
    if first is None or top is None:
        return None
    relative = os.path.relpath(os.path.abspath(path), top).replace(os.sep, "/")
    text = git(top, "cat-file", "blob", f"{first.commit}:{relative}")
    # A first version that was not UTF-8 is still read: its undecodable bytes do not matter for a comparison.
    return None if text is None else text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
