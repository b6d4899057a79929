"""The kernel's named inputs and outputs: each field carries what its name says, and the
arrays it reads at random lie on huge pages of their own."""

import gc
import mmap
import tracemalloc
from pathlib import Path

import numpy as np
import pytest

from sim.base import kernel_types as kt
from sim.base import placement as pl
from sim.base.accounts import FOLLOWING, N_ORIGINS, NONE, ORIGIN_LABELS
from sim.base.rules import COMMENT, DWELL, FOLLOW, LIKE, PURCHASE, REACTIONS, SHARE, VISIT
from sim.engine.recorder import Recorder
from sim.scenario import resolve

# A feed table whose every number differs, so a field read from the wrong key shows.
FEED = {
    "test_fraction": 0.07,
    "test_min": 11,
    "test_threshold": 0.21,
    "test_score": "per_view",
    "demoted_reach": 0.33,
    "test_steepness": 2.25,
    "passed_reach": 0.88,
    "explore_stages": [5, 50, 500],
    "explore_threshold": 0.44,
    "social_proof": 0.55,
    "explore_steepness": 4.5,
    "explore_views": 123.0,
    "explore_scaling": 0.66,
    "explore_max_share": 0.077,
    "explore_spread": 0.35,
    "one_way_reach": 0.12,
    "social_proof_cap": 6.6,
    "friend_proof": 7.7,
    "signal_weights": {"dwell": 1.25, "like": 2.5, "comment": 3.75, "share": 5.5},
}


@pytest.fixture(scope="module")
def scenario():
    return resolve(
        {
            "name": "names",
            "audience": {"users": 300},
            "brand": {"initial_followers": 100},
            "feed": FEED,
        }
    )


def test_feed_params_carry_each_feed_field_by_name(scenario):
    p = kt.feed_params(scenario.feed, test_activity=1.8, share_audience=321)
    w = FEED["signal_weights"]
    expected = {
        "test_fraction": 0.07,
        "test_min": 11,
        "test_threshold": 0.21,
        "demoted_reach": 0.33,
        "explore_threshold": 0.44,
        "weight_dwell": w["dwell"],
        "weight_like": w["like"],
        "weight_comment": w["comment"],
        "weight_share": w["share"],
        "social_proof": 0.55,
        "social_proof_cap": 6.6,
        "friend_proof": 7.7,
        "test_activity": 1.8,
        "test_steepness": 2.25,
        "passed_reach": 0.88,
        "explore_steepness": 4.5,
        "explore_views": 123.0,
        "explore_scaling": 0.66,
        "explore_max_share": 0.077,
        "explore_spread": 0.35,
        "one_way_reach": 0.12,
        "share_audience": 321,
    }
    assert set(expected) | {"explore_stages", "test_per_view"} == set(kt.FeedParams._fields)
    assert p.test_per_view is True  # feed.test_score = "per_view", as a plain bool for numba
    for name, value in expected.items():
        assert getattr(p, name) == value, name
    assert p.explore_stages.dtype == np.int64 and p.explore_stages.tolist() == [5, 50, 500]
    # One numba signature for every scenario: the scalar types never depend on the input.
    assert type(p.test_min) is int and type(p.share_audience) is int
    ints = ("test_min", "share_audience")
    assert all(type(getattr(p, n)) is float for n in expected if n not in ints)


def test_no_recommendation_is_an_empty_int64_array(scenario):
    feed = scenario.feed.model_copy(update={"explore_stages": ()})
    stages = kt.feed_params(feed).explore_stages
    assert stages.shape == (0,) and stages.dtype == np.int64


def test_dtype_tables_name_exactly_the_fields():
    assert tuple(kt.ACCOUNT_DTYPES) == kt.Accounts._fields
    assert tuple(kt.SCRATCH_DTYPES) == kt.Scratch._fields


def test_accounts_are_views_of_the_audience_and_wrong_dtypes_are_refused(scenario):
    from sim.engine.audience import generate

    a = generate(scenario, np.random.SeedSequence(0))
    acc = kt.accounts(a)
    for name in kt.Accounts._fields:
        if name == "interest_byte":  # a small audience: none, the pools test exact interest
            assert acc.interest_byte.shape == (0,) and a.interest_byte.shape == (a.n_accounts,)
        else:
            assert getattr(acc, name) is getattr(a, name), name
        assert getattr(acc, name).dtype == kt.ACCOUNT_DTYPES[name], name
    a.likes_given = a.likes_given.astype(np.int64)  # a ledger the kernel would update in a copy
    with pytest.raises(TypeError, match="likes_given must be a contiguous int32 array"):
        kt.accounts(a)


