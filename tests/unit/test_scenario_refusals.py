"""Scenarios that used to slip through are refused when loaded, before anything runs, with the
file, the line, the key, the value and what is allowed; and a calendar post without an hour
resolves and round-trips."""

from __future__ import annotations

import re
import tomllib

import pytest

from sim.scenario import ScenarioError, load_scenario, resolve

BASE = """\
days = 30
[audience]
users = 2000
[brand]
initial_followers = 100
"""


def _refused(write_scenario, extra: str) -> str:
    path = write_scenario(BASE + extra)
    with pytest.raises(ScenarioError) as err:
        load_scenario(path)
    msg = str(err.value)
    assert msg.startswith(str(path)), msg
    return msg


def _line(msg: str) -> int:
    m = re.search(r"\(line (\d+)\)", msg)
    assert m, msg
    return int(m[1])


# (extra TOML, pattern the message must hold, the line it must name: counted in BASE + extra)
CASES = {
    "purge day before 0": ("[purge]\ndays = [-1]\n", r"purge\.days = \[-1\].*from 0 to", 7),
    "purge day after the run": (
        "[purge]\ndays = [40]\n",
        r"purge\.days has day 40.*days 0 to 29",
        7,
    ),
    "follow-for-follow start after end": (
        "[strategies.follow_for_follow]\nper_day = 5\nstart_day = 20\nend_day = 10\n",
        r"start_day = 20 is after strategies\.follow_for_follow\.end_day = 10",
        8,
    ),
    "follow-for-follow after the run": (
        "[strategies.follow_for_follow]\nper_day = 5\nstart_day = 35\nend_day = 40\n",
        r"follow_for_follow\.start_day = 35 is after the run \(days 0 to 29\)",
        8,
    ),
    "pod start after end": (
        "[strategies.pod]\nmembers = 5\nstart_day = 9\nend_day = 3\n",
        r"pod\.start_day = 9 is after strategies\.pod\.end_day = 3",
        8,
    ),
    "pod after the run": (
        "[strategies.pod]\nmembers = 5\nstart_day = 31\n",
        r"pod\.start_day = 31 is after the run",
        8,
    ),
    "giveaway draw after the last day": (
        "[strategies.giveaway]\nentrants = 50\nday = 25\nduration = 7\n",
        r"giveaway\.duration \(the draw, days? \+ duration\) has day 32.*days 0 to 29",
        9,
    ),
    "buy days repeated": (
        "[strategies.buy]\ncount = 10\ndays = [5, 5]\n",
        r"strategies\.buy\.days = \[5, 5\].*day 5 is listed twice",
        8,
    ),
    "more entrants than users": (
        "[strategies.giveaway]\nentrants = 2001\nday = 2\n",
        r"giveaway\.entrants = 2,001 is more than the audience's 2,000 "
        r"users",
        7,
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_nonsense_is_refused_with_its_line(write_scenario, name):
    extra, pattern, line = CASES[name]
    msg = _refused(write_scenario, extra)
    assert re.search(pattern, msg), msg
    assert _line(msg) == line, msg
    assert (
        "move it" in msg
        or "swap" in msg
        or "allowed" in msg
        or "list each" in msg
        or "lower it" in msg
    ), msg  # every message says how to fix it


def test_initial_followers_above_the_users_is_refused(write_scenario):
    path = write_scenario("days = 30\n[audience]\nusers = 500\n[brand]\ninitial_followers = 501\n")
    with pytest.raises(
        ScenarioError,
        match=r"\(line 5\): brand\.initial_followers = 501 is more "
        r"than the audience's 500 users; lower it",
    ):
        load_scenario(path)


@pytest.mark.parametrize("bad", ["nan", "inf", "-inf"])
def test_non_finite_activity_profile_is_refused(write_scenario, bad):
    hours = ", ".join([bad] + ["1.0"] * 23)
    path = write_scenario(
        f"days = 30\n[audience]\nusers = 2000\nactivity_profile = [{hours}]\n"
        "[brand]\ninitial_followers = 100\n"
    )
    with pytest.raises(
        ScenarioError,
        match=r"\(line 4\): audience\.activity_profile = \[.*"
        r"is not allowed: (every hour.s activity must be a finite|needs 24 non)",
    ):
        load_scenario(path)


def test_calendar_entries_are_named_with_their_own_line(write_scenario):
    text = BASE + (
        "[[content.calendar]]\nday = 3\n"
        "[[content.calendar]]\nday = 4\nhour = 30\n"
        "[[content.calendar]]\nday = 31\n"
    )
    path = write_scenario(text)
    with pytest.raises(ScenarioError) as err:
        load_scenario(path)
    msg = str(err.value)
    # The second entry's hour (line 10), not brand.hour or the first entry.
    assert re.search(
        r"\(line 10\): content\.calendar\.hour \(entry 2 of \[\[content\.calendar"
        r"\]\]\) = 30 is not allowed.*allowed: an integer >= 0 and <= 23",
        msg,
    ), msg
    path = write_scenario(text.replace("hour = 30", "hour = 20"))
    with pytest.raises(
        ScenarioError,
        match=r"\(line 11\): content\.calendar entry 3 has day 31, "
        r"but the scenario runs days 0 to 29",
    ):
        load_scenario(path)


def test_a_calendar_post_without_an_hour_resolves_and_round_trips(write_scenario):
    sc = load_scenario(
        write_scenario(BASE + '[[content.calendar]]\nday = 3\nattributes = ["question"]\n')
    )
    assert sc.content.calendar[0].hour is None
    text = sc.to_toml()  # raised 'NoneType is not TOML serializable' before
    again = resolve(tomllib.loads(text), merge_preset=False)
    assert again == sc


@pytest.mark.parametrize("name", ["..", ".", "..."])
def test_names_of_dots_are_refused(write_scenario, name):
    path = write_scenario(f'name = "{name}"\n' + BASE)
    with pytest.raises(ScenarioError, match=r"\(line 1\): name = .*outside the results folder"):
        load_scenario(path)


# English words a Dutch refusal must not hold (keys, values and file names stay as written).
ENGLISH = re.compile(
    r"\b(line|unknown|key|keys|valid|allowed|not|Input|should|integer|number|than|and|or|"
    r"did|you|mean|available|presets|expected|at|column|table|declaration|has|but|runs|move|"
    r"raise|missing|names|brings|nobody|set|give|either|older|both|more|lower|entry)\b"
)
# What `feedsim run --lang nl` used to say in English, said in Dutch: (file, English, Dutch).
REFUSALS = {
    "unknown key": (
        "[audience]\nusrs = 2000\n",
        "{path} (line 4): unknown key 'usrs' in [audience] (did you mean 'users'?); valid keys: "
        "{keys}",
        "{path} (regel 4): onbekende instelling 'usrs' in [audience] (bedoelt u 'users'?); "
        "geldige instellingen: {keys}",
    ),
    "value out of range": (
        "[audience]\nusers = 10\n",
        "{path} (line 4): audience.users = 10 is not allowed: Input should be greater than or "
        "equal to 100; allowed: an integer >= 100 and <= 50,000,000 (real users in the "
        "population)",
        "{path} (regel 4): audience.users = 10 is niet toegestaan: de waarde moet minstens 100 "
        "zijn; toegestaan: een geheel getal >= 100 en <= 50.000.000 (de omvang van de "
        "gesimuleerde populatie)",
    ),
    "not an integer": (
        '[audience]\nusers = "many"\n',
        "{path} (line 4): audience.users = 'many' is not allowed: Input should be a valid "
        "integer; allowed: an integer >= 100 and <= 50,000,000 (real users in the population)",
        "{path} (regel 4): audience.users = 'many' is niet toegestaan: de waarde moet een geheel "
        "getal zijn; toegestaan: een geheel getal >= 100 en <= 50.000.000 (de omvang van de "
        "gesimuleerde populatie)",
    ),
    "unknown platform": (
        "",
        "{path} (line 1): unknown platform 'instagrm' (did you mean 'instagram'?); available "
        "presets: facebook, instagram, linkedin, tiktok, x",
        "{path} (regel 1): onbekend platform 'instagrm' (bedoelt u 'instagram'?); beschikbare "
        "voorinstellingen: facebook, instagram, linkedin, tiktok, x",
    ),
    "not valid TOML": (
        "[audience\n",
        "{path}: not valid TOML: Expected ']' at the end of a table declaration (at line 3, "
        "column 10)",
        "{path}: geen geldige TOML: een tabelnaam hoort te eindigen op ']' (regel 3, kolom 10)",
    ),
    "a tactic day past the run": (
        "[strategies.buy]\ncount = 1000\ndays = [40]\n",
        "{path} (line 5): strategies.buy.days has day 40, but the scenario runs days 0 to 29; "
        "move it or raise `days`",
        "{path} (regel 5): strategies.buy.days bevat dag 40, maar het scenario loopt van dag 0 "
        "tot en met dag 29; verplaats die dag of verhoog `days`",
    ),
    "a giveaway's draw past the run": (
        "[strategies.giveaway]\ndays = [25]\nentrants = 10\nduration = 10\n",
        "{path} (line 6): strategies.giveaway.duration (the draw, days + duration) has day 35, "
        "but the scenario runs days 0 to 29; move it or raise `days`",
        "{path} (regel 6): strategies.giveaway.duration (de trekking, days + duration) bevat "
        "dag 35, maar het scenario loopt van dag 0 tot en met dag 29; verplaats die dag of "
        "verhoog `days`",
    ),
    "a giveaway without entrants": (
        "[strategies.giveaway]\ndays = [5]\n",
        "{path}: strategies.giveaway.entrants is missing: a giveaway that names no entrants "
        "brings nobody; set e.g. entrants = 3000 (the users who follow to enter)",
        "{path}: strategies.giveaway.entrants ontbreekt: een winactie zonder deelnemers levert "
        "niemand op; stel bijvoorbeeld entrants = 3000 in (de gebruikers die volgen om mee te "
        "doen)",
    ),
    "days and day both": (
        "[strategies.giveaway]\ndays = [5]\nday = 3\nentrants = 10\n",
        "{path}: strategies.giveaway: give either `days = [...]` or the older `day = N`, not both",
        "{path}: strategies.giveaway: geef `days = [...]` of de oudere schrijfwijze `day = N`, "
        "niet allebei",
    ),
    "more followers than users": (
        "[brand]\ninitial_followers = 5000\n[audience]\nusers = 1000\n",
        "{path} (line 4): brand.initial_followers = 5,000 is more than the audience's 1,000 "
        "users; lower it or raise audience.users",
        "{path} (regel 4): brand.initial_followers = 5.000 is meer dan de 1.000 gebruikers van "
        "het publiek; verlaag de waarde of verhoog audience.users",
    ),
    "bought fakes that never open the app but are active": (
        '[strategies.buy]\ncount = 1000\ndays = [10]\nbots = "absent"\nactivity = 0.3\n',
        "{path}: strategies.buy: activity = 0.3 contradicts bots = 'absent' (never open the app: "
        "never see a post, never react); set activity = 0, or bots = 'scroll' or 'react' for "
        "fakes that open the app",
        "{path}: strategies.buy: activity = 0.3 is in strijd met bots = 'absent' (openen de app "
        "nooit: zien nooit een post, reageren nooit); zet activity = 0, of bots = 'scroll' of "
        "'react' voor nepaccounts die de app openen",
    ),
    "a tier of contributions without users": (
        "[participation]\nenabled = true\nlurkers = 0.0\ncontributors = 1.0\n",
        "{path}: participation: the lurkers make 0.017 of the contributions but are no users; "
        "give them a share of users or no contributions",
        "{path}: participation: de meelezers (lurkers) leveren 0,017 van de bijdragen maar zijn "
        "geen gebruikers; geef ze een aandeel in de gebruikers of geen bijdragen",
    ),
    "a sensitivity range backwards": (
        '[sensitivity]\nranges = { "feed.test_threshold" = [0.03, 0.01] }\n',
        "{path} (line 4): sensitivity.ranges: feed.test_threshold = [0.03, 0.01]: the low end "
        "must be below the high end",
        "{path} (regel 4): sensitivity.ranges: feed.test_threshold = [0.03, 0.01]: de lage grens "
        "moet onder de hoge liggen",
    ),
    "a sensitivity range outside the key's bounds": (
        '[sensitivity]\nranges = { "behaviour.like" = [0.01, 2.0] }\n',
        "{path} (line 4): sensitivity.ranges: behaviour.like = [0.01, 2] leaves what "
        "behaviour.like allows: a number >= 0 and <= 1",
        "{path} (regel 4): sensitivity.ranges: behaviour.like = [0.01, 2] valt buiten wat "
        "behaviour.like toestaat: een getal >= 0 en <= 1",
    ),
    "a sensitivity range of an integer key in fractions": (
        '[sensitivity]\nranges = { "audience.users" = [1000.5, 2000] }\n',
        "{path} (line 4): sensitivity.ranges: audience.users = [1000.5, 2000]: audience.users is "
        "an integer; give whole numbers",
        "{path} (regel 4): sensitivity.ranges: audience.users = [1000.5, 2000]: audience.users is "
        "een geheel getal; geef hele getallen",
    ),
    "a recommendation pool of no one": (
        "[feed]\nexplore_stages = [0]\n",
        "{path} (line 4): feed.explore_stages = [0] is not allowed: every pool size must be from "
        "1 to 100,000,000; got 0; allowed: a list of integers (sizes of successive non-follower "
        "recommendation pools, for a post that explore_views followers saw)",
        "{path} (regel 4): feed.explore_stages = [0] is niet toegestaan: elke aanbevelingsgroep "
        "moet tussen 1 en 100.000.000 groot zijn; opgegeven: 0; toegestaan: een lijst van gehele "
        "getallen (omvang van de opeenvolgende aanbevelingsgroepen)",
    ),
    "a sensitivity study varying the horizon": (
        '[sensitivity]\nonly = ["days"]\n',
        "{path} (line 4): sensitivity.only = ['days'] is not allowed: days cannot be varied (the "
        "horizon is the question asked); allowed: a list (vary these keys alone (default: every "
        "assumption))",
        "{path} (regel 4): sensitivity.only = ['days'] is niet toegestaan: days kan niet "
        "gevarieerd worden (de looptijd is de vraag zelf); toegestaan: een lijst (enige "
        "instellingen die variëren)",
    ),
    "a calendar post past the run": (
        "[[content.calendar]]\nday = 40\n",
        "{path} (line 3): content.calendar entry 1 has day 40, but the scenario runs days 0 to "
        "29; move it or raise `days`",
        "{path} (regel 3): content.calendar onderdeel 1 staat op dag 40, maar het scenario loopt "
        "van dag 0 tot en met dag 29; verplaats de post of verhoog `days`",
    ),
}


@pytest.mark.parametrize("case", list(REFUSALS))
def test_a_scenario_is_refused_in_the_language_of_the_command(write_scenario, capsys, case):
    # `feedsim run --lang nl` refused a scenario in English; English stays as it was.
    from sim.cli import main

    extra, english, dutch = REFUSALS[case]
    platform = "instagrm" if case == "unknown platform" else "instagram"
    path = write_scenario(f'platform = "{platform}"\ndays = 30\n' + extra)
    keys = "activity_profile, communities, homophily, mean_follows, niche_interest, niche_share, "
    keys += "other_interest, popularity_tail, reciprocity, share_audience, users"
    said = {}
    for lang in ("en", "nl"):
        assert main(["run", str(path), "--lang", lang]) == 2
        said[lang] = capsys.readouterr().err
    assert said["en"] == f"feedsim run: {english.format(path=path, keys=keys)}\n"
    assert said["nl"] == f"feedsim run: {dutch.format(path=path, keys=keys)}\n"
    without = said["nl"].replace(str(path), "").replace(keys, "")
    assert not ENGLISH.search(without), ENGLISH.search(without)


def test_a_missing_scenario_file_is_refused_in_the_language_of_the_command(tmp_path, capsys):
    from sim.cli import main

    path = tmp_path / "nope.toml"
    assert main(["run", str(path)]) == main(["run", str(path), "--lang", "nl"]) == 2
    assert capsys.readouterr().err == (
        f"feedsim run: {path}: no such scenario file\n"
        f"feedsim run: {path}: dit scenariobestand bestaat niet\n"
    )


def test_every_pydantic_error_a_scenario_meets_is_said_in_dutch():
    # A value of the wrong type or out of range: pydantic's English, and Dutch by its type.
    from sim.scenario.translated import problem

    def dutch(kind, msg="Input should be ...", **ctx):
        said = problem({"type": kind, "msg": msg, "ctx": ctx})
        return said.text("nl") if hasattr(said, "text") else said

    assert dutch("greater_than_equal", ge=0.0) == "de waarde moet minstens 0 zijn"
    assert dutch("less_than_equal", le=50_000_000) == "de waarde mag hoogstens 50.000.000 zijn"
    assert dutch("less_than", lt=0.5) == "de waarde moet kleiner zijn dan 0,5"
    assert dutch("greater_than", gt=1) == "de waarde moet groter zijn dan 1"
    assert dutch("float_parsing") == "de waarde moet een getal zijn"
    assert dutch("bool_type") == "de waarde moet true of false zijn"
    assert dutch("string_type") == "de waarde moet tekst tussen aanhalingstekens zijn"
    assert (
        dutch("literal_error", expected="'a', 'b' or 'c'") == "de waarde moet 'a', 'b' of 'c' zijn"
    )
    too_short = {"field_type": "List", "min_length": 1, "actual_length": 0}
    assert dutch("too_short", **too_short) == "de lijst moet minstens 1 waarde bevatten, niet 0"
    too_long = {"field_type": "Tuple", "max_length": 24, "actual_length": 25}
    assert dutch("too_long", **too_long) == "de lijst mag hoogstens 24 waarden bevatten, niet 25"
    # Any other type, or a context worded otherwise, in pydantic's English as it is.
    assert dutch("url_parsing", msg="Input should be a valid URL") == "Input should be a valid URL"
    assert dutch("greater_than_equal", msg="Input should be more") == "Input should be more"
    assert dutch("too_short", msg="Dictionary should have ...", field_type="Dictionary") == (
        "Dictionary should have ..."
    )
    assert str(problem({"type": "int_type", "msg": "Input should be a valid integer"})) == (
        "Input should be a valid integer"
    )


def test_every_key_a_refusal_describes_has_its_dutch_words():
    # A Dutch refusal says what a key is in parentheses; for 96 keys that was the schema's
    # English description ("toegestaan: een lijst van gehele getallen (sizes of successive...)").
    from sim.scenario.assumptions import BY_KEY
    from sim.scenario.errors import _submodel
    from sim.scenario.labels import LABELS_NL
    from sim.scenario.schema import Scenario

    described = []

    def walk(model, prefix):
        for key, field in model.model_fields.items():
            sub = _submodel(field.annotation)
            if sub is not None:
                walk(sub, f"{prefix}{key}.")
            if field.description:
                described.append(f"{prefix}{key}")

    walk(Scenario, "")
    assert len(described) > 150
    assert [k for k in described if k not in LABELS_NL and k not in BY_KEY] == []
