"""One way to make the app's charts: a still pyqtgraph plot (no mouse pan/zoom, no context menu),
so the charts read as figures and keyboard focus never gets stuck in them."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt


def still_plot(
    bottom_label: str = "", left_axis_width: int | None = None, axis_items: dict | None = None
) -> pg.PlotWidget:
    # Axes, labels and titles in the palette's text colour (pyqtgraph's default grey is about 2.4:1
    # on a light window: too faint to read), light or dark theme alike.
    from PySide6.QtGui import QGuiApplication, QPalette

    pg.setConfigOption("foreground", QGuiApplication.palette().color(QPalette.ColorRole.WindowText))
    plot = pg.PlotWidget(background=None, axisItems=axis_items)
    plot.setMenuEnabled(False)
    plot.setMouseEnabled(x=False, y=False)
    plot.hideButtons()
    plot.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a figure: nothing to do in it with the keyboard
    if bottom_label:
        plot.setLabel("bottom", bottom_label)
    if left_axis_width:
        plot.getAxis("left").setWidth(left_axis_width)
    return plot


def label_bars(axis: pg.AxisItem, ticks: list[tuple[float, str]], widest: int = 150) -> None:
    """Put ``ticks`` on a bar chart's label axis so that every label shows: the axis is as wide as
    its longest label (pyqtgraph drops a label wider than its axis), up to ``widest`` pixels;
    a longer label is cut with "…" (its full text is in the chart's tooltip)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QFontMetrics

    metrics = QFontMetrics(axis.style["tickFont"] or axis.font())
    room = widest - 14
    shown = [(v, metrics.elidedText(t, Qt.TextElideMode.ElideRight, room)) for v, t in ticks]
    axis.setTicks([shown])
    width = max([metrics.horizontalAdvance(t) for _, t in shown] + [30]) + 14
    axis.setWidth(min(width, widest))


def room_for_bars(plot: pg.PlotWidget, bars: int, least: int = 140) -> None:
    """A bar chart never shorter than its labels need (one line each): in a short window the
    chart scrolls with its panel instead of drawing its labels over each other."""
    from PySide6.QtGui import QFontMetrics

    line = QFontMetrics(plot.font()).height() + 2
    plot.setMinimumHeight(max(least, bars * line + 60))


def keep_wrapped_text_whole(widget) -> None:
    """Let ``widget``'s minimum height follow its width: its layout holds wrapped text, and Qt's
    splitters and scroll areas do not ask a wrapped label how tall it gets. A short window then
    scrolls the column instead of drawing the text over the chart above it."""
    from PySide6.QtCore import QEvent, QObject

    class _Follow(QObject):
        def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
            if event.type() == QEvent.Type.Resize:
                needed = _least_height(watched.layout(), watched.width())
                if needed > 0 and needed != watched.minimumHeight():
                    watched.setMinimumHeight(needed)
            return False

    widget.installEventFilter(_Follow(widget))


def _least_height(layout, width: int) -> int:
    """The least height a layout needs at ``width``: wrapped text at its full height, everything
    else at its minimum (a chart may shrink, a paragraph may not). A grid counts its rows."""
    from PySide6.QtWidgets import QGridLayout

    margins = layout.contentsMargins()
    inner = width - margins.left() - margins.right()
    grid = isinstance(layout, QGridLayout)
    columns = layout.columnCount() if grid else 1
    rows: dict[int, int] = {}
    for i in range(layout.count()):
        widget = layout.itemAt(i).widget()
        if widget is None or widget.isHidden():
            continue
        row = layout.getItemPosition(i)[0] if grid else i
        if widget.hasHeightForWidth():
            # In a grid a cell has about its share of the width (enough for a lower bound).
            height = widget.heightForWidth(max(widget.width(), inner // columns))
        else:
            height = max(widget.minimumSizeHint().height(), widget.minimumHeight())
        rows[row] = max(rows.get(row, 0), height)
    gap = layout.verticalSpacing() if grid else layout.spacing()
    spacing = max(gap, 0) * max(len(rows) - 1, 0)
    return sum(rows.values()) + spacing + margins.top() + margins.bottom()
