"""`feedsim explain` end to end through the command line, on a tiny pair: 2,000 users, 40 days,
2 seeds, a buy on day 10 against the same shop. Checks that each metric's channels and the rest add
up to the gap, that a channel neither scenario uses is zero and says so, that the charts exist,
that the same command resumes with no new run, and that a bad metric exits 2.
"""

from __future__ import annotations

import pandas as pd
import pytest

METRICS = ("mean_real_reach_per_post", "net_revenue")


@pytest.fixture(scope="module")
def explained(tmp_path_factory, feedsim, shop_pair):
    folder = tmp_path_factory.mktemp("explain")
    bought, shop = shop_pair(folder)
    args = (
        bought,
        shop,
        "--seeds",
        "2",
        "--metric",
        *METRICS,
        "--workers",
        "2",
        "--out",
        folder / "results",
        "--name",
        "tiny",
    )
    first = feedsim("explain", *args)
    second = feedsim("explain", *args)
    return folder, first, second, args


def test_the_parts_add_up_to_the_gap_and_charts_are_drawn(explained):
    folder, first, _, _ = explained
    assert first.returncode == 0, first.stderr
    out = folder / "results" / "tiny"
    table = pd.read_csv(out / "explain.csv")
    assert set(table["metric"]) == set(METRICS)
    for metric, rows in table.groupby("metric"):
        rows = rows.set_index("channel")
        parts = rows.drop(index="total")["mean"].sum()
        assert parts == pytest.approx(rows.loc["total", "mean"], abs=1e-9), metric
        # 40 days: no purge wave comes, so purges are zero and the table says why.
        assert rows.loc["purges", "mean"] == 0 and not rows.loc["purges", "applies"]
    spend = table[(table["metric"] == "net_revenue") & (table["channel"] == "spend")]
    assert spend["mean"].iloc[0] == pytest.approx(-500 * 9.0 / 1000)  # the package's price
    for m in METRICS:
        assert (out / f"waterfall_{m}.png").stat().st_size > 0
        assert (out / f"waterfall_{m}.svg").exists()
    assert "test dilution" in first.stdout and "Purges: zero" in first.stdout
    assert (out / "explain.md").exists()


def test_the_same_command_resumes_without_new_runs(explained):
    _, _, second, _ = explained
    assert second.returncode == 0, second.stderr
    assert "0 runs now" in second.stdout


def test_a_bad_metric_exits_2_naming_it(explained, feedsim):
    folder, _, _, _ = explained
    bad = feedsim(
        "explain",
        folder / "bought.toml",
        folder / "shop.toml",
        "--metric",
        "reach",
        "--out",
        folder / "results",
    )
    assert bad.returncode == 2
    assert "reach" in bad.stderr and "not a run figure" in bad.stderr


def test_in_dutch_it_says_what_the_dutch_report_says(explained, feedsim):
    # The finished explanation again with --lang nl (no run is made): Dutch throughout, the
    # sentences word for word those of the Dutch report.
    from sim.present.report.study_words import explain_sentences

    folder, _, _, args = explained
    proc = feedsim("explain", *args, "--lang", "nl")
    assert proc.returncode == 0, proc.stderr
    assert "verklaring tiny: kanalen " in proc.stderr and "combinaties" in proc.stderr
    table = pd.read_csv(folder / "results" / "tiny" / "explain.csv")
    said = explain_sentences(table, "nl")
    assert len(said) == len(METRICS)
    for sentence in said:
        assert sentence in proc.stdout
    assert "Of this" not in proc.stdout and "0 runs nu" in proc.stdout
    # Its summary file too: the report's sentences and table, in Dutch.
    md = (folder / "results" / "tiny" / "explain.md").read_text(encoding="utf-8")
    assert md.startswith("# Waar het verschil vandaan komt: ")
    assert all(sentence in md for sentence in said)
    assert "| cijfer | deel van het verschil |" in md and "Of this" not in md
