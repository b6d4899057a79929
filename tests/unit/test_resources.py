"""The memory and time estimate (sim.scenario.resources): how it grows, and what a refusal says."""

from __future__ import annotations

import pytest

from sim.scenario import ScenarioError, load_scenario, resources


def _scenario(tmp_path, users=100_000, follows=20, days=365, name="s.toml"):
    path = tmp_path / name
    path.write_text(
        f"days = {days}\n[audience]\nusers = {users}\nmean_follows = {follows}\n"
        "[brand]\ninitial_followers = 100\n",
        encoding="utf-8",
    )
    return load_scenario(path)


def test_memory_grows_by_the_bytes_of_each_account_and_edge(tmp_path):
    small = resources.estimate(_scenario(tmp_path, 100_000, 20, name="a.toml"))
    big = resources.estimate(_scenario(tmp_path, 1_000_000, 20, name="b.toml"))
    dense = resources.estimate(_scenario(tmp_path, 1_000_000, 60, name="c.toml"))
    assert big.accounts - small.accounts == 900_000
    assert big.edges - small.edges == 18_000_000
    assert big.bytes - small.bytes == pytest.approx(
        900_000 * resources.ACCOUNT_BYTES + 18_000_000 * resources.EDGE_BYTES
    )
    # More follows a user: only the edges' bytes grow.
    assert dense.bytes - big.bytes == pytest.approx(40_000_000 * resources.EDGE_BYTES)
    # Tenfold users, tenfold edges: the estimate less its fixed part grows tenfold.
    ten = resources.estimate(_scenario(tmp_path, 10_000_000, 20, name="d.toml"))
    assert ten.bytes - resources.BASE_BYTES == pytest.approx(
        10 * (big.bytes - resources.BASE_BYTES)
    )


def test_time_grows_with_edges_and_with_days(tmp_path):
    base = resources.estimate(_scenario(tmp_path, 1_000_000, 20, 100, name="a.toml"))
    dense = resources.estimate(_scenario(tmp_path, 1_000_000, 60, 100, name="b.toml"))
    longer = resources.estimate(_scenario(tmp_path, 1_000_000, 20, 200, name="c.toml"))
    assert dense.seconds - base.seconds == pytest.approx(40_000_000 * resources.EDGE_SECONDS)
    assert longer.seconds > base.seconds and longer.posts > base.posts
    # Each extra day adds the day's passes over every account and its posts' work: doubling
    # the days adds what the first 100 days cost beyond building the audience.
    build = (
        resources.BASE_SECONDS
        + resources.EDGE_SECONDS * base.edges
        + resources.ACCOUNT_SECONDS * base.accounts
    )
    assert longer.seconds - build == pytest.approx(2 * (base.seconds - build), rel=0.02)


def test_the_largest_audience_allowed_follows_the_largest_measured():
    assert resources.MAX_USERS == 5 * resources.LARGEST_MEASURED_USERS


def test_an_audience_above_the_limit_names_the_key_and_what_is_allowed(tmp_path):
    with pytest.raises(ScenarioError) as info:
        _scenario(tmp_path, resources.MAX_USERS + 1)
    text = str(info.value)
    assert "audience.users" in text and f"{resources.MAX_USERS + 1}" in text
    assert f"<= {resources.MAX_USERS:,}" in text  # the fix: what is allowed
    _scenario(tmp_path, resources.MAX_USERS, name="limit.toml")  # the limit itself is allowed


def test_a_run_above_the_machines_memory_names_the_figure_the_cause_and_the_fix(
    tmp_path, monkeypatch
):
    sc = _scenario(tmp_path, 10_000_000)
    need = resources.estimate(sc).bytes
    monkeypatch.setenv(resources.MEMORY_ENV, str(int(need / 2)))
    with pytest.raises(resources.ResourceError) as info:
        resources.check(sc)
    text = str(info.value)
    assert resources.size_text(need) in text  # the figure
    assert "audience.users = 10,000,000 with 20 follows each" in text  # what drives it
    assert "smaller" in text and "--force" in text  # the fix
    assert resources.check(sc, force=True).bytes == need
    monkeypatch.setenv(resources.MEMORY_ENV, str(int(need * 2)))
    assert resources.check(sc).bytes == need  # fits: no refusal
    with pytest.raises(resources.ResourceError, match="2 runs at once.*fewer --workers"):
        resources.check(sc, concurrent=2)


def test_a_refusal_for_memory_or_time_is_said_in_dutch_with_dutch_numbers(tmp_path, monkeypatch):
    # `feedsim compare --lang nl` refused a plan too big for the machine in English.
    sc = _scenario(tmp_path, 10_000_000)
    need = resources.estimate(sc).bytes
    monkeypatch.setenv(resources.MEMORY_ENV, str(int(need / 2)))
    with pytest.raises(resources.ResourceError) as info:
        resources.check(sc, concurrent=2, what="compare a-vs-b")
    dutch = info.value.said.text("nl")
    assert dutch.startswith("compare a-vs-b heeft ongeveer ")
    assert f"(2 runs tegelijk, elk {resources.size_text(need, 'nl')})" in dutch
    assert "audience.users = 10.000.000 met elk 20 gevolgde accounts" in dutch
    assert "gebruik minder --workers, of geef --force mee" in dutch
    assert str(info.value) == info.value.said.text("en")  # the English, as before
    monkeypatch.setenv(resources.MEMORY_ENV, "8 apples")
    with pytest.raises(resources.ResourceError) as info:
        resources.check(sc)
    assert (
        info.value.said.text("nl")
        == "FEEDSIM_MAX_MEMORY='8 apples': geef een grootte zoals 8G of 512M"
    )
