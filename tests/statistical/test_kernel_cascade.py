"""The feed kernel's own share cascade against branching-process and percolation theory.

``tests/statistical/test_diffusion.py`` validates the plain independent cascade of
:mod:`sim.engine.diffusion`; the model, though, spreads shares through
:func:`sim.engine.kernel.distribute_post`, whose cascade is a different process (every follower of a
sharer is a viewer the decision rule is applied to, and a user decides once). These tests check that
cascade against theory.

Set-up. One random follow graph of ``N`` = 50,000 accounts, built once per module: each account
draws its number of followers from Poisson(λ = 4) and that many distinct followers uniformly
from the other accounts (so out- and in-degrees are independent, both about Poisson(λ)). Everyone
is a real user with interest = trust = activity = 1, every post has quality 1, behaviour dwell 1,
share p and every other reaction 0, social proof off: every exposed account sees the post and
shares with probability exactly p, once. Nobody follows the brand and there are no
recommendation pools; each post has one seeder (``Targets.seeders``, credibility 1) drawn
uniformly at random. Every post gets its own stamp, so posts are independent given the graph.

Galton–Watson view. The seeder's paid share is a tree node under the post (``cascade_size``
counts it) but the seeder does not decide: each of its ``d_s`` followers is exposed and shares
with p, so its number of children is Binomial(d_s, p), mean ``R_s = p·d_s``. Every other sharer
was reached along a follow, so it is met in proportion to the accounts it follows; it exposes its
own followers, each sharing with p. With in- and out-degree independent its followers are
Poisson(λ) in the ensemble, so its children are Poisson(R), R = p·λ. On the built graph we use
its own size-biased mean, ``λ_e = Σ_v d_in(v)·d_out(v) / m`` (0.30% above λ for this graph),
so ``R = p·λ_e``.

1. Subcritical (R < 1). A sharer's subtree, itself included, has the Borel law: mean 1/(1 − R),
   variance R/(1 − R)³. The sharers S (the seeder's share not included) are the subtrees of the
   Binomial(d_s, p) children, so ``E[S | d_s] = R_s / (1 − R)`` (averaged over a random seeder,
   R/(1 − R)) and ``Var[S | d_s] = d_s·p·R/(1 − R)³ + d_s·p·(1 − p)/(1 − R)²``. Counting the
   seeder's share, the tree holds ``1 + R_s/(1 − R)`` shares on average. The z-test sums these
   over posts. Overlap: a finite graph can expose an account already exposed, and it then does
   not decide again, so sizes can only fall short of the tree's. The j-th exposure of a post
   meets an exposed account with chance below j/N, and each such meeting loses at most
   p/(1 − R) sharers on average, so the deficit per post is below ``p/(1 − R)·E[I²]/(2N)`` (I:
   the post's exposures, taken from the sample): at most 0.22 standard errors here. The mean
   may fall below its expectation by that bound on top of the z-test.
2. Supercritical (R > 1). A sharer's line dies out with probability q, the root in (0, 1) of
   ``q = exp(R(q − 1))`` (Poisson children). The seeder's children are Binomial(d_s, p), so its
   post survives with ``π(d_s) = 1 − (1 − p(1 − q))^d_s``; over a random seeder with
   d_s ~ Poisson(λ) that is 1 − q. The number of surviving posts is tested against Σ π by a
   z-test (normal approximation to the Poisson-binomial). A surviving cascade is a giant one:
   an account is exposed unless none of the accounts it follows shares, so the exposed share x
   of accounts solves ``x = 1 − exp(−p·(m/N)·x)`` in the ensemble (= 1 − q when both means are
   λ), and the sharers are p·x. One graph's structure moves its own fixed point by about 1e-3 of
   N (sd over 20 graphs of this size: 1.1e-3 at R = 1.5, 0.8e-3 at R = 2; this graph is off by
   1.0e-3 and 0.9e-3), more than the standard error of the mean giant size (6e-4 and 2e-4).
   So the mean giant size is z-tested against the percolation fixed point *of this graph*
   (message passing, Karrer, Newman & Zdeborová 2014: ``x_u = 1 − Π_{v followed by u}
   (1 − p·x_v)``, iterated down from x = 1), and the closed form is checked within 0.005 of N.
   Giant threshold: a post is "large" when more than N/10 accounts are exposed. A giant holds at
   least 58% of N at R ≥ 1.5 with a spread of about 1% of N, so none falls below it; a cascade
   that dies out is a subcritical Galton–Watson tree (mean R·q ≤ 0.63 per sharer) whose
   size tail falls as exp(−0.09·size), so none of them comes near 5,000 exposures.
3. Criticality: no large post at R = 0.5, 0.75 and 0.9, some at R = 1.1, and their share
   non-decreasing in R.
4. Counters: every post's ``cascade_size`` is 1 + 1 + S (post, seeder's share, sharers),
   ``reshares`` is S (every sharer is a share of a share, the seeder's included), impressions
   split into ``seeded_impressions`` + ``cascade_impressions``; and in giant posts the sharers
   are Binomial-like in the exposures: ``(ΣS − p·ΣI) / sqrt(p(1 − p)·ΣI)`` is a z (a martingale
   sum: each exposure decides independently with p).

Seeds and α: graph seed 20250101; each R has its own generator stream ``(20250102, "R=<R>")``
and its own NumPy generator for the seeders. The nine z-tests (three subcritical means, two
survival counts, two giant sizes, two share-rate checks) share a family-wise α = 1e-3, split
by Bonferroni: two-sided, each at α/9, |z| < 3.86. Measured on this graph (30,000 posts per
subcritical R, 400 per supercritical R) the largest |z| is 2.5 (the giant's size at R = 2;
1,500 posts on another stream give z = 0.35 there). Runs in about 10 s.
"""

