"""Traffic fines lookup over Decree 168/2024/NĐ-CP: 1,024 violations shipped (xz) inside the repository,
indexed in memory at first use. Pure reading; no database except to link provisions of the library.

Ranking: BM25 over syllables and syllable pairs, without diacritics ("vuot den do" = "vượt đèn đỏ"), on the
violation's wording, plus the kind of road user (entities) at a lower weight. Everyday phrases are first
rewritten into the decree's wording with the synonym list in data/fines-synonyms.json.
"""
from __future__ import annotations

import json
import lzma
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..core.text import strip_diacritics

DATA_DIR = Path(__file__).resolve().parent / "data"
VIOLATIONS_FILE = DATA_DIR / "decree-168-2024-violations.json.xz"
SYNONYMS_FILE = DATA_DIR / "fines-synonyms.json"
DECREE_NUMBER = "168/2024/NĐ-CP"
DECREES = {"168": "168/2024/NĐ-CP", "123": "123/2021/NĐ-CP", "100": "100/2019/NĐ-CP"}
BOOKMARK_KINDS = {1: "Căn cứ xử phạt", 2: "Xử phạt bổ sung, trừ điểm", 3: "Biện pháp khắc phục hậu quả",
                  4: "Quy định liên quan"}
MAX_QUERY = 200
_WORD = re.compile(r"[a-z0-9]+")
_CODE = re.compile(r"^(?:diem|khoan|dieu)_(\d+)(?:_(\d+))?(?:_([a-z]+))?$")
_TEXT = re.compile(r"(?:Đi[eểề]m\s+(?P<diem>[a-zđ])\s+)?(?:Khoản\s+(?P<khoan>\d+)\s+)?Điều\s+(?P<dieu>\d+)",
                   re.IGNORECASE)
_DECREE = re.compile(r"NĐ\s*(\d+)\s*$")
K1, B = 1.2, 0.6
ENTITY_WEIGHT = 1.0
WEAK_ENTITY_WEIGHT = 0.3


def fold(text: str) -> str:
    return strip_diacritics(text or "").lower()


def terms(text: str) -> list[str]:
    """Syllables and adjacent syllable pairs of the folded text: pairs keep "den do" apart from "do xe"."""
    words = _WORD.findall(fold(text))
    return words + [f"{a}_{b}" for a, b in zip(words, words[1:])]


@dataclass
class Provision:
    kind: int
    kind_label: str
    citation: str          # "Điểm c Khoản 7 Điều 7 Nghị định 168/2024/NĐ-CP"
    decree: str            # "168/2024/NĐ-CP"
    anchor: str = ""       # "dieu-7-khoan-7-diem-c" when it is a provision of Decree 168
    url: str = ""          # filled when the decree is in the library


@dataclass
class Violation:
    no: int
    violation: str
    entities: str
    fines: str
    additional: str
    remedial: str
    other: str
    provisions: list[Provision] = field(default_factory=list)

    @property
    def main_provisions(self) -> list[Provision]:
        return [p for p in self.provisions if p.kind == 1] or self.provisions[:1]


def _anchor(dieu: str, khoan: str | None, diem: str | None) -> str:
    anchor = f"dieu-{dieu}"
    if khoan:
        anchor += f"-khoan-{khoan}"
        if diem:
            anchor += f"-diem-{diem.lower().replace('đ', 'dd')}"
    return anchor


def _citation(dieu: str, khoan: str | None, diem: str | None) -> str:
    parts = []
    if diem and khoan:
        parts.append(f"Điểm {diem.replace('dd', 'đ')}")
    if khoan:
        parts.append(f"Khoản {khoan}")
    parts.append(f"Điều {dieu}")
    return " ".join(parts)


def parse_bookmark(bookmark: dict) -> Provision:
    text = " ".join(str(bookmark.get("bookmark") or "").split())
    kind = int(bookmark.get("bookmarkType") or 1)
    decree_match = _DECREE.search(text)
    decree = DECREES.get(decree_match.group(1), f"{decree_match.group(1)}/NĐ-CP") if decree_match else ""
    code = _CODE.match(str(bookmark.get("bookmarkCode") or ""))
    label = BOOKMARK_KINDS.get(kind, BOOKMARK_KINDS[4])
    if decree == DECREE_NUMBER and code:  # Decree 168's codes are reliable: diem_<điều>_<khoản>_<điểm>
        dieu, khoan, diem = code.groups()
        return Provision(kind, label, f"{_citation(dieu, khoan, diem)} Nghị định {decree}", decree,
                         _anchor(dieu, khoan, diem))
    found = _TEXT.search(text)
    if found:
        dieu, khoan, diem = found["dieu"], found["khoan"], found["diem"]
        anchor = _anchor(dieu, khoan, diem) if decree == DECREE_NUMBER else ""
        return Provision(kind, label, f"{_citation(dieu, khoan, diem)} Nghị định {decree}".strip(), decree,
                         anchor)
    return Provision(kind, label, text, decree)


def _clean(value: str) -> str:
    return " ".join(str(value or "").split())


