"""The installed command (``sim.cli.command``) run so that it tells which executor its
simulations ran on: ``python -c COMMAND <feedsim arguments>`` prints ``executor: <pool class>
<start method>`` on stderr each time it makes a pool. Shared by the forked-path tests of
``calibrate`` and ``compare``."""

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
