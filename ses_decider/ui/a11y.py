"""Small accessibility helpers shared by the views."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox


def name_buttons(box: QDialogButtonBox) -> QDialogButtonBox:
    """Give each standard button its visible text (without the mnemonic) as its accessible name."""
    for button in box.buttons():
        if not button.accessibleName():
            button.setAccessibleName(button.text().replace("&", ""))
    return box
