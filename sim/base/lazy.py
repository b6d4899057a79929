"""Package faces that load their submodules on first use (PEP 562), so that importing a package
(for a file-name constant, or ``feedsim --version``) never pulls in the engine, numba or
matplotlib behind it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any


def lazy_exports(package: str, homes: dict[str, str], namespace: dict) -> Callable[[str], Any]:
    """A module-level ``__getattr__`` for ``package``.

    Args:
        package: the package's ``__name__``.
        homes: exported name -> the submodule (relative to ``package``) that defines it.
        namespace: the package's ``globals()``; a name, once loaded, is cached there, so later
            lookups skip ``__getattr__``.
    """

    def __getattr__(name: str) -> Any:
        try:
            module = homes[name]
        except KeyError:
            raise AttributeError(f"module {package!r} has no attribute {name!r}") from None
        value = getattr(importlib.import_module(f"{package}.{module}"), name)
        namespace[name] = value
        return value

    return __getattr__
