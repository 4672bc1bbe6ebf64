"""Captions and photo credits: credit lines, captions ending in a credit, and
captions that repeat a sentence of the body.

The rules are about form, not content:

- a line that *is* a credit (``Foto: dpa``, ``© Reuters``, ``Photo by Jane Doe via
  Getty Images``, ``Kyle Ross/USA TODAY Sports``, ``(File photo)``) goes (CAP101);
- a line that *ends* in a credit (``… Bild: Keystone``, ``… (Representative)``,
  ``…(Foto: SLF/Dürr; 14.01.2022).``) is a caption and goes whole when the text
  before the credit is caption-sized (CAP102); a credit name glued right after
  its last sentence end (``… in Berlin.Michael Kappeler``) goes alone, the
  sentence stays (CAP102); a long paragraph that ends in a credit keeps its text
  and loses only the credit (CAP103);
- a picture-gallery counter or viewer control (``Bild 3 von 10``, ``Vollbild``) goes
  (CAP104), and so does a line that is only an embedded media element or an image
  file name (CAP105);
- a short line that opens like a caption (``Pictured: …``, ``Im Bild: …``,
  ``Von links: …``, ``Nella foto, …``) goes (CAP106);
- a caption without a credit goes when its position tells what it is: after a
  gallery counter, between two image credits, as one sentence right before an
  image credit, or as the first title below a "Photo credits" heading (CAP202);
- a short line that repeats most of the words of a longer body sentence (a caption
  copied from the lede) goes (CAP201), and so does a short line that repeats the
  numbered heading right above it (``3. Jim Parsons``, then ``Jim Parsons``: the
  caption or alt text of a list entry's picture, CAP203).

Credit labels, markers, agency names and gallery words are data
(``cleaner/data/captions/``), in English, German, French, Spanish, Italian,
Portuguese, Dutch, Polish, Russian, Swedish, Danish, Norwegian, Finnish, Czech,
Slovak, Hungarian, Romanian, Turkish, Greek, Ukrainian, Bulgarian, Japanese,
Chinese, Korean, Arabic, Indonesian and Vietnamese.

>>> from cleaner import Pipeline
>>> text = ("Storm closes schools\\nFoto: dpa\\n"
...         "The storm that reached the coast on Monday closed schools in three counties.\\n")
>>> [c.code for c in Pipeline([Captions()])(text).report.changes]
['CAP101']
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections import Counter
from functools import lru_cache
from itertools import accumulate, chain, compress
from typing import Iterator

from cleaner import resources
from cleaner.filters.base import Filter, register
from cleaner.findings import Annotation, Finding, Remove
from cleaner.rules import Rule
from cleaner.text import WORD_RE, Span, iter_sentences, line_removal, lines, normalize

_KNOWN = ("a short sentence that really ends in a credit-like phrase (`… said the photographer: "
          "Smith`) can be taken for a caption; labels need a colon or a preposition and a "
          "capitalised name after them, so prose that merely mentions photos stays.")
_RULES = (
    Rule("CAP101", "credit-line", "A line that is only an image credit was removed.", "removed",
         fixable=True,
         doc="What: a whole line that is a photo credit: a credit label and a name (`Photo: "
             "Reuters`, `Foto: dpa`, `Bild: Keystone`, `Crédit photo : AFP`), a copyright line "
             "(`© Jane Doe`), a label and a lower-case word that names the kind of source (`Foto: privat`, `Bild: "
             "zVg`, `Crédit : DR`, `Photo: handout`; `credit_word` in `cleaner/data/captions/words.txt`), "
             "`Photo by NAME via Getty Images`, `Photo courtesy of the City of Austin`, a label, a comma and a name "
             "as the BBC writes them (`Image source, Getty Images`, `Fuente de la imagen, EFE`; `comma` lines of "
             "`cleaner/data/captions/markers.txt`), an agency's photo service alone (`AP Photo`, `PTI Photo`), "
             "`NAME/AGENCY`, `LIBRARY/@handle` "
             "(`Twenty20/@janedoe`), a Creative Commons licence (`CC BY-SA 4.0`, `cc jdoe "
             "https://flic.kr/p/…`), the author line (two to five capitalised words) right above a "
             "licence line, a marker alone (`(File photo)`, `Symbolbild`, `Imagen de archivo`), or a "
             "picture library's name alone (`Getty Images`, `Shutterstock`; data: `library` lines of "
             "`cleaner/data/captions/markers.txt`; news agencies alone stay: `Reuters` is also a "
             "source line)."
             "\n\nWhy: credits are page "
             f"furniture, not text.\n\nKnown problems: {_KNOWN}\n\nExample: `Foto: dpa`.\n\n"
             "Fix safety: safe."),
    Rule("CAP102", "caption-with-credit", "An image caption ending in a credit was removed.",
         "removed", fixable=True,
         doc="What: a line of caption size (at most `caption_max_words` words before the credit) "
             "that ends in a credit or a representative-image marker, or that opens with a marker naming a picture "
             "and a colon (`Symbolbild: Ein Polizeiwagen mit Blaulicht.`, `FILE PHOTO: A man walks …`, `Imagen "
             "de archivo: …`; markers that name no picture, such as `Archiv:`, do not count); also when the "
             "scrape glued the "
             "credit to the caption without a space (`… del Instituto de IngenieríaCedida`, `… Düngung "
             "verbotenThomas Tretzka`: a capitalised marker after a lower-case letter, or a two- or "
             "three-word name after a lower-case word; camel-case names such as `PlayStation Plus` or "
             "`iPhone Pro` do not count, and a glued credit is never trimmed from a long paragraph). "
             "A credit name glued right after the last sentence end of a caption-sized line (`… am "
             "Montag in Berlin.Michael Kappeler`, `… nicht erlaubt!Jelko Djuren`: two to four "
             "capitalised words, or a known agency alone, optionally with `/AGENCY`) goes alone and "
             "the sentence stays; not after an abbreviation, initials or a URL (`Mr.Smith`, "
             "`J.R.R.Tolkien`, `U.S.Army`, `www.example.com.Jane Doe`), nor with a function or "
             "chrome word (`…gesagt.Vielen Dank`, `…statt.Weitere Informationen`, `…Mr.Smith said`)."
             "\n\nWhy: the caption "
             "describes a picture that is not there and often repeats the body.\n\nKnown "
             f"problems: {_KNOWN} A short capitalised phrase glued after the last sentence of a short "
             "line (`… in Rom.Calcio Serie`) is taken for a name and goes (the sentence stays)."
             "\n\nExample: `Three Iraqi children and two women from the same "
             "family were killed on Monday. (Representative)`.\n\nFix safety: safe for corpus "
             "building."),
    Rule("CAP103", "credit-suffix", "A credit at the end of a paragraph was trimmed; the text stays.",
         "removed", fixable=True,
         doc="What: a long paragraph (more than `caption_max_words` words) that ends in a credit "
             "keeps its text and loses the credit.\n\nKnown problems: none known.\n\nExample: "
             "`… on Tuesday. Foto: dpa` -> `… on Tuesday.`\n\nFix safety: safe."),
    Rule("CAP104", "gallery-line", "A picture-gallery counter or image-viewer control line was removed.",
         "removed", fixable=True,
         doc="What: a whole line that is a gallery counter (`Bild 3 von 10`, `Photo 2 of 12`, `1 / 12`, "
             "`Foto 1 di 5`), a gallery count (`Fotostrecke mit 4 Bildern`, `12 photos`) or an image-viewer "
             "control (`Vollbild`, `View image`, `Bild vergrößern`, `Agrandir`). Words are data "
             "(`cleaner/data/captions/gallery.txt`, 27 languages).\n\nWhy: widget text of a picture "
             "gallery, not text; the line after a counter is the slide's caption (CAP202).\n\nKnown "
             "problems: a bare `N / M` needs spaces around the slash (`8/10` is a score and stays); a "
             "heading that is only a gallery word (`Galerie`) goes.\n\nExample: `Bild 3 von 10`.\n\n"
             "Fix safety: safe."),
    Rule("CAP202", "caption-by-position", "A caption without a credit, told by its position next to an "
         "image credit or a gallery counter, was removed.", "removed", fixable=True,
         doc="What: a short line that stands where captions stand: right after a gallery counter "
             "(`Bild 3 von 10`, then the slide's text) or between an image-viewer control and an "
             "image credit (`Vergrößern`, the caption, `Quelle: …`: one picture box); between two "
             "image credit lines, or after the last credit of a credit/caption alternation "
             "(`APA/Helmut Fohringer`, `Lotte Tobisch besuchte den Opernball.`, `APA/Jäger R.`, …), "
             "and the first title of a credits list, right below its heading (`Photo credits`, "
             "`Bildnachweis:`, `Crédits photos`, `Fotos:`; `heading` lines of "
             "`cleaner/data/captions/markers.txt`) and above a credit, licence or author line; "
             "or one sentence ending in a full stop right before an image credit line (`Predio "
             "fumigado lindero a escuela.` above `Foto: Ricardo Correa`). The line must be "
             "caption-shaped: 2 to `position_max_words` (25) words, one sentence (except after a "
             "gallery counter), not a question or a lead-in ending in `?` or `:`, not a list item, "
             "no date or clock time (datelines stay). A sentence before a credit or between two "
             "stays when it opens the text (nothing above it, or a headline, byline or date: a "
             "lede under the top picture), when it opens with a quotation mark (`“…,” she said.`), "
             "or when the text around it is written in short paragraphs (at least "
             "`style_short_share` (0.4) of the prose lines within `style_window` (8) lines have at "
             "most `position_max_words` words, lines right above a credit left out); it still goes "
             "in a gallery run (credit, caption, credit, caption…) and when the heading right below "
             "its credit repeats 60 % of its content words (a picture above the headline). A title "
             "(no full stop) between two credits always goes. A site's copyright notice (`© 2023 … "
             "All rights reserved`) and a bare marker word (`Archiv`, a menu entry) are no "
             "anchors.\n\nWhy: a caption describes a picture that is not there; its credit or the "
             "gallery counter next to it shows what it is.\n\nKnown problems: in a text of long "
             "paragraphs, a one-sentence paragraph that ends in a full stop and is followed by the "
             "credit of a picture without a caption is still taken for that picture's caption; "
             "captions of articles written in short paragraphs are kept (the price of not losing "
             "their prose). `positions=False` switches the rule off.\n\nExample: `Das "
             "Projektgebiet an der Aller wird renaturiert.` before `© E. Schwinge`, in a text of "
             "long paragraphs.\n\nFix safety: review for pages of long paragraphs with uncaptioned "
             "pictures."),
    Rule("CAP105", "media-placeholder", "A line that is only an embedded media element or an image "
         "file name was removed.", "removed", fixable=True,
         doc="What: a whole line that is an HTML media element left in the text (`<iframe src=… "
             "></iframe>`, `<img src=…>`, `<video …>`), or only an image file name or image URL "
             "(`IMG_2041.JPG`, `i.redd.it/whs5mnaxwft31.jpg`, `https://example.org/a/b.png?w=640`): "
             "what a scraper keeps of a picture or a video.\n\nWhy: not text.\n\nKnown problems: "
             "none known; a line with any other text stays.\n\nExample: `<iframe width=\"476\" "
             "src=\"https://example.org/video/embed/?pid=1\"></iframe>`.\n\nFix safety: safe."),
    Rule("CAP106", "caption-opener", "A short line that opens like a picture caption (`Pictured: …`, "
         "`Im Bild: …`) was removed.", "removed", fixable=True,
         doc="What: a line that starts with a phrase that opens picture captions and a colon (`Pictured: The "
             "mayor with …`, `Im Bild: …`, `Auf dem Foto: …`, `Von links: Hans Müller, …`, `From left: …`, "
             "`Op de foto: …`), at most `caption_max_words` (45) words after it; or with a comma, for the phrases "
             "written so in the data (`Nella foto, il sindaco …`, `Sur la photo, …`, `En la imagen, …`, `In the "
             "photo, …`, the BBC's `Image caption, …`), or with a space, for those written with a trailing `…` "
             "(`File photo of …`, `Representative image of …`), at most `position_max_words` (25) words after "
             "it. Phrases are data "
             "(`cleaner/data/captions/openers.txt`, 17 languages); directions alone (`Top:`, `Left:`) are not "
             "there, as they also open list items and specifications.\n\nWhy: the line describes a picture "
             "that is not there.\n\nKnown problems: a short paragraph of an article about a photograph that "
             "opens with `In the photo,` goes too.\n\nExample: `Pictured: The mayor with local children at "
             "the opening of the library`.\n\nFix safety: safe for corpus building."),
    Rule("CAP201", "duplicate-caption", "A short line repeating a body sentence (a caption copy) "
         "was removed.", "removed", fixable=True,
         doc="What: a short line (at most `duplicate_max_words` words) whose content words (4 "
             "characters or more) are, for the most part (`duplicate_overlap`), words of a longer prose "
             "line elsewhere in the document, at most `duplicate_window` (6) lines away: a caption "
             "that copies the lede, or a pull quote. Not on already-clean text (no debris line and half "
             "the lines ending like sentences, or at most 3 debris lines and 80 % of the others: extracted news, where a headline repeats its lede; "
             "`clean_text_share`).\n\nWhy: it repeats the text and breaks the "
             "article's flow.\n\nKnown problems: a short standfirst that restates the first "
             "paragraph is removed too; headings are not (they are not sentences), nor questions (an "
             "interview question shares its words with the answer).\n\n"
             "Example: `Three Iraqi children were killed on Monday.` before `Three Iraqi "
             "children were killed on Monday when a missile struck their home, the army said.`"
             "\n\nFix safety: safe for corpus building."),
    Rule("CAP203", "heading-copy", "A short line repeating the numbered heading right above it (the "
         "caption of a list entry's picture) was removed.", "removed", fixable=True,
         doc="What: a line of at most `heading_copy_max_words` (10) words whose text is, but for case "
             "and spacing, that of the numbered heading right above it (`3. Jim Parsons`, then `Jim "
             "Parsons`; also `#3`, `3)`, `3:`, `Nr. 3`): what a scrape keeps of the picture under a list "
             "entry's heading (its caption or alt text). Lines removed as captions or credits in between "
             "do not count, nor page chrome (share buttons, menus: what the boilerplate filter removes)."
             "\n\nWhy: it repeats the heading word for word; nothing is lost.\n\nKnown problems: "
             "none known; an unnumbered line repeated right below itself stays (table cells, menus, "
             "refrains).\n\nExample: `1. Neil Patrick Harris` / `Neil Patrick Harris` / `Neil Patrick "
             "Harris ist bekannt für …`: the second line goes.\n\nFix safety: safe."),
)

_SENT_END = ".!?…\"”’»)"
_SENT_ENDS = tuple(_SENT_END)
_SENT_END_SET = frozenset(_SENT_END)
# a numbered heading: "3. Jim Parsons", "#3 Jim Parsons", "3) …", "3: …", "Nr. 3 – …"
# (one bounded number, then punctuation or a space; the heading text in group 1)
_NUMBERED_HEADING_RE = re.compile(r"\s{0,8}(?:#\s?|(?i:nr|no)\.?\s?)?\d{1,3}(?:[.):]|\s?[-–—])?\s{1,4}(\S.{0,150})")
_CONTENT_MIN = 4  # a word of 4+ characters counts as a content word (CAP201)
# lines of at most this many (normalised) words do not count in CAP201's window: the
# boilerplate filter's short lines (its ``short_words``, 4) may go between two runs
_NEIGHBOUR_MAX_WORDS = 4


# a Creative Commons licence: "CC BY-SA 4.0", "CC-BY-SA", "(CC BY 2.0)", "[CC0]", "CC BY-SA 3.0 PL"
_LICENSE = (r"[(\[]?(?:(?i:creative commons)\s)?(?:CC|cc)(?:[ -]?0|(?:[ -](?:BY|by|SA|sa|ND|nd|NC|nc)){1,4})"
            r"(?:[ -]\d\.\d)?(?:\s[A-Za-z]{2})?[)\]]?")
_LICENSE_RE = re.compile(_LICENSE)
# the author line above a licence line: "Benh LIEU SONG", "Adrian Grycuk", "Wikimedia Foundation"
_AUTHOR_WORD = r"(?:[A-ZÀ-Þ][\w.'’-]{0,24}|[a-z]{1,3})"
_AUTHOR_RE = re.compile(rf"{_AUTHOR_WORD}(?:\s{_AUTHOR_WORD}){{1,4}}")


def _uncased(ch: str) -> bool:
    """A letter of a script without capitals (Han, kana, Hangul, Arabic, Hebrew…):
    such a name cannot start with a capital."""
    return ch.isalpha() and not ch.isupper() and not ch.islower()


# Han ideographs and kana: scripts written without spaces between words
_UNSPACED_RE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def _word_count(text: str) -> int:
    """Words of ``text``; in Chinese and Japanese, which have no spaces, two
    characters count as one word (a run of them is one \\w+ token)."""
    n = len(WORD_RE.findall(text))
    if text.isascii():
        return n
    k = len(_UNSPACED_RE.findall(text))
    return n + k // 2 if k else n


def _trie(words) -> str:
    """A pattern for exactly ``words``, their common prefixes factored out
    (``photo``, ``photo credit``, ``photos`` -> ``photo(?: credit|s)?``): the same
    strings as ``a|b|…``, but tried in one pass instead of one word after another.
    The order of the words is lost, so only for tests of whether one occurs."""
    tree: dict[str, dict] = {}
    for w in words:
        node = tree
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here

    def emit(node: dict[str, dict]) -> str:
        alts = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        if "" in node:
            return "(?:" + "|".join(alts) + ")?"
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return emit(tree)


@lru_cache(maxsize=1)
def _data() -> dict[str, object]:
    labels, bys, marks, notices, libraries, headings, commas = set(), set(), set(), set(), set(), set(), set()
    for raw in resources.lines("captions/markers.txt"):
        kind, _, phrase = raw.partition(" ")
        phrase = phrase.strip().lower()
        {"label": labels, "by": bys, "mark": marks, "notice": notices, "library": libraries,
         "heading": headings, "comma": commas}[kind].add(phrase)
    agencies = sorted({a.lower() for a in resources.lines("captions/agencies.txt")}, key=lambda a: (-len(a), a))

    def alt(items) -> str:
        return "|".join(re.escape(x) for x in sorted(items, key=lambda x: (-len(x), x)))

    lab, by, mark, ag = alt(labels), alt(bys), alt(marks), alt(agencies)
    # labels of scripts without case ("사진", "写真") are also followed by "=" / "＝"
    # ("사진=연합뉴스", "写真＝共同"); Latin ones are not ("image=Foo.jpg" is markup)
    lab_eq = alt(x for x in labels if _uncased(x[0])) or r"(?!)"
    name = r"(?P<name>[^\n]{1,100})"
    # where a credit can start: the line's start, after a space or punctuation
    # (also the ideographic full stop and fullwidth bracket), or at a fullwidth
    # opening bracket, which needs no space before it ("会見する首相（写真：共同）")
    pre = r"(?:^|(?<=[\s.!?…»\"”)\]。）】])|(?=[（【]))"
    opening, closing = r"[(\[（【]", r"[)\]）】]"
    # Suffix credits, tried on the tail of a line. Each pattern is anchored at the
    # end; repetitions are bounded, so the cost per line is constant. A pattern
    # with a ``name`` group is accepted only if the name looks like one.
    suffix = [
        # "(Foto: SLF/Dürr; 14.01.2022)." / "Bild: Keystone" / "- Bild: PIRO4D / Pixabay"
        re.compile(rf"{pre}{opening}?(?:(?i:{lab})\s{{0,2}}[:：|]|(?:{lab_eq})\s{{0,2}}[=＝])\s{{0,3}}{name}$"),
        # "Photo by Jane Doe via Getty Images" / "Foto von Max"
        re.compile(rf"{pre}{opening}?(?i:{by})\s{{1,3}}{name}$"),
        # "© Hoklatherm" / ".© Rike/pixelio.de" / "(c) Jane Doe" (an "(C)" glued to a word is a
        # marker such as a team captain's, "Bryan Ruiz(C)(9)", not a copyright sign)
        re.compile(r"[(\[]?(?:©|(?<![^\W\d_])\([cC]\)|(?i:copyright)\s©?)\s{0,3}(?P<name>[^\n©]{1,80})$"),
        # "(AP Photo/John Doe)": an agency inside brackets with a slash or a photo word
        re.compile(rf"(?:^|(?<=[\s.!?…»\"”]))[(\[][^()\[\]\n]{{0,60}}\b(?i:{ag})\b\s{{0,2}}(?i:photo|foto|images?|/)[^()\[\]\n]{{0,60}}[)\]]$"),
        # "picture alliance | Andrew Milligan" / "Getty Images / Jane Doe"
        re.compile(rf"(?:^|(?<=[\s.!?…»\"”)\]]))(?i:{ag})\s{{0,2}}[|/]\s{{0,2}}{name}$"),
        # "(Representative)" / "Representative image" / "File photo" / glued "…Saber.Cedida"
        re.compile(rf"{pre}{opening}?(?i:{mark}){closing}?$"),
        # "Kyle Ross/USA TODAY Sports", "APA/Georg Hochmuth": NAME/NAME, checked in _plausible_pair
        # ("Twenty20/@AllaGreeg": a picture library and the photographer's handle)
        # (an agency on the right in any case: "Michael Kappeler/dpa", as dpa writes itself)
        re.compile(r"(?:^|(?<=[.!?…»\"”]\s)|(?<=[.!?…»\"”]))(?P<pair>(?:[A-ZÀ-Þ][\w.'’-]{0,20}\s){0,3}"
                   rf"[A-ZÀ-Þ][\w.'’-]{{0,20}}\s?/\s?(?:(?:[A-ZÀ-Þ0-9@][\w.'’&-]{{0,20}}\s?){{1,4}}|(?i:{ag})\b))$"),
        # a Creative Commons licence, alone or after a separator: "CC BY-SA 4.0",
        # "…, CC-BY-SA", "(CC BY 2.0)", "[CC0]" (not "released under CC BY": a clause)
        re.compile(rf"(?:^|(?<=[,;|–—]\s)|(?<=[\s.])(?=[(\[])){_LICENSE}$"),
        # "cc zuk0 https://flic.kr/p/s9X187": a licence mark, the author's handle and the link
        re.compile(r"^(?:CC|cc)(?:\s(?:BY|by))?\s{1,2}[\w.@-]{1,40}\s{1,2}https?://\S{1,100}$"),
        # a label or marker and an agency without a colon: "Photo AFP", "Foto dpa", "Foto ANSA",
        # "Photo d'illustration AFP", "(Photo Reuters/Jane Doe)"; the label capitalised or in
        # brackets ("she posted the photo AP" is prose)
        re.compile(rf"(?:^|(?<=[\s.!?…»\"”)\]]))(?:[(\[]|(?=[A-ZÀ-Þ]))(?i:{lab}|{mark})\s{{1,2}}(?i:{ag})"
                   r"(?:\s{0,2}[/|]\s{0,2}(?P<name>[^\n]{1,60}))?[)\]]?\.?$"),
        # Chinese credits that end in 摄 ("photographed by"): "（新华社记者 李明 摄）" in brackets,
        # or after a reporter word and a space: "新华社记者 李明 摄" ("记者在现场拍摄", "the reporter
        # filmed on site", and "…在北京拍摄" stay)
        re.compile(r"[（(][^（）()\n]{1,40}[摄攝][）)]$"),
        re.compile(r"(?:^|(?<=[。！？\s]))[^\n。！？]{0,20}(?:记者|記者|通讯员|通訊員)[^\n。！？]{1,20}[ \u3000][摄攝]$"),
    ]
    # Credits glued to the caption without a space (two blocks of the page joined by
    # the scrape): "…IngenieríaCedida", "…Düngung verbotenThomas Tretzka". Only for
    # caption-sized lines (CAP102), never trimmed from a paragraph; checked in _credit.
    glued = [
        # a marker, capitalised, right after a lower-case letter
        re.compile(rf"(?<=[a-zß-ÿ]{{3}})(?P<gmark>(?i:{mark}))[)\]]?\.?$"),
        # a two- or three-word name right after the lower-case end of a word
        re.compile(r"(?<!\w)(?P<gword>\w[a-zß-ÿ]{2,29})(?P<name>[A-ZÀ-Þ][a-zß-ÿ]{2,20}"
                   r"(?:\s[A-ZÀ-Þ][a-zß-ÿ'’-]{1,20}){1,2})$"),
    ]
    # a suffix pattern's match ends at the end of the line and is at most this long,
    # so the search can start that far from the end instead of at the tail's start
    widths = [_max_width(rx) for rx in suffix]
    # what a match of each pattern needs in the searched stretch, as plain tests
    # (one of these characters; the line ending in one of these): lines without
    # it are not searched. None: no such test.
    needs = [(frozenset(":：|=＝"), None), (None, None), (None, None), (None, (")", "]")), (frozenset("|/"), None),
             (None, None), (frozenset("/"), None), (None, None), (None, None), (None, None),
             (frozenset("摄攝"), (")", "）")), (frozenset("摄攝"), ("摄", "攝"))]
    assert len(needs) == len(suffix)
    # and as a pattern of literals over the lower-cased stretch (the words the
    # pattern matches case-insensitively, with what must follow them): much
    # cheaper than the pattern, and exact where the tail has no _FOLD_TRAPS
    # (tries: see _trie). Pattern 5 and pattern 9 without a name end in their
    # words: tested with endswith, below.
    t_lab, t_by, t_ag = _trie(labels), _trie(bys), _trie(agencies)
    lowered = [re.compile(rx) for rx in (
        rf"{t_lab}\s{{0,2}}[:：|=＝]", rf"{t_by}\s", r"©|\(c\)|copyright\s", rf"{t_ag}\s{{0,2}}(?:photo|foto|image|/)",
        rf"{t_ag}\s{{0,2}}[|/]", "", "/", "cc", r"\Acc", rf"(?:{_trie(labels | marks)})\s{{1,2}}{t_ag}\s{{0,2}}[/|]",
        "[摄攝]", "[摄攝]")]
    assert len(lowered) == len(suffix)
    # a caption that opens with its marker: "Symbolbild: Ein Polizeiwagen …", "FILE PHOTO: A man …";
    # markers that name a picture only (a gallery noun in them: "Archiv:" is a menu's label)
    nouns = _gallery_data()["nouns"]
    picture_marks = alt(m for m in marks if any(n in normalize(m) for n in nouns))  # type: ignore[union-attr]
    prefix = re.compile(rf"\s{{0,4}}[(\[]?(?i:{picture_marks})[)\]]?\s{{0,2}}[:：]\s{{0,3}}(?=\S)")
    comma = re.compile(rf"\s{{0,4}}(?i:{alt(commas) or '(?!)'})\s?[,،]\s{{1,3}}(?P<name>[^\n]{{1,80}})$")
    return {"labels": labels, "bys": bys, "marks": marks, "agencies": set(agencies), "suffix": suffix,
            "prefix": prefix, "comma": comma,
            "glued": glued, "suffix_widths": widths, "suffix_needs": needs, "suffix_lowered": lowered,
            "mark_ends": tuple(m + c for m in sorted(marks) for c in ("", ")", "]", "）", "】")), "mark_suffixes": tuple(sorted(marks)),
            # an agency as the last word: "… Foto dpa" (not "cheap", which ends in "ap")
            "agency_end": re.compile(rf"(?<!\w)(?:{ag})$"), "agency_suffixes": tuple(agencies),
            "notices": frozenset(notices), "libraries": frozenset(libraries),
            # a credits list's heading, lower-cased ("bildnachweis", "fotos:"): matched with or
            # without a colon, or (written with its colon) only with one
            "headings": frozenset(h for h in headings if not h.endswith(":")),
            "colon_headings": frozenset(h.rstrip(": ") for h in headings if h.endswith(":")),
            # cheap tests before the lookup (most short lines are no heading)
            "heading_max": max(map(len, headings), default=0) + 4,
            "heading_first": frozenset(c for h in headings for c in (h[0], h[0].upper())),
            # a "by" phrase anywhere in the lower-cased tail: one pattern of literals
            # instead of a substring test per phrase
            "by_re": re.compile(t_by)}


@lru_cache(maxsize=1)
def _gallery_data() -> dict[str, object]:
    kinds: dict[str, set[str]] = {k: set() for k in ("noun", "of", "plural", "with", "gallery", "control")}
    for raw in resources.lines("captions/gallery.txt"):
        kind, _, phrase = raw.partition(" ")
        # the form of the lines it is compared with (normalize: NFKC, case-folded,
        # "vergrößern" -> "vergrössern", final "ς" -> "σ")
        kinds[kind].add(normalize(phrase))

    def alt(items) -> str:
        return "|".join(re.escape(x) for x in sorted(items, key=lambda x: (-len(x), x)))

    noun, of, plural, with_, gallery = (alt(kinds[k]) for k in ("noun", "of", "plural", "with", "gallery"))
    return {
        # "bild 3 von 10", "photo 2 of 12", "3 / 10" (a bare slash needs spaces: "8/10" is a score)
        "counter": re.compile(rf"(?P<noun>(?:{noun})\s{{1,2}})?(?P<n>\d{{1,3}})(?:\s{{1,2}}(?:{of})\s{{1,2}}"
                              rf"|\s{{0,2}}/\s{{0,2}})(?P<m>\d{{1,3}})"),
        # "fotostrecke mit 4 bildern", "bildergalerie (12 bilder", "12 photos"
        "count": re.compile(rf"(?:(?:{gallery})(?:\s{{1,2}}(?:{with_})\s{{1,2}}|\s?[:(]\s?|\s{{1,2}}))?\d{{1,3}}"
                            rf"\s{{1,2}}(?:{plural})"),
        "words": frozenset(kinds["gallery"] | kinds["control"]),
        "nouns": frozenset(kinds["noun"]),
    }


_PAGER_ARROWS = frozenset("«»‹›<>←→")
_DIGIT_RE = re.compile(r"\d")


def gallery_line(line: str) -> str | None:
    """``"counter"`` for a picture-gallery counter or count, ``"control"`` for an
    image-viewer control or a gallery word, as a whole line; else None.

    >>> [gallery_line(x) for x in ("Bild 3 von 10", "1 / 12", "Fotostrecke mit 4 Bildern", "Vollbild")]
    ['counter', 'counter', 'counter', 'control']
    >>> [gallery_line(x) for x in ("8/10", "3 von 10 Deutschen sind dafür", "Bild der Woche")]
    [None, None, None]
    """
    if len(line) > 60:
        return None
    low = normalize(line)
    if not low:
        return None
    data = _gallery_data()
    if low in data["words"]:  # type: ignore[operator]
        return "control"
    if _DIGIT_RE.search(low) is None:
        return None  # a counter and a count have a number (most short lines have none)
    m = data["counter"].fullmatch(low)  # type: ignore[union-attr]
    if m is not None:
        if m["noun"] is None and "/" in low and " / " not in low:
            return None  # "8/10": a score, not a counter
        if not (1 <= int(m["n"]) <= int(m["m"]) and int(m["m"]) >= 2):
            return None
        # "« 2 von 8 »": the pager of a list of teasers, not a slide's counter
        return "control" if _PAGER_ARROWS.intersection(line) else "counter"
    return "counter" if data["count"].fullmatch(low) is not None else None  # type: ignore[union-attr]


def _max_width(rx: re.Pattern[str]) -> int | None:
    """The longest match of ``rx`` (None if unbounded or not known)."""
    try:
        from re import _parser  # type: ignore[attr-defined]

        width = _parser.parse(rx.pattern, rx.flags).getwidth()[1]
    except Exception:  # noqa: BLE001 - another Python: no bound, the plain search
        return None
    return width if width < _parser.MAXREPEAT else None


_TAIL = 220  # credits sit at the end of a line: only the tail is searched
_CREDIT_MAX_WORDS = 14


_TRIGGER_CHARS = frozenset(":：©/|(（【=＝摄攝")
_AGENCY_MAX = 40  # longer than any name in agencies.txt (a test checks)
_LICENSE_HINT = re.compile(r"\b(?:CC|cc)(?:[ -]|0)")


def _fold_turkish_i(low: str) -> str:
    """``low`` with the dotless "ı" as "i" and the dot that lower() adds to "İ"
    dropped: the data writes Turkish words with "i" ("arşiv fotoğrafi", "IHA"),
    which re's case-insensitive matching takes for "ı", "I" and "İ" alike."""
    return low.replace("ı", "i").replace("\u0307", "") if "ı" in low or "\u0307" in low else low


