"""The report's assumptions page without a sensitivity study: the preset's assumed values and
those of the traits the scenario switches on, grouped by topic in the reader's words."""

from __future__ import annotations

from sim.present.report.assumption_text import assumption_rows
from sim.present.report.assumptions import from_preset
from sim.scenario import resolve


def _scenario(**extra):
    return resolve({"platform": "instagram", "days": 30, **extra}, source="assumptions test")


def test_the_close_ties_are_on_the_page_with_the_values_the_scenario_uses():
    a = from_preset(_scenario(close_ties={"count": 40}), "instagram")
    rows = a.table.set_index("key")
    assert rows.loc["close_ties.count", "value"] == 40
    assert rows.loc["close_ties.interest", "value"] == 0.9
    assert "Dunbar" in rows.loc["close_ties.count", "source"]
    en = {r[0]: r[2] for r in assumption_rows(a, "en")[1:]}
    nl = {r[0]: r[2] for r in assumption_rows(a, "nl")[1:]}
    assert en["The owner's own people among the followers"] == "2"
    assert nl["De eigen kring onder de volgers"] == "2"


def test_a_trait_switched_off_leaves_the_page():
    a = from_preset(_scenario(close_ties={"count": 0}), "instagram")
    assert not a.table["key"].str.startswith("close_ties.").any()
    # A trait the scenario switches on that is off by default joins it.
    on = from_preset(_scenario(unique_value={"distinctness": 0.5}), "instagram")
    assert {"unique_value.distinctness", "unique_value.redundant"} <= set(on.table["key"])
