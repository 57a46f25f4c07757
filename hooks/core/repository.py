"""The only door to the file system and git: the repository is the boundary.

Every path the hooks open, list or stat because of a report or an option goes
through ``RepoFiles.find``, which resolves symlinks one component at a time
from the repository root and stops, without looking, at a link that leads out.
Git runs with settings that cannot start a program the repository configures.
"""

import os
import posixpath
import stat
import time
from collections.abc import Callable
from functools import cache
from typing import NamedTuple

# A report this large is not a report, and reading it is refused: the largest real one is about 50 KB. Every check
# is linear, but a file of one hostile shape costs a few times mistune's own parse of it, and at a megabyte that is
# seconds (README, Safety: "Bounded time"); at this cap the worst shape takes about 0.4 s.
MAX_REPORT_BYTES = 128 * 1024
# A real report.py is about 10 KB, a pyproject.toml a few: these are far more than either needs.
MAX_REPORT_PY_BYTES = 256 * 1024
MAX_PYPROJECT_BYTES = 1024 * 1024
# As many links as the kernel follows (Linux MAXSYMLINKS) before a path is a loop.
_MAX_LINKS = 40
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


# The first bytes of the file types a report's figures, or a file saved in a report's place, may be.
_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF8", "GIF"),
    (b"RIFF", "WebP"),
    (b"%PDF", "PDF"),
    (b"PK\x03\x04", "a ZIP archive (a .docx, say)"),
)


def content_type(head: bytes) -> str | None:
    """What a file's first bytes say it is ('PNG', 'SVG', ...), or None."""
    found = next((kind for signature, kind in _SIGNATURES if head.startswith(signature)), None)
    return found or ("SVG" if b"<svg" in head[:1024].lower() else None)


class Outside(Exception):
    """A path that leaves the repository, directly or through a symlink; what is behind it is never looked at."""


class ReadError(Exception):
    """A file that cannot be read as a report; the message is one line."""


class Found(NamedTuple):
    spelled: str  # the path as written, each component as its directory spells it (links not followed)
    real: str  # the repository path it names, every link followed


def _escapes(path: str) -> bool:
    return path == ".." or path.startswith("../") or path.startswith("/")


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
    threading, signal and selectors) costs more than git itself does (README, Speed)."""
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
    """At the end of a run: wait for the git listings started and not read, and say which git command did not answer
    in time, if one did not; git is tried again after."""
    for waiting in _listings.values():
        waiting()
    _listings.clear()
    stalled = _stalled[:1]
    _stalled.clear()
    return stalled[0] if stalled else None


# The listings of tracked files started before they are needed, by repository: `git ls-files` runs while the report
# is parsed (README, Speed).
_listings: dict[str, Callable[[], str | None]] = {}


def list_tracked_files(path: str) -> None:
    """Start listing the files git tracks in the repository a file is in, for tracked_files to read later."""
    top = repository_top(os.path.dirname(os.path.abspath(path)))
    if top is not None and top not in _listings:
        _listings[top] = started_git(top, "ls-files", "-z")


def tracked_files(directory: str) -> tuple[str, list[str]] | None:
    """The repository around a folder and the paths git tracks in it; None outside git."""
    top = repository_top(os.path.abspath(directory))
    if top is None:
        return None
    waiting = _listings.pop(top, None)
    listing = waiting() if waiting is not None else git(top, "ls-files", "-z")
    return None if listing is None else (top, [name for name in listing.split("\0") if name])


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


class RepoFiles:
    """A repository's files: directory listings, symlinks resolved inside it, tracked paths, file heads.

    Paths are repository-relative POSIX paths.
    """

    def __init__(self, root: str, tracked: frozenset[str] | None) -> None:
        self.root = root
        self.tracked = tracked  # None outside a git repository
        self._real_root = os.path.realpath(root)
        self._entries: dict[str, tuple[str, ...] | None] = {}
        # Per directory: each name, and each name's casefold to the first name it folds from.
        self._names: dict[str, tuple[frozenset[str], dict[str, str]]] = {}

    @classmethod
    def for_report(cls, report_path: str) -> "RepoFiles":
        root = root_for(report_path)
        found = tracked_files(root)
        return cls(root, None if found is None else frozenset(found[1]))

    def relative(self, path: str) -> str:
        """A path on the command line, relative to the root (it may start with '..' when outside)."""
        return os.path.relpath(os.path.abspath(path), self.root).replace(os.sep, "/")

    def entries(self, directory: str) -> tuple[str, ...] | None:
        """The names in a resolved repository directory, exactly as stored; None if it is not a directory."""
        if _escapes(directory):
            return None
        if directory not in self._entries:
            try:
                with os.scandir(os.path.join(self.root, directory)) as scan:
                    self._entries[directory] = tuple(entry.name for entry in scan)
            except (OSError, ValueError):
                self._entries[directory] = None
        return self._entries[directory]

    def _name(self, part: str, directory: str) -> str | None:
        """The entry of a directory that ``part`` names: itself, else the first that differs only in case."""
        if directory not in self._names:
            entries = self.entries(directory)
            if entries is None:
                return None
            folded: dict[str, str] = {}
            for name in entries:
                folded.setdefault(name.casefold(), name)
            self._names[directory] = (frozenset(entries), folded)
        names, folded = self._names[directory]
        return part if part in names else folded.get(part.casefold())

    def _link_target(self, real: str) -> str | None:
        """Where a link at a resolved repository path points, relative to the root; None if it is no link."""
        full = os.path.join(self.root, real)
        try:
            if not stat.S_ISLNK(os.lstat(full).st_mode):
                return None
            target = os.readlink(full)
        except (OSError, ValueError):
            return None
        if os.path.isabs(target):
            for root in (self.root, self._real_root):
                inside = os.path.relpath(target, root).replace(os.sep, "/")
                if not _escapes(inside):
                    return posixpath.normpath(inside)
            raise Outside(real)
        return posixpath.normpath(posixpath.join(posixpath.dirname(real), target.replace(os.sep, "/")))

    def find(self, path: str, trail: list[str] | None = None) -> Found | None:
        """The file or folder a repository path names, matching case only when it must; None if absent.

        Raises Outside when the path or a link on its way leaves the repository. Each
        component is matched against its directory's real entries, so a wrong case is
        found on a case-insensitive file system too. ``trail``, when given, gets every
        repository path the way passes: each link, and the whole path it leads to.
        """
        path = posixpath.normpath(path)
        if _escapes(path):
            raise Outside(path)
        if path == ".":
            return Found(".", ".")
        # (component, written by the user): components a link brings in are not the user's spelling.
        pending = [(part, True) for part in path.split("/")]
        spelled: list[str] = []
        real: list[str] = []
        links = 0
        while pending:
            part, written = pending.pop(0)
            named = self._name(part, "/".join(real) or ".")
            if named is None:
                return None
            part = named
            if written:
                spelled.append(part)
            target = self._link_target("/".join([*real, part]))
            if target is None:
                real.append(part)
                continue
            links += 1
            if trail is not None:
                trail += ["/".join([*real, part]), posixpath.join(target, *(name for name, _ in pending))]
            if links > _MAX_LINKS or _escapes(target):
                raise Outside(path)
            real = []
            pending = [(name, False) for name in target.split("/") if name != "."] + pending
        return Found("/".join(spelled), "/".join(real) or ".")

    def head(self, real: str, size: int) -> bytes:
        """A file's first bytes. Raises ReadError (a FIFO, a device, a file that cannot be read)."""
        return read_head(os.path.join(self.root, real), size)


