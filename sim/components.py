"""Components: a tactic or a platform action, each one class in one file.

A component declares, in its own file:

- ``name`` and ``group``: where its table sits in a scenario file (``[strategies.<name>]`` for a
  tactic, switched off when absent; ``[<name>]`` for a platform action or a trait of the audience
  or the brand, always present with its defaults, which leave a run as it would be without it);
- ``Params``: its parameter table (a :class:`sim.base.params.Params`), with ranges, units and
  sources;
- ``accounts``: the accounts it needs created with the audience (fakes, pod members, staff), as an
  :class:`AccountBlock`, and ``setup_accounts`` to give them their traits;
- its random stream: each component draws only from ``self.rng``, a stream keyed by its name;
- ``counters``: the day counters it reports (:func:`sim.base.metrics.counter`), with units and
  meaning;
- ``costs``: the keys of its table that are money it pays (set to zero to take spending out);
  ``cost_model`` (``cost_model_nl`` in Dutch): how its spending is made up, in words, each
  number with its source (listed in ``docs/sources.md``) or the word assumption;
  ``planned_cost``: the euros a table commits to over a run, known before it runs (the
  scenario's budget, :func:`sim.studies.plan.costs.scenario_budget`);
- ``act``: what it does at its stage of each day;
- what it contributes to a post: accounts on duty in the test window (``on_duty``) and accounts
  that share the post to their own followers (``shares_for_post``); whether the brand can post at
  all (``blocks_posting``), which followers the feed may show it to and whether it may be
  recommended (``restrict``), and what happens once it is out (``after_post``);
- ``dated``: the days it names, which must lie inside the run;
- ``idle``: why a switched-on table would do nothing (such a scenario is refused).

The registry (:mod:`sim.registry`) builds the scenario schema, the audience's extra accounts, the
day's stages and the metric columns from these declarations. A component talks to the model only
through a small surface: ``model.audience`` (the state arrays), ``model.count(name, n)``,
``model.spend(name, euros)``, ``model.bought(day)``, ``model.on_duty(day)``,
``model.boost(...)`` (a post shown to people the brand pays to reach, by the kernel's own
stages) and ``model.recorder.day_rows``. A component's compiled loop lives in
:mod:`sim.passes` and is imported inside the act that first runs it.
"""

from __future__ import annotations

from typing import ClassVar, Literal, NamedTuple

import numpy as np

from sim.base.metrics import Metric
from sim.base.params import Params


class AccountBlock(NamedTuple):
    """Accounts a component needs created with the audience, after the real users.

    Attributes:
        kind: the accounts' kind (:mod:`sim.base.accounts`).
        count: how many.
        followers: mean number of real users who follow each of them (Poisson; 0: none). Staff
            and other real people outside the population have their own friends.
    """

    kind: int
    count: int  # type: ignore[assignment]  # a field named like tuple.count, read by name
    followers: float = 0.0


class BlockArrays(NamedTuple):
    """Writable views of a block's rows in the audience arrays, for ``setup_accounts``."""

    ids: np.ndarray
    interest: np.ndarray
    activity: np.ndarray
    reflex: np.ndarray
    reflex_comment: np.ndarray


class Component:
    """Base of tactics and platform actions (see the module docstring)."""

    name: ClassVar[str]
    group: ClassVar[Literal["strategies", "platform", "traits"]]
    Params: ClassVar[type[Params]]
    counters: ClassVar[tuple[Metric, ...]] = ()
    # Keys of ``Params`` that set money paid (euros, or hours charged at a rate): `feedsim
    # explain` sets them to zero to take spending out of a comparison, so a new tactic that
    # charges must name them here; none of them may change what happens in a run.
    costs: ClassVar[tuple[str, ...]] = ()
    # How the money is made up, in words a user reads beside the budget: every number with its
    # source (docs/sources.md) or the word "assumption". Empty: the component costs no money.
    cost_model: ClassVar[str] = ""
    cost_model_nl: ClassVar[str] = ""  # the same in Dutch
    # Whether the component's daily act can make an account follow the brand. A platform
    # action or trait that never does (it only removes followers, or changes nothing of who
    # follows) says False, and the model then keeps the day's follower list after the posts
    # for the rest of the day instead of scanning every account for it again; True (the
    # default) is always safe.
    adds_followers: ClassVar[bool] = True

    def __init__(self, params, scenario, audience, rng: np.random.Generator):
        self.params = params
        self.rng = rng
        self.ids = audience.blocks.get(self.name, np.empty(0, dtype=np.int32))

    # ---- declarations read before a run
    @classmethod
    def is_on(cls, params) -> bool:
        """Whether a scenario with these params switches the component on (an always-present
        table whose values change nothing should say so here: it is then neither built nor
        varied by a sensitivity study)."""
        return params is not None

    @classmethod
    def accounts(cls, params, scenario) -> AccountBlock | None:
        """The accounts this component needs created with the audience (None: none)."""
        return None

    @classmethod
    def setup_accounts(cls, params, block: BlockArrays, rng: np.random.Generator) -> None:
        """Give the created accounts their traits (interest, activity, reflexes)."""

    @classmethod
    def planned_cost(cls, params, scenario) -> float:
        """Euros the table commits to over the run, known before it runs (what the budget
        plans; the run charges what actually happens, e.g. shares staff really made)."""
        return 0.0

    @classmethod
    def idle(cls, params) -> object | None:
        """Why a switched-on table would do nothing at all (a sentence said later, a
        :class:`sim.base.i18n.Said`, naming the fix), else None; such a scenario is refused
        rather than run."""
        return None

    @classmethod
    def dated(cls, params) -> list[tuple[str, int]]:
        """(dotted key, day) of every day the params name that must lie inside the run."""
        return []

    # ---- the run
    def act(self, model, day: int) -> None:
        """This component's work at its stage of ``day``."""

    def on_duty(self, day: int) -> np.ndarray | None:
        """Accounts that react to every post in its test window on ``day`` (pods)."""
        return None

    def shares_for_post(
        self, model, day: int, first_of_day: bool
    ) -> tuple[np.ndarray, np.ndarray] | None:
        """Accounts that share this post with their own followers, and for each the chance a
        follower takes notice: (int32 ids, float64 chances), or None."""
        return None

    def blocks_posting(self, day: int) -> bool:
        """True if the brand cannot post on ``day`` (an account taken over)."""
        return False

    def restrict(self, day: int, followers: np.ndarray) -> tuple[np.ndarray, bool] | None:
        """A platform restriction on ``day``: the followers the feed may still show the post to
        (int32, a subset of ``followers``) and whether it may be recommended; None: none."""
        return None

    def after_post(self, model, post) -> None:
        """Called once a post (a :class:`sim.base.kernel_types.Post`) has been distributed; whoever
        saw it in the feed has ``model.ws.seen[u] == post.stamp``."""


def with_own(components, hook: str) -> tuple:
    """The ``components`` (in order) whose class has its own ``hook``: the others' is
    :class:`Component`'s, which does nothing, so the model's day need not call it."""
    base = getattr(Component, hook)
    return tuple(c for c in components if getattr(type(c), hook) is not base)
