"""Which parameters a sensitivity study varies, and over what range.

A parameter is varied when the scenario rests on it without a public figure behind it:

- the platform preset marks it an assumption (its ``[sources]`` entry starts with "assumption");
  a source naming a table (``feed.signal_weights``) covers every number in it;
- a core table's field, or a field of a component the scenario switches on, says "assumption" in
  its description, or the component's table says all its numbers are assumptions;
- the scenario's ``[sensitivity]`` table names a range for it.

An assumption that moves only an estimate reported apart (``APART``: what shares do beyond the
simulated population) is skipped with the reason unless ``[sensitivity]`` names a range for it.

The structural assumptions of :mod:`sim.scenario.assumptions` (what the platform's test divides
by, what bought followers do, whether anyone finds out, how fakes are purged) are varied as
categorical factors: the design moves each across its named alternatives, and a number such a
choice sets (a bot's activity, the purge interval) is left to it. The catalogue's numeric
assumptions (the population's size, the value of a visit) are varied over the ranges it names.

Only scalar numbers are varied (lists such as the hourly activity profile are not). The content
fit and effects of an attribute the scenario never posts cannot move its results and are left
out. Each range is the value ±``spread`` (a share of the value) unless ``[sensitivity] ranges``
names one, cut to the field's bounds; an integer range keeps the whole numbers inside it, and a
range that collapses to one value is skipped with the reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sim.base.attributes import ATTRIBUTES
from sim.base.i18n import Said
from sim.base.l10n import Named
from sim.registry import active
from sim.scenario import Scenario, ScenarioError, load_preset
from sim.scenario.assumptions import BY_KEY, applicable, owner
from sim.scenario.errors import named
from sim.scenario.fields import NumericField, numeric_field, numeric_fields

# Core tables whose fields' descriptions may call them assumptions.
CORE_TABLES = ("feed", "behaviour", "audience", "brand", "content", "effects", "fit")
RANGE_SOURCE = "range named in [sensitivity]"
ONLY_SOURCE = "named in only"  # a key [sensitivity] only names that has no source of its own
# Assumptions that move only an estimate reported apart, never a figure of the simulated
# population (the run's reach, reactions, followers, money): not varied unless [sensitivity]
# names a range for them.
APART = {
    "audience.share_audience": named(
        Said(
            "moves only what shares do beyond the simulated population (outside_views, "
            "outside_shares), no figure inside it",
            {},
        )
    ),
}
_EXCLUDED = named(Said("excluded in [sensitivity]", {}))


@dataclass(frozen=True)
class Parameter:
    """One varied parameter.

    Attributes:
        key: the dotted scenario key.
        label: the parameter in plain words (its field description).
        value: its value in the scenario.
        low, high: the range it is varied over.
        integer: an integer field (design values are rounded).
        source: the preset's source text, the field's description, or ``RANGE_SOURCE``.
        choices: a structural assumption's alternatives (empty for a number); its design
            column runs over [0, 1], cut into as many equal parts, and ``value`` is the index of
            the scenario's own alternative.
        settings: per choice, the dotted keys and values that set it.
    """

    key: str
    label: str
    value: float
    low: float
    high: float
    integer: bool
    source: str
    choices: tuple[str, ...] = ()
    settings: tuple[tuple[tuple[str, Any], ...], ...] = ()

    @property
    def categorical(self) -> bool:
        """Whether this is a structural choice between named alternatives."""
        return bool(self.choices)

    def choice(self, x: float) -> int:
        """The alternative a design value ``x`` in [0, 1] stands for (equal parts)."""
        n = len(self.choices)
        return min(max(int(float(x) * n + 1e-9), 0), n - 1)

    def overrides(self, x: float) -> dict[str, Any]:
        """The dotted keys and values of the design value ``x``."""
        if self.categorical:
            return dict(self.settings[self.choice(x)])
        return {self.key: int(round(float(x))) if self.integer else float(x)}


@dataclass(frozen=True)
class Skipped:
    """A candidate that is not varied, and why."""

    key: str
    reason: str  # English; a Named that says itself in Dutch too (``reason.text("nl")``)


def is_assumption(text: str) -> bool:
    """Whether a source or description marks a number as an assumption."""
    return text.strip().lower().startswith("assumption") or "assumption" in text.lower()


def _all_assumed(doc: str) -> bool:
    # A component's table may declare every number in it an assumption (discovery).
    return "all are assumptions" in doc.lower()


def assumption_sources(scenario: Scenario) -> dict[str, str]:
    """Every dotted key the scenario rests on as an assumption -> its source text.

    Covers preset sources, core-table field descriptions and the descriptions of the fields of
    every component the scenario switches on. Keys may name lists; :func:`collect` skips them.
    """
    found: dict[str, str] = {}
    sources = load_preset(scenario.platform).get("sources", {})
    for key, text in sources.items():
        if not str(text).strip().lower().startswith("assumption"):
            continue
        field = numeric_field(Scenario, key)
        sub = [f for f in numeric_fields(Scenario) if f.key.startswith(key + ".")]
        if field is None and sub:
            for f in sub:
                found.setdefault(f.key, str(text))
        else:
            found.setdefault(key, str(text))
    for table in CORE_TABLES:
        model = Scenario.model_fields[table].annotation
        for f in numeric_fields(model, table + "."):
            if is_assumption(f.description):
                found.setdefault(f.key, f.description)
    for cls, _params in active(scenario):
        prefix = f"strategies.{cls.name}." if cls.group == "strategies" else f"{cls.name}."
        whole = _all_assumed(cls.Params.__doc__ or "")
        for f in numeric_fields(cls.Params, prefix):
            if whole or is_assumption(f.description):
                found.setdefault(
                    f.key,
                    f.description
                    if is_assumption(f.description)
                    else f"assumption: {f.description}",
                )
    return found


def label_of(field: NumericField) -> str:
    """A field in plain words: its description without citations, with its table when short."""
    from sim.studies.sensitivity.report import plain_label

    text = plain_label(re.sub(r"\s*\([^)]*\)", "", field.description).strip()) or field.key
    parts = field.key.split(".")
    nested = len(parts) > 2 and parts[0] != "strategies"  # feed.signal_weights.like
    if nested or len(text.split()) < 3:
        text = f"{parts[-2].replace('_', ' ')}: {text}" if len(parts) > 1 else text
    return text


def relative_range(value: float, spread: float, field: NumericField) -> tuple[float, float]:
    """``value`` ±``spread`` (a share of the value), cut to the field's bounds."""
    low, high = sorted((value * (1 - spread), value * (1 + spread)))
    return field.clamp(low, high)