from __future__ import annotations

import math
from statistics import NormalDist
from typing import NamedTuple

import numpy as np
import pytest
from scipy.optimize import brentq

from sim.base import rng as xr
from sim.base.kernel_types import ACCOUNT_DTYPES
from sim.base.rules import B_DWELL, B_SHARE, N_BEHAVIOUR
from sim.engine import kernel as k
from sim.scenario import Feed

N = 50_000  # accounts: large enough that two branches of one small cascade rarely meet
LAMBDA = 4.0  # mean followers per account
GRAPH_SEED = 20250101
RUN_SEED = 20250102

SUBCRITICAL = (0.25, 0.5, 0.75)
SUPERCRITICAL = (1.5, 2.0)
NEAR_CRITICAL = (0.9, 1.1)
POSTS_SMALL = 30_000  # per subcritical R: a small cascade costs microseconds
POSTS_LARGE = 400  # per supercritical R: a giant one costs about 10 ms

FAMILY_ALPHA = 1e-3
N_Z_TESTS = 9
Z_CRIT = NormalDist().inv_cdf(1.0 - FAMILY_ALPHA / (2 * N_Z_TESTS))  # 3.86

LARGE = N // 10  # exposures above which a cascade is giant (see the module docstring)
GIANT_CLOSED_FORM_TOL = 0.005  # one graph's own fixed point vs the ensemble's, share of N


class Net(NamedTuple):
    """The module's follow graph and the degree figures the theory reads."""

    graph: k.Graph
    out_deg: np.ndarray  # followers of each account: the length of its CSR row
    in_deg: np.ndarray  # accounts each account follows
    lam_mean: float  # m / N: mean followers (and mean follows)
    lam_edge: float  # Σ d_in·d_out / m: mean followers of an account reached through a follow


class Runs(NamedTuple):
    """Per-post figures of one batch of posts at one R."""

    p: float
    sharers: np.ndarray  # viewers who shared (the seeder's paid share not included)
    cascade_size: np.ndarray
    reshares: np.ndarray
    exposures: np.ndarray  # accounts that saw the post
    seeded: np.ndarray  # of which the seeder's followers
    cascade: np.ndarray  # of which reached through viewers' shares
    seeder_deg: np.ndarray  # followers of the post's seeder


def follow_graph(n: int, lam: float, seed: int) -> Net:
    """Each account gets Poisson(lam) distinct followers drawn uniformly from the others."""
    rng = np.random.default_rng(seed)
    deg = rng.poisson(lam, n)
    src = np.repeat(np.arange(n), deg)
    dst = rng.integers(0, n - 1, src.size)
    dst += dst >= src  # skip the account itself: uniform over the other n - 1
    while True:  # redraw repeated followers of one account (a handful in 200,000)
        key = src.astype(np.int64) * n + dst
        order = np.argsort(key, kind="stable")
        repeated = order[1:][key[order][1:] == key[order][:-1]]
        if repeated.size == 0:
            break
        redraw = rng.integers(0, n - 1, repeated.size)
        dst[repeated] = redraw + (redraw >= src[repeated])
    order = np.lexsort((dst, src))
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(deg, out=indptr[1:])
    graph = k.Graph(indptr, dst[order].astype(np.int32))
    in_deg = np.bincount(graph.indices, minlength=n)
    m = int(deg.sum())
    return Net(graph, deg, in_deg, m / n, float(np.dot(in_deg, deg)) / m)


