"""What ``feedsim calibrate`` prints, in English or Dutch: before the fit, what was read and the
export's notes; after it, the verdict, the fitted values with their 90% intervals, the check on
the held-out posts, any large miss, and where the files went.

The verdict, growth and "barely informed" sentences are the chart's own
(:mod:`sim.studies.calibrate.words`); the lines here are the terminal's. English keeps Python's
number formats (``1,800``, ``0.0467``), Dutch gets :mod:`sim.base.l10n`'s (``1.800``,
``0,0467``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sim.base.i18n import check_lang
from sim.base.l10n import count, number, percent, significant
from sim.studies.calibrate import words as w
from sim.studies.calibrate.account import BARELY, PAST_INTERVAL, three_digits

if TYPE_CHECKING:
    from sim.studies.calibrate.account import Calibration
    from sim.studies.calibrate.exports import Export

# A held-out median missed by more than this share gets a note (the test of the method on
# feedsim's own exports holds reach within 25% and engagement within 50%).
MISS = 0.5

_WORDS = {
    "opening": {
        "en": "{account}: {posts} posts, {followers} followers ({platform}, {language} "
        "headers); fitting on {sims} simulations...",
        "nl": "{account}: {posts} posts, {followers} volgers ({platform}, {language} "
        "kolomkoppen); schatten met {sims} simulaties...",
    },
    "note": {"en": "note: {note}", "nl": "opmerking: {note}"},
    "fitted": {
        "en": "{name}: fitted on {sims} simulations ({kept} nearest kept{failed})",
        "nl": "{name}: geschat op {sims} simulaties (de {kept} dichtstbijzijnde behouden{failed})",
    },
    "failed": {"en": ", {n} failed", "nl": ", {n} mislukt"},
    "value": {
        "en": "  {name:<26} {value:>9}   (90% interval {ends}){meaning}{note}",
        "nl": "  {name:<26} {value:>9}   (90%-interval {ends}){meaning}{note}",
    },
    "range": {"en": "{low} to {high}", "nl": "{low} tot {high}"},
    "barely": {"en": "  barely informed", "nl": "  nauwelijks bepaald"},
    "past_interval": {
        "en": f"  {PAST_INTERVAL}",
        "nl": "  door de laatste stap van de schatting buiten dit interval geschoven: de "
        "simulaties kwamen daar dichter bij de export",
    },
    "posts_held": {"en": "{n} held-out posts", "nl": "{n} achtergehouden posts"},
    "posts_all": {"en": "all {n} posts", "nl": "alle {n} posts"},
    "part_held": {"en": "held-out posts", "nl": "de achtergehouden posts"},
    "part_all": {"en": "all posts", "nl": "alle posts"},
    "check": {
        "en": "check on {posts}: median {kind} {obs} observed, {sim} simulated{over}; median "
        "engagement {eobs} observed, {esim} simulated",
        "nl": "toets op {posts}: mediaan {kind} {obs} echt, {sim} gesimuleerd{over}; mediaan "
        "interactie {eobs} echt, {esim} gesimuleerd",
    },
    "over": {
        "en": " (one run's median {runs} over {n} runs)",
        "nl": " (mediaan van één simulatie: {runs}, over {n} simulaties)",
    },
    "growth": {
        "en": "follower growth over the export: {obs} observed, {sim} simulated (median over "
        "seeds)",
        "nl": "groei in volgers over de exportperiode: {obs} echt, {sim} gesimuleerd (mediaan "
        "over de seeds)",
    },
    # The miss names the measure in Dutch with its article (het bereik, de interactie).
    "miss": {
        "en": "note: the fitted scenario misses the median {what} of the {part} by {pct}{spread}; "
        "the model reproduces this export only roughly (see fit.png); treat its what-ifs as "
        "directions, not forecasts",
        "nl": "opmerking: met het geschatte scenario ligt de mediaan van {what} op {part} {pct} "
        "{side} de echte{spread}; het model benadert deze export maar ruw (zie fit.png): lees "
        "de wat-als-uitkomsten als richting, niet als voorspelling",
    },
    "above": {"en": "above", "nl": "boven"},
    "below": {"en": "below", "nl": "onder"},
    "reach": {"en": "reach", "nl": "het bereik"},
    "views": {"en": "views", "nl": "de weergaven"},
    "engagement": {"en": "engagement", "nl": "de interactie"},
    "inside": {
        "en": " (within what single runs of it give: {runs})",
        "nl": " (binnen wat losse simulaties ervan geven: {runs})",
    },
    "outside": {
        "en": " (beyond what single runs of it give: {runs})",
        "nl": " (buiten wat losse simulaties ervan geven: {runs})",
    },
    "scenario": {
        "en": "scenario: {path}  (run it: feedsim run {path})",
        "nl": "scenario:   {path}  (uitvoeren: feedsim run {path})",
    },
    "chart": {"en": "chart:    {path}", "nl": "grafiek:    {path}"},
    "results": {"en": "results:  {path}", "nl": "resultaten: {path}"},
}

# The language of an export's column headers, as a Dutch reader names it.
_HEADERS_NL = {"en": "Engelse", "nl": "Nederlandse", "de": "Duitse"}


def words(key: str, lang: str, **fields) -> str:
    """The line or phrase ``key`` in ``lang``, its fields filled in."""
    return _WORDS[key][check_lang(lang)].format(**fields)


def _n(x: float, lang: str, spec: str = ",.0f", decimals: int = 0) -> str:
    """``x`` as English has always printed it (Python's ``spec``), or in Dutch by l10n."""
    return format(x, spec) if lang == "en" else number(x, lang, decimals)


def _signed(x: float, lang: str) -> str:
    """A change with its sign: ``+12``, ``-3``, ``+0``."""
    if lang == "en":
        return f"{x:+,.0f}"
    text = number(x, lang)
    return text if text.startswith(("-", "−")) else f"+{text}"


def opening(export: Export, platform: str, sims: int, lang: str = "en") -> list[str]:
    """What the command says before the fit (on stderr): what it read, and the export's notes."""
    language = export.language if lang == "en" else _HEADERS_NL.get(export.language, "")
    lines = [
        words(
            "opening",
            lang,
            account=export.account,
            posts=_n(len(export.posts), lang, "d"),
            followers=_n(export.followers, lang, ","),
            platform=platform,
            language=language,
            sims=_n(sims, lang),
        )
    ]
    return lines + [words("note", lang, note=w.note_text(n, lang)) for n in export.notes]


def printed(
    cal: Calibration, paths: dict[str, Path], folder: str | Path, lang: str = "en"
) -> list[tuple[bool, str]]:
    """What the command says after the fit, in order, each line with whether it goes to stderr
    (the notes of a miss) rather than stdout."""
    c, kind = cal.check, cal.export.reach_kind
    held = cal.holdout_from is not None
    out = [w.verdict(c, kind, held, lang)]
    grown = w.growth(c, lang)
    if grown:
        out.append(grown)
    out.append(w.barely(cal.barely_informed(), lang))
    failed = words("failed", lang, n=_n(len(cal.failed), lang, "d")) if cal.failed else ""
    out.append(
        words(
            "fitted",
            lang,
            name=cal.name,
            sims=_n(cal.sims, lang),
            kept=_n(cal.kept, lang, "d"),
            failed=failed,
        )
    )
    out += _values(cal, lang)
    # One run's median over the replicate runs, lowest to highest (none from a single run).
    runs = ""
    if c.get("runs", 0) >= 2:
        runs = words("range", lang, low=_n(c["reach_low"], lang), high=_n(c["reach_high"], lang))
    over = words("over", lang, runs=runs, n=_n(int(c["runs"]), lang, "d")) if runs else ""
    posts = words("posts_held" if held else "posts_all", lang, n=_n(int(c["posts"]), lang, "d"))
    out.append(
        words(
            "check",
            lang,
            posts=posts,
            kind=kind if lang == "en" else w.MEASURES[kind][lang],
            obs=_n(c["reach_observed"], lang),
            sim=_n(c["reach_simulated"], lang),
            over=over,
            eobs=count(c["engagement_observed"], lang),
            esim=count(c["engagement_simulated"], lang),
        )
    )
    if "growth_observed" in c:
        real, model = _signed(c["growth_observed"], lang), _signed(c["growth_simulated"], lang)
        out.append(words("growth", lang, obs=real, sim=model))
    lines = [(False, line) for line in out]
    for what in ("reach", "engagement"):
        obs, sim = c[f"{what}_observed"], c[f"{what}_simulated"]
        if obs > 0 and abs(sim / obs - 1) > MISS:
            spread = ""
            if what == "reach" and runs:
                inside = c["reach_low"] <= obs <= c["reach_high"]
                spread = words("inside" if inside else "outside", lang, runs=runs)
            off = sim / obs - 1
            lines.append(
                (
                    True,
                    words(
                        "miss",
                        lang,
                        what=words(kind if what == "reach" else what, lang),
                        part=words("part_held" if held else "part_all", lang),
                        pct=f"{off:+.0%}" if lang == "en" else percent(abs(off), lang, 0),
                        side=words("above" if off > 0 else "below", lang),
                        spread=spread,
                    ),
                )
            )
    lines.append((False, words("scenario", lang, path=paths["scenario"])))
    if "chart" in paths:
        lines.append((False, words("chart", lang, path=paths["chart"])))
    lines.append((False, words("results", lang, path=Path(folder))))
    return lines


def _values(cal: Calibration, lang: str) -> list[str]:
    """The fitted values as the scenario file has them, each with its 90% interval, what to
    know of it and what it means in words; a count (the reachable market) whole."""
    whole = {p.key for p in cal.params if p.integer}
    past = set(cal.past_interval())
    lines = []
    for key, est in cal.estimate.items():
        lo, hi = cal.interval[key]
        note = words("barely", lang) if cal.width(key) > BARELY else ""
        if key in past:
            note += words("past_interval", lang)
        if key in whole:
            value = _n(three_digits(est), lang)
            ends = words("range", lang, low=_n(lo, lang), high=_n(hi, lang))
        else:
            value = significant(three_digits(est), lang)
            ends = words("range", lang, low=significant(lo, lang), high=significant(hi, lang))
        # What the key means, in the words of the report's table, after the scenario file's key.
        meaning = w.KEYS.get(key, {}).get(lang, "")
        meaning = f": {meaning}" if meaning else ""
        lines.append(
            words("value", lang, name=key, value=value, ends=ends, note=note, meaning=meaning)
        )
    return lines
