"""timex: time expressions of the article, with TimeML values resolved against its DCT."""
from __future__ import annotations

from eventwire.model import Document
from eventwire.timex import find_timexes

REQUIRES = frozenset({"sentences", "published"})
ASSIGNS = frozenset({"timex"})


def find_timex(doc: Document) -> Document:
    """Fill ``doc.timex`` from the text, the sentences and the publication date.

    Requires: sentences, published. Assigns: timex.

    Expressions are looked for inside the sentences (the tense that decides whether "on Monday"
    lies ahead or behind is read within its sentence) and inside the dateline, which the nlp
    stage does not split into sentences but which carries the report date. Without sentences
    the whole text is searched, cut at sentence ends by the rules themselves. Without
    ``published`` relative expressions keep underspecified values ("XXXX-10-29").
    """
    spans: list[tuple[int, int]] | None = None
    if doc.sentences:
        spans = [(s.start, s.end) for s in doc.sentences]
        if doc.dateline is not None:
            spans.append((doc.dateline.start, doc.dateline.end))
        spans.sort()
    doc.timex = find_timexes(doc.text, doc.published, spans)
    return doc
