"""The layouts of analytics exports: which columns each platform's export has.

The canonical fields of a post (:data:`FIELDS`), the one table of column names per platform,
field and language (:data:`HEADERS`, :data:`FOLLOWER_HEADERS`; where each name comes from is in
docs/sources.md, "Analytics exports"), the date formats and month names exports write, the
limits beyond which a file is refused unless forced, and what a reader returns
(:class:`Export`) or raises (:class:`ExportError`, a :class:`CalibrationError`). Headers are
compared after :func:`_norm` (case, spacing and a byte-order mark are ignored).

:mod:`sim.studies.calibrate.exports` reads and writes exports with these, and re-exports them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from sim.base.l10n import SaidError

PLATFORMS = ("instagram", "facebook", "linkedin", "tiktok")
LANGS = ("en", "nl", "de")

#: Canonical fields of a post, in the tidy table's column order.
FIELDS = ("posted_at", "type", "reach", "views", "likes", "comments", "shares", "saves", "follows")
COUNTS = ("reach", "views", "likes", "comments", "shares", "saves", "follows")

#: Limits beyond which a file is refused unless forced (``--force``): bytes read from one file
#: (or one ZIP member, or a folder's files together) and posts in one export.
MAX_BYTES = 50 * 2**20
MAX_POSTS = 20_000
#: A count above this is not a real post's figure (ten billion: more than the planet's accounts).
ABSURD = 1e10
_SUFFIXES = (".csv", ".txt", ".tsv", ".xlsx", ".xls", ".zip")


def _n(en: list[str], nl: list[str], de: list[str] | None = None) -> dict[str, list[str]]:
    return {"en": en, "nl": nl, "de": de or []}


# The one table of column names: per platform and field, per language. The first name of a
# language is what write_export writes. Facebook and LinkedIn say "Reacties" for reactions
# (likes); Instagram said "Reacties" for comments before it said "Opmerkingen". That is why the
# table is per platform. Sources per name: docs/sources.md.
_META_COMMON = {
    "posted_at": _n(
        ["Publish time"],
        ["Publicatietijdstip", "Publicatietijd", "Tijdstip van publicatie"],
        ["Veröffentlichungszeitpunkt", "Veröffentlichungszeit"],
    ),
    "type": _n(["Post type"], ["Berichttype", "Type bericht"], ["Beitragstyp"]),
    "reach": _n(["Reach"], ["Bereik"], ["Reichweite"]),
    # Views first: Meta replaced impressions by views (Instagram 21 April 2025, Facebook Pages
    # 15 November 2025); a file with both gives the views.
    "views": _n(["Views", "Impressions"], ["Weergaven", "Impressies"], ["Aufrufe", "Impressionen"]),
    "shares": _n(
        ["Shares"],
        ["Aantal keer gedeeld", "Gedeeld", "Keer gedeeld", "Deelacties"],
        ["Geteilte Inhalte", "Teilen"],
    ),
    "account": _n(
        ["Account username", "Account name", "Page name"],
        ["Gebruikersnaam account", "Accountnaam", "Paginanaam"],
        ["Benutzername des Kontos", "Kontoname", "Seitenname"],
    ),
    "followers": _n(["Followers"], ["Volgers"], ["Follower"]),
    "link": _n(["Permalink"], ["Permalink"], ["Permalink"]),
}
HEADERS: dict[str, dict[str, dict[str, list[str]]]] = {
    "instagram": {
        **_META_COMMON,
        "likes": _n(["Likes"], ["Vind-ik-leuks"], ["Gefällt mir"]),
        "comments": _n(["Comments"], ["Opmerkingen", "Reacties"], ["Kommentare"]),
        "saves": _n(
            ["Saves"], ["Aantal keer opgeslagen", "Opgeslagen", "Opslagacties"], ["Gespeichert"]
        ),
        "follows": _n(["Follows"], ["Volgt", "Volgacties", "Nieuwe volgers"], ["Follows"]),
    },
    "facebook": {
        **_META_COMMON,
        "likes": _n(
            ["Reactions", "Likes"], ["Reacties", "Vind-ik-leuks"], ["Reaktionen", "Gefällt mir"]
        ),
        "comments": _n(["Comments"], ["Opmerkingen"], ["Kommentare"]),
        "saves": _n(["Saves"], ["Opgeslagen"], ["Gespeichert"]),
        "follows": _n(["Follows"], ["Volgt", "Volgacties", "Nieuwe volgers"], ["Follows"]),
    },
    "linkedin": {
        "posted_at": _n(
            ["Created date", "Date"],
            ["Aanmaakdatum", "Datum gemaakt", "Datum"],
            ["Erstellungsdatum", "Datum"],
        ),
        "type": _n(
            ["Post type", "Content type"], ["Type bericht", "Type content"], ["Beitragstyp"]
        ),
        "reach": _n(
            ["Unique impressions", "Members reached"],
            ["Unieke weergaven"],
            ["Eindeutige Impressionen"],
        ),
        "views": _n(["Impressions"], ["Weergaven", "Impressies"], ["Impressionen"]),
        "likes": _n(
            ["Reactions", "Likes"], ["Reacties", "Vind-ik-leuks"], ["Reaktionen", "Gefällt mir"]
        ),
        "comments": _n(["Comments"], ["Opmerkingen"], ["Kommentare"]),
        "shares": _n(
            ["Reposts", "Shares"], ["Reposts", "Gedeeld"], ["Reposts", "Geteilte Inhalte"]
        ),
        "saves": _n(["Saves"], ["Opgeslagen"], ["Gespeichert"]),
        "follows": _n(["Follows"], ["Volgacties", "Nieuwe volgers"], ["Follows"]),
        "account": _n(
            ["Page name", "Posted by"],
            ["Paginanaam", "Geplaatst door"],
            ["Seitenname", "Gepostet von"],
        ),
        "followers": _n(["Followers"], ["Volgers"], ["Follower"]),
        "link": _n(["Post link", "Update link"], [], []),
    },
    "tiktok": {
        "posted_at": _n(
            ["Post time", "Time"],
            ["Plaatsingstijd", "Tijdstip van plaatsing"],
            ["Beitragszeit", "Veröffentlichungszeit"],
        ),
        "type": _n(["Content type"], ["Type content"], ["Inhaltstyp"]),
        "reach": _n(
            ["Reached audience", "Reach"],
            ["Bereikt publiek", "Bereik"],
            ["Erreichtes Publikum", "Reichweite"],
        ),
        "views": _n(
            ["Total views", "Video views", "Views"],
            ["Totaal aantal weergaven", "Videoweergaven", "Weergaven"],
            ["Videoaufrufe", "Aufrufe"],
        ),
        "likes": _n(["Total likes", "Likes"], ["Vind-ik-leuks"], ["Likes"]),
        "comments": _n(["Total comments", "Comments"], ["Opmerkingen", "Reacties"], ["Kommentare"]),
        "shares": _n(
            ["Total shares", "Shares"], ["Gedeeld", "Keer gedeeld"], ["Geteilte Inhalte", "Teilen"]
        ),
        "saves": _n(
            ["Add to Favorites", "Saves", "Favorites"], ["Favorieten", "Opgeslagen"], ["Favoriten"]
        ),
        "follows": _n(["Follows"], ["Volgacties"], ["Follows"]),
        "account": _n(
            ["Username", "Account name"], ["Gebruikersnaam", "Accountnaam"], ["Benutzername"]
        ),
        "followers": _n(["Followers"], ["Volgers"], ["Follower"]),
        "link": _n(["Video link"], ["Videolink"], []),
    },
}

#: Daily follower files: LinkedIn's followers export (``New followers`` sheet), TikTok Studio's
#: ``FollowerHistory.csv`` and ``Overview.csv``. ``total``: followers that day; ``gained`` /
#: ``lost``: followers won and lost that day (LinkedIn's ``Total followers`` is the day's new
#: followers, the sum of its sponsored, organic and auto-invited ones); ``net``: the day's
#: difference. Meta's daily files name their figure on a line above ``"Date","Primary"``.
FOLLOWER_HEADERS: dict[str, dict[str, list[str]]] = {
    "date": _n(["Date"], ["Datum"], ["Datum"]),
    "total": _n(["Followers"], ["Volgers"], ["Follower"]),
    "gained": _n(
        ["New followers", "Total followers"],
        ["Nieuwe volgers", "Totaal aantal volgers"],
        ["Neue Follower"],
    ),
    "lost": _n(["Lost followers"], ["Verloren volgers"], ["Verlorene Follower"]),
    "net": _n(
        ["Difference in followers from previous day"],
        ["Verschil in volgers ten opzichte van vorige dag"],
        [],
    ),
}

SOURCE_NAME = {
    "instagram": "Meta Business Suite (Insights > Content > Export)",
    "facebook": "Meta Business Suite (Insights > Content > Export)",
    "linkedin": "LinkedIn page analytics (your page > Analytics > Export)",
    "tiktok": "TikTok Studio (Analytics > Download data)",
}

# Date formats tried in turn; the first under which every row parses wins. Day-first formats
# come before month-first ones when the headers are Dutch or German.
_ISO = ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d"]
_MONTH_FIRST = ["%m/%d/%Y %H:%M", "%m/%d/%Y %H:%M:%S", "%m/%d/%Y %I:%M %p", "%m/%d/%Y"]
_DAY_FIRST = [
    "%d-%m-%Y %H:%M",
    "%d-%m-%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d.%m.%Y %H:%M",
    "%d-%m-%Y",
    "%d/%m/%Y",
    "%d.%m.%Y",
]
MONTHS = {
    **{
        m: i + 1
        for i, m in enumerate(
            [
                "january",
                "february",
                "march",
                "april",
                "may",
                "june",
                "july",
                "august",
                "september",
                "october",
                "november",
                "december",
            ]
        )
    },
    **{
        m: i + 1
        for i, m in enumerate(
            [
                "januari",
                "februari",
                "maart",
                "april",
                "mei",
                "juni",
                "juli",
                "augustus",
                "september",
                "oktober",
                "november",
                "december",
            ]
        )
    },
    **{
        m: i + 1
        for i, m in enumerate(
            [
                "januar",
                "februar",
                "märz",
                "april",
                "mai",
                "juni",
                "juli",
                "august",
                "september",
                "oktober",
                "november",
                "dezember",
            ]
        )
    },
    **{
        m: i + 1
        for i, m in enumerate(
            ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        )
    },
    "mrt": 3,
    "okt": 10,
    "mei": 5,
    "mär": 3,
    "dez": 12,
    "sept": 9,
}
_BLANK = ("", "-", "--", "\u2013", "\u2014")  # no count: zero
_NOT_APPLICABLE = ("na", "n/a", "n.v.t.", "nvt", "lifetime", "levensduur")  # unknown: NaN


class CalibrationError(SaidError):
    """Something a calibration refuses, said so that the user can act on it.

    Made of a sentence said later (:class:`sim.base.i18n.Said`), its ``str()`` is the English
    and :attr:`said` says it in the reader's language (``feedsim calibrate --lang nl``); made
    of plain text, ``said`` is None and the text is all there is.
    """


class ExportError(CalibrationError):
    """A file that is not a usable analytics export; the message names the file and the fix."""


@dataclass(frozen=True)
class Export:
    """One account's posts, read from an analytics export.

    Attributes:
        platform: instagram, facebook, linkedin or tiktok.
        account: the account's name (from the export, else the file name).
        followers: the account's follower count at the start of the export (day 0 of the fit):
            from a follower history when the files hold one, else the count given.
        posts: one row per post, columns :data:`FIELDS`, sorted by time; ``reach`` is NaN where
            the export reports only views.
        reach_kind: ``"reach"`` (unique accounts) or ``"views"`` (impressions or views): what the
            fit compares with the simulation's real reach or impressions.
        language: ``"en"``, ``"nl"`` or ``"de"``, the headers' language.
        source: the file or folder read.
        columns: per field, the header(s) it was read from.
        notes: what the reader decided that a user should know (which measure was used, rows
            with a count left out, where the follower count came from).
        followers_today: the follower count given or read as today's (None: only a history).
        history: the daily follower history (date, followers, gained, lost; NaN where not
            given), or None.
    """

    platform: str
    account: str
    followers: int
    posts: pd.DataFrame
    reach_kind: str
    language: str
    source: str
    columns: dict[str, str] = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    followers_today: int | None = None
    history: pd.DataFrame | None = None

    def reach(self) -> pd.Series:
        """Per-post reach if the export has it, else views."""
        return self.posts[self.reach_kind].astype(float)


# ---------------------------------------------------------------------------------------------
# Header names, compared without case, spacing or a byte-order mark.


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", str(text).replace("\ufeff", "")).strip().strip('"').casefold()


def _lookup(headers: dict[str, dict[str, list[str]]]) -> dict[str, tuple[str, str, int]]:
    """Normalised header -> (field, language, preference; 0 is the most preferred)."""
    out: dict[str, tuple[str, str, int]] = {}
    for fld, names in headers.items():
        for lang in LANGS:
            for rank, name in enumerate(names[lang]):
                out.setdefault(_norm(name), (fld, lang, rank))
    return out
