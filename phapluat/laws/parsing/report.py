"""How cleanly a folder of documents parses: one row per file, for import reports and for the parser's
own regression checks.

    python -m phapluat.laws.parsing.report ../shared/data/laws/vlc
"""
from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .model import ParseError
from .readers import DOCUMENT_SUFFIXES, read_file
from .text import parse_text


@dataclass
class FileReport:
    file: str
    articles: int = 0
    number: str = ""
    issue_date: date | None = None
    title: str = ""
    warnings: list[str] = field(default_factory=list)
    error: str = ""

    @property
    def clean(self) -> bool:
        return not self.warnings and not self.error


def report_file(path: Path) -> FileReport:
    try:
        parsed = parse_text(read_file(path))
    except ParseError as error:
        return FileReport(file=path.name, error=str(error))
    return FileReport(file=path.name, articles=len(parsed.articles()), number=parsed.number,
                      issue_date=parsed.issue_date, title=parsed.title, warnings=list(parsed.warnings))


def corpus_report(folder: str | Path) -> list[FileReport]:
    """Parse every document in `folder` (sorted by name) and report articles, number, date and problems."""
    paths = sorted(p for p in Path(folder).iterdir() if p.suffix.lower() in DOCUMENT_SUFFIXES)
    return [report_file(path) for path in paths]


def format_report(reports: list[FileReport]) -> str:
    clean = sum(report.clean for report in reports)
    failed = [report for report in reports if report.error]
    lines = [f"{len(reports)} tệp: {clean} không có cảnh báo, {len(reports) - clean - len(failed)} có cảnh báo, "
             f"{len(failed)} lỗi; {sum(r.articles for r in reports)} điều."]
    for report in reports:
        if report.clean:
            continue
        lines.append(f"- {report.file} ({report.articles} điều)")
        if report.error:
            lines.append(f"    LỖI: {report.error}")
        lines.extend(f"    {warning}" for warning in report.warnings)
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("Cách dùng: python -m phapluat.laws.parsing.report THƯ_MỤC", file=sys.stderr)
        return 2
    started = time.perf_counter()
    reports = corpus_report(argv[0])
    print(format_report(reports))
    print(f"({time.perf_counter() - started:.1f} giây)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
