"""Error messages for scenario files: each names the file, the line, the key, the value and
what is allowed, and suggests the closest valid key for a typo.

Nothing here knows the schema: the root table is passed in, so the schema can use these messages
without this module importing it.
"""

from __future__ import annotations

import difflib
import re
from typing import Any, Literal

import annotated_types
from pydantic import BaseModel, ValidationError


class ScenarioError(ValueError):
    """A scenario that cannot run; the message says what is wrong and how to fix it."""


def _all_models(model: type[BaseModel]) -> set[str]:
    names = {model.__name__}
    for field in model.model_fields.values():
        sub = _submodel(field.annotation)
        if sub is not None:
            names |= _all_models(sub)
    return names


def _model_at(root: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """The pydantic model class that owns the table at ``loc`` (a path of keys)."""
    model: type[BaseModel] = root
    for key in loc:
        field = model.model_fields.get(key) if isinstance(key, str) else None
        if field is None:
            return model if isinstance(key, int) else None
        sub = _submodel(field.annotation)
        if sub is None:
            return None
        model = sub
    return model


def _submodel(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            return arg
    return None


BOUND_WORDS = {"ge": ">=", "gt": ">", "le": "<=", "lt": "<"}


def field_bounds(field: Any) -> dict[str, float]:
    """A pydantic field's numeric bounds, by name (``{"ge": 0, "le": 1}``), from its metadata."""
    bounds: dict[str, float] = {}
    for meta in field.metadata:
        for attr in BOUND_WORDS:
            if isinstance(meta, getattr(annotated_types, attr.capitalize())):
                bounds[attr] = getattr(meta, attr)
    return bounds


def _allowed(model: type[BaseModel] | None, key: str) -> str:
    """Human description of what a field accepts: type and range."""
    if model is None or key not in model.model_fields:
        return ""
    field = model.model_fields[key]
    ann: Any = field.annotation  # a type, a union or a generic alias: read by its attributes
    args = [a for a in getattr(ann, "__args__", ()) if a is not type(None)]
    if len(args) == 1 and len(ann.__args__) == 2:  # optional (X | None): describe X
        ann = args[0]
    kind = {int: "an integer", float: "a number", str: "text", bool: "true or false"}.get(ann)
    if kind is None:
        origin = getattr(ann, "__origin__", None)
        if origin is tuple:
            kind = "a list of integers" if int in ann.__args__ else "a list"
        elif origin is Literal:
            kind = "one of " + ", ".join(repr(a) for a in ann.__args__)
        else:
            kind = "a table"
    bounds = [f"{BOUND_WORDS[attr]} {value:,}" for attr, value in field_bounds(field).items()]
    text = kind + (" " + " and ".join(bounds) if bounds else "")
    if field.description:
        text += f" ({field.description})"
    return text


def find_line(text: str | None, table: tuple, key: str, entry: int | None = None) -> str:
    """' (line N)' for where ``key`` is set inside ``[table]`` in the file text, if found.

    ``entry``: the 0-based index of an array-of-tables entry (``[[content.calendar]]``); then
    ``key`` is looked up inside that entry (or the entry's header line, for ``key=""``).
    """
    if not text:
        return ""
    lines = text.splitlines()
    start = 0
    if table and entry is not None:
        header = re.compile(r"^\s*\[\[\s*" + r"\s*\.\s*".join(map(re.escape, table)) + r"\s*\]\]")
        found = [i for i, line in enumerate(lines) if header.match(line)]
        if entry >= len(found):
            return ""
        start = found[entry] + 1
        if not key:
            return f" (line {start})"
    elif table:
        header = re.compile(r"^\s*\[\s*" + r"\s*\.\s*".join(map(re.escape, table)) + r"\s*\]")
        for i, line in enumerate(lines):
            if header.match(line):
                start = i + 1
                break
    pattern = re.compile(r'^\s*"?' + re.escape(key) + r'"?\s*=')
    inline = re.compile(r"\b" + re.escape(key) + r"\s*=")
    for i in range(start, len(lines)):
        if table and i >= start and re.match(r"^\s*\[", lines[i]):
            break
        if pattern.match(lines[i]) or (table and inline.search(lines[i])):
            return f" (line {i + 1})"
    return ""


def _line_of_message(text: str | None, msg: str) -> str:
    """The line a whole-scenario check points at: its message starts with a dotted key
    (``strategies.buy.days has day 40``) or names a calendar entry (``content.calendar entry 3``).
    """
    m = re.match(r"([a-z_]+)\.([a-z_]+) entry (\d+)\b", msg)
    if m:
        return find_line(text, (m[1], m[2]), "", int(m[3]) - 1)
    m = re.match(r"([a-z_]+(?:\.[a-z_]+)+)", msg)
    if not m:
        return ""
    parts = tuple(m[1].split("."))
    return find_line(text, parts[:-1], parts[-1])


def suggest(word: str, options: list[str]) -> str:
    """A " (did you mean 'x'?)" hint naming the option closest to a mistyped word, or ""."""
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.5)
    return f" (did you mean {close[0]!r}?)" if close else ""


def format_errors(
    exc: ValidationError, source: str, text: str | None, root: type[BaseModel]
) -> str:
    """One line per problem: file, line, dotted key, value, what is wrong and what is allowed."""
    model_names = _all_models(root)
    messages = []
    for err in exc.errors():
        entries = [p for p in err["loc"] if isinstance(p, int)]
        entry = entries[0] if entries else None
        loc = tuple(p for p in err["loc"] if not isinstance(p, int))
        # Drop pydantic's union-branch markers such as 'Buy' in ('strategies', 'buy', 'Buy', 'x').
        loc = tuple(p for p in loc if p not in model_names)
        if not loc:
            msg = err["msg"].removeprefix("Value error, ")
            messages.append(f"{source}{_line_of_message(text, msg)}: {msg}")
            continue
        table, key = loc[:-1], loc[-1]
        dotted = ".".join(loc)
        if entry is not None and table:
            dotted += f" (entry {entry + 1} of [[{'.'.join(table)}]])"
        where = f"[{'.'.join(table)}]" if table else "the top level"
        line = find_line(text, table, key, entry if table else None)
        model = _model_at(root, table)
        if err["type"] == "extra_forbidden":
            valid = sorted(model.model_fields) if model else []
            messages.append(
                f"{source}{line}: unknown key {key!r} in {where}{suggest(key, valid)}; "
                f"valid keys: {', '.join(valid)}"
            )
        elif err["type"] == "missing":
            messages.append(f"{source}: {dotted} is required")
        else:
            allowed = _allowed(model, key)
            value = err.get("input")
            detail = err["msg"]
            if err["type"] == "value_error":
                detail = detail.removeprefix("Value error, ")
            if isinstance(value, dict) and err["type"] == "value_error":
                # A table's own check names the entry at fault and what it allows.
                messages.append(f"{source}{line}: {dotted}: {detail}")
                continue
            msg = f"{source}{line}: {dotted} = {_show(value)} is not allowed: {detail}"
            if allowed:
                msg += f"; allowed: {allowed}"
            messages.append(msg)
    return "\n".join(dict.fromkeys(messages))


def _show(value: Any) -> str:
    if isinstance(value, dict):
        return "{...}"
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
