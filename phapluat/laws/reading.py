"""A document as it reads on a given day: its provision tree with the amendments in force by then applied.

The stored tree is the text as promulgated. Each amendment (models.Amendment) in force on the day changes
the tree in memory: a substituted provision takes its new wording (the earlier one is kept for the
reader), a repealed one is marked, words are replaced, inserted provisions appear after the one they
follow. Amendments not yet in force, or whose date is unknown, are attached as upcoming notes and change
nothing. Every change leaves a note on the provision, so that the page says what changed, by what, since
when.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from .models import Amendment, AmendmentKind, Provision
from .parsing.model import KIND_LABELS

_LABEL = {"dieu": re.compile(r"^Điều\s+\S+?[.:]\s*"), "khoan": re.compile(r"^\d+[a-zđ]?\s*[.)]\s*"),
          "diem": re.compile(r"^[a-zđ]\d?\s*\)\s*")}


@dataclass
class ChangeNote:
    amendment: Amendment
    upcoming: bool = False          # not in force on the day read (or its date is unknown)
    earlier: str = ""               # the wording it replaced, for "xem nội dung trước khi sửa đổi"
    missing_words: bool = False     # REPLACE_WORDS whose words are not in the provision: for editors

    @property
    def verb(self) -> str:
        return {AmendmentKind.SUBSTITUTE: "được sửa đổi, bổ sung", AmendmentKind.INSERT: "được bổ sung",
                AmendmentKind.REPEAL: "bị bãi bỏ", AmendmentKind.REPLACE_WORDS: "được thay, bỏ cụm từ"}[
            AmendmentKind(self.amendment.kind)]


@dataclass
class Reading:
    day: date
    applied: list[Amendment] = field(default_factory=list)
    upcoming: list[Amendment] = field(default_factory=list)
    unplaced: list[Amendment] = field(default_factory=list)    # no such provision in the text: for editors

    @property
    def signature(self) -> str:
        """What the rendered page depends on (for its cache key)."""
        return "a" + ",".join(str(a.pk) for a in self.applied) + "u" + ",".join(str(a.pk) for a in self.upcoming)


def _index(tree: list[Provision]) -> tuple[dict[str, Provision], dict[int, Provision]]:
    by_anchor, parent_of = {}, {}

    def visit(node: Provision, parent: Provision | None) -> None:
        by_anchor[node.anchor] = node
        node.reading_notes = getattr(node, "reading_notes", [])
        if parent is not None:
            parent_of[id(node)] = parent
        for child in node.child_nodes:
            visit(child, node)

    for top in tree:
        visit(top, None)
    return by_anchor, parent_of


def full_text(node: Provision) -> str:
    """The provision with its labels and everything under it, as the reader saw it before a change."""
    marker = {"dieu": f"Điều {node.number}. {node.heading}".strip(), "khoan": f"{node.number}.",
              "diem": f"{node.number})"}.get(node.kind, f"{KIND_LABELS.get(node.kind, '')} {node.number}")
    lines = [f"{marker} {node.text}".strip() if node.kind != "dieu" else marker]
    if node.kind == "dieu" and node.text:
        lines.append(node.text)
    lines += [full_text(child) for child in node.child_nodes]
    return "\n".join(line for line in lines if line)


def read_on(tree: list[Provision], amendments: list[Amendment], day: date) -> Reading:
    """Apply to `tree` (in place) the amendments in force on `day`; note the others."""
    by_anchor, parent_of = _index(tree)
    reading = Reading(day=day)
    for amendment in amendments:
        in_force = amendment.effective_date is not None and amendment.effective_date <= day
        anchor = amendment.after_anchor if amendment.kind == AmendmentKind.INSERT and not in_force else \
            amendment.target_anchor
        node = by_anchor.get(anchor) or (by_anchor.get(amendment.after_anchor) if not in_force else None)
        if not in_force:
            if node is not None:
                node.reading_notes.append(ChangeNote(amendment, upcoming=True))
            reading.upcoming.append(amendment)
            continue
        if _apply(amendment, by_anchor, parent_of, tree):
            reading.applied.append(amendment)
        else:
            reading.unplaced.append(amendment)
    return reading


def _apply(amendment: Amendment, by_anchor: dict, parent_of: dict, tree: list[Provision]) -> bool:
    if amendment.kind == AmendmentKind.INSERT:
        return _insert(amendment, by_anchor, parent_of, tree)
    node = by_anchor.get(amendment.target_anchor)
    if node is None:
        return False
    if amendment.kind == AmendmentKind.SUBSTITUTE:
        note = ChangeNote(amendment, earlier=full_text(node))
        _set_wording(node, amendment.new_text)
    elif amendment.kind == AmendmentKind.REPEAL:
        note = ChangeNote(amendment, earlier=full_text(node))
        node.repealed = True
    else:
        note = ChangeNote(amendment, earlier=full_text(node))
        note.missing_words = not _replace_words(node, amendment.old_words, amendment.new_words)
    node.reading_notes.append(note)
    return True


def _set_wording(node: Provision, new_text: str) -> None:
    """The provision's new wording; its own label ("8.", "Điều 20.") is the node's, not the text's."""
    lines = new_text.split("\n")
    label = _LABEL.get(node.kind)
    if node.kind == "dieu" and label and label.match(lines[0]):
        node.heading, lines = label.sub("", lines[0]), lines[1:]
    elif label:
        lines[0] = label.sub("", lines[0], count=1)
    node.text = "\n".join(lines)
    node.child_nodes = []
    node.repealed = False


