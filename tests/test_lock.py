"""requirements.lock pins every dependency pyproject.toml names, core and every extra.

`make run` and `make test` install the lock alone (the project itself with --no-deps), so a
dependency added to pyproject.toml but not locked would be missing on a fresh machine.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]


def _locked() -> set[str]:
    lines = (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines()
    pins = [re.match(r"([A-Za-z0-9._-]+)==", line) for line in lines]
    return {canonicalize_name(pin.group(1)) for pin in pins if pin}


def test_every_dependency_and_extra_is_locked() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project["optional-dependencies"].values()
    declared = [*project["dependencies"], *(r for extra in extras for r in extra)]
    names = {canonicalize_name(Requirement(r).name) for r in declared} - {"modelvs"}
    assert names - _locked() == set(), "run `make lock`"
    assert {"starlette", "psycopg"} <= names  # the extras were read at all