def _might_have_credit(text: str, pos: int) -> bool:
    """Cheap pre-check: every credit pattern needs one of ``: © / | (`` in the
    tail, a "by" phrase, or a marker word or an agency at the very end."""
    tail = text[pos:]
    if not _TRIGGER_CHARS.isdisjoint(tail):
        return True
    # the regexes run only where their literals are (substring tests are much cheaper)
    if ("CC" in tail or "cc" in tail) and _LICENSE_HINT.search(tail):
        return True
    low = _fold_turkish_i(tail.lower())
    data = _data()
    if data["by_re"].search(low):  # type: ignore[union-attr]
        return True
    end = low.rstrip(" .)]")
    return (end.endswith(data["mark_suffixes"])  # type: ignore[arg-type]
            or end.endswith(data["agency_suffixes"])  # type: ignore[arg-type]
            and data["agency_end"].search(end, max(0, len(end) - _AGENCY_MAX)) is not None)  # type: ignore[union-attr]


def find_credit(line: str) -> int | None:
    """Start offset of a credit at the end of ``line``, or None.

    >>> line = "Motivierte Akteure beim Netzwerktreffen. Foto: Energiewende Oberland"
    >>> line[find_credit(line):]
    'Foto: Energiewende Oberland'
    >>> find_credit("The photo shows the river in spring.") is None
    True
    """
    found = _credit(line)
    return None if found is None else found[0]


