"""File > Export brief and File > Print in the main window (dialogs bypassed, as a test must)."""

from __future__ import annotations

import pytest
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog, QMessageBox

from tests.report.conftest import needs_poppler, pdf_text
from tests.ui.conftest import db_path, window  # noqa: F401 - the main window fixture


def file_menu_actions(window):  # noqa: F811
    menu = window.menuBar().actions()[0].menu()
    return {a.text(): a for a in menu.actions()}


def test_file_menu_has_export_brief_and_print(window):  # noqa: F811
    actions = file_menu_actions(window)
    assert "Export &brief\u2026" in actions
    assert actions["&Print\u2026"].shortcut().toString() == "Ctrl+P"


@needs_poppler
def test_export_brief_through_the_file_dialog(window, tmp_path, monkeypatch):  # noqa: F811
    target = tmp_path / "my brief"  # no extension typed: the chosen filter decides
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "PDF document (*.pdf)")
    )
    window.session.set_note("pay", "Raised with my supervisor on 3 March")
    file_menu_actions(window)["Export &brief\u2026"].trigger()
    text = pdf_text(tmp_path / "my brief.pdf")
    assert window.session.person.name in text
    assert "Raised with my supervisor on 3 March" in text  # the live assessment, not a stale one
    assert "Brief saved" in window.statusBar().currentMessage()


def test_export_brief_failure_is_a_message_not_a_crash(window, tmp_path, monkeypatch):  # noqa: F811
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: shown.append(a[2]))
    window.files.export_brief(path=str(tmp_path / "missing" / "brief.html"))
    assert shown and "does not exist" in shown[0]
    assert not (tmp_path / "missing").exists()


@needs_poppler
def test_print_paints_the_same_brief_on_the_printer(window, tmp_path):  # noqa: F811
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    window.files.print_brief(printer=printer)
    text = pdf_text(tmp_path / "printed.pdf")
    assert window.session.person.name in text and "Page 1 of" in text


@pytest.fixture(autouse=True)
def _no_real_print_dialog(monkeypatch):
    from PySide6.QtPrintSupport import QPrintDialog

    monkeypatch.setattr(QPrintDialog, "exec", lambda self: 0)  # never block on a real dialog
