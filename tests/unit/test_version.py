"""The version lives in a leaf, and no module reaches back to the package's top for it."""

import ast
from pathlib import Path

import sim
from sim.base.version import __version__

SIM = Path(sim.__file__).parent


def test_version_is_the_installed_one():
    from importlib.metadata import version

    assert sim.__version__ == __version__ == version("feedsim")


def test_no_module_imports_the_package_top():
    climbs = []
    for path in SIM.rglob("*.py"):
        if path.name == "__init__.py" and path.parent == SIM:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import) and any(a.name == "sim" for a in node.names):
                climbs.append(f"{path.relative_to(SIM)}:{node.lineno} import sim")
            if isinstance(node, ast.ImportFrom) and node.module == "sim" and node.level == 0:
                # ``from sim.engine import results`` names a submodule; anything else is the top's.
                for a in node.names:
                    if not ((SIM / a.name).is_dir() or (SIM / f"{a.name}.py").is_file()):
                        climbs.append(
                            f"{path.relative_to(SIM)}:{node.lineno} from sim import {a.name}"
                        )
    assert not climbs, climbs
