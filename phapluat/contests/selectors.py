"""Reads for the contest pages, the leaderboards, the exports and the fines lookup.

Public rows carry only what a participant chose to show: the display name (or its initials), the commune or
ward and the school. Nothing else about a participant is ever selected for a public page.
"""
from __future__ import annotations

import time
from dataclasses import dataclass

from django.db.models import Avg, Count, Max, Q, QuerySet, Sum
from django.utils import timezone

from . import fines
from .models import Attempt, Certificate, Contest, Participant, Question, Round

LEADERBOARD_SIZE = 100
# Read-mostly data kept in each process for a few seconds: a round's start is then one query and one insert.
# Deadlines are never read from here: the submission checks the attempt row it locks.
_LOCAL: dict[tuple, tuple[float, object]] = {}
CONTEST_SECONDS = 5
BANK_SECONDS = 60


def _remember(key: tuple, seconds: float, load):
    now = time.monotonic()
    hit = _LOCAL.get(key)
    if hit is not None and hit[0] > now:
        return hit[1]
    value = load()
    _LOCAL[key] = (now + seconds, value)
    return value


def forget_cached() -> None:
    _LOCAL.clear()


def bank_questions(bank_id: int) -> dict[int, tuple]:
    """Active questions of a bank: id -> (text, options, difficulty, has_image). No answers in here."""
    return _remember(("bank", bank_id), BANK_SECONDS, lambda: {
        pk: (text, options, difficulty, has_image) for pk, text, options, difficulty, has_image in
        Question.objects.filter(bank_id=bank_id, active=True)
        .values_list("pk", "text", "options", "difficulty", "has_image")})


def public_contests() -> QuerySet[Contest]:
    return (Contest.objects.filter(published=True).select_related("organization", "bank")
            .annotate(participant_count=Count("participants", distinct=True)).order_by("mode", "-created_at"))


def contest_by_slug(slug: str) -> Contest:
    from django.http import Http404

    contest = _remember(("contest", slug), CONTEST_SECONDS, lambda: Contest.objects.select_related(
        "organization", "bank").filter(slug=slug, published=True).first())
    if contest is None:
        raise Http404("Không có cuộc thi này.")
    return contest


def round_of(contest: Contest, number: int) -> Round:
    from django.http import Http404

    round_ = _remember(("round", contest.pk, number), CONTEST_SECONDS, lambda: Round.objects.select_related(
        "contest__bank").filter(contest=contest, number=number).first())
    if round_ is None:
        raise Http404("Không có vòng thi này.")
    return round_


def eligible_question_count(contest: Contest) -> int:
    questions = Question.objects.filter(bank=contest.bank, active=True)
    if not contest.include_image_questions:
        questions = questions.filter(has_image=False)
    return questions.count()


def questions_for_draw(draw: list[dict], *, with_answers: bool = False,
                       chosen: dict[str, str] | None = None, bank_id: int | None = None) -> list[dict]:
    """The questions of a draw in display order, options in display order, labelled A, B, C…
    Without `with_answers` nothing tells which option is right: the explanation and the key stay out."""
    if not with_answers and bank_id is not None:
        cached = bank_questions(bank_id)
        if all(item["q"] in cached for item in draw):
            return [{"position": position, "id": item["q"], "text": cached[item["q"]][0],
                     "options": [{"index": i, "label": "ABCDEFGH"[i],
                                  "text": next((o["text"] for o in cached[item["q"]][1] if o["key"] == key), "")}
                                 for i, key in enumerate(item["o"])]}
                    for position, item in enumerate(draw, start=1)]
    by_id = {q.pk: q for q in Question.objects.filter(pk__in=[item["q"] for item in draw])
             .prefetch_related("provisions__document")}
    items = []
    for position, item in enumerate(draw, start=1):
        question = by_id.get(item["q"])
        if question is None:
            continue
        options = [{"index": i, "label": "ABCDEFGH"[i], "text": question.option_text(key),
                    **({"correct": key == question.correct_key, "key": key,
                        "chosen": (chosen or {}).get(str(question.pk)) == key} if with_answers else {})}
                   for i, key in enumerate(item["o"])]
        entry = {"position": position, "id": question.pk, "text": question.text, "options": options}
        if with_answers:
            picked = (chosen or {}).get(str(question.pk))
            entry.update(answered=picked is not None, right=picked == question.correct_key,
                         explanation=question.explanation, reference=question.reference_text,
                         provisions=list(question.provisions.all()), correct_key=question.correct_key)
        items.append(entry)
    return items


