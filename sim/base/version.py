"""The package's version, in the one place it is written (``pyproject.toml`` reads it from here),
a leaf so a module that records it needs no import of the package's top."""

__version__ = "0.1.0"
