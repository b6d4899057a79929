"""The dashboard's levers show their value and unit in their label, in the page's language."""

from __future__ import annotations

import pytest

pytest.importorskip("solara")

from sim.dashboard.levers import shown  # noqa: E402


@pytest.mark.parametrize(
    ("args", "text"),
    [
        (("How many", 5_000, "en"), "How many: 5,000"),
        (("Hoeveel", 5_000, "nl"), "Hoeveel: 5.000"),
        (("Posts per week", 7.0, "en"), "Posts per week: 7"),
        (("Posts per week", 3.5, "nl"), "Posts per week: 3,5"),
        (("Hour", 9, "en", ":00"), "Hour: 09:00"),
        (("Reply to comments", 0.4, "en", "%"), "Reply to comments: 40%"),
        (("vraag", 0.2, "nl", "%"), "vraag: 20%"),
    ],
)
def test_a_lever_label_carries_its_value_and_unit(args, text):
    assert shown(*args) == text
