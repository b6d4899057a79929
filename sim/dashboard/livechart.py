"""A chart the browser draws (ECharts, served from Solara's own assets: no network needed).

The page hands it a :class:`sim.present.charts.whatif_live.Panel`; the browser formats every
value in the reader's language (``Intl.NumberFormat`` with the locale of
:func:`sim.base.l10n.locale`), shows the values of every line under the pointer, and hides a
what-if when its legend entry is clicked. Names a strategist typed are escaped before they reach
the hover box.
"""

from __future__ import annotations

import ipyvuetify
import solara
import traitlets

from sim.base.l10n import locale

ECHARTS = "5.4.0"  # the version solara-assets ships (share/solara/cdn/echarts@5.4.0)


class LiveChart(ipyvuetify.VuetifyTemplate):
    """The widget: an ECharts option, the unit of its values and the names its hover box shows."""

    template_file = (__file__, "livechart.vue")

    option = traitlets.Dict({}).tag(sync=True)
    unit = traitlets.Unicode("count").tag(sync=True)
    tips = traitlets.List([]).tag(sync=True)
    locale = traitlets.Unicode("en-GB").tag(sync=True)
    height = traitlets.Int(320).tag(sync=True)
    version = traitlets.Unicode(ECHARTS).tag(sync=True)


@solara.component
def Chart(panel, lang: str, height: int = 320):
    """One panel of the page as a live chart, in ``lang``'s formats."""
    return LiveChart.element(
        option=panel.option,
        unit=panel.unit,
        tips=list(panel.tips),
        locale=locale(lang).replace("_", "-"),
        height=height,
    )
