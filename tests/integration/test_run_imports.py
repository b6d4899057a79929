"""What a run imports, checked in a fresh interpreter: a run that needs no agent, table or chart
imports no Mesa (nor the SciPy spatial modules it pulls in), no pandas, no NetworkX and no
SciPy linear algebra (numba's BLAS probe, see sim.base.jit), each of them a few tenths of a second
before anything is simulated."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import sim

ROOT = Path(sim.__file__).parent.parent
HEAVY = ("mesa", "pandas", "networkx", "matplotlib", "scipy.spatial", "scipy.linalg")


def _fresh(code: str) -> list[str]:
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=300
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.splitlines()


def test_feedsim_run_without_charts_imports_nothing_heavy(tmp_path):
    scenario = tmp_path / "small.toml"
    scenario.write_text("days = 20\n[audience]\nusers = 2000\n[brand]\ninitial_followers = 50\n")
    out = _fresh(
        "import sys; from sim.cli import main; "
        f"code = main(['run', {str(scenario)!r}, '--no-charts', '--quiet', '--out', "
        f"{str(tmp_path / 'out')!r}]); "
        f"print(code); print(sorted(m for m in {HEAVY!r} if m in sys.modules))"
    )
    assert out[-2:] == ["0", "[]"]
    assert (next((tmp_path / "out" / "small").iterdir()) / "days.csv").exists()


def test_mesa_comes_in_with_the_first_agent():
    out = _fresh(
        "import sys; from sim.scenario import resolve; from sim.engine.model import FeedModel; "
        "m = FeedModel(resolve({'days': 3, 'audience': {'users': 300}, "
        "'brand': {'initial_followers': 20}}, source='t'), seed=1); m.run_days(3); "
        "print('mesa' in sys.modules); u = m.user(0); print('mesa' in sys.modules); "
        "print(u in m.agents and u.model.audience is m.audience)"
    )
    assert out == ["False", "True", "True"]


def test_a_sweep_worker_runs_and_packs_a_run_without_mesa():
    # pyarrow imports pandas by itself when it builds an array, so a worker has pandas loaded
    # (once, at start); its runs still build no DataFrame.
    heavy = tuple(m for m in HEAVY if m != "pandas")
    out = _fresh(
        "import sys; from sim.scenario import resolve; from sim.studies.sweep.run import run_one; "
        "sc = resolve({'days': 10, 'audience': {'users': 500}, 'brand': "
        "{'initial_followers': 20}}, source='t'); "
        "status, data = run_one(sc.to_dict(), 3, {'point': 'p0', 'point_index': 0, "
        "'values': {'brand.posts_per_week': 3}}); "
        f"print(status); print(sorted(m for m in {heavy!r} if m in sys.modules))"
    )
    assert out == ["ok", "[]"]


def test_validating_a_scenario_imports_no_numba():
    # `feedsim validate` and `feedsim presets` start in about a quarter of a second; numba alone
    # takes half as long again to import, so no module a scenario's parameters live in may
    # import it (compiled passes are imported by the acts that use them).
    out = _fresh(
        "import sys; from sim.cli import main; "
        "code = main(['validate', 'scenarios/organic.toml']); "
        "print(code); print('numba' in sys.modules)"
    )
    assert out[-2:] == ["0", "False"]
