"""The base of the package's value records: a report's blocks and questions, findings, templates.

A record is set once by its ``__init__`` and only read after that. Records are
plain classes rather than NamedTuples or dataclasses because of start-up time:
creating a NamedTuple class compiles its ``__new__`` with ``eval``, about 0.7 M
instructions per class, and a dataclass costs several times that. For the 25
record classes, that was a sixth of all that report-check added to importing mistune.
"""

from __future__ import annotations

from typing import TypeVar

_R = TypeVar("_R", bound="Record")


class Record:
    """Compared, hashed and printed by its fields, which are its ``__init__`` parameters."""

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self.__dict__ == other.__dict__

    def __hash__(self) -> int:
        return hash(tuple(self.__dict__.values()))

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={value!r}" for name, value in self.__dict__.items())
        return f"{type(self).__name__}({fields})"

    def replace(self: _R, **changes: object) -> _R:
        """A copy with some fields changed."""
        return type(self)(**{**self.__dict__, **changes})

    def as_dict(self) -> dict[str, object]:
        return dict(self.__dict__)
