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
HEADLINE_WORDS = {"mean_real_reach_per_post": ("real reach per post", "het echte bereik per post")}


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
    from sim.base import metrics
    from sim.base.i18n import tr

    label = metrics.label(metric)
    return label, tr(label, "nl")


# A clause describes where the conclusion flips if at least this share of the worlds it names
# flip; clauses are at most this long, and at most this many are named.
PURITY, CLAUSE_TERMS, CLAUSES = 0.75, 3, 3


def _matches(table: pd.DataFrame, clause: tuple[tuple[str, str], ...]) -> pd.Series:
    hit = pd.Series(True, index=table.index)
    for key, alt in clause:
        hit &= table[key] == alt
    return hit


def clauses(
    table: pd.DataFrame, keys: list[str], flipped: pd.Series
) -> tuple[list[dict[str, Any]], int]:
    """Where the conclusion flips, as a few clauses of one or two alternatives each.

    Greedy: the clause that names the most flipped worlds not yet named, among those whose
    worlds flip at least :data:`PURITY` of the time (fewer terms first on a tie, then the purer).
    A clause that every world meets says nothing and is never chosen.

    Returns:
        ``(clauses, rest)``: each clause's ``conditions`` ((key, alternative) pairs), the worlds
        it names (``worlds``) and how many of them flipped (``flipped``); ``rest`` is the number
        of flipped worlds no clause names.
    """
    import itertools

    options = [(k, a) for k in keys for a in sorted(set(table[k])) if table[k].nunique() > 1]
    candidates = [
        c
        for n in range(1, CLAUSE_TERMS + 1)
        for c in itertools.combinations(options, n)
        if len({k for k, _ in c}) == n
    ]
    left = flipped.copy()
    out: list[dict[str, Any]] = []
    while left.any() and len(out) < CLAUSES:
        best, score = None, None
        for c in candidates:
            hit = _matches(table, c)
            named = int((hit & left).sum())
            purity = float((hit & flipped).sum()) / max(int(hit.sum()), 1)
            if named == 0 or purity < PURITY:
                continue
            key = (named, -len(c), purity)
            if score is None or key > score:
                best, score = c, key
        if best is None:
            break
        hit = _matches(table, best)
        out.append(
            {
                "conditions": list(best),
                "worlds": int(hit.sum()),
                "flipped": int((hit & flipped).sum()),
            }
        )
        left &= ~hit
    return out, int(left.sum())


def _join(parts: list[str], word: str) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + f" {word} " + parts[-1]


def _where(found: list[dict[str, Any]], rest: int, exact: bool, lang: str) -> str:
    """'where A and B' or 'mostly where A (11 of 12 such worlds) or where B (3 of 3)'."""
    nl = lang == "nl"
    parts = []
    for c in found:
        alts = [BY_KEY[k].alternative(a) for k, a in c["conditions"]]
        text = _join([x.nl if nl else x.en for x in alts], "en" if nl else "and")
        if not exact:
            text += (
                f" ({c['flipped']} van {c['worlds']} zulke werelden)"
                if nl
                else f" ({c['flipped']} of {c['worlds']} such worlds)"
            )
        parts.append(("waar " if nl else "where ") + text)
    text = _join(parts, "of" if nl else "or") if parts else ""
    if rest:
        more = f"in {rest} andere wereld(en)" if nl else f"in {rest} other world(s)"
        text = f"{text} {'en' if nl else 'and'} {more}" if text else more
    return text


