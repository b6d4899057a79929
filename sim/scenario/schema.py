"""The scenario schema: every table a scenario file may hold, with types, ranges and meaning.

The core tables (feed, behaviour, audience, brand, content, effects, fit) are declared in
:mod:`sim.scenario.tables`, the content tables built from the attribute catalogue
(:mod:`sim.base.attributes`); the sensitivity table and the scenario are declared here, and each
component's table (``[strategies.<tactic>]``, ``[purge]``, ``[discovery]``, ...) comes from the
component's own file through the registry (:mod:`sim.registry`). Defaults here are neutral
fallbacks; platform presets set the numbers that matter, each with a source.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

from pydantic import (
    Field,
    PrivateAttr,
    ValidationError,
    create_model,
    field_validator,
    model_validator,
)

from sim.base.i18n import LANGS, Said
from sim.base.l10n import Count
from sim.base.params import Params as _Table
from sim.base.params import Refusal
from sim.registry import COMPONENTS, active
from sim.scenario.errors import ScenarioError, format_errors, suggest
from sim.scenario.fields import NumericField, all_numeric_keys, numeric_field
from sim.scenario.tables import (
    Audience,
    Behaviour,
    Brand,
    Content,
    Effects,
    Feed,
    Fit,
)

# Keys a sensitivity study never varies: they name the run, not an assumption about the world.
NOT_VARIED = {
    "seed": Said("seeds come from --seeds", {}),
    "days": Said("the horizon is the question asked", {}),
}


class Sensitivity(_Table):
    """What `feedsim sensitivity` varies: explicit ranges, keys to leave out, or only some keys.

    Without this table every assumption of the preset and of the scenario's components is varied
    by ±`--range` around its value. Nothing here changes a run.
    """

    ranges: dict[str, tuple[float, float]] = Field(
        {},
        strict=False,
        description='dotted key -> [low, high], e.g. { "feed.test_threshold" '
        "= [0.01, 0.03] }; replaces the ±--range default for that key and varies it even if it "
        "is not an assumption",
    )
    exclude: tuple[str, ...] = Field((), strict=False, description="dotted keys never to vary")
    only: tuple[str, ...] = Field(
        (), strict=False, description="vary these keys alone (default: every assumption)"
    )

    @field_validator("ranges", mode="before")
    @classmethod
    def _flatten_ranges(cls, v: Any) -> Any:
        # [sensitivity.ranges] feed.test_threshold = [...] arrives as nested tables.
        if not isinstance(v, dict):
            return v
        out: dict[str, Any] = {}
        stack = [("", v)]
        while stack:
            prefix, node = stack.pop()
            for k, val in node.items():
                if isinstance(val, dict):
                    stack.append((f"{prefix}{k}.", val))
                elif (
                    isinstance(val, (list, tuple))
                    and len(val) == 2
                    and all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in val)
                ):
                    out[f"{prefix}{k}"] = (float(val[0]), float(val[1]))
                else:
                    raise Refusal(
                        Said(
                            "{key} = {value!r}: give a range as [low, high], two numbers",
                            {"key": f"{prefix}{k}", "value": val},
                        )
                    )
        return out

    @field_validator("ranges")
    @classmethod
    def _real_ranges(cls, v: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
        for key, (low, high) in v.items():
            field = _numeric(key)
            shown = Said(
                "{key} = [{low:g}, {high:g}]",
                {"key": key, "low": low, "high": high},
            )
            if not low < high:
                raise Refusal(
                    Said("{shown}: the low end must be below the high end", {"shown": shown})
                )
            if field.integer and (not float(low).is_integer() or not float(high).is_integer()):
                raise Refusal(
                    Said(
                        "{shown}: {key} is an integer; give whole numbers",
                        {"shown": shown, "key": key},
                    )
                )
            if not (field.allows(low) and field.allows(high)):
                raise Refusal(
                    Said(
                        "{shown} leaves what {key} allows: {bounds}",
                        {"shown": shown, "key": key, "bounds": field.bounds_words()},
                    )
                )
        return v

    @field_validator("exclude", "only")
    @classmethod
    def _real_keys(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        from sim.scenario.assumptions import BY_KEY

        for key in v:
            if not (key in BY_KEY and BY_KEY[key].categorical):  # a structural choice
                _numeric(key)
        return v


def _numeric(key: str) -> NumericField:
    """The numeric field at ``key`` of the Scenario schema, or a ValueError that says why not."""
    if key in NOT_VARIED:
        raise Refusal(Said("{key} cannot be varied ({why})", {"key": key, "why": NOT_VARIED[key]}))
    field = numeric_field(Scenario, key)
    if field is None:
        keys = [k for k in all_numeric_keys(Scenario) if k not in NOT_VARIED]
        raise Refusal(
            Said(
                "{key!r} is not a numeric scenario key{hint}; allowed: the dotted key of a "
                "number, e.g. feed.test_threshold (`feedsim sensitivity FILE --list` shows the "
                "assumptions)",
                {"key": key, "hint": suggest(key, keys)},
            )
        )
    return field


# Growth tactics: each component's table, absent (None) when switched off.
Strategies = create_model(  # type: ignore[call-overload]  # fields from the registry
    "Strategies",
    __base__=_Table,
    __doc__="Growth tactics; absent tables are switched off.",
    **{c.name: (c.Params | None, None) for c in COMPONENTS if c.group == "strategies"},
)

# Platform actions and traits of the audience or brand: always present, with their defaults.
_PlatformTables = create_model(  # type: ignore[call-overload]  # fields from the registry
    "_PlatformTables",
    __base__=_Table,
    **{c.name: (c.Params, c.Params()) for c in COMPONENTS if c.group != "strategies"},
)


class Scenario(_PlatformTables):
    """A fully resolved scenario: the preset merged with the file's overrides, validated."""

    name: str = Field("scenario", min_length=1, max_length=80, pattern=r"^[A-Za-z0-9_.-]+$")
    description: str = ""
    # Client text: an optional short title, and the Dutch of title and description; reports in
    # Dutch take these (an English description is never shown in a Dutch report).
    title: str = Field("", max_length=120, description="a short title for reports and charts")
    title_nl: str = Field("", max_length=120, description="the title in Dutch")
    description_nl: str = Field("", description="the description in Dutch")
    # sim.base.i18n.LANGS, read by pydantic
    lang: Literal[LANGS] | None = Field(  # type: ignore[valid-type]
        None,
        description="language of the scenario's reports and spreadsheets: en or nl "
        "(default en; `feedsim report --lang` overrides it)",
    )
    platform: str = "instagram"
    days: int = Field(365, ge=1, le=3650, description="simulated days")
    seed: int = Field(0, ge=0, le=2**63 - 1, description="default random seed")
    feed: Feed = Feed()
    behaviour: Behaviour = Behaviour()
    audience: Audience = Audience()
    brand: Brand = Brand()
    strategies: Strategies = Strategies()
    content: Content = Content()
    effects: Effects = Effects()
    fit: Fit = Fit()
    sensitivity: Sensitivity | None = None
    # What the scenario's author wrote, before the preset was merged under it (see
    # :meth:`written`); not a field, so it never reaches the resolved file or equality.
    _written: _Written | None = PrivateAttr(None)

    @field_validator("name")
    @classmethod
    def _not_a_relative_folder(cls, v: str) -> str:
        # The name becomes a folder under --out: "." and ".." would resolve to --out or its parent.
        if v.strip(".") == "":
            raise Refusal(
                Said(
                    "a name made only of dots would name a folder outside the results folder; "
                    "use letters, digits, '_', '-' or '.'",
                    {},
                )
            )
        return v

    @model_validator(mode="after")
    def _fits_the_audience(self) -> Scenario:
        # Counts of accounts drawn from the real users cannot exceed them (they were capped).
        users = self.audience.users
        if self.brand.initial_followers > users:
            raise ScenarioError(
                Said(
                    "brand.initial_followers = {n:,} is more than the audience's {users:,} "
                    "users; lower it or raise audience.users",
                    {"n": Count(self.brand.initial_followers), "users": Count(users)},
                )
            )
        give = self.strategies.giveaway  # type: ignore[attr-defined]  # a registry field
        if give is not None and give.entrants is not None and give.entrants > users:
            raise ScenarioError(
                Said(
                    "strategies.giveaway.entrants = {n:,} is more than the audience's "
                    "{users:,} users; lower it or raise audience.users",
                    {"n": Count(give.entrants), "users": Count(users)},
                )
            )
        return self

    @model_validator(mode="after")
    def _calendar_inside_horizon(self) -> Scenario:
        for i, entry in enumerate(self.content.calendar):  # type: ignore[attr-defined]
            if entry.day >= self.days:
                raise ScenarioError(
                    Said(
                        "content.calendar entry {n} has day {day}, but the scenario runs days "
                        "0 to {last}; move it or raise `days`",
                        {"n": i + 1, "day": entry.day, "last": self.days - 1},
                    )
                )
        return self

    @model_validator(mode="after")
    def _components_inside_horizon(self) -> Scenario:
        for cls, params in active(self):
            start, end = getattr(params, "start_day", None), getattr(params, "end_day", None)
            where = f"{cls.group}.{cls.name}" if cls.group == "strategies" else cls.name
            if start is not None and end is not None and start > end:
                raise ScenarioError(
                    Said(
                        "{where}.start_day = {start} is after {where}.end_day = {end}; the "
                        "tactic would never act: swap them",
                        {"where": where, "start": start, "end": end},
                    )
                )
            if start is not None and start >= self.days:
                raise ScenarioError(
                    Said(
                        "{where}.start_day = {start} is after the run (days 0 to {last}); move "
                        "it or raise `days`",
                        {"where": where, "start": start, "last": self.days - 1},
                    )
                )
            why = cls.idle(params)
            if why:
                raise ScenarioError(why)
            for key, d in cls.dated(params):
                if d >= self.days:
                    raise ScenarioError(
                        Said(
                            "{key} has day {day}, but the scenario runs days 0 to {last}; move "
                            "it or raise `days`",
                            {"key": key, "day": d, "last": self.days - 1},
                        )
                    )
        return self

    def to_dict(self) -> dict[str, Any]:
        """Plain nested dict (lists for tuples, no None tables), ready for TOML."""
        out = _drop_none(self.model_dump(mode="json"))
        for key in ("title", "title_nl", "description_nl"):  # unset client text: not written
            if not out.get(key):
                out.pop(key, None)
        return out

    def to_toml(self) -> str:
        """The resolved scenario as TOML text; loading it back gives an equal scenario."""
        import tomli_w

        return tomli_w.dumps(self.to_dict())

    def model_copy(  # type: ignore[override]  # keyword-only, and revalidated
        self, *, update: dict[str, Any] | None = None, deep: bool = False
    ) -> Scenario:
        """A copy; one with fields ``update``d no longer holds what was written (see
        :meth:`written`), since the author did not write the update."""
        copied = super().model_copy(update=update, deep=deep)
        if update:
            copied._written = None
        return copied

    def written(self) -> dict[str, Any]:
        """The scenario as its author wrote it: the keys that are not its preset's.

        A scenario loaded from a file (or resolved from a dict over its preset) keeps that
        layer as given; one built otherwise (a resolved file read back, a test's dict) gives its
        tables less every value equal to its platform preset's.
        """
        import copy

        if self._written is not None:
            return copy.deepcopy(self._written.raw)
        raw = self.to_dict()
        try:
            from sim.scenario.presets import PRESET_TABLES, load_preset

            preset = load_preset(self.platform)
        except ScenarioError:  # a platform without a preset: every value is the author's
            return raw
        for table in PRESET_TABLES:
            if isinstance(raw.get(table), dict) and isinstance(preset.get(table), dict):
                # A key the preset leaves out takes the table's default: a value equal to that
                # default is the preset's too, so another platform's preset may replace it.
                base = {**type(getattr(self, table))().model_dump(), **preset[table]}
                raw[table] = _without_equal(raw[table], base)
        return raw

    def with_overrides(self, overrides: dict[str, Any], source: str = "overrides") -> Scenario:
        """A new scenario with dotted keys replaced (``{"strategies.buy.count": 5000}``).

        The overrides apply to what the author wrote (:meth:`written`), which is then merged over
        its platform preset again; so ``{"platform": "tiktok"}`` gives the scenario a file naming
        TikTok would, not Instagram's numbers under TikTok's name.
        """
        if RESOLVE is None:  # the loader sets it when imported (sim.scenario imports it)
            raise RuntimeError("import sim.scenario before overriding a scenario")
        raw = self.written()
        for dotted, value in overrides.items():
            _set_dotted(raw, dotted, value)
        return RESOLVE(raw, source)


