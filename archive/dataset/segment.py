"""Vietnamese word segmentation of article bodies, for token counts and search.

Vietnamese writes a space between syllables, not words: "Sở Kế hoạch và Đầu tư" is four words in
six syllables. Split on spaces, a body's token count and a search for "đầu" (which then also finds
"đầu tư") mislead. underthesea's CRF segmenter joins the syllables of a word with "_"
("Sở Kế_hoạch và Đầu_tư"); its model ships inside the package, so nothing is downloaded at run time.
It is an optional extra (`pip install 'portal-archive[nlp]'`): crawling never needs it.
"""

from collections.abc import Callable, Sequence


class SegmenterUnavailable(RuntimeError):
    pass


def vietnamese_segmenter() -> Callable[[Sequence[str]], str]:
    """A function from a body's paragraphs to its segmented text, paragraphs separated by a blank line."""
    try:
        from underthesea import word_tokenize
    except ImportError as error:
        raise SegmenterUnavailable(
            "word segmentation needs underthesea, which is not installed: pip install 'portal-archive[nlp]'"
        ) from error

    def segment(paragraphs: Sequence[str]) -> str:
        return "\n\n".join(word_tokenize(paragraph, format="text") for paragraph in paragraphs)

    return segment
