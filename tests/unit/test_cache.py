"""cleaner.cache and the language model's disk cache: same model from the cache as
built, a new key for changed inputs, no failure when the cache cannot be used."""

from __future__ import annotations

import os

import numpy as np
import pytest

from cleaner import cache, langid
from tests.unit.test_langid import SENTENCES

MIXED = ["Guten Morgen", "ok", "12:45 !!", "Le chat dort.", "https://example.com/x y z",
         "Привет, как дела?", "東京は晴れです。", "Xin chào các bạn"]


@pytest.fixture
def cache_root(tmp_path, monkeypatch):
    root = tmp_path / "cache"
    monkeypatch.setenv(cache.ENV, str(root))
    return root


def _semantic(core: dict) -> tuple:
    """The core keyed by n-gram (stopword rows come in set order, which differs by process)."""
    order = sorted(core["index"])
    rows = [core["index"][k] for k in order]
    return (order, np.asarray(core["table"])[rows].tobytes(), np.asarray(core["row_bound"])[rows].tobytes(),
            core["langs"], core["blocks"], core["translate"])


def test_cache_dir_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv(cache.ENV, str(tmp_path / "x"))
    assert cache.cache_dir() == tmp_path / "x"
    for off in ("off", "", "0", "OFF"):
        monkeypatch.setenv(cache.ENV, off)
        assert cache.cache_dir() is None
        assert cache.lookup("langid", "k") is None
        assert cache.publish("langid", "k", lambda d: None) is None
    monkeypatch.delenv(cache.ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() == tmp_path / "xdg" / "cleaner"


def test_digest_separates_parts():
    assert cache.digest(["ab", "c"]) != cache.digest(["a", "bc"])
    assert cache.digest([b"ab", "c"]) == cache.digest(["ab", b"c"])
    assert len(cache.digest([])) == 24


def test_publish_is_atomic_and_replaces_older_keys(cache_root):
    def write(directory):
        (directory / "data.txt").write_text("v")

    first = cache.publish("thing", "k1", write)
    assert first == cache_root / "thing-k1" and (first / "data.txt").read_text() == "v"
    assert cache.lookup("thing", "k1") == first
    # a second process publishing the same entry: the first one stays, no error
    assert cache.publish("thing", "k1", write) == first
    second = cache.publish("thing", "k2", write)
    assert cache.lookup("thing", "k2") == second and cache.lookup("thing", "k1") is None
    # nothing half-written is left behind
    assert sorted(p.name for p in cache_root.iterdir()) == ["thing-k2"]


def test_publish_never_raises(cache_root):
    cache_root.parent.mkdir(parents=True, exist_ok=True)
    cache_root.write_text("a file where the directory should be")
    assert cache.publish("thing", "k", lambda d: None) is None

    def broken(directory):
        raise UnicodeEncodeError("utf-8", "\ud800", 0, 1, "surrogate")

    cache_root.unlink()
    assert cache.publish("thing", "k", broken) is None
    assert list(cache_root.iterdir()) == []  # the temporary directory is gone


def test_model_from_the_cache_is_the_built_model(cache_root, monkeypatch):
    built = []
    real_build = langid._build_core
    monkeypatch.setattr(langid, "_build_core", lambda: built.append(1) or real_build())
    fresh = langid._core()
    assert built == [1]
    entry = cache.lookup("langid", langid._core_key())
    assert entry is not None and sorted(os.listdir(entry)) == ["index.txt", "row_bound.npy", "strings.json",
                                                               "table.npy"]
    cached = langid._core()
    assert built == [1]  # read, not built again
    assert not cached["table"].flags.writeable  # mapped read-only: shared by the processes of a machine
    assert _semantic(cached) == _semantic(fresh)
    # and the two give the same answers
    monkeypatch.setattr(langid, "_core", lambda: fresh)
    m_fresh = langid._Model()
    monkeypatch.setattr(langid, "_core", lambda: cached)
    m_cached = langid._Model()
    for text in [*SENTENCES.values(), *MIXED]:
        assert m_fresh.score(text, top=5) == m_cached.score(text, top=5), text
    assert m_fresh.by_word == m_cached.by_word


def test_a_damaged_entry_is_rebuilt(cache_root):
    langid._core()
    entry = cache.lookup("langid", langid._core_key())
    with open(entry / "table.npy", "r+b") as fh:
        fh.truncate(1000)
    core = langid._core()  # no exception: built again
    assert core["table"].shape == (len(core["index"]), len(core["langs"]))
    # the damaged entry was replaced by a good one, which the next process reads
    assert (entry / "table.npy").stat().st_size > 40_000_000
    again = langid._read_core(cache.lookup("langid", langid._core_key()))
    assert _semantic(again) == _semantic(core)


def test_the_key_follows_the_inputs(monkeypatch):
    key = langid._core_key()
    assert langid._core_key() == key
    monkeypatch.setattr(langid, "_CACHE_FORMAT", b"another format")
    assert langid._core_key() != key


def test_no_cache_builds_in_memory(monkeypatch):
    monkeypatch.setenv(cache.ENV, "off")
    core = langid._core()
    assert core["table"].flags.writeable and len(core["langs"]) == 55


def test_no_key_means_no_cache(cache_root, monkeypatch):
    def no_metadata():
        raise ImportError("no metadata for jusText")

    monkeypatch.setattr(langid, "_core_key", no_metadata)
    core = langid._core()
    assert core["table"].flags.writeable and not cache_root.exists()


def test_processes_building_the_entry_at_once_leave_one_good_entry(cache_root):
    import subprocess
    import sys

    code = ("from cleaner import langid; g = langid.detect('Die Regierung will das Gesetz bald beschliessen.'); "
            "print(g.lang)")
    env = {**os.environ, cache.ENV: str(cache_root)}
    procs = [subprocess.Popen([sys.executable, "-c", code], env=env, stdout=subprocess.PIPE, text=True)
             for _ in range(4)]
    outs = [p.communicate(timeout=120)[0].strip() for p in procs]
    assert outs == ["de"] * 4 and all(p.returncode == 0 for p in procs)
    entries = sorted(p.name for p in cache_root.iterdir())
    assert len(entries) == 1 and entries[0].startswith("langid-")  # no temporary directory left
    assert sorted(os.listdir(cache_root / entries[0])) == ["index.txt", "row_bound.npy", "strings.json", "table.npy"]
