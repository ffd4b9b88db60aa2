"""Other ways to set your weights: rank the factors, swing weighting, or pairwise comparison (AHP).

Each tab turns the person's answers into 0-10 weights through `ses_decider.core.weighting`; the panel
on the right shows now -> new and the share of the total before anything is applied. OK applies the
open tab's method: `updated_assessment()` returns a changed copy for `Session.replace_assessment`.
"""

from __future__ import annotations

from dataclasses import replace
from itertools import combinations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSlider,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ses_decider.core.explain import fmt
from ses_decider.core.model import Assessment, Factor
from ses_decider.core.weighting import (
    CR_LIMIT,
    WeightingError,
    ahp,
    rank_order_centroid,
    shares_to_weights,
    swing,
)
from ses_decider.ui.widgets.plots import keep_wrapped_text_whole

METHODS = ("rank", "swing", "pairwise")
LABELS = {
    "rank": "Weights from ranking",
    "swing": "Weights from swing weighting",
    "pairwise": "Weights from pairwise comparison",
}
AHP_DEFAULT_SIZE = 8  # more pairs than 8 factors give (28) tire people
STEPS = 8  # pairwise slider -8..+8: up to 9x as important either way
NARROW_TAB = 640  # pairwise tab widths below which the factor list goes above the pairs
ID_ROLE = Qt.ItemDataRole.UserRole
ERROR_STYLE = "color: #a4262c"


def judgement(step: int) -> float:
    """Slider step -> how many times A is as important as B: -8 -> 9, 0 -> 1, +8 -> 1/9."""
    return float(1 - step) if step <= 0 else 1.0 / (1 + step)


def step_for(value: float) -> int:
    """The slider step for a judgement on Saaty's scale (inverse of `judgement`)."""
    return -round(value - 1) if value >= 1 else round(1 / value) - 1


def describe(a: str, b: str, value: float) -> str:
    if abs(value - 1) < 1e-9:
        return "equal"
    if value > 1:
        return f"{a} is {fmt(value)}\u00d7 as important"
    return f"{b} is {fmt(1 / value)}\u00d7 as important"


def plain(exc: Exception) -> str:
    """A weighting error as a sentence: capital first letter, full stop."""
    text = str(exc).strip()
    text = text[:1].upper() + text[1:]
    return text if text.endswith(".") else text + "."


def _label(text: str, wrap: bool = False) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    return label


def _scroll(widget: QWidget, name: str) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setWidget(widget)
    area.setAccessibleName(name)
    return area


def _box(kind, *parts) -> QBoxLayout:
    """A box of widgets and layouts; an int adds a stretch, a (part, n) pair a stretch factor."""
    box = kind()
    for part in parts:
        item, stretch = part if isinstance(part, tuple) else (part, 0)
        if isinstance(item, int):
            box.addStretch(item)
        elif isinstance(item, QWidget):
            box.addWidget(item, stretch)
        else:
            box.addLayout(item, stretch)
    return box


def _button(text: str, name: str, slot) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(name)
    button.clicked.connect(slot)
    return button


def _item(factor: Factor) -> QListWidgetItem:
    item = QListWidgetItem(factor.title)
    item.setData(ID_ROLE, factor.id)
    return item


def _by_weight(factors: list[Factor], now: dict[str, float]) -> list[Factor]:
    return sorted(factors, key=lambda f: -now[f.id])  # stable: ties keep display order


class _Tab(QWidget):
    changed = Signal()

    def weights(self) -> dict[str, float]:
        raise NotImplementedError

    def preview(self) -> dict[str, float]:
        try:
            return self.weights()
        except WeightingError:
            return {}


