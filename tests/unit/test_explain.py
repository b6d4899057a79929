"""`feedsim explain` without running a simulation: the attribution, the channels and the plan."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from sim.scenario import ScenarioError, resolve
from sim.studies.explain import channels as ch
from sim.studies.explain import run as ex
from sim.studies.explain.shapley import attribute, shapley


def test_shapley_recovers_known_contributions_and_sums_exactly():
    # v(S) = 5 + 3*[a] - 2*[b] + 4*[a and c]: a additive 3 and the a-c interaction split evenly.
    def v(m):
        a, b, c = bool(m & 1), bool(m & 2), bool(m & 4)
        return 5 + 3 * a - 2 * b + 4 * (a and c)

    out = attribute(["a", "b", "c"], v)
    assert out["a"] == pytest.approx(5.0) and out["b"] == pytest.approx(-2.0)
    assert out["c"] == pytest.approx(2.0)
    assert out["rest"] == 5 and out["total"] == 10
    assert out["rest"] + out["a"] + out["b"] + out["c"] == pytest.approx(out["total"])


def test_symmetric_channels_share_equally_and_a_dummy_gets_zero():
    rng = np.random.default_rng(0)
    table = rng.normal(size=16)  # any value of the others: symmetric in bits 0 and 1

    def v(m):
        both = (m & 1) + ((m >> 1) & 1)  # only how many of channels 0, 1 are on matters
        return table[both * 2 + ((m >> 2) & 1)]  # channel 3 (bit 3) is never read: a dummy

    phi = shapley(4, v)
    assert phi[0] == pytest.approx(phi[1])
    assert phi[3] == 0.0
    assert sum(phi) + v(0) == pytest.approx(v(15))


def test_shapley_works_per_seed_on_arrays():
    g = np.arange(8 * 3, dtype=float).reshape(8, 3) ** 1.5
    out = attribute(["x", "y", "z"], lambda m: g[m])
    parts = out["x"] + out["y"] + out["z"] + out["rest"]
    np.testing.assert_allclose(parts, g[7])


@pytest.fixture(scope="module")
def pair():
    tactic = resolve({"name": "bought", "days": 60, "strategies": {"buy": {"count": 100}}})
    organic = resolve({"name": "organic", "days": 60})
    return tactic, organic


def test_each_channel_sets_its_own_switch(pair):
    tactic, _ = pair
    off = {c.name: c.off(tactic) for c in ch.CHANNELS}
    assert off["dilution"] == {"feed.test_score": "per_view"}
    assert off["purges"] == {"purge.days": [], "purge.every_days": 0, "purge.daily_rate": 0.0}
    assert off["discovery"] == {"discovery.enabled": False}
    assert off["spend"] == {"strategies.buy.price_per_1000": 0.0}
    # Every switch gives a valid scenario that is really switched off.
    sc = tactic.with_overrides({k: v for o in off.values() for k, v in o.items()})
    assert sc.feed.test_score == "per_view" and not sc.discovery.enabled
    assert sc.purge.every_days == 0 and sc.strategies.buy.price_per_1000 == 0.0


def test_channels_neither_scenario_uses_are_zero_and_say_why(pair):
    tactic, organic = pair
    on, zero = ch.applicable(tactic, organic)
    # 60 days: the Instagram preset's purge every 180 days never comes.
    assert [c.name for c in on] == ["dilution", "discovery", "spend"]
    assert "neither scenario purges" in zero["purges"]
    # The organic shop pays for nothing: switching spend off leaves it as it is.
    assert ch.BY_NAME["spend"].off(organic) == {}


def test_combination_points_switch_off_exactly_the_clear_bits(pair):
    tactic, _ = pair
    p = ex.plan(tactic, pair[1], seeds=[0, 1])
    points = p.points("tactic")
    assert p.combinations == len(points) == 8 and p.runs == 32
    assert points[0]["feed.test_score"] == "per_view" and points[0]["discovery.enabled"] is False
    assert points[7] == {
        "feed.test_score": "per_delivery",
        "discovery.enabled": True,
        "strategies.buy.price_per_1000": 9.0,
    }  # all on: the arm itself
    assert points[1]["feed.test_score"] == "per_delivery"  # bit 0 (dilution) on
    assert points[1]["discovery.enabled"] is False
    assert all(
        p.points("baseline")[m].keys() == {"feed.test_score", "discovery.enabled"} for m in range(8)
    )


def test_the_plan_refuses_unknown_metrics_and_channels(pair):
    with pytest.raises(ScenarioError, match="not a run figure"):
        ex.plan(*pair, metrics=["reach"])
    with pytest.raises(ScenarioError, match="channel 'dilutoin'"):
        ex.plan(*pair, channels=("dilutoin",))


def test_analyse_adds_up_to_the_gap_per_metric(pair):
    p = ex.plan(*pair, seeds=[0, 1, 2], metrics=["purchases"])
    rng = np.random.default_rng(1)
    frames = {}
    for arm in ex.ARMS:
        frames[arm] = pd.DataFrame(
            [
                {"point_index": m, "seed": s, "purchases": rng.normal()}
                for m in range(p.combinations)
                for s in p.seeds
            ]
        )
    table = ex.analyse(p, frames).set_index("channel")
    parts = table.drop(index="total")["mean"].sum()
    assert parts == pytest.approx(table.loc["total", "mean"])
    assert table.loc["purges", "mean"] == 0 and not table.loc["purges", "applies"]


def test_the_waterfall_headline_comes_from_the_bars_drawn():
    from sim.present.charts.explain import drawn_rows, waterfall_headline

    rows = pd.DataFrame(
        {
            "metric": "mean_real_reach_per_post",
            "channel": ["dilution", "purges", "discovery", "spend", "rest", "total"],
            "label": [
                "test dilution",
                "purges",
                "discovery and trust",
                "spend",
                "the rest",
                "total gap",
            ],
            "mean": [-80.0, 0.0, -5.0, 0.0, -15.0, -100.0],
            "applies": [True, False, True, True, True, True],
        }
    )
    drawn = drawn_rows(rows)
    assert list(drawn["channel"]) == ["dilution", "discovery", "spend", "rest", "total"]
    text = waterfall_headline(drawn, "bought", "organic")
    assert text.startswith("Where the loss comes from: real reach per post, bought − organic")
    # The same minus as every other surface's (the one formatter, sim.base.l10n).
    assert "-100" in text and "−100" not in text and "test dilution carries 80% of it" in text
    # In Dutch: its words, and a figure under 10 written the Dutch way (it once read "−0.75").
    rows["mean"] = [-0.6, 0.0, -0.05, 0.0, -0.1, -0.75]
    nl = waterfall_headline(drawn_rows(rows), "bought", "organic", "nl")
    assert nl == (
        "Echt bereik per post: de tactiek tegenover de nulmeting = -0,75; daarvan komt 80% door "
        "verdunning van de test"
    )


def test_the_reports_sentences_give_the_terminals_figures_in_either_language():
    # A gap of 8 followers once read "-8,00" in Dutch where the English terminal said "−8", and
    # "uitgaven verklaart" did not agree with its plural subject.
    from sim.base.l10n import figure_value
    from sim.present.report.study_words import explain_sentences
    from sim.studies.explain.report import CHANNEL_LABELS

    def rows(metric, parts):
        return pd.DataFrame(
            [
                {"metric": metric, "channel": c, "label": CHANNEL_LABELS[c], "mean": v}
                for c, v in parts.items()
            ]
        )

    table = pd.concat(
        [
            rows("followers_real_end", {"discovery": -4.75, "rest": -3.25, "total": -8.0}),
            rows("purchases", {"dilution": 0.0, "total": 0.0}),
            rows("mean_real_reach_per_post", {"dilution": -0.5, "rest": -0.25, "total": -0.75}),
            rows("net_revenue", {"spend": -45.0, "rest": -2.25, "total": -47.25}),
        ],
        ignore_index=True,
    )
    en, nl = explain_sentences(table, "en"), explain_sentences(table, "nl")
    assert nl[0] == (
        "Echte volgers aan het eind: de tactiek wijkt -8 af van de nulmeting; daarvan komt 59% "
        "door ontdekking en vertrouwen."
    )
    assert nl[1] == "Aankopen: de tactiek wijkt 0 af van de nulmeting."
    assert "wijkt -0,75 af" in nl[2] and "daarvan komt 67% door verdunning van de test" in nl[2]
    assert "daarvan komt 95% door uitgaven" in nl[3]
    # The same figures as the study's own English summary, written alike.
    for metric, gap, sentence in zip(
        ["followers_real_end", "purchases", "mean_real_reach_per_post"],
        [-8.0, 0.0, -0.75],
        en,
        strict=False,
    ):
        assert f"by {figure_value(metric, gap, 'en', sign=True)}" in sentence, sentence


def test_a_figure_the_tactic_does_not_move_gets_a_plain_scale(tmp_path, monkeypatch):
    # Purchases moved by nothing but rounding (1e-17) were drawn on an axis "×1e−17".
    from sim.present.charts import explain as chart

    kept = {}
    monkeypatch.setattr(chart, "save_figure", lambda fig, out: kept.setdefault("fig", fig))
    rows = pd.DataFrame(
        {
            "metric": "purchases",
            "channel": ["dilution", "rest", "total"],
            "label": ["test dilution", "the rest", "total gap"],
            "mean": [-1.4e-17, 1.4e-17, 0.0],
            "p5": [-2e-17, 0.0, 0.0],
            "p95": [0.0, 2e-17, 0.0],
            "share": [0.0, 0.0, 1.0],
            "applies": True,
            "note": "",
            "seeds": 2,
        }
    )
    chart.waterfall(rows, tmp_path / "w", "bought", "organic", "nl")
    ax = kept["fig"].axes[0]
    assert ax.get_ylim() == (-1.0, 1.0) and list(ax.get_yticks()) == [-1.0, 0.0, 1.0]


def test_the_reports_table_keeps_every_figures_parts():
    # Seven figures of four parts each: the table stopped at 24 rows, the seventh figure's parts
    # left out of the PDF and the deck without a word.
    from sim.present.report.study_words import explain_rows

    figures = ["mean_real_reach_per_post", "followers_real_end", "purchases", "net_revenue"]
    figures += ["visits", "likes", "comments"]
    rows = [
        {
            "metric": m,
            "channel": ch,
            "label": ch,
            "mean": -1.0,
            "share": 0.5,
            "p5": -2.0,
            "p95": 0.0,
            "applies": True,
        }
        for m in figures
        for ch in ("dilution", "discovery", "spend", "total")
    ]
    table = explain_rows(pd.DataFrame(rows), "en")
    assert len(table) == 1 + 7 * 4


def test_analyse_keeps_each_arms_own_figure_as_run(pair):
    # The last combination (every channel on) is each arm as it was run: its median and 90%
    # band over the seeds go with every row of the figure.
    p = ex.plan(*pair, seeds=[0, 1, 2], metrics=["purchases"])
    last = p.combinations - 1
    frames = {
        arm: pd.DataFrame(
            [
                {"point_index": m, "seed": s, "purchases": (100 if m == last else 0) + k * s}
                for m in range(p.combinations)
                for s in p.seeds
            ]
        )
        for arm, k in (("tactic", 1.0), ("baseline", 10.0))
    }
    table = ex.analyse(p, frames)
    assert (table["tactic_median"] == 101.0).all() and (table["baseline_median"] == 110.0).all()
    assert table["tactic_low"].iloc[0] == pytest.approx(100.1)
    assert table["baseline_high"].iloc[0] == pytest.approx(119.0)


def _purchases(tactic, baseline, bands=None, seeds=4):
    """An explanation's purchases rows: a gap of -2, most of it from discovery."""
    from sim.studies.explain.report import CHANNEL_LABELS

    parts = {"dilution": 1.5, "discovery": -2.7, "rest": -0.8, "total": -2.0}
    low_t, high_t, low_b, high_b = bands or (tactic, tactic, baseline, baseline)
    return pd.DataFrame(
        [
            {
                "metric": "purchases",
                "channel": c,
                "label": CHANNEL_LABELS[c],
                "mean": v,
                "p5": v - 1,
                "p95": v + 1,
                "share": v / -2.0,
                "applies": True,
                "note": "",
                "seeds": seeds,
                "tactic_median": tactic,
                "baseline_median": baseline,
                "tactic_low": low_t,
                "tactic_high": high_t,
                "baseline_low": low_b,
                "baseline_high": high_b,
            }
            for c, v in parts.items()
        ]
    )


