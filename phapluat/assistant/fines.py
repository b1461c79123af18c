"""Questions about traffic fines ("vượt đèn đỏ phạt bao nhiêu?") answered from Decree 168/2024/NĐ-CP.

The amount, the point deduction and the provision come from the fines lookup (contests/fines.py), which holds
the violations of the decree as data. Each provision is then found in the library and cited like any other
source, so its effect status is read by `sources.effect_of`, never assumed. When the lookup has no good match,
nothing is answered here and the assistant takes its usual path. The answer is composed here, word for word
from the data and the library; no generative provider rephrases amounts.

Only violations whose basis for the fine is Decree 168/2024 itself are ever stated: the data also keeps
violations fined under the expired Decrees 100/2019 and 123/2021, and those are never presented.
"""
from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlencode

from ..contests import fines as lookup
from ..laws.models import Document, EffectStatus, Provision, StatusSource
from ..laws.status_view import official_database_url
from .answers import Answer
from .sources import Citation, effect_of

DECREE = lookup.DECREE_NUMBER
FINES_PAGE = "/tra-cuu-muc-phat/"
SHOWN = 3             # violations stated in one answer, at most
QUOTE_LIMIT = 1200

# A question asks about a fine when its folded words contain one of these phrases.
FINE_CUES = (
    "phat bao nhieu", "muc phat", "bi phat", "xu phat", "xu phat hanh chinh", "phat hanh chinh", "phat tien",
    "tien phat", "nop phat", "phat nguoi", "phat the nao", "phat nhu the nao", "phat ra sao", "phat sao",
    "phat gi", "phat may trieu",
    "tru diem", "tru may diem", "tuoc bang", "tuoc giay phep lai xe", "tuoc gplx",
)
# Typed without marks, "phat" is also phát (phát triển, phát hiện…) or Phật: a cue ending in "phat" followed
# by one of these syllables is that other word. "phat hanh chinh" (phạt hành chính) is a fine, "phat hanh" not.
NOT_PHAT = frozenset({"trien", "hien", "sinh", "song", "bieu", "minh", "dong", "ngon", "am", "thanh", "huy",
                      "quang", "dat", "giac", "xuat", "tan", "loc", "tu", "hanh"})
# Typed with marks, the word decides: only "phạt" is a fine ("phát", "Phật" are not).
PHAT_SPELLINGS = frozenset({"phat", "phạt"})
# Words of a question that say what is asked rather than what was done. They are left out of the lookup's
# query: "phạt" would match "phát tín hiệu", and "bao nhiêu" nothing at all.
ASKING_WORDS = FINE_CUES + (
    "bao nhieu tien", "bao nhieu", "nhu the nao", "the nao", "ra sao", "bao lau", "la gi", "gi",
    "xin hoi", "cho hoi", "cho em hoi", "cho toi hoi", "thi", "se", "bi", "vay", "a", "nhi", "nhe",
    "phat", "may diem", "ko",
)
TRAILING_WORDS = frozenset({"co", "khong", "chua", "ko", "k"})  # "… có bị phạt không"
_TOKEN = re.compile(r"[^\W\d_]+|\d+")  # "10km/h" -> 10, km, h: the decree writes "10 km/h"

# How well the best violation must match: the idf-weighted share of the question's behaviour words found in
# its wording or road user (contests.fines.Match.coverage). Chosen from real questions (see the module's
# tests): traffic questions the lookup answers right score 0.8–1.0; fines outside traffic ("trốn thuế",
# "xây nhà không phép", "đánh bạc") and the wrong matter ("đăng ký kết hôn") score under 0.45.
MIN_COVERAGE = 0.65
# Violations after the first are shown when they match nearly as well (the same behaviour for another
# vehicle, or a graver degree): at least this share of the first one's score.
NEAR_SCORE = 0.85


