"""Which engine distributes a post: the numba feed kernel or Mesa agents deciding one by one.

``kernel`` (:mod:`sim.engine.kernel`) is the engine every run uses unless told otherwise.
``agents`` (:mod:`sim.engine.engines.agents`) runs the same stages in plain Python and lets each
viewer's Mesa agent decide: a reference to check the kernel against, for small audiences only.

This module holds only the names and the checks, so the command line can list the engines
without importing numba.
"""

from __future__ import annotations

ENGINES = ("kernel", "agents")
DEFAULT_ENGINE = "kernel"
# The agent engine costs microseconds of Python per offer and impression, against nanoseconds in
# the kernel: 20,000 accounts keep a year of daily posts within minutes.
AGENT_ENGINE_MAX_ACCOUNTS = 20_000


class EngineError(ValueError):
    """An engine that cannot run this scenario; the message says why and what to use instead."""


def check_engine(engine: str, accounts: int | None = None) -> str:
    """Return ``engine`` if it exists and can run an audience of ``accounts`` accounts.

    Args:
        engine: an engine name, one of ``ENGINES``.
        accounts: accounts in the audience (real users, or all accounts once generated);
            None skips the size check.

    Raises:
        EngineError: for an unknown engine, or the agent engine above
            ``AGENT_ENGINE_MAX_ACCOUNTS`` accounts.
    """
    if engine not in ENGINES:
        raise EngineError(f"unknown engine {engine!r}; allowed: {', '.join(ENGINES)}")
    if engine == "agents" and accounts is not None and accounts > AGENT_ENGINE_MAX_ACCOUNTS:
        raise EngineError(
            f"the agents engine decides every impression in Python and runs at most "
            f"{AGENT_ENGINE_MAX_ACCOUNTS:,} accounts; this audience has {accounts:,}: use "
            f"--engine kernel (engine='kernel') or a smaller audience.users"
        )
    return engine
