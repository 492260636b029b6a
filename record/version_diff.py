"""What changed between two versions of an article: the `changes` object of a version record.

Worked out once, when a version is written (pipelines/versions.py), and stored in it, so that no
reader (`portal-archive changes`, the dataset export) diffs texts again::

    {"kind": "edited",                      # or "removed", "unlisted", "restored"
     "fields": ["title", "paragraphs", "body_text"],   # the fields that differ, in record order
     "values": {"title": {"old": "...", "new": "..."}},  # single values, before and after
     "paragraphs": [                        # the body, paragraph by paragraph (difflib)
         {"op": "changed", "old_index": 2, "new_index": 2, "old": "...", "new": "..."},
         {"op": "removed", "old_index": 4, "old": "..."},
         {"op": "added", "new_index": 5, "new": "..."}],
     "items": {"tags": {"added": ["..."], "removed": ["..."]}}}   # lists: what came and went

`body_text` is the paragraphs joined, so it is named in `fields` but not diffed twice. Indexes
count from 0 in the old and the new version's `paragraphs`.
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
        found += [{"op": "removed", "old_index": i, "old": old[i]} for i in range(i1 + paired, i2)]
        found += [{"op": "added", "new_index": j, "new": new[j]} for j in range(j1 + paired, j2)]
    return found


def _list_diff(old: list, new: list) -> dict:
    old_keys = [json.dumps(x, sort_keys=True, ensure_ascii=False) for x in old]
    new_keys = [json.dumps(x, sort_keys=True, ensure_ascii=False) for x in new]
    return {"added": [x for x, key in zip(new, new_keys) if key not in old_keys],
            "removed": [x for x, key in zip(old, old_keys) if key not in new_keys]}


def changes_between(old: dict, new: dict) -> dict:
    """The `changes` of `new`, the version after `old`."""
    before, after = _compared(old), _compared(new)
    names = list(after) + [name for name in before if name not in after]
    changed = [name for name in names if not _same(before.get(name), after.get(name))]
    result = {"kind": change_kind(before["status"], after["status"]), "fields": changed,
              "values": {}, "paragraphs": [], "items": {}}
    for name in changed:
        was, now = before.get(name), after.get(name)
        if name == PARAGRAPHS:
            result["paragraphs"] = paragraph_diff(was or [], now or [])
        elif name == JOINED:
            continue
        elif isinstance(was, list) or isinstance(now, list):
            result["items"][name] = _list_diff(was or [], now or [])
        else:
            result["values"][name] = {"old": was, "new": now}
    return result