_GLUE_RE = re.compile(r"[a-zß-ÿ][A-ZÀ-Þ]")


# A credit name glued right after the caption's last sentence end, with no space
# ("… am Montag in Berlin.Michael Kappeler", "… at the summit.John Smith/AFP",
# "… nicht erlaubt!Jelko Djuren"): the word before the stop is a whole word (no
# "." "/" ":" "@" before it: not "U.S.Army", "J.R.R.Tolkien", "www.example.com.Jane",
# a URL), then one to four words and an optional "/AGENCY" to the end of the line;
# checked in _sentence_glued_credit. Bounded repetitions, anchored at the end.
_SENT_GLUED_RE = re.compile(
    r"(?<![\w./:@#=&%])(?P<word>\w{1,30})[)\]\"”’»]?[.!?]"
    r"(?P<name>[^\W\d_][\w'’-]{1,20}(?: [^\W\d_][\w'’-]{1,20}){0,3})"
    r"(?:\s?/\s?(?P<agency>[^\W_][\w.&'’-]{0,20}(?: [\w.&'’-]{1,20}){0,2}))?$")
_SENT_GLUED_TAIL = 120
_SENT_GLUED_HINT = re.compile(r"\w[)\]\"”’»]?[.!?][^\W\d_]")


def _name_word(w: str) -> bool:
    """A capitalised word of a name: a capital, then lower-case letters (a capital
    again only after a hyphen or apostrophe, or in "Mc"/"Mac": "Jean-Pierre",
    "O'Neill", "McKellen"); not a camel-case brand ("PlayStation")."""
    if not w[0].isupper() or not any(c.islower() for c in w[1:]):
        return False
    body = w[2:] if w.startswith("Mc") else w[3:] if w.startswith("Mac") else w[1:]
    prev = ""
    for c in body:
        if c.isupper() and prev not in "-'’":
            return False
        prev = c
    return True


