"""The main window: verdict on top, the pages below (Decide first), the menus.

The pages are registered in `PAGES`, so a new page is one line. Every page is built when first shown
and redrawn only when a change it watches arrives while it is shown (else when it is next shown).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QSettings, Qt
from PySide6.QtGui import QAccessible, QAccessibleEvent, QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ses_decider import APP_NAME
from ses_decider.core.content import catalogue
from ses_decider.ops import Changes
from ses_decider.ui.file_commands import FileCommands
from ses_decider.ui.path_commands import PathCommands
from ses_decider.ui.people_commands import PeopleCommands
from ses_decider.ui.session import Session
from ses_decider.ui.widgets.contribution_chart import ContributionChart
from ses_decider.ui.widgets.factor_rows import FactorList
from ses_decider.ui.widgets.gut_check import GutCheckPanel
from ses_decider.ui.widgets.notice_strip import NoticeStrip
from ses_decider.ui.widgets.paths_panel import PathsPanel
from ses_decider.ui.widgets.pinned_header import PinnedHeaderScrollArea
from ses_decider.ui.widgets.solidity_panel import SolidityPanel
from ses_decider.ui.widgets.verdict_banner import NO_VERDICT_YET, VerdictBanner

DECIDE_WATCHES = Changes.current() | Changes.PERSON
# The desk shows everyone's verdict, change, quadrant, difference, dates and the session log.
DESK_WATCHES = (
    Changes.current()
    | Changes.PERSON
    | Changes.PEOPLE
    | Changes.SNAPSHOTS
    | Changes.MENTOR
    | Changes.SESSIONS
    | Changes.DECIDING
)
PREFERRED_SIZE = (1280, 820)
COMPACT_BELOW = 600  # window heights (in Qt's pixels) that get the compact banner


def _readiness(window: MainWindow) -> QWidget:
    from ses_decider.ui.views.readiness_view import ReadinessView

    return ReadinessView(window.session)


def _deciding(window: MainWindow) -> QWidget:
    from ses_decider.ui.views.deciding_view import DecidingView

    return DecidingView(window.session)


def _history(window: MainWindow) -> QWidget:
    from ses_decider.ui.views.history_view import HistoryView

    return HistoryView(window.session)


def _mentor(window: MainWindow) -> QWidget:
    from ses_decider.ui.views.mentor_view import MentorView

    return MentorView(window.session)


def _applying(window: MainWindow) -> QWidget:
    from ses_decider.ui.views.applying_view import ApplyingView

    return ApplyingView(window.session)


def _mentees(window: MainWindow) -> QWidget:
    from ses_decider.ui.views.mentees_view import MenteesView

    return MenteesView(window.session, open_person=window.open_on_decide)


def _about(window: MainWindow) -> QWidget:
    from ses_decider.ui.views.about_view import AboutView

    return AboutView()


def _scrolling(panel: QWidget | None, name: str) -> QScrollArea:
    area = QScrollArea()
    if panel is not None:
        area.setWidget(panel)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setAccessibleName(name)
    # No Tab stop of its own (it would show no focus): Tab goes to the controls in it, and the
    # area scrolls to show each one.
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return area


def _room_on(area) -> tuple[int, int]:
    """The largest window size for a screen's available area: room is left for the frame the
    window manager adds around the client area."""
    return area.width() - 16, area.height() - 40


def _plain(title: str) -> str:
    """A tab title without its mnemonic: "Fit && &readiness" -> "Fit & readiness"."""
    return title.replace("&&", "\0").replace("&", "").replace("\0", "&")


@dataclass(frozen=True)
class Page:
    """A page after Decide: its tab title, how to build it, and the changes it redraws for."""

    key: str
    title: str
    build: Callable[[MainWindow], QWidget]
    watches: Changes


PAGES: tuple[Page, ...] = (
    Page(
        "deciding",
        "Decide &well",
        _deciding,
        Changes.current() | Changes.PERSON | Changes.DECIDING | Changes.SNAPSHOTS,
    ),
    Page(
        "readiness",
        "Fit && &readiness",
        _readiness,
        Changes.current() | Changes.PERSON | Changes.STORIES,
    ),
    Page(
        "history",
        "His&tory",
        _history,
        Changes.current() | Changes.PERSON | Changes.SNAPSHOTS | Changes.DECISION,
    ),
    Page(
        "mentor",
        "&Mentor",
        _mentor,
        Changes.current() | Changes.PERSON | Changes.MENTOR | Changes.NOTES,
    ),
    Page("applying", "A&pplying", _applying, Changes.STORIES | Changes.PERSON | Changes.READINESS),
    Page("mentees", "Mentee&s", _mentees, DESK_WATCHES),
    Page("about", "&About the SES", _about, Changes.NONE),
)


class MainWindow(QMainWindow):
    def __init__(self, session: Session):
        super().__init__()
        self.session = session
        self.setWindowTitle(APP_NAME)
        self.setAcceptDrops(True)  # drop an exported file onto the window to import it
        self.files = FileCommands(self)
        self.people = PeopleCommands(self)

        self.banner = VerdictBanner()
        self.banner.explain_requested.connect(self.show_formula)
        self.demo_bar = self._make_demo_bar()

        self.factor_list = FactorList(catalogue())
        self.factor_list.header.weigh_button.clicked.connect(lambda: self.weigh_other_ways())
        scroll = PinnedHeaderScrollArea(self.factor_list.header, self.factor_list)
        scroll.setAccessibleName("Factors")
        # No Tab stop of its own (it showed no focus): Tab goes into the rows, and the area
        # scrolls to show each control it reaches.
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.factor_scroll = scroll
        # Other paths beside the SES: which one the lean sliders show, and their scores.
        self.path_commands = PathCommands(self)
        self.paths_panel = PathsPanel()
        self.paths_panel.path_chosen.connect(self.path_commands.choose)
        self.paths_panel.add_requested.connect(self.path_commands.add)
        self.paths_panel.rename_requested.connect(self.path_commands.rename)
        self.paths_panel.remove_requested.connect(self.path_commands.remove)
        rows = QWidget()
        rows_layout = QVBoxLayout(rows)
        rows_layout.setContentsMargins(0, 0, 0, 0)
        rows_layout.addWidget(self.paths_panel)
        rows_layout.addWidget(scroll, 1)
        self.chart = ContributionChart()
        self.solidity = SolidityPanel()
        self.gut = GutCheckPanel()
        self.gut.gut_changed.connect(self.session.set_gut)
        self.side_tabs = QTabWidget()
        self.side_tabs.addTab(_scrolling(self.chart, "Why this verdict"), "Why this &verdict")
        # Text that wraps in a narrow panel scrolls rather than pushing the window off a small
        # screen (1024x768, or 200%).
        self.side_tabs.addTab(_scrolling(self.solidity, "How solid is it"), "How so&lid is it")
        self.side_tabs.addTab(_scrolling(self.gut, "Gut check"), "&Gut check")
        self.side_tabs.setAccessibleName("Explanations")
        # Each explanation is redrawn while its tab is shown, and when its tab is chosen after a
        # change: a slider move redraws one panel, not three (tipping points cost the most).
        self._side_panels = (self.chart, self.solidity, self.gut)
        self._side_stale: set[int] = set()
        self.side_tabs.currentChanged.connect(self._refresh_side_panel)
        self.side_tabs.tabBar().setAccessibleName("Explanation tabs")

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(rows)
        splitter.addWidget(self.side_tabs)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([850, 410])
        # Small minimums: at 1024x768 or 200% the window still fits the screen (the table then
        # scrolls sideways rather than pushing the window off the screen).
        scroll.setMinimumWidth(300)
        # As wide as its three tabs (and the charts' labels) need.
        self.side_tabs.setMinimumWidth(max(280, self.side_tabs.tabBar().sizeHint().width() + 6))

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addWidget(self.banner)
        layout.addWidget(self.demo_bar)
        self.review_bar = NoticeStrip()  # room of its own: a notice never pushes the pages down
        layout.addWidget(self.review_bar)
        self.pages = QTabWidget()
        self.pages.setAccessibleName("Views")
        self.pages.tabBar().setAccessibleName("View tabs")
        self.pages.addTab(splitter, "&Decide")
        # Built when first shown: their content (and its validation) is not needed at start-up.
        self.page_views: dict[str, QWidget] = {}
        self._holders: dict[int, tuple[Page, QWidget]] = {}
        self._stale: dict[str, Changes] = {}
        for page in PAGES:
            # Each page scrolls as a whole when the window is smaller than it (1024x768, 200%):
            # nothing is cut off, nothing needs a bigger window to reach.
            holder = _scrolling(
                None, page.title.replace("&&", "\0").replace("&", "").replace("\0", "&")
            )
            holder.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
            self._holders[self.pages.addTab(holder, page.title)] = (page, holder)
        self.pages.currentChanged.connect(self._on_page_changed)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)

        self._make_toolbar()
        self._make_menus()
        self.save_state = QLabel()
        self.statusBar().addPermanentWidget(self.save_state)

        session.changed.connect(self.on_changed)
        session.saved.connect(lambda: self.save_state.setText("All changes saved"))
        session.save_failed.connect(self.on_save_failed)
        session.failed.connect(self.on_failed)
        self._save_error_shown = False
        self._last_verdict = None
        self._evidence = None  # the story bank's evidence, read once per change to it
        self._place_on_screen()
        # The rows join the window once it is shown: Qt's tab widget lays its page out only after
        # showing it at a provisional size, so the rows (the costliest layout: every wrapped
        # label) would be laid out twice on the way to the first paint.
        self.factor_scroll.hide()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self.factor_scroll.isHidden():
            self.factor_scroll.show()
            self._stay_on_screen()

    # Building ---------------------------------------------------------------------------------
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
        self._start_button = start
        start.setAccessibleName("Start my own assessment")
        start.clicked.connect(self.people.new_person)
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
        files, people = self.files, self.people
        file_menu = self.menuBar().addMenu("&File")
        self._action(
            file_menu, "&New person\u2026", people.new_person, QKeySequence.StandardKey.New
        )
        self._action(
            file_menu, "&Import a file\u2026", files.import_file, QKeySequence.StandardKey.Open
        )
        self._action(file_menu, "&Export assessment\u2026", files.export_file, "Ctrl+E")
        self._action(file_menu, "Export &brief\u2026", files.export_brief, "Ctrl+Shift+E")
        self._action(file_menu, "&Print\u2026", files.print_brief, QKeySequence.StandardKey.Print)
        file_menu.addSeparator()
        self._action(
            file_menu, "Take &snapshot\u2026", files.take_snapshot, QKeySequence.StandardKey.Save
        )
        file_menu.addSeparator()
        self._action(file_menu, "&Delete all my data\u2026", files.delete_all_data)
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", self.close, QKeySequence.StandardKey.Quit)

        people_menu = self.menuBar().addMenu(
            "Pe&ople"
        )  # Alt+P is kept for a page tab ("A&pplying")
        self._action(
            people_menu, "&Find a person\u2026", people.find_person, QKeySequence.StandardKey.Find
        )
        self._action(people_menu, "&Rename this person\u2026", people.rename_person, "F2")
        self._action(people_menu, "&Delete this person\u2026", people.delete_person)
        self.undelete_action = self._action(
            people_menu, "&Bring back the deleted person", people.bring_back
        )
        self.undelete_action.setEnabled(False)
        people_menu.addSeparator()
        self._action(people_menu, "E&xport person file (with history)\u2026", files.export_person)

        edit_menu = self.menuBar().addMenu("&Edit")
        stack = self.session.undo_stack
        undo = stack.createUndoAction(self, "&Undo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = stack.createRedoAction(self, "&Redo")
        redo.setShortcuts(QKeySequence.StandardKey.Redo)  # the platform's keys, each bound once
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
        self._action(help_menu, "How is this &computed?", self.show_formula)
        self._action(help_menu, "Show the &tour again", self.show_tour)
        self._action(help_menu, "&Restore from backup\u2026", files.restore_from_backup)
        self._action(help_menu, f"&About {APP_NAME}", self.show_about)

    def _action(self, menu, text: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        return action

    # Size and place ---------------------------------------------------------------------------
    def _settings(self) -> QSettings:
        return QSettings(str(self.data_folder() / "window.ini"), QSettings.Format.IniFormat)

    def _stay_on_screen(self) -> None:
        """Back inside the screen if showing made the window bigger than it was placed: Qt sizes
        it at show from size hints that can predate the last change (the path bar's controls just
        hidden, say) and never shrinks it once they settle (a 200% screen of 1400x900)."""
        screen = self.screen()
        area = screen.availableGeometry() if screen else None
        if area is None:
            return
        room_width, room_height = _room_on(area)
        if self.width() <= room_width and self.height() <= room_height:
            return
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)  # hints up to date
        self.resize(min(self.width(), room_width), min(self.height(), room_height))
        self.move(
            max(area.x(), min(self.x(), area.right() - self.frameGeometry().width())),
            max(area.y(), min(self.y(), area.bottom() - self.frameGeometry().height())),
        )

    def _place_on_screen(self) -> None:
        """The last size and place if it still fits a screen; else the preferred size, shrunk to
        the screen's available area (at 1024x768 the whole window, tabs and all, is on screen)."""
        saved = self._settings().value("geometry")
        if saved is not None and self.restoreGeometry(saved):
            screen = QGuiApplication.screenAt(self.frameGeometry().center())
            if screen is not None and screen.availableGeometry().contains(self.frameGeometry()):
                return
        screen = QGuiApplication.primaryScreen()
        area = screen.availableGeometry() if screen else None
        width, height = PREFERRED_SIZE
        if area is not None:
            room_width, room_height = _room_on(area)
            width, height = min(width, room_width), min(height, room_height)
        self.resize(width, height)
        if area is not None:
            self.move(
                area.x() + (area.width() - self.frameGeometry().width()) // 2,
                area.y() + max(0, (area.height() - self.frameGeometry().height()) // 2),
            )

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        # A short window (a small screen, or 200%) gives the rows the room: a smaller banner,
        # and the table's "Other ways to weigh" button only in the Edit menu (Ctrl+Shift+W).
        compact = self.height() < COMPACT_BELOW
        self.banner.set_compact(compact)
        self.paths_panel.set_compact(compact)
        self.factor_list.header.weigh_button.setVisible(not compact)

    # Reacting to the session ------------------------------------------------------------------
    def on_changed(self, changes: Changes) -> None:
        if changes & (Changes.STORIES | Changes.PERSON | Changes.PEOPLE):
            self._evidence = None
        if changes & Changes.PEOPLE:
            self.reload_people()
        if self.session.person is None:
            return
        if changes & Changes.PERSON:
            self.on_person_changed()
        if changes & (Changes.FACTORS | Changes.PERSON):
            self.rebuild_rows()
        if changes & (Changes.FACTORS | Changes.PERSON | Changes.DECIDING):
            self.mark_own_reasons()
        if changes & DECIDE_WATCHES:
            self.refresh()
        elif changes & Changes.STORIES:  # stories count on "Am I ready?"
            assessment, evaluation = self.session.assessment, self.session.evaluation
            self.banner.show_quadrant(self._axes(assessment, evaluation))
        if changes & ~(Changes.RATINGS | Changes.FACTORS) or self.session.assessment.paths:
            self.show_notices()  # with other paths, an SES lean can change which scores higher
        for page, _ in self._holders.values():
            if changes & page.watches:
                self._stale[page.key] = self._stale.get(page.key, Changes.NONE) | changes
        self._refresh_current_page()

    def rebuild_rows(self) -> None:
        assessment = self.session.assessment
        for row in self.factor_list.rebuild(assessment.factors, assessment.hidden):
            row.weight_moved.connect(self.session.set_weight)
            # The lean and dealbreaker of the path the sliders show (the SES's own by default).
            row.lean_moved.connect(self.path_commands.set_lean)
            row.dealbreaker_toggled.connect(self.path_commands.set_dealbreaker)
            row.note_requested.connect(self.edit_note)
            row.hide_requested.connect(self.hide_factor)
            row.certainty_chosen.connect(self.session.set_certainty)
            row.clear_requested.connect(self.path_commands.clear)
        self._attach_pay_calculator()
        self._rebuild_hidden_menu()
        self._order_tab_stops()

    def _order_tab_stops(self) -> None:
        """Tab in reading order: the person, the verdict's explanation, the demo's way out, the
        pages, then (on Decide) the paths, the rows top to bottom, and the explanations beside
        them. Widgets made later (the toolbar, the rows) would otherwise come where Qt put them."""
        chain = [self.person_combo, self.banner.explain, self._start_button, self.pages.tabBar()]
        chain += [*self.paths_panel.tab_stops(), self.factor_list.header.weigh_button]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)
        rows = list(self.factor_list.rows.values())
        if rows:
            # The last row's last Tab stop, in the row's own order; the side tabs come after it.
            last = end = rows[-1]
            probe = last.nextInFocusChain()
            while probe is not None and last.isAncestorOf(probe):
                if probe.focusPolicy() & Qt.FocusPolicy.TabFocus:
                    end = probe
                probe = probe.nextInFocusChain()
            QWidget.setTabOrder(end, self.side_tabs.tabBar())

    def mark_own_reasons(self) -> None:
        """A small label on the rows whose factor came from the person's own reasons."""
        from ses_decider.ops.views import has_records

        covered: set[str] = set()
        if self.session.read(has_records, self.session.person.id, "own_reasons"):
            from ses_decider.core.deciding import covered_factor_ids
            from ses_decider.ops.deciding import deciding_records

            records = self.session.read(deciding_records, self.session.person.id)
            covered = covered_factor_ids(records.own_reasons)
        for factor_id, row in self.factor_list.rows.items():
            mine = factor_id in covered
            row.mark.setText("\u270d from your reasons" if mine else "")
            row.mark.setVisible(mine)
            row.setAccessibleDescription("From your own reasons" if mine else "")

    def refresh(self) -> None:
        """Redraw what depends on ratings: banner, row labels, chart."""
        assessment, evaluation = self.session.assessment, self.session.evaluation
        self.banner.show_evaluation(assessment, evaluation)
        if evaluation.verdict is not self._last_verdict:
            if self._last_verdict is not None:
                # In the banner's words: no "NOT ENOUGH INPUT" beside a banner saying "no verdict".
                word = self.banner.word.text()
                said = f"Verdict is now {word}" if word != NO_VERDICT_YET else "No verdict yet"
                self.announce(said)
            self._last_verdict = evaluation.verdict
        shown = self.path_commands.row_view(evaluation)
        path = self.path_commands.shown_path()
        for factor_id, row in self.factor_list.rows.items():
            row.show_rating(*shown[factor_id])
            for_path = f" for {path.title}" if path is not None else ""
            name = f"Lean of {row.factor.title}{for_path}"
            if row.lean.accessibleName() != name:
                row.lean.setAccessibleName(name)
        self.paths_panel.show_paths(assessment, evaluation, self.path_commands.showing)
        self._side_stale = set(range(len(self._side_panels)))
        self._refresh_side_panel(self.side_tabs.currentIndex())
        self.banner.show_quadrant(self._axes(assessment, evaluation))
        if self.session.dirty:
            self.save_state.setText("Saving\u2026")

    def _refresh_side_panel(self, index: int) -> None:
        if index in self._side_stale and self.session.person is not None:
            self._side_stale.discard(index)
            self._side_panels[index].show_evaluation(
                self.session.assessment, self.session.evaluation
            )

    def _attach_pay_calculator(self) -> None:
        """The "Pay in dollars…" button on the Pay row; the calculator (ui/pay_dialog.py, with the
        pay tables) loads when it is first opened, not at start-up."""
        row = self.factor_list.rows.get("pay")
        if row is None:
            return
        button = QToolButton(row)
        button.setText("Pay in dollars\u2026")
        button.setAccessibleName("Pay in dollars: the 2026 pay calculator")
        button.setToolTip("Compare your GS pay with SES pay, per year and per hour worked")
        button.clicked.connect(self.open_pay_calculator)
        row.add_tool(button)

    def open_pay_calculator(self) -> None:
        from ses_decider.ui.pay_dialog import PayDialog

        PayDialog(self.session, self).exec()

    def _axes(self, assessment, evaluation):
        """Both axes, once the person has started on fit or readiness (else None: no 2x2 yet)."""
        if assessment.readiness is None and not assessment.fit:
            return None
        from ses_decider.core.readiness import axes

        return axes(assessment, evaluation, self._story_evidence())

    def _story_evidence(self):
        """The story bank as "Am I ready?" takes it; read again only after a change to it (not on
        every slider move)."""
        if self._evidence is None:
            from ses_decider.ops.applying import story_evidence

            self._evidence = self.session.read(story_evidence, self.session.person.id)
        return self._evidence

    def page(self, key: str) -> QWidget | None:
        """A page's view, if it has been built."""
        return self.page_views.get(key)

    def show_page(self, key: str) -> QWidget:
        """Switch to a page (building it if need be) and return its view."""
        for index, (page, _) in self._holders.items():
            if page.key == key:
                self.pages.setCurrentIndex(index)
                return self.page_views[key]
        raise KeyError(key)

    def _on_page_changed(self, index: int) -> None:
        page, holder = self._holders.get(index, (None, None))
        if page is not None and page.key not in self.page_views:
            view = page.build(self)
            holder.setWidget(view)
            view.show()  # a child added to a visible parent is otherwise shown only later
            self.page_views[page.key] = view
            self._stale[page.key] = Changes.everything()
        self._refresh_current_page()

    def _refresh_current_page(self) -> None:
        """Pages other than Decide redraw only while they are shown."""
        page, _ = self._holders.get(self.pages.currentIndex(), (None, None))
        if page is None or page.key not in self.page_views or self.session.person is None:
            return
        changes = self._stale.pop(page.key, Changes.NONE)
        if changes:
            self.page_views[page.key].refresh()

    def announce(self, text: str) -> None:
        """Say a change out loud to assistive technology, and show it in the status bar."""
        self.statusBar().showMessage(text, 5000)
        event = QAccessibleEvent(self.banner, QAccessible.Event.Alert)
        QAccessible.updateAccessibility(event)

    def on_person_changed(self) -> None:
        self.path_commands.showing = "ses"  # another person: the sliders show their SES leans
        person = self.session.person
        self.setWindowTitle(f"{person.name} \u2014 {APP_NAME}")
        self.demo_bar.setVisible(person.is_demo)
        self.show_notices()
        index = self.person_combo.findData(person.id)
        if index >= 0:
            self.person_combo.setCurrentIndex(index)

    def show_notices(self) -> None:
        """What is due for this person, under the verdict (see ui/notices.py)."""
        from ses_decider.ui.notices import notices

        self.review_bar.set_notices(notices(self.session))

    def reload_people(self) -> None:
        from ses_decider.core.records import display_names

        self.person_combo.clear()
        people = self.session.people()
        names = display_names(people)
        for person in people:
            self.person_combo.addItem(names[person.id], person.id)
        if self.session.person:
            self.person_combo.setCurrentIndex(self.person_combo.findData(self.session.person.id))

    def on_save_failed(self, message: str) -> None:
        self.save_state.setText("Not saved yet \u2014 will retry")
        if not self._save_error_shown:
            self._save_error_shown = True
            QMessageBox.warning(
                self,
                "Could not save",
                f"Your changes could not be saved: {message} They stay on screen and will be "
                "saved when possible.",
            )

    def on_failed(self, message: str) -> None:
        QMessageBox.warning(self, APP_NAME, message)

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

    # Commands ---------------------------------------------------------------------------------
    def open_on_decide(self, person_id: int) -> None:
        """Make a person current and show them on the Decide page (the desk's Enter)."""
        if self.session.person is None or person_id != self.session.person.id:
            self.session.open_person(person_id)
        self.pages.setCurrentIndex(0)

    def _on_person_chosen(self, index: int) -> None:
        person_id = self.person_combo.itemData(index)
        if self.session.person is None or person_id != self.session.person.id:
            self.session.open_person(person_id)

    def weigh_other_ways(self, method: str = "rank") -> None:
        from ses_decider.ui.weighting_dialog import WeighingDialog

        dialog = WeighingDialog(self.session.assessment, self, method=method)
        if dialog.exec():
            self.session.replace_assessment(dialog.updated_assessment(), dialog.method_label())

    def add_factor(self) -> None:
        from ses_decider.ui.dialogs import FactorDialog

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
        from ses_decider.ui.dialogs import NoteDialog

        dialog = NoteDialog(factor.title, self.session.assessment.ratings[factor_id].note, self)
        if dialog.exec():
            self.session.set_note(factor_id, dialog.text())

    def data_folder(self) -> Path:
        return self.session.data_folder()

    def show_help(self) -> None:
        from ses_decider.ui.help_view import HelpDialog

        HelpDialog(self.data_folder(), self, thresholds=self.session.assessment.thresholds).exec()

    def show_tour(self) -> None:
        from ses_decider.ui.first_run import FirstRunTour, tour_targets

        FirstRunTour(self, tour_targets(self)).exec()

    def show_formula(self) -> None:
        from ses_decider.core.explain import formula_lines
        from ses_decider.ui.dialogs import FormulaDialog

        FormulaDialog(formula_lines(self.session.assessment, self.session.evaluation), self).exec()

    def show_about(self) -> None:
        from ses_decider import __version__

        QMessageBox.about(
            self,
            f"About {APP_NAME}",
            f"{APP_NAME} {__version__}\n\nWeigh the trade-offs of aiming for the Senior Executive "
            "Service. Everything stays on this computer; the app never uses the network.",
        )

    # Drag and drop, closing -------------------------------------------------------------------
    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt's name
        urls = event.mimeData().urls()
        if urls and all(u.isLocalFile() and u.toLocalFile().endswith(".json") for u in urls):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt's name
        for url in event.mimeData().urls():
            self.files.import_file(url.toLocalFile())
        event.acceptProposedAction()

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
        settings, geometry = self._settings(), self.saveGeometry()
        if settings.value("geometry") != geometry:  # unchanged: the file is left as it is
            settings.setValue("geometry", geometry)
            settings.sync()  # on disk now: the process ends without tearing objects down
        event.accept()