# How a written layer becomes a scenario (:func:`sim.scenario.loading.resolve`: merged over its
# platform preset, then validated). The loader sets it when it is imported, so that this module,
# which the loader imports, needs no import of the loader.
RESOLVE: Callable[[dict[str, Any], str], Scenario] | None = None


class _Written:
    """A scenario's written layer, held beside its fields: equal to any other (and to none), so
    two scenarios that resolve alike compare equal however they were written."""

    __slots__ = ("raw",)

    def __init__(self, raw: dict[str, Any]) -> None:
        self.raw = raw

    def __eq__(self, other: object) -> bool:
        return other is None or isinstance(other, _Written)  # None: a scenario without one

    def __hash__(self) -> int:
        return 0


def _without_equal(table: dict[str, Any], preset: dict[str, Any]) -> dict[str, Any]:
    """``table`` less the keys whose value equals ``preset``'s (tables compared key by key)."""
    out = {}
    for k, v in table.items():
        p = preset.get(k)
        if isinstance(v, dict) and isinstance(p, dict):
            rest = _without_equal(v, p)
            if rest:
                out[k] = rest
        elif k not in preset or p != v:
            out[k] = v
    return out


def validate(raw: dict[str, Any], source: str = "<scenario>", text: str | None = None) -> Scenario:
    """Validate a merged scenario dict into a :class:`Scenario` or raise ScenarioError."""
    try:
        return Scenario.model_validate(raw)
    except ValidationError as exc:
        raise ScenarioError(format_errors(exc, source, text, Scenario)) from None


def _set_dotted(raw: dict, dotted: str, value: Any) -> None:
    parts = dotted.split(".")
    node = raw
    for part in parts[:-1]:
        nxt = node.get(part)
        if nxt is None:
            nxt = node[part] = {}
        if not isinstance(nxt, dict):
            raise ScenarioError(
                Said("{dotted}: {part!r} is a value, not a table", {"dotted": dotted, "part": part})
            )
        node = nxt
    node[parts[-1]] = value


def _drop_none(d: Any) -> Any:
    if isinstance(d, dict):
        return {k: _drop_none(v) for k, v in d.items() if v is not None}
    if isinstance(d, list):  # tables inside lists too: a calendar post without an hour
        return [_drop_none(v) for v in d]
    return d
