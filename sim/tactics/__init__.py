"""Growth tactics, one component per file.

To add a tactic, write its file (a :class:`sim.components.Component` with
``group = "strategies"``) and list it here; the registry builds its scenario table, its accounts,
its place in the day and its metric columns from the class.
"""

from sim.tactics.boost import Boost
from sim.tactics.buy import BuyFollowers
from sim.tactics.community import Community
from sim.tactics.employee_advocacy import EmployeeAdvocacy
from sim.tactics.follow_for_follow import FollowForFollow
from sim.tactics.giveaway import Giveaway
from sim.tactics.influencer import InfluencerSeeding
from sim.tactics.pod import EngagementPod

TACTICS = (
    BuyFollowers,
    FollowForFollow,
    Giveaway,
    InfluencerSeeding,
    EngagementPod,
    EmployeeAdvocacy,
    Community,
    Boost,
)
