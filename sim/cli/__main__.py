"""``python -m sim.cli``: the ``feedsim`` command."""

import sys

from sim.cli import main

sys.exit(main())
