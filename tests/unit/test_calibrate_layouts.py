"""The exports as the platforms hand them over: one small run with known values (20,000 users,
42 days, seed 5) written in each download's layout (tests/data/layouts.py), read back to the
same per-post numbers and dates, and the follower count at the start recovered from the
follower history the downloads hold."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from sim.studies.calibrate.design import followers_at
from sim.studies.calibrate.exports import ExportError, read_export

sys.path.insert(0, str(Path(__file__).parents[1] / "data"))
import layouts  # noqa: E402

FOLLOWERS = 1000
COUNTS = ["reach", "views", "likes", "comments", "shares", "follows"]


@pytest.fixture(scope="module")
def run_tables():
    """The posts and daily follower history of one run with known values."""
    from sim.engine.runner import run
    from sim.studies.calibrate import synthetic
    from sim.studies.calibrate.design import post_hours, simulated_posts

    base = synthetic.make_base(followers=FOLLOWERS, days=42, users=20_000)
    result = run(base, seed=5)
    posts = simulated_posts(result, synthetic.START, post_hours(base))
    # Minutes as a real export has them; the counts are whole numbers already.
    posts["posted_at"] = posts["posted_at"] + pd.to_timedelta(
        np.arange(len(posts)) % 60, unit="min"
    )
    d = result.days
    total = d["followers"].to_numpy()
    net = np.diff(np.concatenate([[FOLLOWERS], total]))
    gained = d["new_follows"].to_numpy()
    days = pd.DataFrame(
        {
            "date": synthetic.START + pd.to_timedelta(d["day"], unit="D"),
            "total": total,
            "gained": gained,
            "net": net,
            "lost": np.maximum(gained - net, 0),
        }
    )
    return posts, days


def _same_posts(read: pd.DataFrame, posts: pd.DataFrame, fields=COUNTS, minutes=True):
    assert len(read) == len(posts)
    for f in fields:
        assert read[f].tolist() == posts[f].tolist(), f
    want = posts["posted_at"] if minutes else posts["posted_at"].dt.normalize()
    assert read["posted_at"].tolist() == want.tolist()


@pytest.mark.parametrize("schema, measure", [("views", "Views"), ("impressions", "Impressions")])
def test_instagram_english_both_schemas(run_tables, tmp_path, schema, measure):
    posts, _ = run_tables
    path = layouts.instagram_en(posts, tmp_path / "instagram.csv", schema=schema)
    ex = read_export(path, "instagram", followers=FOLLOWERS)
    _same_posts(ex.posts, posts)
    assert (ex.reach_kind, ex.columns["views"], ex.columns["reach"]) == ("reach", measure, "Reach")
    assert ex.language == "en" and ex.account == layouts.ACCOUNT
    assert "fitted on reach, from the column Reach" in ex.notes[0]


@pytest.mark.parametrize("schema, measure", [("views", "Weergaven"), ("impressions", "Impressies")])
def test_instagram_dutch_download(run_tables, tmp_path, schema, measure):
    posts, _ = run_tables
    path = layouts.instagram_nl(posts, tmp_path / "instagram_nl.csv", schema=schema)
    ex = read_export(path, "instagram", followers=FOLLOWERS)
    _same_posts(ex.posts, posts)
    assert (ex.language, ex.columns["views"], ex.columns["posted_at"], ex.columns["follows"]) == (
        "nl",
        measure,
        "Publicatietijdstip",
        "Volgt",
    )


def test_a_year_in_both_schemas_fits_on_reach_and_says_so(run_tables, tmp_path):
    posts, _ = run_tables
    folder = tmp_path / "history"
    folder.mkdir()
    layouts.instagram_en(posts.iloc[:20], folder / "before.csv", schema="impressions")
    layouts.instagram_en(posts.iloc[20:], folder / "after.csv", schema="views")
    ex = read_export(folder, "instagram", followers=FOLLOWERS)
    _same_posts(ex.posts, posts)
    assert ex.reach_kind == "reach"
    assert set(ex.columns["views"].split(" / ")) == {"Impressions", "Views"}
    assert any("Impressions, Views" in n and "the fit uses reach" in n for n in ex.notes)


def test_facebook_posts_with_bom_thousands_and_a_quoted_header(run_tables, tmp_path):
    posts, _ = run_tables
    path = layouts.facebook_posts(posts, tmp_path / "facebook.csv")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    ex = read_export(path, "facebook", followers=FOLLOWERS)
    _same_posts(ex.posts, posts, fields=COUNTS[:-1])  # Facebook's post file has no follows
    assert ex.columns["likes"] == "Reactions" and ex.account == "Bakkerij Jansen"


def test_facebook_daily_utf16_file_gives_the_followers_at_the_start(run_tables, tmp_path):
    posts, days = run_tables
    folder = tmp_path / "facebook"
    folder.mkdir()
    layouts.facebook_posts(posts, folder / "posts.csv")
    daily = layouts.facebook_daily(days, "gained", "Lifetime: Page follows", folder / "follows.csv")
    assert daily.read_bytes()[:2] == b"\xff\xfe"
    layouts.facebook_daily(days, "lost", "Lifetime: Page unfollows", folder / "unfollows.csv")
    today = int(days["total"].iloc[-1])
    ex = read_export(folder, "facebook", followers=today)
    _same_posts(ex.posts, posts, fields=COUNTS[:-1])
    # Today's count less the follows gained and lost since the first post: the start count.
    assert ex.followers == FOLLOWERS and ex.followers_today == today
    assert ex.history["gained"].tolist() == days["gained"].tolist()
    # Follows and unfollows give the count on any day, for the check of growth.
    last = days["date"].iloc[-1]
    assert followers_at(ex, last) == today
    assert followers_at(ex, days["date"].iloc[9]) == days["total"].iloc[9]


@pytest.mark.parametrize("dates", ["text", "serial", "cells"])
def test_linkedin_xlsx_with_its_note_row(run_tables, tmp_path, dates):
    posts, _ = run_tables
    path = layouts.linkedin_xlsx(posts, tmp_path / "linkedin.xlsx", dates=dates)
    ex = read_export(path, "linkedin", followers=FOLLOWERS)
    # LinkedIn gives a creation date, no time, and impressions, no reach.
    _same_posts(
        ex.posts, posts, fields=["views", "likes", "comments", "shares", "follows"], minutes=False
    )
    assert ex.reach_kind == "views" and ex.columns["views"] == "Impressions"
    assert ex.posts["reach"].isna().all()


def test_linkedin_legacy_xls(run_tables, tmp_path):
    pytest.importorskip("xlwt")
    posts, _ = run_tables
    path = layouts.linkedin_xls(posts, tmp_path / "linkedin.xls")
    assert path.read_bytes()[:4] == b"\xd0\xcf\x11\xe0"
    ex = read_export(path, "linkedin", followers=FOLLOWERS)
    _same_posts(
        ex.posts, posts, fields=["views", "likes", "comments", "shares", "follows"], minutes=False
    )


def test_linkedin_followers_export_gives_the_start(run_tables, tmp_path):
    posts, days = run_tables
    folder = tmp_path / "linkedin"
    folder.mkdir()
    layouts.linkedin_xlsx(posts, folder / "content.xlsx")
    layouts.linkedin_followers_xlsx(days, folder / "followers.xlsx")
    today = int(days["total"].iloc[-1])
    ex = read_export(folder, "linkedin", followers=today)
    # Only gains are in this export: today's count less the gains since the first post.
    assert ex.followers == today - int(days["gained"].sum())
    assert "the export gives no losses" in " ".join(ex.notes)
    # Gains without losses would overstate growth: no count is derived from them.
    assert followers_at(ex, days["date"].iloc[-1]) is None


@pytest.mark.parametrize("lang, start", [("en", "2024-01-01"), ("nl", "2024-12-10")])
def test_tiktok_zip_with_yearless_dates(run_tables, tmp_path, lang, start):
    posts, days = run_tables
    shift = pd.Timestamp(start) - days["date"].iloc[0]
    posts = posts.assign(posted_at=posts["posted_at"] + shift)
    days = days.assign(date=days["date"] + shift)
    path = layouts.tiktok_zip(posts, days, tmp_path, lang=lang)
    ex = read_export(path, "tiktok")
    # Content.csv gives the day of each video, without a year: the ZIP's name supplies it
    # (across New Year for the Dutch one).
    _same_posts(ex.posts, posts, fields=["views", "likes", "comments", "shares"], minutes=False)
    assert ex.reach_kind == "views" and ex.columns["views"] == "Total views"
    # FollowerHistory.csv: the count at the start of the first day, not today's.
    assert ex.followers == FOLLOWERS
    assert ex.followers_today == int(days["total"].iloc[-1])
    assert followers_at(ex, days["date"].iloc[20]) == days["total"].iloc[20]


def test_tiktok_yearless_dates_need_the_zip_name(run_tables, tmp_path):
    posts, days = run_tables
    path = layouts.tiktok_zip(posts, days, tmp_path)
    renamed = path.rename(tmp_path / "download.zip")
    with pytest.raises(ExportError, match="has no year"):
        read_export(renamed, "tiktok")


def test_an_unknown_layout_is_refused_with_what_was_found_and_looked_for(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.title = "Orders"
    wb.active.append(["Order", "Date", "Customer", "Amount"])
    wb.active.append([1, "2024-03-01", "klant", 25])
    wb.save(tmp_path / "orders.xlsx")
    with pytest.raises(ExportError) as err:
        read_export(tmp_path / "orders.xlsx", "linkedin", followers=100)
    msg = str(err.value)
    for part in (
        "not a post-level linkedin export",
        "'Order'",
        "'Customer'",
        "its reach or views",
        "Unique impressions",
        "Impressions",
        "Weergaven",
        "its likes",
        "LinkedIn page analytics",
    ):
        assert part in msg, part