def test_scratch_shapes_dtypes_and_fresh_stamps():
    ws = kt.scratch(7)
    for name in kt.Scratch._fields:
        arr = getattr(ws, name)
        assert arr.dtype == kt.SCRATCH_DTYPES[name], name
        shape = (8,) if name.startswith("tree_") else (4,) if name == "outside" else (7,)
        assert arr.shape == shape, name
    assert (ws.seen == -1).all() and (ws.day_seen == -1).all()
    assert ws.outside.any()  # a generator state: all zeros would draw only zeros


def test_act_columns_follow_the_reaction_bits():
    assert kt.ACT_COLUMNS == ("impressions", *REACTIONS)
    columns = {
        "impressions": kt.A_IMPRESSIONS,
        "dwell": kt.A_DWELL,
        "like": kt.A_LIKE,
        "comment": kt.A_COMMENT,
        "share": kt.A_SHARE,
        "follow": kt.A_FOLLOW,
        "visit": kt.A_VISIT,
        "purchase": kt.A_PURCHASE,
    }
    for name, col in columns.items():
        assert kt.ACT_COLUMNS[col] == name
    # Reaction bit 2**i is counted in column i + 1.
    for i, bit in enumerate((DWELL, LIKE, COMMENT, SHARE, FOLLOW, VISIT, PURCHASE)):
        assert bit == 1 << i and kt.ACT_COLUMNS[i + 1] == REACTIONS[i]
    assert kt.POST_STATS["acts"].shape == (N_ORIGINS, kt.N_ACTS)


def test_recorder_reads_every_post_stat_by_name(scenario):
    stats = np.zeros(1, dtype=kt.POST_STATS).view(np.recarray)[0]
    names = [n for n in kt.POST_STATS.names if n != "acts"]
    for i, name in enumerate(names):  # a distinct value per field
        stats[name] = 100 + i if kt.POST_STATS[name].kind == "i" else 0.5 + i
    stats.passed = 1
    stats.cascade_size = 5
    acts = stats.acts
    acts[:, :] = np.arange(acts.size).reshape(acts.shape)
    rec = Recorder(scenario.brand)
    rec.start_day(3)
    row = rec.add_post(9, 0.8, stats, ("question",), 0.9)
    same = (
        "followers",
        "test_size",
        "explore_stage",
        "real_reach",
        "pod_impressions",
        "seeded_impressions",
        "explore_impressions",
        "cascade_impressions",
        "max_depth",
        "cascade_size",
        "real_likes",
        "real_comments",
        "new_follows",
        "test_signal",
        "structural_virality",
    )
    for name in same:
        assert row[name] == stats[name], name
    assert row["passed_test"] is True
    assert row["follower_impressions"] == stats.test_impressions + stats.follower_impressions
    assert row["reshares_per_share"] == stats.reshares / (stats.cascade_size - 1)
    total = acts.sum(axis=0)
    assert row["impressions"] == total[kt.A_IMPRESSIONS]
    assert (
        row["dwells"],
        row["likes"],
        row["comments"],
        row["shares"],
        row["visits"],
        row["purchases"],
    ) == tuple(total[[kt.A_DWELL, kt.A_LIKE, kt.A_COMMENT, kt.A_SHARE, kt.A_VISIT, kt.A_PURCHASE]])
    for o in (*FOLLOWING, NONE):
        assert row[f"impressions_{ORIGIN_LABELS[o]}"] == acts[o, kt.A_IMPRESSIONS]
    # The day's real reach counts people new that day, not the post's reach.
    assert rec.today["real_reach"] == stats.day_new_real
    assert rec.today["likes"] == row["likes"] and rec.today["posts"] == 1


# --------------------------------------------------------------------------- where arrays live

needs_maps = pytest.mark.skipif(
    not (pl._CAN_MAP and Path("/proc/self/smaps").exists()),
    reason="private mappings with huge-page advice are Linux's",
)


def _address(arr: np.ndarray) -> int:
    return arr.__array_interface__["data"][0]


def _mapping(address: int) -> tuple[int, int, list[str]] | None:
    """The start, end and flags of the mapping of this process that holds ``address``, the
    flags with "private" if it is a private one (None: unmapped)."""
    inside, private, lo, hi = False, False, 0, 0
    for line in Path("/proc/self/smaps").read_text().splitlines():
        head, _, rest = line.partition(" ")
        if "-" in head and ":" not in head:  # a mapping's first line: "lo-hi perms ..."
            lo, hi = (int(x, 16) for x in head.split("-"))
            inside, private = lo <= address < hi, rest[3:4] == "p"
        elif inside and line.startswith("VmFlags:"):
            return lo, hi, line.split()[1:] + (["private"] if private else [])
    return None


