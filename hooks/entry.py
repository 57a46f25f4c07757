"""The entry points: one thin function per hook of the registry, ``report_check``, ``report_length`` and so on.

``[project.scripts]`` names them; each runs its hook's command line (``hooks.app.cli.main``). Importing this module
is how a console script starts, so it sets the garbage collector for a short process first.
"""

import gc

# A run lasts a fraction of a second and makes almost no reference cycles, yet with the default threshold (700)
# the collector passed 30 times over the objects of the imports and of mistune's parse: about 4 ms, a third of
# what the package adds to mistune's own cost (README, Speed). A pass every 100,000 new objects still bounds the
# memory of a long batch.
gc.set_threshold(100_000, *gc.get_threshold()[1:])

from collections.abc import Callable, Sequence  # noqa: E402
from functools import partial  # noqa: E402

from hooks.app.cli import main  # noqa: E402
from hooks.checks.registry import HOOKS  # noqa: E402

_ENTRY_POINTS = {hook.function: hook for hook in HOOKS if hook.script}


def __getattr__(name: str) -> Callable[[Sequence[str] | None], int]:
    """``report_length(argv=None) -> int``: the entry point of the hook report-length, and so for every hook."""
    hook = _ENTRY_POINTS.get(name)
    if hook is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return partial(main, hook)
