"""What an account is and how it came to follow the brand: the codes every layer shares.

A leaf module (it imports nothing of feedsim), so the scenario schema, the components, the
audience, the kernel and the metric catalogue can all name kinds and origins without importing
one another. Codes are small integers because they live in int8 state arrays.
"""

from __future__ import annotations

# Account kinds (node attribute ``kind``): real people, fake accounts from a vendor, and members
# of an engagement pod (accounts that react by agreement, not interest).
REAL, BOUGHT, POD = 0, 1, 2
KIND_NAMES = ("real", "bought", "pod")

# How an account came to follow the brand (edge attribute ``origin``). 0: it does not follow.
NONE, ORGANIC, BOUGHT_ORIGIN, FOLLOW_BACK, GIVEAWAY = 0, 1, 2, 3, 4
ORIGIN_NAMES = ("none", "organic", "bought", "follow_back", "giveaway")
N_ORIGINS = len(ORIGIN_NAMES)
# The origins of a follower (every origin but NONE), in the order tables and charts list them.
FOLLOWING = (ORGANIC, BOUGHT_ORIGIN, FOLLOW_BACK, GIVEAWAY)
# Column label of each origin in per-origin metrics (``impressions_non_follower`` reads better
# than ``impressions_none``).
ORIGIN_LABELS = ("non_follower", "organic", "bought", "follow_back", "giveaway")

# The brand's relationship with an account (state array ``followed``): none (a one-way follow),
# a follow back (:mod:`sim.traits.relationships`), or one of the owner's close ties
# (:mod:`sim.traits.close_ties`), whose feeds rank the brand's posts first.
ONE_WAY, FOLLOWED_BACK, CLOSE_TIE = 0, 1, 2