def _vm_flags(address: int) -> list[str] | None:
    found = _mapping(address)
    return None if found is None else found[2]


@needs_maps
def test_large_arrays_get_a_huge_page_boundary_and_advice_of_their_own():
    n = pl.HUGE_MIN_BYTES // 4 + 5
    a, b = pl.huge_zeros(n, np.int32), pl.huge_zeros(n, np.int32)
    for arr in (a, b):
        assert arr.dtype == np.int32 and arr.shape == (n,)
        assert arr.flags.c_contiguous and arr.flags.writeable
        assert not arr.any()
        assert _address(arr) % pl.HUGE_PAGE == 0
        # Marked for transparent huge pages, and private: a shared anonymous mapping would be
        # shared memory, whose huge pages the system switches separately (usually off).
        lo, hi, flags = _mapping(_address(arr))
        assert {"hg", "private"} <= set(flags)
        # Its last huge page lies wholly in the mapping, so no end of it is left on small pages.
        end = _address(arr) + arr.nbytes
        assert hi >= -(-end // pl.HUGE_PAGE) * pl.HUGE_PAGE
    a[:] = 7
    assert not b.any()  # memory of its own
    assert abs(_address(a) - _address(b)) >= a.nbytes


def _owner(arr: np.ndarray):
    """The object whose memory ``arr`` views."""
    while isinstance(arr, np.ndarray) and arr.base is not None:
        arr = arr.base
    return arr.obj if isinstance(arr, memoryview) else arr


def test_small_arrays_are_numpys_and_start_on_a_cache_line():
    for n in (1, 10, pl.HUGE_MIN_BYTES // 8 - 1):
        arr = pl.huge_zeros(n, np.float64)
        assert isinstance(_owner(arr), np.ndarray), n  # no mapping of its own
        assert arr.shape == (n,) and not arr.any() and _address(arr) % 64 == 0, n
    big = pl.huge_zeros(pl.HUGE_MIN_BYTES // 8, np.float64)
    assert isinstance(_owner(big), mmap.mmap) == pl._CAN_MAP


def test_without_mappings_every_array_is_numpys_on_a_cache_line(monkeypatch):
    monkeypatch.setattr(pl, "_CAN_MAP", False)
    arr = pl.huge_zeros(pl.HUGE_MIN_BYTES, np.int32)
    assert isinstance(_owner(arr), np.ndarray) and _address(arr) % 64 == 0 and not arr.any()


@needs_maps
def test_mapped_memory_lives_while_a_view_does_and_is_returned_after():
    arr = pl.huge_zeros(pl.HUGE_MIN_BYTES, np.int8)
    at = _address(arr)
    tail = arr[-3:]
    arr[-3:] = (1, 2, 3)
    del arr
    gc.collect()
    assert tail.tolist() == [1, 2, 3] and _vm_flags(at) is not None
    del tail
    gc.collect()
    flags = _vm_flags(at)
    assert flags is None or "hg" not in flags  # unmapped (or the address reused by another)


@needs_maps
def test_mapped_arrays_are_counted_by_tracemalloc_while_they_live():
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        arr = pl.huge_zeros(pl.HUGE_MIN_BYTES, np.int64)
        held = tracemalloc.get_traced_memory()[0] - before
        del arr
        gc.collect()
        after = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert held >= 8 * pl.HUGE_MIN_BYTES
    assert after < pl.HUGE_MIN_BYTES


def test_huge_copy_is_an_equal_separate_array():
    src = np.arange(pl.HUGE_MIN_BYTES // 8 + 3, dtype=np.int64)
    out = pl.huge_copy(src)
    np.testing.assert_array_equal(out, src)
    assert out.dtype == src.dtype and out.flags.c_contiguous
    out[0] = -1
    assert src[0] == 0


def test_large_scratch_arrays_start_on_huge_pages_with_their_stamps_side_by_side():
    n = pl.HUGE_MIN_BYTES // 4 + 1  # every scratch array at least HUGE_MIN_BYTES
    ws = kt.scratch(n)
    assert (ws.seen == -1).all() and (ws.day_seen == -1).all()
    assert _address(ws.day_seen) == _address(ws.seen) + 4
    if pl._CAN_MAP:
        for name in ("seen", "queue", "depth", "qtree", "new_follows", "tree_parent", "tree_size"):
            assert _address(getattr(ws, name)) % pl.HUGE_PAGE == 0, name
