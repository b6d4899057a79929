"""Traits of the audience or the brand, one component per file.

A trait (a :class:`sim.components.Component` with ``group = "traits"``) is a top-level table of a
scenario file (``[close_ties]``, ``[participation]``, ``[relationships]``, ``[unique_value]``),
always present; its defaults are those the platform presets are calibrated with (participation
and unique value then change nothing; the brand follows its followers back up to the platform's
cap, and about 150 of its first followers are the owner's close ties). It sets
per-account traits when the model is built and may act at the end of each day, after the
platform. List a new one here; the registry does the rest.
"""

from sim.traits.close_ties import CloseTies
from sim.traits.participation import Participation
from sim.traits.relationships import Relationships
from sim.traits.unique_value import UniqueValue

TRAITS = (CloseTies, Participation, Relationships, UniqueValue)
