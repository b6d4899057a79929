"""Scenario files: the schema, loading and preset merging, and error messages that say how to
fix a file. A scenario file names a platform preset and overrides only what differs from it.

- :mod:`sim.scenario.schema`: the scenario, its sensitivity table and validation; with
  :mod:`sim.scenario.tables` (the core tables), every table, its keys, types, ranges and meaning;
- :mod:`sim.scenario.presets`: the platform presets and merging;
- :mod:`sim.scenario.loading`: ``load_scenario`` and ``resolve``;
- :mod:`sim.scenario.errors`: ``ScenarioError`` and its messages.
"""

from sim.scenario.errors import ScenarioError, suggest
from sim.scenario.loading import check_name, load_scenario, resolve, safe_name
from sim.scenario.presets import PRESET_TABLES, list_presets, load_preset
from sim.scenario.schema import Scenario, Strategies
from sim.scenario.tables import (
    Audience,
    Behaviour,
    Brand,
    CalendarPost,
    Content,
    Effect,
    Effects,
    Feed,
    Fit,
    SignalWeights,
)

__all__ = [
    "PRESET_TABLES",
    "Audience",
    "Behaviour",
    "Brand",
    "CalendarPost",
    "Content",
    "Effect",
    "Effects",
    "Feed",
    "Fit",
    "Scenario",
    "ScenarioError",
    "SignalWeights",
    "Strategies",
    "check_name",
    "list_presets",
    "load_preset",
    "load_scenario",
    "resolve",
    "safe_name",
    "suggest",
]
