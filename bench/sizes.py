"""How big each benchmark is: the real run (a few minutes on 2 cores) and the smoke run (seconds)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Sizes:
    # Pipeline overhead: articles in the demo portal, and bare/full pairs alternated.
    overhead_articles: int
    overhead_pairs: int
    # Extraction: article pages saved from the demo portal, and timed passes over them per extractor.
    extraction_pages: int
    extraction_repetitions: int
    # WARC writing: exchanges written per pass (a few seconds' worth: shorter passes measured the
    # machine's neighbours more than the writers), passes per writer.
    warc_exchanges: int
    warc_repetitions: int
    # Extraction cost against size: timed passes over the small and large vendor-style page, and
    # extractions of each page per pass.
    growth_repetitions: int
    growth_per_pass: int
    # Re-extraction: captures written to the WARC (the saved pages, repeated), passes per job count.
    # Enough that the workers' start (a second or so) does not decide the two-job figure: a real
    # re-extraction of a collection runs for hours.
    reextract_captures: int
    reextract_repetitions: int
    # Memory at scale: articles in the demo portal crawled once.
    scale_articles: int
    # Hot spots: functions listed per table (the profiled crawl is of the overhead portal).
    profile_top: int


FULL = Sizes(
    overhead_articles=650, overhead_pairs=4,
    extraction_pages=200, extraction_repetitions=5,
    growth_repetitions=5, growth_per_pass=4,
    reextract_captures=2400, reextract_repetitions=3,
    warc_exchanges=6000, warc_repetitions=5,
    scale_articles=20_000,
    profile_top=15,
)

QUICK = Sizes(
    overhead_articles=20, overhead_pairs=1,
    extraction_pages=10, extraction_repetitions=1,
    growth_repetitions=1, growth_per_pass=1,
    reextract_captures=20, reextract_repetitions=1,
    warc_exchanges=20, warc_repetitions=1,
    scale_articles=40,
    profile_top=5,
)
