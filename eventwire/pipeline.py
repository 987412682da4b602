"""Build a validated pipeline of stages and run articles through it."""
from __future__ import annotations

import gc
import logging
from dataclasses import dataclass
from itertools import islice
from typing import Iterable, Iterator, Sequence, TypeVar

from eventwire import __version__
from eventwire.config import Config, load_config
from eventwire.errors import ConfigError, InputError, PipelineError
from eventwire.model import Article, ArticleRecord, Document, RejectedInput, RejectedRecord, Rejection
from eventwire.registry import Stage, build_stage

log = logging.getLogger(__name__)
T = TypeVar("T")

# Fields a fresh Document has before any stage runs (filled from the Article).
INITIAL_FIELDS = frozenset({"article", "text", "published", "title", "outlet"})

# A rejection caused by a bug (an unexpected exception in a stage) has a reason starting with
# this: the article is recorded and the batch goes on; tests and `bench fuzz` count them as crashes.
INTERNAL_ERROR = "internal error"


@dataclass(frozen=True)
class Pipeline:
    """An ordered, validated list of stages."""

    stages: tuple[Stage, ...]
    config: Config

    @classmethod
    def build(cls, config: Config | None = None) -> "Pipeline":
        """Build the configured stages and check each one's requirements are met in order."""
        config = config or load_config()
        stages = tuple(build_stage(name, config) for name in config.pipeline.stages)
        validate(stages)
        return cls(stages, config)

    @property
    def model_name(self) -> str | None:
        for stage in self.stages:
            name = getattr(stage, "model_name", None)
            if name:
                return str(name)
        return None

    def run(self, article: Article) -> Document:
        """Run one article through every stage; a stage may reject it (``doc.rejected``)."""
        return self.run_many([article])[0]

    def run_many(self, articles: Sequence[Article]) -> list[Document]:
        """Run articles through every stage, stage by stage; same result as ``run`` on each.

        A stage with a ``pipe(docs) -> docs`` method gets all still-live documents at once (the
        nlp stage streams them through spaCy together); the others get one document at a time.
        If ``pipe`` raises (InputError or a bug) the stage is re-run one document at a time, so
        the rejection lands on the document that caused it.
        """
        _freeze_loaded_tables()
        docs = [_new_document(article) for article in articles]
        for stage in self.stages:
            live = [i for i, doc in enumerate(docs) if doc.rejected is None]
            if not live:
                break
            batch = getattr(stage, "pipe", None) if len(live) > 1 else None
            if batch is not None:
                try:
                    done = batch([docs[i] for i in live])
                except Exception:  # noqa: BLE001 (re-run one by one: the failing document is found)
                    batch = None
                else:
                    for i, doc in zip(live, done, strict=True):
                        if doc.rejected is None:
                            doc.filled |= stage.assigns
                        docs[i] = doc
            if batch is None:
                for i in live:
                    docs[i] = _run_stage(stage, docs[i])
        return docs

    def code(self, items: Iterable[Article | RejectedInput], batch_size: int | None = None
             ) -> Iterator[ArticleRecord | RejectedRecord]:
        """Yield one output record per input, in input order; rejections included.

        Articles are coded ``batch_size`` at a time (default ``[nlp] batch_size``): records come
        out in bursts, and at most one batch of parsed documents is held in memory.
        """
        size = max(1, batch_size or self.config.nlp.batch_size)
        for chunk in _chunks(items, size):
            articles = [item for item in chunk if isinstance(item, Article)]
            docs = iter(self.run_many(articles))
            for item in chunk:
                yield self._record(item, None if isinstance(item, RejectedInput) else next(docs))

    def _record(self, item: Article | RejectedInput, doc: Document | None) -> ArticleRecord | RejectedRecord:
        if isinstance(item, RejectedInput) or doc is None:
            return RejectedRecord(id=item.content_id(), source=item.source,
                                  rejected=Rejection(stage=item.stage, reason=item.reason))
        if doc.rejected:
            log.info("rejected %s at %s: %s", item.source or doc.id, doc.rejected.stage, doc.rejected.reason)
            return RejectedRecord(id=doc.id, source=item.source, rejected=doc.rejected)
        try:
            return doc.to_record(version=__version__, pipeline=self.config.pipeline.name, model=self.model_name)
        except Exception as exc:  # noqa: BLE001 (a record that does not validate is a bug: record it, go on)
            return RejectedRecord(id=doc.id, source=item.source, rejected=_internal_error("record", exc, item.source))


_FROZEN = [0]  # batches run in this process, up to the one that froze the loaded tables


def _freeze_loaded_tables() -> None:
    """Before the second batch a process runs, move what the first one loaded (the spaCy model,
    the gazetteer index, the ontology tables: millions of long-lived objects) out of the garbage
    collector's reach, so its full collections, triggered by the coder's many small objects, no
    longer walk them every time (``gc.freeze``). Once per process; garbage is collected first."""
    if _FROZEN[0] >= 2:
        return
    _FROZEN[0] += 1
    if _FROZEN[0] == 2:
        gc.collect()
        gc.freeze()


def _new_document(article: Article) -> Document:
    return Document(article=article, id=article.content_id(), published=article.published,
                    title=article.title, outlet=article.outlet)


def _run_stage(stage: Stage, doc: Document) -> Document:
    try:
        doc = stage(doc)
    except InputError as exc:
        doc.rejected = Rejection(stage=stage.name, reason=exc.reason)
    except ConfigError:
        raise  # a missing model or a bad setting fails every article alike: stop with its message
    except Exception as exc:  # noqa: BLE001 (a bug met on one article must not end the batch)
        doc.rejected = _internal_error(stage.name, exc, doc.article.source or doc.id)
    if doc.rejected is None:
        doc.filled |= stage.assigns
    return doc


def _internal_error(stage: str, exc: Exception, where: str | None) -> Rejection:
    """The rejection for a bug: logged as an error (traceback at debug level only), never raised."""
    log.error("%s: internal error in stage %r: %s: %s", where, stage, type(exc).__name__, exc)
    log.debug("traceback of the internal error", exc_info=exc)
    return Rejection(stage=stage, reason=f"{INTERNAL_ERROR} in stage {stage!r}: {type(exc).__name__}: {exc}"[:500])


def _chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def validate(stages: Iterable[Stage]) -> None:
    """Raise PipelineError naming the stage that provides a field a later stage needs first."""
    stages = list(stages)
    available = set(INITIAL_FIELDS)
    providers = {f: s.name for s in stages for f in s.assigns}
    for stage in stages:
        missing = stage.requires - available
        if missing:
            hints = [f"{f!r} (assigned by {providers[f]!r}, which must come first)" if f in providers
                     else f"{f!r} (no configured stage assigns it)" for f in sorted(missing)]
            raise PipelineError(f"stage {stage.name!r} requires {', '.join(hints)}")
        available |= stage.assigns