# ---------------------------------------------------------------- leaderboards


def duration_label(ms: int) -> str:
    """12345678 ms -> "3:25:45", 187000 -> "3:07" (minutes:seconds)."""
    seconds = int(ms // 1000)
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


def _ranked(rows) -> list[dict]:
    out = []
    for rank, row in enumerate(rows, start=1):
        name = row["display_name"]
        if row["show_initials"]:
            name = " ".join(f"{word[0].upper()}." for word in name.split() if word)
        ms = row["total_ms"] or 0
        out.append({"rank": rank, "participant_id": row["id"], "name": name, "ward": row["ward__name"],
                    "school": row["school"], "score": row["total_score"] or 0, "duration_ms": ms,
                    "time": duration_label(ms), "rounds": row["rounds"]})
    return out


def overall_ranking(contest: Contest, *, round_: Round | None = None, ward_slug: str = "", school: str = "",
                    limit: int | None = LEADERBOARD_SIZE) -> list[dict]:
    """Participants ranked by total score over submitted attempts, ties broken by the shorter total time
    (measured by the server), then the earlier last submission. Restricted to one round, commune or school."""
    submitted = Q(attempts__status=Attempt.Status.SUBMITTED)
    if round_ is not None:
        submitted &= Q(attempts__round=round_)
    participants = Participant.objects.filter(contest=contest).filter(submitted)
    if ward_slug:
        participants = participants.filter(ward__slug=ward_slug)
    if school:
        participants = participants.filter(school__iexact=school)
    rows = (participants.values("id", "display_name", "show_initials", "ward__name", "school")
            .annotate(total_score=Sum("attempts__score"), total_ms=Sum("attempts__duration_ms"),
                      last=Max("attempts__submitted_at"), rounds=Count("attempts"))
            .order_by("-total_score", "total_ms", "last", "id"))
    return _ranked(rows[:limit] if limit else rows)


def ward_table(contest: Contest) -> list[dict]:
    """Per commune/ward: participants who submitted, average and best total score."""
    totals = (Participant.objects.filter(contest=contest, attempts__status=Attempt.Status.SUBMITTED)
              .values("id", "ward__name", "ward__slug").annotate(total=Sum("attempts__score")))
    table: dict[str, dict] = {}
    for row in totals:
        entry = table.setdefault(row["ward__slug"], {"slug": row["ward__slug"], "name": row["ward__name"],
                                                     "participants": 0, "sum": 0, "best": 0})
        entry["participants"] += 1
        entry["sum"] += row["total"] or 0
        entry["best"] = max(entry["best"], row["total"] or 0)
    for entry in table.values():
        entry["average"] = round(entry["sum"] / entry["participants"], 2)
    return sorted(table.values(), key=lambda e: (-e["average"], -e["participants"], e["name"]))


def school_table(contest: Contest) -> list[dict]:
    totals = (Participant.objects.filter(contest=contest, attempts__status=Attempt.Status.SUBMITTED)
              .exclude(school="").values("id", "school").annotate(total=Sum("attempts__score")))
    table: dict[str, dict] = {}
    for row in totals:
        key = row["school"].casefold()
        entry = table.setdefault(key, {"name": row["school"], "participants": 0, "sum": 0, "best": 0})
        entry["participants"] += 1
        entry["sum"] += row["total"] or 0
        entry["best"] = max(entry["best"], row["total"] or 0)
    for entry in table.values():
        entry["average"] = round(entry["sum"] / entry["participants"], 2)
    return sorted(table.values(), key=lambda e: (-e["average"], -e["participants"], e["name"]))


def contest_stats(contest: Contest) -> dict:
    attempts = Attempt.objects.filter(round__contest=contest)
    return {
        "participants": contest.participants.count(),
        "submitted": attempts.filter(status=Attempt.Status.SUBMITTED).count(),
        "in_progress": attempts.filter(status=Attempt.Status.STARTED, deadline_at__gt=timezone.now()).count(),
        "average": attempts.filter(status=Attempt.Status.SUBMITTED).aggregate(a=Avg("score"))["a"],
        "certificates": Certificate.objects.filter(participant__contest=contest).count(),
    }


def export_rows(contest: Contest) -> tuple[list[Round], list[dict]]:
    """Every participant with a result per round, in overall ranking order (for the officials' XLSX)."""
    rounds = list(contest.rounds.order_by("number"))
    ranking = {row["participant_id"]: row for row in overall_ranking(contest, limit=None)}
    attempts: dict[int, dict[int, Attempt]] = {}
    for attempt in Attempt.objects.filter(round__contest=contest).select_related("round"):
        attempts.setdefault(attempt.participant_id, {})[attempt.round.number] = attempt
    rows = []
    for participant in Participant.objects.filter(contest=contest).select_related("ward").order_by("id"):
        ranked = ranking.get(participant.pk)
        rows.append({"participant": participant, "rank": ranked["rank"] if ranked else None,
                     "score": ranked["score"] if ranked else 0, "duration_ms": ranked["duration_ms"] if ranked else 0,
                     "attempts": attempts.get(participant.pk, {})})
    rows.sort(key=lambda r: (r["rank"] is None, r["rank"] or 0, r["participant"].pk))
    return rounds, rows


def certificate_by_code(code: str) -> Certificate | None:
    code = "".join(ch for ch in (code or "").upper() if ch.isalnum())[:16]
    if not code:
        return None
    return (Certificate.objects.select_related("participant__contest__organization", "participant__ward")
            .filter(code=code).first())


# ---------------------------------------------------------------- fines lookup


@dataclass
class FineResult:
    violation: fines.Violation
    provisions: list[fines.Provision]

    @property
    def other_basis(self) -> list[str]:
        """Decrees other than 168/2024 named as the basis of the fine: not in the library, so the portal cannot
        say they are in force."""
        return sorted({p.decree or "không rõ" for p in self.violation.main_provisions
                       if p.decree != fines.DECREE_NUMBER})


def decree_168_status():
    """How the library shows Decree 168/2024's effect (None when the decree is not in the library)."""
    from ..laws.status_view import status_view

    document = decree_168()
    return status_view(document) if document else None


def decree_168():
    """Decree 168/2024/NĐ-CP in the library, if it is loaded and published."""
    from ..laws.models import Document

    return Document.objects.filter(number=fines.DECREE_NUMBER, live=True).first()


def fines_lookup(query: str, *, limit: int = 20) -> list[FineResult]:
    """Violations for an everyday description, each provision linked to the library when the decree is there."""
    found = fines.search(query, limit=limit)
    if not found:
        return []
    urls: dict[str, str] = {}
    document = decree_168()
    version = document.latest_version() if document else None
    if version is not None:
        anchors = {p.anchor for v in found for p in v.provisions if p.anchor}
        present = set(version.provisions.filter(anchor__in=anchors).values_list("anchor", flat=True))
        base = document.get_absolute_url()
        urls = {anchor: f"{base}#{anchor}" for anchor in present}
    results = []
    for violation in found:
        provisions = [fines.Provision(p.kind, p.kind_label, p.citation, p.decree, p.anchor, urls.get(p.anchor, ""))
                      for p in violation.provisions]
        results.append(FineResult(violation, provisions))
    return results
