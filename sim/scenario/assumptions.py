"""Structural assumptions: the choices no source settles, each with its plausible alternatives.

A number with a range (a test threshold of 0.04 to 0.08) is varied by the sensitivity study
around its value. Some choices are not numbers on a scale but ways the world might work: what the
platform's first test divides reactions by, what bought accounts do, whether anyone ever finds
out, how the platform purges fakes. No platform publishes them, and a conclusion may hold in one
and flip in another. This catalogue declares every such choice once, with its alternatives and
what each means in plain English and Dutch, so that

- ``feedsim sensitivity`` varies each categorical one as a factor of its design (and each
  numeric one over the range named here),
- the dose-response (:mod:`sim.studies.dose_response`) runs each alternative as a variant, and
- ``feedsim worlds`` (:mod:`sim.studies.worlds`) runs a comparison in every combination of them.

An alternative is a set of overrides computed from the resolved scenario (as a dict), because
some depend on it: fakes that "scroll" open the app as often as the scenario's real users do.
Nothing here imports the schema: the functions read the scenario's plain dict.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

Flat = Mapping[str, Any]  # a resolved scenario as a plain nested dict (Scenario.to_dict())


def get(flat: Flat, dotted: str) -> Any:
    """The value at a dotted key of a scenario dict (None where a table is absent)."""
    node: Any = flat
    for part in dotted.split("."):
        node = node.get(part) if isinstance(node, Mapping) else None
    return node


@dataclass(frozen=True)
class Alternative:
    """One way a structural choice may be: a name, its meaning, and the overrides that set it.

    ``en`` and ``nl`` are clauses that follow "where" / "waar" in a sentence (Dutch word order
    of a subordinate clause: the verb last).
    """

    name: str
    en: str
    nl: str
    settings: Callable[[Flat], dict[str, Any]]

    def overrides(self, flat: Flat) -> dict[str, Any]:
        """The dotted keys and values that put the scenario ``flat`` in this alternative."""
        return dict(self.settings(flat))


@dataclass(frozen=True)
class Assumption:
    """A choice no source settles.

    Attributes:
        key: the dotted scenario key it names (the factor's name in designs and tables).
        title, title_nl: a short name (English, Dutch).
        en, nl: what the choice is and why no source settles it.
        alternatives: the plausible ways it may be (categorical); empty for a number.
        current: which alternative a scenario is in (categorical).
        span: the plausible range of a number, from the scenario (numeric).
        needs: a table the scenario must switch on for the choice to matter (``strategies.buy``).
        worlds: part of the default plausible worlds.
    """

    key: str
    title: str
    title_nl: str
    en: str
    nl: str
    alternatives: tuple[Alternative, ...] = ()
    current: Callable[[Flat], str] | None = None
    span: Callable[[Flat], tuple[float, float]] | None = None
    needs: tuple[str, ...] = ()
    worlds: bool = True
    integer: bool = False
    names: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "names", tuple(a.name for a in self.alternatives))

    @property
    def categorical(self) -> bool:
        """Whether its alternatives are named ways (not a numeric range)."""
        return bool(self.alternatives)

    def applies(self, flat: Flat) -> bool:
        """Whether the scenario has what the choice acts on (a bought-followers table, ...)."""
        if self.needs and not any(get(flat, t) is not None for t in self.needs):
            return False
        return get(flat, self.key) is not None or self.categorical

    def alternative(self, name: str) -> Alternative:
        """The alternative called ``name``; KeyError naming the choices otherwise."""
        for a in self.alternatives:
            if a.name == name:
                return a
        raise KeyError(f"{self.key}: no alternative {name!r}; choose {', '.join(self.names)}")

    def describe(self, lang: str = "en") -> str:
        """The choice in plain words, in ``lang``."""
        return self.nl if lang == "nl" else self.en


# --- what the platform's first test divides reactions by -------------------------------------


def _test_score(name: str) -> Callable[[Flat], dict[str, Any]]:
    return lambda flat: {"feed.test_score": name}


TEST_SCORE = Assumption(
    key="feed.test_score",
    title="the first test's denominator",
    title_nl="de noemer van de eerste test",
    en="What the platform's first test divides a post's reactions by. No platform publishes it: "
    "per delivery counts every follower the post was sent to (accounts that never open the "
    "app drag the score down); per view counts only those who saw it.",
    nl="Waardoor het platform de reacties in de eerste test deelt. Geen platform maakt dat "
    "bekend: per aflevering telt elke volger naar wie de post ging (accounts die de app nooit "
    "openen trekken de score omlaag); per weergave telt alleen wie hem zag.",
    alternatives=(
        Alternative(
            "per_delivery",
            "the test scores reactions per follower reached",
            "de test reacties per bereikte volger telt",
            _test_score("per_delivery"),
        ),
        Alternative(
            "per_view",
            "the test scores reactions per follower who saw the post",
            "de test reacties telt per volger die de post zag",
            _test_score("per_view"),
        ),
    ),
    current=lambda flat: str(get(flat, "feed.test_score")),
)


# --- what bought accounts do -------------------------------------------------------------------


def _bots(mode: str) -> Callable[[Flat], dict[str, Any]]:
    def settings(flat: Flat) -> dict[str, Any]:
        activity = float(get(flat, "behaviour.activity_mean") or 0.4)
        interest = float(get(flat, "audience.niche_interest") or 0.5)
        return {
            "strategies.buy.bots": mode,
            "strategies.buy.activity": 0.0 if mode == "absent" else activity,
            "strategies.buy.interest": interest if mode == "react" else 0.0,
        }

    return settings


BOTS = Assumption(
    key="strategies.buy.bots",
    title="what bought followers do",
    title_nl="wat gekochte volgers doen",
    en="What bought followers do once delivered. Journalists' purchase tests found basic fakes "
    "inactive, but vendors also sell accounts that browse or engage, and nobody measures "
    "which a given package holds.",
    nl="Wat gekochte volgers doen na levering. Journalisten die volgers kochten vonden vooral "
    "inactieve nepaccounts, maar verkopers bieden ook accounts die scrollen of reageren, en "
    "niemand meet wat een pakket precies bevat.",
    alternatives=(
        Alternative(
            "absent",
            "bought followers never open the app",
            "gekochte volgers de app nooit openen",
            _bots("absent"),
        ),
        Alternative(
            "scroll",
            "bought followers scroll past posts without reacting",
            "gekochte volgers zonder te reageren langs posts scrollen",
            _bots("scroll"),
        ),
        Alternative(
            "react",
            "bought followers react like the brand's real fans",
            "gekochte volgers zoals echte fans van het merk reageren",
            _bots("react"),
        ),
    ),
    current=lambda flat: str(get(flat, "strategies.buy.bots") or "absent"),
    needs=("strategies.buy",),
)


# --- whether anyone finds out ------------------------------------------------------------------

DISCOVERY = Assumption(
    key="discovery.enabled",
    title="whether the purchase is found out",
    title_nl="of de aankoop uitkomt",
    en="Whether the audience ever finds out that followers were bought, so that trust falls. "
    "No study measures how often that happens.",
    nl="Of het publiek ooit ontdekt dat er volgers zijn gekocht, zodat het vertrouwen daalt. "
    "Geen onderzoek meet hoe vaak dat gebeurt.",
    alternatives=(
        Alternative(
            "on",
            "the audience may find out",
            "het publiek het kan ontdekken",
            lambda flat: {"discovery.enabled": True},
        ),
        Alternative(
            "off",
            "nobody ever finds out",
            "niemand er ooit achter komt",
            lambda flat: {"discovery.enabled": False},
        ),
    ),
    current=lambda flat: "on" if get(flat, "discovery.enabled") is not False else "off",
    needs=("strategies.buy", "strategies.pod"),
)


# --- how the platform removes fakes ------------------------------------------------------------


def _purge(regime: str) -> Callable[[Flat], dict[str, Any]]:
    def settings(flat: Flat) -> dict[str, Any]:
        every = int(get(flat, "purge.every_days") or 0) or 180
        detection = float(get(flat, "purge.detection") or 0.95)
        if regime == "none":
            return {"purge.days": [], "purge.every_days": 0, "purge.daily_rate": 0.0}
        if regime == "waves":
            return {"purge.every_days": every, "purge.daily_rate": 0.0}
        # Continuous: the daily chance that catches as many fakes in `every` days as one wave.
        daily = 1.0 - (1.0 - min(detection, 0.999999)) ** (1.0 / every)
        return {"purge.days": [], "purge.every_days": 0, "purge.daily_rate": round(daily, 6)}

    return settings


def _purge_now(flat: Flat) -> str:
    if get(flat, "purge.every_days") or get(flat, "purge.days"):
        return "waves"
    return "continuous" if get(flat, "purge.daily_rate") else "none"


PURGE = Assumption(
    key="purge",
    title="how the platform removes fakes",
    title_nl="hoe het platform nepaccounts opruimt",
    en="How the platform removes fake accounts. Instagram (2014) and Twitter (2018) purged in "
    "waves; no platform publishes a schedule or a rate between waves.",
    nl="Hoe het platform nepaccounts verwijdert. Instagram (2014) en Twitter (2018) ruimden op "
    "in golven; geen platform maakt een schema of een tempo tussen de golven bekend.",
    alternatives=(
        Alternative(
            "waves",
            "the platform purges fakes in waves",
            "het platform nepaccounts in golven opruimt",
            _purge("waves"),
        ),
        Alternative(
            "continuous",
            "the platform removes fakes a few every day",
            "het platform elke dag een paar nepaccounts verwijdert",
            _purge("continuous"),
        ),
        Alternative(
            "none",
            "the platform never removes fakes",
            "het platform nooit nepaccounts verwijdert",
            _purge("none"),
        ),
    ),
    current=_purge_now,
    needs=("strategies.buy",),
)


# --- numbers no source fixes -------------------------------------------------------------------

USERS = Assumption(
    key="audience.users",
    title="the size of the simulated population",
    title_nl="de omvang van de gesimuleerde populatie",
    en="How many real users the simulated world holds. No scenario has a source for it, and "
    "absolute figures (followers, purchases) grow with it.",
    nl="Hoeveel echte gebruikers de gesimuleerde wereld telt. Geen scenario heeft er een bron "
    "voor, en absolute cijfers (volgers, aankopen) groeien ermee.",
    span=lambda flat: (
        max(100.0, round(float(get(flat, "audience.users")) / 2)),
        float(get(flat, "audience.users")) * 2,
    ),
    worlds=False,
    integer=True,
)

VISIT_VALUE = Assumption(
    key="brand.visit_value",
    title="the value of a site visit",
    title_nl="de waarde van een websitebezoek",
    en="What one site visit or sign-up is worth, in euros. No source gives it; €0.50 is a "
    "placeholder, and it makes up most of the revenue of an organic run.",
    nl="Wat één websitebezoek of aanmelding waard is, in euro. Geen bron noemt het; €0,50 is "
    "een invulling, en het is het grootste deel van de omzet van een organische run.",
    span=lambda flat: (0.0, 2.0),
    worlds=False,
)

CATALOGUE: tuple[Assumption, ...] = (TEST_SCORE, BOTS, DISCOVERY, PURGE, USERS, VISIT_VALUE)
BY_KEY: dict[str, Assumption] = {a.key: a for a in CATALOGUE}
# Keys a categorical assumption sets: a numeric range on them would fight it.
OWNED: dict[str, str] = {
    "feed.test_score": "feed.test_score",
    "strategies.buy.activity": "strategies.buy.bots",
    "strategies.buy.interest": "strategies.buy.bots",
    "purge.every_days": "purge",
    "purge.daily_rate": "purge",
    "purge.days": "purge",
}


def applicable(flat: Flat, categorical: bool | None = None) -> list[Assumption]:
    """The assumptions the scenario ``flat`` rests on, in catalogue order (``categorical``:
    only those, only the numeric ones, or both with None)."""
    return [
        a
        for a in CATALOGUE
        if a.applies(flat) and (categorical is None or a.categorical == categorical)
    ]


def owner(key: str, flat: Flat) -> Assumption | None:
    """The categorical assumption that sets ``key`` in the scenario ``flat`` (None if none)."""
    name = OWNED.get(key)
    a = BY_KEY.get(name) if name else None
    return a if a is not None and a.applies(flat) else None