def _sentence_glued_credit(text: str) -> int | None:
    """Start of a credit name glued right after the last sentence end of ``text``
    (``_SENT_GLUED_RE``), or None. The name is two to four capitalised words
    ("Michael Kappeler"), or a known agency alone ("…summit.Reuters"), optionally
    with "/AGENCY" (a known agency or picture library, or a short all-caps word);
    no function word, chrome word or phrase-book phrase ("…gesagt.Vielen Dank",
    "…Mr.Smith said"); the word before the stop ends in a lower-case letter or is
    a number, and is no abbreviation ("Dr.Michael Kappeler")."""
    if not text or not text[-1].isalnum():
        return None  # a credit ends in a letter or digit; prose ends in punctuation
    pos = max(0, len(text) - _SENT_GLUED_TAIL)
    if text.find(".", pos) < 0 and text.find("!", pos) < 0 and text.find("?", pos) < 0:
        return None  # no sentence end in the tail (most headings and menu lines)
    if _SENT_GLUED_HINT.search(text, pos) is None:
        return None
    m = _SENT_GLUED_RE.search(text, pos)
    if m is None:
        return None
    word = m["word"]
    if not (word[-1].islower() or word.isdigit()) or word.lower() in _words()["abbreviation"]:
        return None
    data = _data()
    names = m["name"].split()
    low = [w.lower() for w in names]
    agencies = data["agencies"]  # type: ignore[index]
    if len(names) == 1:
        if low[0] not in agencies:  # type: ignore[operator]
            return None  # "…aus.OK", "…Mr.Smith": one word is a credit only as an agency
    elif not all(_name_word(w) for w in names):
        return None
    stop = _glued_name_stop()
    if any(w in stop for w in low):
        return None
    if m["agency"] is not None:
        ag = m["agency"].strip()
        known = ag.lower() in agencies or ag.lower() in data["libraries"]  # type: ignore[operator]
        if not known and not (ag.isupper() and ag.isalpha() and 2 <= len(ag) <= 6):
            return None
    from cleaner.filters.boilerplate import phrase_book

    if phrase_book().match(normalize(m["name"]), m["name"]) is not None:
        return None  # "…Ende.Read More": page chrome, not a name
    return m.start("name")


def _recurring_widget(line: str, where: dict[str, list[int]]) -> bool:
    """A line that the boilerplate filter will likely remove as a recurring widget
    label (BP903): widget-shaped and standing alone three or more times."""
    from cleaner.filters.boilerplate import Boilerplate, widget_shaped

    n = normalize(line)
    return len(where.get(n, ())) >= Boilerplate.repeat_min and widget_shaped(line, n, Boilerplate.repeat_max_words)


def credits_heading(line: str) -> bool:
    """A line that is the heading of a list of picture titles and credits (``heading``
    lines of ``captions/markers.txt``); a heading written there with its colon counts
    only with one ("Fotos" alone is a menu entry).

    >>> [credits_heading(x) for x in ("Photo credits", "Bildnachweis:", "Crédits photos", "Fotos:", "Fotos")]
    [True, True, True, True, False]
    """
    data = _data()
    text = line.strip()
    if len(text) > data["heading_max"] or not text or text[0] not in data["heading_first"]:  # type: ignore[operator]
        return False
    low = " ".join(unicodedata.normalize("NFKC", text).split()).lower()
    bare = low.rstrip(":： ")
    return bool(bare) and (bare in data["headings"]  # type: ignore[operator]
                           or bare != low and bare in data["colon_headings"])  # type: ignore[operator]


def _comma_credit(line: str) -> str | None:
    """The credit of a line that is a credit label, a comma and a name (the BBC's
    ``Image source, Getty Images``, ``Fuente de la imagen, EFE``; ``comma`` lines of
    ``captions/markers.txt``), or None."""
    m = _data()["comma"].match(line)  # type: ignore[union-attr]
    if m is None or not _plausible_name(m.group("name")):
        return None
    return line.strip()


def _library_line(line: str) -> bool:
    """A line that is only a picture library's name (``Getty Images``, ``(iStock)``,
    ``Shutterstock.``): the credit of the picture above or below it."""
    t = line.strip().strip("()[].").strip().lower()
    return t in _data()["libraries"]  # type: ignore[operator]


def _credit(line: str) -> tuple[int, bool] | None:
    """``(start, glued)`` of the credit at the end of ``line``, or None; ``glued``
    when the credit is stuck to the text before it (see ``_data``). A pure function
    of the line, memoised for lines of at most ``_CREDIT_MEMO_LINE`` characters
    (menus, bylines and share lines recur across pages: a third of the web sample's
    lines are repeats); a full memo is replaced, not cleared under a reader."""
    global _CREDIT_MEMO
    memo = _CREDIT_MEMO
    found = memo.get(line, _NO_ENTRY)
    if found is _NO_ENTRY:
        found = _credit_of(line)
        if len(line) <= _CREDIT_MEMO_LINE:
            if len(memo) >= _CREDIT_MEMO_SIZE:
                memo = _CREDIT_MEMO = {}
            memo[line] = found
    return found  # type: ignore[return-value]


_NO_ENTRY = object()
_CREDIT_MEMO: dict[str, tuple[int, bool] | None] = {}
_CREDIT_MEMO_LINE, _CREDIT_MEMO_SIZE = 200, 1 << 15


_MARK_CLOSERS = ("", ")", "]", ".", ").", "].")  # what the glued marker pattern allows after the marker