def _posts(scenario: Scenario, attr: str) -> bool:
    in_calendar = any(attr in post.attributes for post in scenario.content.calendar)
    return getattr(scenario.content, attr) > 0 or in_calendar


def _unused_content(key: str, scenario: Scenario) -> bool:
    """Fit and effects of an attribute the scenario never posts cannot move its results, nor can
    the cap on content's combined lift when it posts no attribute at all."""
    parts = key.split(".")
    if key == "effects.max_boost":
        return not any(_posts(scenario, a) for a in ATTRIBUTES)
    if parts[0] not in ("fit", "effects") or len(parts) < 2 or parts[1] not in ATTRIBUTES:
        return False
    return not _posts(scenario, parts[1])


def _value(flat: dict[str, Any], key: str) -> Any:
    node: Any = flat
    for part in key.split("."):
        node = node.get(part) if isinstance(node, dict) else None
    return node


def collect(
    scenario: Scenario, spread: float = 0.5, only: tuple[str, ...] | None = None
) -> tuple[list[Parameter], list[Skipped]]:
    """The parameters a sensitivity study of ``scenario`` varies, and the candidates it skips.

    Args:
        scenario: the resolved scenario (its ``[sensitivity]`` table is honoured).
        spread: the default half-width of a range, as a share of the value (0.5: ±50%).
        only: vary these keys alone (replaces ``[sensitivity] only``); None: the table's.

    Returns:
        ``(parameters, skipped)``, both in the schema's key order.

    Raises:
        ScenarioError: ``spread`` is not in (0, 1], or a key named in ``[sensitivity]`` or
            ``only`` is not a number of the schema or belongs to a table the scenario leaves out.
    """
    if not 0 < spread <= 1:
        raise ScenarioError(
            f"--range {spread:g}: the range is a share of each value, above 0 and "
            "at most 1 (0.5 = ±50%)"
        )
    table = scenario.sensitivity
    ranges = dict(table.ranges) if table else {}
    exclude = set(table.exclude) if table else set()
    only = tuple(only) if only is not None else (table.only if table else ())
    flat = scenario.to_dict()
    sources = assumption_sources(scenario)
    structural = _structural(flat, only, exclude)
    params: list[Parameter] = [p for p in structural if isinstance(p, Parameter)]
    skipped: list[Skipped] = [p for p in structural if isinstance(p, Skipped)]
    catalogue_span = {}
    for a in applicable(flat, categorical=False):
        sources.setdefault(a.key, f"assumption: {a.en}")
        catalogue_span[a.key] = a.span(flat)
    for key in (*ranges, *only):
        if key in BY_KEY and BY_KEY[key].categorical:
            continue
        field = numeric_field(Scenario, key)
        if field is None:
            raise ScenarioError(
                f"{key!r} is not a numeric scenario key; `feedsim sensitivity "
                "FILE --list` shows what can be varied"
            )
        if _value(flat, key) is None:
            table_key = key.rsplit(".", 1)[0]
            raise ScenarioError(
                f"{key}: the scenario does not switch on [{table_key}]; add the "
                "table to the scenario or drop the key from [sensitivity]"
            )
    order = {f.key: i for i, f in enumerate(numeric_fields(Scenario))}
    candidates = sorted(set(sources) | set(ranges) | set(only), key=lambda k: order.get(k, -1))
    varied = {p.key for p in params}
    for key in candidates:
        field = numeric_field(Scenario, key)
        if only and key not in only:
            continue
        if key in BY_KEY and BY_KEY[key].categorical:
            continue  # a structural choice: a factor of its own above
        if key in exclude:
            skipped.append(Skipped(key, _EXCLUDED))
            continue
        if key in APART and key not in ranges and key not in only:
            skipped.append(Skipped(key, APART[key]))
            continue
        boss = owner(key, flat)
        if boss is not None and boss.key in varied and key not in ranges:
            title = Named(boss.title, nl=boss.title_nl)
            skipped.append(
                Skipped(
                    key,
                    named(
                        Said(
                            "set by the structural assumption {key} ({title})",
                            {"key": boss.key, "title": title},
                        )
                    ),
                )
            )
            continue
        if field is None:
            skipped.append(Skipped(key, named(Said("a list, not a single number", {}))))
            continue
        value = _value(flat, key)
        if value is None:
            continue  # a tactic the scenario leaves out
        if key not in ranges and _unused_content(key, scenario):
            skipped.append(Skipped(key, named(Said("the scenario never posts this content", {}))))
            continue
        if key in ranges:
            low, high = ranges[key]
            source = sources.get(key, RANGE_SOURCE)
        elif key in catalogue_span:
            low, high = field.clamp(*catalogue_span[key])
            source = sources[key]
        else:
            if value == 0:
                skipped.append(
                    Skipped(
                        key,
                        named(
                            Said(
                                "its value is 0, so ±{spread} is no range; name one in "
                                "[sensitivity] ranges",
                                {"spread": f"{spread:.0%}"},
                            )
                        ),
                    )
                )
                continue
            low, high = relative_range(float(value), spread, field)
            source = sources[key] if key in sources else ONLY_SOURCE
            if not low < high:
                skipped.append(
                    Skipped(
                        key,
                        named(
                            Said(
                                "its range collapses to one value within what it allows ({bounds})",
                                {"bounds": field.bounds_words()},
                            )
                        ),
                    )
                )
                continue
        params.append(
            Parameter(
                key, label_of(field), float(value), float(low), float(high), field.integer, source
            )
        )
    return params, skipped


def _structural(
    flat: dict[str, Any], only: tuple[str, ...], exclude: set[str]
) -> list[Parameter | Skipped]:
    """A factor per categorical assumption the scenario rests on (catalogue order), or why not."""
    out: list[Parameter | Skipped] = []
    for a in applicable(flat, categorical=True):
        if only and a.key not in only:
            continue
        if a.key in exclude:
            out.append(Skipped(a.key, _EXCLUDED))
            continue
        now = a.current(flat) if a.current else a.names[0]
        settings = tuple(tuple(alt.overrides(flat).items()) for alt in a.alternatives)
        out.append(
            Parameter(
                a.key,
                a.title,
                float(a.names.index(now)) if now in a.names else 0.0,
                0.0,
                1.0,
                False,
                f"structural assumption: {a.en}",
                a.names,
                settings,
            )
        )
    return out
