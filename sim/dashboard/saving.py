"""Saving what a strategy session found: a what-if as a runnable scenario, the whole session as
a comparison folder.

:func:`save_whatif` writes a plan as a runnable scenario with its own title and description, its
levers and a short report of the numbers shown; :func:`export_comparison` writes the whole
session as a comparison folder that ``feedsim report`` turns into a PDF and a deck. The runs and
the words come from :mod:`sim.dashboard.whatif`; every figure is the catalogue's
(:mod:`sim.base.presented`).
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from sim.dashboard.whatif import (
    FIGURES,
    Arm,
    Levers,
    Plan,
    Session,
    describe,
    figure_label,
    format_figure,
    overrides,
)


def presented_table(baseline: Arm, whatif: Arm):
    """The presented figures of a baseline and one what-if on the same seeds."""
    from sim.base.presented import compute
    from sim.present.charts.run import run_marks

    days = pd.concat([baseline.tidy("baseline"), whatif.tidy("whatif")], ignore_index=True)
    return compute(
        days, "arm", ["baseline", "whatif"], "baseline", {"whatif": run_marks(whatif.scenario)}
    )


def figures_table(baseline: Arm, whatif: Arm) -> pd.DataFrame:
    """Headline figures: baseline and what-if (medians over seeds) and their difference."""
    t = presented_table(baseline, whatif)
    rows = []
    for name in FIGURES:
        b, w = t.value("baseline", name), t.value("whatif", name)
        rows.append({"figure": name, "baseline": b, "whatif": w, "difference": w - b})
    return pd.DataFrame(rows)


def verdict_text(baseline: Arm, whatif: Arm, lang: str = "en") -> str:
    """The what-if against the baseline in one sentence, with how sure it is."""
    from sim.base.presented import verdict

    words = {"en": ("the what-if", "the baseline"), "nl": ("de wat-als", "de nulmeting")}[lang]
    return verdict(presented_table(baseline, whatif), "whatif", lang, *words)


# ---------------------------------------------------------------------------------------------
# Saving a plan, exporting the session
# ---------------------------------------------------------------------------------------------


def session_folder(out: str | Path, name: str) -> Path:
    """A new folder ``out/dashboard/<name>-<time>`` for one page's saved files (never an
    existing one)."""
    from sim.scenario import safe_name

    root = Path(out) / "dashboard"
    root.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    for k in range(1000):
        folder = root / (f"{safe_name(name)}-{stamp}" + (f"-{k}" if k else ""))
        try:
            folder.mkdir()
            return folder
        except FileExistsError:
            continue
    raise FileExistsError(f"no free session folder under {root}")


def _free(folder: Path, stem: str, suffixes: tuple[str, ...]) -> str:
    """``stem``, or ``stem-2``, ``stem-3``...: the first for which no ``stem+suffix`` exists."""
    for k in range(1, 1000):
        s = stem if k == 1 else f"{stem}-{k}"
        if not any((folder / f"{s}{x}").exists() for x in suffixes):
            return s
    raise FileExistsError(f"{folder}: no free name for {stem}")


def save_whatif(
    base,
    plan: Plan | Levers,
    baseline: Arm,
    whatif: Arm,
    folder: str | Path,
    lang: str = "en",
    chart_png: bytes | None = None,
) -> dict[str, Path]:
    """Write the plan as a runnable scenario (``<name>.toml``, with its own title and
    description), its levers (``<name>.levers.toml``) and a short report of the numbers shown
    (``<name>.md``) into ``folder``, each written whole (:func:`sim.base.safe_io.atomic_write`);
    a name already used there gets a number, so nothing is overwritten.

    Args:
        chart_png: the chart as shown, saved beside the report (``<name>.png``).
    """
    import tomli_w

    from sim.base.safe_io import atomic_write
    from sim.dashboard.text import t

    plan = plan if isinstance(plan, Plan) else Plan(plan)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    sc = whatif.scenario
    stem = _free(folder, sc.name, (".toml", ".md", ".levers.toml", ".png"))
    paths = {
        "scenario": folder / f"{stem}.toml",
        "report": folder / f"{stem}.md",
        "levers": folder / f"{stem}.levers.toml",
    }
    changed = ", ".join(f"{k} = {v}" for k, v in overrides(base, plan.levers).items())
    atomic_write(
        paths["scenario"],
        (
            f"# What-if saved from `feedsim dashboard` on {base.name}; run it with "
            f"`feedsim run {paths['scenario'].name}`.\n# Changed: {changed or 'none'}\n"
            + sc.to_toml()
        ).encode("utf-8"),
        folder,
    )
    lv = asdict(plan.levers)
    atomic_write(
        paths["levers"],
        tomli_w.dumps({"name": plan.name, **{k: v for k, v in lv.items() if v is not None}}).encode(
            "utf-8"
        ),
        folder,
    )
    title = sc.title_nl if lang == "nl" else sc.title
    table = figures_table(baseline, whatif)
    lines = [
        f"# {title}",
        "",
        describe(base, plan.levers, lang),
        "",
        f"{t('days', lang).capitalize()}: {sc.days}; {t('users', lang)}: "
        f"{_count(sc.audience.users, lang)}; "
        + t("each figure is the median of {n} simulated runs", lang).format(n=len(whatif.days)),
        "",
        f"| {t('figure', lang)} | {t('baseline', lang)} | {t('what-if', lang)} | "
        f"{t('difference', lang)} |",
        "|---|---:|---:|---:|",
    ]
    for row in table.itertuples():
        if row.figure == "net_vs_baseline":
            continue
        lines.append(
            f"| {figure_label(row.figure, lang)} | "
            f"{format_figure(row.figure, row.baseline, lang)} | "
            f"{format_figure(row.figure, row.whatif, lang)} | "
            f"{format_figure(row.figure, row.difference, lang, sign=True)} |"
        )
    lines += ["", verdict_text(baseline, whatif, lang)]
    lines += [
        "",
        f"{t('Scenario file', lang)}: `{paths['scenario'].name}` "
        f"(`feedsim run {paths['scenario'].name}`)",
    ]
    if chart_png is not None:
        paths["chart"] = folder / f"{stem}.png"
        atomic_write(paths["chart"], chart_png, folder)
        lines.append(f"\n![{title}]({paths['chart'].name})")
    atomic_write(paths["report"], ("\n".join(lines) + "\n").encode("utf-8"), folder)
    return paths


def _count(n: float, lang: str) -> str:
    from sim.base.l10n import number

    return number(n, lang)


def export_comparison(
    session: Session, folder: str | Path, lang: str = "en", slides: bool = True
) -> Path:
    """Write ``session`` as a comparison folder, in the shape ``feedsim compare`` writes
    (:mod:`sim.studies.comparison.run`: ``comparison.toml``, ``days.csv``, ``summary.csv``,
    ``figures.csv``, one folder per arm with its resolved scenario), so ``feedsim report``
    turns it into the PDF, the deck and the spreadsheet; with ``slides``, each chart as a
    1920×1080 PNG in ``slides/``.

    Args:
        folder: a new folder (an existing non-empty one is refused: nothing is overwritten).
    """
    from sim.base.safe_io import atomic_write, csv_bytes
    from sim.dashboard.text import t
    from sim.scenario import safe_name
    from sim.studies.comparison.plan import make_plan
    from sim.studies.comparison.run import (
        COMPARISON_FILE,
        DAYS_FILE,
        FIGURES_FILE,
        KEEP,
        SUMMARY_FILE,
        add_incremental_roi,
        figures_frame,
        summarise,
    )

    folder = Path(folder)
    if folder.exists() and any(folder.iterdir()):
        raise FileExistsError(f"{folder} is not empty; refusing to overwrite it")
    folder.mkdir(parents=True, exist_ok=True)
    en, nl = session.labels("en"), session.labels("nl")
    # The baseline by its scenario's title where it has one (the report's verdict reads "against
    # Organic growth"), else by the word.
    base_en = session.base.title or t("baseline", "en").capitalize()
    base_nl = session.base.title_nl or (
        session.base.title if session.base.title else t("baseline", "nl").capitalize()
    )
    while base_en in en:
        base_en += " *"
    labels = [base_en, *en]
    arms = [(base_en, session.base)] + [
        (lb, a.scenario) for lb, a in zip(en, session.arms, strict=True)
    ]
    seeds = sorted(session.baseline.days)
    plan = make_plan(
        arms,
        seeds,
        base_en,
        safe_name(f"{session.base.name}-session"),
        description=t("What-ifs from a strategy session", "en"),
        source="dashboard",
    )
    plan.labels_nl = {base_en: base_nl, **dict(zip(en, nl, strict=True))}
    plan.description_nl = t("What-ifs from a strategy session", "nl")
    spec = plan.to_dict()
    import tomli_w

    atomic_write(folder / COMPARISON_FILE, tomli_w.dumps(spec).encode("utf-8"), folder)
    frames, runs = [], {}
    for a, label, arm in zip(plan.arms, labels, [session.baseline, *session.arms], strict=True):
        sub = folder / a.slug
        sub.mkdir()
        atomic_write(
            sub / "scenario.resolved.toml",
            (
                "# Scenario as run; `feedsim run` accepts this file as it is.\n"
                + arm.scenario.to_toml()
            ).encode("utf-8"),
            folder,
        )
        tidy = arm.tidy(label)
        frames.append(tidy[["arm", "seed"] + [c for c in KEEP if c in tidy]])
        runs[a.slug] = pd.DataFrame([{"seed": s, **f} for s, f in arm.figures.items()])
    days = add_incremental_roi(pd.concat(frames, ignore_index=True), base_en)
    atomic_write(folder / DAYS_FILE, csv_bytes(days, index=False), folder)
    atomic_write(folder / SUMMARY_FILE, csv_bytes(summarise(plan, days, runs)), folder)
    atomic_write(folder / FIGURES_FILE, csv_bytes(figures_frame(folder), index=False), folder)
    if slides:
        from sim.present.charts.whatif import slide_pngs

        sub = folder / "slides"
        sub.mkdir()
        for name, png in slide_pngs(session, lang).items():
            atomic_write(sub / f"{name}.png", png, folder)
    return folder
