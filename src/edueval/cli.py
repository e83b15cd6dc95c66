"""The ``edueval`` command: one sub-command per pipeline stage.

Each stage lives in its own module exposing ``add_arguments(parser)`` and
``run(args) -> int``; this file only dispatches, importing a stage when it runs.
"""
from __future__ import annotations

import argparse
import importlib
import sys

COMMANDS = {
    "clean": ("edueval.clean_command", "validate raw tables and write data/processed/observations.parquet"),
    "extract": ("edueval.extract.command", "propose observations from documents (.txt .md .html .docx .pdf)"),
    "evaluate": ("edueval.models.command", "model every series and evaluate it against its targets"),
    "balance": ("edueval.balance.command", "between-school 差异系数 from school-level data"),
    "report": ("edueval.report.command", "render HTML evaluation reports"),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="edueval", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    argv = sys.argv[1:] if argv is None else argv
    chosen = argv[0] if argv and argv[0] in COMMANDS else None
    for name, (module, help_text) in COMMANDS.items():
        p = sub.add_parser(name, help=help_text, description=help_text)
        if name == chosen:  # import only the stage that runs: startup stays fast
            importlib.import_module(module).add_arguments(p)
    args = parser.parse_args(argv)
    return int(importlib.import_module(COMMANDS[args.command][0]).run(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
