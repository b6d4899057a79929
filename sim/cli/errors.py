"""The command line's own error: a problem the user can fix (a leaf, so every command module can
raise it without importing the others)."""

from __future__ import annotations


class UserError(Exception):
    """A problem the user can fix; printed as one message, exit code 2."""
