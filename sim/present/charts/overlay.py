"""Several finished run folders overlaid on one chart: followers and a post metric over time.

Single runs are one seed each; when they differ in more than the tactic (seed, audience,
platform, length, followers at the start) the chart says so in a boxed note and the caller
prints the same sentences. The folder keeps ``overlay.toml`` (the run folders drawn), so
``feedsim plot`` redraws it.
"""

from __future__ import annotations

from pathlib import Path

from sim.base import metrics, safe_io
from sim.present.charts.common import (
    NOTE_COLOUR,
    TEXT_COLOUR,
    axis_label,
    count,
    integer_ticks,
    mark_days,
    pyplot,
    readable_title,
    save_figure,
    speaks,
    style,
    t,
    tactic_colours,
    tick_formatter,
    wrap,
)
from sim.present.charts.run import run_marks, running_median
from sim.studies.comparison.checks import Side, differences

OVERLAY_FILE = "overlay.toml"
WARNING_COLOUR = "#B00020"


def labels_for(runs) -> list[str]:
    """One distinct legend label per run: the scenario's name, with the seed when names repeat."""
    names = [r.scenario.name.replace("_", " ") for r in runs]
    out = [
        f"{n} (seed {r.seed})" if names.count(n) > 1 else n
        for n, r in zip(names, runs, strict=True)
    ]
    return [f"{lb} #{i + 1}" if out.count(lb) > 1 else lb for i, lb in enumerate(out)]


def run_differences(folders: list[str | Path], lang: str = "en") -> list[str]:
    """:func:`sim.studies.comparison.checks.differences` of run folders (reads their files), in
    ``lang``."""
    from sim.engine import results as res

    runs = [res.read(f) for f in folders]
    return differences(
        [
            Side(lb, r.scenario, r.seed, float(r.days["followers"].iloc[0]))
            for lb, r in zip(labels_for(runs), runs, strict=True)
        ],
        lang,
    )


