"""The rating slider as a person sees it (in light, dark and high-contrast palettes) and as a screen
reader hears it: a lean fills from its centre, "not rated" has no fill, focus has a frame, and the
value is told in points."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QColor, QPalette
from PySide6.QtWidgets import QStyleFactory

from ses_decider.ui.widgets.sliders import RatingSlider


def palette(kind: str) -> QPalette:
    if kind == "light":
        return QStyleFactory.create("Fusion").standardPalette()
    p = QPalette()
    if kind == "dark":
        colours = {
            QPalette.ColorRole.Window: "#2b2b2b",
            QPalette.ColorRole.WindowText: "#eeeeee",
            QPalette.ColorRole.Base: "#1e1e1e",
            QPalette.ColorRole.Button: "#3a3a3a",
            QPalette.ColorRole.Mid: "#5a5a5a",
            QPalette.ColorRole.Highlight: "#3d8ee8",
        }
    else:  # high contrast: black and white, a yellow highlight
        colours = {
            QPalette.ColorRole.Window: "#000000",
            QPalette.ColorRole.WindowText: "#ffffff",
            QPalette.ColorRole.Base: "#000000",
            QPalette.ColorRole.Button: "#000000",
            QPalette.ColorRole.Mid: "#ffffff",
            QPalette.ColorRole.Highlight: "#ffff00",
        }
    for role, colour in colours.items():
        p.setColor(role, QColor(colour))
    return p


def lean_slider(qtbot, value: float, kind: str, rated: bool = True) -> RatingSlider:
    slider = RatingSlider(-5, 5, origin=0, signed=True)
    slider.setPalette(palette(kind))
    slider.resize(240, 36)
    slider.setValue(round(value * 2))
    slider.set_rated(rated)
    qtbot.addWidget(slider)
    return slider


def highlighted_columns(slider: RatingSlider) -> set[int]:
    """The x positions where the track shows the fill (the palette's highlight colour)."""
    image = slider.grab().toImage()
    highlight = slider.palette().color(QPalette.ColorRole.Highlight)
    y = image.height() // 2
    found = set()
    for x in range(image.width()):
        for dy in range(-3, 4):
            pixel = image.pixelColor(x, y + dy)
            if (
                abs(pixel.red() - highlight.red()) < 30
                and abs(pixel.green() - highlight.green()) < 30
                and abs(pixel.blue() - highlight.blue()) < 30
            ):
                found.add(x)
                break
    return found


@pytest.mark.parametrize("kind", ["light", "dark", "high contrast"])
def test_a_lean_fills_from_its_centre_so_minus_four_and_plus_four_look_opposite(qtbot, kind):
    minus, plus = lean_slider(qtbot, -4, kind), lean_slider(qtbot, 4, kind)
    centre = minus.width() // 2
    left = highlighted_columns(minus)
    right = highlighted_columns(plus)
    assert left and right
    assert max(left) <= centre + 6 < min(right) + 12  # each fill ends at the centre
    assert min(left) < centre - 40 and max(right) > centre + 40  # and reaches out to its side
    mirrored = {2 * centre - x for x in right}
    assert len(left & mirrored) > 0.7 * len(left)  # the same length, the other way


@pytest.mark.parametrize("kind", ["light", "dark", "high contrast"])
def test_not_rated_has_no_fill_and_says_so(qtbot, kind):
    rated = lean_slider(qtbot, 3, kind)
    blank = lean_slider(qtbot, 3, kind, rated=False)
    assert highlighted_columns(rated)
    assert not highlighted_columns(blank)
    assert blank.value_text() == "not rated"
    assert "Not rated yet" in blank.accessibleDescription()


@pytest.mark.parametrize("kind", ["light", "dark", "high contrast"])
def test_the_focused_slider_has_a_frame_in_the_highlight_colour(qtbot, kind):
    slider = lean_slider(qtbot, 0, kind)
    slider.show()
    qtbot.waitExposed(slider)
    before = slider.grab().toImage()
    slider.activateWindow()
    slider.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(slider.hasFocus)
    after = slider.grab().toImage()
    highlight = slider.palette().color(QPalette.ColorRole.Highlight)
    border = [(x, 1) for x in range(10, slider.width() - 10, 7)]
    border += [(1, y) for y in range(8, slider.height() - 8, 4)]

    def framed(image) -> int:
        return sum(1 for x, y in border if _near(image.pixelColor(x, y), highlight))

    assert framed(after) > 0.8 * len(border)
    assert framed(before) < 0.2 * len(border)


def _near(a: QColor, b: QColor) -> bool:
    return all(
        abs(p - q) < 40
        for p, q in ((a.red(), b.red()), (a.green(), b.green()), (a.blue(), b.blue()))
    )


def test_a_screen_reader_hears_points_not_half_steps(window):
    row = window.factor_list.rows["elite_corps"]  # the demo: lean +2, weight 4
    lean = QAccessible.queryAccessibleInterface(row.lean)
    weight = QAccessible.queryAccessibleInterface(row.weight)
    assert row.lean.value() == 4 and row.weight.value() == 8  # the sliders count half steps
    assert lean.valueInterface().currentValue() == 2
    assert weight.valueInterface().currentValue() == 4
    assert lean.text(QAccessible.Text.Value) == "+2"
    assert weight.text(QAccessible.Text.Value) == "4"
    assert (lean.valueInterface().minimumValue(), lean.valueInterface().maximumValue()) == (-5, 5)
    assert weight.valueInterface().maximumValue() == 10
    assert lean.text(QAccessible.Text.Name) == "Lean of Elite corps"
    lean.valueInterface().setCurrentValue(-1.5)  # a screen reader user sets it in points too
    assert window.session.assessment.ratings["elite_corps"].lean == -1.5


def test_a_not_rated_slider_is_told_as_not_rated(window):
    # The demo leaves the factors added since its making not rated.
    row = next(r for r in window.factor_list.rows.values() if not r.lean.rated())
    interface = QAccessible.queryAccessibleInterface(row.lean)
    assert interface.text(QAccessible.Text.Value) == "not rated"
    assert "Not rated yet" in interface.text(QAccessible.Text.Description)
