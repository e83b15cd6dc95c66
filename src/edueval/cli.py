"""The ``edueval`` command: one sub-command per pipeline stage.

    edueval inputs | extract | balance | clean | evaluate | backtest | report | index | score

Each stage lives in its own module exposing ``add_arguments(parser)`` and ``run(args) -> int``;
this file only dispatches (importing a stage when it runs, so that ``--help`` is fast) and
turns bad input into one line per problem (edueval/errors.py). ``make`` calls only this.
"""
from __future__ import annotations

import argparse
import errno
import importlib
import logging
import os
import sys
from pathlib import Path

from . import __version__

# name → (module, one-line help); the order is the order of the pipeline
COMMANDS = {
    "inputs": ("edueval.inputs", "record digests of the raw inputs (make re-runs a stage only when they change)"),
    "extract": ("edueval.extract.command", "propose observations from documents (.txt .md .html .docx .pdf)"),
    "balance": ("edueval.balance.command", "between-school 差异系数 from school-level tables"),
    "clean": ("edueval.clean.command", "validate raw tables, merge proposed rows, publish the observation table"),
    "evaluate": ("edueval.models.command", "model every series and evaluate it against its targets"),
    "backtest": ("edueval.models.backtest_command", "re-forecast every real series from its own past and score the methods"),
    "report": ("edueval.report.command", "render the HTML evaluation reports (only pages whose inputs changed)"),
    "index": ("edueval.report.index_command", "write reports/index.html and reports/manifest.json"),
    "score": ("edueval.extract.score_command", "precision and recall of the extractor against gold files"),
}
SHOWN = 20  # problems printed; the rest go to a file


class _Parser(argparse.ArgumentParser):
    """A bad argument is one line saying which and what it accepts (not the usage text)."""

    def error(self, message: str):
        self.exit(2, f"{self.prog}: {' '.join(message.split())} (see `{self.prog} --help`)\n")


def _parser(chosen: str | None) -> argparse.ArgumentParser:
    parser = _Parser(prog="edueval", description="Honest, reproducible evaluation reports on "
                                     "Chinese local education indicators.")
    parser.add_argument("--version", action="version", version=f"edueval {__version__}")
    parser.add_argument("--root", type=Path, default=None,
                        help="project folder holding data/ (default: this checkout or $EDUEVAL_ROOT)")
    loud = parser.add_mutually_exclusive_group()
    loud.add_argument("-v", "--verbose", action="count", default=0, help="say more (twice: debug)")
    loud.add_argument("-q", "--quiet", action="store_true", help="print only problems")
    sub = parser.add_subparsers(dest="command", required=True, metavar="STAGE")
    for name, (module, help_text) in COMMANDS.items():
        p = sub.add_parser(name, help=help_text, description=help_text)
        if name == chosen:  # import only the stage that runs: startup stays fast
            importlib.import_module(module).add_arguments(p)
    return parser


def fill_defaults(args: argparse.Namespace) -> argparse.Namespace:
    """The global options of a namespace built by a stage's own parser (tests, notebooks)."""
    from . import paths

    for name, value in (("layout", paths.DEFAULT), ("quiet", False), ("verbose", 0)):
        if not hasattr(args, name):
            setattr(args, name, value)
    return args


def _stage_named(argv: list[str]) -> str | None:
    for arg in argv:
        if arg in COMMANDS:
            return arg
    return None


def report_problems(stage: str, problems: list[str], hint: str, layout) -> None:
    """One line per problem (at most SHOWN; the full list in build/errors/<stage>.txt), then what to fix."""
    err = sys.stderr
    for line in problems[:SHOWN]:
        print(" ".join(str(line).split()), file=err)
    more = ""
    if len(problems) > SHOWN:
        from .atomic import write_text

        target = layout.errors / f"{stage}.txt"
        write_text(target, "\n".join(problems) + "\n")
        more = f" ({len(problems) - SHOWN} more listed in {target})"
    print(f"edueval {stage}: {len(problems)} problem(s){more}; {hint}", file=err)


# errors of the machine a user can fix (disk full, a file size limit, a read-only or
# forbidden folder, a name too long): one line, never a traceback
ENVIRONMENT_ERRNOS = {errno.ENOSPC, errno.EFBIG, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM,
                      errno.ENAMETOOLONG, errno.EMFILE, errno.ENFILE}


def _interrupt(signum, frame):  # noqa: ARG001 - the signal handler's signature
    raise KeyboardInterrupt


def _die_with_the_build() -> None:
    """Under make, end when make ends: a stage (and whatever it started, which inherits the
    same request) must not go on writing after the build was killed, even by SIGKILL. SIGTERM
    unwinds like Ctrl-C, so a stage's staging folder is removed and nothing is published."""
    import signal

    signal.signal(signal.SIGTERM, _interrupt)
    if "MAKELEVEL" not in os.environ or not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        parent = os.getppid()
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM, 0, 0, 0)  # PR_SET_PDEATHSIG
        if os.getppid() != parent:  # make died before the request was made
            raise KeyboardInterrupt
    except (OSError, AttributeError):
        pass


def _where(exc: OSError) -> str:
    names = [n for n in (exc.filename, exc.filename2) if n]
    return f"{exc.strerror or exc}" + (f": {' → '.join(map(str, names))}" if names else "")


def main(argv: list[str] | None = None) -> int:
    from . import paths
    from .errors import InputError

    as_program = argv is None  # the console script or python -m edueval, not a test calling main([...])
    argv = sys.argv[1:] if argv is None else list(argv)
    args = _parser(_stage_named(argv)).parse_args(argv)
    level = logging.ERROR if args.quiet else {0: logging.WARNING, 1: logging.INFO}.get(args.verbose, logging.DEBUG)
    logging.basicConfig(level=level, format="%(message)s")
    if args.root is not None and not (args.root / "data" / "raw").is_dir():
        print(f"edueval {args.command}: --root {args.root}: not a project folder (it has no data/raw)", file=sys.stderr)
        return 2
    args.layout = paths.Layout(args.root.resolve()) if args.root else paths.DEFAULT
    module = importlib.import_module(COMMANDS[args.command][0])
    try:
        if as_program:
            _die_with_the_build()
        return int(module.run(args) or 0)
    except InputError as exc:
        report_problems(args.command, exc.problems, exc.hint, args.layout)
        return 2
    except FileNotFoundError as exc:  # a stage whose input has not been built (store.MissingStageError)
        print(f"edueval {args.command}: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"edueval {args.command}: interrupted; the published outputs are unchanged", file=sys.stderr)
        return 130
    except OSError as exc:
        if exc.errno not in ENVIRONMENT_ERRNOS:
            raise
        print(f"edueval {args.command}: {_where(exc)}; the published outputs are unchanged "
              "(free space or fix the folder's permissions, then run again)", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
