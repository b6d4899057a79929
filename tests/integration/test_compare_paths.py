"""`feedsim compare` gives the same folder whichever way its runs are executed: in the command's
own process (one worker), on workers forked from the warm command, or on freshly started
(spawned) workers as a library caller gets them.

The same two small scenarios (3,000 users, 40 days, a purchase on day 10) on seeds 0 and 1 go
each way; every table, summary and figure file must be byte for byte the same, and each run file
the same rows and metadata but for the run's own timings (how many seconds it took).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from told_executor import COMMAND, run_told

pytest.importorskip("pyarrow")

ROOT = Path(__file__).resolve().parents[2]
BASE = "days = 40\nseed = 3\n[audience]\nusers = 3000\n[brand]\ninitial_followers = 150\n"
BUY = "[strategies.buy]\ndays = [10]\ncount = 600\n"
TIMINGS = ("seconds_audience", "seconds_simulation", "stage_seconds")
SEEDS = "0,1"


@pytest.fixture(scope="module")
def arms(tmp_path_factory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("arms")
    a, b = folder / "plain.toml", folder / "buying.toml"
    a.write_text(BASE)
    b.write_text(BASE + BUY)
    return a, b


def _contents(folder: Path) -> dict[str, object]:
    """Each file's content as it must agree: raw bytes, or for a run file its rows and its
    metadata without the timings."""
    import pyarrow.parquet as pq

    out: dict[str, object] = {}
    for p in sorted(folder.rglob("*")):
        if not p.is_file() or p.name.endswith(".lock"):
            continue
        name = str(p.relative_to(folder))
        if p.parent.name == "runs" and p.suffix == ".parquet":
            table = pq.read_table(p)
            md = dict(table.schema.metadata)
            meta = json.loads(md.pop(b"feedsim.meta"))
            assert set(TIMINGS) <= set(meta), name  # what is left out is there to leave out
            out[name] = (
                table.replace_schema_metadata(None).to_pylist(),
                md,
                {k: v for k, v in meta.items() if k not in TIMINGS},
            )
        else:
            out[name] = p.read_bytes()
    return out


def _command(arms, out: Path, workers: int) -> tuple[Path, str]:
    """Run ``feedsim compare`` as a user does (a process of its own); returns its folder and
    the executor it said it used."""
    a, b = arms
    return run_told(
        ["compare", str(a), str(b), "--seeds", SEEDS]
        + ["--workers", str(workers), "--no-charts", "--quiet", "--out", str(out)]
    )


@pytest.fixture(scope="module")
def spawned(arms, tmp_path_factory) -> dict[str, object]:
    """The folder as a library caller makes it: this test process is no command's own, so its
    pool starts fresh worker processes."""
    from sim.cli.common import load
    from sim.studies.comparison.plan import make_plan
    from sim.studies.comparison.run import run_comparison
    from sim.studies.sweep.executors import LocalPool
    from sim.studies.sweep.processes import fork_safe

    assert not fork_safe()
    plan = make_plan([(None, load(str(p))) for p in arms], [0, 1])
    folder = tmp_path_factory.mktemp("spawned") / plan.name
    real = LocalPool.__init__
    starts = []

    def recorded(self, *args, **kwargs):
        real(self, *args, **kwargs)
        starts.append(self.start)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(LocalPool, "__init__", recorded)
        out = run_comparison(plan, folder, workers=2, progress=False)
    assert starts == ["spawn"] and out.ran == 4 and not out.failed
    return _contents(folder)


def test_one_worker_runs_in_the_command_and_gives_the_same_folder(arms, spawned, tmp_path):
    folder, executor = _command(arms, tmp_path, workers=1)
    assert executor == "executor: InProcess"
    assert _contents(folder) == spawned


def test_workers_forked_from_the_warm_command_give_the_same_folder(arms, spawned, tmp_path):
    """In a process of its own, a pool forks its workers once this process is warm; the runs
    they return are those of fresh workers."""
    folder, executor = _command(arms, tmp_path, workers=2)
    assert executor == "executor: LocalPool fork"
    assert _contents(folder) == spawned


def test_a_pool_refuses_a_start_it_does_not_know():
    from sim.studies.sweep.executors import LocalPool, SweepError

    with pytest.raises(SweepError, match="fork or spawn"):
        LocalPool(1, start="forkserver")


def test_the_commands_charts_and_words_are_those_of_its_folder(arms, tmp_path):
    """The command draws its charts and prints its key figures from the tables its study read
    back once, right after writing them; drawn again from the folder's files alone, every
    chart is the same byte for byte (PNG; an SVG carries its date) and so are the words."""
    from sim.present.charts.compare import comparison_charts
    from sim.studies.comparison.run import figures_text

    a, b = arms
    done = subprocess.run(
        [sys.executable, "-c", COMMAND, "compare", str(a), str(b), "--seeds", SEEDS]
        + ["--workers", "2", "--out", str(tmp_path / "out")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    (line,) = [s for s in done.stdout.splitlines() if s.startswith("results: ")]
    folder = Path(line.split()[1])
    again = tmp_path / "again"
    again.mkdir()
    drawn = [p for p in comparison_charts(folder, out=again) if p.suffix == ".png"]
    assert len(drawn) == 5
    for p in drawn:
        assert (folder / p.name).read_bytes() == p.read_bytes(), p.name
    assert figures_text(folder) in done.stdout