def everyone_sees_everything(n: int) -> k.Accounts:
    """Real users, none a brand follower, all active, interested and trusting."""
    fill = {
        "kind": 0,
        "origin": 0,
        "interest": 1.0,
        "interest_byte": 255,  # floor(1.0 * 256), clamped: sim.base.interest_bytes
        "activity": 1.0,
        "trust": 1.0,
        "reflex": 0.0,
        "reflex_comment": 0.0,
        "voice": 1.0,
        "novelty": 1.0,
        "last_seen": -1,
        "engaged": 0,
        "followed": 0,
        "likes_given": 0,
        "comments_given": 0,
        "shares_given": 0,
    }
    return k.Accounts(*(np.full(n, fill[f], ACCOUNT_DTYPES[f]) for f in k.Accounts._fields))


# No brand followers, so no test sample, no follower stage and (never passed) no recommendation;
# social proof off, though with likes at 0 it could not change a share anyway.
FEED = k.feed_params(
    Feed(
        test_fraction=0.0,
        test_min=0,
        explore_stages=(),
        social_proof=0.0,
        social_proof_cap=1.0,
        friend_proof=1.0,
    )
)
NOBODY = np.empty(0, dtype=np.int32)
FULL_CREDIBILITY = np.ones(1)


@pytest.fixture(scope="module")
def net() -> Net:
    return follow_graph(N, LAMBDA, GRAPH_SEED)


@pytest.fixture(scope="module")
def runs(net):
    """``runs(R, posts)``: that many posts at R = p·λ, each from one random seeder (memoised)."""
    acc = everyone_sees_everything(N)
    ws = k.scratch(N, 1)
    done: dict[float, Runs] = {}
    stamp = 0

    def _runs(r: float, posts: int) -> Runs:
        nonlocal stamp
        if r in done:
            return done[r]
        p = r / LAMBDA
        b = np.zeros(N_BEHAVIOUR)
        b[B_DWELL], b[B_SHARE] = 1.0, p
        state = xr.new_state(xr.stream(RUN_SEED, f"R={r}"))
        seeders = xr.generator(RUN_SEED, f"seeders R={r}").integers(0, N, posts).astype(np.int32)
        out = np.zeros((6, posts), dtype=np.int64)
        for i in range(posts):
            st = k.distribute_post(
                net.graph,
                acc,
                N,
                k.Post(stamp, 0, 1.0, b),
                k.Targets(NOBODY, NOBODY, seeders[i : i + 1], FULL_CREDIBILITY),
                FEED,
                ws,
                state,
            )
            stamp += 1
            out[:, i] = (
                st.acts[:, k.A_SHARE].sum(),
                st.cascade_size,
                st.reshares,
                st.acts[:, k.A_IMPRESSIONS].sum(),
                st.seeded_impressions,
                st.cascade_impressions,
            )
        done[r] = Runs(p, *out, net.out_deg[seeders])
        return done[r]

    return _runs


def extinction(r: float) -> float:
    """q in (0, 1) with q = exp(r(q - 1)): a Poisson(r) Galton–Watson line dies out (r > 1)."""
    return brentq(lambda q: q - math.exp(r * (q - 1.0)), 0.0, 1.0 - 1e-12)


def graph_fixed_point(net: Net, p: float) -> float:
    """Mean exposed share in a giant cascade on this graph: the largest solution of
    ``x_u = 1 - prod over v that u follows (1 - p x_v)``, reached by iterating down from 1."""
    src = np.repeat(np.arange(N), net.out_deg)  # CSR edge e runs src[e] -> indices[e]
    x = np.ones(N)
    for _ in range(10_000):
        nxt = -np.expm1(np.bincount(net.graph.indices, np.log1p(-p * x[src]), minlength=N))
        if np.max(np.abs(nxt - x)) < 1e-12:
            return float(nxt.mean())
        x = nxt
    raise AssertionError("the fixed-point iteration did not converge")


