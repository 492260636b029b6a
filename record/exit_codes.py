"""Exit codes of every portal-archive command (a crawl's is also written in its run.json)."""

SUCCESS = 0
PARTIAL = 1  # done, but part of the input gave nothing: URLs failed after retries, WARCs failing verify, pages that are no article
USAGE = 2  # bad usage or bad input: nothing was done
FAILED = 3  # the run failed
LOCKED = 4  # another crawl holds the output directory
