"""The pip lock, environment.yml and pyproject.toml name the same versions."""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _lock() -> dict[str, str]:
    pins = {}
    for line in (REPO / "requirements.txt").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            name, _, version = line.partition("==")
            assert version, f"requirements.txt: {line!r} is not pinned with =="
            pins[_norm(name)] = version
    return pins


def test_environment_yml_has_exactly_the_lock_pins():
    env = yaml.safe_load((REPO / "environment.yml").read_text(encoding="utf-8"))
    assert env["channels"] == ["conda-forge"]
    pip_section = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    conda_pins = {_norm(p.split("==")[0]): p.split("==")[1] for p in pip_section}
    assert conda_pins == _lock()
    assert "python=3.11" in env["dependencies"]


def test_every_direct_dependency_is_pinned():
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project["optional-dependencies"]
    direct = project["dependencies"] + extras["test"] + extras["dev"]
    lock = _lock()
    missing = [d for d in direct if _norm(re.split(r"[<>=\[ ]", d)[0]) not in lock]
    assert not missing, f"direct dependencies without a pin in requirements.txt: {missing}"
