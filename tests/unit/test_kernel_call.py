"""The kernel called through its compiled version's entry point (sim.engine.kernel_call): the
same records and the same updates as ``distribute_post``, and a key that tells apart every
argument numba would type differently."""

import numpy as np

from sim.engine import kernel as k
from sim.engine.kernel_call import _ENTRIES, KernelCall, _key
from sim.engine.model import FeedModel
from sim.scenario import resolve


def _model(distribute=None) -> FeedModel:
    """A small audience's model (seed 3), with bought followers and a brand that posts daily:
    a test sample, recommendation and shares on most posts."""
    sc = resolve(
        {
            "audience": {"users": 3000},
            "brand": {"posts_per_week": 7.0, "initial_followers": 300},
            "strategies": {"buy": {"days": [10], "count": 200}},
        }
    )
    m = FeedModel(sc, seed=3)
    if distribute is not None:
        m.distribute = distribute
    return m


def test_a_run_is_the_same_as_with_the_kernel_called_as_usual():
    ours, theirs = _model(), _model(k.distribute_post)
    assert isinstance(ours.distribute, KernelCall)
    ours.run_days(40)
    theirs.run_days(40)
    assert ours.recorder.post_rows and any(r["impressions"] for r in ours.recorder.post_rows)
    assert repr(ours.recorder.post_rows) == repr(theirs.recorder.post_rows)  # nan == nan too
    assert repr(ours.recorder.day_rows) == repr(theirs.recorder.day_rows)
    np.testing.assert_array_equal(ours.dist_state, theirs.dist_state)
    np.testing.assert_array_equal(ours.audience.rows, theirs.audience.rows)
    # After the first post, the posts went through the compiled version's entry point.
    key, entry = ours.distribute._last
    assert entry is not k.deliver and _ENTRIES[key] is entry


def test_the_key_tells_apart_what_numba_types_apart():
    x = np.arange(10, dtype=np.int32)
    same = np.arange(10, dtype=np.int32) + 1
    assert _key(x) == _key(same)
    assert _key(x) != _key(x.astype(np.int64))  # dtype
    assert _key(x) != _key(x[::2])  # layout
    assert _key(x) != _key(x.reshape(2, 5))  # dimensions
    frozen = x.copy()
    frozen.flags.writeable = False
    assert _key(x) != _key(frozen)  # read-only
    post = k.Post(1, 2, 0.5, np.zeros(3))
    assert _key(post) == _key(k.Post(7, 8, 0.25, np.ones(3)))
    assert _key(post) != _key(k.Post(1, 2, 1, np.zeros(3)))  # an int where a float was
    assert _key(post) != _key((1, 2, 0.5, np.zeros(3)))  # a plain tuple, not a Post
