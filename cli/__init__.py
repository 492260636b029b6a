"""The ``portal-archive`` command: one subcommand per job, each a thin layer over one module.

A subcommand's module is imported only when that subcommand is the one given, so `verify` or
`extract` never load Scrapy, Redis or the demo portal that `crawl` needs.
"""

import argparse
import importlib
import sys
from typing import NamedTuple


class Subcommand(NamedTuple):
    module: str
    help: str  # the first line of the module's docstring (a test keeps the two equal)


SUBCOMMANDS = {
    "crawl": Subcommand("cli.crawl", "Crawl a portal (or the bundled demo portal) into WARC files and article records."),
    "extract": Subcommand("cli.extract", "Print the article record of saved HTML pages, one JSON line each."),
    "verify": Subcommand("cli.verify", "Check WARC files against every rule of a faithful archive; exit 1 and list what fails."),
    "replay": Subcommand("cli.replay", "Browse a crawl in pywb on 127.0.0.1; Ctrl-C stops it."),
    "export": Subcommand("cli.export", "Export a crawl's articles as one dataset for research: Parquet or JSON Lines, a card and a report."),
    "merge": Subcommand("cli.merge", "Merge the output directories of a distributed crawl's workers into one collection."),
    "reextract": Subcommand("cli.reextract", "Rebuild the article records from WARC files, without touching the portal."),
    "changes": Subcommand("cli.changes", "List what a portal changed: the edited, removed, unlisted and restored articles of a crawl."),
}


class _SubcommandParser(argparse.ArgumentParser):
    """Adds its subcommand's arguments, importing its module, the first time it parses or shows help."""

    def __init__(self, *, module: str, **kwargs):
        super().__init__(**kwargs)
        self._module_name = module
        self._loaded = False

    def _load(self) -> None:
        if not self._loaded:
            self._loaded = True
            module = importlib.import_module(self._module_name)
            self.description = module.__doc__
            module.add_arguments(self)

    def parse_known_args(self, args=None, namespace=None):
        self._load()
        return super().parse_known_args(args, namespace)

    def format_usage(self):
        self._load()
        return super().format_usage()

    def format_help(self):
        self._load()
        return super().format_help()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="portal-archive",
        description="Archive Vietnamese provincial government portals: WARC files and clean article records.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=_SubcommandParser)
    for name, subcommand in SUBCOMMANDS.items():
        commands.add_parser(name, help=subcommand.help, module=subcommand.module,
                            formatter_class=argparse.RawDescriptionHelpFormatter)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return importlib.import_module(SUBCOMMANDS[args.command].module).run(args)


if __name__ == "__main__":
    sys.exit(main())
