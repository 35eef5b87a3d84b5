"""A non-editable install ships the scenarios inside the package, so `pip install .` plays."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_contains_every_shipped_scenario(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--quiet", "-w", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
        cwd=tmp_path,
    )  # fmt: skip
    wheel = next(tmp_path.glob("collective_resilience-*.whl"))
    assert wheel.name.endswith("-py3-none-any.whl"), wheel.name  # pure Python: nothing compiled
    names = zipfile.ZipFile(wheel).namelist()
    for scenario in (ROOT / "scenarios").glob("*.toml"):
        assert f"game/_scenarios/{scenario.name}" in names
    for module in (ROOT / "game").rglob("*.py"):
        assert module.relative_to(ROOT).as_posix() in names, f"{module} missing from the wheel"
    for style in (ROOT / "game").rglob("*.tcss"):
        assert style.relative_to(ROOT).as_posix() in names, f"{style} missing from the wheel"
    assert any(n.endswith("entry_points.txt") for n in names)
    assert not [n for n in names if n.endswith((".so", ".pyd", ".c"))]
