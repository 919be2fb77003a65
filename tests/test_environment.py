"""environment.yml and pyproject.toml name the same dependencies."""

from __future__ import annotations

import re
import tomllib

import yaml

from analysis import paths


def _name(requirement: str) -> str:
    name = re.split(r"[<>=!~;\[ ]", requirement.strip(), maxsplit=1)[0]
    return name.lower().replace("_", "-")


def test_environment_and_pyproject_list_the_same_dependencies():
    project = tomllib.loads((paths.ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = {_name(r) for r in project["dependencies"]}
    for extra in ("dev", "dist"):
        declared |= {_name(r) for r in project["optional-dependencies"][extra]}
    environment = yaml.safe_load((paths.ROOT / "environment.yml").read_text(encoding="utf-8"))
    listed = set()
    for entry in environment["dependencies"]:
        if isinstance(entry, dict):
            listed |= {_name(r) for r in entry["pip"] if not r.startswith("-")}
        else:
            listed.add(_name(entry))
    listed -= {"python", "pip"}
    assert listed == declared, (
        f"only in environment.yml: {sorted(listed - declared)}; "
        f"only in pyproject.toml: {sorted(declared - listed)}"
    )


def test_constraints_pin_every_declared_dependency():
    project = tomllib.loads((paths.ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pinned = {
        _name(line) for line in (paths.ROOT / "constraints.txt").read_text().splitlines()
        if "==" in line
    }
    needed = {_name(r) for r in project["dependencies"]}
    assert needed <= pinned, f"not pinned in constraints.txt: {sorted(needed - pinned)}"