def _tokens(text: str) -> list[tuple[str, str]]:
    """(word as typed, lower-case; word folded) for each word."""
    words = _TOKEN.findall(unicodedata.normalize("NFC", text or "").lower())
    return [(word, lookup.fold(word)) for word in words]


def _occurrences(tokens: list[tuple[str, str]], phrases) -> list[tuple[int, int]]:
    """(start, end) of the phrases found in the folded words, reading left to right, longest phrase first."""
    by_first: dict[str, list[list[str]]] = {}
    for phrase in sorted(set(phrases), key=lambda p: -len(p.split())):
        words = phrase.split()
        by_first.setdefault(words[0], []).append(words)
    folded = [f for _, f in tokens]
    found, start = [], 0
    while start < len(folded):
        end = next((start + len(w) for w in by_first.get(folded[start], ())
                    if folded[start:start + len(w)] == w), None)
        if end is None:
            start += 1
        else:
            found.append((start, end))
            start = end
    return found


def _phat_of_a_fine(tokens: list[tuple[str, str]], start: int, end: int) -> bool:
    """Is every "phat" in tokens[start:end] the word phạt?"""
    for position in range(start, end):
        typed, folded = tokens[position]
        if folded != "phat":
            continue
        if typed not in PHAT_SPELLINGS:
            return False
        if typed == "phat" and position == end - 1:
            following = [f for _, f in tokens[position + 1:position + 3]]
            if following[:1] and following[0] in NOT_PHAT and following != ["hanh", "chinh"]:
                return False
    return True


def has_fine_intent(question: str) -> bool:
    """Does the question ask for a penalty (amount, points, licence)? With or without diacritics."""
    tokens = _tokens(question)
    if any(_phat_of_a_fine(tokens, start, end) for start, end in _occurrences(tokens, FINE_CUES)):
        return True
    while tokens and tokens[-1][1] in TRAILING_WORDS:  # "… có phạt không"
        tokens = tokens[:-1]
    return bool(tokens) and tokens[-1][1] == "phat" and _phat_of_a_fine(tokens, len(tokens) - 1, len(tokens))


def _behaviour_tokens(question: str) -> list[tuple[str, str]]:
    tokens = _tokens(question)
    asking = {i for start, end in _occurrences(tokens, ASKING_WORDS) for i in range(start, end)}
    kept = [t for i, t in enumerate(tokens) if i not in asking]
    while kept and kept[-1][1] in TRAILING_WORDS:
        kept.pop()
    return kept


def behaviour_query(question: str) -> str:
    """What was done, folded: "Vượt đèn đỏ bị phạt bao nhiêu?" -> "vuot den do"."""
    return " ".join(f for _, f in _behaviour_tokens(question))


def fines_url(question: str) -> str:
    """The fines lookup page for the question, pre-filled with its words about what was done, as typed."""
    words = " ".join(typed for typed, _ in _behaviour_tokens(question)) or " ".join(question.split())
    return f"{FINES_PAGE}?{urlencode({'q': words[:lookup.MAX_QUERY]})}"


def _based_on_decree_168(violation: lookup.Violation) -> bool:
    """The fine's basis is Decree 168/2024 alone (not a transitional provision of an expired decree)."""
    basis = [p for p in violation.provisions if p.kind == 1]
    return bool(basis) and all(p.decree == DECREE and p.anchor for p in basis)


def _for(who: str, violation: lookup.Violation) -> bool:
    """Does the violation apply to the road user the question names ("xe máy" -> "xe mô tô, xe gắn máy")?"""
    return not who or set(who.split()) <= set(lookup.fold(violation.entities).replace(",", " ").split())


def matches(question: str) -> list[lookup.Match]:
    """The violations to state for a question, best first; [] when the lookup has no good match."""
    behaviour = behaviour_query(question)
    found = [m for m in lookup.ranked(behaviour, limit=20) if _based_on_decree_168(m.violation)]
    if not found or found[0].coverage < MIN_COVERAGE:
        return []
    best, (_, who) = found[0], lookup.expand_query(behaviour)
    others = [m for m in found[1:] if m.coverage >= MIN_COVERAGE and m.score >= NEAR_SCORE * best.score
              and _for(who, m.violation)]
    return [best] + others[:SHOWN - 1]


