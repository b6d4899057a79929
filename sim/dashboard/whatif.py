"""The what-if of a strategy session, without any web page: levers, runs, figures, saving.

A :class:`Levers` holds what a client asks about (buy followers and how many, follow-for-follow,
a giveaway, an influencer, posts per week, rhythm, hour, content mix, replying to comments). It
becomes dotted scenario overrides of the base scenario (:func:`overrides`); :func:`compare` runs
the baseline and the what-if on the same seeds (common random numbers) and returns per-seed day
tables and headline figures; :func:`save_whatif` writes the what-if as a runnable scenario file
and a short report of the numbers shown.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

import pandas as pd

from sim.attributes import ATTRIBUTES
from sim.dashboard.warmup import one_at_a_time

# The content attributes offered as sliders (a content mix a strategist discusses).
MIX = ("question", "emotion", "helpful", "call_to_action", "story", "scarcity")
# Headline figures shown and saved: presented figures (sim.presented), as every report shows them.
FIGURES = ("real_followers_end", "real_reach_per_post", "conversation", "purchases",
           "net_revenue")


@dataclass(frozen=True)
class Levers:
    """What a client can change. Defaults (None) keep the base scenario's value."""

    buy: bool = False
    buy_count: int = 5_000
    follow_for_follow: bool = False
    giveaway: bool = False
    influencer: bool = False
    posts_per_week: float | None = None
    rhythm: str | None = None
    hour: int | None = None
    reply_share: float | None = None
    mix: dict[str, float] = field(default_factory=dict)

    def with_(self, **changes) -> Levers:
        return replace(self, **changes)


def levers_of(base) -> Levers:
    """The levers as the base scenario sets them (so the page opens on the baseline)."""
    return Levers(posts_per_week=base.brand.posts_per_week, rhythm=base.brand.rhythm,
                  hour=base.brand.hour, reply_share=base.brand.reply_share,
                  mix={a: float(getattr(base.content, a)) for a in MIX})


