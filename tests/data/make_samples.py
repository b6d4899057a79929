"""Write the sample analytics exports in this folder: the platforms' documented layouts (column
names and order as listed in docs/sources.md, "Analytics exports"), with invented numbers.

Run from the repository root: ``python tests/data/make_samples.py``. The numbers are drawn from a
fixed seed, so the files are reproducible; they describe no real account.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).parent


def invented_posts(n: int, followers: int, seed: int, start: str = "2024-03-01") -> pd.DataFrame:
    """Plausible posts: a few a week in the evening, reach mostly from followers, a few posts
    that travel further, reactions a few per cent of reach."""
    rng = np.random.default_rng(seed)
    gaps = rng.choice([1, 1, 2, 2, 3], size=n)
    day = np.cumsum(gaps) - gaps[0]
    hour = rng.choice([12, 18, 19, 19, 20, 21], size=n)
    minute = rng.integers(0, 60, size=n)
    posted = [
        pd.Timestamp(start) + pd.Timedelta(days=int(d), hours=int(h), minutes=int(m))
        for d, h, m in zip(day, hour, minute, strict=True)
    ]
    boost = np.where(rng.random(n) < 0.15, rng.uniform(2, 6, n), 1.0)
    reach = np.round(followers * rng.uniform(0.25, 0.5, n) * boost).astype(int)
    likes = rng.binomial(reach, 0.02)
    return pd.DataFrame(
        {
            "posted_at": posted,
            "reach": reach,
            "views": np.round(reach * rng.uniform(1.1, 1.5, n)).astype(int),
            "likes": likes,
            "comments": rng.binomial(reach, 0.002),
            "shares": rng.binomial(reach, 0.0015),
            "saves": rng.binomial(reach, 0.004),
            "follows": rng.binomial(reach, 0.002),
            "type": rng.choice(["IG image", "IG carousel", "IG reel"], size=n),
        }
    )


def write(
    path: Path, header: list[str], rows: list[list], delimiter: str = ",", title: str | None = None
) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        if title:
            f.write(title + "\n")
        w = csv.writer(f, delimiter=delimiter)
        w.writerow(header)
        w.writerows(rows)


def main() -> None:
    # Instagram, Meta Business Suite, English (US dates), with the follower count added as a
    # last column (Meta's post export has none).
    p = invented_posts(60, 1800, seed=1)
    header = [
        "Post ID",
        "Account ID",
        "Account username",
        "Account name",
        "Description",
        "Duration (sec)",
        "Publish time",
        "Permalink",
        "Post type",
        "Data comment",
        "Date",
        "Impressions",
        "Reach",
        "Likes",
        "Shares",
        "Follows",
        "Comments",
        "Saves",
        "Plays",
        "Followers",
    ]
    rows = [
        [
            18000000000 + i,
            17841400000,
            "de_kaaswinkel",
            "De Kaaswinkel",
            f"Post {i + 1}",
            0,
            r.posted_at.strftime("%m/%d/%Y %H:%M"),
            f"https://example.com/p/{i + 1}",
            r.type,
            "",
            "Lifetime",
            r.views,
            r.reach,
            r.likes,
            r.shares,
            r.follows,
            r.comments,
            r.saves,
            0,
            1800,
        ]
        for i, r in enumerate(p.itertuples())
    ]
    write(HERE / "instagram_export_en.csv", header, rows)

    # The same layout in Dutch, semicolons, day-first dates, columns in another order and no
    # follower count (give it with --followers).
    p = invented_posts(45, 950, seed=2)
    header = [
        "Publicatietijd",
        "Berichttype",
        "Gebruikersnaam account",
        "Bereik",
        "Weergaven",
        "Vind-ik-leuks",
        "Reacties",
        "Gedeeld",
        "Opgeslagen",
        "Volgacties",
        "Permalink",
    ]
    rows = [
        [
            r.posted_at.strftime("%d-%m-%Y %H:%M"),
            r.type,
            "bakkerij_jansen",
            r.reach,
            r.views,
            r.likes,
            r.comments,
            r.shares,
            r.saves,
            r.follows,
            f"https://example.com/p/{i + 1}",
        ]
        for i, r in enumerate(p.itertuples())
    ]
    write(HERE / "instagram_export_nl.csv", header, rows, delimiter=";")

    # Facebook, Meta Business Suite, English.
    p = invented_posts(40, 3200, seed=3)
    header = [
        "Post ID",
        "Page ID",
        "Page name",
        "Title",
        "Description",
        "Duration (sec)",
        "Publish time",
        "Caption type",
        "Permalink",
        "Is crosspost",
        "Is share",
        "Post type",
        "Languages",
        "Custom labels",
        "Funded content status",
        "Data comment",
        "Date",
        "Impressions",
        "Reach",
        "Reactions, comments and shares",
        "Reactions",
        "Comments",
        "Shares",
        "Total clicks",
        "Followers",
    ]
    rows = [
        [
            1000 + i,
            555,
            "Fietsenmaker Visser",
            "",
            f"Post {i + 1}",
            "",
            r.posted_at.strftime("%m/%d/%Y %H:%M"),
            "",
            f"https://example.com/f/{i + 1}",
            "No",
            "No",
            "Photos",
            "",
            "",
            "",
            "",
            "Lifetime",
            r.views,
            r.reach,
            r.likes + r.comments + r.shares,
            r.likes,
            r.comments,
            r.shares,
            int(r.reach * 0.02),
            3200,
        ]
        for i, r in enumerate(p.itertuples())
    ]
    write(HERE / "facebook_export_en.csv", header, rows)

    # LinkedIn page analytics, Updates: a title line above the header, impressions (no reach).
    p = invented_posts(30, 2300, seed=4)
    header = [
        "Post title",
        "Post link",
        "Post type",
        "Campaign name",
        "Posted by",
        "Created date",
        "Campaign start date",
        "Campaign end date",
        "Audience",
        "Impressions",
        "Views (excluding off-site video views)",
        "Off-site views",
        "Clicks",
        "Click through rate (CTR)",
        "Likes",
        "Comments",
        "Reposts",
        "Follows",
        "Engagement rate",
        "Content Type",
        "Followers",
    ]
    rows = [
        [
            f"Update {i + 1}",
            f"https://example.com/l/{i + 1}",
            "Organic",
            "",
            "Page admin",
            r.posted_at.strftime("%m/%d/%Y"),
            "",
            "",
            "All followers",
            r.views,
            "",
            "",
            int(r.views * 0.01),
            "",
            r.likes,
            r.comments,
            r.shares,
            r.follows,
            "",
            "Image",
            2300,
        ]
        for i, r in enumerate(p.itertuples())
    ]
    write(
        HERE / "linkedin_export_en.csv",
        header,
        rows,
        title="All posts (invented sample; dates are creation dates)",
    )

    # TikTok analytics, Content: views, no reach.
    p = invented_posts(35, 5200, seed=5)
    header = [
        "Video title",
        "Video link",
        "Post time",
        "Total views",
        "Total likes",
        "Total comments",
        "Total shares",
        "Add to Favorites",
        "Followers",
    ]
    rows = [
        [
            f"Video {i + 1}",
            f"https://example.com/t/{i + 1}",
            r.posted_at.strftime("%Y-%m-%d %H:%M:%S"),
            r.views * 3,
            r.likes * 3,
            r.comments,
            r.shares * 2,
            r.saves,
            5200,
        ]
        for i, r in enumerate(p.itertuples())
    ]
    write(HERE / "tiktok_export_en.csv", header, rows)

    # Not an export: a shop's order list (calibrate must refuse it and say why).
    write(
        HERE / "not_an_export.csv",
        ["Order", "Date", "Customer", "Amount"],
        [[i, f"2024-03-{i + 1:02d}", f"klant {i}", 25 + i] for i in range(10)],
    )


if __name__ == "__main__":
    main()
