"""The conclusion of a plausible-worlds study, as a client can hear it, in English and Dutch.

From the table of worlds (one row per world: the alternative of each assumption, the tactic's
and the baseline's figures and the direction of the headline) this counts the worlds where the
tactic lowered and raised the headline, finds what the minority worlds have in common (what
would have to be true for the conclusion to flip) and says whether the tactic brought extra
customers even there. It reads only the table: no engine, no runs.

:func:`read_statement` is what a report or dashboard calls to quote a finished study.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd

from sim.scenario.assumptions import BY_KEY

STATEMENT_FILE, TABLE_FILE = "statement.json", "worlds.csv"
TEXT_FILES = {"en": "statement.txt", "nl": "statement.nl.txt"}
HEADLINE_WORDS = {"mean_real_reach_per_post": ("real reach per post",
                                               "het echte bereik per post")}


def _dutch_number(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def tactic_words(tactic: dict[str, Any]) -> tuple[str, str]:
    """What the tactic does, as the subject of a sentence (English, Dutch), from the tactic's
    resolved scenario as a dict."""
    buy = (tactic.get("strategies") or {}).get("buy")
    if buy and buy.get("count"):
        n = int(buy["count"]) * sum(1 for d in buy.get("days", []) if d < tactic.get("days", 0))
        return f"Buying {n:,} followers", f"{_dutch_number(n)} volgers kopen"
    name = tactic.get("name", "the tactic")
    return f"The tactic of {name}", f"De tactiek van {name}"


def headline_words(metric: str) -> tuple[str, str]:
    """The headline figure in words (English, Dutch)."""
    if metric in HEADLINE_WORDS:
        return HEADLINE_WORDS[metric]
    from sim import metrics
    from sim.i18n import tr

    label = metrics.label(metric)
    return label, tr(label, "nl")


def _conditions(table: pd.DataFrame, keys: list[str], minority: pd.DataFrame
                ) -> list[tuple[str, str]]:
    """(assumption key, alternative) every minority world shares and not every world has."""
    out = []
    for key in keys:
        seen = set(minority[key])
        if len(seen) == 1 and table[key].nunique() > 1:
            out.append((key, seen.pop()))
    return out


def _join(parts: list[str], word: str) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + f" {word} " + parts[-1]


def build(table: pd.DataFrame, keys: list[str], metric: str, tactic: dict[str, Any],
          customers: str = "purchases") -> dict[str, Any]:
    """The statement of a worlds table, with the counts it rests on.

    Args:
        table: one row per world: a column per assumption key (alternative names), ``direction``
            ("lower", "higher" or "same") of the headline, and ``<customers>_change`` (the mean
            paired change in customers).
        keys: the assumption keys, in order.
        metric: the headline figure.
        tactic: the tactic's resolved scenario as a dict (names what it did).
    """
    n = len(table)
    lower = int((table["direction"] == "lower").sum())
    higher = int((table["direction"] == "higher").sum())
    same = n - lower - higher
    who_en, who_nl = tactic_words(tactic)
    what_en, what_nl = headline_words(metric)
    mostly_lower = lower >= higher
    major, minor = (lower, higher) if mostly_lower else (higher, lower)
    verb_en, verb_nl = ("lowered", "verlaagde") if mostly_lower else ("raised", "verhoogde")
    minority = table[table["direction"] == ("higher" if mostly_lower else "lower")]
    conds = _conditions(table, keys, minority) if minor else []
    if major == n:
        en = f"{who_en} {verb_en} {what_en} in all {n} plausible worlds"
        nl = f"{who_nl} {verb_nl} {what_nl} in alle {n} plausibele werelden"
    else:
        en = f"{who_en} {verb_en} {what_en} in {major} of {n} plausible worlds"
        nl = f"{who_nl} {verb_nl} {what_nl} in {major} van de {n} plausibele werelden"
    if same:
        en += f" (in {same} it made no difference)"
        nl += f" (in {same} maakte het niets uit)"
    extra = None
    if minor:
        other_en, other_nl = (("it only helped", "het hielp alleen") if mostly_lower
                              else ("it only hurt", "het schaadde alleen"))
        if conds:
            alts = [BY_KEY[k].alternative(a) for k, a in conds]
            en += f"; {other_en} where {_join([x.en for x in alts], 'and')}"
            nl += f"; {other_nl} waar {_join([x.nl for x in alts], 'en')}"
        else:
            en += (f"; {other_en.replace(' only', '')} in {minor} world(s) with no one "
                   "assumption in common")
            nl += (f"; {other_nl.replace(' alleen', '')} in {minor} wereld(en) zonder één "
                   "gemeenschappelijke aanname")
        col = f"{customers}_change"
        if mostly_lower and col in minority:
            extra = float(minority[col].mean())
            if extra <= 0:
                en += " — and even there it brought no extra customers"
                nl += " — en zelfs daar leverde het geen extra klanten op"
            else:
                en += f" — there it brought {extra:.1f} extra customers a run on average"
                shown = f"{extra:.1f}".replace(".", ",")
                nl += f" — daar leverde het gemiddeld {shown} extra klanten per run op"
    return {
        "en": en + ".", "nl": nl + ".", "metric": metric,
        "worlds": n, "lower": lower, "higher": higher, "same": same,
        "flips_where": [{"assumption": k, "alternative": a,
                         "en": BY_KEY[k].alternative(a).en, "nl": BY_KEY[k].alternative(a).nl}
                        for k, a in conds],
        "extra_customers_where_it_flips": extra,
    }


def read(folder: str | Path) -> dict[str, Any]:
    """The statement of a finished worlds folder (``statement.json``): the sentence in English
    (``en``) and Dutch (``nl``), the counts of worlds (``worlds``, ``lower``, ``higher``,
    ``same``), what the worlds where it flips share (``flips_where``) and the study's
    scenarios, seeds and assumptions.

    Raises:
        FileNotFoundError: the folder holds no finished worlds study.
    """
    path = Path(folder) / STATEMENT_FILE
    if not path.exists():
        raise FileNotFoundError(f"{folder}: no {STATEMENT_FILE}; run `feedsim worlds` into it "
                                "first (an interrupted study resumes with the same command)")
    return json.loads(path.read_text(encoding="utf-8"))


def read_statement(folder: str | Path, lang: str = "en") -> str:
    """The conclusion of a finished worlds folder in ``lang`` ("en" or "nl"): one sentence, e.g.
    "Buying 5,000 followers lowered real reach per post in 22 of 24 plausible worlds; ...".
    """
    if lang not in TEXT_FILES:
        raise ValueError(f"unknown language {lang!r}: choose one of {', '.join(TEXT_FILES)}")
    return read(folder)[lang]
