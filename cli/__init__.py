"""The ``portal-archive`` command: one subcommand per job, each a thin layer over one module."""

import argparse
import sys

from cli import crawl, export, extract, merge, reextract, replay, verify

SUBCOMMANDS = {"crawl": crawl, "extract": extract, "verify": verify, "replay": replay, "export": export, "merge": merge,
               "reextract": reextract}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="portal-archive",
        description="Archive Vietnamese provincial government portals: WARC files and clean article records.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, module in SUBCOMMANDS.items():
        module.add_arguments(commands.add_parser(name, help=module.__doc__.splitlines()[0], description=module.__doc__))
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return SUBCOMMANDS[args.command].run(args)


if __name__ == "__main__":
    sys.exit(main())
