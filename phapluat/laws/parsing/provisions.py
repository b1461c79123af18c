"""Building the provision tree (Phần > Chương > Mục > Tiểu mục > Điều > khoản > điểm) line by line.

Lines that open nothing belong to the innermost open provision, with one refinement: unnumbered
paragraphs after a point belong to that point only if another point of the same list follows
("a) ...", "tiếp theo của điểm a;", "b) ..."); otherwise they close the list and belong to the clause.
"""
from __future__ import annotations

from .lines import CONTAINER_KINDS, LineMatch, classify_line
from .model import ARTICLE, CLAUSE, KIND_ORDER, POINT, ParsedNode
from .normalize import continues_sentence, is_upper_text
from .numbering import article_key, follows, next_point_letter

_RANK = {kind: rank for rank, kind in enumerate(KIND_ORDER)}


class ProvisionBuilder:
    """Feed it the lines of the body, one at a time, then call finish()."""

    def __init__(self, warnings: list[str]):
        self.roots: list[ParsedNode] = []
        self.preface: list[str] = []          # text before any provision (none in a well-formed body)
        self._warnings = warnings
        self._stack: list[ParsedNode] = []    # open provisions, outermost first
        self._texts: dict[int, list[str]] = {}
        self._after_point: list[str] = []     # unnumbered lines after a point, not yet placed
        self._heading_target: ParsedNode | None = None
        self._articles_seen: set[tuple[int, str]] = set()
        self._last_article: tuple[int, str] | None = None
        self._last_clause: dict[int, int] = {}     # id(article) -> last clause number
        self._last_point: dict[int, str] = {}      # id(clause or article) -> last point letter
        self._sequence_issues: dict[int, list[str]] = {}   # id(article) -> "khoản 1 sau khoản 3", ...
        self._issue_articles: list[ParsedNode] = []

    # --- input ------------------------------------------------------------------------------------

    def feed(self, line: str, quoted: bool = False) -> None:
        """Add one line of the body; `quoted` lines are quoted material (see quotes.py)."""
        self.feed_classified(line, quoted, None if quoted else classify_line(line))

    def feed_classified(self, line: str, quoted: bool, match: LineMatch | None) -> None:
        """Like feed(), with `match` = classify_line(line) already computed by the caller."""
        if quoted:
            self._heading_target = None
            self._flush_after_point(into_point=True)
            self._append_text(line)
            return
        if self._heading_target is not None and self._continues_heading(line, match):
            return
        if match is None or not self._accept(match):
            self._add_plain_line(line)
            return
        self._flush_after_point(into_point=self._continues_point_list(match))
        if match.kind in CONTAINER_KINDS:
            self._open_container(match)
        elif match.kind == ARTICLE:
            self.open_article(match.number, match.title)
        elif match.kind == CLAUSE:
            self._open_clause(match)
        else:
            self._open_point(match)

    def open_article(self, number: str, heading: str = "") -> ParsedNode:
        self._check_article_number(number)
        article = ParsedNode(kind=ARTICLE, number=number, heading=heading)
        self._attach(article)
        return article

    def finish(self) -> list[ParsedNode]:
        self._flush_after_point(into_point=False)
        for article in self._issue_articles:
            issues = self._sequence_issues[id(article)]
            shown = "; ".join(issues[:3]) + ("; …" if len(issues) > 3 else "")
            self._warnings.append(f"Điều {article.number}: số thứ tự khoản/điểm không liên tục ({shown}).")
        for root in self.roots:
            for node in root.walk():
                node.text = "\n".join(self._texts.get(id(node), []))
        return self.roots

    # --- deciding ---------------------------------------------------------------------------------

    def _accept(self, match: LineMatch) -> bool:
        """Whether a recognised line really opens a provision here."""
        if match.kind in CONTAINER_KINDS:
            return True
        if match.kind == ARTICLE:
            return not match.loose or article_key(match.number) == (self._expected_article(), "")
        article = self._open_of(ARTICLE)
        if article is None:
            return False  # clauses and points exist only inside an article
        if match.kind == CLAUSE:
            return not match.loose or article_key(match.number)[0] == self._last_clause.get(id(article), 0) + 1
        parent = self._open_of(CLAUSE) or article
        return not match.loose or match.number == next_point_letter(self._last_point.get(id(parent)))

    def _expected_article(self) -> int:
        return 1 if self._last_article is None else self._last_article[0] + 1

    def _continues_point_list(self, match: LineMatch) -> bool:
        return match.kind == POINT and bool(self._stack) and self._stack[-1].kind == POINT

    def _continues_heading(self, line: str, match: LineMatch | None) -> bool:
        """A Phần/Chương/Mục heading on the next line(s): 'Chương I' then 'NHỮNG QUY ĐỊNH CHUNG'."""
        target = self._heading_target
        if match is not None:
            self._heading_target = None
            return False
        if not target.heading:
            target.heading = line
        elif is_upper_text(target.heading) and is_upper_text(line):
            target.heading = f"{target.heading} {line}"
        else:
            self._heading_target = None
            return False
        return True

    # --- building ---------------------------------------------------------------------------------

    def _open_container(self, match: LineMatch) -> None:
        node = ParsedNode(kind=match.kind, number=match.number, heading=match.title)
        self._attach(node)
        self._heading_target = node

    def _open_clause(self, match: LineMatch) -> None:
        article = self._open_of(ARTICLE)
        number = article_key(match.number)[0]
        previous = self._last_clause.get(id(article), 0)
        if number != previous + 1 and not (number == previous and match.number[-1:].isalpha()):
            after = f"sau khoản {previous}" if previous else "là khoản đầu tiên"
            self._sequence_issue(article, f"khoản {match.number} {after}")
        self._last_clause[id(article)] = number
        clause = ParsedNode(kind=CLAUSE, number=match.number)
        self._attach(clause)
        if match.title:
            self._append_text(match.title)

    def _open_point(self, match: LineMatch) -> None:
        parent = self._open_of(CLAUSE) or self._open_of(ARTICLE)
        previous = self._last_point.get(id(parent))
        if match.number != next_point_letter(previous):
            where = f"khoản {parent.number} " if parent.kind == CLAUSE else ""
            after = f"sau điểm {previous}" if previous else "là điểm đầu tiên"
            self._sequence_issue(self._open_of(ARTICLE), f"{where}điểm {match.number} {after}")
        self._last_point[id(parent)] = match.number
        point = ParsedNode(kind=POINT, number=match.number)
        self._attach(point)
        if match.title:
            self._append_text(match.title)

    def _attach(self, node: ParsedNode) -> None:
        rank = _RANK[node.kind]
        while self._stack and _RANK[self._stack[-1].kind] >= rank:
            self._stack.pop()
        if self._stack:
            self._stack[-1].children.append(node)
        else:
            self.roots.append(node)
        self._stack.append(node)
        self._heading_target = None

    def _open_of(self, kind: str) -> ParsedNode | None:
        for node in reversed(self._stack):
            if node.kind == kind:
                return node
        return None

    def _sequence_issue(self, article: ParsedNode, issue: str) -> None:
        if id(article) not in self._sequence_issues:
            self._sequence_issues[id(article)] = []
            self._issue_articles.append(article)
        self._sequence_issues[id(article)].append(issue)

    # --- text -------------------------------------------------------------------------------------

    def _add_plain_line(self, line: str) -> None:
        top = self._stack[-1] if self._stack else None
        if top is not None and top.kind == ARTICLE and not top.children and id(top) not in self._texts \
                and continues_sentence(top.heading, line):
            top.heading = f"{top.heading} {line}"   # a wrapped article heading
        elif top is not None and top.kind == POINT:
            self._after_point.append(line)
        else:
            self._append_text(line)

    def _flush_after_point(self, into_point: bool) -> None:
        if not self._after_point:
            return
        lines, self._after_point = self._after_point, []
        if not into_point and self._stack and self._stack[-1].kind == POINT:
            self._stack.pop()  # the list of points is over: the lines belong to its clause or article
        for line in lines:
            self._append_text(line)

    def _append_text(self, line: str) -> None:
        if not self._stack:
            self.preface.append(line)
            return
        texts = self._texts.setdefault(id(self._stack[-1]), [])
        if texts and continues_sentence(texts[-1], line):
            texts[-1] = f"{texts[-1]} {line}"   # a sentence broken over two lines
        else:
            texts.append(line)

    # --- numbering --------------------------------------------------------------------------------

    def _check_article_number(self, number: str) -> None:
        key = article_key(number)
        if key in self._articles_seen:
            self._warnings.append(f"Điều {number} bị lặp lại.")
        elif self._last_article is None and key != (1, ""):
            self._warnings.append(f"Điều đầu tiên là Điều {number}, không phải Điều 1.")
        elif self._last_article is not None and not follows(self._last_article, key):
            previous = "".join(map(str, self._last_article))
            self._warnings.append(f"Số điều không liên tục: Điều {previous} rồi đến Điều {number}.")
        self._articles_seen.add(key)
        self._last_article = key
