"""A non-editable install ships the scenarios inside the package, so `pip install .` plays."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_contains_every_shipped_scenario(tmp_path: Path) -> None:
    # RESILIENCE_PURE=1: a pure-Python wheel, built in seconds (mypyc would take half a
    # minute); the compiled engine is checked in tests/test_compiled.py.
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--quiet", "-w", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
        cwd=tmp_path,
        env={**os.environ, "RESILIENCE_PURE": "1"},
    )  # fmt: skip
    wheel = next(tmp_path.glob("collective_resilience-*.whl"))
    assert wheel.name.endswith("-py3-none-any.whl"), wheel.name  # pure: no compiled module
    names = zipfile.ZipFile(wheel).namelist()
    for scenario in (ROOT / "scenarios").glob("*.toml"):
        assert f"game/_scenarios/{scenario.name}" in names
    for module in (ROOT / "game").rglob("*.py"):
        assert module.relative_to(ROOT).as_posix() in names, f"{module} missing from the wheel"
    for style in (ROOT / "game").rglob("*.tcss"):
        assert style.relative_to(ROOT).as_posix() in names, f"{style} missing from the wheel"
    assert any(n.endswith("entry_points.txt") for n in names)
    assert not [n for n in names if n.endswith((".so", ".pyd", ".c"))]
