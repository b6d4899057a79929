"""What ``feedsim calibrate`` prints, composed from a small calibration without running one: in
Dutch, no English and Dutch number formats; in English, the lines it has always printed. And every
kind of note on an export, said in Dutch while its English stays what calibration.toml keeps."""

from __future__ import annotations

import dataclasses
import pickle
from pathlib import Path

import pandas as pd
import pytest

from sim.studies.calibrate import words
from sim.studies.calibrate.account import Calibration
from sim.studies.calibrate.design import CHURN, PARAMS, market_param
from sim.studies.calibrate.exports import Export
from sim.studies.calibrate.summary import opening, printed
from sim.studies.calibrate.words import Note

START = pd.Timestamp("2024-01-01 19:00")
PATHS = {"scenario": Path("/r/acme.toml"), "chart": Path("/r/fit.png")}

# One of each kind of note, with values as the export readers pass them, and its English text as
# the readers wrote it before notes could be said in Dutch.
HOW = Note("from_net", today=1066, since=66.0)
NOTES = {
    "fitted_on": (
        {"kind": "views", "measure": "Weergaven"},
        "fitted on views, from the column Weergaven",
    ),
    "in_file": (
        {"where": "ig.csv", "note": Note("all_na", name="Reach")},
        "ig.csv: the column 'Reach' is NA throughout; left out",
    ),
    "all_na": ({"name": "Bereik"}, "the column 'Bereik' is NA throughout; left out"),
    "read_from": (
        {"fld": "views", "name": "Views", "aside": "'Impressions'"},
        "views read from 'Views'; 'Impressions' left aside",
    ),
    "mixed_views": (
        {"names": "Impressions, Views"},
        "views come from different columns (Impressions, Views): impressions and views are not "
        "the same count, so the views are not compared as one; the fit uses reach",
    ),
    "partly_na": (
        {"fld": "saves", "missing": 9, "posts": 1200},
        "saves: 9 of 1200 posts have none (NA); saves is left out of the fit",
    ),
    "duplicates": ({"n": 1500}, "1500 posts appear in more than one file; each is kept once"),
    "first_count": (
        {"first": pd.Timestamp("2024-03-01"), "start": 1000, "how": HOW},
        "followers at the first post (2024-03-01): 1,000, today's 1,066 less the +66 net new "
        "followers since then (follower history)",
    ),
    "from_history": ({}, "from the follower history"),
    "from_net": (
        {"today": 12066, "since": -1066.0},
        "today's 12,066 less the -1,066 net new followers since then (follower history)",
    ),
    "from_gains": (
        {"today": 12066, "since": 1077.0},
        "today's 12,066 less the 1,077 new followers since then (follower history); the export "
        "gives no losses, so this is low by the followers lost since",
    ),
}
NOTE_ENGLISH = (
    "fitted on",
    "from the column",
    "throughout",
    "left out",
    "read from",
    "left aside",
    "come from",
    "the fit",
    "have none",
    "appear in",
    "kept once",
    "followers at",
    "follower history",
    "today's",
    "less the",
    "since then",
    "no losses",
    "lost since",
)

# What the command printed in English before its lines could be said in Dutch (and still prints).
SUMMARY_ENGLISH = (
    "fitting on",
    "followers (",
    "headers",
    "note:",
    "fitted on",
    "simulations",
    "nearest kept",
    "failed",
    "90% interval",
    " to ",
    "barely informed",
    "moved past",
    "check on",
    "held-out",
    "observed",
    "simulated",
    "one run's median",
    "runs",
    "median engagement",
    "follower growth",
    "misses the median",
    "single runs",
    "run it",
    "chart:",
    "results:",
    "Every fitted",
    "On 11 posts",
) + NOTE_ENGLISH


def _calibration(notes: tuple[str, ...] = ()) -> Calibration:
    """A calibration as the command has it after the fit: four values (one a count the export
    barely informs, one the polish moved past its interval), a miss on the held-out posts,
    follower growth, and one failed simulation."""
    n = 12
    posts = pd.DataFrame(
        {
            "posted_at": START + pd.to_timedelta(range(n), unit="D"),
            "reach": [300.0] * n,
            "likes": [5.0] * n,
            "comments": [1.0] * n,
            "shares": [0.0] * n,
        }
    )
    export = Export(
        platform="instagram",
        account="acme",
        followers=12345,
        posts=posts,
        reach_kind="reach",
        language="nl",
        source="x.csv",
        notes=notes,
    )
    act, comment, market = PARAMS[0], PARAMS[3], market_param(1800)
    cal = Calibration(
        export=export,
        name="acme",
        estimate={
            act.key: 0.18912,
            comment.key: 0.046712,
            market.key: 12794.3,
            CHURN.key: 4.1234e-4,
        },
        interval={
            act.key: (0.158, 0.269),
            comment.key: (0.0247, 0.0724),
            market.key: (9000.4, 35035.2),
            CHURN.key: (0.0005, 0.002),
        },
        scenario=None,
        toml="",
        simulated=pd.DataFrame(),
        holdout_from=START + pd.Timedelta(days=8),
        sims=1200,
        kept=66,
        failed=["one"],
        params=(act, comment, market, CHURN),
    )
    cal.check = {
        "posts": 11.0,
        "reach_observed": 353.0,
        "reach_simulated": 620.0,
        "engagement_observed": 9.0,
        "engagement_simulated": 15.5,
        "runs": 20.0,
        "reach_low": 364.0,
        "reach_high": 1472.0,
        "growth_observed": 45.0,
        "growth_simulated": -12.0,
    }
    return cal