class RankTab(_Tab):
    """Order the factors, most important first; rank-order centroid weights."""

    def __init__(self, factors: list[Factor], now: dict[str, float], parent=None):
        super().__init__(parent)
        self.titles = {f.id: f.title for f in factors}
        intro = _label(
            "Put the factors in order, most important at the top. Drag them, or select one and "
            "use Move up / Move down (Ctrl+Up / Ctrl+Down). The order alone sets the weights.",
            wrap=True,
        )
        self.list = QListWidget()
        self.list.setAccessibleName("Factors, most important first")
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setDefaultDropAction(Qt.DropAction.MoveAction)
        for factor in _by_weight(factors, now):
            self.list.addItem(_item(factor))
        self.list.model().rowsMoved.connect(self.refresh)  # a drag and drop
        self.list.installEventFilter(self)  # Ctrl+Up / Ctrl+Down move the selected factor
        self.up = _button("Move &up", "Move up", lambda: self.move(-1))
        self.down = _button("Move &down", "Move down", lambda: self.move(1))
        buttons = _box(QVBoxLayout, self.up, self.down, 1)
        self.setLayout(_box(QVBoxLayout, intro, (_box(QHBoxLayout, (self.list, 1), buttons), 1)))
        self.list.setCurrentRow(0)
        self.refresh()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if (
            watched is self.list
            and event.type() == QEvent.Type.KeyPress
            and event.modifiers() == Qt.KeyboardModifier.ControlModifier
            and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down)
        ):
            self.move(-1 if event.key() == Qt.Key.Key_Up else 1)
            return True
        return super().eventFilter(watched, event)

    def order(self) -> list[str]:
        return [self.list.item(i).data(ID_ROLE) for i in range(self.list.count())]

    def move(self, delta: int) -> None:
        row = self.list.currentRow()
        target = row + delta
        if row < 0 or not 0 <= target < self.list.count():
            return
        item = self.list.takeItem(row)
        self.list.insertItem(target, item)
        self.list.setCurrentRow(target)
        self.refresh()

    def weights(self) -> dict[str, float]:
        return shares_to_weights(rank_order_centroid(self.order()))

    def refresh(self) -> None:
        weights = self.preview()
        for i in range(self.list.count()):
            item = self.list.item(i)
            fid = item.data(ID_ROLE)
            new = f"   \u2192 {fmt(weights[fid])}" if fid in weights else ""
            item.setText(f"{i + 1}. {self.titles[fid]}{new}")
        self.changed.emit()


class SwingTab(_Tab):
    """Rate each factor's con-to-pro swing against the most valued one (100)."""

    def __init__(self, factors: list[Factor], now: dict[str, float], parent=None):
        super().__init__(parent)
        intro = _label(
            "Imagine each factor going from its con side to its pro side. Which swing would you "
            "value most? Give it 100 and rate the others against it (0-100).",
            wrap=True,
        )
        top = max(now.values(), default=0.0)
        self.spins: dict[str, QSpinBox] = {}
        self.previews: dict[str, QLabel] = {}
        body = QWidget()
        grid = QGridLayout(body)
        for row, factor in enumerate(factors):
            spin = QSpinBox()
            spin.setRange(0, 100)
            spin.setSingleStep(5)
            spin.setValue(round(100 * now[factor.id] / top) if top > 0 else 100)
            spin.setAccessibleName(f"Swing points for {factor.title}")
            spin.lineEdit().setAccessibleName(f"Swing points for {factor.title}")
            spin.setToolTip(f"From \u201c{factor.con}\u201d to \u201c{factor.pro}\u201d")
            spin.valueChanged.connect(self.refresh)
            title = _label(factor.title)
            title.setBuddy(spin)
            self.spins[factor.id] = spin
            self.previews[factor.id] = _label("")
            grid.addWidget(title, row, 0)
            grid.addWidget(spin, row, 1)
            grid.addWidget(self.previews[factor.id], row, 2)
        grid.setColumnStretch(2, 1)
        grid.setRowStretch(len(factors), 1)
        self.setLayout(_box(QVBoxLayout, intro, (_scroll(body, "Swing points"), 1)))
        self.refresh()

    def weights(self) -> dict[str, float]:
        points = {fid: spin.value() for fid, spin in self.spins.items()}
        if not any(points.values()):
            raise WeightingError("Give at least one factor more than 0.")
        return shares_to_weights(swing(points))

    def refresh(self) -> None:
        weights = self.preview()
        for fid, label in self.previews.items():
            label.setText(f"\u2192 weight {fmt(weights[fid])}" if fid in weights else "")
        self.changed.emit()


