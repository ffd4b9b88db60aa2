"""The two-page résumé: type or paste it, or open a .txt, .md or .docx file; see how many pages it
comes to in the standard layout, which stories it uses and which ECQs it leaves without evidence;
export it as a PDF in that layout.

The text is saved a moment after typing pauses (the ``save_resume`` operation, one undo step).
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ses_decider.core.applying_content import applying_content
from ses_decider.core.resume import ResumeFileError, check_resume, read_resume_file
from ses_decider.core.resume import rules_text as resume_rules
from ses_decider.ops import applying as ops
from ses_decider.ui.file_commands import documents_folder, suggested_path
from ses_decider.ui.session import Session

SAVE_AFTER_MS = 800
OPEN_FILTER = "Résumés (*.txt *.md *.docx);;Text (*.txt);;Markdown (*.md);;Word (*.docx)"


def layout_words() -> str:
    """The standard layout in words, with the font actually used on this machine."""
    from ses_decider.report.resume_pages import layout_font_family, resume_layout

    layout = resume_layout()
    family = layout_font_family(layout)
    words = f"US Letter, {layout.margin_in:g}-inch margins, {layout.font_pt:g}-point {family}"
    if family not in layout.families:
        wanted = ", ".join(layout.families[:-1]) + " or " + layout.families[-1]
        words += f" (none of {wanted} is installed here, so the count may run high)"
    return words


class ResumePanel(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.ecqs: list[tuple[str, str]] = []
        self._person_id: int | None = None
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_AFTER_MS)
        self._save_timer.timeout.connect(self.save_now)

        self.text = QPlainTextEdit()
        self.text.setAccessibleName("Your résumé as plain text")
        self.text.setPlaceholderText(
            "Type or paste your résumé here, or open a .txt, .md or .docx file."
        )
        self.text.textChanged.connect(self._typed)
        self.open_button = QPushButton("Open a file\u2026")
        self.open_button.setAccessibleName("Open a résumé file")
        self.open_button.clicked.connect(lambda: self.open_file())
        self.pdf_button = QPushButton("Export as PDF\u2026")
        self.pdf_button.setAccessibleName("Export the résumé as PDF")
        self.pdf_button.clicked.connect(lambda: self.export_pdf())
        left = QWidget()
        left_layout = QVBoxLayout(left)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.pdf_button)
        buttons.addStretch(1)
        left_layout.addLayout(buttons)
        left_layout.addWidget(self.text, 1)

        self.pages = QLabel()
        self.pages.setWordWrap(True)
        self.pages.setAccessibleName("How many pages the résumé comes to")
        self.used = QLabel()
        self.used.setWordWrap(True)
        self.used.setAccessibleName("Stories the résumé uses")
        self.missing = QLabel()
        self.missing.setWordWrap(True)
        self.missing.setAccessibleName("ECQs the résumé leaves without evidence")
        rules = QLabel("\n".join(resume_rules()))
        rules.setWordWrap(True)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        for label in (self.pages, self.used, self.missing, rules):
            right_layout.addWidget(label)
        right_layout.addStretch(1)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([700, 480])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    # Showing ----------------------------------------------------------------------------------
    def refresh(self, ecqs: list[tuple[str, str]]) -> None:
        person_id = self.session.person.id
        if person_id != self._person_id:
            before, self._person_id = self._person_id, person_id
            if self.pending and before is not None:
                self._save(before, undo_text=None)
        self.ecqs = list(ecqs)
        stored = self.session.read(ops.resume_of, person_id)
        text = stored.text if stored else ""
        if not self.pending and self.text.toPlainText() != text:
            self.text.blockSignals(True)
            self.text.setPlainText(text)
            self.text.blockSignals(False)
        self.show_check()

    def show_check(self) -> None:
        """Pages, the stories used and the ECQs without evidence, for the text on screen."""
        from ses_decider.report.resume_pages import page_count

        text = self.text.toPlainText()
        limit = applying_content().max_pages
        self.pdf_button.setEnabled(bool(text.strip()))
        if not text.strip():
            self.pages.setText(f"No résumé yet. The limit is {limit} pages in {layout_words()}.")
            self.used.setText("")
            self.missing.setText("")
            return
        pages = page_count(text)
        verdict = "within" if pages <= limit else "over"
        self.pages.setText(
            f"<b>{pages} page{'' if pages == 1 else 's'}</b>, {verdict} the limit of {limit}, "
            f"in the standard layout: {layout_words()}."
        )
        stories = self.session.read(ops.stories_of, self.session.person.id)
        check = check_resume(text, stories, [e for e, _ in self.ecqs])
        titles = {s.id: s.title.strip() or "(no title)" for s in stories}
        if not stories:
            self.used.setText("Uses: no stories yet (write them in the story bank).")
        elif check.used:
            self.used.setText("Uses these stories: " + "; ".join(titles[i] for i in check.used))
        else:
            self.used.setText("Uses none of your stories yet.")
        names = dict(self.ecqs)
        if check.ecqs_without_evidence:
            self.missing.setText(
                "Leaves without evidence: "
                + "; ".join(names[e] for e in check.ecqs_without_evidence)
            )
        else:
            self.missing.setText("Every ECQ has a story in the résumé.")

    # Editing ----------------------------------------------------------------------------------
    def _typed(self) -> None:
        self._save_timer.start()

    @property
    def pending(self) -> bool:
        return self._save_timer.isActive()

    def save_now(self) -> None:
        if self._person_id is not None:
            self._save(self._person_id, undo_text="Edit résumé")

    def _save(self, person_id: int, undo_text: str | None) -> None:
        self._save_timer.stop()
        self.session.run(ops.save_resume, person_id, self.text.toPlainText(), undo_text=undo_text)
        self.show_check()

    def open_file(self, path: str | None = None) -> bool:
        """Read a résumé file into the editor and save it (one undo step)."""
        if not path:
            path, _ = QFileDialog.getOpenFileName(
                self, "Open a résumé", str(documents_folder()), OPEN_FILTER
            )
        if not path:
            return False
        try:
            text = read_resume_file(path)
        except ResumeFileError as exc:
            QMessageBox.warning(self, "Cannot open the résumé", str(exc))
            return False
        self.text.setPlainText(text)
        self.save_now()
        return True

    def export_pdf(self, path: str | None = None) -> bool:
        from ses_decider.report.pdf import PdfError
        from ses_decider.report.resume_pages import resume_pdf

        text = self.text.toPlainText()
        if not text.strip():
            return False
        if not path:
            suggested = suggested_path(f"{self.session.person.name} résumé", ".pdf")
            path, _ = QFileDialog.getSaveFileName(
                self, "Export the résumé as PDF", suggested, "PDF document (*.pdf)"
            )
        if not path:
            return False
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        try:
            pages = resume_pdf(text, path)
        except PdfError as exc:
            QMessageBox.warning(self, "Cannot export the résumé", str(exc))
            return False
        window = self.window()
        if hasattr(window, "statusBar"):
            window.statusBar().showMessage(
                f"Résumé written to {path} ({pages} page{'' if pages == 1 else 's'}).", 8000
            )
        return True

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self.pending:
            self.save_now()
        super().hideEvent(event)
