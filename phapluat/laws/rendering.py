"""HTML for a provision tree. Plain Python rather than a recursive template: the Civil Code has
thousands of nodes and is rendered in milliseconds this way (the result is cached per version)."""
from __future__ import annotations

from django.utils.html import escape

from .models import AmendmentKind, EffectStatus
from .parsing.model import KIND_LABELS, citation_of_anchor

STRUCTURAL = {"kem-theo", "phan", "chuong", "muc", "tieu-muc"}
EXPIRED_NOTE = '<span class="badge badge-expired">Đã hết hiệu lực</span>'
REPEALED_NOTE = '<span class="badge badge-expired">Đã bị bãi bỏ</span>'


PART_ORDINALS = ["nhất", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười"]


def part_label(number: str) -> str:
    """'1' -> 'Phần thứ nhất', as the codes write it."""
    if number.isdigit() and 1 <= int(number) <= len(PART_ORDINALS):
        return f"Phần thứ {PART_ORDINALS[int(number) - 1]}"
    return f"Phần {number}"


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{escape(line)}</p>" for line in text.splitlines() if line.strip())


def _notes(node, label: str) -> str:
    """A consolidated text's footnotes on this provision, listed after its own text: the markers were taken out
    of the text, each note keeps its number and an anchor ("dieu-5-chu-thich-2")."""
    notes = getattr(node, "note_list", ())
    if not notes:
        return ""
    items = "".join(_note_item(node.anchor, note) for note in notes)
    return (f'<div class="prov-notes" role="note" aria-label="Chú thích của {escape(label)}">'
            f'<p class="prov-notes-title">Chú thích</p><ol>{items}</ol></div>')


def _note_item(anchor: str, note) -> str:
    value = f' value="{note.number}"' if note.number.isdigit() else ""
    text = "<br>".join(escape(line) for line in note.text.splitlines())
    return f'<li id="{anchor}-chu-thich-{escape(note.number)}"{value}>{text}</li>'


def _changes(node, label: str) -> str:
    """What other documents changed here (reading.py): by what, since when, and the earlier wording one click
    away; changes not yet in force as upcoming. On an amending document: where each change was applied."""
    parts = [_change_note(note, label) for note in getattr(node, "reading_notes", ())]
    parts += [_applied_note(amendment) for amendment in getattr(node, "applied_to", ())]
    return "".join(parts)


def _source_link(amendment) -> str:
    source = amendment.source
    return (f'<a href="{source.get_absolute_url()}#{amendment.source_anchor}">'
            f"{escape(citation_of_anchor(amendment.source_anchor))} {escape(source.display_name)}</a>")


def _words(amendment) -> str:
    if amendment.kind != AmendmentKind.REPLACE_WORDS:
        return ""
    if amendment.new_words:
        return f" (thay cụm từ “{escape(amendment.old_words)}” bằng “{escape(amendment.new_words)}”)"
    return f" (bỏ cụm từ “{escape(amendment.old_words)}”)"


def _change_note(note, label: str) -> str:
    amendment = note.amendment
    when = (f"có hiệu lực từ ngày {amendment.effective_date:%d/%m/%Y}" if amendment.effective_date
            else "chưa xác định được ngày có hiệu lực")
    verb = f"sẽ {note.verb}" if note.upcoming else note.verb
    if note.upcoming and amendment.kind == AmendmentKind.INSERT and amendment.target_anchor:
        label = f"{citation_of_anchor(amendment.target_anchor)} (mới)"
        verb = "sẽ được bổ sung"
    text = f"{escape(label)} {verb} bởi {_source_link(amendment)}{_words(amendment)}, {when}."
    if note.missing_words:
        text += " Không tìm thấy cụm từ này trong điều khoản: biên tập viên cần kiểm tra."
    earlier = (f'<details><summary>Xem nội dung trước khi sửa đổi</summary>{_paragraphs(note.earlier)}</details>'
               if note.earlier else "")
    css = "change-note change-upcoming" if note.upcoming else "change-note"
    return f'<aside class="{css}" role="note"><p>{text}</p>{earlier}</aside>'


def _applied_note(amendment) -> str:
    target = amendment.target
    where = escape(citation_of_anchor(amendment.target_anchor)) if amendment.target_anchor else ""
    link = f'<a href="{target.get_absolute_url()}#{amendment.target_anchor}">{where} {escape(target.display_name)}</a>'
    return f'<aside class="change-note change-applied" role="note"><p>Đã áp dụng vào {link}.</p></aside>'


def _repealed(node) -> bool:
    return getattr(node, "repealed", False)


def _expired(node) -> bool:
    return node.status == EffectStatus.EXPIRED


def _structural(node, level: int) -> str:
    tag = f"h{min(level, 6)}"
    title = f'<span class="prov-heading">{escape(node.heading)}</span>' if node.heading else ""
    label = part_label(node.number) if node.kind == "phan" else node.label
    children = "".join(_node(child, level + 1) for child in node.child_nodes)
    return (
        f'<section class="prov prov-{node.kind}" id="{node.anchor}" aria-labelledby="{node.anchor}-h">'
        f'<{tag} id="{node.anchor}-h"><span class="prov-label">{escape(label)}</span>{title}</{tag}>'
        f"{_paragraphs(node.text)}{_notes(node, label)}{children}</section>"
    )


def _article(node, level: int) -> str:
    tag = f"h{min(level, 6)}"
    css = "dieu expired" if _expired(node) or _repealed(node) else "dieu"
    note = EXPIRED_NOTE if _expired(node) else REPEALED_NOTE if _repealed(node) else ""
    label = f"Điều {node.number}"
    body = "" if _repealed(node) else _paragraphs(node.text) + "".join(_node(c, level + 1) for c in node.child_nodes)
    return (
        f'<article class="{css}" id="{node.anchor}">'
        f'<{tag}><a class="anchor" href="#{node.anchor}">Điều {escape(node.number)}.</a> '
        f"{escape(node.heading)} {note}</{tag}>"
        f'<button type="button" class="copy-link" data-anchor="{node.anchor}" hidden>Chép liên kết</button>'
        f"{_changes(node, label)}{body}{_notes(node, label)}</article>"
    )


def _item(node, level: int) -> str:
    """A clause ('1.') or a point ('a)'), each addressable by its anchor. A clause of a plan may have a heading
    ('1. Mục tiêu tổng quát'); its text then begins on the next line."""
    marker = f"{node.number}." if node.kind == "khoan" else f"{node.number})"
    label = f"{KIND_LABELS[node.kind]} {node.number}"
    css = f"{node.kind} expired" if _expired(node) or _repealed(node) else node.kind
    lines = [line for line in node.text.splitlines() if line.strip()] or [""]
    if _repealed(node):
        lines = ["(Đã bị bãi bỏ)"]
    first, rest = lines[0], "\n".join(lines[1:])
    if node.heading:
        first, rest = f'<strong class="item-heading">{escape(node.heading)}</strong>', node.text
    else:
        first = escape(first)
    children = "" if _repealed(node) else "".join(_node(child, level) for child in node.child_nodes)
    note = EXPIRED_NOTE if _expired(node) else ""
    return (
        f'<div class="{css}" id="{node.anchor}"><p><a class="anchor" href="#{node.anchor}" '
        f'aria-label="{label}">{escape(marker)}</a> {first} {note}</p>{_paragraphs(rest)}'
        f"{_changes(node, label)}{_notes(node, label)}{children}</div>"
    )


def _node(node, level: int) -> str:
    if node.kind in STRUCTURAL:
        return _structural(node, level)
    if node.kind == "dieu":
        return _article(node, level)
    return _item(node, level)


def render_tree(nodes, first_heading_level: int = 2) -> str:
    return "".join(_node(node, first_heading_level) for node in nodes)


def _toc_label(node) -> str:
    label = part_label(node.number) if node.kind == "phan" else node.label
    title = node.heading or (_shortened(node.text) if node.kind == "khoan" else "")
    return f"{label}. {title}" if title else label


def _shortened(text: str, limit: int = 80) -> str:
    first = text.split("\n", 1)[0]
    return first if len(first) <= limit else first[:limit].rsplit(" ", 1)[0] + " …"


def render_toc(nodes) -> str:
    """Table of contents: structural nodes and articles, without clauses and points; in a plan without articles
    (parsing/sections.py) its clauses too ('1. Mục tiêu tổng quát' under 'Mục I')."""
    items = []

    def visit(node, in_article: bool) -> None:
        if node.kind in STRUCTURAL or node.kind == "dieu":
            css = "toc-dieu" if node.kind == "dieu" else "toc-struct"
        elif node.kind == "khoan" and not in_article:
            css = "toc-khoan"
        else:
            return
        items.append(f'<li class="toc-d{node.depth} {css}"><a href="#{node.anchor}">{escape(_toc_label(node))}</a></li>')
        for child in node.child_nodes:
            visit(child, in_article or node.kind == "dieu")

    for node in nodes:
        visit(node, False)
    return "".join(items)


def has_articles(nodes) -> bool:
    """Whether the document has articles of its own, "dieu-N" (the "go to article" form is for those; an attached
    regulation's are "kem-theo-quy-che-dieu-N")."""
    return any((node.kind == "dieu" and node.anchor.startswith("dieu-")) or has_articles(node.child_nodes)
               for node in nodes)