def _tactic_day(base, wanted: int) -> int:
    """A tactic's day: ``wanted``, or a tenth into the run if that is past its end."""
    return wanted if wanted < base.days else max(0, base.days // 10)


def overrides(base, lv: Levers) -> dict:
    """Dotted scenario keys that turn ``base`` into the what-if (nothing for an unchanged lever).

    Tactics switched on use the values of the ready-made scenarios (scenarios/*.toml): a
    package of ``buy_count`` on day 30, follow-for-follow 200 a day from day 30 to day 120, a
    3,000-entrant giveaway on day 30, a micro-influencer once a month.
    """
    out: dict = {}
    day = _tactic_day(base, 30)
    if lv.buy and lv.buy_count > 0:
        out["strategies.buy.days"] = [day]
        out["strategies.buy.count"] = int(lv.buy_count)
    if lv.follow_for_follow:
        out["strategies.follow_for_follow.start_day"] = day
        out["strategies.follow_for_follow.end_day"] = min(base.days - 1, day + 90)
        out["strategies.follow_for_follow.per_day"] = 200
    if lv.giveaway:
        out["strategies.giveaway.day"] = day
        out["strategies.giveaway.entrants"] = 3_000
    if lv.influencer:
        out["strategies.influencer.days"] = list(range(day, base.days, 30))
        out["strategies.influencer.tier"] = "micro"
    for key, value, now in (("brand.posts_per_week", lv.posts_per_week,
                             base.brand.posts_per_week),
                            ("brand.rhythm", lv.rhythm, base.brand.rhythm),
                            ("brand.hour", lv.hour, base.brand.hour),
                            ("brand.reply_share", lv.reply_share, base.brand.reply_share)):
        if value is not None and value != now:
            out[key] = value
    for attr, share in lv.mix.items():
        if attr not in ATTRIBUTES:
            raise ValueError(f"unknown content attribute {attr!r}")
        if share != getattr(base.content, attr):
            out[f"content.{attr}"] = float(share)
    return out


def whatif_scenario(base, lv: Levers):
    """The base scenario with the levers applied (validated)."""
    ov = overrides(base, lv)
    name = f"{base.name}-whatif"
    sc = base.with_overrides({**ov, "name": name[:80]}, source="dashboard")
    return sc


@dataclass
class Arm:
    """One scenario's runs: per seed, its day table and run figures."""

    scenario: object
    days: dict[int, pd.DataFrame]
    posts: dict[int, pd.DataFrame]
    figures: dict[int, dict]

    def tidy(self, label: str) -> pd.DataFrame:
        """The arm's day tables as one tidy table (``arm`` = ``label``, ``seed``)."""
        return pd.concat([d.assign(arm=label, seed=s) for s, d in self.days.items()],
                         ignore_index=True)

    def figure(self, name: str) -> float:
        """A presented figure of the arm (:mod:`sim.presented`: the median over its seeds)."""
        from sim.presented import compute

        return compute(self.tidy("arm"), "arm").value("arm", name)


# The real users of the session's audiences, kept between lever changes: no lever changes what
# they depend on (tactics add their accounts after them), so each seed's are built once.
_POPULATIONS = None


def populations():
    """The dashboard's store of populations (:class:`sim.audience.PopulationCache`): as many
    as a session's seeds need, at most 1 GB."""
    global _POPULATIONS
    if _POPULATIONS is None:
        from sim.audience import PopulationCache

        _POPULATIONS = PopulationCache(entries=8, max_bytes=1 << 30)
    return _POPULATIONS


@one_at_a_time  # one simulation at a time in a server (see sim.dashboard.warmup)
def run_arm(scenario, seeds: list[int]) -> Arm:
    """Run ``scenario`` on every seed (in this process), each audience's real users taken from
    :func:`populations` (the same results as building them each time)."""
    from sim.runner import run

    days, posts, figs = {}, {}, {}
    for s in seeds:
        r = run(scenario, seed=s, populations=populations())
        days[s], posts[s], figs[s] = r.days, r.posts, r.summary()
    return Arm(scenario, days, posts, figs)


def presented_table(baseline: Arm, whatif: Arm):
    """The presented figures of the baseline and the what-if on the same seeds
    (:func:`sim.presented.compute`, the catalogue every report reads)."""
    from sim.charts.run import run_marks
    from sim.presented import compute

    days = pd.concat([baseline.tidy("baseline"), whatif.tidy("whatif")], ignore_index=True)
    return compute(days, "arm", ["baseline", "whatif"], "baseline",
                   {"whatif": run_marks(whatif.scenario)})


def figures_table(baseline: Arm, whatif: Arm) -> pd.DataFrame:
    """Headline figures: baseline and what-if (medians over seeds) and their difference."""
    t = presented_table(baseline, whatif)
    rows = []
    for name in FIGURES:
        b, w = t.value("baseline", name), t.value("whatif", name)
        rows.append({"figure": name, "baseline": b, "whatif": w, "difference": w - b})
    return pd.DataFrame(rows)


def figure_label(name: str, lang: str = "en") -> str:
    """A headline figure's name in ``lang``."""
    from sim.presented import FIGURE

    return FIGURE[name].label(lang)


def format_figure(name: str, v: float, lang: str = "en", sign: bool = False) -> str:
    """A figure as shown on the page and in the report (:func:`sim.presented.text`, the one
    formatter every surface uses)."""
    from sim.presented import text

    if not math.isfinite(v):
        return text(name, float("nan"), lang)
    return text(name, v, lang, sign=sign)


def verdict_text(baseline: Arm, whatif: Arm, lang: str = "en") -> str:
    """The what-if against the baseline in one sentence, with how sure it is."""
    from sim.presented import verdict

    words = {"en": ("the what-if", "the baseline"), "nl": ("de wat-als", "de nulmeting")}[lang]
    return verdict(presented_table(baseline, whatif), "whatif", lang, *words)


def save_whatif(base, lv: Levers, baseline: Arm, whatif: Arm, folder: str | Path,
                lang: str = "en", chart=None) -> dict[str, Path]:
    """Write ``whatif.toml`` (runnable), ``report.md``, ``levers.toml``, and both arms' runs as
    a comparison keeps them (``days.csv``, tidy by ``arm`` and ``seed``; ``comparison.toml``)
    into a new folder.

    Args:
        folder: a folder that must not hold these files yet (nothing is overwritten).
        chart: an optional matplotlib figure to save beside the report as ``whatif.png``.
    """
    import tomli_w

    from sim.dashboard.text import t

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = {"scenario": folder / "whatif.toml", "report": folder / "report.md",
             "levers": folder / "levers.toml", "days": folder / "days.csv",
             "comparison": folder / "comparison.toml"}
    clash = [p.name for p in paths.values() if p.exists()]
    if clash:
        raise FileExistsError(f"{folder} already holds {', '.join(clash)}; refusing to overwrite")
    sc = whatif.scenario
    seeds = sorted(whatif.figures)
    paths["scenario"].write_text(
        f"# What-if saved from `feedsim dashboard` on {base.name}; seeds {seeds}.\n"
        f"# Changed: {', '.join(f'{k} = {v}' for k, v in overrides(base, lv).items()) or 'none'}"
        "\n" + sc.to_toml(), encoding="utf-8")
    paths["levers"].write_text(tomli_w.dumps({k: v for k, v in asdict(lv).items()
                                              if v is not None}), encoding="utf-8")
    # The runs themselves, as a comparison of two keeps them (arms named in words, their Dutch
    # beside them), so `feedsim report` and `feedsim plot` read the folder as they read one.
    from sim.folders import WHATIF_ARMS as ARMS
    from sim.safe_io import atomic_write, csv_bytes

    tidy = pd.concat([baseline.tidy(ARMS[0][0]), whatif.tidy(ARMS[1][0])], ignore_index=True)
    atomic_write(paths["days"], csv_bytes(tidy, index=False), folder)
    atomic_write(paths["comparison"], tomli_w.dumps({
        "name": sc.name, "baseline": ARMS[0][0], "labels_nl": dict(ARMS),
        "description": sc.description, "description_nl": sc.description_nl}).encode(), folder)
    table = figures_table(baseline, whatif)
    lines = [f"# {t('What-if', lang)}: {base.name}", "",
             f"{t('Seeds', lang)}: {', '.join(map(str, seeds))}; "
             f"{t('days', lang)}: {sc.days}; {t('users', lang)}: {sc.audience.users:,}", "",
             f"| {t('figure', lang)} | {t('baseline', lang)} | {t('what-if', lang)} | "
             f"{t('difference', lang)} |", "|---|---:|---:|---:|"]
    for row in table.itertuples():
        lines.append(f"| {figure_label(row.figure, lang)} | "
                     f"{format_figure(row.figure, row.baseline, lang)} | "
                     f"{format_figure(row.figure, row.whatif, lang)} | "
                     f"{format_figure(row.figure, row.difference, lang, sign=True)} |")
    lines += ["", verdict_text(baseline, whatif, lang)]
    lines += ["", f"{t('Scenario file', lang)}: `{paths['scenario'].name}` "
              f"(`feedsim run {paths['scenario'].name}`)"]
    if chart is not None:
        paths["chart"] = folder / "whatif.png"
        chart.savefig(paths["chart"], dpi=120)
        lines.append(f"\n![{t('What-if', lang)}](whatif.png)")
    paths["report"].write_text("\n".join(lines) + "\n", encoding="utf-8")
    return paths
