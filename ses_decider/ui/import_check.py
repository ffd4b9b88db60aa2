"""PySide6's look at every module imported after it, made cheap.

Once PySide6 is imported it asks of each new module whether its source mentions "PySide6" (so that
`from __feature__ import snake_case` can be switched per module). It asks through
inspect.getsource, which tokenizes the file and keeps its text in linecache: some 0.1 ms for each
of the several hundred modules numpy, pyqtgraph and the views bring, about 6% of start-up. Reading
the file's bytes answers the same question for a fraction of that. The app uses no __feature__
switch; should PySide6 drop this internal, nothing is replaced and it only costs the time again.
"""

from __future__ import annotations

import sys


def make_cheap() -> None:
    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if original is None or getattr(original, "reads_bytes", False):
        return

    def mod_uses_pyside(module) -> bool:
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and path.endswith(".py"):
            try:
                with open(path, "rb") as source:
                    return b"PySide6" in source.read()
            except OSError:
                pass
        return original(module)  # built-in, frozen or zipped modules: PySide6's own way

    mod_uses_pyside.reads_bytes = True
    feature._mod_uses_pyside = mod_uses_pyside
