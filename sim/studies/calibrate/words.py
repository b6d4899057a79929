"""What a calibration says to a strategist, in English or Dutch: the verdict on the held-out
posts, follower growth, which values the export barely informs, the notes on the export
(:class:`Note`), and the fields a refusal names in the reader's language (:func:`measure`, a
:class:`sim.base.l10n.Named`; its sentences are in :mod:`sim.base.i18n_errors`).

The chart (:mod:`sim.present.charts.calibrate`) and ``feedsim calibrate``'s printed summary both
take their sentences from here, so the slide and the terminal say the same thing; the lines only
the terminal prints are in :mod:`sim.studies.calibrate.summary`. Numbers are formatted by
:mod:`sim.base.l10n` (Babel) for the language.
"""

from __future__ import annotations

import datetime as _dt

from sim.base.i18n import check_lang
from sim.base.l10n import Listed as Listed  # the calibration's refusals take it from here
from sim.base.l10n import Named, date, number

# Within this share the verdict says "within"; beyond it, how far above or below, and beyond
# CLOSE the fit is called rough (the method's own test holds held-out reach within 25%).
CLOSE = 0.25

_WORDS = {
    "reach": {"en": "typical reach", "nl": "typische bereik"},
    "views": {"en": "typical number of views", "nl": "typische aantal weergaven"},
    "within": {
        "en": "On {n} posts the model did not see, the calibrated account's {what} is within "
        "{pct} of the real one",
        "nl": "Op {n} posts die het model niet zag, ligt het {what} van het gekalibreerde "
        "account binnen {pct} van het echte",
    },
    "above": {
        "en": "On {n} posts the model did not see, the calibrated account's {what} is {pct} "
        "above the real one",
        "nl": "Op {n} posts die het model niet zag, ligt het {what} van het gekalibreerde "
        "account {pct} boven het echte",
    },
    "below": {
        "en": "On {n} posts the model did not see, the calibrated account's {what} is {pct} "
        "below the real one",
        "nl": "Op {n} posts die het model niet zag, ligt het {what} van het gekalibreerde "
        "account {pct} onder het echte",
    },
    "all": {
        "en": "On all {n} posts (none held out), the calibrated account's {what} is within "
        "{pct} of the real one",
        "nl": "Op alle {n} posts (geen achtergehouden), ligt het {what} van het gekalibreerde "
        "account binnen {pct} van het echte",
    },
    "rough": {
        "en": "; the model reproduces this account only roughly: read its what-ifs as "
        "directions, not forecasts",
        "nl": "; het model benadert dit account maar ruw: lees de wat-als-uitkomsten als "
        "richting, niet als voorspelling",
    },
    # How far one run's median strays: the calibrated account's own replicate runs, each with
    # its own median on the same posts, beside the real one (an export is one run of an account).
    "noise_inside": {
        "en": "That miss is within what the calibrated account varies by itself: over {runs} "
        "runs, its {what} on these posts ranges from {low} to {high}, and the real {obs} lies "
        "inside that range, so this check cannot tell the fit from a closer one",
        "nl": "Dat verschil valt binnen wat het gekalibreerde account zelf varieert: over "
        "{runs} simulaties loopt het {what} op deze posts van {low} tot {high}, en de echte "
        "{obs} valt daarbinnen, dus deze toets kan de schatting niet onderscheiden van een "
        "betere",
    },
    "noise_outside": {
        "en": "Over {runs} runs, the calibrated account's {what} on these posts ranges from "
        "{low} to {high}, and the real {obs} lies outside that range, so the fit misses by more "
        "than those runs vary (a further run would land outside them about one time in {k})",
        "nl": "Over {runs} simulaties loopt het {what} van het gekalibreerde account op deze "
        "posts van {low} tot {high}, en de echte {obs} valt daarbuiten, dus de schatting zit er "
        "verder naast dan die simulaties onderling verschillen (een volgende simulatie valt er "
        "ongeveer één op de {k} keer buiten)",
    },
    "noise_luck": {
        "en": "But over {runs} runs, the calibrated account's {what} on these posts ranges "
        "from {low} to {high}, so a match this close is partly luck",
        "nl": "Maar over {runs} simulaties loopt het {what} van het gekalibreerde account op "
        "deze posts van {low} tot {high}, dus zo'n nauwe overeenkomst is deels toeval",
    },
    "noise_narrow": {
        "en": "Over {runs} runs, the calibrated account's {what} on these posts ranges from "
        "{low} to {high}",
        "nl": "Over {runs} simulaties loopt het {what} van het gekalibreerde account op deze "
        "posts van {low} tot {high}",
    },
    # A close match whose real median still lies outside the runs' range: close, but leaning.
    "noise_leaning": {
        "en": "Over {runs} runs, the calibrated account's {what} on these posts ranges from "
        "{low} to {high}, and the real {obs} lies {side} that range: the fit is close but "
        "leans {lean} (a further run would land outside that range about one time in {k})",
        "nl": "Over {runs} simulaties loopt het {what} van het gekalibreerde account op deze "
        "posts van {low} tot {high}, en de echte {obs} ligt {side}: de schatting zit er dichtbij "
        "maar iets te {lean} (een volgende simulatie valt er ongeveer één op de {k} keer buiten)",
    },
    "below_range": {"en": "below", "nl": "daaronder"},
    "above_range": {"en": "above", "nl": "daarboven"},
    "lean_high": {"en": "high", "nl": "hoog"},
    "lean_low": {"en": "low", "nl": "laag"},
    "growth": {
        "en": "Followers over the export: {obs} real, {sim} in the calibrated account",
        "nl": "Volgers over de exportperiode: {obs} echt, {sim} in het gekalibreerde account",
    },
    "growth_unknown": {
        "en": "Follower growth over the export is not known: the export gives new followers "
        "but no losses, so it was not checked",
        "nl": "De groei in volgers over de exportperiode is niet bekend: de export geeft nieuwe "
        "volgers maar geen verloren volgers, dus die is niet getoetst",
    },
    "growth_close": {"en": " (within {pct})", "nl": " (binnen {pct})"},
    "growth_off": {"en": " ({pct} off)", "nl": " ({pct} ernaast)"},
    "barely": {
        "en": "Barely informed by this export (left near the assumption): {keys}",
        "nl": "Nauwelijks bepaald door deze export (blijft dicht bij de aanname): {keys}",
    },
    "informed": {
        "en": "Every fitted value is informed by this export",
        "nl": "Elke geschatte waarde wordt door deze export bepaald",
    },
    "title": {
        "en": "{account} on {platform}: the export against the calibrated account",
        "nl": "{account} op {platform}: de export naast het gekalibreerde account",
    },
}
# The notes on an export (:class:`Note`). The English is the note itself, made from the raw
# values with Python's formats: calibration.toml keeps it so and code reads it. The Dutch gets
# the values as :func:`said` writes them: counts with Dutch separators, dates written out, and
# the measures named in ``fld`` and ``kind`` in words (:data:`MEASURES`).
_NOTES = {
    "fitted_on": {
        "en": "fitted on {kind}, from the column {measure}",
        "nl": "geschat op {kind}, uit de kolom {measure}",
    },
    "in_file": {"en": "{where}: {note}", "nl": "{where}: {note}"},
    "all_na": {
        "en": "the column {name!r} is NA throughout; left out",
        "nl": "de kolom {name!r} is overal leeg (NA); weggelaten",
    },
    "read_from": {
        "en": "{fld} read from {name!r}; {aside} left aside",
        "nl": "{fld} gelezen uit {name!r}; {aside} niet gebruikt",
    },
    "mixed_views": {
        "en": "views come from different columns ({names}): impressions and views are not the "
        "same count, so the views are not compared as one; the fit uses reach",
        "nl": "de weergaven komen uit verschillende kolommen ({names}): impressies en "
        "weergaven zijn niet dezelfde telling, dus de weergaven worden niet als één geheel "
        "vergeleken; de schatting gebruikt het bereik",
    },
    "partly_na": {
        "en": "{fld}: {missing} of {posts} posts have none (NA); {fld} is left out of the fit",
        "nl": "{fld}: bij {missing} van de {posts} posts ontbreekt de waarde (NA); de "
        "schatting laat {fld} buiten beschouwing",
    },
    "duplicates": {
        "en": "{n} posts appear in more than one file; each is kept once",
        "nl": "{n} posts staan in meer dan één bestand; elke post telt één keer mee",
    },
    "first_count": {
        "en": "followers at the first post ({first:%Y-%m-%d}): {start:,}, {how}",
        "nl": "volgers bij de eerste post ({first}): {start}, {how}",
    },
    "from_history": {"en": "from the follower history", "nl": "uit de volgershistorie"},
    "from_net": {
        "en": "today's {today:,} less the {since:+,.0f} net new followers since then (follower "
        "history)",
        "nl": "de {today} van vandaag min de netto {since} nieuwe volgers sindsdien "
        "(volgershistorie)",
    },
    "from_gains": {
        "en": "today's {today:,} less the {since:,.0f} new followers since then (follower "
        "history); the export gives no losses, so this is low by the followers lost since",
        "nl": "de {today} van vandaag min de {since} nieuwe volgers sindsdien "
        "(volgershistorie); de export geeft geen verloren volgers, dus dit getal is te laag, "
        "met het aantal volgers dat sindsdien vertrok",
    },
}