# ---------------------------------------------------------------- the library's copy of the decree


def decree_in_library() -> Document | None:
    return Document.objects.filter(number=DECREE, live=True).first()


def _cut(text: str, limit: int = QUOTE_LIMIT) -> str:
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > 0 else limit] + " …"


def _quote(provision: Provision) -> str:
    """The provision's exact words; a point is quoted after its clause's opening, which states the fine."""
    if provision.kind == "diem" and provision.parent is not None:
        return _cut(f"{provision.parent.text.strip()}\n{provision.number}) {provision.text.strip()}".strip())
    children = list(provision.children.order_by("position"))
    marker = ")" if provision.kind == "khoan" else "."
    lines = [provision.text.strip()] + [f"{c.number}{marker} {c.text.strip()}" for c in children]
    return _cut("\n".join(line for line in lines if line) or provision.heading)


def _article(provision: Provision) -> Provision:
    node = provision
    while node.kind != "dieu" and node.parent is not None:
        node = node.parent
    return node


def _cite(document: Document, chosen: list[lookup.Match]) -> dict[str, Citation]:
    """anchor -> Citation for each provision of Decree 168 the chosen violations rest on that the library
    holds, in the order of the violations (the basis of the fine first)."""
    cited: dict[str, Citation] = {}
    version = document.latest_version()
    if version is None:
        return cited
    wanted = [(p.anchor, m) for m in chosen for p in sorted(m.violation.provisions, key=lambda p: p.kind)
              if p.decree == DECREE and p.anchor]
    rows = {p.anchor: p for p in version.provisions.filter(anchor__in={a for a, _ in wanted})
            .select_related("parent__parent")}
    for anchor, match in wanted:
        provision = rows.get(anchor)
        if provision is None or anchor in cited:
            continue
        article = _article(provision)
        path = [n for n in (provision, provision.parent, getattr(provision.parent, "parent", None)) if n]
        status, current, note = effect_of(document, path)
        cited[anchor] = Citation(
            index=len(cited) + 1, provision_id=provision.pk, article_number=article.number,
            anchor=anchor, label=provision.citation, heading=article.heading, quote=_quote(provision),
            document_id=document.pk, document_title=document.title, document_number=document.number,
            url=provision.get_absolute_url(), status=status, status_label=EffectStatus(status).label,
            is_current=current, effect_note=note, score=match.score, matched_share=match.coverage,
            status_source=document.status_source, status_source_label=StatusSource(document.status_source).label,
            status_note=document.status_note, official_url=official_database_url(document),
        )
    return cited


# ---------------------------------------------------------------- the answer

_BULLET = re.compile(r"(?:^|\s)-\s+")


def _plain(value: str) -> str:
    """The data's "- a - b" lists as "a; b"."""
    return "; ".join(part.strip() for part in _BULLET.split(value or "") if part.strip())


def _provision_json(provision: lookup.Provision, cited: dict[str, Citation]) -> dict:
    citation = cited.get(provision.anchor)
    return {"citation": provision.citation, "kind": provision.kind_label, "anchor": provision.anchor,
            "url": citation.url if citation else "", "status": citation.status if citation else "",
            "status_label": citation.status_label if citation else "",
            "in_library": citation is not None, "in_force": citation.is_current if citation else None,
            "effect_note": citation.effect_note if citation else ""}


def _fine_json(match: lookup.Match, cited: dict[str, Citation]) -> dict:
    """One violation for the API and the page. Only Decree 168's own provisions are listed."""
    violation = match.violation
    provisions = [p for p in sorted(violation.provisions, key=lambda p: p.kind) if p.decree == DECREE]
    return {"violation": violation.violation, "entities": violation.entities, "fines": _plain(violation.fines),
            "additional": _plain(violation.additional), "remedial": _plain(violation.remedial),
            "provisions": [_provision_json(p, cited) for p in provisions]}


