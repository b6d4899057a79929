"""What a run will need before it starts: memory and time, estimated from the scenario alone.

A scenario file can ask for far more than a laptop holds (``audience.users = 50_000_000``, a
package of fifty million fakes) or for pools that take hours a day; the estimate lets the command
line refuse such a run at once, with the figure and the key that drives it, instead of after
minutes of swapping.

Memory is linear in accounts and follow edges. Measured on the project's machine (2 cores, 24 GB)
as the peak resident memory of ``feedsim run FILE --no-charts --quiet`` (``wait4``'s maxrss; a
year of daily posts, Instagram preset, 20 follows a user):

- 100 users (about 2,000 follow edges): 278 MB (Python, NumPy, numba, pandas, the kernels);
- 100,000 users (1.95M edges): 298 MB;
- 1,000,000 users (19.9M edges): 505 MB; with 60 follows a user (59.3M edges): 789 MB;
- 10,000,000 users (199.8M edges): 2,565 MB; 2,705 MB once the brand's first followers were
  drawn on a second thread beside the follow graph (their sampling keys, about 24 bytes a user,
  now live while the graph is built).

The two 1M rows give 7.1 bytes an edge (the CSR's 4 plus the generator's follow list, which is
freed once the graph is built); the rest, 85 bytes an account (state arrays, kernel scratch, the
generator's per-user draws). An earlier measurement of 20,000,000 bought accounts on 2,000 users
gave 68 bytes an account. Since the CSR is filled through buckets of rows on numba's threads,
each entry's place in its bucket (2 bytes) lives beside the follow list while the graph is
built: 1M users then peaked at 489 MB, 843 MB with 60 follows a user (9.0 bytes an edge), and
10M at 3,088 MB. The coefficients below round these up (9.5 bytes an edge, 115 an account: the
85 plus the keys' 24 and some room; 290 MB fixed), so the estimate lies above each measured
point (by 8% at 10M users).

Times are coarser, on one core: generating the audience took 1.3 s of processor time at 1M users
(19.9M edges), 3.6 s with 59.3M edges (so about 6e-8 s an edge there) and 18.8 s at 10M users
(8.6e-8 s an edge: the tables outgrow the cache); the day's population-wide passes take well
under a nanosecond an account; an impression about a microsecond (0.7 at 1M, 1.3 at 10M). The
impressions of a run depend on what its posts reach, so the estimate counts every place of every
recommendation pool at its cap: an upper bound, loose for a run whose posts do not go far, and
bounded by the kernel's 50 attempts per place when a pool is larger than the audience can fill.

The largest audience a scenario may describe, :data:`MAX_USERS`, is five times the largest
measured; by the figures above a year at that size needs about 16 GB with 20 follows a user.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass

from sim.base.i18n import Said
from sim.base.l10n import Count, Number, SaidError

BASE_BYTES = 290e6  # interpreter, libraries, compiled kernels
EDGE_BYTES = 9.5  # per follow edge: the CSR index, the generator's follow list, bucket places
ACCOUNT_BYTES = 115.0  # per account: state arrays, kernel scratch, the generator's draws
# Seconds per unit of work (orders of magnitude, measured on the project's 2-core machine).
BASE_SECONDS = 2.0  # interpreter start, imports and the compiled-kernel cache
EDGE_SECONDS = 9e-8  # generating one follow edge (10M users; 6e-8 at 1M)
ACCOUNT_SECONDS = 2e-7  # creating one account
ACCOUNT_DAY_SECONDS = 5e-10  # one account's share of a day's population-wide passes
ATTEMPT_SECONDS = 7e-9  # one draw while filling a recommendation pool
IMPRESSION_SECONDS = 1.5e-6  # one impression (decision, reactions, cascade bookkeeping)
POOL_ATTEMPTS = 50  # the kernel tries at most this many draws per place in a pool

# The largest audience measured (see the table above), and the most a scenario may ask for:
# five times that, as far as the linear figures above are trusted.
LARGEST_MEASURED_USERS = 10_000_000
MAX_USERS = 5 * LARGEST_MEASURED_USERS

# The longest single run accepted without --force: an hour (a year of posts to a million users
# takes seconds; only pools the audience cannot fill or tens of millions of accounts take longer).
MAX_RUN_SECONDS = 3600.0
MEMORY_ENV = "FEEDSIM_MAX_MEMORY"


@dataclass(frozen=True)
class Estimate:
    """What one run of a scenario needs, roughly.

    Attributes:
        bytes: peak resident memory of one run, in bytes.
        seconds: time of one run on one core, an order of magnitude.
        accounts: accounts created (real users, fakes, pod members, staff).
        edges: follow edges.
        posts: posts over the run.
        driver: the part of the scenario that drives the memory most, in words.
    """

    bytes: float
    seconds: float
    accounts: int
    edges: int
    posts: int
    driver: Said


def estimate(scenario) -> Estimate:
    """The memory and time one run of ``scenario`` needs (see the module docstring)."""
    from sim.registry import account_blocks

    a = scenario.audience
    users = a.users
    edges = users * a.mean_follows
    extra = {}
    for cls, _params, block in account_blocks(scenario):
        extra[cls.name] = block.count
        edges += block.count * block.followers
    accounts = users + sum(extra.values())
    days = scenario.days
    if scenario.content.calendar:
        posts = len(scenario.content.calendar)
    else:
        posts = int(round(scenario.brand.posts_per_week * days / 7.0))
    # Impressions per post: at most every follower plus every pool place (a generous bound).
    followers = min(accounts, scenario.brand.initial_followers + sum(extra.values()))
    attempts = 0.0
    places = 0.0
    feed = scenario.feed
    cap = getattr(feed, "explore_max_share", 1.0) * users  # no pool exceeds this share of users
    for size in feed.explore_stages:
        if getattr(feed, "explore_scaling", 0.0) > 0:
            size = cap  # pools grow with a post's views, up to the cap
        # A post's draw scales its pools by a log-normal factor whose mean is exp(spread**2 / 2).
        size *= math.exp(getattr(feed, "explore_spread", 0.0) ** 2 / 2.0)
        size = min(size, cap) if cap < users else size
        places += min(size, users)
        # A pool the audience cannot fill costs the kernel's full budget of draws.
        attempts += size * (POOL_ATTEMPTS if size > 0.5 * users else 2)
    seconds = (
        BASE_SECONDS
        + EDGE_SECONDS * edges
        + ACCOUNT_SECONDS * accounts
        + ACCOUNT_DAY_SECONDS * accounts * days
        + posts * (ATTEMPT_SECONDS * attempts + IMPRESSION_SECONDS * (followers + places))
    )
    memory = BASE_BYTES + EDGE_BYTES * edges + ACCOUNT_BYTES * accounts
    biggest = max(extra.items(), key=lambda kv: kv[1], default=("", 0))
    if biggest[1] > users:
        driver = Said(
            "{n:,} accounts for strategies.{tactic}", {"n": Count(biggest[1]), "tactic": biggest[0]}
        )
    else:
        driver = Said(
            "audience.users = {users:,} with {follows:g} follows each",
            {"users": Count(users), "follows": Number(a.mean_follows)},
        )
    return Estimate(memory, seconds, int(accounts), int(edges), posts, driver)


def machine_memory() -> int:
    """Bytes a plan may use: ``$FEEDSIM_MAX_MEMORY`` if set (e.g. ``8G``), else 80% of the
    machine's memory (or of a container's limit, if lower), leaving room for everything else."""
    text = os.environ.get(MEMORY_ENV, "").strip()
    if text:
        return parse_bytes(text)
    total = None
    try:
        total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        pass
    try:
        with open("/sys/fs/cgroup/memory.max") as fh:
            limit = fh.read().strip()
        if limit.isdigit():
            total = min(total or int(limit), int(limit))
    except OSError:
        pass
    return int(0.8 * (total or 8 * 2**30))


def parse_bytes(text: str) -> int:
    """``"8G"``, ``"512M"``, ``"2.5GB"`` or a plain number of bytes -> bytes."""
    t = text.strip().upper().removesuffix("B").removesuffix("I")
    scale = {"K": 2**10, "M": 2**20, "G": 2**30, "T": 2**40}.get(t[-1:], 1)
    number = t[:-1] if scale > 1 else t
    try:
        value = float(number)
    except ValueError:
        raise ResourceError(
            Said(
                "{env}={text!r}: give a size such as 8G or 512M", {"env": MEMORY_ENV, "text": text}
            )
        ) from None
    if not value > 0:
        raise ResourceError(
            Said(
                "{env}={text!r}: give a positive size such as 8G", {"env": MEMORY_ENV, "text": text}
            )
        )
    return int(value * scale)


def size_text(n: float, lang: str = "en") -> str:
    """Bytes in words, as ``lang`` writes numbers: ``1.4 GB`` (``1,4 GB`` in Dutch)."""
    from sim.base.l10n import number

    for unit, scale in (("GB", 1e9), ("MB", 1e6)):
        if n >= scale:
            return f"{number(n / scale, lang, 1)} {unit}"
    return f"{number(n / 1e3, lang)} kB"


def time_text(seconds: float, lang: str = "en") -> str:
    """Seconds in words: ``about 3 minutes`` (``ongeveer 3 minuten`` in Dutch)."""
    from sim.base.i18n import tr
    from sim.base.l10n import number

    for words, scale in (
        ("about {n} days", 86400),
        ("about {n} hours", 3600),
        ("about {n} minutes", 60),
    ):
        if seconds >= 2 * scale:
            return tr(words, lang).format(n=number(seconds / scale, lang))
    return tr("about {n} seconds", lang).format(n=number(seconds, lang))


def check(scenario, concurrent: int = 1, what: str = "this run", force: bool = False) -> Estimate:
    """Refuse a plan that cannot fit: ``concurrent`` runs of ``scenario`` at once (a sweep's
    workers) above the machine's memory, or one run above :data:`MAX_RUN_SECONDS`.

    Raises:
        ResourceError: unless ``force``; the message names the figure, the limit, the key that
            drives it and the fix.
    """
    est = estimate(scenario)
    if force:
        return est
    limit = machine_memory()
    # Each worker is a process of its own; a pool's parent holds the libraries once more.
    need = est.bytes * concurrent + (BASE_BYTES if concurrent > 1 else 0)
    if need > limit:
        fields = {
            "what": what,
            "need": SizeWords(need),
            "limit": SizeWords(limit),
            "env": MEMORY_ENV,
            "driver": est.driver,
        }
        if concurrent > 1:
            raise ResourceError(
                Said(
                    "{what} needs about {need} of memory ({runs} runs at once, {each} each), "
                    "more than the {limit} this machine can give ({env} or 80% of its memory); "
                    "the largest part: {driver}. Make it smaller, use fewer --workers, or pass "
                    "--force to try anyway",
                    {**fields, "runs": concurrent, "each": SizeWords(est.bytes)},
                )
            )
        raise ResourceError(
            Said(
                "{what} needs about {need} of memory, more than the {limit} this machine can "
                "give ({env} or 80% of its memory); the largest part: {driver}. Make it "
                "smaller, or pass --force to try anyway",
                fields,
            )
        )
    if est.seconds > MAX_RUN_SECONDS:
        raise ResourceError(
            Said(
                "{what} would take {time} per run ({posts:,} posts; recommendation pools "
                "{pools} against {users:,} users); make the pools or the run smaller, or pass "
                "--force to try anyway",
                {
                    "what": what,
                    "time": TimeWords(est.seconds),
                    "posts": Count(est.posts),
                    "pools": list(scenario.feed.explore_stages),
                    "users": Count(scenario.audience.users),
                },
            )
        )
    return est


class ResourceError(SaidError):
    """A plan that would not fit in memory or time; the command line exits 2. Made of a
    sentence said later (:class:`sim.base.i18n.Said`): ``str()`` is the English, :attr:`said`
    says it in the command's language."""


class SizeWords(float):
    """Bytes in a sentence said later: :func:`size_text` in the reader's language."""

    def __format__(self, spec: str) -> str:
        return size_text(self)

    def text(self, lang: str = "en") -> str:
        """The size as ``lang`` writes it ('1,4 GB' in Dutch)."""
        return size_text(self, lang)


class TimeWords(float):
    """Seconds in a sentence said later: :func:`time_text` in the reader's language."""

    def __format__(self, spec: str) -> str:
        return time_text(self)

    def text(self, lang: str = "en") -> str:
        """The time as ``lang`` says it ('ongeveer 3 minuten' in Dutch)."""
        return time_text(self, lang)
