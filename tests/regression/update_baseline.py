"""Rewrite the regression baseline on purpose: `python tests/regression/update_baseline.py`.

Run it only when a change is meant to alter simulated results, and say why in the commit.
"""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from baseline_case import BASELINE, summary  # noqa: E402

if __name__ == "__main__":
    BASELINE.write_text(json.dumps(summary(), indent=2, sort_keys=True) + "\n")
    print(f"wrote {BASELINE}")
