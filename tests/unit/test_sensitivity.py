"""Sensitivity studies without running a simulation: which parameters are varied and over what
range, the [sensitivity] table's errors, the design's bookkeeping and the plain sentences.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from sim.scenario import Scenario, ScenarioError, load_scenario, resolve
from sim.scenario.fields import numeric_field
from sim.studies.sensitivity.design import flip_shares, indices, morris_steps, point_values, sample
from sim.studies.sensitivity.parameters import Parameter, collect
from sim.studies.sensitivity.report import metric_table, sentences

BOUGHT = {
    "platform": "instagram",
    "days": 60,
    "audience": {"users": 2000},
    "strategies": {"buy": {"days": [10], "count": 500}},
}


def _collect(raw: dict, **kw):
    params, skipped = collect(resolve(raw, source="test"), **kw)
    return {p.key: p for p in params}, {s.key: s.reason for s in skipped}


# ---------------------------------------------------------------------------------------------
# What is varied
# ---------------------------------------------------------------------------------------------


def test_preset_assumptions_are_varied_and_cited_values_are_not():
    params, skipped = _collect(BOUGHT)
    threshold = params["feed.test_threshold"]
    assert threshold.source.startswith("assumption")
    preset = resolve(BOUGHT).feed.test_threshold
    assert (threshold.low, threshold.high) == pytest.approx((0.5 * preset, 1.5 * preset))
    assert "feed.social_proof" not in params  # Muchnik et al. 2013: a citation
    assert "audience.reciprocity" not in params  # Kwak et al. 2010
    # A source naming a table covers every number in it.
    weights = {f"feed.signal_weights.{k}" for k in ("dwell", "like", "comment", "share")}
    assert weights <= set(params)
    assert skipped["audience.activity_profile"].startswith("a list")
    # With fakes bought, the purge regime is a structural choice that sets the rate...
    assert "structural assumption purge" in skipped["purge.daily_rate"]
    # ... without them it is a number like any other, and 0 gives no relative range.
    organic = {k: v for k, v in BOUGHT.items() if k != "strategies"}
    assert "value is 0" in _collect(organic)[1]["purge.daily_rate"]
    # Content fit cannot matter to a scenario that never posts the attribute.
    assert "never posts" in skipped["fit.emotion"]
    assert "fit.emotion" in _collect({**BOUGHT, "content": {"emotion": 0.3}})[0]


def test_component_descriptions_mark_assumptions():
    giveaway = {**BOUGHT, "strategies": {"giveaway": {"days": [20], "entrants": 100}}}
    params, _ = _collect(giveaway)
    assert params["strategies.giveaway.prize_cost"].source == "euros per giveaway (assumption)"
    assert "strategies.buy.count" not in params  # buying is off in this scenario
    # Discovery's table declares all its numbers assumptions.
    assert params["discovery.trust_drop"].source.startswith("assumption")
    bought, _ = _collect(BOUGHT)
    assert "strategies.buy.price_per_1000" not in bought  # NYT 2018: a citation
    assert "strategies.giveaway.prize_cost" not in bought  # a tactic the scenario leaves out


def test_ranges_are_clamped_to_the_fields_bounds():
    params, skipped = _collect(BOUGHT)
    assert (params["audience.homophily"].low, params["audience.homophily"].high) == (0.4, 1.0)
    tail = params["audience.popularity_tail"]  # gt=1: the range stays just above 1
    assert 1.0 < tail.low < 1.0 + 1e-6 and tail.high == pytest.approx(2.4)
    window = params["feed.test_window_hours"]  # an integer: 3 ± 50% keeps 2..4
    assert (window.low, window.high, window.integer) == (2.0, 4.0, True)
    # An integer range that holds one whole number collapses and is skipped.
    _, skipped = _collect({**BOUGHT, "feed": {"test_window_hours": 1}})
    assert "collapses" in skipped["feed.test_window_hours"]
    field = numeric_field(Scenario, "feed.test_fraction")
    assert field.clamp(-0.5, 1.5) == (0.0, 1.0)
    with pytest.raises(ScenarioError, match="--range"):
        collect(resolve(BOUGHT, source="test"), spread=0)


def test_sensitivity_table_names_ranges_exclusions_and_only():
    raw = {
        **BOUGHT,
        "sensitivity": {
            "ranges": {"feed.test_threshold": [0.01, 0.03], "brand.quality": [0.5, 0.9]},
            "exclude": ["behaviour.like"],
        },
    }
    params, skipped = _collect(raw)
    assert (params["feed.test_threshold"].low, params["feed.test_threshold"].high) == (0.01, 0.03)
    assert params["brand.quality"].source.startswith("range named")  # not an assumption
    assert "behaviour.like" not in params and "excluded" in skipped["behaviour.like"]
    only, _ = _collect(raw, only=("feed.test_threshold", "feed.test_fraction"))
    assert list(only) == ["feed.test_fraction", "feed.test_threshold"]
    with pytest.raises(ScenarioError, match="does not switch on"):
        _collect(raw, only=("strategies.giveaway.prize_cost",))


# ---------------------------------------------------------------------------------------------
# [sensitivity] errors, in the house style
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "table, expected",
    [
        (
            'ranges = { "feed.test_treshold" = [0.01, 0.03] }',
            r"\(line 6\): sensitivity\.ranges: 'feed\.test_treshold' is not a numeric scenario key "
            r"\(did you mean 'feed\.test_threshold'\?\)",
        ),
        (
            'ranges = { "feed.test_threshold" = [0.03, 0.01] }',
            r"feed\.test_threshold = \[0\.03, 0\.01\]: the low end must be below the high end",
        ),
        (
            'ranges = { "feed.test_fraction" = [0.01, 1.5] }',
            r"feed\.test_fraction = \[0\.01, 1\.5\] leaves what feed\.test_fraction allows: "
            r"a number >= 0 and <= 1",
        ),
        ('ranges = { "feed.test_min" = [10.5, 40] }', r"feed\.test_min is an integer"),
        ('ranges = { "feed.test_min" = 10 }', r"give a range as \[low, high\]"),
        ('exclude = ["seed"]', r"sensitivity\.exclude.*seed cannot be varied"),
        ('only = ["feed.explore_stages"]', r"'feed\.explore_stages' is not a numeric scenario key"),
    ],
)
def test_sensitivity_table_errors(write_scenario, table, expected):
    path = write_scenario(
        f"platform = 'instagram'\ndays = 30\n[audience]\nusers = 2000\n[sensitivity]\n{table}\n"
    )
    with pytest.raises(ScenarioError) as err:
        load_scenario(path)
    assert str(err.value).startswith(str(path))
    assert err.match(expected)


def test_sensitivity_table_is_absent_by_default():
    sc = resolve(BOUGHT, source="test")
    assert sc.sensitivity is None and "sensitivity" not in sc.to_dict()


# ---------------------------------------------------------------------------------------------
# The design and the sentences
# ---------------------------------------------------------------------------------------------


def _params(k: int = 3) -> list[Parameter]:
    return [
        Parameter(f"t.p{i}", f"parameter {i}", 1.0, 0.0, 2.0, i == 2, "assumption")
        for i in range(k)
    ]


def test_morris_design_moves_one_parameter_per_step_and_rounds_integers():
    params = _params()
    X = sample(params, "morris", trajectories=6)
    assert X.shape == (6 * 4, 3)
    steps = morris_steps(X)
    assert len(steps) == 6 * 3  # every step of every trajectory moves exactly one parameter
    assert all(np.count_nonzero(X[b] != X[a]) == 1 for a, b, _ in steps)
    values = point_values(params, X)
    assert all(isinstance(v["t.p2"], int) for v in values)
    assert all(isinstance(v["t.p0"], float) for v in values)


def test_morris_indices_and_flip_drivers_on_a_known_function():
    """y = 3 x0 − x1 − 1.5 (design seed fixed): μ* is each slope × the range width (2), and
    only x0 and x1 can carry y across zero; x2 has no effect."""
    params = _params()
    X = sample(params, "morris", trajectories=10)
    Y = 3 * X[:, 0] - X[:, 1] - 1.5
    ind = indices(params, "morris", X, Y)
    assert ind["mu_star"].tolist() == pytest.approx([6.0, 2.0, 0.0], abs=1e-9)
    assert ind["mu"].tolist() == pytest.approx([6.0, -2.0, 0.0], abs=1e-9)
    flip = flip_shares("morris", X, Y, float(np.sign(Y.mean())))
    assert flip.sum() == pytest.approx(1.0) and flip[2] == 0 and flip[0] > flip[1]


def _synthetic_table(
    Y: np.ndarray,
    flip: np.ndarray,
    se: np.ndarray | None = None,
    quantity: str = "effect on real reach per post (bought − organic)",
) -> pd.DataFrame:
    params = [
        Parameter(
            "feed.test_threshold", "test threshold", 0.017, 0.0085, 0.0255, False, "assumption"
        ),
        Parameter("behaviour.like", "chance of a like", 0.14, 0.07, 0.21, False, "assumption"),
        Parameter("audience.communities", "niche communities", 50, 25, 75, True, "assumption"),
        Parameter("discovery.rate", "discovery rate", 0.02, 0.01, 0.03, False, "assumption"),
    ]
    ind = pd.DataFrame(
        {
            "key": [p.key for p in params],
            "mu_star": [40.0, 90.0, 10.0, 5.0],
            "mu": [-40.0, 90.0, -10.0, 0.0],
            "sigma": 1.0,
            "mu_star_conf": 1.0,
            "mu_star_rel": [0.44, 1.0, 0.11, 0.06],
            "influence": [40.0, 90.0, 10.0, 5.0],
        }
    )
    se = np.zeros(len(Y)) if se is None else se
    return metric_table(
        "mean_real_reach_per_post",
        quantity,
        params,
        ind,
        Y,
        se,
        flip,
        "morris",
    )


def test_sign_flip_sentence_names_share_and_drivers():
    # 10 design points, mean effect negative, 2 points (20%) positive; one within seed noise.
    Y = np.array([-50, -40, -30, -60, -20, -10, -45, -35, 15, 2], dtype=float)
    se = np.full(10, 5.0)
    table = _synthetic_table(Y, np.array([0.25, 0.75, 0.0, 0.0]), se)
    assert table["rank"].tolist() == [1, 2, 3, 4]
    assert table["key"].tolist()[:2] == ["behaviour.like", "feed.test_threshold"]
    head, flip = sentences(table, seeds=4)
    assert head.startswith(
        "Effect on real reach per post (bought − organic): -27 people on "
        "average over 10 design points, 4 seeds each."
    )
    assert (
        "It depends most on chance of a like (behaviour.like, 0.07–0.21), test threshold "
        "(feed.test_threshold, 0.0085–0.0255) and niche communities "
        "(audience.communities, 25–75)."
    ) in head
    assert flip.startswith(
        "Its sign flips inside the ranges: 20% of design points (2 of 10) "
        "show a rise instead of a fall, 1 of them by more than two standard "
        "errors"
    )
    assert flip.endswith(
        "; the design steps that carry it across zero move chance of a like "
        "(behaviour.like, 75%); and test threshold (feed.test_threshold, 25%)."
    )


def test_sign_holds_sentence():
    Y = -np.arange(1, 11, dtype=float)
    head, holds = sentences(_synthetic_table(Y, np.zeros(4)), seeds=4)
    assert holds == "Its sign holds inside the ranges: every design point shows a fall."
    assert not math.isnan(float(_synthetic_table(Y, np.zeros(4))["mean"].iloc[0]))


def test_a_level_without_a_baseline_is_no_change_and_carries_no_sign():
    # A study of one scenario (no baseline) gives a figure's level: 625 people is not "+625".
    from sim.present.report.study_words import sensitivity_sentences

    Y = np.full(10, 625.0)
    level = _synthetic_table(Y, np.zeros(4), quantity="real reach per post")
    head, holds = sentences(level, seeds=4)
    assert head.startswith("Real reach per post: 625 people on average over 10 design points")
    assert "+" not in head and holds == "It stays above zero at every design point."
    en, nl = sensitivity_sentences(level, "en")[0], sensitivity_sentences(level, "nl")[0]
    assert en.startswith("Real reach per post: on average 625;") and "+" not in en
    assert en.endswith("It stays above zero in all 10 trials.")
    assert "gemiddeld 625;" in nl and "+" not in nl
    assert nl.endswith("Het blijft boven nul in alle 10 proeven.")
    # The same figure as a tactic's effect keeps its sign and speaks of its direction.
    effect = sensitivity_sentences(_synthetic_table(Y, np.zeros(4)), "en")[0]
    assert "on average +625;" in effect and effect.endswith("holds in all 10 trials.")


def test_the_report_loads_no_engine_and_nothing_here_draws():
    """Charts read a study through sim.studies.sensitivity.report, so it imports neither the sweep
    engine nor SALib; and the study never imports charts (only the command line draws)."""
    import ast
    from pathlib import Path

    import sim.studies.sensitivity

    folder = Path(sim.studies.sensitivity.__file__).parent
    for path in folder.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = [n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module]
        names += [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
        assert not any(n.startswith("sim.present.charts") for n in names), path.name
        assert len(path.read_text(encoding="utf-8").splitlines()) < 500, path.name
        if path.name == "report.py":
            assert not any(
                n.startswith(("sim.studies.sweep", "SALib", "sim.engine.runner")) for n in names
            )


def test_sobol_indices_on_a_known_function():
    """y = 3 x0 − x1 (fixed design seed, 64 base samples): x0 carries about 90% of the variance,
    x1 about 10%, x2 none; tolerance 0.1 for the sampling error of 320 points."""
    params = _params()
    X = sample(params, "sobol", samples=64)
    assert X.shape == (64 * 5, 3)
    ind = indices(params, "sobol", X, 3 * X[:, 0] - X[:, 1])
    assert ind["ST"].tolist() == pytest.approx([0.9, 0.1, 0.0], abs=0.1)
    assert ind["mu"].iloc[0] > 0 > ind["mu"].iloc[1]  # the direction of each pull


def test_no_two_assumptions_share_a_name_in_either_language():
    # A table names each assumption in words only, so two settings with one name could not be
    # told apart (both steepnesses once read "hoe scherp die lat is").
    from sim.studies.sensitivity.report import LABELS_EN, LABELS_NL

    assert set(LABELS_EN) == set(LABELS_NL)
    for labels in (LABELS_EN, LABELS_NL):
        names = list(labels.values())
        assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)


def test_every_setting_a_shipped_scenario_varies_has_client_words():
    # Before, a Dutch community study named eleven rows "een instelling van de tactiek" and an
    # English one showed "fit: fit.humour": whatever a shipped scenario's sensitivity varies is
    # named in a client's words in both languages, each row apart from the others.
    from sim.scenario import load_scenario
    from sim.studies.sensitivity.parameters import collect
    from sim.studies.sensitivity.report import assumption_words

    scenarios = sorted((Path(__file__).parents[2] / "scenarios").glob("*.toml"))
    assert len(scenarios) >= 10
    for path in scenarios:
        params, _ = collect(load_scenario(path))
        for lang in ("en", "nl"):
            names = [assumption_words(p.key, p.label, lang) for p in params]
            assert len(names) == len(set(names)), (path.name, lang, names)
            for p, name in zip(params, names, strict=True):
                assert p.key not in name and "." not in name, (path.name, lang, p.key, name)
                assert not name.startswith(("een ", "assumption")), (path.name, p.key, name)


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_reports_table_gives_each_range_as_the_tornado_does(lang):
    # The Dutch table once said "0,054 – 0,161" beside the chart's "0,0538–0,161".
    from sim.present.charts.sensitivity import _range
    from sim.present.report.study_words import sensitivity_rows

    table = _synthetic_table(-np.arange(1, 11, dtype=float), np.zeros(4))
    table.loc[table["key"] == "behaviour.like", ["low", "high"]] = (0.0538, 0.161)
    # A large value that is not a whole number: once '2.5e+04' on the English chart.
    table.loc[table["key"] == "discovery.rate", ["low", "high"]] = (25000.0, 75000.0)
    header, *rows = sensitivity_rows(table, lang)
    col = header.index({"en": "range", "nl": "bereik"}[lang])
    by_rank = table.sort_values("rank")
    assert len(rows) == len(by_rank)
    for shown, r in zip(rows, by_rank.itertuples(), strict=True):
        assert shown[col].replace(" – ", "–") == _range(r, lang), (shown, r.key)
    assert any(("0.0538" if lang == "en" else "0,0538") in row[col] for row in rows)
    assert any(("25,000" if lang == "en" else "25.000") in row[col] for row in rows)


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_tornados_labels_legend_and_note_keep_clear_of_the_edge_and_each_other(tmp_path, lang):
    # The longest label once ended at the figure's left edge, and the Dutch legend ran over
    # the note of how many assumptions the chart shows.
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from sim.present.charts import common
    from sim.present.charts import sensitivity as chart

    table = _synthetic_table(-np.arange(1, 11, dtype=float), np.zeros(4))
    table["choices"] = ["", "", "", "a|b"]  # one structural choice: the legend's third entry
    kept = {}
    real_save = common.save_figure

    def keep(fig, out_base, split=False):
        kept["fig"] = fig
        FigureCanvasAgg(fig)
        fig.dpi = common.PNG_DPI
        fig.get_layout_engine().execute(fig)
        renderer = fig.canvas.get_renderer()
        kept["ticks"] = [t.get_window_extent(renderer) for t in fig.axes[0].get_yticklabels()]
        kept["legend"] = fig.legends[0].get_window_extent(renderer)
        kept["note"] = fig.texts[-1].get_window_extent(renderer)
        return real_save(fig, out_base, split)

    chart.save_figure = keep
    try:
        chart.tornado(table, tmp_path / "t", lang=lang)
    finally:
        chart.save_figure = real_save
    margin = 0.1 * common.PNG_DPI  # a tenth of an inch
    assert min(b.x0 for b in kept["ticks"]) >= margin, [b.x0 for b in kept["ticks"]]
    legend, note = kept["legend"], kept["note"]
    assert note.x1 <= legend.x0 or note.y0 >= legend.y1 or note.y1 <= legend.y0, (note, legend)


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_a_comparisons_assumptions_page_gives_each_range_and_share_as_the_tornado_does(lang):
    # A comparison report's assumptions page wrote the chance of a like as "0,054 – 0,161"
    # beside the tornado's "0,0538–0,161", and headed each assumption's share of the turns in
    # direction "share of trials where the effect turns": 5% beside a summary of 47 of 108.
    from sim.present.charts.sensitivity import _range
    from sim.present.report.assumption_text import assumption_rows
    from sim.present.report.assumptions import Assumptions

    Y = np.array([-50, -40, -30, -60, -20, -10, -45, -35, 15, 2], dtype=float)
    table = _synthetic_table(Y, np.array([0.25, 0.75, 0.0, 0.0]))
    table.loc[table["key"] == "behaviour.like", ["low", "high"]] = (0.0538, 0.161)
    header, *rows = assumption_rows(Assumptions("sensitivity", table, "study"), lang)
    col = header.index({"en": "range", "nl": "bereik"}[lang])
    by_rank = table.reset_index(drop=True)
    for shown, r in zip(rows, by_rank.itertuples(), strict=True):
        assert shown[col].replace(" – ", "–") == _range(r, lang), (shown, r.key)
    share = header[-1]
    assert (
        share
        == {
            "en": "share of the turns in direction it causes",
            "nl": "aandeel in het omdraaien van de richting",
        }[lang]
    )
    assert sorted(row[-1] for row in rows) == ["0%", "0%", "25%", "75%"]


def test_what_a_study_would_vary_is_listed_in_dutch():
    # `feedsim sensitivity --list --lang nl` printed the whole list in English.
    from sim.studies.sensitivity.run import plan

    root = Path(__file__).parents[2] / "scenarios"
    study = plan(
        load_scenario(root / "bought_followers.toml"), load_scenario(root / "organic.toml")
    )
    english, dutch = study.listing(), study.listing("nl")
    n, runs = len(study.params), study.runs
    assert english.splitlines()[0].startswith(f"{n} parameters varied (morris, ")
    assert english.splitlines()[0].endswith(f" × 2 scenarios = {runs:,} runs):")
    assert dutch.splitlines()[0].startswith(f"{n} instellingen gevarieerd (morris, ")
    assert dutch.splitlines()[0].endswith(f" × 2 scenario's = {runs:,} runs):".replace(",", "."))
    row = next(line for line in dutch.splitlines() if "feed.test_threshold" in line)
    assert row.endswith("lat die een post in de eerste test moet halen (aanname)")
    assert "(nu 0,0" in row  # a Dutch decimal comma
    assert "purge.every_days: bepaald door de structurele aanname purge" in dutch
    words = set(re.findall(r"[a-z]+", dutch.lower()))
    english_words = {"assumption", "structural", "now", "varied", "the", "with", "source", "never"}
    assert not words & english_words, words & english_words


def test_the_reports_table_keeps_every_studied_figure():
    # A study of five figures lost the fifth figure's rows from the PDF and the deck: the table
    # stopped at 24 rows (four figures of six assumptions) without a word.
    from sim.present.report.study_words import sensitivity_rows

    figures = ["mean_real_reach_per_post", "followers_real_end", "purchases", "net_revenue"]
    figures.append("visits")
    rows = [
        {
            "metric": m,
            "quantity": "real reach per post",
            "rank": rank,
            "key": "behaviour.like",
            "label": "chance of a like",
            "low": 0.07,
            "high": 0.21,
            "integer": False,
            "mu": 1.0,
            "flip_share": 0.1,
        }
        for m in figures
        for rank in range(1, 9)
    ]
    table = sensitivity_rows(pd.DataFrame(rows), "en")
    assert len(table) == 1 + 5 * 6  # the header, then each figure's six most influential
    assert [r[1] for r in table[-6:]] == ["1", "2", "3", "4", "5", "6"]
    assert table[-1][0] == "Site visits"
