"""Every lever's cost model: a source or the word assumption, a budget known before the run, and
a run that charges what the budget planned where nothing in the run is left to chance."""

import re
from pathlib import Path

import pytest

from sim import registry
from sim.engine.runner import run
from sim.scenario import ScenarioError, resolve
from sim.studies.plan.costs import COST_MODELS, Production, cost_model, scenario_budget

SOURCES = (Path(__file__).parents[2] / "docs" / "sources.md").read_text(encoding="utf-8")
BASE = {
    "name": "c",
    "days": 40,
    "audience": {"users": 3000},
    "brand": {"initial_followers": 300, "posts_per_week": 7, "quality": 0.7},
}


def scenario(**strategies):
    return resolve({**BASE, "strategies": strategies})


def test_every_cost_model_names_a_source_listed_in_sources_or_says_assumption():
    texts = [cls.cost_model for cls in registry.COMPONENTS if cls.costs or cls.cost_model]
    texts += [en for en, _ in COST_MODELS.values()]
    assert texts and all(texts)
    for text in texts:
        cited = re.findall(r"(Influencer Marketing Hub|The New York Times)", text)
        assert "assumption" in text or cited, text
        for name in cited:
            assert name in SOURCES, f"{name} is cited but not in docs/sources.md"


def test_every_cost_model_has_its_dutch_words_with_the_same_source_or_assumption():
    for cls in registry.COMPONENTS:
        if not cls.cost_model:
            continue
        en, nl = cost_model(cls.name, "en"), cost_model(cls.name, "nl")
        assert nl and nl != en, cls.name
        assert ("aanname" in nl) == ("assumption" in en), cls.name
        for name in ("Influencer Marketing Hub", "New York Times"):
            assert (name in nl) == (name in en), (cls.name, name)
        # No English left in the Dutch (a few words a Dutch client must never read).
        assert not {"the", "per share", "hours", "assumption"} & set(nl.split()), nl
    for lever, (en, nl) in COST_MODELS.items():
        assert cost_model(lever, "nl") == nl and ("aanname" in nl) == ("assumption" in en)


def test_the_influencer_rate_is_cited_with_its_publisher_title_and_what_was_taken():
    row = next(
        line for line in SOURCES.splitlines() if line.startswith("| Influencer Marketing Hub")
    )
    cells = [c.strip() for c in row.strip("|").split("|")]
    assert len(cells) == 4 and cells[1] and cells[2]  # publisher, title, year, what was taken
    assert "$100" in cells[3] and "€150" in cells[3] and "assumption" in cells[3]
    from sim.tactics.influencer import TIER_FEES

    assert TIER_FEES == {"micro": 150.0, "macro": 5000.0}


def test_a_tactic_that_charges_declares_a_cost_model():
    charging = [
        cls
        for cls in registry.COMPONENTS
        if cls.group == "strategies" and (cls.costs or cls.name == "boost")
    ]
    assert len(charging) >= 7
    for cls in charging:
        assert cls.cost_model, cls.name


def test_influencer_fee_follows_its_tier_unless_written():
    macro = scenario(influencer={"days": [5, 20], "tier": "macro"})
    assert macro.strategies.influencer.fee == 5000.0
    assert scenario_budget(macro)["influencer"] == 2 * 5000.0
    assert scenario(influencer={"days": [5]}).strategies.influencer.fee == 150.0
    written = scenario(influencer={"days": [5], "tier": "macro", "fee": 800.0})
    assert scenario_budget(written)["influencer"] == 800.0


def test_budget_lists_the_brands_own_work_as_hours_at_a_rate():
    sc = scenario()
    p = Production(hourly_rate=50.0, hours_per_post=2.0, hours_per_quality_step=1.0)
    b = scenario_budget(sc, p)
    posts = 7 * 40 / 7
    assert b["posts"] == pytest.approx(posts * 2.0 * 50.0)
    assert b["content"] == pytest.approx(posts * 2 * 1.0 * 50.0)  # 0.7 is two steps above 0.5
    assert "replies" not in b  # the brand answers no comments by default


@pytest.mark.parametrize(
    "strategies, key",
    [
        (
            {
                "giveaway": {
                    "days": [5],
                    "entrants": 400,
                    "prize_cost": 150.0,
                    "cost_per_entrant": 0.25,
                }
            },
            "giveaway",
        ),
        ({"community": {"open_day": 10, "hours_per_week": 3.5, "hourly_rate": 30.0}}, "community"),
        ({"buy": {"days": [3, 12], "count": 500, "price_per_1000": 9.0}}, "buy"),
    ],
)
def test_a_run_charges_exactly_what_the_budget_planned(strategies, key):
    sc = scenario(**strategies)
    planned = scenario_budget(sc)[key]
    assert planned > 0
    assert run(sc, seed=1).days["cost"].sum() == pytest.approx(planned)


def test_staff_time_is_charged_per_share_made():
    sc = scenario(employee_advocacy={"staff": 20, "minutes_per_share": 6.0, "hourly_rate": 40.0})
    d = run(sc, seed=3).days
    assert d["cost"].sum() == pytest.approx(d["staff_shares"].sum() * 4.0)
    # The plan expects staff × chance × posts; the run's shares scatter around it.
    assert scenario_budget(sc)["employee_advocacy"] == pytest.approx(20 * 0.5 * 40 * 4.0)
    assert d["cost"].sum() == pytest.approx(20 * 0.5 * 40 * 4.0, rel=0.1)


def test_cost_model_words_in_both_languages_and_a_clear_error_for_an_unknown_lever():
    assert "uurtarief" in cost_model("posts", "nl")
    assert "Influencer Marketing Hub" in cost_model("influencer")
    with pytest.raises(KeyError, match="no lever"):
        cost_model("telepathy")
    with pytest.raises(ScenarioError):
        scenario(giveaway={"days": [5], "entrants": 10, "cost_per_entrant": -1.0})
