"""The summary of a comparison names the spend of every arm that spent money, however many arms
there are: a comparison of nine of the shipped stories (5,000 users, one seed) names the
micro-influencer's spend, the last arm, in English and Dutch, as the catalogue writes it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
STORIES = (
    "organic",
    "bought_followers",
    "giveaway",
    "community_managed",
    "employee_advocacy",
    "paid_boost",
    "engagement_pod",
    "follow_for_follow",
    "micro_influencer",
)


@pytest.fixture(scope="module")
def compared(tmp_path_factory, feedsim):
    out = tmp_path_factory.mktemp("spend")
    done = feedsim(
        "compare",
        *[REPO / "scenarios" / f"{s}.toml" for s in STORIES],
        "--set",
        "audience.users=5000",
        "--set",
        "brand.initial_followers=100",
        "--seeds",
        "1",
        "--workers",
        "1",
        "--out",
        out,
        "--no-charts",
        "--quiet",
    )
    assert done.returncode == 0, done.stderr
    return Path(done.stdout.strip())


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_summary_names_every_arms_spend_the_micro_influencer_included(compared, lang):
    from sim.base import presented
    from sim.base.i18n import tr
    from sim.present.report.document import build
    from sim.present.report.files import assumptions
    from sim.present.report.source import read_folder

    src = read_folder(compared, draw=False)
    doc = build(src, assumptions(src, None), lang, dt.date(2026, 12, 6))
    text = " ".join(doc.summary)
    t = src.table
    spenders = [g for g in t.groups if g != t.baseline and t.value(g, "cost")]
    assert len(spenders) >= 6  # more arms than the verdicts and a few lines used to leave room
    assert "micro_influencer" in spenders[-1] or "micro" in src.shown(spenders[-1], "en").lower()
    for g in spenders:
        group = src.shown(g, lang)
        said = tr("{group} spent {cost}; return on that spend: {roi}.", lang).format(
            group=group[:1].upper() + group[1:],
            cost=presented.cell(t, g, "cost", lang),
            roi=presented.cell(t, g, "return_on_spend", lang),
        )
        assert said in text, said
