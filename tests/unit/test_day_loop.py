"""The day's shortcuts give the day the scans gave: once the posts are out, the audience's
update, following back and the day's record look only at the last post's follower list and the
accounts it won instead of scanning every account, only when no component acts after a post
(and the record and following back only when no platform action or trait can add a follower),
and the tables are the same as with the scans."""

from __future__ import annotations

import math

from sim.engine.model import FeedModel
from sim.scenario import resolve


def _scenario(**extra):
    return resolve(
        {
            "days": 40,
            "audience": {"users": 4000},
            "brand": {"initial_followers": 300, "posts_per_week": 10},
            **extra,
        },
        source="test",
    )


def _tables(sc, reuse: bool, seed: int = 3):
    m = FeedModel(sc, seed=seed)
    m._reuse_post_list = m._reuse_post_list and reuse
    m.run_days(sc.days)
    return m, m.recorder.day_rows, m.recorder.post_rows


def _same(a, b) -> bool:
    return a == b or (isinstance(a, float) and math.isnan(a) and math.isnan(b))


def test_the_followers_after_the_posts_give_the_tables_a_scan_gives():
    sc = _scenario(behaviour={"unfollow": 0.01})
    used, days, posts = _tables(sc, reuse=True)
    assert used._reuse_post_list  # no component acts after a post here: the list is used
    assert used._list_holds  # ...all day: purge, discovery and following back add nobody
    _, scan_days, scan_posts = _tables(sc, reuse=False)
    assert sum(r["unfollows"] for r in days) > 0  # followers left: the list mattered
    assert sum(r["new_follows"] for r in days) > 0  # and posts won some
    assert len(days) == len(scan_days) and len(posts) == len(scan_posts)
    for mine, theirs in zip(days + posts, scan_days + scan_posts, strict=True):
        assert mine.keys() == theirs.keys()
        assert all(_same(mine[k], theirs[k]) for k in mine), mine["day"]


def test_bought_followers_and_their_discovery_read_the_same_from_the_list():
    # Followers bought on day 5 (the tactics' stage, before the posts): the list is built at
    # each post as before, and discovery's evidence counts the bought among it.
    sc = _scenario(
        strategies={"buy": {"days": [5], "count": 400, "price_per_1000": 9.0}},
        discovery={"rate": 5.0},
    )
    used, days, posts = _tables(sc, reuse=True, seed=4)
    assert used._reuse_post_list and used._list_holds
    assert any(r["discovered"] for r in days)  # the evidence was read, and it was found out
    _, scan_days, scan_posts = _tables(sc, reuse=False, seed=4)
    for mine, theirs in zip(days + posts, scan_days + scan_posts, strict=True):
        assert all(_same(mine[k], theirs[k]) for k in mine), mine["day"]


def test_a_component_acting_after_a_post_keeps_the_scan():
    sc = _scenario(strategies={"boost": {"budget": 50.0}})
    m = FeedModel(sc, seed=1)
    assert not m._reuse_post_list
    m.run_days(3)
    assert m._followers is None


def test_a_platform_action_that_may_add_followers_drops_the_list_after_the_update():
    # Participation's act is not declared follower-free: the record and following back scan,
    # and the tables are still those of the scans.
    sc = _scenario(participation={"enabled": True, "leave_day": 20, "leave_share": 0.1})
    used, days, posts = _tables(sc, reuse=True)
    assert used._reuse_post_list and not used._list_holds
    _, scan_days, scan_posts = _tables(sc, reuse=False)
    for mine, theirs in zip(days + posts, scan_days + scan_posts, strict=True):
        assert all(_same(mine[k], theirs[k]) for k in mine), mine["day"]


def test_followers_added_from_outside_between_steps_are_seen():
    # The list is kept from day to day only inside run_days: a caller who makes accounts
    # follow between two steps has them counted, as with the scans.
    import numpy as np

    from sim.base.accounts import NONE, ORGANIC

    rows = []
    for reuse in (True, False):
        m = FeedModel(_scenario(), seed=5)
        m._reuse_post_list = m._reuse_post_list and reuse
        m.run_days(5)
        extra = np.flatnonzero(m.audience.origin == NONE)[:50]
        m.audience.origin[extra] = ORGANIC
        m.step()
        rows.append(m.recorder.day_rows[-1])
    assert rows[0]["followers"] >= 50
    assert all(_same(rows[0][k], rows[1][k]) for k in rows[0])
