"""Load of one contest round: N participants who start within one minute and submit within the time limit,
driven over HTTP (loopback) against a server this script starts and stops itself.

    python bench/contests/round_load.py [--participants 2000] [--database-url postgres://…] [--server gunicorn|runserver]

Phases: (1) registration of every participant through the real form (GET + POST, CSRF), not timed as part of
the round; (2) the round: participant i starts at i·60/N s (POST start, GET the questions page), answers at
random after a think time, submits (POST); 5 % also replay their submission, which must be refused (409).
Afterwards the database is read to count what was stored: accepted submissions that are missing are "lost".
Server: gunicorn (gthread) — 1 worker × 16 threads on SQLite, 2 × 8 on PostgreSQL by default; `--server runserver`
uses Django's development server instead. Prints figures; it is not a test. Without --database-url it uses a fresh SQLite file (the embedded default);
with one it creates a temporary database on that PostgreSQL server and drops it at the end.
"""
from __future__ import annotations

import argparse
import asyncio
import http.client
import json
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode, urlparse

from phapluat.core.stats import percentile

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


# ---------------------------------------------------------------- database and fixtures


def temporary_postgres(url: str) -> tuple[str, callable]:
    import psycopg

    parsed = urlparse(url)
    name = f"{(parsed.path.lstrip('/') or 'phapluat')}_bench_{os.getpid()}"
    admin = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')

    def drop():
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return parsed._replace(path=f"/{name}").geturl(), drop


def prepare(env: dict, args) -> str:
    """Migrate, load organizations and the shipped bank, create the contest; returns its slug."""
    code = f"""
import django, json
django.setup()
from datetime import timedelta
from django.core.management import call_command
from django.utils import timezone
from django.contrib.auth import get_user_model
call_command("migrate", verbosity=0, interactive=False)
from phapluat.orgs.services import load_all
from phapluat.orgs.models import Organization
from phapluat.contests.seed import load_banks
from phapluat.contests.models import QuestionBank
from phapluat.contests.services.contests import RoundData, contest_create
load_all(); load_banks()
admin = get_user_model().objects.create_superuser("bench", password="bench-mat-khau-123")
now = timezone.now()
contest = contest_create(user=admin, organization=Organization.objects.get(kind="justice"),
    bank=QuestionBank.objects.get(slug="gplx-600"), title="Bench vòng thi",
    first_round=RoundData(opens_at=now - timedelta(minutes=1), closes_at=now + timedelta(hours=2),
                          question_count={args.questions}, time_limit_seconds={args.time_limit}))
wards = list(Organization.objects.filter(kind__in=["ward", "commune"]).values_list("pk", flat=True))
print(json.dumps({{"slug": contest.slug, "wards": wards}}))
"""
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=REPO, check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def count_stored(env: dict, slug: str) -> dict:
    code = f"""
import django, json
django.setup()
from django.db.models import Count
from phapluat.contests.models import Attempt, Participant
a = Attempt.objects.filter(round__contest__slug="{slug}")
dup = a.values("participant", "round").annotate(n=Count("id")).filter(n__gt=1).count()
print(json.dumps({{"participants": Participant.objects.filter(contest__slug="{slug}").count(),
                  "attempts": a.count(), "submitted": a.filter(status="da-nop").count(), "duplicates": dup,
                  "scores": {{str(p): s for p, s in a.filter(status="da-nop").values_list("participant_id", "score")}}}}))
"""
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=REPO, check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


# ---------------------------------------------------------------- server


def start_server(kind: str, env: dict, port: int, workers: int, threads: int) -> subprocess.Popen:
    if kind == "gunicorn" and shutil.which("gunicorn", path=str(Path(sys.executable).parent)):
        command = [str(Path(sys.executable).parent / "gunicorn"), "phapluat.wsgi:application",
                   "--bind", f"{HOST}:{port}", "--workers", str(workers), "--threads", str(threads),
                   "--worker-class", "gthread" if threads > 1 else "sync", "--backlog", "2048",
                   "--timeout", "60", "--log-level", "warning"]
    else:
        kind = "runserver"
        command = [sys.executable, "manage.py", "runserver", "--noreload", "--skip-checks", f"{HOST}:{port}"]
    server = subprocess.Popen(command, env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              start_new_session=True)
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=2)
            conn.request("GET", "/cuoc-thi/")
            if conn.getresponse().status == 200:
                server.kind = kind
                return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit(f"máy chủ không khởi động được: {server.stderr.read().decode()[-2000:]}")


def stop_server(server: subprocess.Popen) -> str:
    os.killpg(server.pid, signal.SIGTERM)
    try:
        _, err = server.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        _, err = server.communicate()
    return err.decode(errors="replace")