def _said(lang: str, notes: tuple[str, ...] = ()) -> tuple[list[str], list[str]]:
    """(stdout lines, stderr lines) of the command on :func:`_calibration`."""
    cal = _calibration(notes)
    err = opening(cal.export, "instagram", 1200, lang)
    out = []
    for to_stderr, line in printed(cal, PATHS, "/r", lang):
        (err if to_stderr else out).append(line)
    return out, err


def test_every_kind_of_note_keeps_its_english_and_reads_in_dutch():
    assert set(NOTES) == set(words._NOTES)  # a new kind of note gets a case here
    for key, (fields, english) in NOTES.items():
        note = Note(key, **fields)
        assert note == english and note.text("en") == english and note.key == key
        dutch = note.text("nl")
        assert dutch and dutch != english, key
        assert not [e for e in NOTE_ENGLISH if e in dutch], (key, dutch)
    said = {key: Note(key, **fields).text("nl") for key, (fields, _) in NOTES.items()}
    # Counts with Dutch separators, dates written out, measures named in Dutch.
    assert said["partly_na"].startswith("opslagen: bij 9 van de 1.200 posts")
    assert said["duplicates"].startswith("1.500 posts")
    assert said["fitted_on"] == "geschat op weergaven, uit de kolom Weergaven"
    assert said["first_count"].startswith(
        "volgers bij de eerste post (1 maart 2024): 1.000, de 1.066"
    )
    assert "-1.066" in said["from_net"] and "12.066" in said["from_gains"]
    assert said["in_file"] == "ig.csv: de kolom 'Reach' is overal leeg (NA); weggelaten"


def test_a_note_is_its_english_text_wherever_it_goes():
    import tomli_w

    note = Note("first_count", first=pd.Timestamp("2024-03-01"), start=1000, how=HOW)
    assert note.startswith("followers at the first post")  # what the calibration reads back
    back = pickle.loads(pickle.dumps(note))  # as a worker gets an export
    assert back == note and back.text("nl") == note.text("nl")
    assert "followers at the first post (2024-03-01)" in tomli_w.dumps({"notes": [note]})
    assert words.note_text("a plain note", "nl") == "a plain note"


def test_the_summary_in_dutch_has_no_english_and_dutch_numbers():
    notes = (Note("fitted_on", kind="reach", measure="Bereik"), Note("duplicates", n=2))
    out, err = _said("nl", notes)
    text = "\n".join(out + err)
    assert not [e for e in SUMMARY_ENGLISH if e in text], [e for e in SUMMARY_ENGLISH if e in text]
    assert err[:3] == [
        "acme: 12 posts, 12.345 volgers (instagram, Nederlandse kolomkoppen); schatten met 1.200 "
        "simulaties...",
        "opmerking: geschat op bereik, uit de kolom Bereik",
        "opmerking: 2 posts staan in meer dan één bestand; elke post telt één keer mee",
    ]
    assert (
        out[3] == "acme: geschat op 1.200 simulaties (de 66 dichtstbijzijnde behouden, 1 mislukt)"
    )
    values = {line.split()[0]: line for line in out[4:8]}
    # Each value's meaning in the report table's words follows its interval.
    assert values["behaviour.activity_mean"].endswith(
        "0,189   (90%-interval 0,158 tot 0,269): hoe actief het publiek is"
    )
    assert "0,0467   (90%-interval 0,0247 tot 0,0724): reacties" in values["behaviour.comment"]
    assert (
        "12.800   (90%-interval 9.000 tot 35.035): omvang van de bereikbare markt  nauwelijks "
        "bepaald" in values["audience.users"]
    )
    assert (
        "0,000412   (90%-interval 0,0005 tot 0,002): volgers die afhaken en vertrekken  door de "
        "laatste stap" in values[CHURN.key]
    )
    assert out[8] == (
        "toets op 11 achtergehouden posts: mediaan bereik 353 echt, 620 gesimuleerd (mediaan van "
        "één simulatie: 364 tot 1.472, over 20 simulaties); mediaan interactie 9 echt, 15,5 "
        "gesimuleerd"
    )
    assert out[9] == (
        "groei in volgers over de exportperiode: +45 echt, -12 gesimuleerd (mediaan over de seeds)"
    )
    assert "het bereik op de achtergehouden posts 76% boven de echte" in err[3]
    assert "de interactie op de achtergehouden posts 72% boven de echte" in err[4]
    assert out[-3:] == [
        "scenario:   /r/acme.toml  (uitvoeren: feedsim run /r/acme.toml)",
        "grafiek:    /r/fit.png",
        "resultaten: /r",
    ]


