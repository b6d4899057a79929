"""`feedsim plan` end to end through the command line, on a tiny case: the organic shop at
4,000 users over two months, €600 over three levers, 8 trials on 2 tuning seeds, judged on 2
test seeds. Checks the folder and its files, that each plan file runs as a scenario, that the
same command resumes into the same folder, and clear refusals."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

REPO = Path(__file__).resolve().parents[2]
ORGANIC = REPO / "scenarios" / "organic.toml"
ARGS = (
    "--set",
    "audience.users=4000",
    "--set",
    "brand.initial_followers=300",
    "--months",
    "2",
    "--budget",
    "600",
    "--goal",
    "real_followers",
    "--lever",
    "boost,giveaway,replies",
    "--trials",
    "8",
    "--seeds",
    "0-1",
    "--test-seeds",
    "50-51",
    "--workers",
    "1",
)


@pytest.fixture(scope="module")
def planned(tmp_path_factory, feedsim):
    out = tmp_path_factory.mktemp("plan") / "results"
    first = feedsim("plan", ORGANIC, *ARGS, "--out", out)
    again = feedsim("plan", ORGANIC, *ARGS, "--out", out, "--lang", "nl")
    return out, first, again


def test_the_folder_holds_the_plans_verdict_and_chart(planned):
    out, first, _ = planned
    assert first.returncode == 0, first.stderr
    folder = out / "organic-plan"
    for name in (
        "plan.toml",
        "trials.csv",
        "plans.csv",
        "plan_best.toml",
        "verdict.json",
        "verdict.txt",
        "verdict.nl.txt",
        "plan.png",
        "plan.svg",
    ):
        assert (folder / name).stat().st_size > 0, name
    plans = pd.read_csv(folder / "plans.csv")
    assert plans["plan"].iloc[0] == "base" and plans["plan"].iloc[-1] == "buy"
    assert (plans["spent"] <= 600.01).all()
    verdict = (folder / "verdict.txt").read_text(encoding="utf-8").strip()
    assert verdict in first.stdout


def test_a_plan_file_runs_as_a_scenario(planned, feedsim, tmp_path):
    folder = planned[0] / "organic-plan"
    ran = feedsim("run", folder / "plan_best.toml", "--out", tmp_path, "--no-charts", "--quiet")
    assert ran.returncode == 0, ran.stderr


def test_the_same_command_resumes_in_dutch(planned):
    out, _, again = planned
    assert again.returncode == 0, again.stderr
    assert not (out / "organic-plan-2").exists()
    assert (out / "organic-plan" / "plan_nl.png").stat().st_size > 0
    assert "gekochte volgers" in again.stdout
    # Every cost and plan line in Dutch: the lever's Dutch name and its Dutch cost model.
    assert "hoe het geld geteld wordt" in again.stdout and "resultaten:" in again.stdout
    for english in ("how the money is counted", "results:", "assumption", "wins "):
        assert english not in again.stdout, english


def test_test_seeds_that_were_tuned_on_are_refused(feedsim, tmp_path):
    bad = feedsim("plan", ORGANIC, "--seeds", "0-2", "--test-seeds", "2-4", "--out", tmp_path)
    assert bad.returncode == 2 and "never saw" in bad.stderr
    assert "Traceback" not in bad.stderr
