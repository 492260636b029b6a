"""Export a crawl's articles as one dataset for research: Parquet or JSON Lines, a card and a report.

All runs of the crawl directory go into one dataset: the latest version of each article (by
canonical URL), or every version with --all-versions. Beside the file go a dataset card
(<file>.card.md), an HTML report with plots (<file>.report.html) and the plots as PNG
(<file>.plots/). docs/dataset.md explains the columns and how to load them.
"""

import sys
from pathlib import Path

from record.exit_codes import USAGE

FORMATS = ("parquet", "jsonl.gz")


def add_arguments(parser):
    parser.add_argument("crawl_dir", type=Path, metavar="DIR", help="a crawl output directory")
    parser.add_argument("--format", choices=FORMATS, default="parquet", help="file format (default parquet)")
    parser.add_argument("--output", type=Path, metavar="PATH", help="the dataset file (default DIR/dataset/articles.<format>)")
    parser.add_argument("--all-versions", action="store_true", help="every version of each article, not only the latest")
    parser.add_argument("--segment", action="store_true",
                        help="add body_segmented: the body segmented into Vietnamese words (needs the [nlp] extra)")


def run(args) -> int:
    # Imported here: pyarrow and matplotlib stay out of every other subcommand's start-up.
    from archive.dataset.arrow_schema import RecordShapeError
    from archive.dataset.export import OutputRefused, export
    from archive.dataset.segment import SegmenterUnavailable
    from record.crawl_dir import NotACrawlDirectory
    from record.jsonl import JsonLinesError

    try:
        result = export(args.crawl_dir, args.output, args.format, args.all_versions, args.segment)
    except (NotACrawlDirectory, SegmenterUnavailable, OutputRefused, JsonLinesError) as error:
        print(f"portal-archive export: {error}", file=sys.stderr)
        return USAGE
    except RecordShapeError as error:
        print(f"portal-archive export: {error}", file=sys.stderr)
        return 1  # the dataset's columns lag behind the schema: a fault of ours, not of the input
    which = "all versions" if args.all_versions else "latest versions"
    print(
        f"Exported {result.records} records ({which}; {result.articles} articles, {result.versions} versions"
        f" in the crawl) to {result.path} ({result.path.stat().st_size / 1e6:.1f} MB)\n"
        f"  card:    {result.card}\n"
        f"  report:  {result.report}\n"
        f"  plots:   {result.plots[0].parent}/"
    )
    return 0
