"""The entry points: one function per console script, each running its hook's command line (``hooks.app.cli``).

``[project.scripts]`` names them (``python -m hooks.tools.docs`` writes it from the registry, and a test holds
every hook with a script to a function here). This is the one module whose import does something beyond defining
names: a console script imports it first, so it sets the garbage collector for a short process.
"""

import gc

# A run lasts a fraction of a second and makes almost no reference cycles, yet with the default threshold (700)
# the collector passed 30 times over the objects of the imports and of mistune's parse: about 4 ms, a third of
# what the package adds to mistune's own cost (docs/speed.md). A pass every 100,000 new objects still bounds the
# memory of a long batch.
gc.set_threshold(100_000, *gc.get_threshold()[1:])

from collections.abc import Sequence  # noqa: E402

from hooks.app.cli import main  # noqa: E402
from hooks.checks.registry import hook_named  # noqa: E402


def report_check(argv: Sequence[str] | None = None) -> int:
    return main(hook_named("report-check"), argv)


def report_length(argv: Sequence[str] | None = None) -> int:
    return main(hook_named("report-length"), argv)


def report_images(argv: Sequence[str] | None = None) -> int:
    return main(hook_named("report-images"), argv)


def report_headings(argv: Sequence[str] | None = None) -> int:
    return main(hook_named("report-headings"), argv)


def report_placeholders(argv: Sequence[str] | None = None) -> int:
    return main(hook_named("report-placeholders"), argv)


def report_render(argv: Sequence[str] | None = None) -> int:
    return main(hook_named("report-render"), argv)


def report_checklist(argv: Sequence[str] | None = None) -> int:
    return main(hook_named("report-checklist"), argv)
