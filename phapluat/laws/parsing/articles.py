"""parse_article_body: one article given on its own -> its Điều node with clauses and points.

For corpora that already split laws into articles, such as the ALQAC benchmark, where an article is
"Phạm vi điều chỉnh\n\nLuật này quy định ..." (heading first, then the body) or, for the Constitution,
just the body.
"""
from __future__ import annotations

from .anchors import assign_anchors
from .legacy import convert_legacy
from .lines import classify_line
from .model import ARTICLE, ParsedNode
from .normalize import normalize_text, split_lines
from .provisions import ProvisionBuilder
from .quotes import quoted_lines

# A first line longer than this is body text, not a heading.
_MAX_HEADING_LENGTH = 250


def parse_article_body(number: str, text: str, heading: str = "") -> ParsedNode:
    """The Điều `number` built from `text`. Without `heading`, the first line is taken as the heading
    when it looks like one (short, not a clause, not ending a sentence, followed by more text)."""
    text, _ = convert_legacy(text or "")
    lines = split_lines(normalize_text(text))
    if lines:
        match = classify_line(lines[0])
        if match is not None and match.kind == ARTICLE and not match.loose:
            heading = heading or match.title            # "Điều 5. Heading" repeated in the text
            lines = lines[1:]
        elif not heading and _looks_like_heading(lines):
            heading, lines = lines[0], lines[1:]
    builder = ProvisionBuilder(warnings=[])
    article = builder.open_article(str(number).strip(), normalize_text(heading).strip())
    quoted, _ = quoted_lines(lines)
    for line, is_quoted in zip(lines, quoted):
        builder.feed(line, is_quoted)
    builder.finish()
    assign_anchors([article], warnings=[])
    return article


def _looks_like_heading(lines: list[str]) -> bool:
    first = lines[0]
    return (len(lines) > 1 and len(first) <= _MAX_HEADING_LENGTH and classify_line(first) is None
            and not first.endswith((".", ";", ":", ",")) and not first.startswith(("“", '"')))
