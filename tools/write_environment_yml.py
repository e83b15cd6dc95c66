"""Write environment.yml from the pip lock, so conda users get the same pins.

Run by `make environment.yml` whenever requirements.txt changes; tests/test_pins.py
checks that the two files agree.
"""
from __future__ import annotations

import sys
from pathlib import Path

HEADER = """\
# Generated from requirements.txt by tools/write_environment_yml.py; do not edit.
# conda env create -f environment.yml && conda activate edueval && pip install -e . --no-deps
name: edueval
channels:
  - conda-forge
dependencies:
  - python={python}
  - pip
  - pip:
"""


def main(lock: Path, out: Path, python: str) -> None:
    pins = [
        line.strip()
        for line in lock.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    body = "".join(f"      - {pin}\n" for pin in pins)
    tmp = out.with_suffix(".tmp")
    tmp.write_text(HEADER.format(python=python) + body, encoding="utf-8")
    tmp.replace(out)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3] if len(sys.argv) > 3 else "3.11")
