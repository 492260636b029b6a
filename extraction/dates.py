"""Dates as Vietnamese portals print them, parsed to ISO 8601 in Vietnam's time zone, and the
Vietnamese words printed around them (labels, weekdays), so every field reader shares one list.

Vietnam has kept UTC+07:00 without daylight saving since 1975, so a fixed offset is exact.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache

VIETNAM = timezone(timedelta(hours=7))

_WEEKDAY_NAMES = r"thứ (?:hai|ba|tư|năm|sáu|bảy)|chủ nhật"
# Labels portals print before an article's date ("Ngày đăng: 18/03/2019 - 15:10").
_DATE_LABELS = r"ngày đăng|ngày cập nhật|cập nhật|đăng lúc|đăng ngày|ngày xuất bản|thời gian đăng"
DATE_LABEL = re.compile(_DATE_LABELS, re.IGNORECASE)
# What a line that only says when may hold besides the date: labels, weekdays, view counters.
DATELINE_WORDS = re.compile(
    rf"{_DATE_LABELS}|ngày|lượt xem|lượt đọc|view count|views?|{_WEEKDAY_NAMES}|\b(?:am|pm|sa|ch)\b", re.IGNORECASE,
)
_ENGLISH_WEEKDAYS = r"monday|tuesday|wednesday|thursday|friday|saturday|sunday"
# The header's date bar: "Thứ Sáu, 17/01/2020", "Thứ 6, ngày 17/01/2020", "Wednesday, 20/10/2021"
# (today's date, not the article's).
DATE_BAR = re.compile(
    rf"^(?:{_WEEKDAY_NAMES}|thứ [2-7]|cn|{_ENGLISH_WEEKDAYS}),?\s*(?:ngày\s*)?\d{{1,2}}/\d{{1,2}}/\d{{4}}$", re.IGNORECASE,
)

# Every way Vietnamese portals print a date, tried after a profile's own formats: a weekday
# before it ("Thứ Sáu, 25/09/2020 - 15:09", "Thứ 5, 14/02/2019 | 11:03") is left unread, .NET's
# "9:45:12 SA/CH" is a 12-hour clock, and the time may come first ("15:09 | 25/09/2020").
VIETNAMESE_DATE_FORMATS = (
    "%d/%m/%Y | %I:%M %p", "%d/%m/%Y %I:%M:%S %p", "%d/%m/%Y %I:%M %p", "%I:%M:%S %p %d/%m/%Y", "%I:%M %p %d/%m/%Y",
    "%d/%m/%Y | %H:%M", "%d/%m/%Y - %H:%M", "%d/%m/%Y, %H:%M", "%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M",
    "%d-%m-%Y %H:%M", "%H:%M:%S %d/%m/%Y", "%H:%M | %d/%m/%Y", "%H:%M - %d/%m/%Y", "%H:%M, %d/%m/%Y",
    "%H:%M %d/%m/%Y", "ngày %d tháng %m năm %Y", "%d tháng %m năm %Y", "%d tháng %m, %Y", "%d/%m/%Y", "%d-%m-%Y",
    "%d.%m.%Y",
)

# strftime directives used by profiles, as the regular expression of what they match.
_DIRECTIVES = {
    "%d": r"\d{1,2}",
    "%m": r"\d{1,2}",
    "%Y": r"\d{4}",
    "%y": r"\d{2}",
    "%H": r"\d{1,2}",
    "%I": r"\d{1,2}",
    "%M": r"\d{2}",
    "%S": r"\d{2}",
    # .NET's vi-VN culture (SharePoint portals) writes SA (sáng) and CH (chiều) for AM and PM.
    "%p": r"(?:AM|PM|SA|CH)",
    "%%": "%",
}
_DIRECTIVE = re.compile("|".join(map(re.escape, _DIRECTIVES)))


@lru_cache(maxsize=256)
def _format_pattern(fmt: str) -> re.Pattern:
    pieces, last = [], 0
    for match in _DIRECTIVE.finditer(fmt):
        pieces.append(_literal_pattern(fmt[last:match.start()]))
        pieces.append(_DIRECTIVES[match.group()])
        last = match.end()
    pieces.append(_literal_pattern(fmt[last:]))
    # Digits on either side would mean we matched inside a longer number.
    return re.compile(r"(?<!\d)" + "".join(pieces) + r"(?!\d)", re.IGNORECASE)


def _literal_pattern(literal: str) -> str:
    """Literal text of a format; any run of spaces in or around it is optional in the page."""
    words = literal.split()
    if not words:
        return r"\s*" if literal else ""
    return r"\s*" + r"\s*".join(map(re.escape, words)) + r"\s*"


_MERIDIEM = {"sa": "AM", "ch": "PM"}


def _squeeze(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"(?<=\d )(SA|CH)\b|(?<=\d)(SA|CH)\b", lambda m: _MERIDIEM[m.group().lower()], text, flags=re.IGNORECASE)


@lru_cache(maxsize=64)
def with_time_first(formats: tuple[str, ...]) -> tuple[str, ...]:
    """`formats`, then the ones every portal uses, those with a time of day before date-only
    ones: "25/09/2020 - 15:09" must not be read as a bare date by "%d/%m/%Y"."""
    every = tuple(dict.fromkeys((*formats, *VIETNAMESE_DATE_FORMATS)))
    return tuple(f for f in every if has_time(f)) + tuple(f for f in every if not has_time(f))


@lru_cache(maxsize=256)
def _squeezed_format(fmt: str) -> str:
    return _squeeze(fmt)


def has_time(fmt: str) -> bool:
    return "%H" in fmt or "%I" in fmt


@dataclass(frozen=True)
class VisibleDate:
    moment: datetime
    # Whether the page printed a time of day, not only the day.
    has_time: bool


def find_visible_date(text: str, formats) -> VisibleDate | None:
    """The first date in `text` that one of the strptime `formats` (tried in order) matches."""
    if not text:
        return None
    for fmt in formats:
        match = _format_pattern(fmt).search(text)
        if not match:
            continue
        found = _squeeze(match.group())
        try:
            parsed = datetime.strptime(found, _squeezed_format(fmt))
        except ValueError:
            # The squeezed format may still differ in spacing from the text: retry space-free.
            try:
                parsed = datetime.strptime(found.replace(" ", ""), fmt.replace(" ", ""))
            except ValueError:
                continue
        return VisibleDate(parsed.replace(tzinfo=VIETNAM), has_time(fmt))
    return None


def parse_visible_date(text: str, formats) -> datetime | None:
    found = find_visible_date(text, formats)
    return found.moment if found else None


def parse_machine_date(value: str) -> datetime | None:
    """An ISO 8601 date from RDFa, meta tags or JSON-LD; a date without offset is Vietnam time."""
    value = (value or "").strip()
    if not value:
        return None
    if value.endswith("Z"):
        value = value[:-1] + "+00:00"
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=VIETNAM)
    return parsed


def to_iso(moment: datetime) -> str:
    """ISO 8601 with seconds and the +07:00 offset, as records store dates."""
    return moment.astimezone(VIETNAM).isoformat(timespec="seconds")


# A document's dates are days, written "ngày 28 tháng 11 năm 2013" (often "Hà Nội, ngày …") or
# day first with digits, "28/11/2013", "28-11-2013", "28.11.2013".
_DAY_IN_WORDS = re.compile(r"(?<!\d)(\d{1,2})\s+tháng\s+(\d{1,2})\s*(?:năm|,)\s*(\d{4})(?!\d)", re.IGNORECASE)
_DAY_IN_DIGITS = re.compile(r"(?<!\d)(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?!\d)")


def parse_day(text: str) -> date | None:
    """The first calendar day written in `text`, in either form; None when there is none or it
    is not a real day (31/02)."""
    text = re.sub(r"\s+", " ", text or "")
    found = [(m.start(), (m[1], m[2], m[3])) for m in _DAY_IN_WORDS.finditer(text)]
    found += [(m.start(), (m[1], m[3], m[4])) for m in _DAY_IN_DIGITS.finditer(text)]
    for _, (day, month, year) in sorted(found):
        try:
            return date(int(year), int(month), int(day))
        except ValueError:
            continue
    return None
