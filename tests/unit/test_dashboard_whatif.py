"""The dashboard's what-ifs without a browser: levers to scenario keys, budgets, the runs, the
saved files and the exported comparison folder."""

from __future__ import annotations

import pytest

from sim.dashboard import saving
from sim.dashboard import whatif as wi
from sim.scenario import load_scenario, resolve

SEEDS = [0, 1]


@pytest.fixture(scope="module")
def base():
    return resolve(
        {
            "name": "shop",
            "days": 40,
            "seed": 1,
            "audience": {"users": 3000},
            "brand": {"initial_followers": 200},
        },
        source="test",
    )


@pytest.fixture(scope="module")
def session(base):
    plans = [
        wi.Plan(
            wi.levers_of(base).with_(
                giveaway=True, giveaway_entrants=1_000, giveaway_prize=150.0, giveaway_day=10
            )
        ),
        wi.Plan(wi.levers_of(base).with_(buy=True, buy_count=2_000, buy_day=5), "Buy 2k"),
    ]
    return wi.run_session(base, plans, SEEDS)


def test_unchanged_levers_change_nothing(base):
    assert wi.overrides(base, wi.levers_of(base)) == {}
    assert wi.overrides(base, wi.Levers()) == {}


def test_each_lever_sets_its_keys(base):
    lv = wi.levers_of(base).with_(
        buy=True,
        buy_count=2_000,
        buy_day=12,
        follow_for_follow=True,
        giveaway=True,
        giveaway_entrants=500,
        giveaway_prize=80.0,
        giveaway_day=20,
        influencer=True,
        influencer_tier="macro",
        influencer_every=7,
        posts_per_week=3.0,
        rhythm="erratic",
        hour=20,
        reply_share=0.5,
        mix={**wi.levers_of(base).mix, "question": 0.3},
    )
    ov = wi.overrides(base, lv)
    assert ov["strategies.buy.count"] == 2_000 and ov["strategies.buy.days"] == [12]
    assert ov["strategies.follow_for_follow.per_day"] == 200
    assert ov["strategies.follow_for_follow.end_day"] == 39  # cut to the run's last day
    assert ov["strategies.giveaway.entrants"] == 500 and ov["strategies.giveaway.days"] == [20]
    assert ov["strategies.giveaway.prize_cost"] == 80.0
    assert ov["strategies.influencer.days"] == [30, 37]  # every 7 days from day 30, inside 40
    assert ov["strategies.influencer.tier"] == "macro"
    assert (
        ov["brand.posts_per_week"],
        ov["brand.rhythm"],
        ov["brand.hour"],
        ov["brand.reply_share"],
        ov["content.question"],
    ) == (3.0, "erratic", 20, 0.5, 0.3)
    sc = wi.whatif_scenario(base, lv, "Everything at once")
    assert sc.strategies.giveaway is not None and sc.name == "Everything_at_once"
    assert sc.title == "Everything at once (what-if)"
    assert sc.title_nl == "Everything at once (wat-als)"


def test_a_plan_without_a_name_is_titled_by_its_levers(base):
    sc = wi.whatif_scenario(base, wi.Levers(giveaway=True))
    assert sc.title == "Giveaway on day 30 (3,000 entrants, €200 prize) (what-if)"
    assert sc.title_nl == "Winactie op dag 30 (3.000 deelnemers, prijs €\xa0200) (wat-als)"
    assert "organic" not in sc.description


def test_a_short_run_moves_tactic_days_inside_it():
    short = resolve(
        {"days": 20, "audience": {"users": 500}, "brand": {"initial_followers": 50}}, source="test"
    )
    assert wi.overrides(short, wi.Levers(buy=True))["strategies.buy.days"] == [2]


def test_the_budget_shown_is_what_the_run_spends(base, session):
    # The budget comes from the tactics' declared costs before anything runs; the runs record
    # what each tactic actually paid. They must agree.
    for arm in session.arms:
        planned = sum(wi.budget(arm.scenario).values())
        for d in arm.days.values():
            assert d["cumulative_cost"].iloc[-1] == pytest.approx(planned)
    assert wi.budget(session.arms[0].scenario) == {"giveaway": 150.0}
    assert wi.budget(session.arms[1].scenario) == {"buy": pytest.approx(2_000 * 9.0 / 1000)}
    monthly = wi.whatif_scenario(base, wi.Levers(influencer=True, influencer_every=5))
    assert wi.budget(monthly) == {"influencer": 150.0 * 2}  # days 30 and 35


