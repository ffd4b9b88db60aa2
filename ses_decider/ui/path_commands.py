"""Other paths on the Decide page: the dialog that adds one, and the commands behind the paths panel.

The paths panel (ui/widgets/paths_panel.py) chooses which path the lean sliders show. `PathCommands`
remembers that choice and routes the rows' lean, dealbreaker and "not rated" to the SES's own
ratings or to that path's, always as undoable session edits; the weights stay shared.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ses_decider.core.model import OWN_PATH, Rating
from ses_decider.core.paths import SES_ID, check_title, evaluate_path, new_path, paths_content
from ses_decider.ui.a11y import name_buttons

if TYPE_CHECKING:
    from ses_decider.ui.main_window import MainWindow


class AddPathDialog(QDialog):
    """Choose a suggested path (with its description and source) or name one of your own."""

    def __init__(self, taken_titles: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Add a path beside the SES")
        self.taken = taken_titles
        intro = QLabel(
            "A path is scored like the SES: against staying where you are, with your own lean "
            "on each factor and the same weights. Nothing is rated for it until you rate it."
        )
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        self.group = QButtonGroup(self)
        self.kinds: dict[int, str] = {}
        for index, suggestion in enumerate(paths_content().suggested):
            button = QRadioButton(suggestion.title)
            button.setAccessibleDescription(suggestion.description)
            self.group.addButton(button, index)
            self.kinds[index] = suggestion.kind
            about = QLabel(f"{suggestion.description} <i>({suggestion.source.short})</i>")
            about.setWordWrap(True)
            about.setIndent(22)
            about.setToolTip(suggestion.verified.summary() if suggestion.verified else "")
            layout.addWidget(button)
            layout.addWidget(about)
        self.own = QRadioButton("A path of my &own:")
        self.group.addButton(self.own, len(self.kinds))
        self.kinds[len(self.kinds)] = OWN_PATH
        self.own_title = QLineEdit()
        self.own_title.setMaxLength(60)
        self.own_title.setAccessibleName("Name of your own path")
        self.own_title.setPlaceholderText("for example: Teach at a university")
        self.own_title.textEdited.connect(lambda _text: self.own.setChecked(True))
        layout.addWidget(self.own)
        layout.addWidget(self.own_title)
        self.group.button(0).setChecked(True)
        self.error = QLabel()
        self.error.setStyleSheet("color: #a4262c")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        layout.addWidget(name_buttons(box))
        # Tall enough for every wrapped description at this width (a dialog's first size does
        # not count the lines a wrapped label needs, and cut each description in half).
        width = 560
        self.setMinimumSize(width, layout.totalHeightForWidth(width))

    def choice(self) -> tuple[str, str]:
        """(title, kind) as chosen; the title not yet checked."""
        kind = self.kinds[self.group.checkedId()]
        if kind == OWN_PATH:
            return self.own_title.text(), OWN_PATH
        return paths_content().suggestion(kind).title, kind

    def accept(self) -> None:
        title, _kind = self.choice()
        try:
            check_title(title, self.taken)
        except ValueError as exc:
            self.error.setText(str(exc))
            return
        super().accept()


class PathCommands:
    """What the paths panel and the factor rows ask for, as session edits."""

    def __init__(self, window: MainWindow):
        self.window = window
        self.session = window.session
        self.showing = SES_ID  # the path whose leans the sliders show

    # Which path the rows show -----------------------------------------------------------------
    def shown_path(self):
        """The added path the rows show, or None for the SES (also when it was removed)."""
        if self.showing == SES_ID:
            return None
        try:
            return self.session.assessment.path(self.showing)
        except KeyError:
            self.showing = SES_ID
            return None

    def choose(self, path_id: str) -> None:
        if path_id != self.showing:
            self.showing = path_id
            self.window.refresh()

    def row_view(self, evaluation) -> dict[str, tuple[Rating, float | None, bool]]:
        """Per factor: the rating the row shows (this path's lean and dealbreaker with the shared
        weight), its share of the weight and whether its dealbreaker decides."""
        assessment = self.session.assessment
        path = self.shown_path()
        if path is not None:
            evaluation = evaluate_path(assessment, path)
        out = {}
        for fid, rating in assessment.ratings.items():
            if path is not None:
                rating = replace(
                    rating, lean=path.leans.get(fid), dealbreaker=fid in path.dealbreakers
                )
            out[fid] = (rating, evaluation.shares.get(fid), rating.dealbreaker_hit)
        return out

    # The rows' requests -----------------------------------------------------------------------
    def set_lean(self, factor_id: str, value: float | None) -> None:
        path = self.shown_path()
        if path is None:
            self.session.set_lean(factor_id, value)
        else:
            self.session.set_path_lean(path.id, factor_id, value)

    def set_dealbreaker(self, factor_id: str, on: bool) -> None:
        path = self.shown_path()
        if path is None:
            self.session.set_dealbreaker(factor_id, on)
        else:
            self.session.set_path_dealbreaker(path.id, factor_id, on)

    def clear(self, factor_id: str) -> None:
        """ "Not rated": for the SES, its weight and lean; for another path, that path's lean
        (the weight is every path's, so it stays)."""
        path = self.shown_path()
        if path is None:
            self.session.clear_rating(factor_id)
        else:
            self.session.set_path_lean(path.id, factor_id, None)

    # The panel's buttons ----------------------------------------------------------------------
    def add(self) -> None:
        assessment = self.session.assessment
        dialog = AddPathDialog([p.title for p in assessment.paths], self.window)
        if not dialog.exec():
            return
        title, kind = dialog.choice()
        try:
            path = new_path(assessment, title, kind)
        except ValueError as exc:
            QMessageBox.warning(self.window, "Add a path", str(exc))
            return
        self.showing = path.id  # rate it next: the sliders show the new path
        self.session.add_path(path)
        self.window.statusBar().showMessage(
            f"{path.title} added: set how each factor lands for it with the lean sliders.", 8000
        )

    def rename(self, path_id: str) -> None:
        path = self.session.assessment.path(path_id)
        title, ok = QInputDialog.getText(
            self.window, "Rename the path", "New name:", QLineEdit.EchoMode.Normal, path.title
        )
        if not ok:
            return
        try:
            self.session.rename_path(path_id, title)
        except ValueError as exc:
            QMessageBox.warning(self.window, "Rename the path", str(exc))

    def remove(self, path_id: str) -> None:
        title = self.session.assessment.path(path_id).title
        self.showing = SES_ID
        self.session.remove_path(path_id)
        self.window.statusBar().showMessage(
            f"{title} taken out. Edit \u203a Undo brings it back.", 6000
        )
