"""A ``report.py`` read as a checker table, from its syntax tree: it is never imported or run."""

from __future__ import annotations

import ast

from hooks.course import LOGGED_WARNING, TEACHER_WARNING
from hooks.official import Checker, Limits


class CheckerError(Exception):
    """A report.py whose check cannot be read as a table; the message is one line."""


def _integers(call: ast.Call) -> dict[str, int]:
    return {k.arg: k.value.value for k in call.keywords if k.arg and isinstance(k.value, ast.Constant)}


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
            return tuple(_constraint(entry) for entry in value.values)  # checked in insertion order
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


def read_report_py(source: str, name: str) -> Checker:
    """The checker a report.py's ``check()`` is, read from its syntax tree; it is never imported or run."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError) as error:
        raise CheckerError(f"is not valid Python: {error}") from None
    check = next((n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and n.name == "check"), None)
    if check is None:
        raise CheckerError("has no check() function")
    skip, drops_span, pops_chunk, expected = 0, False, False, None
    for node in ast.walk(check):
        if isinstance(node, ast.Subscript) and _is_slice_from(node.slice):
            target = getattr(node.value, "id", "")
            skip = node.slice.lower.value if target == "text" else skip  # type: ignore[union-attr]
            drops_span = drops_span or (target == "answers" and node.slice.lower.value == 1)  # type: ignore[union-attr]
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "pop":
            pops_chunk = True
        elif isinstance(node, ast.Compare) and getattr(getattr(node.left, "func", None), "id", "") == "len":
            expected = getattr(node.comparators[0], "value", None)
    if drops_span == pops_chunk:
        raise CheckerError("its check() does not drop exactly one of the first chunk and the first answer")
    drop_first_span = drops_span
    limits = _table(check)
    if expected != len(limits):
        raise CheckerError(f"its check() expects {expected} answers but its table has {len(limits)} rows")
    warns = any(isinstance(node, ast.Name) and node.id == TEACHER_WARNING for node in ast.walk(tree))
    return Checker(name, limits, skip, drop_first_span, TEACHER_WARNING if warns else LOGGED_WARNING)
