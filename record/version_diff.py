"""What changed between two versions of an article: the `changes` object of a version record.

Worked out once, when a version is written (pipelines/versions.py), and stored in it, so that no
reader (`portal-archive changes`, the dataset export) diffs texts again::

    {"kind": "edited",                      # or "removed", "unlisted", "restored"
     "fields": ["title", "paragraphs", "body_text"],   # the fields that differ, in record order
     "values": [{"field": "title", "old": "...", "new": "..."}],  # single values, before and after
     "paragraphs": [                        # the body, paragraph by paragraph (difflib)
         {"op": "changed", "old_index": 2, "new_index": 2, "old": "...", "new": "..."},
         {"op": "removed", "old_index": 4, "new_index": null, "old": "...", "new": null},
         {"op": "added", "old_index": null, "new_index": 5, "old": null, "new": "..."}],
     "items": [{"field": "tags", "added": ["..."], "removed": ["..."]}]}   # lists: what came and went

`body_text` is the paragraphs joined, so it is named in `fields` but not diffed twice. Indexes
count from 0 in the old and the new version's `paragraphs`. A list entry that is an object (an
image, an attachment) is given as its JSON text. Every key is always there (null when it does not
apply), so that the dataset stores the object as typed columns (archive/dataset/arrow_schema.py).
"""

import difflib
import json

from record.fields import CHANGES_FIELD, PUBLISHED, RUN_DEPENDENT_FIELDS, TOMBSTONES

EDITED, RESTORED = "edited", "restored"
# Diffed paragraph by paragraph; `body_text` is these joined.
PARAGRAPHS, JOINED = "paragraphs", "body_text"


def change_kind(old_status: str | None, new_status: str | None) -> str:
    old_status, new_status = old_status or PUBLISHED, new_status or PUBLISHED
    if new_status in TOMBSTONES:
        return new_status
    return RESTORED if old_status in TOMBSTONES else EDITED


def _compared(record: dict) -> dict:
    fields = {k: v for k, v in record.items() if k not in RUN_DEPENDENT_FIELDS and k != CHANGES_FIELD}
    fields.setdefault("status", PUBLISHED)  # records written before there was a status
    return fields


def _same(a, b) -> bool:
    return json.dumps(a, sort_keys=True, ensure_ascii=False) == json.dumps(b, sort_keys=True, ensure_ascii=False)


def paragraph_diff(old: list[str], new: list[str]) -> list[dict]:
    """Added, removed and changed paragraphs; a replaced run is paired up paragraph by paragraph."""
    found = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        paired = min(i2 - i1, j2 - j1) if tag == "replace" else 0
        for k in range(paired):
            found.append({"op": "changed", "old_index": i1 + k, "new_index": j1 + k, "old": old[i1 + k], "new": new[j1 + k]})
        found += [{"op": "removed", "old_index": i, "new_index": None, "old": old[i], "new": None} for i in range(i1 + paired, i2)]
        found += [{"op": "added", "old_index": None, "new_index": j, "old": None, "new": new[j]} for j in range(j1 + paired, j2)]
    return found


def _as_text(item) -> str:
    return item if isinstance(item, str) else json.dumps(item, sort_keys=True, ensure_ascii=False)


def _list_diff(name: str, old: list, new: list) -> dict:
    before, after = [_as_text(x) for x in old], [_as_text(x) for x in new]
    return {"field": name, "added": [x for x in after if x not in before], "removed": [x for x in before if x not in after]}


def changes_between(old: dict, new: dict) -> dict:
    """The `changes` of `new`, the version after `old`."""
    before, after = _compared(old), _compared(new)
    names = list(after) + [name for name in before if name not in after]
    changed = [name for name in names if not _same(before.get(name), after.get(name))]
    result = {"kind": change_kind(before["status"], after["status"]), "fields": changed,
              "values": [], "paragraphs": [], "items": []}
    for name in changed:
        was, now = before.get(name), after.get(name)
        if name == PARAGRAPHS:
            result["paragraphs"] = paragraph_diff(was or [], now or [])
        elif name == JOINED:
            continue
        elif isinstance(was, list) or isinstance(now, list):
            result["items"].append(_list_diff(name, was or [], now or []))
        else:
            result["values"].append({"field": name, "old": was, "new": now})
    return result
