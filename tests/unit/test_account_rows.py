"""The per-account records the feed kernel reads: one 64-byte row an account, shared with the
audience's arrays of the same names, and no number changed by the layout."""

import copy
import pickle

import numpy as np
import pandas as pd
import pytest

from sim.base import kernel_types as kt
from sim.base import placement as pl
from sim.base import rng as xr
from sim.engine import kernel as k
from sim.engine.audience import generate
from sim.engine.runner import run
from sim.scenario import resolve


@pytest.fixture(scope="module")
def scenario():
    return resolve(
        {
            "name": "rows",
            "days": 5,
            "audience": {"users": 3000},
            "brand": {"initial_followers": 300},
            "strategies": {"buy": {"count": 200, "days": [0], "premium_like": 0.3}},
        }
    )


def _address(arr: np.ndarray) -> int:
    return arr.__array_interface__["data"][0]


def test_the_row_is_one_cache_line_and_holds_each_field_once():
    assert kt.ACCOUNT_ROW.itemsize == 64
    for f in kt.ROW_FIELDS:
        assert kt.ACCOUNT_ROW.fields[f][0] == kt.ACCOUNT_DTYPES[f], f
    assert "origin" not in kt.ROW_FIELDS  # scanned 64 accounts at a time: an array of its own
    # The one-pass fill writes the floats as the first seven words of the record.
    assert [kt.ACCOUNT_ROW.fields[f][1] for f in kt._FLOATS] == list(range(0, 56, 8))


def test_audience_fields_are_views_of_line_aligned_rows(scenario):
    a = generate(scenario, np.random.SeedSequence(0))
    assert a.rows.shape == (a.n_accounts,) and a.rows.dtype == kt.ACCOUNT_ROW
    assert _address(a.rows) % 64 == 0
    for f in kt.ROW_FIELDS:
        view = getattr(a, f)
        assert view.strides == (64,), f
        assert _address(view) == _address(a.rows) + kt.ACCOUNT_ROW.fields[f][1], f
    # A write through the audience's array is what the kernel's row holds, and back.
    a.trust[7] = 0.25
    assert a.rows["trust"][7] == 0.25
    a.rows["last_seen"][9] = 42
    assert a.last_seen[9] == 42
    acc = k.accounts(a)
    assert acc.interest is a.interest  # no copy: the kernel updates the audience's ledgers


@pytest.mark.parametrize("clone", [copy.deepcopy, lambda a: pickle.loads(pickle.dumps(a))])
def test_a_copied_audience_is_packed_again_with_its_own_values(scenario, clone):
    a = generate(scenario, np.random.SeedSequence(1))
    b = clone(a)
    assert kt.is_packed(b)  # the copy's arrays are views of its own records at once
    b.activity[3] = 0.5  # written before the kernel sees the copy
    acc = k.accounts(b)
    assert _address(b.rows) != _address(a.rows)
    for f in kt.ROW_FIELDS:
        assert kt._is_field(getattr(b, f), b.rows, f), f
        assert getattr(acc, f) is getattr(b, f), f
    assert b.rows["activity"][3] == 0.5 and a.activity[3] != 0.5
    np.testing.assert_array_equal(b.interest, a.interest)


def test_packing_copies_every_value_into_its_field():
    n = 1000
    g = np.random.default_rng(5)
    owner = type("Owner", (), {})()
    values = {}
    for f in kt.ROW_FIELDS:
        dtype = kt.ACCOUNT_DTYPES[f]
        v = g.random(n) if dtype.kind == "f" else g.integers(-100, 100, n)
        values[f] = v.astype(dtype)
        setattr(owner, f, values[f].copy())
    kt.pack_rows(owner)
    for f in kt.ROW_FIELDS:
        np.testing.assert_array_equal(owner.rows[f], values[f], err_msg=f)
        assert kt._is_field(getattr(owner, f), owner.rows, f), f
    assert (owner.rows["spare"] == 0).all()


def test_a_pickled_audience_carries_its_records_once(scenario):
    a = generate(scenario, np.random.SeedSequence(4))
    separate = copy.copy(a)
    for f in kt.ROW_FIELDS:  # the same values as contiguous arrays: no records to share
        setattr(separate, f, np.ascontiguousarray(getattr(a, f)).copy())
    assert not kt.is_packed(separate)
    # The records travel once, not a second time as the arrays that view them.
    assert len(pickle.dumps(a)) < len(pickle.dumps(separate)) - a.rows.nbytes // 2
    b = pickle.loads(pickle.dumps(separate))  # not packed when pickled: packed on use
    k.accounts(b)
    np.testing.assert_array_equal(b.rows, a.rows)


