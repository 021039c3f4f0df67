"""pyproject.toml: the licence is an SPDX expression, with a setuptools that
takes one, so installing prints no deprecation warning."""
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_the_licence_is_an_spdx_expression_and_setuptools_takes_it():
    tomllib = pytest.importorskip("tomllib")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["license"] == "MIT"
    [setuptools] = [req for req in project["build-system"]["requires"] if req.startswith("setuptools")]
    assert setuptools.startswith("setuptools>=77.0.3,<")  # PEP 639 expressions came with 77.0.3


def test_building_the_package_prints_no_deprecation_warning(tmp_path):
    source = tmp_path / "src"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    # The package without the 15 MB model: the metadata is what is checked.
    shutil.copytree(ROOT / "kg", source / "kg", ignore=shutil.ignore_patterns("model", "__pycache__"))
    run = subprocess.run([sys.executable, "-m", "pip", "wheel", "-v", "--no-deps", "--quiet", "-w",
                          str(tmp_path / "wheel"), str(source)], capture_output=True, text=True, timeout=600)
    output = run.stdout + run.stderr
    if run.returncode != 0 and ("No matching distribution" in output or "Could not find a version" in output):
        pytest.skip("no package index to fetch setuptools from")
    assert run.returncode == 0, output[-3000:]
    for warning in ("SetuptoolsDeprecationWarning", "BuildBackendWarning", "is deprecated"):
        assert warning not in output, output[-3000:]
