"""Reading post-level analytics exports: every platform's layout, any column order, Dutch
headers, and a refusal that names what is missing."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from sim.studies.calibrate.exports import ExportError, read_export, write_export

DATA = Path(__file__).parents[1] / "data"


@pytest.mark.parametrize(
    "name, platform, followers, kind, posts, lang",
    [
        ("instagram_export_en", "instagram", 1800, "reach", 60, "en"),
        ("facebook_export_en", "facebook", 3200, "reach", 40, "en"),
        ("linkedin_export_en", "linkedin", 2300, "views", 30, "en"),
        ("tiktok_export_en", "tiktok", 5200, "views", 35, "en"),
    ],
)
def test_each_sample_export_reads(name, platform, followers, kind, posts, lang):
    ex = read_export(DATA / f"{name}.csv", platform)
    assert (ex.followers, ex.reach_kind, len(ex.posts), ex.language) == (
        followers,
        kind,
        posts,
        lang,
    )
    assert ex.posts["posted_at"].is_monotonic_increasing
    assert (ex.posts[["likes", "comments"]] >= 0).all().all()


def _rows(path: Path, delimiter: str = ",") -> list[list[str]]:
    with path.open(encoding="utf-8") as f:
        return list(csv.reader(f, delimiter=delimiter))


def test_instagram_values_land_in_their_fields():
    rows = _rows(DATA / "instagram_export_en.csv")
    head, first = rows[0], rows[1]
    ex = read_export(DATA / "instagram_export_en.csv", "instagram")
    post = ex.posts.iloc[0]
    for field, column in [
        ("reach", "Reach"),
        ("views", "Impressions"),
        ("likes", "Likes"),
        ("comments", "Comments"),
        ("shares", "Shares"),
        ("saves", "Saves"),
        ("follows", "Follows"),
    ]:
        assert post[field] == float(first[head.index(column)])
    # US export: month first.
    assert post["posted_at"] == pd.to_datetime(
        first[head.index("Publish time")], format="%m/%d/%Y %H:%M"
    )
    assert ex.account == first[head.index("Account username")]


def test_column_order_does_not_matter(tmp_path):
    rows = _rows(DATA / "instagram_export_en.csv")
    order = list(reversed(range(len(rows[0]))))
    shuffled = tmp_path / "shuffled.csv"
    with shuffled.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([[r[i] for i in order] for r in rows])
    a = read_export(DATA / "instagram_export_en.csv", "instagram").posts
    b = read_export(shuffled, "instagram").posts
    pd.testing.assert_frame_equal(a, b)


def test_dutch_headers_semicolons_and_day_first_dates():
    rows = _rows(DATA / "instagram_export_nl.csv", ";")
    ex = read_export(DATA / "instagram_export_nl.csv", "instagram", followers=950)
    assert ex.language == "nl"
    post = ex.posts.iloc[0]
    first = rows[1]
    assert post["posted_at"] == pd.to_datetime(first[0], format="%d-%m-%Y %H:%M")
    # On Instagram "Reacties" are comments; "Vind-ik-leuks" are likes.
    assert post["comments"] == float(first[rows[0].index("Reacties")])
    assert post["likes"] == float(first[rows[0].index("Vind-ik-leuks")])


def test_dutch_facebook_reacties_are_reactions_not_comments(tmp_path):
    posts = read_export(DATA / "facebook_export_en.csv", "facebook").posts
    path = write_export(posts, "facebook", tmp_path / "fb_nl.csv", followers=3200, lang="nl")
    text = path.read_text(encoding="utf-8").splitlines()[0]
    assert "Reacties" in text and "Opmerkingen" in text
    back = read_export(path, "facebook")
    assert back.language == "nl"
    assert list(back.posts["likes"]) == list(posts["likes"])
    assert list(back.posts["comments"]) == list(posts["comments"])


def test_written_export_reads_back_the_same_posts(tmp_path):
    posts = read_export(DATA / "instagram_export_en.csv", "instagram").posts
    for lang in ("en", "nl"):
        path = write_export(
            posts,
            "instagram",
            tmp_path / f"ig_{lang}.csv",
            followers=1800,
            lang=lang,
            order=list(reversed(posts.columns)),
        )
        back = read_export(path, "instagram")
        pd.testing.assert_frame_equal(back.posts, posts)
        assert back.followers == 1800


def test_refuses_a_file_that_is_not_an_export():
    with pytest.raises(ExportError) as err:
        read_export(DATA / "not_an_export.csv", "instagram")
    msg = str(err.value)
    for part in (
        "not a post-level instagram export",
        "the time of each post",
        "reach or views",
        "its likes",
        "its comments",
        "Publish time",
        "Bereik",
        "'Order'",
        "Meta Business Suite",
    ):
        assert part in msg


def test_names_only_what_is_missing(tmp_path):
    path = tmp_path / "no_comments.csv"
    path.write_text("Publish time,Reach,Likes\n2024-03-01 19:00,100,3\n", encoding="utf-8")
    with pytest.raises(ExportError, match="its comments") as err:
        read_export(path, "instagram", followers=100)
    assert "reach or views" not in str(err.value)


def test_asks_for_the_follower_count_when_the_export_has_none():
    with pytest.raises(ExportError, match="--followers N"):
        read_export(DATA / "instagram_export_nl.csv", "instagram")


def test_thousands_separators_and_blank_counts(tmp_path):
    path = tmp_path / "sep.csv"
    path.write_text(
        'Publish time;Bereik;Vind-ik-leuks;Reacties;Gedeeld\n2024-03-01 19:00;1.234;"1,020";;-\n',
        encoding="utf-8",
    )
    post = read_export(path, "instagram", followers=2000).posts.iloc[0]
    assert (post["reach"], post["likes"], post["comments"], post["shares"]) == (1234, 1020, 0, 0)


def test_a_count_that_is_not_a_number_is_named(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(
        "Publish time,Reach,Likes,Comments\n2024-03-01 19:00,lots,1,0\n", encoding="utf-8"
    )
    with pytest.raises(ExportError, match=r"row 2: reach = 'lots' is not a number"):
        read_export(path, "instagram", followers=10)


def test_unknown_platform_and_missing_file(tmp_path):
    with pytest.raises(ExportError, match="choose one of instagram, facebook"):
        read_export(DATA / "instagram_export_en.csv", "myspace")
    with pytest.raises(ExportError, match="no such file"):
        read_export(tmp_path / "nope.csv", "instagram")