#: The measures of an export as a note names them, and the other fields a refusal names.
MEASURES = {
    "reach": {"en": "reach", "nl": "bereik"},
    "views": {"en": "views", "nl": "weergaven"},
    "likes": {"en": "likes", "nl": "likes"},
    "comments": {"en": "comments", "nl": "reacties"},
    "shares": {"en": "shares", "nl": "shares"},
    "saves": {"en": "saves", "nl": "opslagen"},
    "follows": {"en": "follows", "nl": "nieuwe volgers"},
    "gained": {"en": "new followers", "nl": "nieuwe volgers"},
    "followers": {"en": "followers", "nl": "volgers"},
    "total": {"en": "followers", "nl": "volgers"},
    "lost": {"en": "lost followers", "nl": "verloren volgers"},
    "net": {"en": "difference in followers", "nl": "verschil in volgers"},
    "posted_at": {"en": "post time", "nl": "publicatietijd"},
    "post time": {"en": "post time", "nl": "publicatietijd"},
    "date": {"en": "date", "nl": "datum"},
}

#: The fitted values in words a client reads.
KEYS = {
    "behaviour.activity_mean": {
        "en": "how active the audience is",
        "nl": "hoe actief het publiek is",
    },
    "audience.niche_interest": {
        "en": "interest in the account's niche",
        "nl": "interesse in de niche van het account",
    },
    "behaviour.like": {"en": "likes", "nl": "likes"},
    "behaviour.comment": {"en": "comments", "nl": "reacties"},
    "behaviour.share": {"en": "shares", "nl": "shares"},
    "behaviour.follow": {"en": "new followers per view", "nl": "nieuwe volgers per weergave"},
    "feed.explore_threshold": {"en": "reach beyond followers", "nl": "bereik buiten de volgers"},
    "audience.users": {
        "en": "size of the reachable market",
        "nl": "omvang van de bereikbare markt",
    },
    "behaviour.forget": {
        "en": "followers who drift off and leave",
        "nl": "volgers die afhaken en vertrekken",
    },
    "behaviour.unfollow": {
        "en": "followers who drift off and leave",
        "nl": "volgers die afhaken en vertrekken",
    },
}


