"""Adversarial document families for the whole pipeline: each builds a document
of a size proportional to ``k`` from one repeated shape (a long run of one
character, thousands of credit lines, one huge line of mojibake, ...).

Used by ``tests/hostile/test_pipeline_growth.py`` (time must grow about linearly
with ``k``) and by ``python -m benchmarks.adversarial`` (the same families at
larger sizes, with a time limit per family). Deterministic: ``random.Random(1)``.
"""

from __future__ import annotations

import random
from typing import Callable

_W = ("the of and to in a is that for it as was with be by on not he this are or his from council "
      "budget").split()


def _prose(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(_W) for _ in range(n))


def _sent(rng: random.Random, n: int = 15) -> str:
    s = _prose(rng, n)
    return s[0].upper() + s[1:] + "."


def _n(k: float, base: int) -> int:
    return max(1, int(k * base))


def _families() -> dict[str, Callable[[random.Random, float], str]]:
    S, P = _sent, _prose
    return {
        "mojibake-one-line": lambda r, k: "CafÃ© dÃ©jÃ  vu â€œquotedâ€\x9d " * _n(k, 500),
        "mojibake-lines": lambda r, k: "\n".join("CafÃ© dÃ©jÃ  vu â€œquotedâ€\x9d " + S(r) for _ in range(_n(k, 200))),
        "entities": lambda r, k: " ".join("&amp; &lt;b&gt; &#8217; &nbsp; word" for _ in range(_n(k, 1000))),
        "share-lines": lambda r, k: "\n".join(f"Share on Facebook {i}\n{S(r)}" for i in range(_n(k, 300))),
        "comment-forms": lambda r, k: "\n".join(f"Leave a Reply\nPlease enter your comment!\n{S(r, 30)}"
                                                for _ in range(_n(k, 200))),
        "credit-suffixes": lambda r, k: "\n".join(S(r, 12)[:-1] + " (AFP)" for _ in range(_n(k, 300))),
        "credit-lines": lambda r, k: "\n".join(f"{S(r, 8)}\nPhoto: Jane Doe/Reuters" for _ in range(_n(k, 300))),
        "gallery": lambda r, k: "\n".join(f"Bild {i} von {_n(k, 300)}\n{S(r, 8)}" for i in range(_n(k, 300))),
        "dup-captions": lambda r, k: "\n".join(f"{s}\n{s[:60]}." for s in (S(r, 40) for _ in range(_n(k, 200)))),
        "long-word": lambda r, k: "x" * _n(k, 100_000),
        "letters-no-space": lambda r, k: "abcdefghij" * _n(k, 10_000),
        "digits": lambda r, k: " ".join(str(i) for i in range(_n(k, 20_000))),
        "punctuation": lambda r, k: "!?.,;:" * _n(k, 10_000),
        "parens": lambda r, k: "(" * _n(k, 20_000) + ")" * _n(k, 20_000),
        "quotes-nested": lambda r, k: "\u201c" * _n(k, 10_000) + " word " + "\u201d" * _n(k, 10_000),
        "many-quotes": lambda r, k: " ".join(f'"{P(r, 5)} {i}"' for i in range(_n(k, 500))),
        "guillemets": lambda r, k: " ".join(f"« {P(r, 4)} »" for _ in range(_n(k, 1000))),
        "capitalised-names": lambda r, k: " ".join(f"and Mr Kowalsk{chr(97 + i % 26)}{chr(97 + (i // 26) % 26)} said"
                                                   for i in range(_n(k, 2000))),
        "spelling-pairs": lambda r, k: " ".join(f"and Colour{i} or Color{i} met" for i in range(_n(k, 1000))),
        "tweet-attributions": lambda r, k: "\n".join(f"{S(r, 10)}\n— Jane Doe (@jane{i}) March 3, 2021"
                                                    for i in range(_n(k, 300))),
        "mixed-languages": lambda r, k: "\n".join(r.choice([
            S(r, 12), "Der Rat hat den Haushalt am Dienstag beschlossen und die Stadt.",
            "Le conseil a approuvé le budget mardi dernier pour la ville."]) for _ in range(_n(k, 300))),
        "cjk-no-punctuation": lambda r, k: "这是一个测试句子我们" * _n(k, 3000),
        "tabs-spaces": lambda r, k: " \t" * _n(k, 50_000) + "word",
        "crlf": lambda r, k: "\r\n".join(S(r) for _ in range(_n(k, 300))),
        "lone-cr": lambda r, k: "\r" * _n(k, 50_000),
        "blank-lines": lambda r, k: "\n" * _n(k, 50_000),
        "same-line": lambda r, k: "\n".join(["Share this article on Facebook"] * _n(k, 2000)),
        "urls": lambda r, k: " ".join(f"https://example.com/{i}/p?x={i}" for i in range(_n(k, 1000))),
        "emails": lambda r, k: " ".join(f"user{i}@example.com" for i in range(_n(k, 1000))),
        "html-tags": lambda r, k: "".join(f"<div class='x'><p>{S(r, 8)}</p></div>" for _ in range(_n(k, 300))),
        "zero-width": lambda r, k: "a\u200b" * _n(k, 20_000),
        "combining-marks": lambda r, k: "e" + "\u0301" * _n(k, 20_000),
        "replacement-chars": lambda r, k: "\ufffd" * _n(k, 20_000),
        "bullets": lambda r, k: "\n".join(f"• {P(r, 3)}" for _ in range(_n(k, 1000))),
        "dash-lines": lambda r, k: "\n".join("-" * 80 for _ in range(_n(k, 500))),
        "numbered-headings": lambda r, k: "\n".join(f"{i}. Name Surname{i}\nName Surname{i}\n{S(r, 30)}"
                                                   for i in range(_n(k, 200))),
        "copyright-lines": lambda r, k: "\n".join(f"© {2000 + i % 20} Company {i}. All rights reserved."
                                                 for i in range(_n(k, 500))),
        "one-huge-paragraph": lambda r, k: " ".join(S(r) for _ in range(_n(k, 300))),
        "caption-openers": lambda r, k: "\n".join(f"Pictured: {S(r, 8)}\nSymbolbild: {S(r, 6)}\nNella foto, {S(r, 6)}"
                                                 for _ in range(_n(k, 200))),
        "openers-in-one-line": lambda r, k: "Im Bild: " * _n(k, 5000) + "Ende",
        "player-chrome": lambda r, k: "\n".join(f"Replay Video\nReading time: {i % 60} minutes\n{S(r, 20)}"
                                               for i in range(_n(k, 300))),
    }


FAMILIES = _families()


def build(name: str, k: float) -> str:
    """The document of family ``name`` at scale ``k`` (1: 10-400 kB)."""
    return FAMILIES[name](random.Random(1), k)
