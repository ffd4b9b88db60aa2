"""The main window: verdict on top, the pros-and-cons table, and the chart that explains the score."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAccessibleEvent, QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ses_decider import APP_NAME
from ses_decider.core.content import blank_assessment, catalogue
from ses_decider.core.explain import formula_lines
from ses_decider.core.model import Verdict
from ses_decider.ui.dialogs import FactorDialog, FormulaDialog, NoteDialog
from ses_decider.ui.file_commands import FileCommands
from ses_decider.ui.session import Session
from ses_decider.ui.widgets.contribution_chart import ContributionChart
from ses_decider.ui.widgets.factor_rows import FactorList
from ses_decider.ui.widgets.gut_check import GutCheckPanel
from ses_decider.ui.widgets.solidity_panel import SolidityPanel
from ses_decider.ui.widgets.verdict_banner import VerdictBanner


class MainWindow(FileCommands, QMainWindow):
    def __init__(self, session: Session):
        super().__init__()
        self.session = session
        self.setWindowTitle(APP_NAME)
        self.setAcceptDrops(True)  # drop an exported file onto the window to import it
        self.resize(1280, 820)

        self.banner = VerdictBanner()
        self.banner.explain_requested.connect(self.show_formula)
        self.demo_bar = self._make_demo_bar()

        self.factor_list = FactorList(catalogue())
        self.factor_list.header.weigh_button.clicked.connect(lambda: self.weigh_other_ways())
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.factor_list)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.chart = ContributionChart()
        self.solidity = SolidityPanel()
        self.gut = GutCheckPanel()
        self.gut.gut_changed.connect(self.session.set_gut)
        self.side_tabs = QTabWidget()
        self.side_tabs.addTab(self.chart, "&Why this verdict")
        self.side_tabs.addTab(self.solidity, "How &solid is it")
        self.side_tabs.addTab(self.gut, "&Gut check")
        self.side_tabs.setAccessibleName("Explanations")
        self.side_tabs.tabBar().setAccessibleName("Explanation tabs")

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(scroll)
        splitter.addWidget(self.side_tabs)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([850, 410])
        scroll.setMinimumWidth(560)
        self.side_tabs.setMinimumWidth(320)

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addWidget(self.banner)
        layout.addWidget(self.demo_bar)
        self.review_bar = QLabel()
        self.review_bar.setWordWrap(True)
        self.review_bar.setObjectName("reviewBar")
        self.review_bar.hide()
        layout.addWidget(self.review_bar)
        self.pages = QTabWidget()
        self.pages.setAccessibleName("Views")
        self.pages.tabBar().setAccessibleName("View tabs")
        self.pages.addTab(splitter, "&Decide")
        # Built when first opened: their content (and its validation) is not needed at start-up.
        self._lazy_pages = {}
        for title, factory in (
            ("&Fit && readiness", self._make_readiness_view),
            ("&History", self._make_history_view),
            ("&Mentor", self._make_mentor_view),
            ("&About the SES", self._make_about_view),
        ):
            holder = QWidget()
            QVBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
            self._lazy_pages[self.pages.addTab(holder, title)] = (holder, factory)
        self.pages.currentChanged.connect(self._on_page_changed)
        self.readiness_view = self.history_view = self.mentor_view = None
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)

        self._make_toolbar()
        self._make_menus()
        self.save_state = QLabel()
        self.statusBar().addPermanentWidget(self.save_state)

        session.changed.connect(self.refresh)
        session.factors_changed.connect(self.rebuild_rows)
        session.person_changed.connect(self.on_person_changed)
        session.people_changed.connect(self.reload_people)
        session.saved.connect(lambda: self.save_state.setText("All changes saved"))
        session.save_failed.connect(self.on_save_failed)
        self._save_error_shown = False
        self._last_verdict = None
        self.reload_people()

    # Building -------------------------------------------------------------------------------
    def _make_demo_bar(self) -> QWidget:
        bar = QWidget()
        layout = QHBoxLayout(bar)
        layout.setContentsMargins(4, 2, 4, 2)
        text = QLabel(
            "You are looking at a sample person. Move the sliders to explore, "
            "or start your own assessment."
        )
        text.setWordWrap(True)
        start = QPushButton("Start my own assessment\u2026")
        start.setAccessibleName("Start my own assessment")
        start.clicked.connect(self.new_person)
        layout.addWidget(text, 1)
        layout.addWidget(start)
        return bar

    def _make_toolbar(self) -> None:
        toolbar = QToolBar("People")
        toolbar.setObjectName("peopleToolbar")
        toolbar.setMovable(False)
        label = QLabel(" Person: ")
        self.person_combo = QComboBox()
        self.person_combo.setMinimumWidth(220)
        self.person_combo.setAccessibleName("Current person")
        # Type to search: with 200 mentees a plain list is too long to scroll.
        self.person_combo.setEditable(True)
        self.person_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.person_combo.completer().setFilterMode(Qt.MatchFlag.MatchContains)
        self.person_combo.completer().setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.person_combo.lineEdit().setPlaceholderText("Type a name to search")
        self.person_combo.lineEdit().setAccessibleName("Search people")
        label.setBuddy(self.person_combo)
        self.person_combo.activated.connect(self._on_person_chosen)
        toolbar.addWidget(label)
        toolbar.addWidget(self.person_combo)
        self.addToolBar(toolbar)

    def _make_menus(self) -> None:
        stack = self.session.undo_stack
        file_menu = self.menuBar().addMenu("&File")
        self._action(file_menu, "&New person\u2026", self.new_person, QKeySequence.StandardKey.New)
        self._action(
            file_menu, "&Import a file\u2026", self.import_file, QKeySequence.StandardKey.Open
        )
        self._action(file_menu, "&Export assessment\u2026", self.export_file, "Ctrl+E")
        self._action(file_menu, "Export &brief\u2026", self.export_brief, "Ctrl+Shift+E")
        self._action(file_menu, "&Print\u2026", self.print_brief, QKeySequence.StandardKey.Print)
        file_menu.addSeparator()
        self._action(
            file_menu, "Take &snapshot\u2026", self.take_snapshot, QKeySequence.StandardKey.Save
        )
        file_menu.addSeparator()
        self._action(file_menu, "&Delete all my data\u2026", self.delete_all_data)
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", self.close, QKeySequence.StandardKey.Quit)

        people_menu = self.menuBar().addMenu("&People")
        self._action(
            people_menu, "&Find a person\u2026", self.find_person, QKeySequence.StandardKey.Find
        )
        self._action(people_menu, "&Rename this person\u2026", self.rename_person, "F2")
        self._action(people_menu, "&Delete this person\u2026", self.delete_person)
        self.undelete_action = self._action(
            people_menu, "&Bring back the deleted person", self.undelete_person
        )
        self.undelete_action.setEnabled(False)
        people_menu.addSeparator()
        self._action(people_menu, "E&xport person file (with history)\u2026", self.export_person)

        edit_menu = self.menuBar().addMenu("&Edit")
        undo = stack.createUndoAction(self, "&Undo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = stack.createRedoAction(self, "&Redo")
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence.StandardKey.Redo])
        edit_menu.addAction(undo)
        edit_menu.addAction(redo)
        edit_menu.addSeparator()
        self._action(edit_menu, "&Add a factor of your own\u2026", self.add_factor, "Ctrl+Shift+N")
        self.hidden_menu = edit_menu.addMenu("Show a &hidden factor")
        edit_menu.addSeparator()
        self._action(
            edit_menu,
            "Other ways to set your &weights\u2026",
            self.weigh_other_ways,
            "Ctrl+Shift+W",
        )

        help_menu = self.menuBar().addMenu("&Help")
        self._action(
            help_menu, "SES Decider &help", self.show_help, QKeySequence.StandardKey.HelpContents
        )
        self._action(help_menu, "&How is this computed?", self.show_formula)
        self._action(help_menu, "Show the &tour again", self.show_tour)
        self._action(help_menu, "&Restore from backup\u2026", self.restore_from_backup)
        self._action(help_menu, f"&About {APP_NAME}", self.show_about)

    def _action(self, menu, text: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    # Reacting to the session ----------------------------------------------------------------
    def rebuild_rows(self) -> None:
        assessment = self.session.assessment
        for row in self.factor_list.rebuild(assessment.factors, assessment.hidden):
            row.weight_moved.connect(self.session.set_weight)
            row.lean_moved.connect(self.session.set_lean)
            row.dealbreaker_toggled.connect(self.session.set_dealbreaker)
            row.note_requested.connect(self.edit_note)
            row.hide_requested.connect(self.hide_factor)
            row.certainty_chosen.connect(self.session.set_certainty)
        self._rebuild_hidden_menu()

    def refresh(self) -> None:
        """Redraw what depends on ratings: banner, row labels, chart. Runs on every edit."""
        assessment, evaluation = self.session.assessment, self.session.evaluation
        self.banner.show_evaluation(assessment, evaluation)
        if evaluation.verdict is not self._last_verdict:
            if self._last_verdict is not None:
                self.announce(f"Verdict is now {evaluation.verdict.label}")
            self._last_verdict = evaluation.verdict
        for factor_id, row in self.factor_list.rows.items():
            rating = assessment.ratings[factor_id]
            row.show_rating(rating, evaluation.shares.get(factor_id), rating.dealbreaker_hit)
        self.chart.show_evaluation(assessment, evaluation)
        self.solidity.show_evaluation(assessment, evaluation)
        self.gut.show_evaluation(assessment, evaluation)
        self.banner.show_quadrant(self._axes(assessment, evaluation))
        self._refresh_current_page()
        if self.session.dirty:
            self.save_state.setText("Saving\u2026")

    def _axes(self, assessment, evaluation):
        """Both axes, once the person has started on fit or readiness (else None: no 2x2 yet)."""
        if assessment.readiness is None and not assessment.fit:
            return None
        from ses_decider.core.readiness import axes

        return axes(assessment, evaluation)

    def _make_readiness_view(self) -> QWidget:
        from ses_decider.ui.views.readiness_view import ReadinessView

        self.readiness_view = ReadinessView(self.session)
        return self.readiness_view

    def _make_history_view(self) -> QWidget:
        from ses_decider.ui.views.history_view import HistoryView

        self.history_view = HistoryView(self.session)
        return self.history_view

    def _make_mentor_view(self) -> QWidget:
        from ses_decider.ui.views.mentor_view import MentorView

        self.mentor_view = MentorView(self.session)
        return self.mentor_view

    def _make_about_view(self) -> QWidget:
        from ses_decider.ui.views.about_view import AboutView

        return AboutView()

    def _on_page_changed(self, index: int) -> None:
        holder, factory = self._lazy_pages.get(index, (None, None))
        if factory is not None:
            view = factory()
            holder.layout().addWidget(view)
            view.show()  # a child added to a visible parent is otherwise shown only later
            self._lazy_pages[index] = (holder, None)
        self._refresh_current_page()

    def _refresh_current_page(self) -> None:
        """Pages other than Decide redraw only while they are shown."""
        for view in (self.readiness_view, self.history_view, self.mentor_view):
            if view is not None and view.isVisible():
                view.refresh()

    def announce(self, text: str) -> None:
        """Say a change out loud to assistive technology, and show it in the status bar."""
        self.statusBar().showMessage(text, 5000)
        event = QAccessibleEvent(self.banner, QAccessible.Event.Alert)
        QAccessible.updateAccessibility(event)

    def on_person_changed(self) -> None:
        person = self.session.person
        self.setWindowTitle(f"{person.name} \u2014 {APP_NAME}")
        self.demo_bar.setVisible(person.is_demo)
        due = person.review_on and person.review_on <= date.today().isoformat()
        self.review_bar.setText(
            f"\u23f0 Your review date ({person.review_on}) has come: look at your weights again "
            "and take a snapshot (File \u203a Take snapshot)."
            if due
            else ""
        )
        self.review_bar.setVisible(bool(due))
        self._refresh_current_page()
        index = self.person_combo.findData(person.id)
        if index >= 0:
            self.person_combo.setCurrentIndex(index)

    def reload_people(self) -> None:
        self.person_combo.clear()
        for person in self.session.repo.people():
            self.person_combo.addItem(person.name, person.id)
        if self.session.person:
            self.person_combo.setCurrentIndex(self.person_combo.findData(self.session.person.id))

    def on_save_failed(self, message: str) -> None:
        self.save_state.setText("Not saved yet \u2014 will retry")
        if not self._save_error_shown:
            self._save_error_shown = True
            QMessageBox.warning(
                self,
                "Could not save",
                "Your changes could not be saved to the database "
                f"({message}). They stay on screen and will be saved when possible.",
            )

    def _rebuild_hidden_menu(self) -> None:
        self.hidden_menu.clear()
        hidden = [
            f for f in self.session.assessment.factors if f.id in self.session.assessment.hidden
        ]
        for factor in hidden:
            action = self.hidden_menu.addAction(factor.title)
            action.triggered.connect(
                lambda _=False, fid=factor.id: self.session.set_hidden(fid, False)
            )
        self.hidden_menu.setEnabled(bool(hidden))

    # Commands -------------------------------------------------------------------------------
    def _on_person_chosen(self, index: int) -> None:
        person_id = self.person_combo.itemData(index)
        if self.session.person is None or person_id != self.session.person.id:
            self.session.open_person(person_id)

    def new_person(self) -> None:
        name, ok = QInputDialog.getText(self, "New person", "Name (for example, your own name):")
        if not ok or not name.strip():
            return
        if self.session.repo.person_by_name(name.strip()):
            QMessageBox.information(
                self, "New person", f"There is already a person called {name.strip()}."
            )
            return
        assessment = blank_assessment()
        assessment.gut_before = self.ask_gut_before()
        self.session.create_person(name.strip(), assessment)

    def ask_gut_before(self):
        """Before any weighing: what does the person's gut say? (Skippable.)"""
        box = QMessageBox(self)
        box.setWindowTitle("Gut check")
        box.setText("Before you weigh anything: what does your gut say about aiming for the SES?")
        box.setInformativeText("You can change this later under Gut check.")
        answers = {}
        for verdict in (Verdict.GO, Verdict.CLOSE_CALL, Verdict.NO_GO):
            button = box.addButton(verdict.label, QMessageBox.ButtonRole.AcceptRole)
            answers[button] = verdict
        box.addButton("Skip", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return answers.get(box.clickedButton())

    def weigh_other_ways(self, method: str = "rank") -> None:
        from ses_decider.ui.weighting_dialog import WeighingDialog

        dialog = WeighingDialog(self.session.assessment, self, method=method)
        if dialog.exec():
            self.session.replace_assessment(dialog.updated_assessment(), dialog.method_label())

    def add_factor(self) -> None:
        dialog = FactorDialog({f.id for f in self.session.assessment.factors}, self)
        if dialog.exec():
            self.session.add_factor(dialog.factor())

    def hide_factor(self, factor_id: str) -> None:
        factor = self.session.assessment.factor(factor_id)
        if factor.custom:
            self.session.remove_custom_factor(factor_id)
        else:
            self.session.set_hidden(factor_id, True)
        self.statusBar().showMessage(
            f"{factor.title} taken out. Edit \u203a Undo brings it back.", 6000
        )

    def edit_note(self, factor_id: str) -> None:
        factor = self.session.assessment.factor(factor_id)
        dialog = NoteDialog(factor.title, self.session.assessment.ratings[factor_id].note, self)
        if dialog.exec():
            self.session.set_note(factor_id, dialog.text())

    def data_folder(self) -> Path:
        return Path(self.session.repo.db.execute("PRAGMA database_list").fetchone()[2]).parent

    def show_help(self) -> None:
        from ses_decider.ui.help_view import HelpDialog

        HelpDialog(self.data_folder(), self).exec()

    def show_tour(self) -> None:
        from ses_decider.ui.first_run import FirstRunTour

        FirstRunTour(self).exec()

    def show_formula(self) -> None:
        FormulaDialog(formula_lines(self.session.assessment, self.session.evaluation), self).exec()

    def take_snapshot(self) -> None:
        label, ok = QInputDialog.getText(
            self,
            "Take a snapshot",
            "A label for this snapshot (e.g. \u201cbefore the detail\u201d):",
        )
        if not ok:
            return
        self.session.flush()
        self.session.repo.take_snapshot(self.session.person.id, self.session.assessment, label)
        self.statusBar().showMessage("Snapshot saved.", 4000)
        self._refresh_current_page()

    def show_about(self) -> None:
        from ses_decider import __version__

        QMessageBox.about(
            self,
            f"About {APP_NAME}",
            f"{APP_NAME} {__version__}\n\nWeigh the trade-offs of aiming for the Senior Executive "
            "Service. Everything stays on this computer; the app never uses the network.",
        )

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if not self.session.flush():
            answer = QMessageBox.question(
                self,
                "Unsaved changes",
                "Your latest changes could not be saved. Quit anyway and lose them?",
            )
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
        event.accept()
