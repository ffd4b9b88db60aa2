"""One way to make the app's charts: a still pyqtgraph plot (no mouse pan/zoom, no context menu),
so the charts read as figures and keyboard focus never gets stuck in them."""

from __future__ import annotations

import pyqtgraph as pg


def still_plot(
    bottom_label: str = "", left_axis_width: int | None = None, axis_items: dict | None = None
) -> pg.PlotWidget:
    plot = pg.PlotWidget(background=None, axisItems=axis_items)
    plot.setMenuEnabled(False)
    plot.setMouseEnabled(x=False, y=False)
    plot.hideButtons()
    if bottom_label:
        plot.setLabel("bottom", bottom_label)
    if left_axis_width:
        plot.getAxis("left").setWidth(left_axis_width)
    return plot
