"""Property-based fuzzing of the export reader: generated damaged exports are either read into
posts a fit can trust (finite, non-negative counts, reach never below likes, the fitted measure
on every post) or refused with an ExportError, never another exception.

Each example starts from a sample export (tests/data) and damages it: cells replaced by tricky
values, a column duplicated or dropped, the file cut short, re-encoded, wrapped in a ZIP, or
replaced by random bytes. Hypothesis' seed is derandomized: the same examples every run.
"""

from __future__ import annotations

import csv
import io
import math
import zipfile
from pathlib import Path

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, event, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from sim.studies.calibrate.exports import ExportError, read_export  # noqa: E402

DATA = Path(__file__).parents[1] / "data"
FUZZ = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
SAMPLES = [
    ("instagram_export_en.csv", "instagram"),
    ("facebook_export_en.csv", "facebook"),
    ("linkedin_export_en.csv", "linkedin"),
    ("tiktok_export_en.csv", "tiktok"),
]
TRICKY = [
    "nan",
    "NaN",
    "inf",
    "-inf",
    "1e308",
    "-1",
    "",
    "NA",
    "--",
    "1.2K",
    "3M",
    "12,400",
    "1.234,5",
    "0x10",
    "=1+1",
    "Lifetime",
    "\x00",
    "\ufeff",
    "9" * 40,
    "1e-300",
    " 7 ",
    "September 25",
    "45352.5",
    "31/31/2024 99:99",
    "2024-02-30 10:00",
    "é",
    "\u202f1",
]


def _rows(name: str) -> list[list[str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def _text(rows: list[list[str]], delimiter: str) -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\n").writerows(rows)
    return out.getvalue()


@st.composite
def damaged(draw):
    name, platform = draw(st.sampled_from(SAMPLES))
    if draw(st.integers(0, 9)) == 0:
        return draw(st.binary(max_size=2000)), platform, ".csv"
    rows = [list(r) for r in _rows(name)]
    start = 1 if name.startswith("linkedin") else 0
    for _ in range(draw(st.integers(1, 6))):
        r = draw(st.integers(start, len(rows) - 1))
        c = draw(st.integers(0, len(rows[r]) - 1))
        rows[r][c] = draw(st.sampled_from(TRICKY) | st.text(max_size=12))
    action = draw(st.sampled_from(["none", "dup", "drop", "cut", "short"]))
    if action == "dup":
        c = draw(st.integers(0, len(rows[start]) - 1))
        rows = [r[: c + 1] + r[c:] for r in rows]
    elif action == "drop":
        c = draw(st.integers(0, len(rows[start]) - 1))
        rows = [r[:c] + r[c + 1 :] for r in rows]
    elif action == "short":
        rows = rows[: draw(st.integers(0, 4))]
    text = _text(rows, draw(st.sampled_from([",", ";", "\t"])))
    if action == "cut":
        text = text[: draw(st.integers(0, len(text)))]
    if draw(st.booleans()):
        text = "sep=,\n" + text
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-be", "cp1252"]))
    raw = text.encode(encoding, errors="replace")
    if draw(st.integers(0, 5)) == 0:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as zf:
            zf.writestr("Content.csv", raw)
        return buf.getvalue(), platform, ".zip"
    return raw, platform, ".csv"


@FUZZ
@given(damaged())
def test_damaged_exports_are_read_soundly_or_refused(tmp_path, case):
    raw, platform, suffix = case
    path = tmp_path / f"export{suffix}"
    path.write_bytes(raw)
    try:
        ex = read_export(path, platform, followers=500)
    except ExportError as exc:
        assert str(exc)
        event("refused")
        return
    event("read")
    posts = ex.posts
    assert len(posts) > 0 and posts["posted_at"].notna().all()
    assert posts[ex.reach_kind].notna().all()
    for col in ("reach", "views", "likes", "comments", "shares", "saves", "follows"):
        vals = posts[col].dropna()
        assert all(math.isfinite(v) and 0 <= v <= 1e10 for v in vals), col
    if ex.reach_kind == "reach":
        assert (posts["reach"] >= posts["likes"]).all()
    assert ex.followers >= 1
