"""The checklist's items as facts: which item a checklist line is, across every wording the course gave it.

``checklist.json`` maps each item (a short name of ours, such as ``dockerfiles``) to the fingerprints of its
wordings. A wording changed between revisions (a module tag such as ``(M10)`` added, "github" capitalised) is the
same item; a line no revision has is no known item.
"""

import json
import os
import re
from functools import cache

from hooks.core.report import normalize
from hooks.templates.model import crc32

_DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "checklist.json")
# A module tag the 2024-12-22 revision added to every item: "(M10)", "(M2+M6)".
_MODULE_TAG = re.compile(r"\s*\(M\d+(?:\s*\+\s*M\d+)*\)\s*$", re.IGNORECASE)


def _plain(text: str) -> str:
    """An item's text as its fingerprint reads it: formatting, case, backticks and the module tag do not count."""
    return _untagged(normalize(text).replace("`", "").casefold())


def _untagged(plain: str) -> str:
    return _MODULE_TAG.sub("", plain).rstrip(" .")


def item_fingerprint(text: str) -> str:
    """A checklist line's text, without its mark, as a fingerprint."""
    return crc32(_plain(text))


@cache
def _items() -> dict[str, str]:
    with open(_DATA, encoding="utf-8") as file:
        data = json.load(file)
    return {fingerprint: item for item, fingerprints in data["items"].items() for fingerprint in fingerprints}


def item_of(text: str) -> str | None:
    """The checklist item a line's text is, in any revision's wording, also with words of the group's own after it
    (a name, "= done", a comment); None for a line no revision has."""
    items = _items()
    words = _plain(text).split()
    for count in range(len(words), 0, -1):
        found = items.get(crc32(_untagged(" ".join(words[:count]))))
        if found is not None:
            return found
    return None