class PairwiseTab(_Tab):
    """Compare a chosen subset two at a time (AHP); the others keep their weights."""

    def __init__(self, factors: list[Factor], now: dict[str, float], parent=None):
        super().__init__(parent)
        self.now = now
        self.titles = {f.id: f.title for f in factors}
        self.sliders: dict[tuple[str, str], QSlider] = {}
        self.verdicts: dict[tuple[str, str], QLabel] = {}
        self.steps: dict[tuple[str, str], int] = {}  # kept while the subset changes
        self.result = self.error = self.hint = None
        default = {f.id for f in _by_weight(factors, now)[:AHP_DEFAULT_SIZE]}
        self.subset = QListWidget()
        self.subset.setAccessibleName("Factors to compare")
        for factor in factors:
            item = _item(factor)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = factor.id in default
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.subset.addItem(item)
        # Titles in full where there is room; in a narrow window the list scrolls sideways
        # rather than squeezing the pairs out of sight.
        self.subset.setMinimumWidth(min(self.subset.sizeHintForColumn(0) + 24, 180))
        self.count_note = _label("", wrap=True)
        self.pairs = _scroll(QWidget(), "Pairs to compare")
        self.status = _label("", wrap=True)
        self.fix = _button("Apply this fix", "Apply this fix", self.apply_fix)
        self.fix.setAutoDefault(False)  # Enter never changes an answer by itself
        left = _box(
            QVBoxLayout, _label("Compare these factors:"), (self.subset, 1), self.count_note
        )
        intro = _label("For each pair, slide toward the factor that matters more.", wrap=True)
        fix_row = _box(QHBoxLayout, self.fix, 1)
        right = _box(QVBoxLayout, intro, (self.pairs, 1), self.status, fix_row)
        self.columns = _box(QHBoxLayout, (left, 2), (right, 3))
        self.setLayout(self.columns)
        self.subset.itemChanged.connect(self.rebuild)
        self.rebuild()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        # Narrow (a small screen, 200%): the factor list above the pairs, each the full width.
        super().resizeEvent(event)
        narrow = self.width() < NARROW_TAB
        direction = QBoxLayout.Direction.TopToBottom if narrow else QBoxLayout.Direction.LeftToRight
        if self.columns.direction() != direction:
            self.columns.setDirection(direction)

    def chosen(self) -> list[str]:
        items = (self.subset.item(i) for i in range(self.subset.count()))
        return [i.data(ID_ROLE) for i in items if i.checkState() == Qt.CheckState.Checked]

    def rebuild(self) -> None:
        """One row per pair of the chosen factors: A [slider] B, and the judgement in words."""
        ids = self.chosen()
        n = len(ids)
        # Short, so it fits under the list in a narrow dialog; the whole story in the tooltip.
        self.count_note.setText(
            f"{n} factors: {n * (n - 1) // 2} questions (beyond about 8 factors it gets tiring)."
        )
        self.count_note.setToolTip(
            "Each factor you add asks more (n factors, n(n-1)/2 questions). If you leave some "
            "out, the ones you compare share their current total weight; the others keep theirs."
        )
        body = QWidget()
        grid = QGridLayout(body)
        grid.setVerticalSpacing(2)
        self.sliders, self.verdicts = {}, {}
        for row, (a, b) in enumerate(combinations(ids, 2)):
            slider = QSlider(Qt.Orientation.Horizontal)
            slider.setRange(-STEPS, STEPS)
            slider.setPageStep(1)
            slider.setTickPosition(QSlider.TickPosition.TicksBelow)
            slider.setTickInterval(1)
            slider.setMinimumWidth(90)
            slider.setValue(self.steps.get((a, b), 0))
            slider.setAccessibleName(f"{self.titles[a]} versus {self.titles[b]}")
            slider.valueChanged.connect(lambda v, key=(a, b): self._moved(key, v))
            verdict = _label("")
            verdict.setAlignment(Qt.AlignmentFlag.AlignCenter)
            # The two titles above their slider (each wraps), so a narrow window (or 200%)
            # still shows both ends of every pair.
            left, right = _label(self.titles[a], wrap=True), _label(self.titles[b], wrap=True)
            right.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom)
            left.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom)
            grid.addWidget(left, 3 * row, 0)
            grid.addWidget(right, 3 * row, 1)
            grid.addWidget(slider, 3 * row + 1, 0, 1, 2)
            grid.addWidget(verdict, 3 * row + 2, 0, 1, 2)
            grid.setRowMinimumHeight(3 * row + 2, verdict.sizeHint().height() + 10)
            self.sliders[(a, b)], self.verdicts[(a, b)] = slider, verdict
            self._describe((a, b))
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(3 * len(self.sliders), 1)
        self.pairs.setWidget(body)
        self.refresh()

    def _describe(self, key: tuple[str, str]) -> None:
        slider, (a, b) = self.sliders[key], key
        ta, tb = self.titles[a], self.titles[b]
        text = describe(ta, tb, judgement(slider.value()))
        self.verdicts[key].setText(text)
        slider.setAccessibleDescription(f"{text}. Left favours {ta}, right favours {tb}.")

    def _moved(self, key: tuple[str, str], step: int) -> None:
        self.steps[key] = step
        self._describe(key)
        self.refresh()

    def refresh(self) -> None:
        self.result = self.error = self.hint = None
        ids = self.chosen()
        try:
            if len(ids) < 2:
                raise WeightingError("Tick at least 2 factors to compare.")
            if not any(key in self.steps for key in self.sliders):
                # Every slider starts at "equal": that is no answer, so no weights are proposed.
                raise WeightingError(
                    "Answer a pair first: slide toward the factor that matters more"
                )
            judgements = {key: judgement(s.value()) for key, s in self.sliders.items()}
            self.result = ahp(ids, judgements)
        except WeightingError as exc:
            self.error = plain(exc)
        self.status.setText(self._status_text())
        self.fix.setVisible(self.hint is not None)
        self.changed.emit()

    def _status_text(self) -> str:
        result = self.result
        if result is None:
            return ""
        cr = result.consistency_ratio
        if len(result.weights) < 3:
            return "With 2 factors your answers cannot contradict each other."
        if cr <= CR_LIMIT:
            return f"Consistency ratio {cr:.2f}: consistent enough."
        amount = "a little" if cr <= 2 * CR_LIMIT else "quite a lot"
        text = f"\u26a0 Your answers contradict each other {amount} (CR {cr:.2f})."
        if result.most_inconsistent is None:
            return text + " Look again at your strongest answers."
        a, b, current, suggested = result.most_inconsistent
        self.hint = ((a, b), suggested)
        ta, tb = self.titles[a], self.titles[b]
        return (
            f"{text} Most help: change \u2018{ta} vs {tb}\u2019 from "
            f"\u201c{describe(ta, tb, current)}\u201d to \u201c{describe(ta, tb, suggested)}\u201d."
        )

    def apply_fix(self) -> None:
        if self.hint is not None:
            key, suggested = self.hint
            self.sliders[key].setValue(step_for(suggested))

    def weights(self) -> dict[str, float]:
        """The AHP weights for the subset (keeping its total weight); the others unchanged."""
        if self.error is not None:
            raise WeightingError(self.error)
        shares = self.result.weights
        total = sum(self.now[fid] for fid in shares)
        if len(shares) == len(self.now) or total <= 0:
            return {**self.now, **shares_to_weights(shares)}
        scale = min(total, 10.0 / max(shares.values()))  # no weight above 10
        new = {}
        for fid, share in shares.items():
            weight = round(share * scale, 1)
            new[fid] = 0.1 if share > 0 and weight == 0 else weight
        return {**self.now, **new}