def _customers(minority: pd.DataFrame, col: str) -> tuple[float | None, str, str]:
    """The mean change in customers where the conclusion flips, and how to say it."""
    if col not in minority or not len(minority):
        return None, "", ""
    extra = float(minority[col].mean())
    se_col = col + "_se"
    se = float((minority[se_col] ** 2).sum() ** 0.5 / len(minority)) if se_col in minority else 0.0
    shown = f"{extra:+.1f}"
    if extra <= 0:
        return (
            extra,
            f" — and even there it brought no extra customers ({shown} a run on average)",
            f" — en zelfs daar leverde het geen extra klanten op "
            f"({shown.replace('.', ',')} per run gemiddeld)",
        )
    if extra <= 2 * se:
        return (
            extra,
            f" — and even there its extra customers ({shown} a run on average) are "
            "within the noise between runs",
            f" — en zelfs daar valt de winst aan klanten "
            f"({shown.replace('.', ',')} per run gemiddeld) binnen de ruis tussen de runs",
        )
    return (
        extra,
        f" — there it brought {extra:.1f} extra customers a run on average",
        f" — daar leverde het gemiddeld {extra:.1f} extra klanten per run op".replace(
            f"{extra:.1f}", f"{extra:.1f}".replace(".", ",")
        ),
    )


def build(
    table: pd.DataFrame,
    keys: list[str],
    metric: str,
    tactic: dict[str, Any],
    customers: str = "purchases",
) -> dict[str, Any]:
    """The statement of a worlds table, with the counts it rests on.

    Args:
        table: one row per world: a column per assumption key (alternative names), ``direction``
            ("lower", "higher" or "same") of the headline, ``<customers>_change`` (the mean
            paired change in customers) and, if known, ``<customers>_change_se`` (its standard
            error over seeds).
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
    flipped = table["direction"] == ("higher" if mostly_lower else "lower")
    if same == n:
        en = f"{who_en} made no difference to {what_en} in any of the {n} plausible worlds"
        nl = f"{who_nl} veranderde {what_nl} in geen van de {n} plausibele werelden"
        same = 0  # said already
    elif major == n:
        en = f"{who_en} {verb_en} {what_en} in all {n} plausible worlds"
        nl = f"{who_nl} {verb_nl} {what_nl} in alle {n} plausibele werelden"
    else:
        en = f"{who_en} {verb_en} {what_en} in {major} of {n} plausible worlds"
        nl = f"{who_nl} {verb_nl} {what_nl} in {major} van de {n} plausibele werelden"
    if same:
        en += f" (in {same} it made no difference)"
        nl += f" (in {same} maakte het niets uit)"
    found, rest, extra = [], 0, None
    if minor:
        found, rest = clauses(table, keys, flipped)
        exact = len(found) == 1 and not rest and found[0]["flipped"] == found[0]["worlds"]
        helped = mostly_lower
        if exact:
            en += f"; it only {'helped' if helped else 'hurt'} "
            nl += f"; het {'hielp' if helped else 'schaadde'} alleen "
        else:
            en += f"; it {'helped' if helped else 'hurt'} mostly "
            nl += f"; het {'hielp' if helped else 'schaadde'} vooral "
        en += _where(found, rest, exact, "en")
        nl += _where(found, rest, exact, "nl")
        if helped:
            extra, more_en, more_nl = _customers(table[flipped], f"{customers}_change")
            en, nl = en + more_en, nl + more_nl
    return {
        "en": en + ".",
        "nl": nl + ".",
        "metric": metric,
        "worlds": n,
        "lower": lower,
        "higher": higher,
        "same": n - lower - higher,
        "flips_where": [
            {
                **c,
                "conditions": [
                    {
                        "assumption": k,
                        "alternative": a,
                        "en": BY_KEY[k].alternative(a).en,
                        "nl": BY_KEY[k].alternative(a).nl,
                    }
                    for k, a in c["conditions"]
                ],
            }
            for c in found
        ],
        "flips_elsewhere": rest,
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
        raise FileNotFoundError(
            f"{folder}: no {STATEMENT_FILE}; run `feedsim worlds` into it "
            "first (an interrupted study resumes with the same command)"
        )
    return json.loads(path.read_text(encoding="utf-8"))


def read_statement(folder: str | Path, lang: str = "en") -> str:
    """The conclusion of a finished worlds folder in ``lang`` ("en" or "nl"): one sentence, e.g.
    "Buying 5,000 followers lowered real reach per post in 22 of 24 plausible worlds; ...".
    """
    if lang not in TEXT_FILES:
        raise ValueError(f"unknown language {lang!r}: choose one of {', '.join(TEXT_FILES)}")
    return read(folder)[lang]
