"""Loading a scenario file: read the TOML, merge it over its platform preset, validate it.

Anything wrong raises :class:`ScenarioError`, whose message names the file, the key (with its line
where it can be found), the offending value and what is allowed.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from sim.scenario.errors import ScenarioError, find_line
from sim.scenario.presets import load_preset
from sim.scenario.presets import merge_preset as _merge_over_preset
from sim.scenario.schema import Scenario, validate


def safe_name(name: str, fallback: str = "scenario") -> str:
    """``name`` with every character outside ``[A-Za-z0-9_.-]`` replaced by ``_`` (a valid
    scenario name and a safe folder name); ``fallback`` if nothing is left."""
    return re.sub(r"[^A-Za-z0-9_.-]", "_", name) or fallback


def load_scenario(path: str | Path) -> Scenario:
    """Load, merge with its platform preset, and validate a scenario file.

    Args:
        path: a TOML scenario file.

    Returns:
        The frozen, fully resolved scenario. Its ``name`` defaults to the file's stem.

    Raises:
        ScenarioError: the file is missing, is not valid TOML, or holds an unknown key or a value
            of the wrong type or out of range. The message names the file, key, value and line.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ScenarioError(f"{path}: no such scenario file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ScenarioError(f"{path}: cannot read: {exc}") from None
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ScenarioError(f"{path}: not valid TOML: {exc}") from None
    raw.setdefault("name", safe_name(path.stem))
    return resolve(raw, source=str(path), text=text)


def resolve(
    raw: dict[str, Any], source: str = "<scenario>", text: str | None = None, merge_preset=True
) -> Scenario:
    """Merge ``raw`` over its platform preset and validate it into a :class:`Scenario`."""
    if not isinstance(raw, dict):
        raise ScenarioError(f"{source}: a scenario must be a table of keys")
    platform = raw.get("platform", Scenario.model_fields["platform"].default)
    if not isinstance(platform, str):
        raise ScenarioError(f"{source}: platform = {platform!r} must be a preset name (a string)")
    try:
        merged = _merge_over_preset(raw, load_preset(platform)) if merge_preset else raw
    except ScenarioError as exc:
        line = find_line(text, (), "platform")
        raise ScenarioError(f"{source}{line}: {exc}") from None
    return validate(merged, source, text)
