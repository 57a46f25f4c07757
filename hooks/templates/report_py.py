"""A ``report.py`` read as a checker table, from its syntax tree: it is never imported or run."""

import ast
import warnings
from functools import lru_cache

from hooks.core.course import LOGGED_WARNING, TEACHER_WARNING
from hooks.core.official import Checker, Limits


class CheckerError(Exception):
    """A report.py whose check cannot be read as a table; the message is one line."""


def _whole(node: ast.expr, what: str) -> int:
    """A literal whole number of the script; CheckerError for anything else (a string, a name, a float)."""
    value = node.value if isinstance(node, ast.Constant) else None
    if not isinstance(value, int) or isinstance(value, bool):
        raise CheckerError(f"line {node.lineno}: {what} that is not a whole number")
    return value


def _integers(call: ast.Call) -> dict[str, int]:
    return {k.arg: _whole(k.value, "a limit") for k in call.keywords if k.arg and k.arg != "constrains"}


def _constraint(node: ast.expr) -> Limits:
    """One table entry: ``NoConstraints()``, ``LengthConstraints(min_length=.., max_length=..)``,
    ``ImageConstraints(..)``, ``MultiConstraints(constrains=[..])``, or the 2023 script's
    ``partial(length_constraints, ..)`` and plain ``no_constraints``."""
    if isinstance(node, ast.Name) and "no_constraint" in node.id.lower():
        return Limits()
    if not isinstance(node, ast.Call):
        raise CheckerError(f"line {node.lineno}: a constraint that is not a call")
    function = node.func
    name = function.id if isinstance(function, ast.Name) else getattr(function, "attr", "")
    if name == "partial" and node.args and isinstance(node.args[0], ast.Name):
        name = node.args[0].id
    name = name.lower()
    keywords = {k.arg: k.value for k in node.keywords}
    if "constrains" in keywords:
        parts = keywords["constrains"]
        if not isinstance(parts, (ast.List, ast.Tuple)):
            raise CheckerError(f"line {node.lineno}: 'constrains' is not a list")
        merged: dict[str, int | None] = {}
        for part in parts.elts:
            merged.update((key, value) for key, value in _constraint(part)._asdict().items() if value is not None)
        return Limits(**merged)
    if "no_constraint" in name or "noconstraint" in name:
        return Limits()
    numbers = _integers(node)
    low = next((numbers[key] for key in ("min_length", "min_images", "min") if key in numbers), None)
    high = next((numbers[key] for key in ("max_length", "max_images", "max") if key in numbers), None)
    if low is None or high is None:
        raise CheckerError(f"line {node.lineno}: a constraint without both limits")
    if "length" in name:
        return Limits(min_words=low, max_words=high)
    if "image" in name:
        return Limits(min_images=low, max_images=high)
    raise CheckerError(f"line {node.lineno}: an unknown constraint {name!r}")


def _table(check: ast.FunctionDef) -> tuple[Limits, ...]:
    for node in ast.walk(check):
        if not isinstance(node, ast.Assign):
            continue
        value = node.value
        if (
            isinstance(value, ast.Dict)
            and value.keys
            and all(isinstance(k, ast.Constant) and str(k.value).startswith("question_") for k in value.keys)
        ):
            # As Python builds the dict: a repeated key keeps its first place and takes its last value.
            entries: dict[object, ast.expr] = {}
            for key, entry in zip(value.keys, value.values, strict=False):
                entries[key.value] = entry  # type: ignore[union-attr]
            return tuple(_constraint(entry) for entry in entries.values())
        if (
            isinstance(value, ast.List)
            and len(value.elts) > 1
            and all(isinstance(e, (ast.Call, ast.Name)) for e in value.elts)
        ):
            return tuple(_constraint(entry) for entry in value.elts)
    raise CheckerError("its check() has no constraint table")


def _is_slice_from(node: ast.expr) -> bool:
    """``[N:]`` with a literal N."""
    return isinstance(node, ast.Slice) and node.upper is None and isinstance(node.lower, ast.Constant)


@lru_cache(maxsize=16)  # a batch with --checker-file reads the same script for every report
def read_report_py(source: str, name: str) -> Checker:
    """The checker a report.py's ``check()`` is, read from its syntax tree; it is never imported or run.

    Its table is paired with the answers as the script's ``zip`` pairs them: the n-th answer with the n-th row,
    an answer past the last row checked by nothing, a row past the answers it expects never used.
    """
    try:
        return _checker_of(source, name)
    # A syntax error, a number too long to read, or nesting deep enough to exhaust the parser or the stack.
    except (SyntaxError, ValueError, RecursionError, MemoryError) as error:
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise CheckerError(f"is not valid Python: {reason}") from None


def _checker_of(source: str, name: str) -> Checker:
    with warnings.catch_warnings():
        # Python warns on stderr about odd literals ('1if x'); the script is read, and only its table matters.
        warnings.simplefilter("ignore")
        tree = ast.parse(source)
    check = next((n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and n.name == "check"), None)
    if check is None:
        raise CheckerError("has no check() function")
    skip, drops_span, pops_chunk, expected = 0, False, False, None
    for node in ast.walk(check):
        if isinstance(node, ast.Subscript) and _is_slice_from(node.slice):
            target = getattr(node.value, "id", "")
            start = _whole(node.slice.lower, "a slice")  # type: ignore[union-attr, arg-type]
            skip = start if target == "text" else skip
            drops_span = drops_span or (target == "answers" and start == 1)
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "pop":
            pops_chunk = True
        elif isinstance(node, ast.Compare) and getattr(getattr(node.left, "func", None), "id", "") == "len":
            expected = _whole(node.comparators[0], "a number of answers")
    if drops_span == pops_chunk:
        raise CheckerError("its check() does not drop exactly one of the first chunk and the first answer")
    if expected is None or expected < 1 or skip < 0:
        raise CheckerError("its check() compares the answers with no number of them")
    table = _table(check)
    # zip(answers, table): the rows the answers reach, and no limit for an answer past the last row.
    limits = table[:expected] + (Limits(),) * (expected - len(table))
    warns = any(isinstance(node, ast.Name) and node.id == TEACHER_WARNING for node in ast.walk(tree))
    return Checker(name, limits, skip, drops_span, TEACHER_WARNING if warns else LOGGED_WARNING)
