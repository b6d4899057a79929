"""The content-attribute catalogue: what a post can carry, and what each attribute does.

One entry per attribute. The scenario schema builds the content mix (``[content]``), the effects
(``[effects]``) and the platform fit (``[fit]``) tables from it, and the content planner reads the
roles (which attributes tire an audience, build reputation, make a bare sales pitch) from it;
nothing else lists attributes.

Every effect is an assumption drawn from the source articles' lists of what helps engagement
(emotion, questions, humour, stories, news, a personal note, helpful content, scarcity, calls to
action) and what kills it (a question in every post, too much humour, a bare link, broadcasting);
all are parameters to sweep.
"""

from __future__ import annotations

from typing import NamedTuple

# The reactions an attribute can scale (a subset of the decision rule's behaviour vector).
EFFECT_REACTIONS = ("dwell", "like", "comment", "share", "visit", "purchase")


class Attribute(NamedTuple):
    """One content attribute.

    Attributes:
        name: the key in scenario files (``question``).
        description: what it means, in a strategist's words.
        effect: default multiplier per reaction (missing reactions: 1).
        tires: the audience tires of it when over-used (fatigue).
        builds_reputation: a post with it raises the brand's reputation (helping, stories).
        pitch: a sales pitch; broadcast-only unless a post also carries a ``softens`` attribute.
        softens: makes a pitch personal (no reputation loss).
    """

    name: str
    description: str
    effect: dict[str, float]
    tires: bool = False
    builds_reputation: bool = False
    pitch: bool = False
    softens: bool = False


CATALOGUE: tuple[Attribute, ...] = (
    Attribute("emotion", "emotional content", {"dwell": 1.15, "share": 1.4}),
    Attribute("humour", "a little humour", {"like": 1.3, "share": 1.2}, tires=True),
    Attribute("question", "a relevant question or poll", {"comment": 2.5}, tires=True),
    Attribute("call_to_action", "a call to action", {"visit": 1.8, "like": 0.9}, pitch=True),
    Attribute("scarcity", "a time-limited offer", {"purchase": 2.0, "visit": 1.3}),
    Attribute(
        "story",
        "a story (a brand with a face)",
        {"dwell": 1.1, "comment": 1.3},
        builds_reputation=True,
    ),
    Attribute("news", "news", {"dwell": 1.05, "share": 1.3}),
    Attribute(
        "personal_note",
        "a personal note on a shared link (none: a bare link)",
        {"dwell": 1.1, "comment": 1.2},
        softens=True,
    ),
    Attribute(
        "helpful",
        "helpful, knowledgeable content (builds authority)",
        {"dwell": 1.05, "share": 1.2, "visit": 1.2},
        builds_reputation=True,
    ),
)

ATTRIBUTES: tuple[str, ...] = tuple(a.name for a in CATALOGUE)
BY_NAME: dict[str, Attribute] = {a.name: a for a in CATALOGUE}