def test_a_replaced_array_is_packed_in_its_place(scenario):
    a = generate(scenario, np.random.SeedSequence(2))
    a.reflex = np.full(a.n_accounts, 0.125)
    k.accounts(a)
    assert a.rows["reflex"][0] == 0.125 and kt._is_field(a.reflex, a.rows, "reflex")
    a.voice = np.ones(a.n_accounts, dtype=np.float32)
    with pytest.raises(TypeError, match="voice must be a float64 array"):
        k.accounts(a)


def test_scratch_stamps_are_side_by_side():
    ws = kt.scratch(10)
    assert ws.seen.strides == ws.day_seen.strides == (8,)
    assert _address(ws.day_seen) == _address(ws.seen) + 4
    assert (ws.seen == -1).all() and (ws.day_seen == -1).all()


def _separate(a) -> k.Accounts:
    """The audience's arrays as separate contiguous copies: the layout before records."""
    return k.Accounts(*(np.ascontiguousarray(x).copy() for x in k.accounts(a)))


def test_the_layout_changes_no_number(scenario):
    """Packed or separate, the same posts give the same stats, ledgers and generator state
    (20 posts on 3,000 users with bought followers, seed 3)."""
    a = generate(scenario, np.random.SeedSequence(3))
    packed, separate = k.accounts(a), _separate(a)
    beh = np.array([0.6, 0.4, 0.2, 0.1, 0.05, 0.05, 0.1, 0.0])
    feed = k.feed_params(scenario.feed)
    out = []
    for acc in (packed, separate):
        state = xr.new_state(np.random.SeedSequence(3))
        ws = k.scratch(a.n_accounts)
        rows = []
        for p in range(20):
            followers = np.flatnonzero(a.origin).astype(np.int32)
            none = np.empty(0, np.int32)
            s = k.distribute_post(
                k.Graph(a.indptr, a.indices),
                acc,
                a.n_users,
                k.Post(p, p // 2, 0.9, beh),
                k.Targets(followers, none, none, np.empty(0)),
                feed,
                ws,
                state,
            )
            rows.append(s.tobytes())
        out.append(
            (rows, state.copy(), ws.seen.copy(), [getattr(acc, f).copy() for f in acc._fields])
        )
    (r1, s1, w1, l1), (r2, s2, w2, l2) = out
    assert r1 == r2
    assert sum(np.frombuffer(b, dtype=kt.POST_STATS)[0]["acts"].sum() for b in r1) > 0
    np.testing.assert_array_equal(s1, s2)
    np.testing.assert_array_equal(w1, w2)
    for x, y in zip(l1, l2, strict=True):
        np.testing.assert_array_equal(x, y)


def test_a_large_audience_lies_on_huge_pages_and_the_placement_changes_no_number(monkeypatch):
    """From ``HUGE_MIN_BYTES`` the arrays the kernel reads at random start on huge pages of
    their own; a run with every array NumPy's gives the same tables (40,000 users, 60 days,
    seed 5)."""
    sc = resolve(
        {
            "name": "huge",
            "days": 60,
            "audience": {"users": 40_000},
            "brand": {"initial_followers": 2000},
            "strategies": {"buy": {"count": 3000, "days": [10]}},
        }
    )
    a = generate(sc, np.random.SeedSequence(5))
    if pl._CAN_MAP:
        for name in ("rows", "indices"):
            assert getattr(a, name).nbytes >= pl.HUGE_MIN_BYTES, name
            assert _address(getattr(a, name)) % pl.HUGE_PAGE == 0, name
    mapped = run(sc, seed=5)
    monkeypatch.setattr(pl, "_CAN_MAP", False)
    plain_audience = generate(sc, np.random.SeedSequence(5))
    assert _address(plain_audience.rows) % 64 == 0
    for name in ("indptr", "indices", "rows", "origin"):
        np.testing.assert_array_equal(getattr(plain_audience, name), getattr(a, name), name)
    plain = run(sc, seed=5)
    pd.testing.assert_frame_equal(plain.days, mapped.days)
    pd.testing.assert_frame_equal(plain.posts, mapped.posts)
