"""The course template's revisions as facts (``model``), the ones this package knows (``revisions``), which one a
report follows (``detect``), and a ``report.py`` read as a checker table (``report_py``)."""