@pytest.mark.parametrize("r", SUBCRITICAL)
def test_subcritical_mean_sharers_match_galton_watson(net, runs, r):
    run = runs(r, POSTS_SMALL)
    p, d = run.p, run.seeder_deg
    rr = p * net.lam_edge
    expected = p * d / (1.0 - rr)
    var = d * p * rr / (1.0 - rr) ** 3 + d * p * (1.0 - p) / (1.0 - rr) ** 2
    se = math.sqrt(var.sum()) / d.size
    overlap = p / (1.0 - rr) * np.mean(run.exposures.astype(float) ** 2) / (2 * N)
    gap = run.sharers.mean() - expected.mean()
    z = gap / se
    detail = (
        f"R={rr:.4f}: mean sharers {run.sharers.mean():.4f}, expected {expected.mean():.4f}"
        f" (R/(1-R) = {rr / (1 - rr):.4f}), z={z:.2f}, overlap bound {overlap:.4f}"
    )
    assert -Z_CRIT * se - overlap < gap < Z_CRIT * se, detail


@pytest.mark.parametrize("r", SUPERCRITICAL)
def test_supercritical_survival_matches_galton_watson(net, runs, r):
    run = runs(r, POSTS_LARGE)
    p = run.p
    q = extinction(p * net.lam_edge)
    survive = 1.0 - (1.0 - p * (1.0 - q)) ** run.seeder_deg
    large = run.exposures > LARGE
    z = (large.sum() - survive.sum()) / math.sqrt(np.sum(survive * (1.0 - survive)))
    assert abs(z) < Z_CRIT, (
        f"large share {large.mean():.4f}, expected {survive.mean():.4f} "
        f"(1 - q = {1 - q:.4f}), z={z:.2f}"
    )


@pytest.mark.parametrize("r", SUPERCRITICAL)
def test_giant_cascade_size_matches_percolation_fixed_point(net, runs, r):
    run = runs(r, POSTS_LARGE)
    p = run.p
    share = run.exposures[run.exposures > LARGE] / N
    assert share.size > POSTS_LARGE // 4, "too few giant cascades to test their size"
    on_graph = graph_fixed_point(net, p)
    rm = p * net.lam_mean
    closed = brentq(lambda x: x - (1.0 - math.exp(-rm * x)), 1e-9, 1.0)
    z = (share.mean() - on_graph) / (share.std(ddof=1) / math.sqrt(share.size))
    detail = (
        f"giant exposed share {share.mean():.5f} over {share.size} posts; this graph's "
        f"fixed point {on_graph:.5f} (z={z:.2f}), closed form {closed:.5f}"
    )
    assert abs(z) < Z_CRIT, detail
    assert abs(share.mean() - closed) < GIANT_CLOSED_FORM_TOL, detail


def test_large_cascades_appear_only_above_criticality(runs):
    rs = (0.5, 0.75, *NEAR_CRITICAL, *SUPERCRITICAL)
    frac = {}
    for r in rs:
        run = runs(r, POSTS_SMALL if r in SUBCRITICAL else POSTS_LARGE)
        frac[r] = float(np.mean(run.exposures > LARGE))
    assert all(frac[r] == 0.0 for r in rs if r < 1.0), frac
    assert all(frac[r] > 0.0 for r in rs if r > 1.0), frac
    assert all(frac[a] <= frac[b] for a, b in zip(rs, rs[1:], strict=False)), frac


@pytest.mark.parametrize("r", SUBCRITICAL + SUPERCRITICAL)
def test_tree_counters_agree_with_the_shares(runs, r):
    run = runs(r, POSTS_SMALL if r in SUBCRITICAL else POSTS_LARGE)
    np.testing.assert_array_equal(run.cascade_size, 2 + run.sharers)
    np.testing.assert_array_equal(run.reshares, run.sharers)
    np.testing.assert_array_equal(run.exposures, run.seeded + run.cascade)
    assert np.all(run.seeded == run.seeder_deg), "credibility 1: every seeder's follower sees it"
    if r > 1.0:
        giant = run.exposures > LARGE
        shares, seen = run.sharers[giant].sum(), run.exposures[giant].sum()
        z = (shares - run.p * seen) / math.sqrt(run.p * (1.0 - run.p) * seen)
        assert abs(z) < Z_CRIT, f"{shares} sharers of {seen} exposures at p={run.p}: z={z:.2f}"
