import pytest

from eventwire.errors import PipelineError
from eventwire.model import Article, Document
from eventwire.pipeline import Pipeline, validate
from eventwire.registry import FunctionStage, build_stage, stage_names
from eventwire.config import load_config


def stage(name, requires, assigns, func=lambda d: d):
    return FunctionStage(name, frozenset(requires), frozenset(assigns), func)


def test_validate_names_the_stage_that_must_come_first():
    with pytest.raises(PipelineError, match="'events' requires 'actors' \\(assigned by 'actors', which must come first\\)"):
        validate([stage("events", {"actors"}, {"events"}), stage("actors", set(), {"actors"})])
    with pytest.raises(PipelineError, match="no configured stage assigns it"):
        validate([stage("x", {"nothing"}, set())])


def test_unknown_stage_lists_choices():
    with pytest.raises(PipelineError, match="choose one of: .*normalize"):
        build_stage("normalise", load_config(environ={}))
    assert {"normalize", "nlp", "actors", "quotes", "timex", "places", "events"} <= set(stage_names())


def test_default_pipeline_validates():
    config = load_config(environ={})
    validate([build_stage(n, config) for n in config.pipeline.stages])


def test_normalize_rejects_non_english_and_tiny_texts():
    config = load_config(environ={})
    normalize = build_stage("normalize", config)
    pipe = Pipeline((normalize,), config)
    german = pipe.run(Article(text="Der Innenminister sagte am Donnerstag in Berlin, die Polizei sei bereit, mit Frankreich zusammenzuarbeiten."))
    assert german.rejected.stage == "normalize" and "not English (detected: de" in german.rejected.reason
    tiny = pipe.run(Article(text="Hi."))
    assert "fewer than" in tiny.rejected.reason
    ok = pipe.run(Article(text="Headline\n\nPARIS (Wire - 3rd March, 2024) Police arrested two men.\n\nMore."))
    assert ok.rejected is None and ok.published == "2024-03-03" and ok.outlet == "Wire" and ok.title == "Headline"
    assert isinstance(ok, Document)


def test_a_configuration_error_stops_the_batch_instead_of_rejecting_every_article():
    from eventwire.errors import ConfigError
    from eventwire.pipeline import _run_stage

    def broken(doc):
        raise ConfigError("no spaCy model installed (tried en_core_web_xx)")

    stage = FunctionStage(name="broken", requires=frozenset(), assigns=frozenset(), func=broken)
    doc = Document(article=Article(text="Kenya and Tanzania held talks on Monday."), id="x")
    with pytest.raises(ConfigError, match="en_core_web_xx"):
        _run_stage(stage, doc)


def test_a_model_that_is_not_installed_is_an_error_not_a_download():
    from eventwire.errors import ConfigError
    from eventwire.nlp.loader import load_model

    with pytest.raises(ConfigError, match="en_core_web_nonexistent"):
        load_model("en_core_web_nonexistent", ())
