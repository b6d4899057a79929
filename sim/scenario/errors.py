"""Error messages for scenario files: each names the file, the line, the key, the value and
what is allowed, and suggests the closest valid key for a typo.

Nothing here knows the schema: the root table is passed in, so the schema can use these messages
without this module importing it. Each message is a sentence said later
(:class:`sim.base.i18n.Said`): ``str()`` gives the English, ``.text("nl")`` the Dutch (its entries
are in :mod:`sim.base.i18n_errors`); what pydantic and tomllib say is translated in
:mod:`sim.scenario.translated`.
"""

from __future__ import annotations

import difflib
import re
from typing import Any, Literal, NamedTuple

import annotated_types
from pydantic import BaseModel, ValidationError

from sim.base.i18n import Said, check_lang
from sim.base.l10n import Listed, Named, SaidError, english_number


class ScenarioError(SaidError):
    """A scenario that cannot run; the message says what is wrong and how to fix it.

    Made of a sentence said later (a :class:`sim.base.i18n.Said`, or parts of one), its ``str()``
    is the English and :attr:`said` says it in the reader's language (``--lang``); made of plain
    text, ``said`` is None and the text is all there is.
    """


def named(said: Said) -> Named:
    """A short sentence as text that says itself in Dutch too, for the places that take text."""
    return Named(str(said), nl=said.text("nl"))


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


_KINDS = {
    int: Said("an integer", {}),
    float: Said("a number", {}),
    str: Said("text", {}),
    bool: Said("true or false", {}),
}


def _allowed(model: type[BaseModel] | None, key: str, dotted: str = "") -> object:
    """What a field accepts, in words: type and range, and what the key is (``dotted``: the key's
    full name, for its Dutch words); "" for a key the schema does not know."""
    if model is None or key not in model.model_fields:
        return ""
    field = model.model_fields[key]
    ann: Any = field.annotation  # a type, a union or a generic alias: read by its attributes
    args = [a for a in getattr(ann, "__args__", ()) if a is not type(None)]
    if len(args) == 1 and len(ann.__args__) == 2:  # optional (X | None): describe X
        ann = args[0]
    kind: object = _KINDS.get(ann)
    if kind is None:
        origin = getattr(ann, "__origin__", None)
        if origin is tuple:
            kind = Said("a list of integers", {}) if int in ann.__args__ else Said("a list", {})
        elif origin is Literal:
            choices = ", ".join(repr(a) for a in ann.__args__)
            kind = Said("one of {choices}", {"choices": choices})
        else:
            kind = Said("a table", {})
    bounds: object = ""
    for attr, value in field_bounds(field).items():
        bound = Named(
            f"{BOUND_WORDS[attr]} {value:,}",
            nl=f"{BOUND_WORDS[attr]} {english_number(value, 'nl')}",
        )
        bounds = Said("{low} and {high}", {"low": bounds, "high": bound}) if bounds else bound
    said = Listed((kind, bounds), sep=" ") if bounds else kind
    if field.description:
        said = Listed((said, _Described(field.description, dotted or key)), sep="")
    return said


class _Described(NamedTuple):
    """' (what the key is)': the schema's description of a key; in Dutch, the words a report
    names that key with (a structural choice's title, :mod:`sim.scenario.labels`) where it has
    them, else the English description."""

    description: str
    key: str

    def text(self, lang: str = "en") -> str:
        """The description in ``lang``, in parentheses."""
        words = self.description
        if check_lang(lang) == "nl":
            from sim.scenario.assumptions import BY_KEY
            from sim.scenario.labels import LABELS_NL

            nl = BY_KEY[self.key].title_nl if self.key in BY_KEY else LABELS_NL.get(self.key)
            words = nl or words
        return f" ({words})"

    def __str__(self) -> str:
        return self.text()


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
            return _line(start)
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
            return _line(i + 1)
    return ""


def _line(number: int) -> Named:
    return named(Said(" (line {line})", {"line": number}))


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
    return named(Said(" (did you mean {word!r}?)", {"word": close[0]})) if close else ""


def format_errors(
    exc: ValidationError, source: str, text: str | None, root: type[BaseModel]
) -> Listed:
    """One line per problem: file, line, dotted key, value, what is wrong and what is allowed
    (said later: ``str()`` is the English)."""
    from sim.scenario.translated import problem

    model_names = _all_models(root)
    messages: dict[str, object] = {}  # by their English: a problem said once
    for err in exc.errors():
        entries = [p for p in err["loc"] if isinstance(p, int)]
        entry = entries[0] if entries else None
        loc = tuple(p for p in err["loc"] if not isinstance(p, int))
        # Drop pydantic's union-branch markers such as 'Buy' in ('strategies', 'buy', 'Buy', 'x').
        loc = tuple(p for p in loc if p not in model_names)
        detail = problem(err)
        if not loc:
            line = _line_of_message(text, str(detail))
            fields = {"source": source, "line": line, "problem": detail}
            said = Said("{source}{line}: {problem}", fields)
            messages.setdefault(str(said), said)
            continue
        table, key = loc[:-1], loc[-1]
        dotted: object = ".".join(loc)
        if entry is not None and table:
            fields = {"key": dotted, "n": entry + 1, "table": ".".join(table)}
            dotted = Said("{key} (entry {n} of [[{table}]])", fields)
        where: object = f"[{'.'.join(table)}]" if table else Said("the top level", {})
        at = {"source": source, "line": find_line(text, table, key, entry if table else None)}
        model = _model_at(root, table)
        if err["type"] == "extra_forbidden":
            valid = sorted(model.model_fields) if model else []
            hint, names = suggest(key, valid), ", ".join(valid)
            said = Said(
                "{source}{line}: unknown key {key!r} in {where}{hint}; valid keys: {valid}",
                at | {"key": key, "where": where, "hint": hint, "valid": names},
            )
        elif err["type"] == "missing":
            said = Said("{source}: {dotted} is required", {"source": source, "dotted": dotted})
        elif isinstance(err.get("input"), dict) and err["type"] == "value_error":
            # A table's own check names the entry at fault and what it allows.
            said = Said(
                "{source}{line}: {dotted}: {problem}", at | {"dotted": dotted, "problem": detail}
            )
        else:
            allowed = _allowed(model, key, ".".join(loc))
            fields = at | {"dotted": dotted, "value": _show(err.get("input")), "problem": detail}
            said = (
                Said(
                    "{source}{line}: {dotted} = {value} is not allowed: {problem}; allowed: "
                    "{allowed}",
                    fields | {"allowed": allowed},
                )
                if allowed
                else Said("{source}{line}: {dotted} = {value} is not allowed: {problem}", fields)
            )
        messages.setdefault(str(said), said)
    return Listed(tuple(messages.values()), sep="\n")


def _show(value: Any) -> str:
    if isinstance(value, dict):
        return "{...}"
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
