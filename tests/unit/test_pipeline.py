"""Pipeline construction, config, running, errors."""

from __future__ import annotations

import pickle
import textwrap

import pytest

import cleaner
from cleaner import ConfigError, Document, Pipeline, default_pipeline
from cleaner.filters.base import Filter, build, registry
from cleaner.pipeline import FilterError


def test_default_pipeline_is_ordered_by_stage_and_has_the_spine():
    p = default_pipeline()
    stages = [type(f).stage for f in p.filters]
    assert stages == sorted(stages)
    assert {"encoding", "language", "layout"} <= set(p.names)
    assert p.names[0] == "encoding"


def test_from_config_filters_enable_disable_and_options():
    p = Pipeline.from_config({"filters": ["encoding", "layout"], "encoding": {"uncurl_quotes": True}})
    assert p.names == ("encoding", "layout")
    assert p["encoding"].uncurl_quotes is True
    p2 = Pipeline.from_config({"disable": ["language"]})
    assert "language" not in p2.names and "encoding" in p2.names


@pytest.mark.parametrize("config, message", [
    ({"bogus": 1}, "unknown key 'bogus'"),
    ({"filters": ["nope"]}, "unknown filter 'nope'"),
    ({"filters": "encoding"}, "must be a list"),
    ({"encoding": {"nope": 1}}, "unknown option 'nope' for filter 'encoding'"),
    ({"encoding": {"uncurl_quotes": "yes"}}, "encoding.uncurl_quotes must be bool"),
    ({"language": {"min_paragraph_chars": 1.5}}, "must be an integer"),
    ({"encoding": 3}, "must be a table"),
    ({"filters": ["layout", "layout"]}, "appears twice"),
])
def test_bad_config_names_the_key(config, message):
    with pytest.raises(ConfigError, match=message):
        Pipeline.from_config(config)


def test_requires_is_checked():
    class NeedsLanguage(Filter):
        name = "needs-language-test"
        requires = ("language",)

        def find(self, doc):
            return []

    with pytest.raises(ConfigError, match="requires"):
        Pipeline([NeedsLanguage()])


def test_to_config_round_trip_and_pickle():
    p = default_pipeline()
    assert Pipeline.from_config(p.to_config()) == p
    q = pickle.loads(pickle.dumps(p))
    assert q == p
    text = "Hello &amp; goodbye, said the cat to the dog in the garden."
    assert q(text).report.to_dict() == p(text).report.to_dict()


def test_from_pyproject(tmp_path):
    py = tmp_path / "pyproject.toml"
    py.write_text(textwrap.dedent("""
        [project]
        name = "x"
        [tool.cleaner]
        filters = ["encoding"]
        [tool.cleaner.encoding]
        unescape_html = false
    """))
    p = Pipeline.from_pyproject(str(py))
    assert p.names == ("encoding",)
    assert p("a &amp; b").text == "a &amp; b"


def test_filter_exception_names_filter_and_document():
    class Broken(Filter):
        name = "broken-test"

        def find(self, doc):
            raise RuntimeError("boom")

    with pytest.raises(FilterError, match="filter 'broken-test' failed on document 'd1': RuntimeError: boom"):
        Pipeline([Broken()])("text", id="d1")


def test_unregistered_code_is_an_error():
    from cleaner.findings import Flag

    class Sloppy(Filter):
        name = "sloppy-test"

        def find(self, doc):
            yield Flag(0, 1, "NOPE999", "x")

    with pytest.raises(FilterError, match="NOPE999"):
        Pipeline([Sloppy()])("text")


def test_pipeline_accepts_document_and_rejects_bytes():
    p = Pipeline.from_config({"filters": ["encoding"]})
    doc = Document("caf\u00c3\u00a9")
    r = p(doc)
    assert r.document is doc and r.text == "café"
    with pytest.raises(TypeError):
        p(b"bytes")  # type: ignore[arg-type]


def test_profile_timings():
    r = default_pipeline()("Some text here to clean for the timing test.", profile=True)
    assert set(r.timings) == set(default_pipeline().names)
    assert all(t >= 0 for t in r.timings.values())


def test_clean_options_are_cached_pipelines():
    a = cleaner.clean("x &amp; y", filters=["encoding"])
    b = cleaner.clean("x &amp; y", filters=["encoding"], encoding={"unescape_html": False})
    assert a.text == "x & y" and b.text == "x &amp; y"
    assert cleaner._pipeline_for.cache_info().currsize >= 2


def test_registry_and_build():
    assert "encoding" in registry()
    with pytest.raises(ConfigError, match="unknown filter"):
        build("no-such-filter")


# a German article under 3,000 characters of PHP warnings (a broken WordPress
# install prints them above the page): the first 2,000 characters, the sample
# language identification reads, are all English
_PHP_HEAD = "".join(
    f"{kind}: Declaration of Walker_{name}::start_el() should be compatible with "
    f"Walker::start_el($output) in /www/htdocs/wp-includes/classes.php on line {n}\n"
    for n, (kind, name) in enumerate([("Strict Standards", "Page"), ("Deprecated", "Category")] * 10, 500))
_GERMAN_ARTICLE = (
    "Malaga, die quirlige Metropole in Andalusien\n"
    "Spanien hat als Reiseland eine Menge zu bieten. Ob nun die Inselgruppen der Balearen oder die "
    "Hauptstadt Madrid, die möglichen Reiseziele gibt es wie Sand am Meer. Eine der schönsten Gegenden "
    "des Landes liegt jedoch ganz im Süden, und dort herrscht das ganze Jahr über ein angenehmes Klima.\n"
    "Die Stadt steht oft ein wenig im Schatten von Sevilla, ist aber selbst eine Reise wert, und man kann "
    "als Tourist so einiges entdecken. Die Landschaft rund um die Stadt ist schon allein sehenswert, denn "
    "hier wachsen überall die feinsten Reben, aus denen später ein guter Wein entsteht.\n"
    "Wer nicht nur einen Tagesausflug machen, sondern auch hier übernachten möchte, findet viele bezahlbare "
    "Unterkünfte. Es ist auf jeden Fall sinnvoll, die Unterkunft schon vorher zu buchen, denn so kann man in "
    "aller Ruhe die Preise vergleichen.\n")


def test_document_language_is_that_of_the_kept_text():
    # the language filter runs after captions and boilerplate: a page whose head is
    # in another language (warnings, an English template) gets its content's
    # language, and the language-aware quality rules judge the content with it
    # (before, this page was 'en' and dropped for having no English stop words)
    assert len(_PHP_HEAD) > 2000
    r = cleaner.clean(_PHP_HEAD + _GERMAN_ARTICLE)
    assert r.text.startswith("Malaga, die quirlige Metropole")
    assert r.report.language["lang"] == "de"
    assert r.report.to_dict()["verdict"]["keep"] is True
    names = [f.name for f in default_pipeline().filters]
    assert names.index("boilerplate") < names.index("language") < names.index("translation")
