"""PyInstaller runtime hook for the frozen SES Decider: runs before the app's first import.

Two things the build (build_installer.spec) leaves out to keep the folder small, and what stands in:

* PySide6.QtOpenGL (8.5 MB): pyqtgraph imports it when loaded, but only draws with OpenGL when
  asked to (``useOpenGL``), which the app never does. An empty module stands in; touching any of
  its names raises AttributeError saying the build has no OpenGL drawing.
* Linux only: Qt's ICU data library (30 MB of collation, calendars, converters and names in every
  language). The build swaps in an empty one and ships the part the app can use (root and English
  collation, locale basics) as files in ``icu/``; ICU finds them through ``ICU_DATA``.
"""

import os
import sys
import types

_BASE = getattr(sys, "_MEIPASS", os.path.dirname(sys.executable))

_icu = os.path.join(_BASE, "icu")
if os.path.isdir(_icu):
    os.environ["ICU_DATA"] = _icu


def _no_opengl(name: str):
    raise AttributeError(
        f"PySide6.QtOpenGL.{name}: this build of SES Decider leaves out OpenGL drawing"
    )


if "PySide6.QtOpenGL" not in sys.modules:
    _stand_in = types.ModuleType(
        "PySide6.QtOpenGL", "Left out of the installer: no OpenGL drawing."
    )
    _stand_in.__getattr__ = _no_opengl
    sys.modules["PySide6.QtOpenGL"] = _stand_in
