"""The codes of the decision rule: the reaction bits it returns and the layout of the behaviour
vector it reads.

A leaf module of plain integers, so that a component can name a reaction without loading the
compiled rule (:mod:`sim.base.rules`, which re-exports these names).
"""

from __future__ import annotations

# Reaction bits returned by sim.base.rules.decide().
DWELL, LIKE, COMMENT, SHARE, FOLLOW, VISIT, PURCHASE = 1, 2, 4, 8, 16, 32, 64
REACTIONS = ("dwell", "like", "comment", "share", "follow", "visit", "purchase")

# Layout of the behaviour parameter vector (float64, shape (N_BEHAVIOUR,)).
B_DWELL, B_LIKE, B_COMMENT, B_SHARE, B_FOLLOW, B_VISIT, B_PURCHASE, B_FORWARD = range(8)
N_BEHAVIOUR = 8
