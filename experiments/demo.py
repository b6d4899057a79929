"""`make demo`: the headline scenarios, then a shortened organic-versus-bought study.

1. Runs scenarios/organic.toml and scenarios/bought_followers.toml with the same seed (same
   audience, common random numbers) and overlays them on one chart.
2. Runs experiments/organic_vs_bought.py (the comparison file experiments/organic_vs_bought.toml)
   with 6 seeds instead of 20.
Prints where every chart is.
"""

from __future__ import annotations

import sys
from pathlib import Path

from sim.charts.overlay import overlay_runs, write_overlay_file
from sim.charts.run import run_charts
from sim.results import new_run_dir
from sim.runner import run_to_folder
from sim.scenario import load_scenario

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))


def main(out: str = str(ROOT / "results")) -> int:
    folders = []
    for name in ("organic", "bought_followers"):
        scenario = load_scenario(ROOT / "scenarios" / f"{name}.toml")
        result, folder = run_to_folder(scenario, out=out, progress=True)
        run_charts(folder)
        s = result.summary()
        print(f"{name:>17}: followers at the end {s['followers_end']:>6,} "
              f"(real {s['followers_real_end']:,}); mean real reach per post "
              f"{s['mean_real_reach_per_post']:,.0f}; purchases {s['purchases']:,}")
        folders.append(folder)
    compare = new_run_dir(out, "compare", 1)
    write_overlay_file(compare, folders)
    paths = overlay_runs(folders, compare / "followers_reach")
    print("\nrun charts:")
    for f in folders:
        print(f"  {f / 'followers_reach.png'}")
    print(f"  {paths[0]}   <- organic vs bought, one seed each, overlaid\n")

    import organic_vs_bought

    return organic_vs_bought.main(["--seeds", "6", "--out", out])


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
