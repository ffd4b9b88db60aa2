"""The pros-and-cons table: one row per factor with its con and pro side by side.

Sliders hold integers; a step is half a point (weight 0-10 -> 0..20, lean -5..+5 -> -10..10).
Values from files may be finer; the label shows the exact value, and the slider moves only when the user
moves it. Updates from the session use QSignalBlocker so a redraw never re-enters as an edit.
"""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ses_decider.core.content import Catalogue
from ses_decider.core.explain import fmt
from ses_decider.core.model import Certainty, Factor, Rating
from ses_decider.ui.widgets.labels import plain_label
from ses_decider.ui.widgets.sliders import STEPS_PER_POINT, RatingSlider

NAME_COLUMN, LEAN_COLUMN, WEIGHT_COLUMN = 140, 120, 136


def apply_column_widths(grid: QGridLayout) -> None:
    """The same column widths for the header and every row, so the table lines up."""
    grid.setColumnMinimumWidth(0, NAME_COLUMN)
    grid.setColumnMinimumWidth(2, LEAN_COLUMN)
    grid.setColumnMinimumWidth(4, WEIGHT_COLUMN)
    grid.setColumnStretch(0, 0)
    grid.setColumnStretch(1, 1)
    grid.setColumnStretch(3, 1)


class TableHeader(QFrame):
    """Column headings above the rows."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(8, 0, 8, 0)
        grid.setHorizontalSpacing(10)
        headings = [
            ("Factor", Qt.AlignmentFlag.AlignLeft),
            ("Con side", Qt.AlignmentFlag.AlignRight),
            ("How it lands for you", Qt.AlignmentFlag.AlignCenter),
            ("Pro side", Qt.AlignmentFlag.AlignLeft),
            ("How much it matters", Qt.AlignmentFlag.AlignLeft),
        ]
        for column, (text, align) in enumerate(headings):
            label = plain_label(text, bold=True)
            label.setAlignment(align | Qt.AlignmentFlag.AlignBottom)
            grid.addWidget(label, 1, column)
        self.weigh_button = QToolButton()
        self.weigh_button.setText("Other ways to weigh\u2026")
        self.weigh_button.setAccessibleName("Other ways to set your weights")
        self.weigh_button.setToolTip("Rank the factors, swing weighting, or pairwise comparison")
        grid.addWidget(self.weigh_button, 0, 4)
        apply_column_widths(grid)


class FactorRow(QFrame):
    """One factor: title, weight, share, dealbreaker and note on top; con | lean | pro below."""

    weight_moved = Signal(str, float)
    lean_moved = Signal(str, float)
    dealbreaker_toggled = Signal(str, bool)
    note_requested = Signal(str)
    hide_requested = Signal(str)
    certainty_chosen = Signal(str, object)
    clear_requested = Signal(str)

    def __init__(self, factor: Factor, source_text: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.factor = factor
        self.setObjectName("factorRow")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        fid = factor.id

        # Plain text throughout the row (see labels.py: markup made the first layout twice as slow).
        self.title = plain_label(factor.title, bold=True)
        self.source = plain_label(source_text)
        self.source.setObjectName("sourceLabel")
        self.mark = QLabel()  # "from your reasons": set by the window (deciding well)
        self.mark.setObjectName("ownReasonMark")
        self.mark.hide()

        self.weight = RatingSlider(0, 10, origin=0)
        self.weight.setTickInterval(STEPS_PER_POINT)
        self.weight.setMinimumWidth(WEIGHT_COLUMN - 10)
        self.weight.setAccessibleName(f"Weight of {factor.title}")
        self.weight.setAccessibleDescription("How much this factor matters to you, 0 to 10")
        self.weight.valueChanged.connect(lambda v: self.weight_moved.emit(fid, v / STEPS_PER_POINT))
        # Pressing a not-rated slider rates it where it stands (no value change would say so).
        self.weight.sliderPressed.connect(lambda: self._touch("weight"))
        self.weight_value = plain_label("")
        self.share = plain_label("")
        self.share.setToolTip("This factor's share of all the weight")
        self.share.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

        self.certainty = QComboBox()
        for certainty in Certainty:
            self.certainty.addItem(certainty.value, certainty)
        self.certainty.setAccessibleName(f"How sure you are about {factor.title}")
        self.certainty.setToolTip(
            "How sure you are of this weight and lean; used by the robustness check"
        )
        self.certainty.currentIndexChanged.connect(
            lambda i: self.certainty_chosen.emit(fid, self.certainty.itemData(i))
        )
        self.dealbreaker = QCheckBox("Dealbreaker")
        self.dealbreaker.setAccessibleName(f"{factor.title} is a dealbreaker")
        self.dealbreaker.setToolTip(
            "A must: if your lean is -3 or lower, the verdict is NO-GO whatever the score"
        )
        self.dealbreaker.toggled.connect(lambda on: self.dealbreaker_toggled.emit(fid, on))
        self.note = QToolButton()
        self.note.setText("Note\u2026")
        self.note.setAccessibleName(f"Note on {factor.title}")
        self.note.clicked.connect(lambda: self.note_requested.emit(fid))
        self.hide_button = QToolButton()
        self.hide_button.setText("Remove" if factor.custom else "Hide")
        self.hide_button.setAccessibleName(
            f"{'Remove' if factor.custom else 'Hide'} {factor.title}"
        )
        self.hide_button.setToolTip("Take this factor out of your weighing (undo brings it back)")
        self.hide_button.clicked.connect(lambda: self.hide_requested.emit(fid))
        self.clear_button = QToolButton()
        self.clear_button.setText("Not rated")
        self.clear_button.setAccessibleName(f"Set {factor.title} back to not rated")
        self.clear_button.setToolTip(
            "Take your weight and lean off this factor (undo brings them back)"
        )
        self.clear_button.clicked.connect(lambda: self.clear_requested.emit(fid))
        self._rating: Rating | None = None
        self._shown: tuple | None = None  # what show_rating last drew (see there)

        self.con = _side_label("CON", factor.con, Qt.AlignmentFlag.AlignRight)
        self.pro = _side_label("PRO", factor.pro, Qt.AlignmentFlag.AlignLeft)
        self.lean = RatingSlider(-5, 5, origin=0, signed=True)  # fills from its centre
        self.lean.setTickInterval(STEPS_PER_POINT * 5)
        self.lean.setMinimumWidth(LEAN_COLUMN - 10)
        self.lean.setAccessibleName(f"Lean of {factor.title}")
        self.lean.setAccessibleDescription(
            "How it lands for you: -5 the con side is strongly true, +5 the pro side is"
        )
        self.lean.valueChanged.connect(lambda v: self.lean_moved.emit(fid, v / STEPS_PER_POINT))
        self.lean.sliderPressed.connect(lambda: self._touch("lean"))
        self.lean_value = plain_label("")
        self.lean_value.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # Value labels as wide as their widest text, fixed: a new value then repaints the label
        # alone instead of laying the whole table out again (the cost of a slider move).
        _fix_size(self.lean_value, ["-4.5 (con)", "+4.5 (pro)", "0 (neutral)", "not rated"])
        _fix_size(self.weight_value, ["10 of 10", "9.5 of 10", "not rated"])
        _fix_size(self.share, ["100%"])

        self.source.setWordWrap(True)
        self.title.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.setSpacing(4)
        buttons.addWidget(self.note)
        buttons.addWidget(self.hide_button)
        buttons.addStretch(1)
        name_box = QVBoxLayout()
        name_box.setSpacing(2)
        name_box.addWidget(self.title)
        name_box.addWidget(self.source)
        name_box.addWidget(self.mark)
        name_box.addWidget(self.dealbreaker)
        name_box.addLayout(buttons)
        # On a line of its own: three buttons abreast would widen the name column past what a
        # 1024-pixel screen leaves for the pro and con texts.
        name_box.addWidget(self.clear_button, 0, Qt.AlignmentFlag.AlignLeft)
        name_box.addStretch(1)
        self._name_box = name_box

        lean_box = QVBoxLayout()
        lean_box.setSpacing(0)
        lean_box.addStretch(1)
        lean_box.addWidget(self.lean)
        lean_box.addWidget(self.lean_value, 0, Qt.AlignmentFlag.AlignHCenter)
        lean_box.addStretch(1)

        weight_top = QHBoxLayout()
        weight_top.addWidget(self.weight_value)
        weight_top.addStretch(1)
        weight_top.addWidget(self.share)
        weight_box = QVBoxLayout()
        weight_box.setSpacing(0)
        weight_box.addStretch(1)
        weight_box.addLayout(weight_top)
        weight_box.addWidget(self.weight)
        weight_box.addWidget(self.certainty)
        weight_box.addStretch(1)

        grid = QGridLayout(self)
        grid.setContentsMargins(8, 6, 8, 6)
        grid.setHorizontalSpacing(10)
        grid.addLayout(name_box, 0, 0)
        grid.addWidget(self.con, 0, 1)
        grid.addLayout(lean_box, 0, 2)
        grid.addWidget(self.pro, 0, 3)
        grid.addLayout(weight_box, 0, 4)
        apply_column_widths(grid)
        self.setAccessibleName(factor.title)

    def add_tool(self, widget: QWidget) -> None:
        """A button of a feature of its own under the row's buttons (the Pay calculator, say), next
        on the Tab path after "Not rated" (made later, it would otherwise come after every row)."""
        self._name_box.insertWidget(self._name_box.count() - 1, widget)
        widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # a tool button is skipped by Tab
        QWidget.setTabOrder(self.clear_button, widget)

    def _touch(self, field: str) -> None:
        if self._rating is not None and getattr(self._rating, field) is None:
            slider = self.weight if field == "weight" else self.lean
            signal = self.weight_moved if field == "weight" else self.lean_moved
            signal.emit(self.factor.id, slider.value() / STEPS_PER_POINT)

    def show_rating(self, rating: Rating, share: float | None, dealbreaker_hit: bool) -> None:
        """Reflect the stored rating without emitting edits."""
        self._rating = rating
        # A slider move redraws every row; only the rows whose text would change are touched.
        if self._drawn(share, dealbreaker_hit) == self._shown:
            return
        # A not-rated slider rests in the middle of its range, marked "not rated" beside it.
        defaults = {self.weight: 5.0, self.lean: 0.0}
        for slider, value in ((self.weight, rating.weight), (self.lean, rating.lean)):
            slider.set_rated(value is not None)
            value = defaults[slider] if value is None else value
            if round(slider.value() / STEPS_PER_POINT, 6) != round(value, 6):
                with QSignalBlocker(slider):
                    slider.setValue(round(value * STEPS_PER_POINT))
        certainty_index = list(Certainty).index(rating.certainty)
        if self.certainty.currentIndex() != certainty_index:
            with QSignalBlocker(self.certainty):
                self.certainty.setCurrentIndex(certainty_index)
        if self.dealbreaker.isChecked() != rating.dealbreaker:
            with QSignalBlocker(self.dealbreaker):
                self.dealbreaker.setChecked(rating.dealbreaker)
        if rating.weight is None:
            _show(self.weight_value, "not rated", italic=True)
        else:
            _show(self.weight_value, f"{fmt(rating.weight)} of 10", bold=True)
        self.share.setText("\u2013" if share is None else f"{share:.0%}")  # short: 1024 px wide
        if rating.lean is None:
            _show(self.lean_value, "not rated", italic=True)
        else:
            words = "neutral" if rating.lean == 0 else ("pro" if rating.lean > 0 else "con")
            _show(self.lean_value, f"{fmt(rating.lean, signed=True)} ({words})")
        self.clear_button.setEnabled(rating.weight is not None or rating.lean is not None)
        self.note.setText("Note \u270e" if rating.note else "Note\u2026")
        self.note.setToolTip(rating.note or "Add a note")
        self.dealbreaker.setText("Dealbreaker \u26a0 hit" if dealbreaker_hit else "Dealbreaker")
        self._shown = self._drawn(share, dealbreaker_hit)

    def _drawn(self, share: float | None, dealbreaker_hit: bool) -> tuple:
        """What show_rating draws from: the rating's fields (a Rating is edited in place, so not
        the object), the share, the hit, and where the sliders stand."""
        r = self._rating
        sliders = (self.weight.value(), self.lean.value())
        return (
            r.weight,
            r.lean,
            r.dealbreaker,
            r.note,
            r.certainty,
            share,
            dealbreaker_hit,
            *sliders,
        )


def _show(label: QLabel, text: str, bold: bool = False, italic: bool = False) -> None:
    """Plain text in a bold or italic font (cheaper to draw and lay out than markup)."""
    font = label.font()
    if font.bold() != bold or font.italic() != italic:
        font.setBold(bold)
        font.setItalic(italic)
        label.setFont(font)
    label.setText(text)


def _fix_size(label: QLabel, texts: list[str]) -> None:
    """Fix ``label`` at the size of the widest of ``texts`` in bold (the widest way it is shown)."""
    font = label.font()
    font.setBold(True)
    metrics = QFontMetrics(font)
    label.setFixedSize(max(metrics.horizontalAdvance(t) for t in texts) + 6, metrics.height())


def _side_label(kind: str, text: str, align: Qt.AlignmentFlag) -> QLabel:
    label = plain_label(f"{kind}: {text}")
    label.setWordWrap(True)
    label.setAlignment(align | Qt.AlignmentFlag.AlignVCenter)
    policy = label.sizePolicy()  # keep the height-for-width flag that word wrap set
    policy.setHorizontalPolicy(QSizePolicy.Policy.Expanding)
    label.setSizePolicy(policy)
    label.setObjectName(f"{kind.lower()}Label")
    return label


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class FactorList(QWidget):
    """All rows in display order, plus the overlap hint; rebuilt only when the factor list changes."""

    def __init__(self, catalogue: Catalogue, parent: QWidget | None = None):
        super().__init__(parent)
        self.catalogue = catalogue
        self.rows: dict[str, FactorRow] = {}
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(6)
        self.header = TableHeader()  # pinned above the rows by the scroll area (pinned_header.py)
        self.overlap_hint = QLabel()
        self.overlap_hint.setWordWrap(True)
        self.overlap_hint.setObjectName("overlapHint")
        self._layout.addStretch(1)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        # QScrollArea ignores height-for-width, so wrapped pro/con texts would be clipped at
        # narrow widths; ask the layout how tall it must be at this width and insist on it.
        super().resizeEvent(event)
        needed = self._layout.heightForWidth(self.width())
        if needed > 0 and needed != self.minimumHeight():
            self.setMinimumHeight(needed)

    def rebuild(self, factors: list[Factor], hidden: set[str]) -> list[FactorRow]:
        """Replace the rows; returns the new rows so the owner can connect them."""
        for row in self.rows.values():
            row.setParent(None)
            row.deleteLater()
        self.rows = {}
        self.overlap_hint.setParent(None)
        index = 0
        shown = [f for f in factors if f.id not in hidden]
        for factor in shown:
            row = FactorRow(factor, self._source_text(factor), self)
            self._layout.insertWidget(index, row)
            self.rows[factor.id] = row
            index += 1
        overlap_ids = [f.id for f in shown if f.overlap]
        if len(overlap_ids) > 1:
            key = next(f.overlap for f in shown if f.overlap)
            note = self.catalogue.overlap_notes.get(key, "")
            self.overlap_hint.setText("<b>Overlap:</b> " + _escape(note))  # no glyph fonts lack
            self._layout.insertWidget(index, self.overlap_hint)
        return list(self.rows.values())

    def _source_text(self, factor: Factor) -> str:
        if factor.custom:
            return "your own factor"
        source = self.catalogue.source_for(factor)
        return source.short if source else ""