def test_a_rare_count_too_few_to_compare_is_said_so_on_every_surface():
    # Purchases of 4 against 6 (both under ten): the gap of -2 was once split into "133% from
    # discovery and trust" on the chart, in the report and on the terminal, where a comparison
    # of the same runs says "too few to compare".
    from sim.present.charts.explain import drawn_rows, waterfall_headline
    from sim.present.report.study_words import explain_rows, explain_sentences
    from sim.studies.explain.report import sentences

    few = _purchases(4.0, 6.0)
    en = (
        "Purchases: too few to compare (4 with the tactic against 6 in the baseline, medians "
        "of 4 runs)"
    )
    nl = (
        "Aankopen: te weinig om te vergelijken (4 met de tactiek tegen 6 in de nulmeting, "
        "medianen van 4 runs)"
    )
    assert explain_sentences(few, "en") == [en + "."]
    assert explain_sentences(few, "nl") == [nl + "."]
    assert waterfall_headline(drawn_rows(few), "bought", "organic") == en
    assert waterfall_headline(drawn_rows(few), "bought", "organic", "nl") == nl
    assert sentences(few, "bought", "organic") == [en + "."]
    assert all(r[3] == "–" for r in explain_rows(few, "en")[1:])  # no share of noise
    # Many purchases whose bands do not overlap: the gap is told, with its largest part.
    many = _purchases(40.0, 60.0, bands=(36.0, 44.0, 55.0, 65.0))
    (said,) = explain_sentences(many, "en")
    assert said.startswith("Purchases: the tactic differs from the baseline by -2")
    assert "discovery and trust accounts for 135% of it" in said
    assert "135%" in waterfall_headline(drawn_rows(many), "bought", "organic")
    # Many, but each median inside the other's band: noise again.
    close = _purchases(40.0, 44.0, (30.0, 50.0, 35.0, 52.0))
    assert "too few" in explain_sentences(close, "en")[0]
    # A figure that is not a rare count is never called too few, whatever its size.
    reach = _purchases(4.0, 6.0).assign(metric="mean_real_reach_per_post")
    assert "too few" not in explain_sentences(reach, "en")[0]
    # A folder written before the arms' figures were kept: told as before.
    old = few.drop(columns=[c for c in few if c.startswith(("tactic_", "baseline_"))])
    assert "too few" not in explain_sentences(old, "en")[0]