@speaks
def overlay_runs(
    folders: list[str | Path], out: str | Path, metric: str = "real_reach", lang: str = "en"
) -> list[Path]:
    """Overlay several run folders: followers (all, and real dashed) and a post metric.

    Args:
        folders: run folders written by :func:`sim.engine.results.write`.
        out: where to write, without a suffix; its folder is created.
        metric: the post metric of the lower panel (median of the posts within ±7 days).
        lang: the reader's language.

    Returns:
        The PNG and SVG written.
    """
    from sim.engine import results as res

    plt = pyplot()
    runs = [res.read(f) for f in folders]
    labels = labels_for(runs)
    warn = differences(
        [
            Side(lb, r.scenario, r.seed, float(r.days["followers"].iloc[0]))
            for lb, r in zip(labels, runs, strict=True)
        ],
        lang,
    )
    fig, (ax1, ax2) = plt.subplots(2, 1, figsize=(11, 8), sharex=True, gridspec_kw={"hspace": 0.3})
    post = metrics.POST.get(metric)
    label = post.label if post else metric
    parts = []
    # Each run in the colour of its tactic (the plain brand blue), as on every other chart.
    from sim.registry import active

    tactics = {
        lb: next((cls.name for cls, _ in active(r.scenario) if cls.group == "strategies"), "")
        for lb, r in zip(labels, runs, strict=True)
    }
    palette = tactic_colours(tactics)
    marks = sorted({m for r in runs for m in run_marks(r.scenario)}, key=lambda m: m[1])
    for r, lb in zip(runs, labels, strict=True):
        c = palette[lb]
        ax1.plot(r.days["day"], r.days["followers"], color=c, lw=2, label=lb)
        real = r.days["followers"] - r.days.get("followers_bought", 0)
        ax1.plot(r.days["day"], real, color=c, lw=1.2, ls="--")
        x, mid = running_median(r.posts, metric)
        ax2.plot(x, mid, color=c, lw=2, label=lb)
        parts.append(
            t(
                "'{lb}' {n} ({real} real)",
                lang,
                lb=lb,
                n=count(r.days["followers"].iloc[-1]),
                real=count(real.iloc[-1]),
            )
        )
    ax1.plot(
        [], [], color=NOTE_COLOUR, lw=1.2, ls="--", label=t("dashed: real followers only", lang)
    )
    ax1.set_ylabel(t(axis_label("followers"), lang))
    ax1.set_title(
        t("Followers (solid: the profile's count; dashed: real followers)", lang),
        loc="left",
        fontsize=11,
    )
    ax1.legend(frameon=False, fontsize=9, loc="upper left")
    ax1.yaxis.set_major_formatter(tick_formatter("followers"))
    unit = f", {post.unit}" if post else ""
    unit = f", {t(post.unit, lang)}" if post else ""
    ax2.set_ylabel(t(label, lang) + unit + "\n" + t("(median of the posts within ±7 days)", lang))
    ax2.set_title(t(label[:1].upper() + label[1:], lang), loc="left", fontsize=11)
    ax2.set_xlabel(t("day", lang))
    ax2.yaxis.set_major_formatter(lambda v, _: count(v))
    integer_ticks(ax2.yaxis)
    for ax in (ax1, ax2):
        mark_days(ax, marks, lang, label=ax is ax1)
        style(ax)
    title = (
        readable_title(runs[0].scenario.name, runs[0].scenario.description)
        if len(runs) == 1
        else t("{a} against {b}", lang, a=labels[0], b=", ".join(labels[1:]))
    )
    fig.suptitle(
        t("Runs overlaid: {title}", lang, title=title),
        x=0.06,
        y=0.985,
        ha="left",
        va="top",
        fontsize=14,
        fontweight="bold",
    )
    headline = t("Followers at the end of each run: ", lang) + "; ".join(parts)
    fig.text(
        0.06, 0.935, wrap(headline, fig, 10.5, 0.06), fontsize=10.5, color=TEXT_COLOUR, va="top"
    )
    bottom = 0.08
    if warn:
        text = wrap(t("Not like for like: ", lang) + "; ".join(warn) + ".", fig, 8.5, 0.06)
        fig.text(0.06, 0.012, text, fontsize=8.5, color=WARNING_COLOUR, va="bottom")
        bottom = 0.08 + 0.018 * (text.count("\n") + 1)
    fig.subplots_adjust(top=0.86, left=0.1, right=0.97, bottom=bottom + 0.02)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    return save_figure(fig, out)


def write_overlay_file(folder: Path, runs: list[str | Path]) -> Path:
    """``overlay.toml``: the run folders drawn, so the chart can be redrawn."""
    import tomli_w

    path = folder / OVERLAY_FILE
    safe_io.atomic_write(
        path,
        (
            "# Run folders overlaid here; `feedsim plot` on this folder redraws them.\n"
            + tomli_w.dumps({"runs": [str(Path(f).resolve()) for f in runs]})
        ).encode(),
        folder,
    )
    return path


def is_overlay_folder(folder: str | Path) -> bool:
    """Whether ``folder`` holds an overlay of run folders (``overlay.toml``)."""
    return (Path(folder) / OVERLAY_FILE).exists()


@speaks
def overlay_charts(folder: str | Path, lang: str = "en") -> list[Path]:
    """Redraw an overlay folder's chart from the run folders its ``overlay.toml`` lists.

    Raises:
        FileNotFoundError: a listed run folder is gone.
    """
    folder = Path(folder)
    runs = safe_io.read_toml(folder / OVERLAY_FILE, "overlay list", folder).get("runs")
    if not isinstance(runs, list) or not all(isinstance(r, str) for r in runs):
        raise ValueError(f"{folder / OVERLAY_FILE}: runs must be a list of run folders")
    gone = [r for r in runs if not Path(r).exists()]
    if gone:
        raise FileNotFoundError(
            f"{folder / OVERLAY_FILE} lists run folders that are gone: {', '.join(gone)}"
        )
    return overlay_runs(runs, folder / "followers_reach", lang=lang)