def words(key: str, lang: str, **fields) -> str:
    """The sentence ``key`` in ``lang``, its fields filled in."""
    return _WORDS[key][check_lang(lang)].format(**fields)


def _pct(share: float, lang: str) -> str:
    return f"{number(100 * share, lang)}%"


def verdict(check: dict[str, float], kind: str, held_out: bool, lang: str = "en") -> str:
    """How close the calibrated account comes to the real one on the posts it did not see, in
    one plain sentence (the chart's headline and the summary's first line)."""
    obs, sim = check["reach_observed"], check["reach_simulated"]
    n = number(check["posts"], lang)
    what = words(kind, lang)
    off = sim / obs - 1 if obs > 0 else float("inf")
    if abs(off) < 0.005:
        off = 0.0
    if not held_out:
        text = words("all", lang, n=n, what=what, pct=_pct(max(abs(off), 0.01), lang))
    elif abs(off) <= 0.1 or abs(off) <= CLOSE and obs > 0:
        text = words("within", lang, n=n, what=what, pct=_pct(max(abs(off), 0.01), lang))
    else:
        text = words(
            "above" if off > 0 else "below", lang, n=n, what=what, pct=_pct(abs(off), lang)
        )
    if not abs(off) <= CLOSE:
        text += words("rough", lang)
    noise = scatter(check, kind, lang)
    return f"{text}. {noise}" if noise else text


