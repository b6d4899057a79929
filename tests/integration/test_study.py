"""experiments/organic_vs_bought.py end to end on a tiny audience: it runs the comparison file
experiments/organic_vs_bought.toml through sim.studies.comparison (the code `feedsim compare` runs),
so this checks files, arms, common random numbers, the money columns, resuming and `feedsim
plot`."""

import importlib.util
import tomllib
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[2]
STUDY = ROOT / "experiments" / "organic_vs_bought.toml"


def _labels() -> list[str]:
    return [a["label"] for a in tomllib.loads(STUDY.read_text(encoding="utf-8"))["arms"]]


@pytest.fixture(scope="module")
def study(tmp_path_factory):
    spec = importlib.util.spec_from_file_location(
        "organic_vs_bought", ROOT / "experiments" / "organic_vs_bought.py"
    )
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    out = tmp_path_factory.mktemp("study")
    args = ["--seeds", "2", "--users", "3000", "--days", "60", "--workers", "2", "--out", str(out)]
    assert mod.main(args) == 0
    (folder,) = out.iterdir()
    return mod, folder, args


def test_writes_tables_and_charts(study):
    _, folder, _ = study
    assert folder.name == "organic_vs_bought-2seeds-3000users-60days"
    for name in ("days.csv", "summary.csv", "comparison.toml"):
        assert (folder / name).exists()
    spec = tomllib.loads((folder / "comparison.toml").read_text(encoding="utf-8"))
    assert spec["arms"] == _labels()
    assert spec["baseline"] == "organic"
    assert (spec["seeds"], spec["users"], spec["days"]) == ([0, 1], [3000], [60])
    assert spec["tactics"]["buy 5,000"] == "buy" and spec["tactics"]["organic"] == ""
    for chart in ("followers", "real_reach", "engagement_rate", "kaushik", "money"):
        assert (folder / f"{chart}.png").stat().st_size > 10_000
        assert (folder / f"{chart}.svg").exists()
    summary = pd.read_csv(folder / "summary.csv", index_col=0)
    assert list(summary.index) == _labels()
    assert (summary["followers_end_p5"] <= summary["followers_end_median"]).all()
    assert (summary["followers_end_median"] <= summary["followers_end_p95"]).all()


def test_arms_share_everything_before_the_first_tactic(study):
    # Common random numbers: until day 30 no arm differs from organic, seed by seed.
    _, folder, _ = study
    days = pd.read_csv(folder / "days.csv")
    early = days[days["day"] < 30].drop(columns=["incremental_roi"])
    base = early[early["arm"] == "organic"].drop(columns="arm").reset_index(drop=True)
    for arm in ("buy 1,000", "buy 20,000", "giveaway", "micro-influencer"):
        other = early[early["arm"] == arm].drop(columns="arm").reset_index(drop=True)
        pd.testing.assert_frame_equal(base, other, check_exact=True)


def test_money_columns(study):
    _, folder, _ = study
    days = pd.read_csv(folder / "days.csv")
    organic = days[days["arm"] == "organic"]
    assert np.all(organic["incremental_revenue"] == 0)
    assert organic["incremental_roi"].isna().all(), "organic spends nothing: no ROI"
    buy = days[(days["arm"] == "buy 20,000") & (days["day"] == days["day"].max())]
    assert np.allclose(buy["cumulative_cost"], 20_000 * 9.0 / 1000)


def test_the_same_command_resumes_without_running_again(study, capsys):
    mod, folder, args = study
    before = (folder / "days.csv").read_bytes()
    assert mod.main(args) == 0
    assert "0 run now, 14 already there" in capsys.readouterr().out
    assert (folder / "days.csv").read_bytes() == before


def test_feedsim_plot_redraws_a_comparison_folder(study, feedsim):
    _, folder, _ = study
    (folder / "money.png").unlink()
    proc = feedsim("plot", folder)
    assert proc.returncode == 0, proc.stderr
    assert (folder / "money.png").exists() and "money.png" in proc.stdout
    empty = folder.parent / "not-a-run"
    empty.mkdir()
    proc = feedsim("plot", empty)
    assert proc.returncode == 2 and "not a run folder" in proc.stderr


def test_a_study_left_by_an_earlier_version_is_set_aside_not_refused(study):
    # After an update the scenarios define the study differently: the folder of the same name
    # holds the earlier version's runs. The demo moves that folder aside (kept, renamed) and
    # runs the study again, where it used to stop with the comparison's refusal.
    mod, folder, args = study
    out = folder.parent
    plan = tomllib.loads((folder / "comparison.toml").read_text(encoding="utf-8"))
    days_before = (folder / "days.csv").read_bytes()
    plan["seeds"] = [s + 100 for s in plan["seeds"]]  # what an earlier version ran instead
    import tomli_w

    (folder / "comparison.toml").write_bytes(tomli_w.dumps(plan).encode())
    assert mod.main(args) == 0
    (aside,) = [p for p in out.iterdir() if p.name.startswith(f"{folder.name}-earlier-")]
    kept = tomllib.loads((aside / "comparison.toml").read_text(encoding="utf-8"))
    assert kept["seeds"] == plan["seeds"]  # the earlier runs are kept as they were
    assert tomllib.loads((folder / "comparison.toml").read_text(encoding="utf-8")) != kept
    assert (folder / "days.csv").read_bytes() == days_before  # the same study, run again