@lru_cache(maxsize=1)
def load_violations() -> tuple[Violation, ...]:
    rows = json.loads(lzma.open(VIOLATIONS_FILE).read().decode("utf-8"))
    return tuple(
        Violation(no=int(row["no"]), violation=_clean(row["violation"]), entities=_clean(row["entities"]),
                  fines=_clean(row["fines"]), additional=_clean(row.get("additionalPenalties")),
                  remedial=_clean(row.get("remedial")), other=_clean(row.get("otherPenalties")),
                  provisions=[parse_bookmark(b) for b in row.get("bookmarks") or []])
        for row in rows
    )


@lru_cache(maxsize=1)
def load_synonyms() -> tuple[re.Pattern, dict[str, tuple[str, str]]]:
    """One regex over every everyday phrase (folded, longest first) and phrase -> (legal wording, field)."""
    data = json.loads(SYNONYMS_FILE.read_text(encoding="utf-8"))
    table: dict[str, tuple[str, str]] = {}
    for entry in data["synonyms"]:
        legal = " ".join(_WORD.findall(fold(entry["legal"])))
        for phrase in entry["everyday"]:
            table.setdefault(" ".join(_WORD.findall(fold(phrase))), (legal, entry.get("field", "violation")))
    alternatives = "|".join(re.escape(p) for p in sorted(table, key=len, reverse=True))
    return re.compile(rf"(?<![a-z0-9])(?:{alternatives})(?![a-z0-9])"), table


def expand_query(query: str) -> tuple[str, str]:
    """Everyday wording rewritten, in one pass, into the decree's: returns (behaviour, road user), folded.
    "vuot den do xe may" -> ("khong chap hanh hieu lenh cua den tin hieu giao thong", "xe mo to xe gan may")."""
    pattern, table = load_synonyms()
    text = " ".join(_WORD.findall(fold(query[:MAX_QUERY])))
    who: list[str] = []

    def replace(match: re.Match) -> str:
        legal, field_name = table[match.group(0)]
        if field_name == "entities":
            who.append(legal)
            return " "
        return f" {legal} "

    behaviour = " ".join(pattern.sub(replace, text).split())
    return behaviour, " ".join(who)


class _Field:
    def __init__(self, docs: list[list[str]]):
        self.docs = [Counter(doc) for doc in docs]
        self.lengths = [len(doc) or 1 for doc in docs]
        self.avg = sum(self.lengths) / max(1, len(self.lengths))
        df = Counter(term for doc in self.docs for term in doc)
        n = len(docs)
        self.idf = {term: math.log(1 + (n - count + 0.5) / (count + 0.5)) for term, count in df.items()}

    def score(self, index: int, query_terms: list[str]) -> float:
        doc, length, total = self.docs[index], self.lengths[index], 0.0
        for term in query_terms:
            tf = doc.get(term)
            if tf:
                total += self.idf[term] * tf * (K1 + 1) / (tf + K1 * (1 - B + B * length / self.avg))
        return total


@lru_cache(maxsize=1)
def _index() -> tuple[_Field, _Field]:
    violations = load_violations()
    return (_Field([terms(v.violation) for v in violations]), _Field([terms(v.entities) for v in violations]))


@dataclass
class Match:
    violation: Violation
    score: float           # BM25, grows with the query's length: compare within one query only
    coverage: float        # idf-weighted share of the behaviour's terms found in this violation, 0..1


def ranked(query: str, *, limit: int = 20) -> list[Match]:
    """Violations best matching an everyday description, best first, with how well each matches; [] for an
    empty query.

    Behaviour words are scored against the violation's wording (and weakly against the road user); road-user
    words ("xe máy", "người đi bộ") against the entities only."""
    behaviour, who = expand_query(query)
    behaviour_terms = list(dict.fromkeys(terms(behaviour)))
    who_terms = list(dict.fromkeys(terms(who)))
    if not behaviour_terms and not who_terms:
        return []
    wording, entities = _index()
    violations = load_violations()
    scored = []
    for i in range(len(violations)):
        score = wording.score(i, behaviour_terms) if behaviour_terms else 0.0
        if behaviour_terms and score <= 0:
            continue
        score += ENTITY_WEIGHT * entities.score(i, who_terms) + WEAK_ENTITY_WEIGHT * entities.score(i, behaviour_terms)
        if score > 0:
            scored.append((score, -violations[i].no, i))
    scored.sort(reverse=True)
    unknown = math.log(1 + (len(violations) + 0.5) / 0.5)  # a term no violation has weighs the most
    weights = {t: wording.idf.get(t) or entities.idf.get(t) or unknown for t in behaviour_terms}
    total = sum(weights.values())
    matches = []
    for score, _, i in scored[:limit]:
        found = sum(w for t, w in weights.items() if t in wording.docs[i] or t in entities.docs[i])
        matches.append(Match(violations[i], score, found / total if total else 0.0))
    return matches


def search(query: str, *, limit: int = 20) -> list[Violation]:
    """Violations best matching an everyday description, best first; [] for an empty query."""
    return [match.violation for match in ranked(query, limit=limit)]
