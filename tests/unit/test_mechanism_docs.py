"""docs/mechanisms.md lists every parameter of the four mechanisms with the code's default."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sim.platform.vendor_risk import VendorRiskParams
from sim.tactics.community import CommunityParams
from sim.traits.close_ties import CloseTiesParams
from sim.traits.participation import ParticipationParams
from sim.traits.relationships import RelationshipsParams
from sim.traits.unique_value import UniqueValueParams

DOC = Path(__file__).resolve().parents[2] / "docs" / "mechanisms.md"
TABLES = {
    "[strategies.community]": CommunityParams,
    "[vendor_risk]": VendorRiskParams,
    "[participation]": ParticipationParams,
    "[unique_value]": UniqueValueParams,
    "[relationships]": RelationshipsParams,
    "[close_ties]": CloseTiesParams,
}


def _rows(section: str) -> dict[str, str]:
    text = DOC.read_text(encoding="utf-8")
    start = text.index(f"`{section}`")
    end = text.find("\n## ", start)
    body = text[start : end if end > 0 else None]
    return dict(re.findall(r"^\| `(\w+)` \| ([^|]+?) \|", body, flags=re.M))


def _shown(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


@pytest.mark.parametrize("section", TABLES)
def test_every_parameter_is_listed_with_its_default(section):
    params = TABLES[section]
    rows = _rows(section)
    assert set(rows) == set(params.model_fields), section
    for key, field in params.model_fields.items():
        assert rows[key] == _shown(field.default), (section, key)
