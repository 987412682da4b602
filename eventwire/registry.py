"""The stage registry: stages register by name with what they require and assign."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Protocol

from eventwire.config import Config
from eventwire.errors import PipelineError, unknown_choice
from eventwire.model import Document


class Stage(Protocol):
    """A pipeline step: ``Document -> Document``, no IO, no global state."""

    name: str
    requires: frozenset[str]
    assigns: frozenset[str]

    def __call__(self, doc: Document) -> Document: ...


@dataclass(frozen=True, slots=True)
class FunctionStage:
    """A stage made from a pure function."""

    name: str
    requires: frozenset[str]
    assigns: frozenset[str]
    func: Callable[[Document], Document]

    def __call__(self, doc: Document) -> Document:
        return self.func(doc)


StageFactory = Callable[[Config], Stage]
_FACTORIES: dict[str, StageFactory] = {}


def register_stage(name: str) -> Callable[[StageFactory], StageFactory]:
    """Register a factory that builds the stage ``name`` from the resolved config."""

    def wrap(factory: StageFactory) -> StageFactory:
        if name in _FACTORIES:
            raise PipelineError(f"stage {name!r} is registered twice")
        _FACTORIES[name] = factory
        return factory

    return wrap


def function_stage(name: str, requires: set[str], assigns: set[str]) -> Callable[[Callable[[Document], Document]], Callable[[Document], Document]]:
    """Register a pure function as a stage that needs no configuration."""

    def wrap(func: Callable[[Document], Document]) -> Callable[[Document], Document]:
        stage = FunctionStage(name, frozenset(requires), frozenset(assigns), func)
        register_stage(name)(lambda _config: stage)
        return func

    return wrap


def build_stage(name: str, config: Config) -> Stage:
    """Return the stage registered as ``name``, built for ``config``."""
    import eventwire.stages  # noqa: F401  (registers the built-in stages)

    if name not in _FACTORIES:
        raise PipelineError(unknown_choice("stage", name, list(_FACTORIES)))
    return _FACTORIES[name](config)


def stage_names() -> list[str]:
    import eventwire.stages  # noqa: F401

    return sorted(_FACTORIES)
