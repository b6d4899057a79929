"""The headline study for `make demo`: organic growth against buying 5,000 followers.

Runs both shipped scenarios with the same seed (same audience, common random numbers), writes a
run folder for each under results/, and a side-by-side chart under results/compare/.
"""

from __future__ import annotations

import sys
from pathlib import Path

from sim import plots
from sim.results import new_run_dir
from sim.runner import run_to_folder
from sim.scenario import load_scenario

ROOT = Path(__file__).resolve().parent.parent


def main(out: str = "results") -> int:
    folders = []
    for name in ("organic", "bought_followers"):
        scenario = load_scenario(ROOT / "scenarios" / f"{name}.toml")
        result, folder = run_to_folder(scenario, out=out, progress=True)
        s = result.summary()
        print(f"{name:>17}: followers at the end {s['followers_end']:>6,} "
              f"(real {s['followers_real_end']:,}); mean real reach per post "
              f"{s['mean_real_reach_per_post']:,.0f}; purchases {s['purchases']:,}")
        folders.append(folder)
    compare = new_run_dir(out, "compare", 1)
    paths = plots.compare_runs(folders, compare / "followers_reach")
    print("\ncharts:")
    for f in folders:
        print(f"  {f / 'followers_reach.png'}")
    print(f"  {paths[0]}   <- organic vs bought, side by side")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
