"""The installed command (``sim.cli.command``) run so that it tells which executor its
simulations ran on: ``python -c COMMAND <feedsim arguments>`` prints ``executor: <pool class>
<start method>`` on stderr each time it makes a pool (:func:`run_told`). Shared by the
forked-path tests of ``calibrate`` and ``compare``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

COMMAND = """
import sys
from sim.cli import command
from sim.studies.sweep import executors
real = executors.make_pool
def told(*args, **kwargs):
    pool = real(*args, **kwargs)
    print("executor:", type(pool).__name__, getattr(pool, "start", ""), file=sys.stderr)
    return pool
executors.make_pool = told
sys.argv[0] = "feedsim"
sys.exit(command())
"""


def run_told(args: list[str]) -> tuple[Path, str]:
    """Run ``feedsim ARGS`` (ending in ``--quiet``, so its last line is its folder) as a user
    does, in a process of its own; returns its folder and the executor it said it used ("" for
    none: it ran everything in its own process)."""
    done = subprocess.run(
        [sys.executable, "-c", COMMAND, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    said = [line for line in done.stderr.splitlines() if line.startswith("executor:")]
    return Path(done.stdout.strip()), " ".join(said).strip()
