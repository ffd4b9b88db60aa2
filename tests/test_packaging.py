"""Packaging: one version everywhere, and the one resource lookup in all three layouts.

The layouts: a source checkout (resources/ beside the package), an installed wheel (resources/ mapped
to ses_decider/_resources by hatchling) and the frozen app (PyInstaller puts it in
<sys._MEIPASS>/resources). The checkout and the frozen layout are checked in-process; the wheel is
really built (pip wheel, ~5 s) and imported from a folder of its own in a fresh interpreter. The real
frozen app is checked by .ci/smoke_frozen (`make smoke`).
"""

from __future__ import annotations

import json
import os
import shutil
import struct
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

import ses_decider
from ses_decider import _version, resources
from ses_decider.resources import resource_dir, resource_path

ROOT = Path(__file__).resolve().parent.parent


def _content_files(folder: Path) -> set[str]:
    return {
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }


@pytest.fixture
def fresh_lookup(monkeypatch):
    """Let a test move the package and sys._MEIPASS; the parsed-JSON cache starts and ends empty."""
    resources.load_json.cache_clear()
    yield monkeypatch
    monkeypatch.undo()
    resources.load_json.cache_clear()


# One version -------------------------------------------------------------------------------------
def test_the_version_is_pyprojects_everywhere():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert _version.VERSION == project["version"]
    assert ses_decider.__version__ == project["version"]


# Source checkout ---------------------------------------------------------------------------------
def test_a_checkout_finds_resources_beside_the_package():
    assert resources._PACKAGE_DIR == ROOT / "ses_decider", "tests must run against the checkout"
    assert resource_dir() == ROOT / "resources"
    assert resource_path("factors.json") == ROOT / "resources" / "factors.json"


# Frozen app (simulated) --------------------------------------------------------------------------
def test_the_frozen_app_finds_resources_in_its_bundle(tmp_path, fresh_lookup):
    bundle = tmp_path / "_internal"  # what sys._MEIPASS is in a one-folder PyInstaller build
    shutil.copytree(ROOT / "resources", bundle / "resources")
    (bundle / "ses_decider").mkdir()  # the package's modules live in the PYZ; its folder is bare
    fresh_lookup.setattr(resources, "_PACKAGE_DIR", bundle / "ses_decider")
    fresh_lookup.setattr(sys, "_MEIPASS", str(bundle), raising=False)

    assert resource_dir() == bundle / "resources"
    assert resources.load_json("factors.json")["format"] == "ses-decider/factors"


def test_the_wheels_folder_wins_over_the_others(tmp_path, fresh_lookup):
    package = tmp_path / "site" / "ses_decider"
    shutil.copytree(ROOT / "resources", package / "_resources")
    shutil.copytree(ROOT / "resources", tmp_path / "site" / "resources")
    shutil.copytree(ROOT / "resources", tmp_path / "bundle" / "resources")
    fresh_lookup.setattr(resources, "_PACKAGE_DIR", package)
    fresh_lookup.setattr(sys, "_MEIPASS", str(tmp_path / "bundle"), raising=False)

    assert resource_dir() == package / "_resources"


def test_missing_resources_say_where_they_were_looked_for(tmp_path, fresh_lookup):
    fresh_lookup.setattr(resources, "_PACKAGE_DIR", tmp_path / "pkg" / "ses_decider")
    fresh_lookup.setattr(sys, "_MEIPASS", str(tmp_path / "bundle"), raising=False)
    with pytest.raises(FileNotFoundError) as info:
        resource_dir()
    message = str(info.value)
    assert "reinstall" in message
    assert str(tmp_path / "bundle" / "resources") in message
    assert str(tmp_path / "pkg" / "ses_decider" / "_resources") in message


# Installed wheel (built for real) ----------------------------------------------------------------
@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The project's wheel, built by pip through hatchling (fetched once, then from pip's cache)."""
    out = tmp_path_factory.mktemp("wheel")
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert build.returncode == 0, build.stderr[-2000:]
    (built,) = out.glob("ses_decider-*.whl")
    return built


def test_the_wheel_carries_every_resource_under_the_package(wheel):
    with zipfile.ZipFile(wheel) as archive:
        names = {n for n in archive.namelist() if n.startswith("ses_decider/_resources/")}
    shipped = {n.removeprefix("ses_decider/_resources/") for n in names}
    assert shipped == _content_files(ROOT / "resources")


def test_an_installed_wheel_finds_its_own_resources(wheel, tmp_path):
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    probe = (
        "import json, ses_decider\n"
        "from ses_decider.resources import resource_dir\n"
        "from ses_decider.core.content import catalogue\n"
        "print(json.dumps({'package': ses_decider.__file__, 'resources': str(resource_dir()),"
        " 'factors': len(catalogue().factors), 'version': ses_decider.__version__}))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(site)}
    # -P: the working directory (and so the checkout) is not on sys.path; the wheel's copy is found
    # first on PYTHONPATH, ahead of the editable install in site-packages.
    run = subprocess.run(
        [sys.executable, "-P", "-c", probe],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    found = json.loads(run.stdout)
    assert Path(found["package"]).is_relative_to(site)
    assert Path(found["resources"]) == site / "ses_decider" / "_resources"
    assert found["factors"] == len(resources.load_json("factors.json")["factors"])
    assert found["version"] == _version.VERSION

    score = subprocess.run(
        [sys.executable, "-P", "-m", "ses_decider", "--data-dir", str(tmp_path / "data")]
        + ["score", str(ROOT / "tests" / "data" / "good.json"), "--json"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert score.returncode == 0, score.stderr[-2000:]
    assert json.loads(score.stdout)["verdict"] in {"GO", "CLOSE CALL", "NO-GO", "NOT ENOUGH INPUT"}


# The icon the installer uses ---------------------------------------------------------------------
def test_the_icons_exist_in_each_format_the_installer_needs():
    icons = ROOT / "resources" / "icons"
    png = (icons / "ses-decider.png").read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = struct.unpack(">II", png[16:24])
    assert width == height >= 256

    ico = (icons / "ses-decider.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind) == (0, 1) and count >= 4
    sizes = {ico[6 + 16 * i] or 256 for i in range(count)}
    assert {16, 32, 48, 256} <= sizes

    icns = (icons / "ses-decider.icns").read_bytes()
    assert icns[:4] == b"icns" and struct.unpack(">I", icns[4:8])[0] == len(icns)
