"""What a conclusion rests on beyond its numbers: a plausible-worlds study's statement for the
report, or, without one, the structural assumptions the scenario rests on in plain words.

The statement is read from a finished ``feedsim worlds`` folder (``statement.json``, as a regular
file inside it); the assumptions come from their catalogue (:mod:`sim.scenario.assumptions`).
"""

from __future__ import annotations

from pathlib import Path

from sim.base import safe_io
from sim.base.i18n import tr
from sim.base.l10n import DASH, number


def _words(en: str, nl: str, lang: str) -> str:
    return nl if lang == "nl" else en


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def read_worlds(folder: Path) -> dict:
    """A worlds study's statement (``statement.json``), read as a regular file in its folder."""
    from sim.studies.worlds.statement import STATEMENT_FILE

    if not (folder / STATEMENT_FILE).is_file():
        raise FileNotFoundError(
            f"{folder} has no {STATEMENT_FILE}: the plausible-worlds study "
            "has not finished; run the same command again to complete it"
        )
    return safe_io.read_json(folder / STATEMENT_FILE, "worlds statement", folder)


# A world's direction (worlds.csv's ``direction``) in words.
WAYS = {"lower": ("lower", "lager"), "higher": ("higher", "hoger"), "same": ("the same", "gelijk")}


def _way(direction: str, lang: str, otherwise: str) -> str:
    """``direction`` in ``lang``'s words, else ``otherwise``."""
    return _words(*WAYS[direction], lang) if direction in WAYS else otherwise


def world_words(row, keys: list[str], lang: str) -> str:
    """A world as the combination of its alternatives, in words."""
    from sim.scenario.assumptions import BY_KEY

    parts = []
    for k in keys:
        a = BY_KEY.get(k)
        v = getattr(row, "_asdict", lambda: {})().get(k) if hasattr(row, "_asdict") else row[k]
        try:
            alt = a.alternative(str(v))
            parts.append(alt.nl if lang == "nl" else alt.en)
        except (AttributeError, KeyError):
            parts.append(str(v))
    return "; ".join(parts)


def worlds_rows(folder: Path, said: dict, lang: str) -> list[list[str]]:
    """The report's table of a worlds study: each world in words, the real reach per post
    against the baseline and its direction, a header row first: every world (the PDF and the
    deck page a long table), from the largest loss to the largest gain as the chart orders
    them."""
    from sim.studies.worlds.statement import TABLE_FILE

    table = safe_io.read_csv(folder / TABLE_FILE, "worlds table", folder, whole=True)
    keys = [k for k in said.get("assumptions", {}) if k in table.columns]
    ratio = next((c for c in table.columns if c.endswith("_ratio")), None)
    header = [
        _words("world: where", "wereld: waar", lang),
        _words(
            "real reach per post against the baseline",
            "echt bereik per post tegenover de nulmeting",
            lang,
        ),
        _words("direction", "richting", lang),
    ]
    rows = [header]
    if ratio is not None:
        table = table.sort_values(ratio, kind="stable")
    for _, r in table.iterrows():
        rows.append(
            [
                _cap(world_words(r, keys, lang)),
                DASH if ratio is None else "×" + number(float(r[ratio]), lang, 2),
                _way(str(r.get("direction", "")), lang, DASH),
            ]
        )
    return rows


def find_worlds(folder: Path, tactics: set[str] | None = None) -> Path | None:
    """A finished worlds study inside ``folder`` or beside it (the newest), else None.

    ``tactics``: the scenario names the report is about; a study found beside the folder about
    another tactic is not this result's (None: any study found).
    """
    from sim.studies.worlds.statement import STATEMENT_FILE

    found = [p.parent for p in folder.glob(f"*/{STATEMENT_FILE}")]
    if folder.parent != folder:
        found += [p.parent for p in folder.parent.glob(f"*/{STATEMENT_FILE}") if p.parent != folder]
    found = [f for f in found if f.is_dir()]
    if tactics is not None:

        def about(f: Path) -> bool:
            try:
                said = read_worlds(f)
            except (OSError, ValueError):
                return False
            return _plain(str(said.get("tactic", ""))) in {_plain(t) for t in tactics}

        found = [f for f in found if about(f)]
    return max(found, key=lambda p: (p / STATEMENT_FILE).stat().st_mtime) if found else None


