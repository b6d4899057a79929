"""The reference engine: the feed kernel's stages in plain Python, each impression decided by the
viewer's Mesa agent.

:class:`AgentEngine` distributes a post through the same stages as :func:`sim.engine.kernel.
distribute_post` (test sample and pod → seeding → the other followers → recommendation pools →
share cascades, drained after each stage; social proof; one impression per user per post), takes
the same named inputs and returns the same ``POST_STATS`` record, so the model, the recorder and
everything downstream cannot tell the engines apart. What differs: the loops are Python, and
every viewer reacts through ``model.user(uid).decide(...)``, the Mesa agent's own call of the one
compiled rule :func:`sim.base.rules.decide`. Its draws come from the generator state the model hands
it (a stream of its own), so the two engines agree in distribution, not draw for draw.

It shares no loop with the kernel, so agreement between the two
(``tests/statistical/test_agent_engine.py``) checks the kernel's stages as well as the rule. It
costs microseconds per offer and impression: see ``sim.engine.engines.AGENT_ENGINE_MAX_ACCOUNTS``.
"""

from __future__ import annotations

import math
import weakref

import numpy as np

from sim.base.accounts import CLOSE_TIE, N_ORIGINS, NONE, REAL
from sim.base.kernel_types import (
    A_COMMENT,
    A_DWELL,
    A_FOLLOW,
    A_IMPRESSIONS,
    A_LIKE,
    A_PURCHASE,
    A_SHARE,
    A_VISIT,
    N_ACTS,
    POST_STATS,
    Accounts,
    Delivery,
    FeedParams,
    Graph,
    Post,
    Scratch,
    Targets,
)
from sim.base.rng import below, uniform
from sim.base.rules import pool_pace, pool_size, widen_chance
from sim.engine.impression import _beyond

__all__ = ["AgentEngine", "structural_virality"]


class AgentEngine:
    """Distributes posts with Mesa agents deciding every impression.

    Args:
        model: the :class:`sim.engine.model.FeedModel` whose agents decide (``model.user(uid)``).
        The
            agents read the model's audience arrays, which must be the arrays ``acc`` views.
    """

    def __init__(self, model):
        # A weak reference: the model holds this engine's method, so a strong one would be a
        # reference cycle that keeps a finished run alive until the garbage collector runs.
        self.model = weakref.proxy(model)

    def distribute_post(
        self,
        graph: Graph,
        acc: Accounts,
        n_real: int,
        post: Post,
        targets: Targets,
        feed: FeedParams,
        ws: Scratch,
        state: np.ndarray,
    ) -> np.record:
        """Distribute one post; the arguments and the result are those of
        :func:`sim.engine.kernel.distribute_post` (``targets.followers`` is permuted in place, the
        ledgers of ``acc`` and the ``ws`` arrays are updated, ``state`` is advanced)."""
        return _Distribution(self.model, graph, acc, post, feed, ws, state).run(n_real, targets)