def test_buying_followers_shows_in_the_figures(base, session):
    table = session.table("en")
    assert table.groups == ["baseline", session.labels("en")[0], "Buy 2k"]
    # Fakes bring no real followers and cost money: the net result falls.
    assert table.value("Buy 2k", "net_vs_baseline") < 0
    assert (
        table.value("Buy 2k", "real_followers_end")
        <= table.value("baseline", "real_followers_end") + 5
    )
    assert all(session.arms[1].days[s]["followers_bought"].iloc[-1] > 0 for s in SEEDS)
    verdicts = session.verdicts("nl")
    assert verdicts[1].startswith("Buy 2k:") and "ten opzichte van de nulmeting" in verdicts[1]


def test_saved_whatif_reproduces_the_figures_and_never_overwrites(base, session, tmp_path):
    plan, arm = session.plans[0], session.arms[0]
    paths = saving.save_whatif(base, plan, session.baseline, arm, tmp_path, lang="nl")
    sc = load_scenario(paths["scenario"])
    assert sc.title_nl.startswith("Winactie op dag 10")
    again = wi._run_seeds(sc, SEEDS)  # not from the kept arms: a fresh run
    for name in wi.FIGURES:
        if name != "net_vs_baseline":  # a figure against a baseline: none in a single arm
            assert again.figure(name) == arm.figure(name)
    report = paths["report"].read_text(encoding="utf-8")
    assert "echt bereik per post" in report
    assert (
        wi.format_figure("real_reach_per_post", arm.figure("real_reach_per_post"), "nl") in report
    )
    second = saving.save_whatif(base, plan, session.baseline, arm, tmp_path, lang="nl")
    assert second["scenario"] != paths["scenario"] and paths["scenario"].exists()
    assert load_scenario(second["scenario"]).to_toml() == sc.to_toml()


def test_figures_are_written_the_same_way_everywhere():
    from sim.base import l10n

    assert wi.format_figure("net_revenue", -86.4) == l10n.money(-86.4, "en") == "-€86"
    assert wi.format_figure("net_revenue", 1234.0, "nl") == l10n.money(1234.0, "nl")
    assert wi.format_figure("conversation", 2.75) == "2.75"
    assert wi.format_figure("purchases", float("nan")) == "–"


def test_chart_shows_kaushiks_four_as_shares_of_the_baseline(session):
    from matplotlib.figure import Figure

    from sim.present.charts.whatif import KAUSHIK, session_figure

    fig = session_figure(session, "nl")
    assert type(fig) is Figure  # not pyplot's: nothing keeps it alive after the page drops it
    bars = fig.axes[2].patches
    assert len(bars) == 4 * 2  # four metrics, two what-ifs
    for bar, (col, _) in zip(bars[:4], KAUSHIK, strict=True):
        b = sum(d[col].mean() for d in session.baseline.days.values()) / len(SEEDS)
        w = sum(d[col].mean() for d in session.arms[0].days.values()) / len(SEEDS)
        assert bar.get_height() == pytest.approx(100 * w / b)
    assert fig.axes[3].get_title(loc="left") == "Netto euro's ten opzichte van de nulmeting"
    # Two runs: no band (a 5-95% band of two runs means nothing), each run drawn thin.
    assert not fig.axes[1].collections
    fig.canvas.draw()
    ticks = [t.get_text() for t in fig.axes[3].get_yticklabels()]
    assert any(text.startswith("€") for text in ticks)
    assert any(text.endswith("%") for text in [t.get_text() for t in fig.axes[2].get_yticklabels()])


def test_an_arm_holds_each_runs_own_day_table_and_figures(base, session):
    """The arm's day tables (built from the recorder's columns) and figures are those of the
    run itself, value for value and type for type, for a purchase (NaN, costs) and a giveaway."""
    import math

    import pandas as pd

    from sim.engine.runner import run

    for arm in session.arms:
        for s in SEEDS:
            r = run(arm.scenario, seed=s)
            pd.testing.assert_frame_equal(arm.days[s], r.days, check_exact=True)
            figures = r.summary()
            assert arm.figures[s].keys() == figures.keys()
            for name, v in figures.items():
                got = arm.figures[s][name]
                assert type(got) is type(v), name
                assert got == v or (math.isnan(got) and math.isnan(v)), name
