"""ASP.NET WebForms pagers: listing pages 2, 3, … reached only through ``__doPostBack``.

A pager link such as ``javascript:__doPostBack('ctl00$…$rptPaging$ctl03$lnkPage','')`` or a
GridView's ``__doPostBack('ctl00$…$gvNews','Page$3')`` makes the browser submit the page's one
form by POST, with ``__EVENTTARGET`` and ``__EVENTARGUMENT`` set and every other field of the form
(``__VIEWSTATE``, ``__EVENTVALIDATION``, …) as it is. form2request (the library Scrapy points to for
requests made from forms) builds exactly that request. Only pager-like postbacks are followed — other postbacks log in, vote, switch
the language or page a calendar forever — each (form action, target, argument) once per crawl, and
at most ``PORTAL_POSTBACKS_PER_FORM`` per form action.
"""

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from form2request import form2request
from parsel import Selector
from scrapy import Request
from scrapy.http import HtmlResponse

from extraction.links import base_url
from extraction.urls import absolute_url

_FORM = "//form[.//input[@name='__VIEWSTATE' or @name='__EVENTTARGET']]"
_CALL = re.compile(r"""__doPostBack\(\s*(['"])(?P<target>[^'"]*)\1\s*,\s*(['"])(?P<argument>[^'"]*)\3\s*\)""")
# What a pager's postback looks like: GridView/DetailsView arguments, or a target named for paging.
_PAGER_ARGUMENT = re.compile(r"^Page\$(?:\d+|Next|Prev|First|Last)$", re.I)
_PAGER_TARGET = re.compile(r"pag(?:e|er|ing)|lnkNext|lnkPrev|btnNext|btnPrev", re.I)
# The visible labels of pager links: a page number, or next/previous/last words and arrows.
_PAGER_TEXT = re.compile(r"^(?:\d{1,4}|\.\.\.|…|[<>«»‹›]{1,2}|next|prev(?:ious)?|last|first|tiếp|sau|trước|cuối|đầu|"
                         r"trang (?:sau|trước|tiếp|cuối|đầu))$", re.I)


@dataclass(frozen=True)
class Postback:
    target: str
    argument: str
    label: str


def _page(response: HtmlResponse) -> tuple[Selector, str]:
    """The page as Scrapy's selector reads it, and the URL its links are read against: its <base
    href>, or its URL when the base is no URL (``http://[bad``), where Scrapy's selector raises."""
    base = base_url(response.text, response.url, response.encoding)
    return Selector(text=response.text, type="html", base_url=base), base


def pager_postbacks(page: Selector) -> list[Postback]:
    """The pager postbacks a page's links and buttons name, in page order."""
    found = []
    for element in page.css("a[href*='__doPostBack'], [onclick*='__doPostBack']"):
        code = element.attrib.get("href", "") + " " + element.attrib.get("onclick", "")
        label = " ".join(" ".join(element.css("::text").getall()).split()) or element.attrib.get("title", "")
        for call in _CALL.finditer(code):
            target, argument = call.group("target"), call.group("argument")
            if _PAGER_ARGUMENT.match(argument) or _PAGER_TARGET.search(target) or _PAGER_TEXT.match(label.strip()):
                found.append(Postback(target, argument, label))
    return found


class PostbackFollower:
    """Turns a page's pager postbacks into POST requests, each once, a bounded number per form."""

    def __init__(self, per_form: int):
        self.per_form = per_form
        self._seen: set[tuple[str, str, str]] = set()
        self._per_action: Counter = Counter()
        self.capped: set[str] = set()  # form actions that reached the bound

    def requests(self, response: HtmlResponse, callback, **request_kwargs) -> Iterator[Request]:
        page, base = _page(response)
        forms = page.xpath(_FORM)
        if not forms:
            return
        form = forms[0]
        action = absolute_url(base, form.attrib.get("action") or response.url)
        if action is None:  # a form posting to no address (http://[bad, a port out of range): a browser sends nothing
            return
        for postback in pager_postbacks(page):
            key = (action, postback.target, postback.argument)
            if key in self._seen:
                continue
            if self._per_action[action] >= self.per_form:
                self.capped.add(action)
                continue
            self._seen.add(key)
            self._per_action[action] += 1
            # No button is clicked: a pager link submits the form through script.
            request = form2request(form, {"__EVENTTARGET": postback.target, "__EVENTARGUMENT": postback.argument}, click=False)
            yield request.to_scrapy(callback, **request_kwargs)
