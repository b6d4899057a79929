"""Every compiled (numba) function in ``sim/`` takes at most eight parameters: longer inputs are
passed as named tuples (as :mod:`sim.base.kernel_types` does for the kernel), so a call site
names what it hands over instead of lining up a long positional list."""

import ast
from pathlib import Path

import sim

SIM = Path(sim.__file__).parent
MOST = 8
COMPILERS = {"njit", "jit", "vectorize", "guvectorize", "cfunc", "generated_jit"}


def _compiled(node: ast.FunctionDef) -> bool:
    for deco in node.decorator_list:
        target = deco.func if isinstance(deco, ast.Call) else deco
        name = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")
        if name in COMPILERS:
            return True
    return False


def _parameters(node: ast.FunctionDef) -> int:
    a = node.args
    return (
        len(a.posonlyargs)
        + len(a.args)
        + len(a.kwonlyargs)
        + (a.vararg is not None)
        + (a.kwarg is not None)
    )


def _long_lists() -> list[str]:
    found = []
    for path in sorted(SIM.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef) and _compiled(node):
                n = _parameters(node)
                if n > MOST:
                    found.append(f"{path.relative_to(SIM)}:{node.lineno} {node.name} ({n})")
    return found


def test_no_compiled_function_takes_more_than_eight_parameters():
    assert _long_lists() == []


def test_the_check_sees_compiled_functions_and_their_parameters():
    # The check would pass vacuously if it found no compiled function: the kernel's entry point
    # is one, and its eight parameters are counted.
    tree = ast.parse((SIM / "engine" / "kernel.py").read_text(encoding="utf-8"))
    entry = next(
        n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and n.name == "distribute_post"
    )
    assert _compiled(entry) and _parameters(entry) == 8
    long = ast.parse("@njit(cache=True)\ndef f(a, b, c, d, e, f, g, h, i):\n    pass\n").body[0]
    assert isinstance(long, ast.FunctionDef) and _compiled(long) and _parameters(long) == 9
