"""The parser's output: a plain tree of dataclasses, independent of Django.

The importer turns a ParsedDocument into database rows; the parser never touches the database.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

# Kinds of provision, outermost first. Anchors are built from these slugs. An ATTACHMENT holds a document
# attached after the signature ("Quy chế ban hành kèm theo Quyết định này": attachments.py); its number is the
# attached document's type ("Quy chế") and is its label.
ATTACHMENT, PART, CHAPTER, SECTION, SUBSECTION, ARTICLE, CLAUSE, POINT = (
    "kem-theo", "phan", "chuong", "muc", "tieu-muc", "dieu", "khoan", "diem",
)
KIND_ORDER = (ATTACHMENT, PART, CHAPTER, SECTION, SUBSECTION, ARTICLE, CLAUSE, POINT)
KIND_LABELS = {
    ATTACHMENT: "Văn bản kèm theo", PART: "Phần", CHAPTER: "Chương", SECTION: "Mục", SUBSECTION: "Tiểu mục",
    ARTICLE: "Điều", CLAUSE: "Khoản", POINT: "Điểm",
}


def node_label(kind: str, number: str) -> str:
    """'Điều 5', 'Mục II'; an attached document is named by its type: 'Quy chế'."""
    return number if kind == ATTACHMENT else f"{KIND_LABELS[kind]} {number}"


# A citation names the provision and what it sits in, innermost first, up to the article; a document without
# articles (a plan: sections.py) is cited up to its section. "Điểm a Khoản 2 Điều 5", "Điểm a Khoản 1 Mục II".
_CITED_KINDS = (POINT, CLAUSE, ARTICLE, SECTION)
_CITATION_ENDS = (ARTICLE, SECTION)


def citation_of(chain: list[tuple[str, str]]) -> str:
    """'Khoản 1 Mục III' from [(CLAUSE, '1'), (SECTION, 'III'), ...]: (kind, number) from the provision outwards.
    Inside an attached document: 'Khoản 2 Điều 5 Quy chế ban hành kèm theo' (the decision's name follows)."""
    parts = []
    for kind, number in chain:
        if kind not in _CITED_KINDS:
            break
        parts.append(node_label(kind, number))
        if kind in _CITATION_ENDS:
            break
    attachment = next((number for kind, number in chain if kind == ATTACHMENT), None)
    if parts and attachment:
        parts.append(f"{attachment} ban hành kèm theo")
    return " ".join(parts)


@dataclass
class Note:
    """A footnote of a consolidated text (văn bản hợp nhất): which document amended the provision, and when."""

    number: str               # as the text numbers it: "2"
    text: str


@dataclass
class ParsedNode:
    kind: str                 # one of KIND_ORDER
    number: str               # as written, normalised: "I", "1", "2a", "a", "đ", "thứ nhất" -> "1" for Phần
    heading: str = ""         # e.g. "Phạm vi điều chỉnh" (articles, chapters); "" for clauses and points
    text: str = ""            # the node's own text (lines that belong to it and not to a child)
    anchor: str = ""          # stable, unique in the document: "chuong-ii", "dieu-5", "dieu-5-khoan-2-diem-a"
    children: list[ParsedNode] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)   # footnotes cited in this node's heading or text

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class ListedDocument:
    """A document a consolidated text names in its preamble: the one it consolidates, or one amending it."""

    number: str
    type_label: str = ""              # the type written before the number: "Luật", "Nghị định" ("" if none)
    description: str = ""             # as the preamble writes it
    issue_date: date | None = None
    effective_date: date | None = None


@dataclass
class Consolidation:
    """What a văn bản hợp nhất says about itself besides its provisions. It has no legal force of its own: its
    provisions are those of `base` as amended by `amendments`."""

    base: ListedDocument | None = None
    amendments: list[ListedDocument] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)     # footnotes of the preamble and of the closing lines


@dataclass
class ParsedDocument:
    issuer: str = ""                  # "QUỐC HỘI", "CHÍNH PHỦ", "ỦY BAN NHÂN DÂN THÀNH PHỐ HUẾ"
    number: str = ""                  # "91/2015/QH13", "766/QĐ-TTg"; "" when absent
    doc_type: str = ""                # "Bộ luật", "Luật", "Nghị định", "Quyết định", ... ("" if unknown)
    title: str = ""                   # "Bộ luật Dân sự", "Luật Đất đai"
    place: str = ""                   # "Hà Nội"
    issue_date: date | None = None
    preamble: list[str] = field(default_factory=list)    # the "Căn cứ ..." lines and the enacting line
    cited_numbers: list[str] = field(default_factory=list)  # numbers of documents cited in "Căn cứ" lines
    body: list[ParsedNode] = field(default_factory=list)  # top-level provisions (parts, chapters or articles)
    signature: str = ""               # the closing block: "CHỦ TỊCH QUỐC HỘI\nNguyễn Sinh Hùng"
    signer: str = ""                  # "Nguyễn Sinh Hùng"
    warnings: list[str] = field(default_factory=list)    # irregularities, in Vietnamese, for the import report
    # "Luật này đã được Quốc hội ... thông qua ngày 24 tháng 11 năm 2015./." (not part of the last article)
    adoption_statement: str = ""
    appendix: str = ""                # what follows the signature ("PHỤ LỤC ..."), as plain lines
    # A signed document's text layer may leave the number and date blank ("Số: /QĐ-UBND", "ngày tháng năm
    # 2025"): what is written around the blanks, to check values read from the signature against.
    blank_number: str = ""            # "/QĐ-UBND"
    blank_date_year: int | None = None
    consolidation: Consolidation | None = None   # set for a văn bản hợp nhất only

    def walk(self):
        for node in self.body:
            yield from node.walk()

    def articles(self) -> list[ParsedNode]:
        """The document's own articles: not those of a document attached to it (its effect is the decision's)."""
        return [n for top in self.body if top.kind != ATTACHMENT for n in top.walk() if n.kind == ARTICLE]


class ParseError(ValueError):
    """Input that cannot be parsed into a legal document. The message is Vietnamese, for the user."""


_ANCHOR_PART = {"dieu": ARTICLE, "khoan": CLAUSE, "diem": POINT, "muc": SECTION}


def citation_of_anchor(anchor: str) -> str:
    """'dieu-35-khoan-1-diem-dd' -> 'Điểm đ Khoản 1 Điều 35' (for a provision known only by its anchor, e.g. in
    another document); an anchor of another shape is returned as it is."""
    words = anchor.split("-")
    if len(words) % 2 or any(kind not in _ANCHOR_PART for kind in words[0::2]):
        return anchor
    chain = [(_ANCHOR_PART[kind], number.replace("dd", "đ") if kind == "diem" else number.upper()
              if kind == "muc" else number) for kind, number in zip(words[0::2], words[1::2])]
    return citation_of(list(reversed(chain)))
