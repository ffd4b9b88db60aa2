"""The rating slider: a weight (0 to 10) or a lean (-5 to +5) in half-point steps.

- It fills from its origin: a lean from its centre (0), so -4 and +4 look opposite; a weight from 0.
- "Not rated" looks plainly different: no fill, a faint handle, and the row's label says so.
- The focused slider has a frame in the palette's highlight colour (light, dark, high contrast).
- Assistive technology hears the value in the units on screen (a lean of +2 is 2, not the 4 half
  steps the slider counts), through an accessible interface of its own (`accessible_for`).
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import (
    QAccessible,
    QAccessibleValueInterface,
    QPainter,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import (
    QAccessibleWidget,
    QSlider,
    QStyle,
    QStyleOptionSlider,
    QWidget,
)
from shiboken6 import VoidPtr

from ses_decider.core.explain import fmt

STEPS_PER_POINT = 2
NOT_RATED_TEXT = "not rated"


class RatingSlider(QSlider):
    """A horizontal slider over ``low``..``high`` points; ``value()`` counts half points."""

    def __init__(
        self,
        low: float,
        high: float,
        origin: float,
        *,
        signed: bool = False,
        parent: QWidget | None = None,
    ):
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.origin, self.signed = origin, signed
        self._rated = True
        self._description = ""
        self.setRange(round(low * STEPS_PER_POINT), round(high * STEPS_PER_POINT))
        self.setPageStep(STEPS_PER_POINT)
        self.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # click or Tab, never the wheel alone
        from ses_decider.ui.a11y import install_accessibility

        install_accessibility()  # its value in points (see accessible_for)

    # What it shows ------------------------------------------------------------------------------
    def points(self) -> float:
        return self.value() / STEPS_PER_POINT

    def rated(self) -> bool:
        return self._rated

    def set_rated(self, rated: bool) -> None:
        if rated != self._rated:
            self._rated = rated
            self._describe()
            self.update()

    def value_text(self) -> str:
        """The value as the row's label writes it: "+2", "4", or "not rated"."""
        if not self._rated:
            return NOT_RATED_TEXT
        return fmt(self.points(), signed=self.signed)

    def setAccessibleDescription(self, text: str) -> None:  # noqa: N802 - Qt's name
        self._description = text
        self._describe()

    def _describe(self) -> None:
        suffix = "" if self._rated else " Not rated yet."
        super().setAccessibleDescription(self._description + suffix)

    # Painting ------------------------------------------------------------------------------------
    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt's name
        option = QStyleOptionSlider()
        self.initStyleOption(option)
        style = self.style()
        groove = style.subControlRect(
            QStyle.ComplexControl.CC_Slider, option, QStyle.SubControl.SC_SliderGroove, self
        )
        handle = style.subControlRect(
            QStyle.ComplexControl.CC_Slider, option, QStyle.SubControl.SC_SliderHandle, self
        )
        palette = self.palette()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        track = QRect(groove.left(), groove.center().y() - 2, groove.width(), 5)
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid), 1))
        painter.setBrush(palette.color(QPalette.ColorRole.Base))
        painter.drawRoundedRect(track, 2, 2)
        origin_x = self.x_of(round(self.origin * STEPS_PER_POINT), groove, handle)
        if self._rated:
            value_x = self.x_of(self.value(), groove, handle)
            left, right = sorted((origin_x, value_x))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(palette.color(QPalette.ColorRole.Highlight))
            painter.drawRect(QRect(left, track.top(), right - left, track.height()))
        if self.minimum() < round(self.origin * STEPS_PER_POINT) < self.maximum():
            painter.setPen(QPen(palette.color(QPalette.ColorRole.WindowText), 2))
            painter.drawLine(origin_x, track.top() - 3, origin_x, track.bottom() + 3)
        option.subControls = (
            QStyle.SubControl.SC_SliderTickmarks | QStyle.SubControl.SC_SliderHandle
        )
        if not self._rated:
            painter.setOpacity(0.45)  # a faint handle: nothing is set here yet
        style.drawComplexControl(QStyle.ComplexControl.CC_Slider, option, painter, self)
        painter.setOpacity(1.0)
        if self.hasFocus():
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), 2))
            painter.drawRoundedRect(self.rect().adjusted(1, 1, -1, -1), 4, 4)
        painter.end()

    def x_of(self, value: int, groove: QRect, handle: QRect) -> int:
        """The x of the handle's centre at ``value`` (as the style places the handle)."""
        span = groove.width() - handle.width()
        offset = QStyle.sliderPositionFromValue(
            self.minimum(), self.maximum(), value, span, self.invertedAppearance()
        )
        return groove.left() + offset + handle.width() // 2


class _RatingSliderAccessible(QAccessibleWidget):
    """QSlider's own interface reports half steps; this one reports points."""

    def __init__(self, slider: RatingSlider):
        super().__init__(slider, QAccessible.Role.Slider)
        self._points = _PointsValue(slider)

    def interface_cast(self, kind):
        if kind == QAccessible.InterfaceType.ValueInterface:
            return self._points
        found = super().interface_cast(kind)
        # None would not convert back to a null pointer (a crash in PySide6): say it in C++ terms.
        return found if found is not None else VoidPtr(0)

    def text(self, kind):
        if kind == QAccessible.Text.Value:
            return self.widget().value_text()
        return super().text(kind)


class _PointsValue(QAccessibleValueInterface):
    def __init__(self, slider: RatingSlider):
        super().__init__()
        self.slider = slider

    def currentValue(self):  # noqa: N802 - Qt's name
        return self.slider.points()

    def setCurrentValue(self, value) -> None:  # noqa: N802 - Qt's name
        self.slider.setValue(round(float(value) * STEPS_PER_POINT))

    def maximumValue(self):  # noqa: N802 - Qt's name
        return self.slider.maximum() / STEPS_PER_POINT

    def minimumValue(self):  # noqa: N802 - Qt's name
        return self.slider.minimum() / STEPS_PER_POINT

    def minimumStepSize(self):  # noqa: N802 - Qt's name
        return 1 / STEPS_PER_POINT


_interfaces: dict[int, _RatingSliderAccessible] = {}  # kept alive while their slider lives


def accessible_for(slider: RatingSlider) -> QAccessibleWidget:
    """The slider's accessible interface (asked for by the factory in `ui/a11y.py`)."""
    interface = _RatingSliderAccessible(slider)
    key = id(slider)
    _interfaces[key] = interface
    slider.destroyed.connect(lambda *_: _interfaces.pop(key, None))
    return interface
