"""The entry points: one thin function per hook of the registry, ``report_check``, ``report_length`` and so on.

``[project.scripts]`` names them; each runs its hook's command line (``hooks.cli.main``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

from hooks.cli import main
from hooks.registry import HOOKS

_ENTRY_POINTS = {hook.function: hook for hook in HOOKS if hook.script}


def __getattr__(name: str) -> Callable[[Sequence[str] | None], int]:
    """``report_length(argv=None) -> int``: the entry point of the hook report-length, and so for every hook."""
    hook = _ENTRY_POINTS.get(name)
    if hook is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return partial(main, hook)
