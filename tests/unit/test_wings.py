"""Imports go one way between the wings of ``sim/``: base -> components -> scenario -> engine ->
studies -> present -> the interfaces (dashboard, cli). Function-level imports count too.
"""

import ast
from pathlib import Path

import sim

SIM = Path(sim.__file__).parent
ORDER = {
    "base": 0,
    **dict.fromkeys(("components", "registry", "passes", "tactics", "platform", "traits"), 1),
    "scenario": 2,
    "engine": 3,
    "studies": 4,
    "present": 5,
    "dashboard": 6,
    "cli": 6,
}
# Known steps up: none is left, and the list may only shrink.
KNOWN: set[tuple[str, str]] = set()


def _climbs() -> set[tuple[str, str]]:
    found = set()
    for path in SIM.rglob("*.py"):
        rel = path.relative_to(SIM).parts
        if rel == ("__init__.py",):  # the package's face: sim.run and sim.load_scenario
            continue
        src = rel[0].removesuffix(".py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = (
                    [node.module] if node.module != "sim" else [f"sim.{a.name}" for a in node.names]
                )
            else:
                continue
            for name in names:
                parts = name.split(".")
                if parts[0] != "sim" or len(parts) < 2:
                    continue
                assert parts[1] in ORDER and src in ORDER, f"{path}: place {name} in ORDER"
                if ORDER[parts[1]] > ORDER[src]:
                    found.add(("/".join(rel), name))
    return found


def test_no_import_climbs_to_a_higher_wing():
    climbs = _climbs()
    assert climbs <= KNOWN, sorted(climbs - KNOWN)


def test_the_known_steps_up_are_still_there():
    # A step that was removed comes off the list, so the list stays the truth.
    assert KNOWN <= _climbs(), sorted(KNOWN - _climbs())