# ---------------------------------------------------------------- client


class Client:
    """One participant's browser: cookies, CSRF, http.client on loopback, one connection per request."""

    def __init__(self, port: int, stats: dict):
        self.port, self.stats, self.cookies = port, stats, {}

    def request(self, kind: str, method: str, path: str, form: dict | None = None, accept: str = "text/html"):
        body = urlencode(form or {}, doseq=True)
        headers = {"Host": f"{HOST}:{self.port}", "Accept": accept,
                   "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if method == "POST":
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["X-CSRFToken"] = self.cookies.get("csrftoken", "")
        started = time.perf_counter()
        try:
            conn = http.client.HTTPConnection(HOST, self.port, timeout=60)
            conn.request(method, path, body=body if method == "POST" else None, headers=headers)
            response = conn.getresponse()
            data = response.read()
            status = response.status
            for header, value in response.getheaders():
                if header.lower() == "set-cookie":
                    name, _, rest = value.partition("=")
                    self.cookies[name.strip()] = rest.split(";", 1)[0]
            conn.close()
        except OSError as error:
            self.stats["errors"].append(f"{kind}: {type(error).__name__}: {error}")
            return 0, b""
        finally:
            self.stats["latency"].setdefault(kind, []).append((time.perf_counter() - started) * 1000)
        if status >= 500:
            self.stats["5xx"] += 1
        return status, data


async def run(args, port: int, setup: dict) -> dict:
    stats = {"latency": {}, "errors": [], "5xx": 0, "accepted": {}, "refused_first": 0, "replay_refused": 0,
             "replay_accepted": 0, "no_submit": 0, "reg_failed": 0}
    pool = ThreadPoolExecutor(max_workers=args.concurrency)
    loop = asyncio.get_running_loop()
    slug = setup["slug"]
    rng = random.Random(42)

    async def call(client, *a, **kw):
        return await loop.run_in_executor(pool, lambda: client.request(*a, **kw))

    clients = [Client(port, stats) for _ in range(args.participants)]

    async def register(i, client):
        status, _ = await call(client, "register-get", "GET", f"/cuoc-thi/{slug}/dang-ky/")
        status, _ = await call(client, "register-post", "POST", f"/cuoc-thi/{slug}/dang-ky/", {
            "display_name": f"Người dự thi {i}", "ward": rng.choice(setup["wards"]),
            "school": rng.choice(["", "THPT Quốc Học", "THPT Hai Bà Trưng", "THCS Nguyễn Tri Phương"])})
        if status != 302:
            stats["reg_failed"] += 1

    t = time.perf_counter()
    await asyncio.gather(*(register(i, c) for i, c in enumerate(clients)))
    registration_s = time.perf_counter() - t

    async def participant(i, client):
        await asyncio.sleep(i * args.start_window / args.participants)
        status, _ = await call(client, "start", "POST", f"/cuoc-thi/{slug}/vong-1/")
        if status != 302:
            stats["errors"].append(f"start {status}")
            stats["no_submit"] += 1
            return
        status, page = await call(client, "questions", "GET", f"/cuoc-thi/{slug}/vong-1/lam-bai/")
        if status != 200:
            stats["errors"].append(f"questions {status}")
            stats["no_submit"] += 1
            return
        options: dict[str, int] = {}
        for name in re.findall(rb'name="(cau-\d+)" value="\d+"', page):
            options[name.decode()] = options.get(name.decode(), 0) + 1
        await asyncio.sleep(rng.uniform(args.think_min, args.think_max))
        answers = {name: str(rng.randrange(n)) for name, n in options.items() if rng.random() < 0.95}
        status, body = await call(client, "submit", "POST", f"/cuoc-thi/{slug}/vong-1/nop-bai/", answers,
                                  accept="application/json")
        if status == 200:
            stats["accepted"][i] = json.loads(body)
        elif status:
            stats["refused_first"] += 1
            stats["errors"].append(f"submit {status}: {body[:120]!r}")
        else:
            stats["no_submit"] += 1
        if status == 200 and rng.random() < 0.05:  # a reload of the POST, or a replay
            again, _ = await call(client, "replay", "POST", f"/cuoc-thi/{slug}/vong-1/nop-bai/", answers,
                                  accept="application/json")
            stats["replay_refused" if again == 409 else "replay_accepted"] += 1

    t = time.perf_counter()
    await asyncio.gather(*(participant(i, c) for i, c in enumerate(clients)))
    stats["round_s"] = time.perf_counter() - t
    stats["registration_s"] = registration_s
    pool.shutdown()
    return stats


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--participants", type=int, default=2000)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--server", choices=["gunicorn", "runserver"], default="gunicorn")
    parser.add_argument("--workers", type=int, default=None,
                        help="gunicorn workers (default: 1 on SQLite, whose single writer is then queued on one "
                             "lock in one process; 2 on PostgreSQL)")
    parser.add_argument("--threads", type=int, default=None, help="threads per worker (default: 16 SQLite, 8 PG)")
    parser.add_argument("--concurrency", type=int, default=64, help="requests in flight at most (client)")
    parser.add_argument("--start-window", type=float, default=60.0)
    parser.add_argument("--think-min", type=float, default=5.0)
    parser.add_argument("--think-max", type=float, default=40.0)
    parser.add_argument("--questions", type=int, default=20)
    parser.add_argument("--time-limit", type=int, default=900)
    args = parser.parse_args()
    if args.workers is None:
        args.workers = 2 if args.database_url else 1
    if args.threads is None:
        args.threads = 8 if args.database_url else 16

    var = Path(tempfile.mkdtemp(prefix="phapluat-bench-contests-"))
    env = {**os.environ, "PHAPLUAT_VAR_DIR": str(var), "DJANGO_SETTINGS_MODULE": "bench_settings",
           "PYTHONPATH": os.pathsep.join([str(HERE), str(REPO), os.environ.get("PYTHONPATH", "")]),
           "DJANGO_DEBUG": "0"}
    env.pop("DATABASE_URL", None)
    drop = None
    if args.database_url:
        env["DATABASE_URL"], drop = temporary_postgres(args.database_url)
    database = "PostgreSQL" if args.database_url else "SQLite (WAL, mặc định nhúng)"
    try:
        setup = prepare(env, args)
        port = free_port()
        server = start_server(args.server, env, port, args.workers, args.threads)
        try:
            stats = asyncio.run(run(args, port, setup))
        finally:
            server_log = stop_server(server)
        stored = count_stored(env, setup["slug"])
    finally:
        if drop:
            drop()
        shutil.rmtree(var, ignore_errors=True)

    accepted = len(stats["accepted"])
    lost = accepted - stored["submitted"]
    print(f"CSDL: {database}; máy chủ: {server.kind}"
          + (f" ({args.workers} worker × {args.threads} luồng)" if server.kind == "gunicorn" else "")
          + f"; {args.participants} người, bắt đầu trong {args.start_window:.0f} s, suy nghĩ "
            f"{args.think_min:.0f}–{args.think_max:.0f} s, {args.questions} câu, tối đa {args.concurrency} yêu cầu song song")
    print(f"đăng ký: {args.participants - stats['reg_failed']} thành công trong {stats['registration_s']:.1f} s; "
          f"vòng thi kéo dài {stats['round_s']:.1f} s")
    print(f"bài nộp: {accepted} được nhận, {stats['refused_first']} bị từ chối, {stats['no_submit']} không nộp được; "
          f"trong CSDL {stored['submitted']} bài đã nộp / {stored['attempts']} lượt làm → thất lạc {lost}; "
          f"lượt làm trùng {stored['duplicates']}")
    returned = sum(result["score"] for result in stats["accepted"].values())
    print(f"tổng điểm máy chủ trả về {returned}, tổng điểm trong CSDL {sum(stored['scores'].values())} "
          f"({'khớp' if returned == sum(stored['scores'].values()) else 'KHÔNG KHỚP'})")
    print(f"nộp lại (replay): {stats['replay_refused']} bị từ chối (409), {stats['replay_accepted']} được nhận (phải là 0)")
    print(f"lỗi 5xx: {stats['5xx']}; lỗi mạng/khác: {len(stats['errors'])}"
          + (f" (ví dụ: {stats['errors'][:3]})" if stats["errors"] else ""))
    print(f"{'yêu cầu':16} {'số':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8}")
    everything = []
    for kind in ("register-get", "register-post", "start", "questions", "submit", "replay"):
        values = stats["latency"].get(kind, [])
        if kind not in ("register-get", "register-post"):
            everything += values
        if values:
            print(f"{kind:16} {len(values):6d} {statistics.median(values):8.1f} {percentile(values, 95):8.1f} "
                  f"{percentile(values, 99):8.1f} {max(values):8.1f}")
    print(f"{'vòng thi (tất cả)':16} {len(everything):6d} {statistics.median(everything):8.1f} "
          f"{percentile(everything, 95):8.1f} {percentile(everything, 99):8.1f} {max(everything):8.1f}")
    problems = [line for line in server_log.splitlines() if "Traceback" in line or "Error" in line or "CRITICAL" in line]
    print(f"nhật ký máy chủ: {len(problems)} dòng lỗi" + (f", ví dụ: {problems[:3]}" if problems else ""))


if __name__ == "__main__":
    main()
