"""`feedsim new` (a scenario file from a template) and `feedsim run --set`, in process."""

from __future__ import annotations

import tomllib

import pytest

from sim.cli import main
from sim.scenario import load_scenario
from sim.scenario.templates import TEMPLATE_DIR, from_template, templates


def test_every_shipped_scenario_is_a_template_with_an_english_and_a_dutch_title(capsys):
    items = templates()
    assert [t.name for t in items] == sorted(p.stem for p in TEMPLATE_DIR.glob("*.toml"))
    for t in items:
        description = tomllib.loads(t.path.read_text(encoding="utf-8")).get("description", "")
        assert t.title == description.strip()
        assert t.title_nl and t.title_nl != t.title, f"{t.name}: no Dutch title"
    assert main(["new", "--list"]) == 0
    out = capsys.readouterr().out
    for t in items:
        assert t.name in out and t.title in out and t.title_nl in out
    # In Dutch: a Dutch heading, and each Dutch title on the template's own line.
    assert main(["new", "--list", "--lang", "nl"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("templates (feedsim new BESTAND --template NAAM); titel in het ")
    for t in items:
        (row,) = [i for i, line in enumerate(lines) if line.split()[:1] == [t.name]]
        assert lines[row].endswith(t.title_nl) and lines[row + 1].strip() == t.title


def test_a_template_without_a_dutch_title_shows_its_english_one(tmp_path):
    (tmp_path / "mine.toml").write_text('description = "My own story"\n', encoding="utf-8")
    (only,) = templates(tmp_path)
    assert (only.name, only.title, only.title_nl) == ("mine", "My own story", "My own story")


def test_new_writes_the_template_with_the_chosen_settings(tmp_path, capsys):
    file = tmp_path / "my_shop.toml"
    assert (
        main(
            [
                "new",
                str(file),
                "--template",
                "giveaway",
                "--platform",
                "tiktok",
                "--users",
                "50000",
                "--posts-per-week",
                "5",
                "--lang",
                "nl",
            ]
        )
        == 0
    )
    sc = load_scenario(file)
    assert sc.name == "my_shop" and sc.platform == "tiktok" and sc.lang == "nl"
    assert sc.audience.users == 50_000 and sc.brand.posts_per_week == 5
    assert sc.strategies.giveaway is not None and sc.strategies.giveaway.entrants == 3_000
    text = file.read_text(encoding="utf-8")
    raw = tomllib.loads(text)
    template = tomllib.loads((TEMPLATE_DIR / "giveaway.toml").read_text(encoding="utf-8"))
    # Only the template's keys and the chosen ones: nothing the preset already says.
    assert set(raw) == set(template) | {"lang"}
    assert set(raw["audience"]) == set(template["audience"])
    assert "feed" not in raw and "behaviour" not in raw
    assert "follow us to win" in text  # the template's story comment is kept
    out = capsys.readouterr().out
    assert f"feedsim run {file}" in out
    # A Dutch scenario is reported in Dutch: its story, the counts and what to do next.
    assert f"geschreven: {file}: Een 'volg ons en win'-actie" in out
    assert "TikTok, 50.000 gebruikers, 1.000 volgers, 5 posts per week, 365 dagen" in out
    assert "uitvoeren:" in out and "verkennen:" in out
    assert " users" not in out and "run it" not in out


def test_new_keeps_an_existing_file_unless_forced(tmp_path, capsys):
    file = tmp_path / "mine.toml"
    file.write_text("# my notes\n", encoding="utf-8")
    assert main(["new", str(file), "--template", "organic"]) == 2
    err = capsys.readouterr().err
    assert "already exists" in err and "--force" in err
    assert file.read_text(encoding="utf-8") == "# my notes\n"
    assert main(["new", str(file), "--template", "organic", "--force"]) == 0
    assert (
        load_scenario(file).description == load_scenario(TEMPLATE_DIR / "organic.toml").description
    )


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--template", "giveaway", "--users", "2000"], ["strategies.giveaway.entrants", "2,000"]),
        (["--template", "organc"], ["did you mean 'organic'", "--list"]),
        (["--platform", "tiktk"], ["did you mean 'tiktok'"]),
        (["--posts-per-week", "-1"], ["brand.posts_per_week"]),
        (["--users", "500"], ["brand.initial_followers = 1,000", "audience.users"]),
    ],
)
def test_new_refuses_what_would_not_run_and_writes_nothing(tmp_path, capsys, args, words):
    file = tmp_path / "bad.toml"
    assert main(["new", str(file), *args]) == 2
    err = capsys.readouterr().err
    assert all(w in err for w in words), err
    assert "Traceback" not in err and not file.exists()


def test_from_template_gives_the_scenario_the_file_loads_to(tmp_path):
    file = tmp_path / "rhythm.toml"
    text, sc = from_template("erratic_posting", file, {"days": 200, "audience.users": 20_000})
    file.write_text(text, encoding="utf-8")
    assert load_scenario(file) == sc
    assert sc.days == 200 and sc.audience.users == 20_000


def test_run_set_changes_the_run_not_the_file(tmp_path, capsys):
    file = tmp_path / "shop.toml"
    file.write_text(
        'platform = "instagram"\ndays = 30\n[audience]\nusers = 10000\n'
        "[brand]\ninitial_followers = 100\n",
        encoding="utf-8",
    )
    before = file.read_text(encoding="utf-8")
    assert (
        main(
            [
                "run",
                str(file),
                "--set",
                "audience.users=3000",
                "--set",
                "brand.posts_per_week=3",
                "--days",
                "20",
                "--no-charts",
                "--quiet",
                "--out",
                str(tmp_path / "out"),
            ]
        )
        == 0
    )
    folder = capsys.readouterr().out.strip()
    ran = load_scenario(f"{folder}/scenario.resolved.toml")
    assert (ran.audience.users, ran.brand.posts_per_week, ran.days) == (3000, 3, 20)
    assert file.read_text(encoding="utf-8") == before


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("audience.users=3000,4000", ["one value", "feedsim sweep"]),
        ("audience.user=3000", ["did you mean 'users'"]),
        ("users", ["KEY=VALUE"]),
    ],
)
def test_run_set_refuses_with_a_clear_message(tmp_path, capsys, value, words):
    assert (
        main(["run", str(TEMPLATE_DIR / "organic.toml"), "--set", value, "--out", str(tmp_path)])
        == 2
    )
    err = capsys.readouterr().err
    assert all(w in err for w in words), err
    assert not any(tmp_path.iterdir())