def _plain(name: str) -> str:
    return name.replace("_", " ").replace("-", " ").strip().lower()


def rests_on(scenario, lang: str, others=()) -> list[list[str]]:
    """The structural assumptions a scenario rests on (from the catalogue), as rows of cells:
    the choice and what it means; with ``others`` (a comparison's arms), those any of them
    rests on, in catalogue order."""
    from sim.scenario.assumptions import CATALOGUE, applicable

    kept = [sc for sc in (scenario, *others) if sc is not None]
    if kept:
        names = {a.key for sc in kept for a in applicable(sc.to_dict())}
        chosen = [a for a in CATALOGUE if a.key in names]
    else:
        chosen = list(CATALOGUE)
    header = [tr("what we assumed", lang), tr("why it matters", lang)]
    return [header] + [
        [_cap(a.title_nl if lang == "nl" else a.title), a.describe(lang)] for a in chosen
    ]


def not_yet_run(lang: str) -> str:
    """The sentence saying that no study of plausible worlds has been run for this result yet."""
    return _words(
        "Whether the conclusion holds if any of these choices were different has not "
        "been tested yet: a study of plausible worlds, which runs the comparison in "
        "every combination of them, has not been run for this result.",
        "Of de conclusie standhoudt als een van deze keuzes anders uitvalt, is nog "
        "niet getoetst: een studie van plausibele werelden, die de vergelijking in "
        "elke combinatie ervan doorrekent, is voor deze uitkomst nog niet gedaan.",
        lang,
    )


def worlds_sheet(folder: Path, lang: str):
    """The spreadsheet's table of a worlds study: one row per world as ``worlds.csv`` keeps
    it, in the reader's words: each structural choice under its title with the world's
    alternative, the direction, and per figure the tactic's and the baseline's value, their
    difference with its standard error and their ratio (numbers as kept)."""
    import pandas as pd

    from sim.base import metrics
    from sim.scenario.assumptions import BY_KEY
    from sim.studies.worlds.statement import TABLE_FILE

    table = safe_io.read_csv(folder / TABLE_FILE, "worlds table", folder, whole=True)
    said = read_worlds(folder)
    keys = [k for k in said.get("assumptions", {}) if k in table.columns]
    # The direction, the runs and the clearness are the headline figure's.
    headline = tr(metrics.label(str(said.get("metric", ""))), lang) if said.get("metric") else ""
    out = pd.DataFrame({_words("world", "wereld", lang): table["world"]})
    for k in keys:
        a = BY_KEY[k]
        title = a.title_nl if lang == "nl" else a.title
        out[_cap(title)] = [world_words({k: v}, [k], lang) for v in table[k]]
    of = f" ({headline})" if headline else ""
    out[_words("direction", "richting", lang) + of] = [_way(d, lang, d) for d in table["direction"]]
    if "seeds_lower" in table:
        out[_words("runs in which it was lower", "runs waarin het lager was", lang)] = table[
            "seeds_lower"
        ]
    if "seeds" in table:
        out[tr("simulated runs", lang)] = table["seeds"]
    if "clear" in table:
        out[
            _words(
                "clear (more than two standard errors)",
                "duidelijk (meer dan twee standaardfouten)",
                lang,
            )
        ] = [tr("yes", lang) if bool(c) else tr("no", lang) for c in table["clear"]]
    parts = (
        ("_tactic", "with the tactic", "met de tactiek"),
        ("_baseline", "in the baseline", "in de nulmeting"),
        ("_change", "difference", "verschil"),
        ("_change_se", "standard error of the difference", "standaardfout van het verschil"),
        ("_ratio", "tactic ÷ baseline", "tactiek ÷ nulmeting"),
    )
    for m in [c[: -len("_tactic")] for c in table.columns if c.endswith("_tactic")]:
        label = _cap(tr(metrics.label(m), lang))
        for suffix, en, nl in parts:
            if f"{m}{suffix}" in table:
                out[f"{label}, {_words(en, nl, lang)}"] = table[f"{m}{suffix}"]
    return out
