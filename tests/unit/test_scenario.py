"""Unit tests for sim.scenario: loading, preset merging, validation messages, overrides, TOML.

Expected values come from the files themselves (the preset and scenario TOML read with tomllib),
never from the code under test. The same error cases are checked through the command line in
test_cli.py.
"""

from __future__ import annotations

import re
import tomllib
from importlib import resources
from pathlib import Path

import pytest
from pydantic import ValidationError

from sim.scenario import (
    PRESET_TABLES,
    Scenario,
    ScenarioError,
    list_presets,
    load_preset,
    load_scenario,
    resolve,
)

REPO = Path(__file__).resolve().parents[2]
SHIPPED_SCENARIOS = sorted((REPO / "scenarios").glob("*.toml"))


def _preset_file(name: str) -> dict:
    """The preset as raw TOML data, read independently of sim.scenario."""
    text = (resources.files("sim") / "presets" / f"{name}.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def _plain(value):
    """Tuples to lists, recursively, so model dumps compare with TOML data."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _num(x: int | float) -> str:
    """Regex for a number as a message may print it: 50000000, 50,000,000 or 50_000_000."""
    s = str(x)
    if isinstance(x, int) and abs(x) >= 1000:
        digits = str(abs(x))
        groups = []
        while digits:
            groups.insert(0, digits[-3:])
            digits = digits[:-3]
        s = ("-" if x < 0 else "") + "[,_ ]?".join(groups)
    else:
        s = re.escape(s)
    return r"(?<![\d.])" + s + r"(?![\d]|\.\d)"


def assert_names_range(msg: str, lo, hi) -> None:
    """The message states the allowed range [lo, hi] (">= lo ... <= hi" or "lo to hi")."""
    lo_re, hi_re = _num(lo), _num(hi)
    pattern = rf"(>=?\s*{lo_re}.*<=?\s*{hi_re})|({lo_re}\s*(to|and|-|–|\.\.)\s*{hi_re})"
    assert re.search(pattern, msg), f"allowed range {lo}..{hi} not stated in: {msg}"


# ---------------------------------------------------------------------------------------------
# Loading shipped files and merging presets
# ---------------------------------------------------------------------------------------------


def test_presets_listed():
    assert "instagram" in list_presets()


@pytest.mark.parametrize("path", SHIPPED_SCENARIOS, ids=lambda p: p.name)
def test_shipped_scenarios_load_and_override_preset(path):
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    preset = _preset_file(raw.get("platform", "instagram"))
    sc = load_scenario(path)

    assert isinstance(sc, Scenario)
    assert sc.name == path.stem
    dumped = _plain(sc.model_dump())
    # Every value the file sets is what the scenario holds.
    for table, values in raw.items():
        if isinstance(values, dict) and table != "strategies":
            for key, value in values.items():
                got = dumped[table][key]
                if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
                    # Entries of a list of tables (a calendar) hold defaults for omitted keys.
                    got = [{k: g[k] for k in v} for g, v in zip(got, value, strict=True)]
                assert got == _plain(value), f"{table}.{key}"
        elif not isinstance(values, dict):
            assert dumped[table] == values, table
    # Every preset value the file does not set comes from the preset.
    for table in PRESET_TABLES:
        for key, value in preset.get(table, {}).items():
            if key not in raw.get(table, {}):
                assert dumped[table][key] == _plain(value), f"{table}.{key} not from preset"


def test_minimal_scenario_takes_every_value_from_preset(write_scenario):
    preset = _preset_file("instagram")
    sc = load_scenario(write_scenario('platform = "instagram"\n', "minimal"))
    dumped = _plain(sc.model_dump())
    for table in PRESET_TABLES:
        for key, value in preset[table].items():
            assert dumped[table][key] == _plain(value), f"{table}.{key}"
    # Strategies are off unless the scenario names them.
    assert sc.strategies.buy is None
    assert sc.strategies.follow_for_follow is None


def test_platform_defaults_to_instagram(write_scenario):
    sc = load_scenario(write_scenario("days = 10\n"))
    assert sc.platform == "instagram"
    assert sc.feed.test_threshold == _preset_file("instagram")["feed"]["test_threshold"]


def test_override_inside_table_keeps_other_preset_values(write_scenario):
    preset = _preset_file("instagram")
    new_fraction = preset["feed"]["test_fraction"] / 2
    sc = load_scenario(write_scenario(f"[feed]\ntest_fraction = {new_fraction!r}\n"))
    assert sc.feed.test_fraction == new_fraction
    assert sc.feed.test_threshold == preset["feed"]["test_threshold"]
    assert sc.feed.explore_threshold == preset["feed"]["explore_threshold"]


def test_override_nested_table_merges_deeply(write_scenario):
    preset_sw = _preset_file("instagram")["feed"]["signal_weights"]
    new_like = preset_sw["like"] + 1.5
    sc = load_scenario(write_scenario(f"[feed.signal_weights]\nlike = {new_like!r}\n"))
    assert sc.feed.signal_weights.like == new_like
    for key in ("dwell", "comment", "share"):
        assert getattr(sc.feed.signal_weights, key) == preset_sw[key]


def test_integer_accepted_for_number_field(write_scenario):
    sc = load_scenario(write_scenario("[brand]\nquality = 1\nposts_per_week = 3\n"))
    assert sc.brand.quality == 1.0
    assert sc.brand.posts_per_week == 3.0


def test_name_defaults_to_file_stem_made_safe(write_scenario):
    assert load_scenario(write_scenario("", "plain_name")).name == "plain_name"
    assert load_scenario(write_scenario("", "my idea (v2)")).name == "my_idea__v2_"
    assert load_scenario(write_scenario('name = "given"\n', "stem")).name == "given"


def test_load_accepts_str_path(small_scenario):
    assert load_scenario(str(small_scenario)) == load_scenario(small_scenario)


def test_missing_file_is_a_scenario_error(tmp_path):
    path = tmp_path / "nope.toml"
    with pytest.raises(ScenarioError, match="nope.toml"):
        load_scenario(path)


# ---------------------------------------------------------------------------------------------
# Error messages
# ---------------------------------------------------------------------------------------------


def _error(write_scenario, text: str) -> tuple[str, Path]:
    path = write_scenario(text, "bad")
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    return str(info.value), path


def test_toml_syntax_error_names_file_and_line(write_scenario):
    msg, path = _error(write_scenario, "days = 30\n\n[audience]\nusers = = 3000\n")
    assert str(path) in msg
    assert re.search(r"\bline 4\b", msg), msg


@pytest.mark.parametrize(
    ("text", "key", "table", "suggestion", "line"),
    [
        ("days = 30\ndayz = 30\n", "dayz", "top level", "days", 2),
        (
            "[audience]\nusers = 2000\nmean_folows = 20\n",
            "mean_folows",
            "[audience]",
            "mean_follows",
            3,
        ),
        (
            "[brand]\nquality = 0.5\n[feed.signal_weights]\nlikes = 2.0\n",
            "likes",
            "[feed.signal_weights]",
            "like",
            4,
        ),
        ("[strategies.buy]\ncount = 10\ncuont = 10\n", "cuont", "[strategies.buy]", "count", 3),
        ("[strategies.by]\ncount = 10\n", "by", "[strategies]", "buy", None),
        ("[behavior]\nlike = 0.3\n", "behavior", "top level", "behaviour", None),
    ],
    ids=["top", "audience", "signal_weights", "buy", "strategy_table", "spelling"],
)
def test_unknown_key_names_key_table_and_closest(
    write_scenario, text, key, table, suggestion, line
):
    msg, path = _error(write_scenario, text)
    assert str(path) in msg
    assert f"'{key}'" in msg
    assert table in msg
    assert re.search(rf"did you mean '{suggestion}'", msg), msg
    if line is not None:
        assert re.search(rf"\bline {line}\b", msg), msg


@pytest.mark.parametrize(
    ("text", "dotted", "shown", "lo", "hi"),
    [
        ('[audience]\nusers = "many"\n', "audience.users", "'many'", 100, 50_000_000),
        ("[audience]\nusers = 2000.5\n", "audience.users", "2000.5", 100, 50_000_000),
        ("[brand]\nquality = true\n", "brand.quality", "true", 0, 1),
        ('days = "ten"\n', "days", "'ten'", 1, 3650),
    ],
    ids=["str_for_int", "float_for_int", "bool_for_number", "str_for_days"],
)
def test_wrong_type_names_key_value_and_range(write_scenario, text, dotted, shown, lo, hi):
    msg, path = _error(write_scenario, text)
    assert str(path) in msg
    assert dotted in msg
    assert shown in msg
    assert_names_range(msg, lo, hi)


@pytest.mark.parametrize(
    ("text", "dotted", "shown", "lo", "hi", "line"),
    [
        (
            "days = 30\n[brand]\nquality = 0.5\n[audience]\nusers = 10\n",
            "audience.users",
            "10",
            100,
            50_000_000,
            5,
        ),
        ("[brand]\nquality = 1.5\n", "brand.quality", "1.5", 0, 1, 2),
        ("days = 0\n", "days", "0", 1, 3650, 1),
        ("seed = -1\n", "seed", "-1", 0, 2**63 - 1, 1),
        ("[behaviour]\nactivity_mean = 1.0\n", "behaviour.activity_mean", "1.0", 0.0, 1.0, 2),
        ("[strategies.buy]\ncount = -5\n", "strategies.buy.count", "-5", 0, 50_000_000, 2),
        ("audience = { users = 10 }\n", "audience.users", "10", 100, 50_000_000, 1),
        ("audience.users = 10\n", "audience.users", "10", 100, 50_000_000, 1),
    ],
    ids=["users", "quality", "days", "seed", "open_bound", "buy_count", "inline", "dotted_key"],
)
def test_out_of_range_names_key_value_range_and_line(
    write_scenario, text, dotted, shown, lo, hi, line
):
    msg, path = _error(write_scenario, text)
    assert str(path) in msg
    assert f"{dotted} = {shown}" in msg
    assert_names_range(msg, lo, hi)
    assert re.search(rf"\bline {line}\b", msg), msg


def test_nan_is_out_of_range(write_scenario):
    msg, _ = _error(write_scenario, "[brand]\nquality = nan\n")
    assert "brand.quality" in msg
    assert "nan" in msg


def test_bad_list_item_names_key_item_and_range(write_scenario):
    msg, _ = _error(write_scenario, "[feed]\nexplore_stages = [100, -5, 1000]\n")
    assert "feed.explore_stages" in msg
    assert "-5" in msg
    assert_names_range(msg, 1, 100_000_000)


def test_table_given_a_value(write_scenario):
    msg, _ = _error(write_scenario, "feed = 3\n")
    assert "feed" in msg
    assert "table" in msg


def test_every_error_is_reported_at_once(write_scenario):
    msg, _ = _error(write_scenario, "days = 0\n[audience]\nusers = 10\nuserz = 5\n")
    assert "days = 0" in msg
    assert "audience.users = 10" in msg
    assert "'userz'" in msg


@pytest.mark.parametrize(
    ("platform", "wanted"),
    [("instagarm", "did you mean 'instagram'"), ("nosuch", "instagram")],
)
def test_unknown_platform_suggests_presets(write_scenario, platform, wanted):
    msg, path = _error(write_scenario, f'days = 30\nplatform = "{platform}"\n')
    assert str(path) in msg
    assert f"'{platform}'" in msg
    assert wanted in msg
    assert re.search(r"\bline 2\b", msg), msg


def test_platform_must_be_text(write_scenario):
    msg, _ = _error(write_scenario, "platform = 3\n")
    assert "platform" in msg
    assert "3" in msg


@pytest.mark.parametrize(
    ("text", "key", "table"),
    [("[audience]\nUsers = 2000\n", "Users", "[audience]"), ("Days = 30\n", "Days", "top level")],
    ids=["in_table", "top_level"],
)
def test_unknown_key_with_capital_letter_is_named(write_scenario, text, key, table):
    # Regression: keys starting with a capital were once dropped as if pydantic union tags.
    msg, _ = _error(write_scenario, text)
    assert f"unknown key '{key}'" in msg
    assert table in msg


def test_buy_day_out_of_range_is_rejected(write_scenario):
    # Regression: a delivery day of -1 was once accepted and the package never delivered.
    msg, _ = _error(write_scenario, "[strategies.buy]\ndays = [-1]\ncount = 100\n")
    assert "strategies.buy.days" in msg
    assert "-1" in msg
    assert_names_range(msg, 0, 3650)


def test_buy_day_after_the_last_day_is_rejected(write_scenario):
    msg, _ = _error(write_scenario, "days = 30\n[strategies.buy]\ndays = [40]\ncount = 100\n")
    assert "strategies.buy.days" in msg
    assert "40" in msg
    assert_names_range(msg, 0, 29)


# ---------------------------------------------------------------------------------------------
# The Scenario object: frozen, overrides, TOML round trip
# ---------------------------------------------------------------------------------------------


@pytest.fixture
def small(small_scenario) -> Scenario:
    return load_scenario(small_scenario)


def test_scenario_is_frozen(small):
    with pytest.raises(ValidationError):
        small.days = 10
    with pytest.raises(ValidationError):
        small.audience.users = 5000
    with pytest.raises(ValidationError):
        small.strategies.buy.count = 1
    with pytest.raises(AttributeError):
        small.feed.explore_stages.append(5)  # a tuple, not a list
    assert small.days == 30
    assert small.audience.users == 2000


def test_with_overrides_returns_new_validated_scenario(small):
    changed = small.with_overrides({"strategies.buy.count": 1000, "days": 12})
    assert changed.strategies.buy.count == 1000
    assert changed.days == 12
    # Everything else is kept, and the original is untouched.
    assert changed.strategies.buy.days == small.strategies.buy.days
    assert changed.audience == small.audience
    assert small.strategies.buy.count == 200
    assert small.days == 30


def test_with_overrides_can_switch_on_a_strategy(small):
    assert small.strategies.follow_for_follow is None
    changed = small.with_overrides({"strategies.follow_for_follow.per_day": 40})
    assert changed.strategies.follow_for_follow is not None
    assert changed.strategies.follow_for_follow.per_day == 40


@pytest.mark.parametrize(
    ("overrides", "wanted"),
    [
        ({"strategies.buy.count": -1}, ["strategies.buy.count", "-1"]),
        ({"audience.users": 50}, ["audience.users", "50"]),
        ({"brand.quality": "high"}, ["brand.quality", "'high'"]),
        ({"feed.test_fraktion": 0.1}, ["test_fraktion", "[feed]", "test_fraction"]),
    ],
    ids=["negative", "too_small", "wrong_type", "unknown_key"],
)
def test_with_overrides_revalidates(small, overrides, wanted):
    with pytest.raises(ScenarioError) as info:
        small.with_overrides(overrides)
    for text in wanted:
        assert text in str(info.value)


def test_with_overrides_range_in_message(small):
    with pytest.raises(ScenarioError) as info:
        small.with_overrides({"strategies.buy.count": -1})
    assert_names_range(str(info.value), 0, 50_000_000)


def _rich(small: Scenario) -> Scenario:
    """A scenario using every kind of field: both strategies, tuples, odd text."""
    return small.with_overrides(
        {
            "description": 'a "quoted" description — with unicode and a \\ backslash',
            "strategies.follow_for_follow.per_day": 25,
            "strategies.buy.days": [5, 20],
            "feed.explore_stages": [50, 500],
            "feed.signal_weights.share": 6.5,
            "behaviour.like": 0.1 + 0.2,  # a float with no short decimal form
        }
    )


def test_to_toml_round_trips_without_preset(small):
    sc = _rich(small)
    back = resolve(tomllib.loads(sc.to_toml()), merge_preset=False)
    assert back == sc
    assert back.behaviour.like == 0.1 + 0.2


def test_to_toml_round_trips_through_a_file(small, write_scenario):
    sc = _rich(small)
    path = write_scenario(sc.to_toml(), "resolved_copy")
    assert load_scenario(path) == sc


def test_to_toml_is_fully_resolved(small):
    data = tomllib.loads(small.to_toml())
    preset = _preset_file("instagram")
    for table in PRESET_TABLES:
        assert set(preset[table]) <= set(data[table]), table
    assert data["audience"]["users"] == 2000
    assert data["strategies"]["buy"]["count"] == 200
    assert data["platform"] == "instagram"


# ---------------------------------------------------------------------------------------------
# Presets: every number has a source
# ---------------------------------------------------------------------------------------------

PRESETS = list_presets()
_PLACEHOLDER = re.compile(r"^\s*(todo|tbd|fixme|\?+|-+|none|n/?a|source)?\s*$", re.IGNORECASE)


def _is_number(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _numeric_keys(table: str, values: dict) -> list[str]:
    """Dotted keys of every numeric value (a number, a list of numbers, a table of numbers)."""
    keys = []
    for key, v in values.items():
        if _is_number(v) or (isinstance(v, list) and v and all(map(_is_number, v))):
            keys.append(f"{table}.{key}")
        elif isinstance(v, dict):
            keys.append(f"{table}.{key}")
    return keys


def _cites(source: str) -> bool:
    """A citation names a who (a capitalised name) and is specific (a year, a figure, a title)."""
    return (
        len(source.split()) >= 3
        and bool(re.search(r"\b[A-Z][A-Za-z]+", source))
        and bool(re.search(r"\d|et al|https?://|\.md\b", source))
    )


@pytest.mark.parametrize("name", PRESETS)
def test_preset_every_number_has_a_source(name):
    preset = _preset_file(name)
    sources = preset.get("sources", {})
    missing = []
    for table in PRESET_TABLES:
        for dotted in _numeric_keys(table, preset.get(table, {})):
            sub = preset[table][dotted.split(".", 1)[1]]
            # A table of numbers may be sourced as a whole or key by key.
            if dotted in sources:
                continue
            if isinstance(sub, dict) and all(f"{dotted}.{k}" in sources for k in sub):
                continue
            missing.append(dotted)
    assert not missing, f"{name}: no [sources] entry for {missing}"


@pytest.mark.parametrize("name", PRESETS)
def test_preset_sources_cite_or_say_assumption(name):
    sources = _preset_file(name).get("sources", {})
    assert sources, f"{name} has no [sources] table"
    weak = {
        key: src
        for key, src in sources.items()
        if not isinstance(src, str)
        or _PLACEHOLDER.match(src)
        or not ("assumption" in src.lower() or _cites(src))
    }
    assert not weak, f"{name}: sources that neither cite nor say 'assumption': {weak}"


@pytest.mark.parametrize("name", PRESETS)
def test_preset_sources_refer_to_real_values(name):
    preset = _preset_file(name)
    for key in preset.get("sources", {}):
        table, _, rest = key.partition(".")
        node = preset.get(table)
        for part in rest.split("."):
            assert isinstance(node, dict) and part in node, f"{name}: source for unknown {key!r}"
            node = node[part]


@pytest.mark.parametrize("name", PRESETS)
def test_preset_alone_is_a_valid_scenario(name):
    sc = resolve({"platform": name})
    assert sc.platform == name
    assert load_preset(name) == _preset_file(name)


def test_unknown_preset_suggests_closest():
    with pytest.raises(ScenarioError, match="did you mean 'instagram'"):
        load_preset("instagramm")
