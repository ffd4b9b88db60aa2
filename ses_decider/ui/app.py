"""Start the GUI: application object, database, single-instance lock, main window."""

from __future__ import annotations

import gc
import linecache
import signal
import sys

from PySide6.QtCore import QEvent, QLockFile, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from ses_decider import APP_ID, APP_NAME, __version__
from ses_decider.storage.db import DatabaseProblem, database_path, ensure_private_dir, open_database
from ses_decider.storage.repository import Repository
from ses_decider.ui import import_check

import_check.make_cheap()  # before numpy, pyqtgraph and the views are imported


class _PaintWatcher(QObject):
    """Quits once any widget of the window has painted and the event queue is idle."""

    def __init__(self, window, app: QApplication):
        super().__init__(app)
        self.window, self.app = window, app

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if (
            event.type() == QEvent.Type.Paint
            and isinstance(watched, QWidget)
            and watched.window() is self.window
        ):
            self.app.removeEventFilter(self)
            QTimer.singleShot(0, self.app.quit)  # runs after pending events: the window is idle
        return False


def exit_when_painted(window, app: QApplication) -> None:
    """Used by --exit-after-start: exit 0 once the main window is painted and idle."""
    app.installEventFilter(_PaintWatcher(window, app))


def open_main_window(repo: Repository):
    """The session and main window on ``repo``, opened on the person to show first."""
    from ses_decider.ui import wheel_guard
    from ses_decider.ui.a11y import install_accessibility
    from ses_decider.ui.main_window import MainWindow
    from ses_decider.ui.session import Session

    # PySide6 reads the source of every module imported after it (looking for its __feature__
    # switches) and linecache keeps all of it: ~2 MB of text nothing reads again. Freed before the
    # window is built, that memory holds the window instead (start-up's peak memory).
    linecache.clearcache()
    install_accessibility()  # what a screen reader hears (cheap: asked only when one listens)
    session = Session(repo)
    window = MainWindow(session)
    session.open_someone()
    # The wheel scrolls pages, never a value by accident. Installed once the event loop runs: an
    # application-wide filter in Python would slow every event of the start-up down.
    QTimer.singleShot(0, wheel_guard.install)
    return session, window


def run(data_dir: str | None = None, exit_after_start: bool = False) -> int:
    """Open the app; returns the process exit status."""
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName(APP_ID)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)

    from ses_decider.storage.problems import READ_ONLY, StorageProblem

    path = database_path(data_dir)
    try:
        ensure_private_dir(path.parent)
    except (OSError, StorageProblem) as exc:
        QMessageBox.critical(None, APP_NAME, _storage_sentence(exc, path.parent))
        return 2
    lock = QLockFile(str(path.parent / "ses-decider.lock"))
    lock.setStaleLockTime(0)
    if not lock.tryLock(200):
        QMessageBox.information(
            None,
            APP_NAME,
            f"{APP_NAME} is already open on this computer with the same data. "
            "Switch to that window, or close it before opening another.",
        )
        return 1
    read_only = False
    try:
        db = open_database(path)
    except DatabaseProblem as exc:
        from ses_decider.ui.recovery import recover_on_open

        db = recover_on_open(exc, path)  # restore a backup, start anew (file kept), or quit
        if db is None:
            lock.unlock()
            return 2
    except StorageProblem as problem:
        if problem.kind != READ_ONLY or not path.exists():
            QMessageBox.critical(None, APP_NAME, str(problem))  # locked, full, not a folder...
            lock.unlock()
            return 2
        from ses_decider.storage.db import open_database_for_reading

        db = open_database_for_reading(path)  # look, but nothing can be saved
        read_only = True
    _daily_backup(db, path.parent)

    session, window = open_main_window(Repository(db))
    window.show()
    if read_only:
        QMessageBox.information(
            window,
            APP_NAME,
            f"{path} is read-only: you can look at everything, but no change can be saved. "
            "Make the file writable (or copy it somewhere you can write) to work on it.",
        )
    QTimer.singleShot(0, _collect_from_now_on)  # the CLI turns it off for start-up (see cli.main)

    # Quit cleanly (saving first) on SIGTERM/Ctrl+C; a timer lets Python see the signal.
    signal.signal(signal.SIGTERM, lambda *_: window.close())
    signal.signal(signal.SIGINT, lambda *_: window.close())
    heartbeat = QTimer()
    heartbeat.start(500)
    heartbeat.timeout.connect(lambda: None)

    if exit_after_start:
        exit_when_painted(window, app)
    else:
        from ses_decider.ui.first_run import maybe_show_tour

        QTimer.singleShot(300, lambda: maybe_show_tour(session, window))
    app.aboutToQuit.connect(session.flush)
    status = app.exec()
    session.flush()
    session.repo.db.close()  # the database now open: a restore or "delete all" may have replaced it
    lock.unlock()
    return status


def _collect_from_now_on() -> None:
    """The garbage collector back on, for what is made from now on. What start-up made (modules,
    classes, the window's widgets) lives as long as the app: frozen, the collector never scans it
    again. Without that its first pass would scan all of it at once (~15 ms of the first paint)."""
    gc.freeze()
    gc.enable()


def _storage_sentence(exc: BaseException, path) -> str:
    from ses_decider.storage.problems import describe_storage_error

    return describe_storage_error(exc, path) or str(exc)


def _daily_backup(db, folder) -> None:
    """A backup on start, at most once a day; failing to make one never stops the app."""
    import sqlite3

    from ses_decider.storage.safety import daily_backup

    try:
        daily_backup(db, folder)
    except (OSError, sqlite3.Error):
        pass