def scatter(check: dict[str, float], kind: str, lang: str = "en") -> str:
    """What the calibrated account's own runs say of the verdict's miss: the sentence that
    follows it (no full stop of its own); empty for a check without per-run medians.

    An export is one run of the real account, so its median is set beside each replicate run's
    own median on the same posts. A miss beyond :data:`CLOSE` with the real median inside the
    runs' range is within what the account varies by itself; outside it, the fit misses beyond
    that. A close match is called partly luck where a run of the calibrated account itself
    would miss its own pooled median by more than :data:`CLOSE`; otherwise the range is given
    plainly, with the side the fit leans to where the real median lies outside it.

    The range of ``n`` runs is narrow for few runs: a further run of the same account lands
    outside it with probability ``2 / (n + 1)`` (one time in three for five runs), so a miss
    outside it says how often, and more replicate runs give a range that holds more of them.
    """
    if check.get("runs", 0) < 2 or "reach_low" not in check:
        return ""
    obs, sim = check["reach_observed"], check["reach_simulated"]
    low, high = check["reach_low"], check["reach_high"]
    off = sim / obs - 1 if obs > 0 else float("inf")
    if abs(off) > CLOSE:
        key = "noise_inside" if low <= obs <= high else "noise_outside"
    elif sim > 0 and max(abs(low / sim - 1), abs(high / sim - 1)) > CLOSE:
        key = "noise_luck"
    elif low <= obs <= high:
        key = "noise_narrow"
    else:
        key = "noise_leaning"
    # A further exchangeable run falls outside the lowest and highest of n with chance 2/(n+1).
    k = max(2, round((check["runs"] + 1) / 2))
    return words(
        key,
        lang,
        side=words("below_range" if obs < low else "above_range", lang),
        lean=words("lean_high" if obs < low else "lean_low", lang),
        k=number(k, lang),
        runs=number(check["runs"], lang),
        what=words(kind, lang),
        low=number(low, lang),
        high=number(high, lang),
        obs=number(obs, lang),
    )


def growth(check: dict[str, float], lang: str = "en") -> str | None:
    """Follower growth over the export, real against calibrated; that it is not known where
    the history gives gains alone; None without a history."""
    if check.get("growth_unknown"):
        return words("growth_unknown", lang)
    if "growth_observed" not in check:
        return None

    def signed(v: float) -> str:
        return ("+" if v > 0 else "") + number(v, lang)

    obs, sim = check["growth_observed"], check["growth_simulated"]
    text = words("growth", lang, obs=signed(obs), sim=signed(sim))
    if obs != 0:
        off = abs(sim - obs) / abs(obs)
        text += words(
            "growth_close" if off <= CLOSE else "growth_off", lang, pct=_pct(max(off, 0.01), lang)
        )
    return text


def barely(keys: list[str], lang: str = "en") -> str:
    """Which fitted values the export barely informs, in words."""
    if not keys:
        return words("informed", lang)
    return words("barely", lang, keys=", ".join(KEYS.get(k, {}).get(lang, k) for k in keys))


class Note(str):
    """A note on an export: its English text, which is what calibration.toml keeps and what
    code reads, carrying the key of its sentence in :data:`_NOTES` and the values that fill it,
    so :meth:`text` can say it in another language.

    ``Note("fitted_on", kind="reach", measure="Bereik")`` is the string ``"fitted on reach,
    from the column Bereik"``; its ``text("nl")`` is ``"geschat op bereik, uit de kolom
    Bereik"``. A value may itself be a note (a note on a file names the file, then the note).
    """

    key: str
    fields: dict[str, object]

    def __new__(cls, key: str, **fields: object) -> Note:
        """The note ``key`` of :data:`_NOTES`, its English filled in with ``fields``."""
        note = super().__new__(cls, _NOTES[key]["en"].format(**fields))
        note.key, note.fields = key, fields
        return note

    def __reduce__(self):  # pickled by its key and values, as it was made
        return _note, (self.key, self.fields)

    def text(self, lang: str = "en") -> str:
        """The note in ``lang`` (in English, the note itself)."""
        if check_lang(lang) == "en":
            return str(self)
        return _NOTES[self.key][lang].format(
            **{k: said(k, v, lang) for k, v in self.fields.items()}
        )


def _note(key: str, fields: dict[str, object]) -> Note:
    return Note(key, **fields)


def said(name: str, value: object, lang: str) -> object:
    """The value of a note's field ``name`` as ``lang`` writes it: a note in that language, a
    count or date by :mod:`sim.base.l10n`, a measure (field ``fld`` or ``kind``) in words."""
    if isinstance(value, Note):
        return value.text(lang)
    if name in ("fld", "kind") and isinstance(value, str) and value in MEASURES:
        return MEASURES[value][lang]
    if isinstance(value, _dt.date):
        return date(value, lang)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return number(value, lang)
    return value


def measure(fld: str) -> Named:
    """A field of an export as a refusal names it: ``comments`` in English (the field's own
    name), ``reacties`` in Dutch (:data:`MEASURES`)."""
    return Named(fld, **{lang: w for lang, w in MEASURES.get(fld, {}).items() if lang != "en"})


def note_text(note: str, lang: str = "en") -> str:
    """A note on an export in ``lang``: a :class:`Note` in that language, other text as it is."""
    return note.text(lang) if isinstance(note, Note) else str(note)