class WeighingDialog(QDialog):
    """Other ways to set your weights; OK applies the open tab's method."""

    def __init__(self, assessment: Assessment, parent: QWidget | None = None, method="rank"):
        super().__init__(parent)
        self.setWindowTitle("Other ways to set your weights")
        self.assessment = assessment.copy()
        shown = self.assessment.shown()  # rated or not: ranking is a way to start rating
        factors = [f for f, _ in shown]
        self.stored = {f.id: r.weight for f, r in shown}  # None: not rated yet
        self.now = {fid: weight or 0.0 for fid, weight in self.stored.items()}
        self.rank = RankTab(factors, self.now)
        self.swing = SwingTab(factors, self.now)
        self.pairwise = PairwiseTab(factors, self.now)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Way to set your weights")
        self.tabs.tabBar().setAccessibleName("Way to set your weights")
        self.tabs.addTab(self.rank, "&Rank")
        self.tabs.addTab(self.swing, "&Swing")
        self.tabs.addTab(self.pairwise, "&Pairwise (AHP)")
        self.tabs.setCurrentIndex(METHODS.index(method))

        panel = QGroupBox("Resulting weights")
        grid = QGridLayout(panel)
        for column, text in enumerate(("Factor", "Now", "New", "Share")):
            grid.addWidget(QLabel(f"<b>{text}</b>"), 0, column)
        self.rows: dict[str, tuple[QLabel, QLabel]] = {}
        for row, factor in enumerate(factors, start=1):
            new, share = _label(""), _label("")
            grid.addWidget(_label(factor.title, wrap=True), row, 0)
            stored = self.stored[factor.id]
            grid.addWidget(_label("not rated" if stored is None else fmt(stored)), row, 1)
            grid.addWidget(new, row, 2)
            grid.addWidget(share, row, 3)
            self.rows[factor.id] = (new, share)
        grid.setRowStretch(len(factors) + 1, 1)
        self.error = _label("", wrap=True)
        self.error.setStyleSheet(ERROR_STYLE)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("Apply these weights")
        self.ok.setAccessibleName("Apply these weights")
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName("Cancel")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        # The panel scrolls in a short dialog (its titles wrap; see keep_wrapped_text_whole).
        keep_wrapped_text_whole(panel)
        panel_area = _scroll(panel, "Resulting weights")
        panel_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        panel_area.setMinimumWidth(min(panel.sizeHint().width() + 20, 280))
        body = _box(QHBoxLayout, (self.tabs, 3), (panel_area, 1))
        self.setLayout(_box(QVBoxLayout, (body, 1), self.error, self.buttons))
        for tab in (self.rank, self.swing, self.pairwise):
            tab.changed.connect(self.refresh)
        self.tabs.currentChanged.connect(self.refresh)
        room = (parent or self).screen().availableGeometry()  # 200% scaling leaves little room
        self.resize(min(1180, room.width() * 9 // 10), min(700, room.height() * 9 // 10))
        self.refresh()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        # Enter in a spin box, the list or on a slider applies nothing: no button is the default
        # (the button box makes its first one the default as it is shown; this comes after).
        super().showEvent(event)
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)
            button.setDefault(False)

    def method(self) -> str:
        return METHODS[self.tabs.currentIndex()]

    def method_label(self) -> str:
        """The undo text for applying this dialog, e.g. "Weights from ranking"."""
        return LABELS[self.method()]

    def new_weights(self) -> dict[str, float]:
        """0-10 weights for every active factor from the open tab; raises WeightingError."""
        return self.tabs.currentWidget().weights()

    def refresh(self) -> None:
        try:
            new = self.new_weights()
        except WeightingError as exc:
            new = {}
            self.error.setText("\u26a0 " + plain(exc))
        else:
            self.error.setText("")
        self.error.setVisible(bool(self.error.text()))
        self.ok.setEnabled(bool(new))
        total = sum(new.values())
        kept = set(self.now) - set(self.pairwise.chosen()) if self.method() == "pairwise" else ()
        for fid, (new_label, share_label) in self.rows.items():
            weight = new.get(fid)
            kept_text = " (kept)" if fid in kept else ""
            new_label.setText("\u2013" if weight is None else fmt(weight) + kept_text)
            share_label.setText(
                f"{weight / total:.0%}" if weight is not None and total else "\u2013"
            )

    def updated_assessment(self) -> Assessment:
        """A copy of the assessment with the new weights and `method` set."""
        result = self.assessment.copy()
        kept = set(self.now) - set(self.pairwise.chosen()) if self.method() == "pairwise" else set()
        for fid, weight in self.new_weights().items():
            if fid not in kept:  # a factor left out of the comparison keeps what it had
                result.ratings[fid] = replace(result.ratings[fid], weight=weight)
        result.method = self.method()
        return result

    def accept(self) -> None:
        try:
            self.new_weights()
        except WeightingError:
            return  # the sentence is on screen already
        super().accept()