def _may_end_in_mark(text: str, pos: int) -> bool:
    """False when the glued marker pattern (``_data()["glued"][0]``: a marker, then
    ``[)\\]]?\\.?`` and the end) cannot match ``text`` from ``pos``: where the tail has
    no ``_FOLD_TRAPS``, a marker matches case-insensitively only where the lower-cased
    tail has it, at the same offset; so one of the ends the pattern allows after it,
    taken off the lower-cased tail, leaves a marker at its end."""
    tail = text[pos:]
    if not _FOLD_TRAPS.isdisjoint(tail):
        return True
    low = tail.lower()
    marks = _data()["mark_suffixes"]
    return any(low.endswith(c) and low[:len(low) - len(c)].endswith(marks)  # type: ignore[arg-type]
               for c in _MARK_CLOSERS)


def _credit_of(line: str) -> tuple[int, bool] | None:
    """:func:`_credit` without the memo."""
    text = line.rstrip()
    if not text:
        return None
    pos = max(0, len(text) - _TAIL)
    best = _suffix_credit(text, pos) if _might_have_credit(text, pos) else None
    if best is not None:
        return best, False
    if _GLUE_RE.search(text, max(0, len(text) - 70)) is None:
        return None
    for k, rx in enumerate(_data()["glued"]):  # type: ignore[union-attr]
        if k == 0 and not _may_end_in_mark(text, pos):
            continue  # (the marker pattern tries its alternation at every place of the tail)
        m = rx.search(text, pos)
        if m is None:
            continue
        groups = m.groupdict()
        if groups.get("gmark") is not None and not groups["gmark"][0].isupper():
            continue
        if groups.get("gword") is not None:
            # "…verbotenThomas Tretzka", "…istJelko Djuren": a lower-case word; not
            # camel-case names ("PlayStation Plus", "iPhone Pro Max", "eBay Kleinanzeigen")
            # nor a link glued to a teaser ("…sindZum Artikel")
            if not groups["gword"][0].islower():
                continue
            words = _words()
            if any(w.lower() in words["name_stop"] or w.lower() in words["glue_stop"] for w in groups["name"].split()):
                continue
        start = m.start("gmark") if groups.get("gmark") is not None else m.start("name")
        return start, True
    return None


# Characters that re's case-insensitive matching takes for a letter of a credit
# phrase while str.lower() does not give that letter ("İ" lowers to "i̇", "ſ"
# matches "s"; "Σ" lowers by context). Where a tail has none, a phrase matches
# it case-insensitively only where the lower-cased tail has the phrase, at the
# same offset (lower() changes no length then). A unit test derives the set.
_FOLD_TRAPS = frozenset("İıſΣσµϕϖϱϵᲀᲁᲂᲃᲄᲅ")


def _may_match(k: int, lowered: re.Pattern[str], low: str, start: int, data: dict[str, object]) -> bool:
    """False when suffix pattern ``k`` cannot match from ``start`` of the
    lower-cased tail ``low`` (see ``suffix_lowered`` in ``_data``)."""
    if k == 5:  # "(Representative)": a marker at the very end
        return low.endswith(data["mark_ends"])  # type: ignore[arg-type]
    if k == 9:  # "Foto dpa", "(Photo AFP).": an agency at the end, or a name after it
        end = low[:-1] if low.endswith(".") else low
        end = end[:-1] if end.endswith((")", "]")) else end
        return end.endswith(data["agency_suffixes"]) or lowered.search(low, start) is not None  # type: ignore[arg-type]
    return lowered.search(low, start) is not None


def _suffix_credit(text: str, pos: int) -> int | None:
    best = None
    data = _data()
    n = len(text)
    tail = text[pos:]
    low = tail.lower() if _FOLD_TRAPS.isdisjoint(tail) else None
    for k, (rx, width, (chars, ends), lowered) in enumerate(zip(
            data["suffix"], data["suffix_widths"], data["suffix_needs"], data["suffix_lowered"])):  # type: ignore[call-overload]
        start = pos if width is None else max(pos, n - width)
        if chars is not None and chars.isdisjoint(text[start:]) or ends is not None and not text.endswith(ends):
            continue
        if low is not None and not _may_match(k, lowered, low, start - pos, data):
            continue
        m = rx.search(text, start)
        if m is None:
            continue
        groups = m.groupdict()
        if groups.get("name") is not None and not _plausible_name(groups["name"]):
            continue
        if k == 0 and "|" in text[:m.start()] and _label_then_bar(text, m):
            continue  # "… Hoffnung | Video | ARD Mediathek": a page title's breadcrumb, not a credit
        if k == 1 and _after_determiner(text, m.start()):
            continue  # "ein Foto von Berlin", "a photo by Jane Doe": a sentence
        if k == 5 and _mark_in_prose(text, m.start()):
            continue  # "How to take a screenshot", "used as an illustration": a sentence
        if groups.get("pair") is not None and not _plausible_pair(groups["pair"]):
            continue
        credit = text[m.start():]
        if len(credit.split()) > _CREDIT_MAX_WORDS:
            continue
        if _platforms_only(credit):
            continue  # "Facebook | Twitter | Email": a share line
        if best is None or m.start() < best:
            best = m.start()
    return best


def _label_then_bar(text: str, m: re.Match[str]) -> bool:
    """Whether the label of a credit match (pattern 0) is followed by a bar rather
    than a colon: in a line with another bar before it, that is one more part of
    a ``Title | Section | Site`` chain."""
    return "|" in text[m.start():m.start("name")]


@lru_cache(maxsize=1)
def _determiners() -> frozenset[str]:
    return frozenset(w.lower() for w in resources.lines("captions/determiners.txt"))


@lru_cache(maxsize=1)
def _glued_name_stop() -> frozenset[str]:
    """Words that are no part of a credit name glued after a sentence end: function
    words, link prepositions, glued chrome words and determiners (built once)."""
    words = _words()
    return words["name_stop"] | words["glue_stop"] | words["glued_chrome"] | _determiners()


@lru_cache(maxsize=1)
def _openers() -> dict[str, object]:
    """Caption openers (``captions/openers.txt``): a pattern for those before a
    colon, one for those before a comma, one for those before a space, and their
    first words and letters (cheap tests before the patterns)."""
    colon, comma, space = set(), set(), set()
    for raw in resources.lines("captions/openers.txt"):
        phrase = raw.strip().lower()
        if phrase.endswith("…"):
            space.add(phrase[:-1].rstrip())
            continue
        if phrase.endswith(","):
            comma.add(phrase[:-1].rstrip())
        colon.add(phrase.rstrip(",").rstrip())

    def alt(items) -> str:
        return "|".join(re.escape(x) for x in sorted(items, key=lambda x: (-len(x), x)))

    return {
        "colon": re.compile(rf"\s{{0,4}}[(\[]?(?i:{alt(colon)})[)\]]?\s{{0,2}}[:：]\s{{0,3}}(?=\S)"),
        "comma": re.compile(rf"\s{{0,4}}(?i:{alt(comma)}),\s{{1,3}}(?=\S)") if comma else re.compile("(?!)"),
        "space": re.compile(rf"\s{{0,4}}(?i:{alt(space)})\s{{1,3}}(?=\S)") if space else re.compile("(?!)"),
        "first": frozenset(p.split()[0].lstrip("([") for p in colon | space),
        # (the first letters of the phrases a space follows, in both cases)
        "space_first": frozenset(c for p in space for c in (p[0], p[0].upper())),
    }


def caption_opener(line: str) -> tuple[int, bool] | None:
    """``(end, short)`` of the caption opener that starts ``line`` (its phrase and
    the colon, comma or space after it), or None; ``short``: a comma or space
    form, whose line must be shorter (``position_max_words``)."""
    head = line.lstrip()[:24].lstrip("([").split(None, 1)
    data = _openers()
    if not head or head[0].lower().rstrip(":：,") not in data["first"]:  # type: ignore[operator]
        return None
    m = data["colon"].match(line)  # type: ignore[union-attr]
    if m is not None:
        return m.end(), False
    m = data["comma"].match(line) or data["space"].match(line)  # type: ignore[union-attr]
    return (m.end(), True) if m is not None else None


@lru_cache(maxsize=1)
def _words() -> dict[str, frozenset[str]]:
    """The word lists of ``captions/words.txt``, by section ("name_stop", "glue_stop",
    "glued_chrome", "abbreviation")."""
    out: dict[str, set[str]] = {}
    current: set[str] | None = None
    for raw in resources.lines("captions/words.txt"):
        if raw.startswith("[") and raw.endswith("]"):
            current = out.setdefault(raw[1:-1], set())
        elif current is not None:
            current.update(w.lower() for w in raw.split())
    return {k: frozenset(v) for k, v in out.items()}


def _word_before(text: str, start: int) -> str | None:
    """The word right before ``start``, when a space separates them."""
    if start == 0 or not text[start - 1].isspace():
        return None
    before = text[max(0, start - 40):start].split()
    return before[-1] if before else None


def _after_determiner(text: str, start: int) -> bool:
    """Whether the word right before ``start`` (a space between) is an article,
    demonstrative or possessive (``captions/determiners.txt``): then a "by"
    phrase there is part of a sentence ("Sie zeigte ein Foto von Berlin.")."""
    word = _word_before(text, start)
    return word is not None and word.lower() in _determiners()


def _mark_in_prose(text: str, start: int) -> bool:
    """Whether a marker word at the end of a line (``start``: where it begins)
    ends a sentence rather than a caption: not in brackets, a space and a word
    before it, and written in lower case ("…take a screenshot", "…as an
    illustration") or after an article ("…einen Screenshot"). A caption's
    marker follows its end, a separator or a bracket: "… Monday. File photo",
    "… (Symbolbild)", "… – Archivbild"."""
    word = _word_before(text, start)
    if word is None or not word[-1].isalnum():
        return False  # after punctuation or a dash: "… Monday. File photo", "… – Archivbild"
    return text[start].islower() or word.lower() in _determiners()


_SEPARATORS_RE = re.compile(r"[|/·•,]")


@lru_cache(maxsize=1)
def _platforms() -> frozenset[str]:
    return frozenset(p.lower() for p in resources.lines("captions/platforms.txt"))


def _platforms_only(credit: str) -> bool:
    """A "credit" that is only social networks and share words between separators
    (``Facebook | Twitter | Email``): a share or follow line, not a picture's credit."""
    parts = _SEPARATORS_RE.split(credit.strip("()[] ."))
    return len(parts) >= 2 and all(p.strip().lower() in _platforms() for p in parts)


