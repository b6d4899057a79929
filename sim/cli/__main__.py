"""``python -m sim.cli``: the ``feedsim`` command."""

import sys

from sim.cli import command

sys.exit(command())
