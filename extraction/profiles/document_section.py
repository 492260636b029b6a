"""A profile's ``[document]`` section: how a portal shows a legal document (văn bản), as data.

    [document]
    detect = [".vbProperties", "#toanvancontent"]        # the page shows a document
    root = [".box-tab-vb"]                                # where its parts are (else the page)
    id_pattern = '[?&]ItemID=(\\d+)'                      # the document's id in the page's URL
    document_url = "vbpq-toanvan.aspx?ItemID={id}"        # its one address, from every tab
    label_cells = ["td.label", ".vbInfo li > span"]       # elements holding a label ("Số ký hiệu")
    title = [".box-map li:last-child a"]                  # and one selector list per field
    [document.labels]
    "Số ký hiệu" = "document_number"
    "Cơ quan ban hành/ Chức danh / Người ký" = ["issuing_body", "signer_title", "signer"]

A label's value is the cells after it (one per field named), the text after it in the same
element ("Hiệu lực: Còn hiệu lực"), or the rest of a cell that starts with "Label:". Labels
are matched without case, spaces or a final colon.
"""

import re
from dataclasses import dataclass, fields

from extraction.profiles import checks
from extraction.profiles.checks import ProfileError

# What a label or a selector list may fill in.
TEXT_FIELDS = (
    "title", "document_number", "document_type", "issuing_body", "signer", "signer_title", "status", "scope", "abstract",
)
DATE_FIELDS = ("issued_on", "effective_on", "expires_on", "gazette_on")
LABEL_TARGETS = frozenset(TEXT_FIELDS + DATE_FIELDS)


@dataclass(frozen=True)
class DocumentRules:
    detect: tuple[str, ...] = ()
    not_document: tuple[str, ...] = ()
    root: tuple[str, ...] = ()
    id_pattern: str = ""
    document_url: str = ""
    # Centred lines opening the full text ("BỘ LUẬT" / "HÌNH SỰ"): the document's own heading.
    heading: tuple[str, ...] = ()
    # A text such as "Bộ luật 101/2015/QH13": the type, then the number.
    type_and_number: tuple[str, ...] = ()
    label_cells: tuple[str, ...] = ()
    # (label as compared, the fields it fills), from the [document.labels] table.
    labels: tuple[tuple[str, tuple[str, ...]], ...] = ()
    title: tuple[str, ...] = ()
    document_number: tuple[str, ...] = ()
    document_type: tuple[str, ...] = ()
    issuing_body: tuple[str, ...] = ()
    signer: tuple[str, ...] = ()
    signer_title: tuple[str, ...] = ()
    status: tuple[str, ...] = ()
    scope: tuple[str, ...] = ()
    abstract: tuple[str, ...] = ()
    issued_on: tuple[str, ...] = ()
    effective_on: tuple[str, ...] = ()
    expires_on: tuple[str, ...] = ()
    gazette_on: tuple[str, ...] = ()
    full_text: tuple[str, ...] = ()
    attachments: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    # Removed before the text is read (after attachments and related documents are).
    boilerplate: tuple[str, ...] = ()

    def targets(self, label: str) -> tuple[str, ...]:
        """The fields a label fills, in the order of the cells after it; () for other labels."""
        return dict(self.labels).get(label_key(label), ())


def label_key(label: str) -> str:
    """A label as compared: lower case, no spaces around "/", no final colon, one space between words."""
    label = re.sub(r"\s+", " ", label or "").strip().rstrip(":：").strip().casefold()
    return re.sub(r"\s*/\s*", "/", label)


def _labels(value, where: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    table = checks.table(value, where)
    for label, target in table.items():
        targets = [target] if isinstance(target, str) else target
        if not isinstance(targets, list) or not targets or not all(isinstance(t, str) for t in targets):
            raise ProfileError(f"{where} {label!r}: expected a field name or a list of field names, not {target!r}")
        unknown = [t for t in targets if t not in LABEL_TARGETS]
        if unknown:
            raise ProfileError(f"{where} {label!r}: unknown field {unknown[0]!r} (known: {', '.join(sorted(LABEL_TARGETS))})")
    return tuple((label_key(label), (target,) if isinstance(target, str) else tuple(target)) for label, target in table.items())


def _pattern(value, where: str) -> str:
    pattern = checks.string(value, where)
    try:
        compiled = re.compile(pattern)
    except re.error as error:
        raise ProfileError(f"{where}: bad regular expression {pattern!r}: {error}") from None
    if compiled.groups != 1:
        raise ProfileError(f"{where}: the pattern needs exactly one group, the id: {pattern!r}")
    return pattern


def _document_url(value, where: str) -> str:
    template = checks.string(value, where)
    if "{id}" not in template:
        raise ProfileError(f"{where}: the template must hold {{id}}: {template!r}")
    return template


def document_rules(data, where: str) -> DocumentRules | None:
    """The checked ``[document]`` section, or None when the profile has none."""
    if data is None:
        return None
    data = dict(checks.table(data, where))
    unknown = set(data) - {f.name for f in fields(DocumentRules)}
    if unknown:
        raise ProfileError(f"{where}: unknown keys {sorted(unknown)}")
    readers = {"labels": _labels, "id_pattern": _pattern, "document_url": _document_url}
    return DocumentRules(**{key: readers.get(key, checks.selectors)(value, f"{where} {key}") for key, value in data.items()})
