"""Config discovery and loading."""

from __future__ import annotations

import pytest

from cleaner import ConfigError
from cleaner.config import find_config, load, load_file, section


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_pyproject_table_is_found_walking_up(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.cleaner]\ndisable = ["language"]\n')
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert find_config(deep / "file.txt") == tmp_path / "pyproject.toml"
    cfg, path = load(deep)
    assert cfg == {"disable": ["language"]} and path == tmp_path / "pyproject.toml"


def test_pyproject_without_table_is_passed_over(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.cleaner]\nfilters = ["encoding"]\n')
    write(tmp_path / "sub" / "pyproject.toml", '[project]\nname = "x"\n')
    assert find_config(tmp_path / "sub") == tmp_path / "pyproject.toml"


def test_cleaner_toml_wins_in_the_same_directory(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.cleaner]\nfilters = ["encoding"]\n')
    write(tmp_path / "cleaner.toml", 'filters = ["layout"]\n')
    assert load(tmp_path)[0] == {"filters": ["layout"]}


def test_no_config_is_empty(tmp_path):
    assert find_config(tmp_path) is None or find_config(tmp_path).parent != tmp_path


def test_invalid_toml_names_the_file(tmp_path):
    bad = write(tmp_path / "cleaner.toml", "filters = [\n")
    with pytest.raises(ConfigError, match="cleaner.toml: invalid TOML"):
        load_file(bad)


def test_missing_file_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="cannot read"):
        load_file(tmp_path / "nope.toml")


def test_section_rejects_unknown_keys(tmp_path):
    with pytest.raises(ConfigError, match="unknown key 'selct' in \\[tool.cleaner.check\\]"):
        section({"check": {"selct": ["BP"]}}, "check", {"select", "ignore"})
    assert section({}, "check", {"select"}) == {}
