"""Platform presets: TOML data shipped in ``sim/presets/``, one file per platform, each value with
its source or the word "assumption"; and how a scenario file is merged over its preset.
"""

from __future__ import annotations

import copy
import functools
import tomllib
from importlib import resources
from typing import Any

from sim.base.i18n import Said
from sim.scenario.errors import ScenarioError, suggest

# The tables a preset may set; a scenario file overrides them key by key.
PRESET_TABLES = ("feed", "behaviour", "audience", "purge", "fit")


def list_presets() -> list[str]:
    """Names of the platform presets shipped with feedsim."""
    folder = resources.files("sim") / "presets"
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".toml"))


def load_preset(name: str) -> dict[str, Any]:
    """A preset as a dict: ``description``, the tables it sets and ``sources`` (a fresh copy
    the caller may change)."""
    return copy.deepcopy(_read_preset(name))


@functools.lru_cache(maxsize=32)
def _read_preset(name: str) -> dict[str, Any]:
    # Presets ship with the package and never change while it runs; every override of a
    # scenario merges over its preset again, so each is read once.
    names = list_presets()
    if name not in names:
        raise ScenarioError(
            Said(
                "unknown platform {name!r}{hint}; available presets: {names}",
                {"name": name, "hint": suggest(name, names), "names": ", ".join(names)},
            )
        )
    text = (resources.files("sim") / "presets" / f"{name}.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def merge_preset(raw: dict[str, Any], preset: dict[str, Any]) -> dict[str, Any]:
    """``raw`` (a scenario file's tables) merged over ``preset``'s tables, key by key."""
    merged = {k: copy.deepcopy(preset[k]) for k in PRESET_TABLES if k in preset}
    for key, value in raw.items():
        if key in merged and isinstance(value, dict):
            merged[key] = _deep_merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _deep_merge(base: dict, over: dict) -> dict:
    out = dict(base)
    for k, v in over.items():
        if isinstance(v, dict) and isinstance(out.get(k), dict):
            out[k] = _deep_merge(out[k], v)
        else:
            out[k] = v
    return out
