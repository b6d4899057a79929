"""How narrow a table's columns may be before a word is cut inside a cell: measured once, for the
report's PDF and deck (:mod:`sim.present.report`) and the dashboard's tables alike.
"""

from __future__ import annotations


def longest_words(rows: list[list[str]], header: float) -> list[float]:
    """Per column of a table, the length in characters of its longest word, the header row's
    words counted ``header`` times (bold type is wider): how narrow a column may be before a
    word is cut inside it."""
    return [
        max(
            (
                len(w) * (header if i == 0 else 1.0)
                for i, r in enumerate(rows)
                for w in str(r[c]).split()
            ),
            default=0.0,
        )
        for c in range(len(rows[0]))
    ]
