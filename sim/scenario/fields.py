"""Numeric parameters of the schema by dotted key: their type, bounds and description.

A sensitivity study varies scalar numbers (``feed.test_threshold``, ``strategies.buy.count``) and
must keep each inside what the schema allows. Like :mod:`sim.scenario.errors`, nothing here knows
the schema: the root table is passed in, so the schema's own validators can use it.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass

from pydantic import BaseModel

from sim.base.i18n import check_lang
from sim.base.l10n import Named, english_number_text
from sim.scenario.errors import _submodel, field_bounds


@dataclass(frozen=True)
class NumericField:
    """A scalar number of the schema.

    Attributes:
        key: the dotted key (``feed.test_threshold``).
        integer: an ``int`` field (values are whole numbers).
        ge, gt, le, lt: the schema's bounds (None where the field has none).
        description: the field's description ("" if it has none).
        table_doc: the docstring of the table that holds it.
    """

    key: str
    integer: bool
    ge: float | None = None
    gt: float | None = None
    le: float | None = None
    lt: float | None = None
    description: str = ""
    table_doc: str = ""

    def allows(self, value: float) -> bool:
        """Whether ``value`` lies inside the field's bounds."""
        return (
            (self.ge is None or value >= self.ge)
            and (self.gt is None or value > self.gt)
            and (self.le is None or value <= self.le)
            and (self.lt is None or value < self.lt)
        )

    def bounds_text(self, lang: str = "en") -> str:
        """'a number >= 0 and <= 1': what the field accepts, in the words errors use in ``lang``
        ('een getal >= 0 en <= 1' in Dutch)."""
        dutch = check_lang(lang) == "nl"
        parts = [
            f"{w} {english_number_text(_number(b), lang)}"
            for w, b in ((">=", self.ge), (">", self.gt), ("<=", self.le), ("<", self.lt))
            if b is not None
        ]
        if dutch:
            kind = "een geheel getal" if self.integer else "een getal"
        else:
            kind = "an integer" if self.integer else "a number"
        return kind + (" " + (" en " if dutch else " and ").join(parts) if parts else "")

    def bounds_words(self) -> Named:
        """:meth:`bounds_text` as a name in a sentence said later (English and Dutch)."""
        return Named(self.bounds_text(), nl=self.bounds_text("nl"))

    def clamp(self, low: float, high: float) -> tuple[float, float]:
        """``[low, high]`` cut to the field's bounds; open bounds keep a hair's width away, and
        an integer range shrinks to the whole numbers inside it."""
        lo = max(low, -math.inf if self.ge is None else self.ge)
        hi = min(high, math.inf if self.le is None else self.le)
        if self.gt is not None and lo <= self.gt:
            lo = self.gt + (1 if self.integer else 1e-9 * max(1.0, abs(self.gt)))
        if self.lt is not None and hi >= self.lt:
            hi = self.lt - (1 if self.integer else 1e-9 * max(1.0, abs(self.lt)))
        if self.integer:
            lo, hi = float(math.ceil(lo)), float(math.floor(hi))
        return lo, hi


def _number(x: float) -> str:
    return f"{int(x):,}" if float(x).is_integer() else f"{x:g}"


def _table(annotation) -> type[BaseModel] | None:
    """The table a field holds (a list of tables, such as the calendar, is not one)."""
    if getattr(annotation, "__origin__", None) is tuple:
        return None
    return _submodel(annotation)


def _scalar_kind(annotation) -> str | None:
    """'int' or 'float' for a plain number field (bool, lists, tables and unions: None)."""
    if annotation is bool:
        return None
    if annotation is int:
        return "int"
    if annotation is float:
        return "float"
    return None


def _field(model: type[BaseModel], name: str, key: str) -> NumericField | None:
    info = model.model_fields[name]
    kind = _scalar_kind(info.annotation)
    if kind is None:
        return None
    return NumericField(
        key,
        kind == "int",
        description=info.description or "",
        table_doc=model.__doc__ or "",
        **field_bounds(info),
    )


def numeric_field(root: type[BaseModel], dotted: str) -> NumericField | None:
    """The scalar number at ``dotted`` in the schema ``root`` (None if there is none)."""
    model: type[BaseModel] | None = root
    parts = dotted.split(".")
    for part in parts[:-1]:
        if model is None or part not in model.model_fields:
            return None
        model = _table(model.model_fields[part].annotation)
    if model is None or parts[-1] not in model.model_fields:
        return None
    return _field(model, parts[-1], dotted)


def numeric_fields(model: type[BaseModel], prefix: str = "") -> Iterator[NumericField]:
    """Every scalar number of a table and its sub-tables, depth first, in declaration order."""
    for name, info in model.model_fields.items():
        key = f"{prefix}{name}"
        sub = _table(info.annotation)
        if sub is not None:
            yield from numeric_fields(sub, key + ".")
            continue
        found = _field(model, name, key)
        if found is not None:
            yield found


def all_numeric_keys(root: type[BaseModel]) -> list[str]:
    """Every dotted key of a scalar number in the schema (for suggestions in errors)."""
    return [f.key for f in numeric_fields(root)]
