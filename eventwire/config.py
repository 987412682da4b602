"""Configuration: shipped defaults, overridden key by key, resolved once into a frozen object."""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields
from importlib import resources
from pathlib import Path
from typing import Any, Mapping

from eventwire.errors import ConfigError, unknown_choice


@dataclass(frozen=True, slots=True)
class PipelineConfig:
    name: str
    stages: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class InputConfig:
    max_bytes: int
    min_chars: int
    languages: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class NlpConfig:
    model: str
    fallback_models: tuple[str, ...]
    batch_size: int


@dataclass(frozen=True, slots=True)
class StoreConfig:
    url: str
    batch_size: int


@dataclass(frozen=True, slots=True)
class ServeConfig:
    host: str
    port: int
    cors_origins: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Config:
    pipeline: PipelineConfig
    input: InputConfig
    nlp: NlpConfig
    store: StoreConfig
    serve: ServeConfig


_SECTIONS = {f.name: f.type for f in fields(Config)}
_SECTION_TYPES: dict[str, type] = {
    "pipeline": PipelineConfig, "input": InputConfig, "nlp": NlpConfig,
    "store": StoreConfig, "serve": ServeConfig,
}


def _defaults() -> dict[str, dict[str, Any]]:
    text = resources.files("eventwire").joinpath("defaults.toml").read_text("utf-8")
    return tomllib.loads(text)


def _merge(base: dict[str, dict[str, Any]], override: Mapping[str, Any], origin: str) -> None:
    for section, values in override.items():
        if section not in base:
            raise ConfigError(f"{origin}: " + unknown_choice("config section", section, list(base)))
        if not isinstance(values, Mapping):
            raise ConfigError(f"{origin}: [{section}] must be a table of keys")
        for key, value in values.items():
            if key not in base[section]:
                raise ConfigError(f"{origin}: " + unknown_choice(f"key in [{section}]", key, list(base[section])))
            base[section][key] = _coerce(base[section][key], value, f"{origin}: {section}.{key}")


def _coerce(default: Any, value: Any, where: str) -> Any:
    """Give ``value`` the type of ``default``; strings from the environment are parsed."""
    try:
        if isinstance(default, bool):
            return value if isinstance(value, bool) else str(value).lower() in {"1", "true", "yes", "on"}
        if isinstance(default, int):
            return int(value)
        if isinstance(default, list):
            return list(value) if isinstance(value, (list, tuple)) else [v.strip() for v in str(value).split(",") if v.strip()]
        return str(value)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"{where}: expected {type(default).__name__}, got {value!r}") from exc


def load_config(
    path: str | Path | None = None,
    overrides: Mapping[str, Mapping[str, Any]] | None = None,
    environ: Mapping[str, str] | None = None,
) -> Config:
    """Resolve the configuration: defaults < user file < environment < ``overrides``.

    The user file is ``path`` or ``$EVENTWIRE_CONFIG``; environment keys look like
    ``EVENTWIRE_STORE_URL`` (``EVENTWIRE_DB`` is an alias for the store URL).
    """
    env = os.environ if environ is None else environ
    data = _defaults()
    user = path or env.get("EVENTWIRE_CONFIG")
    if user:
        try:
            _merge(data, tomllib.loads(Path(user).read_text("utf-8")), str(user))
        except FileNotFoundError as exc:
            raise ConfigError(f"config file {user} does not exist") from exc
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"config file {user} is not valid TOML: {exc}") from exc
    from_env: dict[str, dict[str, Any]] = {}
    if env.get("EVENTWIRE_DB"):
        from_env.setdefault("store", {})["url"] = env["EVENTWIRE_DB"]
    for section, keys in data.items():
        for key in keys:
            name = f"EVENTWIRE_{section}_{key}".upper()
            if name in env:
                from_env.setdefault(section, {})[key] = env[name]
    _merge(data, from_env, "environment")
    if overrides:
        _merge(data, {s: {k: v for k, v in kv.items() if v is not None} for s, kv in overrides.items()}, "options")
    return Config(**{
        name: _SECTION_TYPES[name](**{k: tuple(v) if isinstance(v, list) else v for k, v in data[name].items()})
        for name in _SECTIONS
    })
