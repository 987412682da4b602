"""Typed records: the input article, the pipeline's document, and the output contract."""
from eventwire.model.article import Article, RejectedInput, text_hash
from eventwire.model.document import Dateline, Document, Entity, Parse, Segment, Sentence
from eventwire.model.records import (
    SCHEMA_ID,
    Actor,
    ArticleRecord,
    Event,
    Evidence,
    Mention,
    Place,
    Provenance,
    Quote,
    Rejection,
    RejectedRecord,
    Span,
    Story,
    Timex,
)

__all__ = [
    "SCHEMA_ID", "Actor", "Article", "ArticleRecord", "Dateline", "Document", "Entity", "Event",
    "Evidence", "Mention", "Parse", "Place", "Provenance", "Quote", "RejectedInput", "RejectedRecord",
    "Rejection", "Segment", "Sentence", "Span", "Story", "Timex", "text_hash",
]
