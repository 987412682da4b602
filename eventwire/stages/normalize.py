"""normalize: layout (headline, dateline, paragraphs), metadata from the dateline, language."""
from __future__ import annotations

from dataclasses import dataclass

from eventwire.config import Config
from eventwire.errors import InputError
from eventwire.model import Document
from eventwire.registry import register_stage
from eventwire.text.language import judge_language
from eventwire.text.layout import split_layout
from eventwire.timex import parse_date


@dataclass(frozen=True)
class Normalize:
    name = "normalize"
    requires = frozenset({"text"})
    assigns = frozenset({"segments", "dateline", "language", "title", "outlet", "published"})
    min_chars: int
    languages: tuple[str, ...]

    def __call__(self, doc: Document) -> Document:
        text = doc.text
        if len("".join(text.split())) < self.min_chars:
            raise InputError(f"text has fewer than {self.min_chars} characters", stage=self.name)
        doc.segments, doc.dateline, headline = split_layout(text, doc.title)
        if not any(s.kind == "paragraph" for s in doc.segments):
            raise InputError("no article body after the headline and dateline", stage=self.name)
        doc.title = doc.title or headline
        if doc.dateline:
            doc.outlet = doc.outlet or doc.dateline.outlet
            if doc.dateline.published:
                resolved = parse_date(doc.dateline.published, reference=doc.published)
                doc.dateline.published = resolved
                doc.published = doc.published or resolved
        body = " ".join(text[s.start:s.end] for s in doc.segments if s.kind != "dateline")
        doc.language, reason = judge_language(body, self.languages)
        if reason:
            raise InputError(reason, stage=self.name)
        return doc


@register_stage("normalize")
def _build(config: Config) -> Normalize:
    return Normalize(min_chars=config.input.min_chars, languages=config.input.languages)
