"""``edueval score``: precision and recall of the extractor against hand-made gold files."""
from __future__ import annotations

import argparse

from .scoring import add_arguments as _add_arguments
from .scoring import run as _run


def add_arguments(parser: argparse.ArgumentParser) -> None:
    _add_arguments(parser)


def run(args: argparse.Namespace) -> int:
    return _run(args)
