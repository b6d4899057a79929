"""Spreadsheet text that is never a formula.

Text cells written to spreadsheets and CSV files pass :func:`neutral`: text that a spreadsheet
program would take for a formula (it begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return) gets a leading apostrophe, as OWASP's advice on CSV injection says; :func:`restore`
undoes it when the project reads its own CSV files back. Numbers are never changed.
:func:`neutral_frame` and :func:`restore_frame` do the same for a whole pandas table, and
:func:`csv_bytes` writes one. :mod:`sim.base.safe_io` re-exports every name here.

A leaf module: it imports nothing of feedsim (pandas only when a table is handled).
"""

from __future__ import annotations

# What a spreadsheet program may read as the start of a formula (OWASP, CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _needs_quote(text: str) -> bool:
    return text.lstrip("'").startswith(FORMULA_STARTS)


def neutral(value):
    """``value`` with a leading apostrophe if it is text a spreadsheet could take for a formula
    (or text that already starts with apostrophes before such a character, so that
    :func:`restore` gives back exactly what was written). Anything but text is returned as is.
    """
    if isinstance(value, str) and _needs_quote(value):
        return "'" + value
    return value


def restore(value):
    """The text :func:`neutral` was given: one leading apostrophe removed where it added one."""
    if isinstance(value, str) and value.startswith("'") and _needs_quote(value[1:]):
        return value[1:]
    return value


def _text_columns(frame) -> list:
    import pandas as pd

    return [
        c
        for c in frame.columns
        if pd.api.types.is_object_dtype(frame[c]) or pd.api.types.is_string_dtype(frame[c])
    ]


def neutral_frame(frame):
    """A copy of a pandas DataFrame whose text cells (and column names) pass :func:`neutral`;
    numeric columns are left untouched, so a negative number stays a number."""
    import pandas as pd

    cols = _text_columns(frame)
    renamed = {c: neutral(c) for c in frame.columns if isinstance(c, str) and neutral(c) != c}
    text_index = pd.api.types.is_object_dtype(frame.index) or pd.api.types.is_string_dtype(
        frame.index
    )
    if not cols and not renamed and not text_index:
        return frame
    out = frame.copy()
    for c in cols:
        out[c] = out[c].map(neutral)
    if text_index:  # labels written as the table's first column (an arm's name)
        out.index = out.index.map(neutral)
    return out.rename(columns=renamed) if renamed else out


def restore_frame(frame):
    """Undo :func:`neutral_frame` on a table read back (text cells and column names)."""
    cols = _text_columns(frame)
    renamed = {c: restore(c) for c in frame.columns if isinstance(c, str) and restore(c) != c}
    for c in cols:
        if frame[c].map(lambda v: isinstance(v, str) and v.startswith("'")).any():
            frame[c] = frame[c].map(restore)
    return frame.rename(columns=renamed) if renamed else frame


def csv_bytes(frame, **options) -> bytes:
    """A DataFrame as CSV bytes (``to_csv`` with ``options``), its text neutralised."""
    return neutral_frame(frame).to_csv(**options).encode()