_LIST_ITEM_RE = re.compile(r"^\s{0,4}(?:\d{1,3}[.)]|[•·▪►*–-])\s")
_NUMBER_RE = re.compile(r"\b\d{1,4}\b")
_DATELINE_RE = re.compile(r"\b\d{1,2}\.\s?\d{1,2}\.\s?(?:\d{2}){1,2}\b|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}:\d{2}\b")


def _caption_shaped(line: str, max_words: int, *, period: bool, one_sentence: bool = False) -> bool:
    """A line that can be a caption: 2 to ``max_words`` words, not a question or a
    lead-in (``?``, ``:`` at the end), not a list item, no date or clock time (a
    dateline), and (``period``) one ending in a full stop; ``one_sentence``: no
    sentence break inside."""
    text = line.strip()
    n = _word_count(text)
    if n < 2 or n > max_words:
        return False
    end = text.rstrip("\"”’»)]* ")
    if not end or end[-1] in "?:;,":
        return False
    if period and end[-1] not in ".…":
        return False
    if _LIST_ITEM_RE.match(text) or _DATELINE_RE.search(text):
        return False
    if n <= 8 and len(_NUMBER_RE.findall(text)) >= 2:
        return False  # "Berlin, 3. Mai 2021.": a dateline
    if one_sentence and (sum(1 for _ in iter_sentences(text)) > 1 or _sentence_break(text)):
        return False
    return True


# a sentence end inside a line: ".!?…" and a space before a word, or an ideographic
# full stop (no space in Chinese and Japanese) before more text
_BREAK_RE = re.compile(r"[.!?…][\"'”’»)\]]*\s+[\"'“‘«(\[]?(\w)|[。！？](?=[^\s\"'”’»)\]）」』】])")


# opening quotation marks (also the German and Scandinavian »…« and ”…”)
_QUOTES_OPEN = frozenset("\"“„«»‹›‚‘”「『")


def _quoted(line: str) -> bool:
    """A line that opens with a quotation mark: a quote, a paragraph of reported
    speech ("“We are delighted,” she said."), not a caption."""
    text = line.lstrip()
    return bool(text) and text[0] in _QUOTES_OPEN


def _ends_in_full_stop(line: str) -> bool:
    end = line.rstrip().rstrip("\"”’»)]*' ")
    return bool(end) and end[-1] in ".…。"


def _sentence_break(text: str) -> bool:
    """A sentence break inside ``text`` that ``iter_sentences`` does not see (it
    wants a Latin or Russian capital after it): before a capital of another
    alphabet (Greek, Ukrainian "Є"), a letter of a script without case (Arabic,
    Hebrew: "اجتمع الوزراء. وناقشوا…"), or after an ideographic full stop."""
    for m in _BREAK_RE.finditer(text):
        c = m.group(1)
        if c is None or c.isupper() or _uncased(c):
            return True
    return False


# a line that is only an HTML media element or an image file name / URL
# (used with fullmatch only, on lines of at most 2000 characters)
_PLACEHOLDER_RE = re.compile(
    r"<(?i:iframe|img|video|audio|embed|object|picture|source|figure)\b[^\n]{0,2000}>"
    r"|(?:https?://)?[\w.~%/-]{1,400}\.(?i:jpe?g|png|gif|webp|avif|svg|bmp|tiff?|heic)(?:\?\S{0,200})?")


def _placeholder(line: str) -> bool:
    text = line.strip()
    if not text or len(text) > 2000 or (text[0] != "<" and " " in text):
        return False
    return _PLACEHOLDER_RE.fullmatch(text) is not None


def _lower_words(line: str) -> list[str]:
    """The lower-cased words of ``line`` (CAP201). An ASCII line is lower-cased
    first, in one call: the same words (lower() then changes letters only, to
    letters); elsewhere lower() can split a word ("İ" lowers to "i̇")."""
    if line.isascii():
        return WORD_RE.findall(line.lower())
    return [w.lower() for w in WORD_RE.findall(line)]


def _author_line(line: str) -> bool:
    """Two to five capitalised words and nothing else (no sentence, no digits)."""
    text = line.strip()
    return len(text) <= 60 and _AUTHOR_RE.fullmatch(text) is not None and not any(c.isdigit() for c in text)


_YEAR_RE = re.compile(r"\b(?:19|20)\d\d\b")


def _image_credit(credit: str) -> bool:
    """A credit line that stands for a picture (the anchor of CAP202), not the
    site's copyright notice (``© 2023 Example Ltd. All rights reserved``) nor a
    bare marker word that is also a menu entry (``Archiv``)."""
    low = normalize(credit)
    if _YEAR_RE.search(low) and ("©" in low or "copyright" in low or "(c)" in low):
        return False
    if any(p in low for p in _data()["notices"]):  # type: ignore[union-attr]
        return False
    bare_word = len(low.split()) == 1 and credit.strip()[:1].isalpha()
    return not (bare_word and low in _data()["marks"])  # type: ignore[operator]






def _plausible_name(name: str) -> bool:
    """A credit's name: short, starts like a name (capital, digit, ©) or is an
    agency/handle/domain, and reads as a name rather than a clause."""
    name = name.strip().strip("()[]（）【】").strip()
    ws = name.split()
    if not ws or len(ws) > 10:
        return False
    words = _words()
    if len(ws) <= 3 and ws[0].lower().rstrip(",.;") in words["credit_word"]:
        return True  # "privat", "zVg", "DR", "handout": the picture's own kind of source
    if len(ws) >= 2 and ws[0].lower() in words["name_article"] and ws[1][0].isupper():
        ws = ws[1:]  # "the City of Austin": the name after its article
    stop = words["name_stop"]
    if sum(w.lower().strip(",.;:") in stop for w in ws) >= 2:
        return False
    first = ws[0]
    if first[0].isupper() or first[0].isdigit() or first[0] == "©" or _uncased(first[0]):
        return True  # (a script without capitals: "共同通信", "연합뉴스", "رويترز")
    low = name.lower()
    return any(low.startswith(a) for a in _data()["agencies"]) or "/" in first or "." in first.strip(".")  # type: ignore[union-attr]


def _plausible_pair(pair: str) -> bool:
    """``NAME/AGENCY``: one side is a known agency, or the left is a person's name."""
    left, _, right = pair.partition("/")
    agencies = _data()["agencies"]
    if left.strip().lower() in agencies or right.strip().lower() in agencies:  # type: ignore[operator]
        return True
    if right.startswith("@") and len(right.split()) == 1 and len(left.split()) <= 2:
        return True  # "Twenty20/@AllaGreeg": a library or a name, then the photographer's handle
    # "Kyle Ross/USA TODAY Sports": a person's name glued to the slash (titles such
    # as "Thai Pandan Chicken / Gai Haw" put spaces around it)
    return (len(left.split()) >= 2 and len(pair.split()) >= 3
            and not left.endswith(" ") and not right.startswith(" "))


def _already_clean(spans, share: float) -> bool:
    from cleaner.filters.boilerplate import already_clean

    return already_clean([s.text for s in spans], share)


