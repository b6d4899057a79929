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