def test_the_rare_count_rule_is_the_catalogues():
    from sim.base.figures import MIN_COUNT, counts_too_few

    assert counts_too_few(MIN_COUNT - 1, 0) and not counts_too_few(MIN_COUNT, 0)
    assert not counts_too_few(40, 60, (36, 44), (55, 65))
    assert counts_too_few(40, 44, (30, 50), (35, 52))
    assert not counts_too_few(40, 44, (39, 41), (35, 52))  # the baseline's median is outside


def test_an_arm_is_named_by_its_scenarios_title(tmp_path):
    from sim.studies.explain.report import arm_title

    (tmp_path / "tactic").mkdir()
    (tmp_path / "tactic" / "sweep.toml").write_text(
        '[base]\nname = "bought"\ntitle = "Buying 5,000 followers"\n'
        'title_nl = "5.000 volgers kopen"\n'
    )
    (tmp_path / "explain.toml").write_text('tactic = "bought"\nbaseline = "organic"\n')
    assert arm_title(tmp_path, "tactic", "en") == "Buying 5,000 followers"
    assert arm_title(tmp_path, "tactic", "nl") == "5.000 volgers kopen"
    # No kept scenario for the baseline: the name the plan gives it.
    assert arm_title(tmp_path, "baseline", "nl") == "organic"
