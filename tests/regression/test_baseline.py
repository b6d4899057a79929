"""A fixed scenario and seed reproduce the committed baseline summary.

Counts must match exactly; averages to a relative 1e-9 (floating-point summation order only).
A failure means simulated results changed: if that was intended, run
`python tests/regression/update_baseline.py` and commit the new baseline with the reason.
"""

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from baseline_case import BASELINE, summary  # noqa: E402


def test_summary_matches_baseline():
    expected = json.loads(BASELINE.read_text())
    got = summary()
    assert set(got) == set(expected)
    for key, value in expected.items():
        if isinstance(value, int):
            assert got[key] == value, key
        else:
            assert got[key] == pytest.approx(value, rel=1e-9), key
