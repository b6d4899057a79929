"""The spreadsheet's table of each study in the reader's words (sim.present.report.study_sheets)."""

from __future__ import annotations

import pandas as pd

from sim.present.report.study_sheets import (
    calibration_sheet,
    explain_sheet,
    post_sheet,
    sensitivity_sheet,
)


def _sensitivity(method: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "metric": ["mean_real_reach_per_post"],
            "quantity": ["effect on real reach per post (bought − organic)"],
            "method": [method],
            "rank": [1],
            "key": ["behaviour.like"],
            "label": ["chance of a like"],
            "value": [0.1],
            "low": [0.05],
            "high": [0.15],
            "integer": [False],
            "source": ["assumption: fitted"],
            "choices": [""],
            "mu": [-3.0],
            "influence": [4.0],
            "flip_share": [0.25],
        }
    )


def test_a_sensitivity_sheet_names_each_measure_by_its_method():
    # Morris's mu is a mean effect; Sobol's is a rank correlation: the header says which.
    morris, sobol = (
        sensitivity_sheet(_sensitivity("morris"), "en"),
        sensitivity_sheet(_sensitivity("sobol"), "nl"),
    )
    assert "μ: mean effect, with its sign" in morris.columns
    assert "ρ: rangcorrelatie met het cijfer" in sobol.columns
    assert morris.iloc[0, 0] == "The tactic's effect on real reach per post"
    assert morris.iloc[0, 2] == "lowers the figure" and sobol.iloc[0, 2] == "verlaagt het cijfer"
    assert morris.iloc[0, 3] == 25.0  # the share of turns in direction, in %
    assert "source" in morris.columns  # the workbook's header: as the preset states it


def test_an_explanations_zero_parts_say_why_in_dutch(tmp_path):
    table = pd.DataFrame(
        {
            "metric": ["purchases"] * 2,
            "channel": ["purges", "spend"],
            "label": ["purges", "spend"],
            "mean": [0.0, 0.0],
            "p5": [0.0, 0.0],
            "p95": [0.0, 0.0],
            "share": [0.0, 0.0],
            "applies": [False, True],
            "note": [
                "does not apply: neither scenario purges within its horizon",
                "spending moves net euros only; nothing in a run reads money back",
            ],
            "seeds": [4, 4],
        }
    )
    nl = explain_sheet(table, tmp_path, "nl")
    assert list(nl["waarom het nul is"]) == [
        "telt niet mee: geen van beide scenario's schoont op binnen zijn looptijd",
        "uitgaven veranderen alleen de netto euro's; niets in een run leest geld terug",
    ]
    assert list(nl["telt mee"]) == ["nee", "ja"] and list(nl["deel van het verschil"]) == [
        "opschoningen",
        "uitgaven",
    ]
    # No scenario figures kept (a folder of an earlier version): no columns for them.
    assert not [c for c in nl.columns if "mediaan" in c]


def test_a_calibrations_sheets_speak_the_readers_words():
    fit = pd.DataFrame(
        {
            "key": ["behaviour.activity_mean"],
            "estimate": [0.19],
            "low": [0.16],
            "high": [0.27],
            "searched_low": [0.08],
            "searched_high": [0.85],
            "log_scale": [False],
            "meaning": ["share of the audience active while a post is fresh"],
        }
    )
    nl = calibration_sheet(fit, "nl")
    assert list(nl.columns[:3]) == ["wat is geschat", "instelling", "schatting"]
    assert nl.iloc[0, 2] == 0.19 and nl["logaritmisch doorzocht"].iloc[0] == "nee"
    posts = pd.DataFrame({"posted_at": ["2024-03-01 21:37"], "reach": [386], "seed": [1]})
    assert list(post_sheet(posts, "nl").columns) == ["gepubliceerd", "bereik", "seed"]
