"""What pydantic and tomllib say of a scenario, kept as they write it in English and said in the
reader's language otherwise.

A scenario's refusal quotes pydantic's message for a value it refuses (``Input should be greater
than or equal to 100``) and tomllib's for a line it cannot parse (``Invalid value (at line 3,
column 8)``). Their English stays exactly as the libraries write it (:class:`Translated`); the
Dutch is made from the error's type and context (pydantic) or its message (tomllib), for the
errors a scenario file meets. Any other error is said in the library's English.
"""

from __future__ import annotations

import re
from typing import Any

from sim.base.i18n import Said
from sim.base.l10n import Named, Translated, english_number


def problem(err: Any) -> object:
    """What pydantic says is wrong with one value (``err``: an entry of
    ``ValidationError.errors()``): its message as pydantic writes it in English, and in another
    language from its type and context; a check of the scenario's own that raised a refusal
    said later (a :class:`sim.scenario.ScenarioError`) is said as that refusal."""
    english = err["msg"].removeprefix("Value error, ")
    ctx = err.get("ctx") or {}
    if err["type"] == "value_error":
        said = getattr(ctx.get("error"), "said", None)
    else:
        try:
            said = _said(err["type"], ctx)
        except (KeyError, TypeError, ValueError):  # a context this version words otherwise
            said = None
    return english if said is None else Translated(english, said)


def _number(value: Any) -> Named:
    # A bound of 0.0 reads '0' in pydantic's English: the same number in Dutch.
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return Named(english_number(value), nl=english_number(value, "nl"))


# pydantic's error types said without a value, and the bounds said with theirs (ctx's key).
_PLAIN = {
    kind: said
    for kinds, said in (
        (("int_type", "int_parsing"), Said("Input should be a valid integer", {})),
        (
            ("int_from_float",),
            Said("Input should be a valid integer, got a number with a fractional part", {}),
        ),
        (("float_type", "float_parsing"), Said("Input should be a valid number", {})),
        (("finite_number",), Said("Input should be a finite number", {})),
        (("bool_type", "bool_parsing"), Said("Input should be a valid boolean", {})),
        (("string_type",), Said("Input should be a valid string", {})),
        (("list_type", "tuple_type"), Said("Input should be a valid list", {})),
        (("model_type", "model_attributes_type", "dict_type"), Said("Input should be a table", {})),
        (("missing",), Said("Field required", {})),
        (("extra_forbidden",), Said("Extra inputs are not permitted", {})),
    )
    for kind in kinds
}
_BOUNDS = {
    "greater_than_equal": ("ge", Said("Input should be greater than or equal to {ge}", {})),
    "greater_than": ("gt", Said("Input should be greater than {gt}", {})),
    "less_than_equal": ("le", Said("Input should be less than or equal to {le}", {})),
    "less_than": ("lt", Said("Input should be less than {lt}", {})),
}


def _said(kind: str, ctx: dict) -> Said | None:
    """The Dutch of one pydantic error type, or None for a type said in English."""
    if kind in _PLAIN:
        return _PLAIN[kind]
    if kind in _BOUNDS:
        bound, said = _BOUNDS[kind]
        return said._replace(fields={bound: _number(ctx[bound])})
    if kind == "literal_error":
        # pydantic joins the choices as "'a', 'b' or 'c'": the last joint is a word.
        first, joint, last = str(ctx["expected"]).rpartition(" or ")
        choices = Said("{first} or {last}", {"first": first, "last": last}) if joint else last
        return Said("Input should be {expected}", {"expected": choices})
    if kind in ("too_short", "too_long") and ctx.get("field_type") in ("List", "Tuple"):
        n = int(ctx["min_length" if kind == "too_short" else "max_length"])
        fields = {
            "n": n,
            "values": Said("value", {}) if n == 1 else Said("values", {}),
            "actual": int(ctx["actual_length"]),
        }
        if kind == "too_short":
            return Said("the list should have at least {n} {values}, not {actual}", fields)
        return Said("the list should have at most {n} {values}, not {actual}", fields)
    return None


# tomllib's messages without a value in them, each with its Dutch (sim.base.i18n_errors).
_TOML = {
    said.template: said
    for said in (
        Said("Invalid value", {}),
        Said("Invalid statement", {}),
        Said("Expected '=' after a key in a key/value pair", {}),
        Said("Expected newline or end of document after a statement", {}),
        Said("Unterminated string", {}),
        Said("Unclosed array", {}),
        Said("Unclosed inline table", {}),
        Said("Cannot overwrite a value", {}),
        Said("Invalid date or datetime", {}),
        Said("Expected ']' at the end of a table declaration", {}),
        Said("Expected ']]' at the end of an array declaration", {}),
        Said("Invalid initial character for a key part", {}),
        Said("Unescaped '\\' in a string", {}),
        Said("Invalid hex value", {}),
    )
}
_WHERE = re.compile(r"(.*) \((?:at line (\d+), column (\d+)|at end of document)\)", re.DOTALL)


def toml_reason(exc: Exception) -> object:
    """Why tomllib cannot read a file (``exc``, a ``TOMLDecodeError``), as it says it in English,
    and in another language with the line and column in that language's words."""
    english = str(exc)
    where = _WHERE.fullmatch(english)
    what = where[1] if where else english
    said: Said | None = _TOML.get(what)
    if said is None and (m := re.fullmatch(r"Cannot declare (.+) twice", what)):
        said = Said("Cannot declare {key} twice", {"key": m[1]})
    elif said is None and (m := re.fullmatch(r"(?:Illegal|Found invalid) character (.+)", what)):
        said = Said("Illegal character {char}", {"char": m[1]})
    if said is None or where is None:
        return english if said is None else Translated(english, said)
    if where[2] is None:
        return Translated(english, Said("{what} (at end of document)", {"what": said}))
    fields = {"what": said, "line": int(where[2]), "column": int(where[3])}
    return Translated(english, Said("{what} (at line {line}, column {column})", fields))
