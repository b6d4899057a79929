"""In-process tests of sim.cli: the command line parses arguments and prints what the API
returns (the subprocess tests, exit codes as a user sees them, are in tests/integration)."""

from __future__ import annotations

import re

import pytest

from sim.cli import main
from sim.present.presets_table import render


@pytest.mark.parametrize(
    "args",
    [[], ["--wide"], ["instagram"], ["tiktok", "--wide"]],
    ids=["overview", "wide", "one", "one-wide"],
)
def test_presets_prints_the_rendered_table(args, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")
    assert main(["presets", *args]) == 0
    name = next((a for a in args if not a.startswith("--")), None)
    # Captured output is not a terminal: sources stay one per line.
    expected = render(name, columns=100, wide="--wide" in args, interactive=False)
    assert capsys.readouterr().out == expected + "\n"


def test_presets_fit_the_terminal_unless_wide(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")
    main(["presets"])
    narrow = capsys.readouterr().out
    assert max(len(line) for line in narrow.splitlines()) <= 100
    monkeypatch.setenv("COLUMNS", "60")
    main(["presets"])
    narrower = capsys.readouterr().out
    main(["presets", "--wide"])
    wide = capsys.readouterr().out
    assert sum(line.startswith("setting") for line in wide.splitlines()) == 1
    assert sum(line.startswith("setting") for line in narrower.splitlines()) > 1


def test_presets_one_preset_wraps_sources_only_on_a_terminal():
    piped = render("instagram", columns=60, interactive=False)
    tty = render("instagram", columns=60, interactive=True)
    sources = [line for line in tty.splitlines() if line.startswith(" " * 6)]
    assert sources and max(len(line) for line in sources) <= 60
    assert len(tty.splitlines()) > len(piped.splitlines())
    assert " ".join(tty.split()) == " ".join(piped.split())


def test_presets_ascii_terminal_gets_ascii_bars():
    text = render(columns=100, encoding="ascii")
    text.encode("ascii")
    assert "▁" in render(columns=100, encoding="utf-8")


def test_presets_unknown_name_exits_2(capsys):
    assert main(["presets", "instagarm"]) == 2
    assert "did you mean 'instagram'" in capsys.readouterr().err


def test_presets_in_dutch_say_their_words_and_descriptions_in_dutch(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")
    main(["presets", "--lang", "nl"])
    nl = capsys.readouterr().out
    main(["presets"])
    en = capsys.readouterr().out
    for word in ("Platformpresets", "instelling", "Activiteit per uur", "Bronnen:", "A = aanname"):
        assert word in nl and word not in en, word
    assert "Instagramfeed: een post wordt getest" in nl
    assert "Instagram feed: a post is tested" in en and "Instagramfeed" not in en
    assert "pk 20u A" in nl and "pk 20h A" in en
    # The same values and the same sources, only the words around them change.
    assert [line.split()[1:] for line in nl.splitlines() if line.startswith("feed.")] == [
        line.split()[1:] for line in en.splitlines() if line.startswith("feed.")
    ]
    main(["presets", "x", "--lang", "nl"])
    one = capsys.readouterr().out
    assert one.startswith("x: X (Twitter): een snelle tijdlijn")
    assert "de bronnen zijn aangehaald in het Engels" in one


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_what_a_command_prints_around_its_figures_speaks_the_language(lang):
    from sim.cli.common import said

    runs = said("runs", lang, ran=1234, skipped=0)
    assert runs == (
        "1,234 runs now, 0 already there" if lang == "en" else "1.234 runs nu, 0 waren er al"
    )
    assert said("results", lang, path="x").startswith("results:" if lang == "en" else "resultaten:")
    head = said(
        "run_head", lang, name="a", days=365, posts=1095, seed="12345", engine="", secs="0.3"
    )
    assert head == (
        "a: 365 days, 1,095 posts, seed 12345 (0.3 s)"
        if lang == "en"
        else "a: 365 dagen, 1.095 posts, seed 12345 (0.3 s)"
    )


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_a_sweeps_tally_speaks_the_language(lang):
    from sim.cli.common import said

    got = said("sweep_done", lang, done=1200, n=1200, skipped=0, ran=1200, failed=0, secs="3.4")
    assert got == (
        "1,200 of 1,200 runs done (0 already there, 1,200 run now, 0 failed) in 3.4 s"
        if lang == "en"
        else "1.200 van 1.200 runs klaar (0 waren er al, 1.200 nu gedraaid, 0 mislukt) in 3.4 s"
    )


def test_every_line_a_command_prints_around_its_figures_has_its_dutch():
    # A Dutch command once opened with "sweep organic: brand.posts_per_week (2) × 4 seeds = 8
    # runs": every printed line has Dutch words, and the counts are written the Dutch way.
    from sim.base.i18n import _NL
    from sim.cli.common import _SAID, said

    fields = {
        "name": "a", "days": 365, "posts": 1095, "seed": "1", "engine": "", "secs": "0,3",
        "ran": 1200, "skipped": 0, "done": 1200, "n": 1200, "failed": 0, "path": "p",
        "params": 12, "points": 1200, "seeds": "6 seeds", "arms": 7, "runs": 8400,
        "folder": "f", "channels": "x", "combinations": 4, "dims": "x (2)", "levers": "buy",
        "trials": 9, "tune": "2 seeds", "test": "4 seeds", "worlds": 4, "tactic": "t",
        "baseline": "b", "line": "x", "note": "y", "what": "w", "platform": "p",
        "followers": 9, "size": "1 MB", "time": "t", "users": 5000,
    }  # fmt: skip
    for key, english in _SAID.items():
        assert english in _NL, key
        if "{" in english and key != "engine":
            assert said(key, "nl", **fields) != said(key, "en", **fields), key
    assert "1.200" in said("sweep_done", "nl", **fields)


def test_a_refusal_made_of_a_sentence_is_said_in_the_commands_language(capsys, monkeypatch):
    # `feedsim calibrate --lang nl` refused in English: a UserError made of a Said is printed in
    # the command's --lang, and its str() stays the English.
    from sim.base.i18n import Said
    from sim.cli import commands
    from sim.cli.errors import UserError

    fields = {"option": "--sims", "least": 50, "value": 10}
    said = Said("{option} must be at least {least}; got {value}", fields)

    def refuse(args):
        raise UserError(said)

    monkeypatch.setitem(commands.COMMANDS, "calibrate", refuse)
    argv = ["calibrate", "x.csv", "--platform", "tiktok"]
    assert main(argv) == main([*argv, "--lang", "nl"]) == 2
    assert capsys.readouterr().err == (
        "feedsim calibrate: --sims must be at least 50; got 10\n"
        "feedsim calibrate: --sims moet minstens 50 zijn; opgegeven: 10\n"
    )
    assert str(UserError(said)) == str(said) and UserError("plain text").said is None


RUN_FIGURES = (
    "days, posts, followers_end, followers_real_end, mean_real_reach_per_post, "
    "median_real_reach_per_post, median_engagement_rate_follower, mean_engagements_per_post, "
    "visits, purchases, revenue, cost, net_revenue, roi, engaged_real_followers_end, "
    "top1_contribution_share, top10_contribution_share"
)
# An option a command refuses, said in English and in Dutch: (arguments, English, Dutch).
OPTION_REFUSALS = {
    "--set syntax": (
        ["run", "scenarios/organic.toml", "--set", "audience.users"],
        "feedsim run: --set 'audience.users': expected KEY=VALUE[,VALUE...], e.g. --set "
        "strategies.buy.count=0,1000,5000",
        "feedsim run: --set 'audience.users': schrijf KEY=VALUE[,VALUE...], bijvoorbeeld --set "
        "strategies.buy.count=0,1000,5000",
    ),
    "--set more than one value": (
        ["run", "scenarios/organic.toml", "--set", "days=30,60"],
        "feedsim run: --set days=30,60: give one value here (a run takes one value per key); use "
        "`feedsim sweep` for a grid",
        "feedsim run: --set days=30,60: geef hier één waarde (een run neemt één waarde per "
        "instelling); gebruik `feedsim sweep` voor een rooster van waarden",
    ),
    "--seeds not a seed": (
        ["compare", "scenarios/organic.toml", "--seeds", "x"],
        "feedsim compare: seeds: 'x' is not a seed (a non-negative integer or a range like 10-19)",
        "feedsim compare: seeds: 'x' is geen seed (een geheel getal van 0 of meer, of een reeks "
        "zoals 10-19)",
    ),
    "--seeds backwards": (
        ["compare", "scenarios/organic.toml", "scenarios/organic.toml", "--seeds", "9-3"],
        "feedsim compare: seeds '9-3': the range ends before it starts",
        "feedsim compare: seeds '9-3': de reeks eindigt voordat hij begint",
    ),
    "--days": (
        ["run", "scenarios/organic.toml", "--days", "0"],
        "feedsim run: --days must be at least 1; got 0",
        "feedsim run: --days moet minstens 1 zijn; opgegeven: 0",
    ),
    "a --set value out of range": (
        ["run", "scenarios/organic.toml", "--set", "audience.users=10"],
        "feedsim run: scenarios/organic.toml with --set: audience.users = 10 is not allowed: "
        "Input should be greater than or equal to 100; allowed: an integer >= 100 and <= "
        "50,000,000 (real users in the population)",
        "feedsim run: scenarios/organic.toml met --set: audience.users = 10 is niet toegestaan: "
        "de waarde moet minstens 100 zijn; toegestaan: een geheel getal >= 100 en <= 50.000.000 "
        "(de omvang van de gesimuleerde populatie)",
    ),
    "plan --budget": (
        ["plan", "scenarios/organic.toml", "--budget", "-5"],
        "feedsim plan: --budget -5: give a budget above 0 euros",
        "feedsim plan: --budget -5: geef een budget van meer dan 0 euro",
    ),
    "sensitivity --metric": (
        ["sensitivity", "scenarios/organic.toml", "--metric", "reech"],
        "feedsim sensitivity: --metric 'reech': not a run figure (did you mean 'revenue'?); "
        "available: " + RUN_FIGURES,
        "feedsim sensitivity: --metric 'reech': geen cijfer van een run (bedoelt u 'revenue'?); "
        "beschikbaar: " + RUN_FIGURES,
    ),
    "report of no folder": (
        ["report", "/no/such/folder"],
        "feedsim report: /no/such/folder is not a folder; pass a result folder such as "
        "results/organic/<run-id>",
        "feedsim report: /no/such/folder is geen map; geef een resultatenmap op, zoals "
        "results/organic/<run-id>",
    ),
    "worlds --only": (
        ["worlds", "scenarios/organic.toml", "--only", "x"],
        "feedsim worlds: --only 'x': 'x' is not a structural assumption; choose from "
        "feed.test_score, strategies.buy.bots, discovery.enabled, purge",
        "feedsim worlds: --only 'x': 'x' is geen structurele aanname; kies uit "
        "feed.test_score, strategies.buy.bots, discovery.enabled, purge",
    ),
}


@pytest.mark.parametrize("case", list(OPTION_REFUSALS))
def test_an_option_is_refused_in_the_language_of_the_command(capsys, case):
    # With --lang nl, `--set`, `--seeds` and the commands' own options were refused in English.
    argv, english, dutch = OPTION_REFUSALS[case]
    assert main(argv) == 2
    assert capsys.readouterr().err == english + "\n"
    assert main([*argv, "--lang", "nl"]) == 2
    said = capsys.readouterr().err
    assert said == dutch + "\n"
    words = set(re.findall(r"\b[a-z]+\b", said.replace("scenarios/organic.toml", "")))
    words -= set(re.findall(r"\b[a-z]+\b", RUN_FIGURES + "feed.test_score discovery.enabled"))
    english = {"expected", "give", "here", "use", "grid", "not", "range", "ends", "before"}
    english |= {"above", "figure", "available", "choose", "from", "structural", "euros"}
    assert not words & (english | {"must", "got", "with", "allowed", "should", "than", "value"})


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_failed_runs_are_reported_in_the_language(lang):
    from sim.cli.common import runs_failed

    got = runs_failed("sweep", [f"p{i}-s0" for i in range(7)], "results/x/failed", lang)
    assert got == (
        "feedsim sweep: 7 run(s) failed: p0-s0, p1-s0, p2-s0, p3-s0, p4-s0 ...; tracebacks in "
        "results/x/failed; run the same command again to retry them"
        if lang == "en"
        else "feedsim sweep: 7 run(s) mislukt: p0-s0, p1-s0, p2-s0, p3-s0, p4-s0 ...; de "
        "foutmeldingen staan in results/x/failed; geef hetzelfde commando opnieuw om ze nog "
        "eens te proberen"
    )


def test_feedsim_run_in_dutch_prints_no_english_around_its_figures(tmp_path, capsys):
    code = main(
        ["run", "scenarios/organic.toml", "--lang", "nl", "--no-charts", "--out", str(tmp_path)]
        + ["--set", "audience.users=2000", "--set", "days=20"]
    )
    assert code == 0
    out = capsys.readouterr().out
    assert " dagen, " in out and "resultaten: " in out
    assert " days, " not in out and "results: " not in out


# What argparse itself refuses, before the command knows its --lang: (arguments, the last line
# in English, in Dutch). English is argparse's own, unchanged.
ARGPARSE_REFUSALS = {
    "a choice not offered": (
        ["plan", "scenarios/organic.toml", "--budget", "1000", "--goal", "foo"],
        "feedsim plan: error: argument --goal: invalid choice: 'foo' (choose from "
        "'real_followers', 'engaged_real_followers', 'purchases', 'net_euros')",
        "feedsim plan: fout: optie --goal: ongeldige keuze: 'foo' (kies uit 'real_followers', "
        "'engaged_real_followers', 'purchases', 'net_euros')",
    ),
    "not a whole number": (
        ["plan", "scenarios/organic.toml", "--budget", "1000", "--trials", "x"],
        "feedsim plan: error: argument --trials: invalid int value: 'x'",
        "feedsim plan: fout: optie --trials: 'x' is geen geheel getal",
    ),
    "a file not named": (
        ["run"],
        "feedsim run: error: the following arguments are required: scenario",
        "feedsim run: fout: deze argumenten ontbreken: scenario",
    ),
}


@pytest.mark.parametrize("case", list(ARGPARSE_REFUSALS))
def test_what_argparse_refuses_is_said_in_the_language_of_the_command(capsys, case):
    argv, english, dutch = ARGPARSE_REFUSALS[case]
    said = {}
    for lang, usage in (("en", "usage: feedsim "), ("nl", "gebruik: feedsim ")):
        with pytest.raises(SystemExit) as stop:
            main([*argv, "--lang", lang])
        assert stop.value.code == 2
        said[lang] = capsys.readouterr().err
        assert said[lang].startswith(usage)
    assert said["en"].splitlines()[-1] == english
    assert said["nl"].splitlines()[-1] == dutch
    # The next command without --lang refuses in English again.
    with pytest.raises(SystemExit):
        main(argv)
    assert capsys.readouterr().err.splitlines()[-1] == english


@pytest.mark.parametrize("command", ["plot", "export", "report"])
def test_a_folder_of_no_kind_is_refused_in_the_language_of_the_command(tmp_path, capsys, command):
    # `feedsim plot --lang nl` listed the kinds of result folder in English.
    (tmp_path / "notes.txt").write_text("not a result", encoding="utf-8")
    assert main([command, str(tmp_path)]) == main([command, str(tmp_path), "--lang", "nl"]) == 2
    english, dutch = capsys.readouterr().err.splitlines()
    assert english.startswith(f"feedsim {command}: {tmp_path} is not a run folder, nor any other")
    assert "a sensitivity study (sensitivity.toml, written by `feedsim sensitivity`)" in english
    assert dutch.startswith(f"feedsim {command}: {tmp_path} is geen map van een run en ook geen")
    assert (
        "een gevoeligheidsanalyse (sensitivity.toml, geschreven door `feedsim sensitivity`)"
        in dutch
    )
    assert "een run (days.csv en scenario.resolved.toml, geschreven door `feedsim run`)" in dutch
    words = set(re.findall(r"\b[a-z]+\b", dutch.replace(str(tmp_path), "")))
    assert not words & {"and", "or", "with", "written", "by", "not", "nor", "any", "other", "such"}


def test_validate_says_what_a_file_needs_or_why_it_cannot_run_in_the_language(tmp_path, capsys):
    # `feedsim validate --lang nl` was refused: validate took no --lang.
    bad = tmp_path / "bad.toml"
    bad.write_text('[strategies.buy]\ncount = 1000\nbots = "react"\nactivity = 0.3\n', "utf-8")
    good = "scenarios/giveaway.toml"
    said = {}
    for lang in ("en", "nl"):
        assert main(["validate", good, str(bad), "--lang", lang]) == 2
        said[lang] = capsys.readouterr()
    assert said["en"].out.startswith(f"{good}: ok (instagram, 365 days, 100,000 users; a run ")
    assert said["nl"].out.startswith(f"{good}: in orde (instagram, 365 dagen, 100.000 gebruikers;")
    assert "een run vraagt ongeveer " in said["nl"].out and "duurt hooguit" in said["nl"].out
    assert "needs interest > 0" in said["en"].err
    assert "vraagt interest > 0" in said["nl"].err and "needs" not in said["nl"].err


def test_a_run_with_set_says_what_it_changed_where_its_description_is_shown(tmp_path):
    # `feedsim run organic.toml --set brand.posts_per_week=1` drew "A niche shop posts daily"
    # over a run that posted once a week.
    import tomllib

    argv = ["run", "scenarios/organic.toml", "--no-charts", "--quiet", "--out", str(tmp_path)]
    argv += ["--set", "brand.posts_per_week=1", "--set", "audience.users=2000", "--days", "20"]
    assert main(argv) == 0
    (resolved,) = tmp_path.glob("organic/*/scenario.resolved.toml")
    sc = tomllib.loads(resolved.read_text(encoding="utf-8"))
    assert sc["description"] == (
        "A niche shop posts daily and grows only organically (changed for this run: posts per "
        "week = 1; size of the simulated audience = 2,000; days simulated = 20)"
    )
    assert sc["description_nl"].endswith(
        "(aangepast voor deze run: posts per week = 1; omvang van het gesimuleerde publiek = "
        "2.000; gesimuleerde dagen = 20)"
    )
    assert (
        main(
            ["run", "scenarios/organic.toml", "--no-charts", "--quiet", "--seed", "4"]
            + ["--out", str(tmp_path / "seed"), "--set", "audience.users=2000"]
        )
        == 0
    )
    (seeded,) = (tmp_path / "seed").glob("organic/*/scenario.resolved.toml")
    assert "seed" not in tomllib.loads(seeded.read_text(encoding="utf-8"))["description"]
