from __future__ import annotations

from pathlib import Path

import pytest

from watchfloor.errors import ConfigError
from watchfloor.settings import Settings, load_settings

DOCS = Path(__file__).resolve().parents[1] / "docs" / "settings.md"


def test_settings_defaults_without_config(tmp_path: Path) -> None:
    settings = load_settings(environ={}, config_path=tmp_path / "absent.toml")
    assert settings == Settings()


def test_settings_precedence_toml_then_env_then_flags(tmp_path: Path) -> None:
    config = tmp_path / "watchfloor.toml"
    config.write_text('[watchfloor]\ndb = "from-toml.db"\nmax_bytes = 100\nbatch_size = 7\n')
    environ = {"WATCHFLOOR_MAX_BYTES": "200", "WATCHFLOOR_DB": "from-env.db"}
    settings = load_settings(environ=environ, config_path=config, db="from-flag.db")
    assert (settings.db, settings.max_bytes, settings.batch_size) == ("from-flag.db", 200, 7)


def test_settings_unset_flags_do_not_override(tmp_path: Path) -> None:
    settings = load_settings(
        environ={"WATCHFLOOR_DB": "env.db"}, config_path=tmp_path / "x", db=None
    )
    assert settings.db == "env.db"


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"WATCHFLOOR_MAX_BYTES": "ten"}, "max_bytes must be int, got 'ten'"),
        ({"WATCHFLOOR_NEAR_DUP_THRESHOLD": "high"}, "near_dup_threshold must be float"),
    ],
)
def test_settings_bad_values_are_named(
    tmp_path: Path, environ: dict[str, str], message: str
) -> None:
    with pytest.raises(ConfigError, match=message):
        load_settings(environ=environ, config_path=tmp_path / "absent.toml")


def test_settings_unknown_key_in_toml(tmp_path: Path) -> None:
    config = tmp_path / "watchfloor.toml"
    config.write_text("[watchfloor]\ncolour = 'blue'\n")
    with pytest.raises(ConfigError, match=r"unknown setting\(s\) \['colour'\]"):
        load_settings(environ={}, config_path=config)


def test_settings_invalid_toml(tmp_path: Path) -> None:
    config = tmp_path / "watchfloor.toml"
    config.write_text("[watchfloor\n")
    with pytest.raises(ConfigError, match="is not valid TOML"):
        load_settings(environ={}, config_path=config)


def test_docs_list_every_setting() -> None:
    text = DOCS.read_text(encoding="utf-8")
    missing = [name for name in Settings.names() if f"| `{name}` |" not in text]
    assert missing == []