class _Distribution:
    """One post on its way: the running counts, the share queue and the stages."""

    def __init__(self, model, graph, acc, post, feed, ws, state):
        self.user = model.user
        self.graph, self.acc, self.post, self.feed, self.ws, self.state = (
            graph,
            acc,
            post,
            feed,
            ws,
            state,
        )
        self.stamp, self.day = int(post.stamp), int(post.day)
        # Python ints while the post runs (a record field costs far more per update); copied
        # into the POST_STATS record at the end.
        self.acts = [[0] * N_ACTS for _ in range(N_ORIGINS)]
        self.impressions = 0  # all impressions so far, to split them by stage
        self.likes = 0  # the running count social proof reads
        self.counts = dict.fromkeys(
            (
                "max_depth",
                "real_reach",
                "day_new_real",
                "new_follows",
                "real_likes",
                "real_comments",
                "reshares",
            ),
            0,
        )
        # What shares do beyond the simulated population, estimated by the kernel's own step
        # (sim.engine.impression._beyond) into a record of its own.
        self.beyond = np.zeros(1, dtype=POST_STATS)
        self.delivery = Delivery(acc, post, feed, ws, self.beyond[0], state)
        self.cascade_size = 1  # node 0 of the diffusion tree is the post itself
        self.queue: list[tuple[int, int, int]] = []  # (sharer, depth of its viewers, tree node)
        self.head = 0

    # ------------------------------------------------------------------ one viewer
    def can_see(self, u: int, factor: float) -> bool:
        """Not shown the post yet, and active now (chance ``activity * factor``)."""
        if self.ws.seen[u] == self.stamp:
            return False
        return uniform(self.state) < self.acc.activity[u] * factor

    def impress(self, u: int, depth: int, parent: int) -> float:
        """Show the post to ``u``; its Mesa agent decides. Returns the weighted signal."""
        acc, ws, feed, c = self.acc, self.ws, self.feed, self.counts
        ws.seen[u] = self.stamp
        acc.last_seen[u] = self.day
        c["max_depth"] = max(c["max_depth"], depth)
        row = self.acts[int(acc.origin[u])]
        row[A_IMPRESSIONS] += 1
        self.impressions += 1
        is_real = acc.kind[u] == REAL
        if is_real:
            c["real_reach"] += 1
            if ws.day_seen[u] != self.day:
                ws.day_seen[u] = self.day
                c["day_new_real"] += 1
        proof = 1.0
        if feed.social_proof > 0.0:  # the likes the post shows at this moment
            proof = min(
                1.0 + feed.social_proof * math.log2(1.0 + self.likes), feed.social_proof_cap
            )
        if parent > 0:  # reached through a friend's share
            proof *= feed.friend_proof
        r = self.user(u).decide(self.post.quality, proof, self.post.behaviour, self.state)
        signal = 0.0
        if r.dwell:
            row[A_DWELL] += 1
            signal += feed.weight_dwell
        if r.like:
            row[A_LIKE] += 1
            self.likes += 1
            signal += feed.weight_like
            acc.likes_given[u] += 1
            if is_real:
                c["real_likes"] += 1
        if r.comment:
            row[A_COMMENT] += 1
            signal += feed.weight_comment
            acc.comments_given[u] += 1
            if is_real:
                c["real_comments"] += 1
        if r.share:
            row[A_SHARE] += 1
            signal += feed.weight_share
            acc.shares_given[u] += 1
            ws.tree_parent[self.cascade_size] = parent
            if parent > 0:
                c["reshares"] += 1
            self.queue.append((u, depth + 1, self.cascade_size))
            self.cascade_size += 1
        if r.like or r.comment or r.share:
            acc.engaged[u] = 1
        if r.follow:
            row[A_FOLLOW] += 1
            ws.new_follows[c["new_follows"]] = u
            c["new_follows"] += 1
        if r.visit:
            row[A_VISIT] += 1
        if r.purchase:
            row[A_PURCHASE] += 1
        return signal

    def followers_of(self, v: int) -> list[int]:
        indptr = self.graph.indptr
        return self.graph.indices[indptr[v] : indptr[v + 1]].tolist()

    def drain(self) -> int:
        """Breadth-first share cascade: each queued sharer shows the post to its own followers.
        Returns the impressions it made."""
        before = self.impressions
        while self.head < len(self.queue):
            v, depth, node = self.queue[self.head]
            self.head += 1
            if self.feed.share_audience > 0:
                _beyond(v, self.graph, self.delivery)
            for u in self.followers_of(v):
                if self.can_see(u, 1.0):
                    self.impress(u, depth, node)
        return self.impressions - before

    # ------------------------------------------------------------------ the stages
    def run(self, n_real: int, targets: Targets) -> np.record:
        feed, state, ws = self.feed, self.state, self.ws
        # A numpy.record, as the kernel returns: fields read by attribute or by name.
        out = np.zeros(1, dtype=POST_STATS).view(np.recarray)[0]
        followers = targets.followers
        n_followers = followers.shape[0]
        cascade = 0

        # 1. Test: a uniform random sample of followers (moved to the front), then the pod.
        m = min(max(int(round(feed.test_fraction * n_followers)), feed.test_min), n_followers)
        for i in range(m):
            j = i + int(below(state, n_followers - i))
            followers[i], followers[j] = followers[j], followers[i]
        weighted = 0.0
        for u in followers[:m].tolist():
            if self.can_see(u, feed.test_activity):
                weighted += self.impress(u, 0, 0)
        out["test_impressions"] = self.impressions
        delivered = self.impressions if feed.test_per_view else m
        for u in targets.pod.tolist():
            if ws.seen[u] == self.stamp:  # already sampled as a follower
                continue
            weighted += self.impress(u, 0, 0)  # on duty: no activity draw
            delivered += 1
            out["pod_impressions"] += 1
        signal = weighted / delivered if delivered > 0 else 0.0
        widen = (
            widen_chance(signal, feed.test_threshold, feed.test_steepness) if delivered > 0 else 0.0
        )
        passed = uniform(state) < widen
        cascade += self.drain()

        # 2. Seeding: each paid sharer is a tree node under the post; each of its followers takes
        # notice with the sharer's credibility.
        before = self.impressions
        for v, credibility in zip(
            targets.seeders.tolist(), targets.credibility.tolist(), strict=True
        ):
            node = self.cascade_size
            ws.tree_parent[node] = 0
            self.cascade_size += 1
            for u in self.followers_of(v):
                if uniform(state) < credibility and self.can_see(u, 1.0):
                    self.impress(u, 1, node)
        out["seeded_impressions"] = self.impressions - before
        cascade += self.drain()

        # 3. The other followers: a chance sliding from the demoted to the passed share, lower
        # for a follower the brand does not follow back.
        reach = feed.demoted_reach + (feed.passed_reach - feed.demoted_reach) * widen
        before = self.impressions
        followed = self.acc.followed
        for u in followers[m:].tolist():
            f = followed[u]
            r = 1.0 if f == CLOSE_TIE else reach if f else reach * feed.one_way_reach
            if (r >= 1.0 or uniform(state) < r) and self.can_see(u, 1.0):
                self.impress(u, 0, 0)
        out["follower_impressions"] = self.impressions - before
        cascade += self.drain()

        # 4. Recommendation: pools of non-followers drawn by interest, each gated on the last.
        if passed and n_real > 0:
            origin, interest, seen = self.acc.origin, self.acc.interest, ws.seen
            views = float(out["test_impressions"] + out["follower_impressions"])
            pace = pool_pace(feed.explore_spread, state)  # one factor for all the post's pools
            for k, stage in enumerate(feed.explore_stages.tolist()):
                size = pool_size(
                    stage,
                    views,
                    feed.explore_views,
                    feed.explore_scaling,
                    feed.explore_max_share,
                    n_real,
                    pace,
                )
                shown, weighted, attempts = 0, 0.0, 0
                while shown < size and attempts < 50 * size:
                    attempts += 1
                    u = int(below(state, n_real))
                    if origin[u] != NONE or seen[u] == self.stamp:
                        continue
                    if uniform(state) >= interest[u]:
                        continue
                    weighted += self.impress(u, 0, 0)  # browsing: no activity draw
                    shown += 1
                out["explore_stage"] = k + 1
                out["explore_impressions"] += shown
                pool_signal = weighted / shown if shown > 0 else 0.0
                out["explore_signal"] = pool_signal
                cascade += self.drain()
                if uniform(state) >= widen_chance(
                    pool_signal, feed.explore_threshold, feed.explore_steepness
                ):
                    break

        out["acts"] = self.acts
        out["followers"] = n_followers
        out["test_size"] = m
        out["passed"] = int(passed)
        out["widen"] = widen
        out["test_signal"] = signal
        out["cascade_impressions"] = cascade
        out["likes"] = self.likes
        out["cascade_size"] = self.cascade_size
        for name, value in self.counts.items():
            out[name] = value
        for name in ("outside_views", "outside_shares"):
            out[name] = self.beyond[0][name]
        out["structural_virality"] = structural_virality(
            ws.tree_parent[: self.cascade_size].tolist()
        )
        return out


def structural_virality(parent: list[int]) -> float:
    """Mean distance between pairs of nodes of a tree given by ``parent`` (``parent[k] < k``
    for k >= 1; node 0 is the root); 0 for fewer than two nodes.

    Each edge (k, parent[k]) lies on the paths of size(k) * (n - size(k)) pairs, size(k) being
    the nodes under k. Written again here rather than imported from the kernel so that the two
    engines' virality columns check each other.
    """
    n = len(parent)
    if n < 2:
        return 0.0
    size = [1] * n
    wiener = 0
    for k in range(n - 1, 0, -1):
        size[parent[k]] += size[k]
        wiener += size[k] * (n - size[k])
    return 2.0 * wiener / (n * (n - 1.0))
