"""The brand account: posts on its rhythm, each post's quality drawn around the scenario's mean;
and its ledger of the money spent on tactics.

A plain object, not a Mesa agent, so that a run imports no Mesa; the accounts of the audience get
Mesa agent views on demand (:meth:`sim.engine.model.FeedModel.user`).
"""

from __future__ import annotations


class Brand:
    """The brand: posts on its rhythm (``sim.base.content.schedule``), each post's content drawn by
    the model's content planner and its quality around the scenario's mean.

    The brand does not hold its model: the model calls :meth:`step` with itself, so the two
    form no reference cycle and a finished run is freed as soon as it is dropped.

    Args:
        brand_cfg: the scenario's ``brand`` table.
        posts_per_day: int (days,), posts published on each day.
    """

    def __init__(self, brand_cfg, posts_per_day):
        self.cfg = brand_cfg
        self.posts_per_day = posts_per_day

    def posts_on(self, day: int) -> int:
        """Posts published on ``day``."""
        return int(self.posts_per_day[day]) if day < self.posts_per_day.shape[0] else 0

    def step(self, model) -> None:
        """Post today's posts in ``model`` (the FeedModel the brand posts in)."""
        day = model.day
        if not model.may_post(day):  # the account is out of the brand's hands today
            return
        for _ in range(self.posts_on(day)):
            q = model.posting_rng.normal(self.cfg.quality, self.cfg.quality_spread)
            model.publish(min(1.0, max(0.0, q)))

    def __repr__(self) -> str:
        return f"<Brand posts={int(self.posts_per_day.sum())}>"


class Ledger:
    """Money spent on tactics, by tactic, per day (euros)."""

    def __init__(self):
        self.today: dict[str, float] = {}

    def spend(self, tactic: str, euros: float) -> None:
        """Add ``euros`` spent today on ``tactic``."""
        self.today[tactic] = self.today.get(tactic, 0.0) + euros

    def close_day(self) -> float:
        """The euros spent today on all tactics together; the next day starts from nothing."""
        if not self.today:  # most days: nothing spent, nothing to clear
            return 0.0
        total, self.today = float(sum(self.today.values())), {}
        return total
