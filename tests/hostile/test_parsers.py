"""Parser safety: no input reaches the network or the disk, or expands entities.

Every HTML input goes through :func:`cleaner.extract.safe_parser` (lxml's HTML
parser with ``no_network``, no DTD loading, ``huge_tree`` off)."""

from __future__ import annotations

import socket
import threading

import pytest

from cleaner.extract import parse_html, safe_parser

GOOD = ("The council met on Tuesday evening and decided that the new bridge over the river will be "
        "built next year, after a long debate about its cost and about the traffic in the town.")


@pytest.fixture
def canary():
    """A local TCP server that records whether anything connected to it."""
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(5)
    srv.settimeout(0.2)
    hits: list[bool] = []
    stop = threading.Event()

    def serve():
        while not stop.is_set():
            try:
                conn, _ = srv.accept()
            except OSError:
                continue
            hits.append(True)
            conn.close()

    t = threading.Thread(target=serve, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{srv.getsockname()[1]}", hits
    stop.set()
    t.join(1)
    srv.close()


def test_parser_options_are_the_safe_ones():
    p = safe_parser()
    # lxml does not expose the flags back; parse something that would need them instead
    assert p is not None
    doc = parse_html("<html><body><p>x</p></body></html>")
    assert doc.xpath("string(//p)") == "x"


@pytest.mark.parametrize("extractor", ["justext", "trafilatura"])
def test_no_network_access_from_dtd_entities_or_xinclude(canary, extractor):
    if extractor == "trafilatura":
        pytest.importorskip("trafilatura")
    url, hits = canary
    pages = [
        f'<!DOCTYPE html SYSTEM "{url}/evil.dtd"><html><body><p>{GOOD}</p></body></html>',
        f'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "{url}/e">]><html><body><p>&e;</p>'
        f"<p>{GOOD}</p></body></html>",
        f'<html xmlns:xi="http://www.w3.org/2001/XInclude"><body><xi:include href="{url}/x"/>'
        f"<p>{GOOD}</p></body></html>",
        f'<html><head><link rel="stylesheet" href="{url}/s.css"></head><body><img src="{url}/i.png">'
        f"<p>{GOOD}</p></body></html>",
    ]
    for page in pages:
        result = _clean_html(page, extractor)
        assert "bridge" in result
    assert hits == []


def _clean_html(page: str, extractor: str) -> str:
    from cleaner import default_pipeline
    from cleaner.extract import extract_document

    return default_pipeline()(extract_document(page, extractor=extractor)).text


def test_no_file_access_through_external_entities(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET-CANARY")
    page = (f'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY s SYSTEM "file://{secret}">]>'
            f"<html><body><p>&s;</p><p>{GOOD}</p></body></html>")
    assert "TOPSECRET" not in _clean_html(page, "justext")
    assert "TOPSECRET" not in "".join(parse_html(page).itertext())


def test_no_entity_expansion():
    defs = '<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
    page = f'<?xml version="1.0"?><!DOCTYPE x [{defs}]><html><body><p>&i;</p><p>{GOOD}</p></body></html>'
    out = _clean_html(page, "justext")
    assert "aaaaaaaaaaaaaaaaaaaa" not in out and len(out) < 10 * len(GOOD)


def test_deep_nesting_does_not_crash_or_recurse():
    page = "<div>" * 100_000 + f"<p>{GOOD}</p>" + "</div>" * 100_000
    out = _clean_html(page, "justext")  # libxml2's depth limit applies (huge_tree off)
    assert isinstance(out, str)
