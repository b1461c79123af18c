"""Assistant benchmark: citations of the assistant's own code path against keyword search alone."""
from __future__ import annotations

from collections.abc import Callable

from ..search import bench as retrieval_bench

Key = retrieval_bench.Key


def _law_of() -> dict[int, str]:
    from ..laws.models import Document

    return {pk: key.split(":", 1)[1] for pk, key in
            Document.objects.filter(source_key__startswith="alqac:").values_list("pk", "source_key")}


class StatusAudit:
    """First citations that are not law the library vouches for today, and how many of those an answer still
    presented as current (no caution first, marked in force, or "còn hiệu lực" in the text). Target: 0."""

    def __init__(self):
        self.first_not_current = 0
        self.presented_as_current = 0

    def check(self, answer) -> None:
        from ..laws.models import Document, EffectStatus, Provision
        from ..laws.models.document import CURRENT_STATUSES

        if not answer.citations:
            return
        main = answer.citations[0]
        status = Document.objects.get(pk=main.document_id).current_status()
        provision_expired = Provision.objects.filter(pk=main.provision_id, status=EffectStatus.EXPIRED).exists()
        if status in CURRENT_STATUSES and not provision_expired:
            return
        self.first_not_current += 1
        if main.is_current or not answer.caution or "(còn hiệu lực)" in answer.text:
            self.presented_as_current += 1

    def figures(self) -> dict:
        return {"first_citation_not_current": self.first_not_current,
                "not_current_presented_as_current": self.presented_as_current}


def assistant_asker(audit: StatusAudit | None = None) -> Callable[[str], list[Key]]:
    """Asks through `answer_question` (what the page and the API call) and maps citations back."""
    from .services import answer_question

    law_of = _law_of()

    def ask(text: str) -> list[Key]:
        answer = answer_question(text)
        if audit is not None:
            audit.check(answer)
        return [(law_of.get(c.document_id, ""), c.article_number) for c in answer.citations]

    return ask


def keyword_asker() -> Callable[[str], list[Key]]:
    """The search's keyword ranking alone (no semantic signal), as the benchmark compares."""
    return retrieval_bench.product_asker(semantic=False)


def evaluate(questions, ask: Callable[[str], list[Key]], corpus_keys: set[Key]) -> dict:
    """The retrieval figures, plus the share of answers with no citation and citations outside the corpus."""
    empty, outside = 0, 0

    def counting(text: str) -> list[Key]:
        nonlocal empty, outside
        keys = ask(text)
        empty += not keys
        outside += sum(1 for key in keys if key not in corpus_keys)
        return keys

    figures = retrieval_bench.evaluate(questions, counting)
    figures["no_citation_share"] = round(empty / max(1, len(questions)), 4)
    figures["citations_outside_corpus"] = outside
    return figures


METRICS = ("R@1", "R@5", "no_citation_share", "citations_outside_corpus", "first_citation_not_current",
           "not_current_presented_as_current", "p50_ms", "p95_ms")


def format_table(rows: dict[str, dict]) -> str:
    return retrieval_bench.format_table(rows, METRICS, width=16)
