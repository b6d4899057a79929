"""Loading a scenario file: read the TOML, merge it over its platform preset, validate it.

Anything wrong raises :class:`ScenarioError`, whose message names the file, the key (with its line
where it can be found), the offending value and what is allowed.
"""

from __future__ import annotations

import copy
import re
import tomllib
from pathlib import Path
from typing import Any

from sim.base.i18n import Said
from sim.base.l10n import Translated, said_of
from sim.scenario import schema
from sim.scenario.errors import ScenarioError, find_line, named
from sim.scenario.presets import load_preset
from sim.scenario.presets import merge_preset as _merge_over_preset
from sim.scenario.schema import Scenario, _Written, validate

# The largest input file read: scenario and sweep files are a few kilobytes; a megabyte leaves
# room for a long calendar and refuses a device, a log or a data file passed by mistake.
MAX_INPUT_BYTES = 1_000_000

# The files read_input reads, as a refusal names them in the reader's language.
_FILES = {
    said.template: said
    for said in (
        Said("scenario file", {}),
        Said("template", {}),
        Said("sweep file", {}),
        Said("scenario or sweep file", {}),
        Said("comparison file", {}),
    )
}


def read_input(path: str | Path, what: str = "scenario file") -> str:
    """The text of a small input file, or a ScenarioError that says why it cannot be read.

    Refuses FIFOs, devices and folders (reading them could block or never end; checked on the
    opened file, without waiting), files over :data:`MAX_INPUT_BYTES`, and text that is not
    UTF-8 (UTF-16, binary); a leading byte-order mark, as some editors save, is dropped.
    """
    from sim.base.safe_io import FileRefusedError, decode_text, read_bytes

    path = Path(path)
    file = _FILES.get(what, what)
    try:
        data = read_bytes(path, what, limit=MAX_INPUT_BYTES)
        return decode_text(data, path, what)
    except FileNotFoundError:
        raise ScenarioError(Said("{path}: no such {what}", {"path": path, "what": file})) from None
    except FileRefusedError as exc:
        if not path.is_dir():
            raise ScenarioError(str(exc)) from None
        # A folder given for a file, as safe_io says it in English, said in the reader's words.
        folder = Said("{path} is a folder, not a {what}", {"path": path, "what": file})
        raise ScenarioError(Translated(str(exc), folder)) from None
    except OSError as exc:
        reason = exc.strerror or exc
        raise ScenarioError(
            Said("{path}: cannot read: {reason}", {"path": path, "reason": reason})
        ) from None


def parse_toml(text: str, path: str | Path) -> dict[str, Any]:
    """TOML text as a dict, or a ScenarioError naming the file and the line."""
    from sim.scenario.translated import toml_reason

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ScenarioError(
            Said("{path}: not valid TOML: {reason}", {"path": path, "reason": toml_reason(exc)})
        ) from None
    except RecursionError:
        raise ScenarioError(
            Said("{path}: tables or lists nested too deeply to be a scenario", {"path": path})
        ) from None


def safe_name(name: str, fallback: str = "scenario") -> str:
    """``name`` with every character outside ``[A-Za-z0-9_.-]`` replaced by ``_`` (a valid
    scenario name and a safe folder name); ``fallback`` if nothing but dots is left."""
    out = re.sub(r"[^A-Za-z0-9_.-]", "_", name)
    # "." and ".." (any name of dots alone) would resolve to the folder above, not inside it.
    return out if out.strip(".") else fallback


def check_name(name: str, option: str = "--name") -> str:
    """``name`` if it is safe as one folder name inside the results folder, else ScenarioError.

    Allowed: letters, digits, ``_``, ``-`` and ``.``, at most 80 characters, not dots alone;
    so no separator, no ``..``: the folder can never resolve outside ``--out``.
    """
    if not re.fullmatch(r"[A-Za-z0-9_.-]{1,80}", name) or not name.strip("."):
        raise ScenarioError(
            Said(
                "{option} {name!r}: a folder name may hold letters, digits, '_', '-' and '.' (at "
                "most 80, not dots alone), so it stays inside the results folder; e.g. {option} "
                "{example}",
                {"option": option, "name": name, "example": safe_name(name, "my-study")[:80]},
            )
        )
    return name


def load_scenario(
    path: str | Path, overrides: dict[str, Any] | None = None, overrides_source: str = "overrides"
) -> Scenario:
    """Load, merge with its platform preset, and validate a scenario file.

    Args:
        path: a TOML scenario file.
        overrides: dotted keys to replace in what the file says (``{"days": 90}``), applied
            before the one validation, as :meth:`Scenario.with_overrides` would apply them.
        overrides_source: where the overrides come from, for messages (``"--set"``).

    Returns:
        The frozen, fully resolved scenario. Its ``name`` defaults to the file's stem.

    Raises:
        ScenarioError: the file is missing, is not valid TOML, or holds an unknown key or a value
            of the wrong type or out of range. The message names the file, key, value and line.
    """
    path = Path(path)
    text = read_input(path, "scenario file")
    raw = parse_toml(text, path)
    raw.setdefault("name", safe_name(path.stem))
    if not overrides:
        return resolve(raw, source=str(path), text=text)
    changed = copy.deepcopy(raw)
    for dotted, value in overrides.items():
        schema._set_dotted(changed, dotted, value)
    source = named(Said("{path} with {what}", {"path": str(path), "what": overrides_source}))
    try:  # one validation of the file and its overrides together
        return resolve(changed, source=source)
    except ScenarioError:
        resolve(raw, source=str(path), text=text)  # the file's own mistake first, with its line
        raise


def resolve(
    raw: dict[str, Any], source: str = "<scenario>", text: str | None = None, merge_preset=True
) -> Scenario:
    """Merge ``raw`` over its platform preset and validate it into a :class:`Scenario`."""
    if not isinstance(raw, dict):
        raise ScenarioError(
            Said("{source}: a scenario must be a table of keys", {"source": source})
        )
    platform = raw.get("platform", Scenario.model_fields["platform"].default)
    if not isinstance(platform, str):
        raise ScenarioError(
            Said(
                "{source}: platform = {platform!r} must be a preset name (a string)",
                {"source": source, "platform": platform},
            )
        )
    try:
        merged = _merge_over_preset(raw, load_preset(platform)) if merge_preset else raw
    except ScenarioError as exc:
        line = find_line(text, (), "platform")
        fields = {"source": source, "line": line, "problem": said_of(exc)}
        raise ScenarioError(Said("{source}{line}: {problem}", fields)) from None
    try:
        scenario = validate(merged, source, text)
    except RecursionError:
        raise ScenarioError(
            Said("{source}: values nested too deeply to be a scenario", {"source": source})
        ) from None
    if merge_preset:  # keep what the author wrote, so overrides can merge over a preset again
        scenario._written = _Written(copy.deepcopy(raw))
    return scenario


# Scenario.with_overrides resolves what it overrides through the one resolve above.
schema.RESOLVE = resolve
