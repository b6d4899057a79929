"""Saving a chart draws it once per format (PNG and SVG), whatever its layout, and leaves no
figure open in pyplot."""

from __future__ import annotations

import pytest
from matplotlib.figure import Figure

from sim.present.charts.common import pyplot, save_figure


@pytest.fixture
def draws(monkeypatch):
    count = {"draws": 0}  # painted or not: matplotlib lays a figure out in a draw of its own
    real = Figure.draw

    def counted(self, renderer):
        count["draws"] += 1
        return real(self, renderer)

    monkeypatch.setattr(Figure, "draw", counted)
    return count


def _figure(layout):
    plt = pyplot()
    fig, ax = plt.subplots(
        figsize=(5, 3), layout="constrained" if layout == "constrained" else None
    )
    ax.plot([0, 1, 2], [3, 1, 2])
    ax.set_ylabel("a long label in euros (median of 20 runs)")
    ax.set_title("A chart")
    if layout == "tight":
        fig.tight_layout()
    return fig


@pytest.mark.parametrize("layout", [None, "tight", "constrained"])
def test_each_format_is_drawn_once(layout, draws, tmp_path):
    plt = pyplot()
    fig = _figure(layout)
    paths = save_figure(fig, tmp_path / "chart")
    assert [p.suffix for p in paths] == [".png", ".svg"] and all(p.stat().st_size for p in paths)
    # One draw per format; a constrained layout is worked out once, without a draw of its own.
    assert draws["draws"] == 2, draws
    assert fig.number not in plt.get_fignums()


def test_the_pictures_are_those_of_a_plain_save(tmp_path):
    """What save_figure writes is what matplotlib's own savefig gives for the same figure."""
    import matplotlib.image as im
    import numpy as np

    from sim.present.charts.common import PNG_DPI

    for layout in (None, "tight", "constrained"):
        plain = _figure(layout)
        plain.savefig(tmp_path / "plain.png", dpi=PNG_DPI)
        pyplot().close(plain)
        if layout is None:  # save_figure may widen the margins of a figure laid out by hand
            continue
        save_figure(_figure(layout), tmp_path / "saved")
        assert np.array_equal(im.imread(tmp_path / "plain.png"), im.imread(tmp_path / "saved.png"))
