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

from sim.base.presented import cell, for_run
from sim.engine.results import new_run_dir
from sim.engine.runner import run_to_folder
from sim.present.charts.overlay import overlay_runs, write_overlay_file
from sim.present.charts.run import run_charts, run_marks
from sim.scenario import load_scenario

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))


def main(out: str = str(ROOT / "results")) -> int:
    folders = []
    for name in ("organic", "bought_followers"):
        scenario = load_scenario(ROOT / "scenarios" / f"{name}.toml")
        result, folder = run_to_folder(scenario, out=out, progress=True)
        run_charts(folder)
        # The figures its chart and report quote (sim.base.presented), written the same way.
        t = for_run(result.days, name, result.seed, run_marks(scenario))
        print(
            f"{name:>17}: followers at the end {cell(t, name, 'followers_end', 'en'):>6} "
            f"(real {cell(t, name, 'real_followers_end', 'en')}); real reach of a typical "
            f"post {cell(t, name, 'real_reach_per_post', 'en')}; purchases "
            f"{cell(t, name, 'purchases', 'en')}"
        )
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