def test_the_summary_in_english_is_what_the_command_printed_before_it_spoke_dutch():
    # The lines below are what the command composed before it could speak Dutch, for this
    # calibration, to the byte, but for the count of simulations, now with its thousands
    # separator like every other count it prints, a whole median of engagement without its
    # ".0", and each fitted value's meaning in words after its interval.
    out, err = _said("en", (Note("fitted_on", kind="reach", measure="Bereik"),))
    assert out == [
        "On 11 posts the model did not see, the calibrated account's typical reach is 76% above "
        "the real one; the model reproduces this account only roughly: read its what-ifs as "
        "directions, not forecasts. Over 20 runs, the calibrated account's typical reach on these "
        "posts ranges from 364 to 1,472, and the real 353 lies outside that range, so the fit "
        "misses by more than those runs vary (a further run would land outside them about one "
        "time in 10)",
        "Followers over the export: +45 real, -12 in the calibrated account (127% off)",
        "Barely informed by this export (left near the assumption): size of the reachable market",
        "acme: fitted on 1,200 simulations (66 nearest kept, 1 failed)",
        "  behaviour.activity_mean        0.189   (90% interval 0.158 to 0.269): how active the "
        "audience is",
        "  behaviour.comment             0.0467   (90% interval 0.0247 to 0.0724): comments",
        "  audience.users                12,800   (90% interval 9,000 to 35,035): size of the "
        "reachable market  barely informed",
        "  behaviour.unfollow          0.000412   (90% interval 0.0005 to 0.002): followers who "
        "drift off and leave  moved past this interval by the polish: the model's runs there "
        "came nearer the export",
        "check on 11 held-out posts: median reach 353 observed, 620 simulated (one run's median "
        "364 to 1,472 over 20 runs); median engagement 9 observed, 15.5 simulated",
        "follower growth over the export: +45 observed, -12 simulated (median over seeds)",
        "scenario: /r/acme.toml  (run it: feedsim run /r/acme.toml)",
        "chart:    /r/fit.png",
        "results:  /r",
    ]
    assert err == [
        "acme: 12 posts, 12,345 followers (instagram, nl headers); fitting on 1,200 simulations...",
        "note: fitted on reach, from the column Bereik",
        "note: the fitted scenario misses the median reach of the held-out posts by +76% (beyond "
        "what single runs of it give: 364 to 1,472); the model reproduces this export only "
        "roughly (see fit.png); treat its what-ifs as directions, not forecasts",
        "note: the fitted scenario misses the median engagement of the held-out posts by +72%; the "
        "model reproduces this export only roughly (see fit.png); treat its what-ifs as "
        "directions, not forecasts",
    ]


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_without_a_held_out_part_or_runs_the_check_says_so(lang):
    cal = _calibration()
    cal.holdout_from = None
    cal.check = {
        k: v for k, v in cal.check.items() if not k.startswith(("growth", "reach_", "runs"))
    }
    cal.check |= {"reach_observed": 353.0, "reach_simulated": 360.0}
    lines = [line for _, line in printed(cal, PATHS, "/r", lang)]
    check = next(line for line in lines if line.startswith(("check", "toets")))
    assert check.startswith("check on all 11 posts:" if lang == "en" else "toets op alle 11 posts:")
    # No replicate runs: no range of single runs' medians.
    assert "one run's median" not in check and "één simulatie" not in check


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_a_views_exports_check_and_miss_name_views(lang):
    cal = _calibration()
    cal.export = dataclasses.replace(cal.export, reach_kind="views")
    lines = [line for _, line in printed(cal, PATHS, "/r", lang)]
    check = next(line for line in lines if line.startswith(("check", "toets")))
    miss = [line for line in lines if line.startswith(("note: the fitted", "opmerking: met"))][0]
    if lang == "en":
        assert "median views 353 observed" in check and "median views of the held-out" in miss
        assert "reach" not in check + miss
    else:
        assert "mediaan weergaven 353 echt" in check and "de mediaan van de weergaven" in miss
        assert "bereik" not in check + miss
