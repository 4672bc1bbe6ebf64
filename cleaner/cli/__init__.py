"""The ``cleaner`` command. Each module of this package with a ``COMMAND`` is a
subcommand (``add_arguments(parser)`` and ``run(args) -> exit code``).

Exit codes: 0 success, 1 findings (check) or records that could not be read
(clean), 2 usage or I/O error, 3 accounting mismatch (a bug: please report).
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from typing import Sequence

from cleaner import __version__
from cleaner.errors import CleanerError


def _commands():
    import cleaner.cli as pkg

    mods = [importlib.import_module(f"cleaner.cli.{m.name}") for m in pkgutil.iter_modules(pkg.__path__)
            if not m.name.startswith("_")]
    mods = [m for m in mods if hasattr(m, "COMMAND")]
    return sorted(mods, key=lambda m: (getattr(m, "ORDER", 50), m.COMMAND))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cleaner",
        description="Clean scraped web text and explain every change: encoding repair, boilerplate "
                    "and caption removal, language and translation signals, quality verdicts.",
        epilog="Run `cleaner COMMAND --help` for the options of a command. Environment: CLEANER_CACHE_DIR "
               "(where the language model's matrix is cached; default $XDG_CACHE_HOME/cleaner or "
               "~/.cache/cleaner; 'off' to build it in every process).")
    parser.add_argument("--version", action="version", version=f"cleaner {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for mod in _commands():
        p = sub.add_parser(mod.COMMAND, help=mod.HELP, description=getattr(mod, "DESCRIPTION", mod.HELP),
                           formatter_class=argparse.RawDescriptionHelpFormatter)
        mod.add_arguments(p)
        p.set_defaults(_run=mod.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "_run", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args._run(args) or 0)
    except CleanerError as exc:
        print(f"cleaner {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("cleaner: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader went away (`cleaner clean ... | head`): not an error of ours
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
