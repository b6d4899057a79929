"""The dashboard's what-if without a browser: levers to scenario keys, the runs, the saved file."""

from __future__ import annotations

import pytest

from sim.dashboard import whatif as wi
from sim.dashboard.text import t
from sim.scenario import load_scenario, resolve

SEEDS = [0, 1]


@pytest.fixture(scope="module")
def base():
    return resolve({"name": "shop", "days": 40, "seed": 1, "audience": {"users": 3000},
                    "brand": {"initial_followers": 200}}, source="test")


def test_unchanged_levers_change_nothing(base):
    assert wi.overrides(base, wi.levers_of(base)) == {}
    assert wi.overrides(base, wi.Levers()) == {}


def test_each_lever_sets_its_keys(base):
    lv = wi.levers_of(base).with_(buy=True, buy_count=2_000, follow_for_follow=True,
                                  giveaway=True, influencer=True, posts_per_week=3.0,
                                  rhythm="erratic", hour=20, reply_share=0.5,
                                  mix={**wi.levers_of(base).mix, "question": 0.3})
    ov = wi.overrides(base, lv)
    assert ov["strategies.buy.count"] == 2_000 and ov["strategies.buy.days"] == [30]
    assert ov["strategies.follow_for_follow.per_day"] == 200
    assert ov["strategies.follow_for_follow.end_day"] == 39  # cut to the run's last day
    assert ov["strategies.giveaway.entrants"] == 3_000
    assert ov["strategies.influencer.days"] == [30]
    assert (ov["brand.posts_per_week"], ov["brand.rhythm"], ov["brand.hour"],
            ov["brand.reply_share"], ov["content.question"]) == (3.0, "erratic", 20, 0.5, 0.3)
    sc = wi.whatif_scenario(base, lv)  # a valid scenario
    assert sc.strategies.giveaway is not None and sc.name == "shop-whatif"


def test_a_short_run_moves_tactic_days_inside_it():
    short = resolve({"days": 20, "audience": {"users": 500}, "brand": {"initial_followers": 50}},
                    source="test")
    assert wi.overrides(short, wi.Levers(buy=True))["strategies.buy.days"] == [2]


def test_buying_followers_shows_in_the_figures(base):
    baseline = wi.run_arm(base, SEEDS)
    bought = wi.run_arm(wi.whatif_scenario(base, wi.Levers(buy=True, buy_count=2_000)), SEEDS)
    table = wi.figures_table(baseline, bought).set_index("figure")
    # Fakes bring no real followers and cost money: the net result falls.
    assert table.loc["net_revenue", "difference"] < 0
    assert table.loc["real_followers_end", "whatif"] <= table.loc["real_followers_end",
                                                                  "baseline"] + 5
    # The same figures as a report of these runs shows: the catalogue's, medians over seeds.
    t = wi.presented_table(baseline, bought)
    for name in wi.FIGURES:
        assert table.loc[name, "whatif"] == t.value("whatif", name)
    assert "simulated runs" in wi.verdict_text(baseline, bought, "en")
    assert all(bought.days[s]["followers_bought"].iloc[-1] > 0 for s in SEEDS)


def test_saved_whatif_reproduces_the_figures_and_never_overwrites(base, tmp_path):
    lv = wi.Levers(posts_per_week=3.0)
    baseline = wi.run_arm(base, SEEDS)
    arm = wi.run_arm(wi.whatif_scenario(base, lv), SEEDS)
    paths = wi.save_whatif(base, lv, baseline, arm, tmp_path / "w", lang="nl")
    again = wi.run_arm(load_scenario(paths["scenario"]), SEEDS)
    for name in wi.FIGURES:
        assert again.figure(name) == arm.figure(name)
    report = paths["report"].read_text(encoding="utf-8")
    assert "echt bereik per post" in report
    assert wi.format_figure("real_reach_per_post", arm.figure("real_reach_per_post"),
                            "nl") in report
    with pytest.raises(FileExistsError):
        wi.save_whatif(base, lv, baseline, arm, tmp_path / "w")


def test_figures_are_written_the_same_way_everywhere():
    from sim import l10n

    assert wi.format_figure("net_revenue", -86.4) == l10n.money(-86.4, "en") == "-€86"
    assert wi.format_figure("net_revenue", 1234.0, "nl") == l10n.money(1234.0, "nl")
    assert wi.format_figure("conversation", 2.75) == "2.75"
    assert wi.format_figure("purchases", float("nan")) == "–"


def test_chart_shows_kaushiks_four_as_shares_of_the_baseline(base):
    from sim.charts.whatif import KAUSHIK, whatif_figure

    baseline = wi.run_arm(base, SEEDS)
    arm = wi.run_arm(wi.whatif_scenario(base, wi.Levers(posts_per_week=2.0)), SEEDS)
    fig = whatif_figure(baseline, arm, lambda s: t(s, "nl"))
    bars = fig.axes[2].patches
    assert len(bars) == 4
    for bar, (col, _) in zip(bars, KAUSHIK, strict=True):
        b = sum(d[col].mean() for d in baseline.days.values()) / len(SEEDS)
        w = sum(d[col].mean() for d in arm.days.values()) / len(SEEDS)
        assert bar.get_height() == pytest.approx(100 * w / b)
    assert fig.axes[0].get_title(loc="left") == "Volgers naar herkomst"
