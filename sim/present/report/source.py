"""What a report is made of, read from a result folder: a run, a comparison or a sweep.

:func:`read_folder` recognises the folder by its files (``sweep.toml``; ``comparison.toml`` or a
``days.csv`` with ``arm`` and ``seed``; ``days.csv`` with ``scenario.resolved.toml``) and
returns a :class:`ReportSource`: the title, the key figures per column of the key-figure table,
the tables a spreadsheet holds, the scenario the assumptions come from and the charts' PNGs
(drawn first if the folder has none).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from sim.base import presented, safe_io
from sim.base.i18n import Said
from sim.base.l10n import SaidError, said_of
from sim.present.folders import BY_NAME, COMPARISON, RUN, SWEEP

# Charts that belong to other studies that may share a folder, not to this result (and the
# dashboard's own picture of a saved what-if).
_OTHER_CHARTS = ("tornado_", "waterfall_", "whatif.", "worlds.")


class ReportError(SaidError):
    """A folder a report cannot be made from; the message says what it lacks (a sentence said
    later where it can be said in the report's language too)."""


@dataclass
class ReportSource:
    """Everything a report, deck or spreadsheet shows, from one folder.

    Attributes:
        kind: ``"run"``, ``"comparison"`` or ``"sweep"``.
        folder: the result folder.
        name: the scenario's, comparison's or sweep's name.
        description: the scenario's description ("" if none).
        figures: the presented figures (:mod:`sim.base.presented`), one row per column of the
            key-figure table: the run, each arm, each grid point (medians over seeds).
        per_run: the figures of every run (group, seed and the figures); one row for a run.
        baseline: the arm or grid point the others are read against (None for a run).
        seeds: seeds per column.
        days: the folder's day table (tidy for comparisons and sweeps).
        posts: a run's post table (None otherwise).
        summary: the folder's own summary table, if it has one.
        scenario: the scenario the assumptions are read from (None if the folder keeps none).
        arm_scenarios: every arm's scenario a comparison keeps (the structural assumptions of
            its conclusion are those of any arm: the tactic's arm, not only the baseline's).
        platform: the platform preset (for the assumptions when no scenario is kept).
        facts: what the title page lists: (label, value) pairs, English labels.
        lang: the language the scenario asks for (None: not set).
        charts: PNG files of the folder's charts.
    """

    kind: str
    folder: Path
    name: str
    description: str
    figures: pd.DataFrame
    per_run: pd.DataFrame
    baseline: str | None
    seeds: int
    days: pd.DataFrame
    posts: pd.DataFrame | None = None
    summary: pd.DataFrame | None = None
    scenario: object | None = None
    arm_scenarios: list = field(default_factory=list)
    platform: str = "instagram"
    facts: list[tuple[str, object]] = field(default_factory=list)
    lang: str | None = None
    charts: list[Path] = field(default_factory=list)
    table: presented.Table | None = None
    titles: dict = field(default_factory=dict)
    description_nl: str = ""

    def shown(self, group, lang: str) -> str:
        """A run, arm or grid point as the reader sees it: its title in ``lang`` (a scenario's
        title, a grid point in words), else its label as written."""
        return self.titles.get(group, {}).get(lang) or str(group)

    def describe(self, lang: str) -> str:
        """The description in ``lang`` ("" if it has none in that language)."""
        return (self.description_nl if lang == "nl" else self.description).strip()


def folder_kind(folder: str | Path) -> str:
    """The kind of ``folder`` (:mod:`sim.present.folders`, the one registry of result-folder kinds):
    ``"run"``, ``"comparison"``, ``"sweep"``, ``"whatif"`` or a study's kind.

    Raises:
        ReportError: none of the kinds, or one without a report.
    """
    from sim.present.folders import FolderKindError, reportable

    try:
        return reportable(folder).name
    except FolderKindError as exc:
        raise ReportError(said_of(exc)) from None


def read_folder(folder: str | Path, draw: bool = True) -> ReportSource:
    """Read ``folder`` for a report.

    Args:
        folder: a run, comparison or sweep folder.
        draw: draw the folder's charts if it has no PNG yet.

    Raises:
        ReportError: not a result folder, or one that has not finished.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise ReportError(
            Said(
                "{folder} is not a folder; pass a result folder such as results/organic/<run-id>",
                {"folder": folder},
            )
        )
    kind = folder_kind(folder)
    readers = {RUN: _read_run, COMPARISON: _read_comparison, SWEEP: _read_sweep}
    if kind not in readers:
        raise ReportError(
            f"{folder} is a study, not a table of runs: its report is written by "
            "sim.present.report.write_report"
        )
    try:
        src = readers[kind](folder)
    except FileNotFoundError as exc:
        raise ReportError(str(exc)) from None
    src.charts = charts(folder, kind, draw)
    return src


def charts(folder: Path, kind: str, draw: bool = True) -> list[Path]:
    """The folder's chart PNGs (its own, not a sensitivity or explanation study's), drawn
    first when there are none."""

    def found() -> list[Path]:
        return story_order(p for p in folder.glob("*.png") if not p.name.startswith(_OTHER_CHARTS))

    if not found() and draw:
        BY_NAME[kind].draw(folder)
    return found()


def charts_language(charts: list[Path], folder: Path) -> str:
    """The language a folder's charts were drawn in, from the text chunk :mod:`sim.present.
    charts.common` writes into every PNG ("en" for charts drawn before it did). Each file is
    opened as a regular file inside ``folder`` (a pipe or a link out is refused) and only
    its head is read: the chunk comes before the image data."""
    import re

    for path in charts:
        with safe_io.open_regular(path, "chart", folder, 1 << 26) as fh:
            head = fh.read(1 << 12)
        found = re.search(rb"tEXtLanguage\x00([a-z]{2})", head)
        if found and found.group(1).decode() != "en":
            return found.group(1).decode()
    return "en"


def charts_in(folder: Path, kind: str, lang: str, out: Path) -> list[Path]:
    """The folder's charts drawn in ``lang`` into ``out`` (kept there, and reused next time)."""

    def found() -> list[Path]:
        return story_order(out.glob("*.png")) if out.is_dir() else []

    if not found():
        safe_io.make_folder(out, out.parent)  # a link out of the report's folder is refused
        BY_NAME[kind].draw(folder, lang=lang, out=out)
    return found()


# Charts in the order a client follows the story: reach, followers, money, then the rest.
STORY = ("followers_reach", "real_reach", "followers", "money", "kaushik", "engagement_rate")


def story_order(paths) -> list[Path]:
    """Chart files in story order (:data:`STORY`), any others after them by name."""

    def key(p: Path):
        return (STORY.index(p.stem) if p.stem in STORY else len(STORY), p.name)

    return sorted(paths, key=key)


def readable(name: str) -> str:
    """A file or folder name as a title: ``organic_vs_bought`` -> ``Organic vs bought``."""
    text = name.replace("_", " ").replace("-", " ").strip()
    return text[:1].upper() + text[1:]


def _lang_of(scenario) -> str | None:
    return getattr(scenario, "lang", None)


def _read_run(folder: Path) -> ReportSource:
    from sim.engine import results as res

    r = res.read(folder)
    sc = r.scenario
    from sim.present.charts.run import run_marks

    marks = run_marks(sc)
    table = presented.for_run(r.days, sc.name, r.seed, marks)
    facts = [
        ("platform", sc.platform),
        ("days", sc.days),
        ("audience", sc.audience.users),
        ("posts", len(r.posts)),
    ]
    titles = {sc.name: {lang: presented.scenario_text(sc, lang, "title") for lang in ("en", "nl")}}
    return ReportSource(
        RUN,
        folder,
        sc.name,
        sc.description,
        table.values,
        table.per_run,
        None,
        1,
        r.days,
        posts=r.posts,
        summary=pd.DataFrame([r.summary()]),
        scenario=sc,
        platform=sc.platform,
        facts=facts,
        lang=_lang_of(sc),
        table=table,
        titles=titles,
        description_nl=sc.description_nl,
    )


def _read_comparison(folder: Path) -> ReportSource:
    from sim.present.charts.compare import COMPARISON_FILE, ComparisonError, read_comparison

    try:
        days, arms = read_comparison(folder)
    except ComparisonError as exc:
        raise ReportError(str(exc)) from None
    spec = {}
    if (folder / COMPARISON_FILE).exists():
        spec = safe_io.read_toml(folder / COMPARISON_FILE, "comparison spec", folder)
    table = presented.compute(days, "arm", list(arms.names), arms.baseline, arms.marks)
    summary = (
        safe_io.read_csv(folder / "summary.csv", "comparison summary", folder)
        if (folder / "summary.csv").exists()
        else None
    )
    scenario = _comparison_scenario(folder, spec, arms.baseline)
    name = str(
        spec.get("name") or (folder.parent.name if folder.parent.name != "results" else folder.name)
    )
    description = str(spec.get("description", ""))
    platforms = spec.get("platforms") or []
    platform = str(
        spec.get("platform")
        or (platforms[0] if len(platforms) == 1 else "")
        or getattr(scenario, "platform", "instagram")
    )
    facts = [
        ("arms", len(arms.names)),
        ("baseline", arms.baseline),
        ("seeds", arms.seeds),
        ("days", int(days["day"].max()) + 1),
    ]
    if platform:
        facts.insert(0, ("platform", platform))
    users = spec.get("users")
    if isinstance(users, list):  # one entry per audience size among the arms
        users = users[0] if len(users) == 1 else None
    if users is not None:
        facts.insert(3, ("audience", int(users)))
    lang = spec.get("lang") or _lang_of(scenario)
    kept = [_comparison_scenario(folder, spec, arm) for arm in arms.names]
    return ReportSource(
        COMPARISON,
        folder,
        name,
        description,
        table.values,
        table.per_run,
        arms.baseline,
        arms.seeds,
        days,
        summary=summary,
        scenario=scenario,
        arm_scenarios=[sc for sc in kept if sc is not None],
        platform=platform,
        facts=facts,
        lang=lang,
        table=table,
        titles=dict(arms.titles),
        description_nl=str(spec.get("description_nl", "")),
    )


def _comparison_scenario(folder: Path, spec: dict, baseline: str):
    """The baseline arm's scenario if the folder keeps the arms' resolved scenarios
    (``<arm>/scenario.resolved.toml`` or ``scenarios/<arm>.toml``), else None."""
    from sim.scenario import resolve

    folders = spec.get("folders", {})
    arm = folders.get(baseline, baseline) if isinstance(folders, dict) else baseline
    if not isinstance(arm, str):
        raise ValueError(
            f"{folder / 'comparison.toml'}: folders.{baseline} must be a folder name (text)"
        )
    candidates = [
        folder / arm / "scenario.resolved.toml",
        folder / "scenarios" / f"{baseline}.toml",
    ]
    for path in candidates:
        if path.exists():
            raw = safe_io.read_toml(path, "resolved scenario", folder)
            return resolve(raw, source=str(path), merge_preset=False)
    sweep = folder / arm / "sweep.toml"  # a comparison run by `feedsim compare FILE.toml ...`
    if sweep.exists():
        base = safe_io.read_toml(sweep, "sweep spec", folder).get("base")
        if base:
            return resolve(base, source=str(sweep), merge_preset=False)
    return None


def _read_sweep(folder: Path) -> ReportSource:
    from sim.scenario import resolve
    from sim.studies.sweep.store import DAYS_FILE, read_sweep

    spec, summary, _ = read_sweep(folder)
    if not (folder / DAYS_FILE).exists():
        raise ReportError(
            Said(
                "{folder} has no {file}: the sweep has no finished run yet",
                {"folder": folder, "file": DAYS_FILE},
            )
        )
    days = safe_io.read_parquet(folder / DAYS_FILE, "day table", folder).to_pandas()
    points = list(spec.get("points", {}))
    labels = {pid: point_label(spec["points"][pid]) for pid in points}
    days["point"] = days["point"].map(lambda p: labels.get(p, p))
    order = [labels[p] for p in points if labels[p] in set(days["point"])]
    table = presented.compute(days, "point", order, order[0] if order else None)
    titles = {
        labels[p]: {lang: point_words(spec["points"][p], lang) for lang in ("en", "nl")}
        for p in points
    }
    base = resolve(spec["base"], source=f"{folder}/sweep.toml [base]", merge_preset=False)
    grid = spec.get("grid", {})
    seeds = len(spec.get("seeds", []))
    facts = [
        ("platform", base.platform),
        ("days", base.days),
        ("audience", base.audience.users),
        ("grid points", len(points)),
        ("seeds", seeds),
    ]
    facts += [(k, list(vals)) for k, vals in grid.items()]
    return ReportSource(
        SWEEP,
        folder,
        str(spec.get("name", folder.name)),
        base.description,
        table.values,
        table.per_run,
        order[0] if order else None,
        seeds,
        days,
        summary=summary,
        scenario=base,
        platform=base.platform,
        facts=facts,
        lang=_lang_of(base),
        table=table,
        titles=titles,
        description_nl=base.description_nl,
    )


def _value(v) -> str:
    if isinstance(v, bool):
        return str(v).lower()
    if isinstance(v, (list, dict)):
        return json.dumps(v)
    return str(v)


def point_words(values: dict, lang: str) -> str:
    """A grid point in the reader's words: 'followers bought per package: 5,000'."""
    from sim.base.i18n import tr
    from sim.base.l10n import number
    from sim.present.charts.sweep import grid_label

    def shown(v) -> str:
        if isinstance(v, bool):
            return tr("yes", lang) if v else tr("no", lang)
        if isinstance(v, (int, float)):
            return number(v, lang, 0 if float(v).is_integer() else 2)
        return str(v)

    return "; ".join(f"{tr(grid_label(k), lang)}: {shown(v)}" for k, v in values.items()) or (
        tr("baseline", lang)
    )


def point_label(values: dict) -> str:
    """A grid point as a column header: ``count = 5000``; several keys joined by ``; ``."""
    return "; ".join(f"{k.split('.')[-1]} = {_value(v)}" for k, v in values.items()) or "base"
