"""Build a validated pipeline of stages and run articles through it."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Iterable, Iterator

from eventwire import __version__
from eventwire.config import Config, load_config
from eventwire.errors import InputError, PipelineError
from eventwire.model import Article, ArticleRecord, Document, RejectedInput, RejectedRecord, Rejection
from eventwire.registry import Stage, build_stage

log = logging.getLogger(__name__)

# Fields a fresh Document has before any stage runs (filled from the Article).
INITIAL_FIELDS = frozenset({"article", "text", "published", "title", "outlet"})


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
        doc = Document(
            article=article,
            id=article.content_id(),
            published=article.published,
            title=article.title,
            outlet=article.outlet,
        )
        for stage in self.stages:
            try:
                doc = stage(doc)
            except InputError as exc:
                doc.rejected = Rejection(stage=stage.name, reason=exc.reason)
            if doc.rejected:
                break
            doc.filled |= stage.assigns
        return doc

    def code(self, items: Iterable[Article | RejectedInput]) -> Iterator[ArticleRecord | RejectedRecord]:
        """Yield one output record per input, in input order; rejections included."""
        for item in items:
            if isinstance(item, RejectedInput):
                yield RejectedRecord(id=item.content_id(), source=item.source,
                                     rejected=Rejection(stage=item.stage, reason=item.reason))
                continue
            doc = self.run(item)
            if doc.rejected:
                log.info("rejected %s at %s: %s", item.source or doc.id, doc.rejected.stage, doc.rejected.reason)
                yield RejectedRecord(id=doc.id, source=item.source, rejected=doc.rejected)
            else:
                yield doc.to_record(version=__version__, pipeline=self.config.pipeline.name, model=self.model_name)


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