def _replace_words(node: Provision, old: str, new: str) -> bool:
    found = False
    for each in _walk(node):
        for attribute in ("text", "heading"):
            value = getattr(each, attribute) or ""
            if old in value:
                setattr(each, attribute, re.sub(r" {2,}", " ", value.replace(old, new)))
                found = True
    return found


def _walk(node: Provision):
    yield node
    for child in node.child_nodes:
        yield from _walk(child)


def _insert(amendment: Amendment, by_anchor: dict, parent_of: dict, tree: list[Provision]) -> bool:
    kind = "diem" if "-diem-" in amendment.target_anchor else "khoan" if "-khoan-" in amendment.target_anchor \
        else "dieu"
    number = amendment.target_anchor.rsplit("-", 1)[-1].replace("dd", "đ")
    inserted = Provision(kind=kind, number=number, anchor=amendment.target_anchor, heading="", text="",
                         depth=0, position=0)
    inserted.child_nodes, inserted.repealed = [], False
    _set_wording(inserted, amendment.new_text)
    inserted.reading_notes = [ChangeNote(amendment)]
    after = by_anchor.get(amendment.after_anchor)
    siblings, parent = _siblings_for(amendment.target_anchor, after, by_anchor, parent_of, tree)
    if siblings is None:
        return False
    position = siblings.index(after) + 1 if after is not None and after in siblings else len(siblings)
    siblings.insert(position, inserted)
    inserted.depth = (parent.depth + 1) if parent is not None else 0
    by_anchor[inserted.anchor] = inserted
    if parent is not None:
        parent_of[id(inserted)] = parent
    return True


def _siblings_for(anchor: str, after: Provision | None, by_anchor: dict, parent_of: dict,
                  tree: list[Provision]) -> tuple[list | None, Provision | None]:
    if after is not None:
        parent = parent_of.get(id(after))
        return (parent.child_nodes if parent is not None else tree), parent
    parent = by_anchor.get(anchor.rsplit("-", 2)[0])   # "dieu-9-khoan-2-diem-d" -> "dieu-9-khoan-2"
    return (parent.child_nodes, parent) if parent is not None else (None, None)


def mark_applied(tree: list[Provision], made: list[Amendment]) -> None:
    """On an amending document's own provisions: which provision of which document each one changed."""
    by_anchor, _ = _index(tree)
    for amendment in made:
        node = by_anchor.get(amendment.source_anchor)
        if node is not None and amendment.target_id:
            node.applied_to = [*getattr(node, "applied_to", []), amendment]


def read_units(units: list[Provision], descendants: dict[int, list[Provision]],
               amendments_by_document: dict[int, list[Amendment]], day: date) -> None:
    """Today's wording for search hits and citations: each unit (an article, or a plan's section or clause)
    with its descendants (`descendants[unit.pk]`, flat, linked by parent_id) is read on `day` in place;
    `descendants[unit.pk]` becomes the read subtree, flat again (inserted provisions get their parent_id)."""
    for unit in units:
        amendments = [a for a in amendments_by_document.get(unit.document_id, ())
                      if a.target_anchor == unit.anchor or a.target_anchor.startswith(unit.anchor + "-")]
        if not amendments:
            continue
        _link_children(unit, descendants.get(unit.pk, []))
        read_on([unit], amendments, day)
        descendants[unit.pk] = _flatten_read(unit)


def _link_children(unit: Provision, flat: list[Provision]) -> None:
    by_parent: dict[int, list[Provision]] = {}
    for node in flat:
        by_parent.setdefault(node.parent_id, []).append(node)
    for node in [unit, *flat]:
        node.child_nodes = by_parent.get(node.pk, [])


def _flatten_read(unit: Provision) -> list[Provision]:
    flat = []

    def visit(node: Provision) -> None:
        for child in node.child_nodes:
            if child.pk is None:
                child.parent_id = node.pk
            flat.append(child)
            visit(child)

    visit(unit)
    return flat


def notes_in(unit: Provision, descendants: list[Provision], *, upcoming: bool = False) -> list[ChangeNote]:
    """The change notes on a unit and everything under it (applied ones, or with `upcoming` the others)."""
    return [note for node in [unit, *descendants] for note in getattr(node, "reading_notes", ())
            if note.upcoming == upcoming]
