"""Starting a scenario from a template: the shipped scenarios (``scenarios/*.toml``) as stories a
new scenario file begins from, with the platform, audience size and posting rhythm chosen.

:func:`templates` lists them (name, file, English and Dutch title); :func:`from_template` makes
the text of a new scenario file: the template's text (its story comment and keys, which are
already only what differs from its platform preset) with the chosen settings put in, checked by
merging it over the chosen platform's preset and validating it, as ``feedsim run`` will.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sim.base.i18n import Said
from sim.scenario.errors import ScenarioError, named, suggest
from sim.scenario.loading import read_input, resolve
from sim.scenario.schema import Scenario

# The shipped scenarios: the project's scenarios/ folder, beside the sim package.
TEMPLATE_DIR = Path(__file__).resolve().parents[2] / "scenarios"


@dataclass(frozen=True)
class Template:
    """A shipped scenario a new scenario file can start from: its name, file and titles."""

    name: str
    path: Path
    title: str  # English: the scenario's description, else its name
    title_nl: str  # the scenario's Dutch description, else the English


def _title(raw: dict[str, Any], name: str) -> str:
    text = raw.get("description")
    return text.strip() if isinstance(text, str) and text.strip() else name.replace("_", " ")


def templates(folder: Path = TEMPLATE_DIR) -> list[Template]:
    """The shipped scenarios, by name."""
    if not folder.is_dir():
        raise ScenarioError(
            Said(
                "the templates (the project's scenarios/ folder) are not at {folder}; pass a "
                "scenario file as the template instead",
                {"folder": folder},
            )
        )
    out = []
    for path in sorted(folder.glob("*.toml")):
        raw = tomllib.loads(read_input(path, "template"))
        title = _title(raw, path.stem)
        dutch = raw.get("description_nl")
        out.append(
            Template(
                path.stem,
                path,
                title,
                dutch.strip() if isinstance(dutch, str) and dutch.strip() else title,
            )
        )
    return out


def find(template: str, folder: Path = TEMPLATE_DIR) -> Path:
    """A template's file: a shipped scenario's name (``organic``) or a scenario file's path."""
    if template.endswith(".toml") or "/" in template or "\\" in template:
        path = Path(template)
        if not path.is_file():
            raise ScenarioError(Said("--template {template}: no such file", {"template": template}))
        return path
    names = [t.name for t in templates(folder)]
    if template not in names:
        raise ScenarioError(
            Said(
                "--template {template!r}: no such template{hint}; `feedsim new --list` shows "
                "them all ({names})",
                {"template": template, "hint": suggest(template, names), "names": ", ".join(names)},
            )
        )
    return folder / f"{template}.toml"


def from_template(
    template: str, file: str | Path, settings: dict[str, Any], folder: Path = TEMPLATE_DIR
) -> tuple[str, Scenario]:
    """The text of a new scenario file ``file`` from ``template``, with ``settings`` (dotted keys,
    e.g. ``{"platform": "tiktok", "audience.users": 50_000}``) put in, and the scenario it
    resolves to (named after the file, as loading it will). Raises ScenarioError, naming the
    template and the key, when the result is not a valid scenario."""
    import shlex

    import tomli_w

    from sim.scenario.loading import safe_name
    from sim.scenario.schema import _set_dotted

    name = safe_name(Path(file).stem)
    path = find(template, folder)
    text = read_input(path, "template")
    raw = tomllib.loads(text)
    raw.pop("name", None)  # the new file's name is its own
    for key, value in settings.items():
        _set_dotted(raw, key, value)
    chosen = ", ".join(f"{k} = {v!r}" for k, v in settings.items())
    source = named(
        Said("template {name} with {chosen}", {"name": path.stem, "chosen": chosen})
        if chosen
        else Said("template {name}", {"name": path.stem})
    )
    scenario = resolve({**raw, "name": name}, source=source)
    body = _edit(text, settings)
    try:
        same = body is not None and tomllib.loads(body) == raw
    except tomllib.TOMLDecodeError:
        same = False
    if not same or body is None:  # a layout the edit does not handle: the keys, afresh
        body = tomli_w.dumps(raw)
    head = [
        f"# A scenario from the template {path.stem!r} ({path.name})"
        + (", with what was chosen:" if settings else "."),
        *(f"#   {k} = {_value(v)}" for k, v in settings.items()),
        "# Only what differs from the platform preset is written here; "
        f"`feedsim validate {shlex.quote(str(file))} --show`",
        "# prints every value.",
        "#",
    ]
    return "\n".join(head) + "\n" + body, scenario


def _value(value: Any) -> str:
    """``value`` written as TOML."""
    import tomli_w

    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10_000:
        return f"{value:_}"  # 50_000, as the shipped scenarios write counts
    return tomli_w.dumps({"v": value}).strip()[len("v = ") :]


def _edit(text: str, settings: dict[str, Any]) -> str | None:
    """The template's own text (its comments and layout kept) with ``settings`` put in: a key's
    line replaced, else added at the top of its table, else its table added at the end. Keys
    nested deeper than one table give None (the caller then writes the TOML afresh)."""
    lines = text.splitlines()

    def table_of(i: int) -> str:
        for line in reversed(lines[:i]):
            if line.lstrip().startswith("["):
                return line.strip().strip("[]").strip()
        return ""

    for dotted, value in settings.items():
        table, _, key = dotted.rpartition(".")
        if "." in table:
            return None
        new = f"{key} = {_value(value)}"
        hits = [
            i
            for i, line in enumerate(lines)
            if line.split("=", 1)[0].strip() == key
            and "=" in line
            and not line.lstrip().startswith("#")
            and table_of(i) == table
        ]
        if hits:
            lines[hits[0]] = new
            continue
        header = next((i for i, line in enumerate(lines) if line.strip() == f"[{table}]"), None)
        if table == "":  # a top-level key goes before the first table
            first = next(
                (i for i, line in enumerate(lines) if line.lstrip().startswith("[")), len(lines)
            )
            while first > 0 and not lines[first - 1].strip():
                first -= 1
            lines.insert(first, new)
        elif header is not None:
            lines.insert(header + 1, new)
        else:
            lines += ["", f"[{table}]", new]
    return "\n".join(lines) + "\n"