@register
class Captions(Filter):
    """Remove image captions and photo credits (see the module docstring).

    ``caption_max_words``: a line ending in a credit with at most this many words
    before the credit is a caption and goes whole; longer lines lose only the credit.
    ``duplicate_max_words`` / ``duplicate_overlap`` / ``duplicate_min_words`` /
    ``duplicate_window``: the duplicate-caption rule (CAP201: the repeated body
    sentence must stand within ``duplicate_window`` lines); ``duplicates`` switches
    it off. ``galleries`` (CAP104), ``placeholders`` (CAP105) and ``positions``
    (CAP202) switch those rules off; ``position_max_words``: the longest line CAP202
    takes for a caption; ``style_window`` / ``style_short_share``: CAP202 takes no
    sentence for a caption where that share of the prose lines within that many lines
    are that short (a text of one-sentence paragraphs). ``clean_text_share``: CAP201
    does not run on a text that
    is already clean (no debris line and at least this share of the lines ending like
    a sentence, or at most 3 debris lines and 80 % of the others: extracted news,
    where a headline repeats its lede; 0: it always runs).
    """

    name = "captions"
    stage = 25  # before boilerplate: its main-block decisions then see the text without captions
    rules = _RULES

    caption_max_words: int = 45
    galleries: bool = True
    placeholders: bool = True
    positions: bool = True
    position_max_words: int = 25
    style_window: int = 8
    style_short_share: float = 0.4
    duplicates: bool = True
    duplicate_max_words: int = 40
    duplicate_min_words: int = 5
    duplicate_overlap: float = 0.8
    duplicate_window: int = 6
    max_lines_for_duplicates: int = 5000
    heading_copies: bool = True
    heading_copy_max_words: int = 10
    clean_text_share: float = 0.5

    def find(self, doc) -> Iterator[Finding]:
        text = doc.text
        spans = [s for s in lines(text) if s.text.strip()]
        removed: set[int] = set()
        # image credit lines ("credit"), licence and author lines ("licence"), gallery counters ("gallery")
        anchors: dict[int, str] = {}
        controls: set[int] = set()  # image-viewer controls ("Vergrößern", "View image")
        headings: set[int] = set()  # headings of a credits list ("Photo credits", "Bildnachweis:")
        # lines that lost a glued name: the rules below read them without it, but a
        # line removal still takes the whole line
        whole: dict[int, Span] = {}
        n_credit = n_suffix = n_dup = n_pos = 0
        for i, s in enumerate(spans):
            # (gallery lines are short and placeholders have no space but inside a tag:
            # most lines are neither, told without the calls)
            kind = gallery_line(s.text) if self.galleries and len(s.text) <= 60 else None
            if kind is not None:
                a, b = line_removal(text, s)
                yield Remove(a, b, "CAP104", f"picture-gallery {kind}: {s.text.strip()[:60]!r}")
                removed.add(i)
                if kind == "counter":  # the slide's caption follows it
                    anchors[i] = "gallery"
                elif kind == "control":  # "Vergrößern": a caption and a credit may follow it
                    controls.add(i)
                n_credit += 1
                continue
            if self.placeholders and ("<" in s.text or " " not in s.text.strip()) and _placeholder(s.text):
                a, b = line_removal(text, s)
                yield Remove(a, b, "CAP105", f"media placeholder: {s.text.strip()[:60]!r}")
                removed.add(i)
                n_credit += 1
                continue
            found = _credit(s.text)
            if found is not None and found[0] < 30:
                opener = caption_opener(s.text)
                if opener is not None and found[0] < opener[0]:
                    found = None  # "Im Bild: Hans Müller …": a caption's opener, not a label and a name
            if found is None:
                glued = _sentence_glued_credit(s.text.rstrip())
                if glued is not None and 3 <= _word_count(s.text[:glued]) <= self.caption_max_words:
                    # "… in Berlin.Michael Kappeler": only the name goes, the sentence stays;
                    # the rules below see the line without it (as a second run would)
                    name = s.text[glued:].strip()
                    yield Remove(s.start + glued, s.end, "CAP102",
                                 f"credit name glued after the caption's sentence end: {name[:60]!r}",
                                 {"credit": name[:120], "caption_words": _word_count(s.text[:glued])})
                    whole[i] = s
                    spans[i] = Span(s.start, s.start + glued, s.text[:glued])
                    n_suffix += 1
                    continue
                head = s.text[:60]
                opening = (_data()["prefix"].match(s.text)  # type: ignore[union-attr]
                           if ":" in head or "：" in head else None)
                if opening is not None and 1 <= _word_count(s.text[opening.end():]) <= self.caption_max_words:
                    marker = s.text[:opening.end()].strip()
                    a, b = line_removal(text, s)
                    yield Remove(a, b, "CAP102", f"caption opening with a picture marker ({marker[:60]!r})",
                                 {"credit": marker[:120], "caption_words": _word_count(s.text[opening.end():])})
                    removed.add(i)
                    n_credit += 1
                    continue
                # (an opener ends in a colon or a comma within the first 40 characters)
                opener = (caption_opener(s.text) if ":" in head or "," in head[:40] or "：" in head
                          or head[:1] in _openers()["space_first"] else None)  # ("File photo of …")
                if opener is not None:
                    n = _word_count(s.text[opener[0]:])
                    if 1 <= n <= (self.position_max_words if opener[1] else self.caption_max_words) \
                            and not s.text.rstrip().endswith("?"):
                        a, b = line_removal(text, s)
                        yield Remove(a, b, "CAP106",
                                     f"opens like a picture caption ({s.text[:opener[0]].strip()[:40]!r})")
                        removed.add(i)
                        n_credit += 1
                        continue
                if len(s.text) <= 60 and credits_heading(s.text):
                    headings.add(i)  # "Photo credits": its list's first title follows (CAP202)
                    continue
                if "," in head or "،" in head:
                    credit = _comma_credit(s.text)
                    if credit is not None:
                        # "Image source, Getty Images" (the BBC's form): an image credit line
                        a, b = line_removal(text, s)
                        yield Remove(a, b, "CAP101", f"image credit line: {credit[:60]!r}", {"credit": credit[:120]})
                        removed.add(i)
                        anchors[i] = "credit"
                        n_credit += 1
                        continue
                if len(s.text) <= 60 and _library_line(s.text):
                    # "Getty Images" under a picture: a credit, but no anchor for
                    # CAP202 (the name alone says less about its neighbours)
                    a, b = line_removal(text, s)
                    yield Remove(a, b, "CAP101", f"image credit line (a picture library): {s.text.strip()!r}",
                                 {"credit": s.text.strip()})
                    removed.add(i)
                    n_credit += 1
                continue
            start, glued = found
            before = s.text[:start].strip()
            credit = s.text[start:].strip()
            words_before = _word_count(before)
            if glued and (words_before < 3 or words_before > self.caption_max_words):
                continue  # a glued credit is trusted on a caption-sized line only
            if words_before == 0:
                a, b = line_removal(text, s)
                yield Remove(a, b, "CAP101", f"image credit line: {credit[:60]!r}", {"credit": credit[:120]})
                removed.add(i)
                if _LICENSE_RE.fullmatch(credit):
                    anchors[i] = "licence"
                elif _image_credit(credit):
                    anchors[i] = "credit"
                n_credit += 1
            elif words_before <= self.caption_max_words:
                a, b = line_removal(text, s)
                yield Remove(a, b, "CAP102", f"caption ending in a credit ({credit[:60]!r})",
                             {"credit": credit[:120], "caption_words": words_before})
                removed.add(i)
                n_credit += 1
            else:
                # keep the text: remove the credit and the space before it
                cut = start
                while cut > 0 and s.text[cut - 1] in " \t-–—|":
                    cut -= 1
                yield Remove(s.start + cut, s.end, "CAP103", f"credit at the end of a paragraph: {credit[:60]!r}",
                             {"credit": credit[:120]})
                n_suffix += 1
        # "Blue Mosque Courtyard" / "Benh LIEU SONG" / "CC BY-SA 3.0": the line above a
        # licence line that is only a name is the picture's author (title, author, licence)
        for i in sorted(k for k, v in anchors.items() if v == "licence"):
            j = i - 1
            if j < 0 or j in removed or not _author_line(spans[j].text):
                continue
            a, b = line_removal(text, whole.get(j, spans[j]))
            yield Remove(a, b, "CAP101", f"author of a licensed picture: {spans[j].text.strip()[:60]!r}",
                         {"credit": spans[j].text.strip()[:120]})
            removed.add(j)
            anchors[j] = "licence"
            n_credit += 1
        if self.positions and anchors:
            for i, why in self._positions(spans, anchors, removed, controls, headings):
                a, b = line_removal(text, whole.get(i, spans[i]))
                yield Remove(a, b, "CAP202", f"caption by position: {why}")
                removed.add(i)
                n_pos += 1
        if self.heading_copies:
            for i in self._heading_copies(spans, removed):
                a, b = line_removal(text, whole.get(i, spans[i]))
                yield Remove(a, b, "CAP203", f"repeats the numbered heading above it: {spans[i].text.strip()[:60]!r}")
                removed.add(i)
                n_pos += 1
        if (self.duplicates and len(spans) <= self.max_lines_for_duplicates
                and not _already_clean(spans, self.clean_text_share)):
            # Removing a copy changes which lines stand near each other: judge what
            # is left again until nothing changes (what a second run would do).
            # page chrome (comment forms, share lines… that the boilerplate filter
            # removes) does not count as a neighbour: windows must not depend on it
            from cleaner.filters.boilerplate import phrase_book
            from cleaner.text import normalize

            last = [s.text.rstrip()[-1:] for s in spans]
            sentence = [c in _SENT_END_SET for c in last]
            question = [c == "?" for c in last]
            # only sentences can be prose lines or copies: the other lines' words are never read
            toks = [_lower_words(s.text) if ok else [] for s, ok in zip(spans, sentence)]
            need = self._chrome_needed(toks, sentence, question, removed)
            dups: set[int] = set()
            if need is None or need:
                book = phrase_book()

                def chrome(i: int) -> bool:
                    # (memoised for short lines: the boilerplate filter, next, asks the same)
                    return book.match_line(spans[i].text, normalize(spans[i].text)) is not None

                if need is None:
                    need = range(len(spans))
                else:  # and the lines before the first one that is not chrome
                    first = set()
                    for i in range(len(spans)):
                        if i in removed:
                            continue
                        first.add(i)
                        if not chrome(i):
                            break
                    need = need | first
                alive = [i for i in range(len(spans)) if i not in removed and not (i in need and chrome(i))]
                for _ in range(8):
                    sub = [spans[i] for i in alive]
                    new = {alive[k] for k in self._duplicates(sub, set(), [toks[i] for i in alive])}
                    if not new:
                        break
                    dups |= new
                    alive = [i for i in alive if i not in new]
            for i in sorted(dups):
                a, b = line_removal(text, whole.get(i, spans[i]))
                yield Remove(a, b, "CAP201", "short line repeating a sentence of the body (a caption copy)")
                n_dup += 1
        if n_credit or n_suffix or n_dup or n_pos:
            yield Annotation("captions", {"credit_lines": n_credit, "credit_suffixes": n_suffix,
                                          "duplicates": n_dup, "by_position": n_pos})

    def _positions(self, spans, anchors: dict[int, str], removed: set[int],
                   controls: frozenset[int] | set[int] = frozenset(),
                   headings: frozenset[int] | set[int] = frozenset()) -> Iterator[tuple[int, str]]:
        """Captions without a credit of their own, told by where they stand (CAP202):

        - right after a gallery counter ("Bild 3 von 10", then the slide's caption), or
          between an image-viewer control and an image credit ("Vergrößern", the
          caption, "Quelle: Jane Doe": one picture box);
        - between two image credits, or after the last credit of a credit/caption
          alternation (a gallery printed as credit, caption, credit, caption…);
        - right before an image credit, when the line is one sentence ending in a
          period ("Predio fumigado lindero a escuela." above "Foto: Ricardo Correa");
          not before a licence line, which may be the licence of the text;
        - right below the heading of a credits list ("Photo credits", "Bildnachweis:")
          and above a credit, licence or author line: the list's first title (the
          others stand between two credits).

        Non-empty lines only; the line must be caption-shaped (``_caption_shaped``).
        """
        n = len(spans)
        taken: set[int] = set()
        style: dict[int, bool] = {}
        for i in range(n):
            if i in removed:
                continue
            prev, nxt = anchors.get(i - 1), anchors.get(i + 1)
            if prev is None and nxt is None:
                continue
            line = spans[i].text
            why = None
            if (i - 1 in headings and nxt in ("credit", "licence")
                    and _caption_shaped(line, self.position_max_words, period=False, one_sentence=True)):
                why = "the first title of a photo-credits list (below its heading, above a credit)"
            elif prev == "gallery" and _caption_shaped(line, self.position_max_words, period=False):
                why = "after a gallery counter"
            elif (i - 1 in controls and nxt == "credit"
                  and _caption_shaped(line, self.position_max_words, period=False, one_sentence=True)):
                why = "between an image-viewer control and an image credit"
            elif prev and nxt and _caption_shaped(line, self.position_max_words, period=False, one_sentence=True):
                # a title (no full stop) goes; so does a sentence in a run of credits and
                # captions (a gallery); otherwise a sentence that opens the text (a lede
                # under the top picture's credit) or one of a text written in one-sentence
                # paragraphs, between two pictures, stays
                above = i - 1
                while above in anchors:
                    above -= 1
                if (above in taken or not _ends_in_full_stop(line) or self._in_gallery(spans, anchors, removed, i)
                        or not (_quoted(line) or self._opens_text(spans, removed | taken, i)
                                or self._short_paragraphs(spans, anchors, removed, i, style))):
                    why = "between two image credits"
            elif (prev and i - 2 in taken and (i - 3) in anchors
                  and _caption_shaped(line, self.position_max_words, period=False, one_sentence=True)):
                why = "after an image credit, in a run of credits and captions"
            elif (nxt == "credit" and _caption_shaped(line, self.position_max_words, period=True, one_sentence=True)
                  and not _quoted(line)
                  and (self._names_headline_below(spans, removed, i)
                       or not (self._opens_text(spans, removed | taken, i)
                               or self._short_paragraphs(spans, anchors, removed, i, style)))):
                why = "one sentence right before an image credit"
            if why:
                taken.add(i)
                yield i, why

    @staticmethod
    def _opens_text(spans, removed: set[int], i: int) -> bool:
        """Line ``i`` opens the text: no line above it, or the nearest line above that
        this filter keeps does not end in a full stop (a headline, also one ending in
        "!" or "?", a byline, a date, a subheading, a menu). A one-sentence lede or first paragraph there is the
        start of the article, whatever picture credit follows it."""
        for j in range(i - 1, -1, -1):
            if j in removed:
                continue
            return not _ends_in_full_stop(spans[j].text)
        return True

    @staticmethod
    def _names_headline_below(spans, removed: set[int], i: int) -> bool:
        """Below line ``i`` and its credit stands a heading (no sentence end) that
        holds most (60 %) of the line's content words: a picture above the headline,
        its caption repeating it ("Predio fumigado lindero a escuela." / "Foto: …" /
        "Productor fumigó con glifosato predio lindero a escuela rural…"), not a lede
        (which stands below its headline)."""
        j = i + 1
        while j < len(spans) and j in removed:
            j += 1
        if j >= len(spans):
            return False
        below = spans[j].text.strip()
        end = below.rstrip("\"”’»)]*' ")
        if not end or end[-1] in ".!?…。！？:;," or _word_count(below) > 30:
            return False
        mine = {w for w in _lower_words(spans[i].text) if len(w) >= _CONTENT_MIN}
        if len(mine) < 3:
            return False
        theirs = set(_lower_words(below))
        return len(mine & theirs) >= 0.6 * len(mine)

    def _short_paragraphs(self, spans, anchors: dict[int, str], removed: set[int], i: int,
                          cache: dict[int, bool]) -> bool:
        """The text around line ``i`` is written in short paragraphs: of the prose
        lines (ending in a full stop, 5+ words) within ``style_window`` lines, leaving
        out ``i`` and the lines right above a credit or gallery line (where captions
        stand), at least ``style_short_share`` have at most ``position_max_words``
        words (what a caption looks like too: there, one more such line above a
        credit says nothing)."""
        if i in cache:
            return cache[i]
        short = prose = 0
        for j in range(max(0, i - self.style_window), min(len(spans), i + self.style_window + 1)):
            if j == i or j in removed or (j + 1) in anchors:
                continue
            text = spans[j].text.strip()
            end = text.rstrip("\"”’»)]*' ")
            if not end or end[-1] not in ".!…。！":
                continue
            n = _word_count(text)
            if n < 5:
                continue
            prose += 1
            if n <= self.position_max_words:
                short += 1
        cache[i] = ok = prose > 0 and short >= self.style_short_share * prose
        return ok

    def _in_gallery(self, spans, anchors: dict[int, str], removed: set[int], i: int) -> bool:
        """Line ``i`` stands between credits in a run of credits and short lines: past
        the credit lines below it (or above it) comes another short line and another
        credit (a gallery: credit, caption, credit, caption, credit…)."""
        def short(j: int) -> bool:
            return (0 <= j < len(spans) and j not in removed and j not in anchors
                    and _caption_shaped(spans[j].text, self.position_max_words, period=False))

        j = i + 1
        while j in anchors:
            j += 1
        if short(j) and j + 1 in anchors:
            return True
        j = i - 1
        while j in anchors:
            j -= 1
        return short(j) and j - 1 in anchors

    def _heading_copies(self, spans, removed: set[int]) -> Iterator[int]:
        """Short lines whose text is that of the numbered heading above them (CAP203).

        The heading is the nearest line above that is neither removed by this filter
        nor page chrome (phrase-book lines, and widget labels that recur three times:
        the boilerplate filter removes both after this filter, and a second run must
        decide the same); copies in a row all go (the heading stays the reference)."""
        where: dict[str, list[int]] | None = None  # normalised short line -> its indices
        book = None
        for i, s in enumerate(spans):
            c = s.text[0]
            if c not in "#Nn" and not c.isdecimal() and not c.isspace():
                continue  # most lines: a heading starts with its number, "#" or "Nr."/"No."
            if i in removed or len(s.text) > 160:
                continue
            m = _NUMBERED_HEADING_RE.fullmatch(s.text.rstrip())
            if m is None:
                continue
            h = normalize(m.group(1))
            if h.count(" ") >= self.heading_copy_max_words or not any(c.isalpha() for c in h):
                continue
            if where is None:
                where = {}
                for k, t in enumerate(spans):
                    if len(t.text) <= 160:
                        where.setdefault(normalize(t.text), []).append(k)
            last = i  # the heading, then each copy found
            for k in where.get(h, ()):
                if k <= last or k in removed:
                    continue
                between = [j for j in range(last + 1, k) if j not in removed]
                if between:
                    if book is None:
                        from cleaner.filters.boilerplate import phrase_book

                        book = phrase_book()
                    if any(book.match_line(spans[j].text, normalize(spans[j].text)) is None
                           and not _recurring_widget(spans[j].text, where) for j in between):
                        break
                yield k
                last = k

    def _chrome_needed(self, toks: list[list[str]], sentence: list[bool], question: list[bool],
                       removed: set[int]) -> set[int] | None:
        """The lines whose page-chrome status can change which lines CAP201 removes:
        empty when no line can be a copy whatever the chrome, None when it cannot
        be told cheaply (then every line's status is needed).

        A short line can be removed only as a copy of a prose line that has, of its
        distinct words, at least ``duplicate_overlap`` (words on more than 50 prose
        lines do not count; with at most 50 prose lines there are none such). These
        pairs do not depend on the chrome; what does is whether the two are alive
        and how many alive lines stand between them: so the lines from the one to
        the other are needed, nothing else (and where the alive lines begin, which
        the caller adds)."""
        n = len(toks)
        # (only sentences can be prose lines or copies: the others are skipped in C)
        prose = [j for j in compress(range(n), sentence) if len(toks[j]) >= 12 and j not in removed]
        if not prose:
            return set()
        if len(prose) > 50:
            return None
        least = max(1, self.duplicate_min_words - 1)
        shorts = []
        for i in compress(range(n), sentence):
            t = toks[i]
            if i in removed or not (self.duplicate_min_words <= len(t) <= self.duplicate_max_words):
                continue
            if question[i]:
                continue  # as in _duplicates: questions are never copies
            words = {w for w in t if len(w) >= _CONTENT_MIN}  # as in _duplicates: content words
            if len(words) >= least:
                shorts.append((i, words))
        if not shorts:
            return set()
        # the prose lines each word of a short line is on (only those words matter)
        wanted = set().union(*(words for _, words in shorts))
        index: dict[str, list[int]] = {}
        for j in prose:
            for w in wanted.intersection(toks[j]):
                index.setdefault(w, []).append(j)
        spans: list[tuple[int, int]] = []  # from the short line to its prose line, both in
        for i, words in shorts:
            t = toks[i]
            counts = Counter(chain.from_iterable(map(index.get, words & index.keys())))
            for j, c in counts.items():
                if j != i and len(toks[j]) > len(t) and c / len(words) >= self.duplicate_overlap:
                    spans.append((min(i, j), max(i, j) + 1))
        # their union, each line once (many pairs over long stretches stay linear)
        need: set[int] = set()
        reach = 0
        for lo, hi in sorted(spans):
            if hi > reach:
                need.update(range(max(lo, reach), hi))
                reach = hi
        return need

    def _duplicates(self, spans, removed: set[int], toks: list[list[str]] | None = None) -> Iterator[int]:
        if toks is None:
            toks = [_lower_words(s.text) for s in spans]
        prose = [j for j, t in enumerate(toks)
                 if len(t) >= 12 and spans[j].text.rstrip().endswith(_SENT_ENDS) and j not in removed]
        if not prose:
            return
        shorts = []  # the lines that can be copies, with their content words
        for i, t in enumerate(toks):
            if i == 0 or i in removed or not (self.duplicate_min_words <= len(t) <= self.duplicate_max_words):
                continue
            end = spans[i].text.rstrip()
            if not end.endswith(_SENT_ENDS) or end.endswith("?"):
                continue  # headings, titles and questions are not captions of this kind
            # content words only: short function words ("wie", "war", "in") would make
            # any short line look like a copy of its neighbour
            shorts.append((i, {w for w in t if len(w) >= _CONTENT_MIN}))
        if not shorts:
            return
        # the prose lines each word of a short line is on (no other word is looked up)
        wanted = set().union(*(words for _, words in shorts))
        index: dict[str, list[int]] = {}
        for j in prose:
            for w in wanted.intersection(toks[j]):
                index.setdefault(w, []).append(j)
        # the window counts only lines of more than _NEIGHBOUR_MAX_WORDS words: a
        # shorter line between a copy and its sentence ("0", "Reply", a menu item) may
        # be removed by the boilerplate filter, and a second run must see the same window
        pos = list(accumulate((len(normalize(s.text).split()) > _NEIGHBOUR_MAX_WORDS for s in spans), initial=0))
        n = len(spans)
        for i, words in shorts:
            t = toks[i]
            # pos rises with the line number and postings are in line order: the
            # lines within the window are one stretch of each postings list
            lo = bisect_left(pos, pos[i] - self.duplicate_window, 0, n)
            hi = bisect_right(pos, pos[i] + self.duplicate_window, 0, n)
            counts: dict[int, int] = {}
            for w in words:
                postings = index.get(w, ())
                if len(postings) > 50:
                    continue  # stop words: too common to tell anything
                for k in range(bisect_left(postings, lo), bisect_left(postings, hi)):
                    j = postings[k]
                    if j != i and len(toks[j]) > len(t):
                        counts[j] = counts.get(j, 0) + 1
            if not counts:
                continue
            rare = [w for w in words if len(index.get(w, ())) <= 50]
            if not rare:
                continue
            best = max(counts.values())
            if best / len(rare) >= self.duplicate_overlap and len(rare) >= self.duplicate_min_words - 1:
                yield i