def _lower_first(text: str) -> str:
    """"Người điều khiển…" -> "người điều khiển…" in mid-sentence; "GPLX…" stays."""
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def _end(text: str) -> str:
    text = text.strip().rstrip(".;, ")
    return f"{text}." if text else ""


def _short(citation: str) -> str:
    return citation.replace(f" Nghị định {DECREE}", "")


def _state(fine: dict, verified: bool) -> str:
    """One violation in a few sentences: what, who, how much, what else, where it is written and whether
    that is law today. With the decree in the library (`verified`), only provisions found there are named."""
    parts = [f"{fine['violation'].rstrip('.;, ')} ({_lower_first(fine['entities'])}): {_end(fine['fines'])}"]
    if fine["additional"]:
        parts.append(f"Xử phạt bổ sung: {_end(_lower_first(fine['additional']))}")
    if fine["remedial"]:
        parts.append(f"Biện pháp khắc phục hậu quả: {_end(_lower_first(fine['remedial']))}")
    named = [p for p in fine["provisions"] if p["url"] or not verified]
    basis = [p for p in named if p["kind"] == lookup.BOOKMARK_KINDS[1]]
    where = [f"{'; '.join(_short(p['citation']) for p in basis)} Nghị định {DECREE}"]
    for kind in list(lookup.BOOKMARK_KINDS.values())[1:]:
        of_kind = [_short(p["citation"]) for p in named if p["kind"] == kind]
        if of_kind:
            where.append(f"{kind.lower()}: {'; '.join(of_kind)}")
    parts.append(f"Căn cứ: {'; '.join(where)}.")
    for p in basis:
        if p["in_force"] is False:
            note = f"Lưu ý: {_short(p['citation'])} – {p['status_label'].lower()}. {p['effect_note']}"
            parts.append(note.strip())
    return " ".join(parts)


def answer_with_fines(answer: Answer, query: str) -> bool:
    """Fill `answer` from the fines lookup when `query` asks about a fine and a violation matches well;
    False (and `answer` untouched) otherwise."""
    if not has_fine_intent(query):
        return False
    chosen = matches(query)
    if not chosen:
        return False
    document = decree_in_library()
    cited = _cite(document, chosen) if document else {}
    if document:  # state only what the library's copy can show, with its status
        chosen = [m for m in chosen if all(p.anchor in cited for p in m.violation.provisions if p.kind == 1)]
        if not chosen:
            return False
    answer.fines = [_fine_json(m, cited) for m in chosen]
    answer.fines_url = fines_url(query)
    answer.provider = "tra-cuu-muc-phat"
    items = [f"{n}. {_state(f, bool(document))}" for n, f in enumerate(answer.fines, start=1)]
    if not document:
        answer.supported, answer.confidence = False, 0.0
        answer.text = " ".join([
            f"Lưu ý: Nghị định {DECREE} chưa có trong thư viện nên chưa đối chiếu được nguyên văn và tình trạng "
            "hiệu lực; mức phạt dưới đây lấy từ dữ liệu của trang Tra cứu mức phạt, hãy kiểm tra lại trước khi "
            "sử dụng. Hành vi gần nhất với câu hỏi:", *items])
        return True
    keep = {a for m in chosen for a in (p.anchor for p in m.violation.provisions)}
    answer.citations = [c for c in cited.values() if c.anchor in keep]
    for index, citation in enumerate(answer.citations, start=1):
        citation.index = index
    main = answer.citations[0]
    answer.supported = True
    answer.confidence = min(1.0, chosen[0].coverage) * (1.0 if main.is_current else 0.5)
    status = "còn hiệu lực" if main.is_current else main.status_label.lower()
    answer.text = " ".join([f"Theo Nghị định {DECREE} ({status}), hành vi gần nhất với câu hỏi:", *items])
    return True
