"""The only door to the file system: the repository is the boundary.

Every path the hooks open, list or stat because of a report or an option goes through ``RepoFiles.find``,
which resolves symlinks one component at a time from the repository root and stops, without looking, at a
link that leads out; every file is read through ``read_regular_file``, which refuses a FIFO or a device
without blocking, and reads only up to a cap.
"""

import os
import posixpath
import stat
from typing import NamedTuple

from hooks.core.git import root_for, tracked_files

# A report this large is not a report, and reading it is refused: the largest real one is about 50 KB. Every check
# is linear, but a file of one hostile shape costs a few times mistune's own parse of it, and at a megabyte that is
# seconds (docs/safety.md, "Bounded time"); at this cap the worst shape takes about 0.4 s.
MAX_REPORT_BYTES = 128 * 1024
# A real report.py is about 10 KB, a pyproject.toml a few: these are far more than either needs.
MAX_REPORT_PY_BYTES = 256 * 1024
MAX_PYPROJECT_BYTES = 1024 * 1024
# As many links as the kernel follows (Linux MAXSYMLINKS) before a path is a loop.
_MAX_LINKS = 40


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
