"""``python -m hooks`` is ``report-check``."""

from hooks.entry import report_check

raise SystemExit(report_check())
