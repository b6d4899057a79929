"""The command line's own error: a problem the user can fix (a leaf, so every command module can
raise it without importing the others)."""

from __future__ import annotations


class UserError(Exception):
    """A problem the user can fix; printed as one message, exit code 2.

    Made of a sentence said later (:class:`sim.base.i18n.Said`), its ``str()`` is the English
    and :attr:`said` says it in the command's language (``--lang``); made of plain text, ``said``
    is None and the text is all there is.
    """

    def __init__(self, message: object = "") -> None:
        super().__init__(str(message))
        self.said = message if callable(getattr(message, "text", None)) else None