def read_inside(path: str, root: str, cap: int = MAX_REPORT_BYTES, what: str = "a report") -> bytes:
    """The bytes of the regular file a path names, read only when the path, every symlink followed, stays inside
    ``root``; Outside when it leaves, ReadError when it is missing, no regular file, or larger than ``cap``."""
    return read_regular_file(target_inside(path, root), cap, what)


def target_inside(path: str, root: str) -> str:
    """The file a path names: itself, or the target of its symlinks when they stay inside ``root``. Raises Outside
    when the path or a link on its way leaves ``root``; what is behind such a link is never looked at."""
    files = RepoFiles(root, None)
    relative = files.relative(path)
    found = files.find(relative)
    if found is None or found.spelled != posixpath.normpath(relative):
        return path  # missing, or there only in another case: reading it says what the file system says
    return os.path.join(files.root, found.real)


def read_regular_file(path: str, cap: int = MAX_REPORT_BYTES, what: str = "a report") -> bytes:
    """A regular file's bytes, up to a size cap (for ``what`` the file should be, in its message); a FIFO, a device
    or a folder is refused without blocking."""
    data = _read_regular(path, cap + 1)
    if len(data) > cap:
        size = f"{cap // (1024 * 1024)} MB" if cap >= 1024 * 1024 else f"{cap // 1024} KB"
        raise ReadError(f"is larger than {size}, too large to be {what}")
    return data


def read_head(path: str, size: int) -> bytes:
    """A regular file's first bytes (a figure's, to tell its type); a FIFO or a device is refused without blocking."""
    return _read_regular(path, size)


def _read_regular(path: str, size: int) -> bytes:
    """Up to ``size`` bytes of a regular file. Raises ReadError, with a message of one line."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise ReadError("no such file") from None
    except ValueError:
        raise ReadError("the path contains a NUL character") from None
    except OSError as error:
        raise ReadError(f"cannot read: {error.strerror or error}") from None
    try:
        mode = os.fstat(descriptor).st_mode
        if stat.S_ISDIR(mode):
            raise ReadError("is a directory, not a file")
        if not stat.S_ISREG(mode):
            raise ReadError("is not a regular file (a pipe, a socket or a device), so it is not read")
        with os.fdopen(descriptor, "rb", closefd=False) as file:
            return file.read(size)
    except OSError as error:
        raise ReadError(f"cannot read: {error.strerror or error}") from None
    finally:
        os.close(descriptor)
