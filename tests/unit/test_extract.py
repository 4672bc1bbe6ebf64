"""HTML extraction (cleaner.extract): tables and lists of the main content.

jusText judges a table one cell at a time and a list one item at a time; the
cells of a results table or an ingredients list are short, so it calls them
bad. These pages check that the extractor reads them as units: a data table or
a list that belongs to the article is kept (a table as rows, its cells
tab-separated), and a menu, a link grid or a calendar widget is not.
"""

from __future__ import annotations

import pytest

from cleaner.extract import extract_document

# two paragraphs of article prose per language, long enough for jusText to call them good
PROSE = {
    "de": ("Am Samstag fanden im Stadion die Regionalmeisterschaften der Schülerinnen statt. Bei bestem "
           "Wetter kamen viele Zuschauer aus der ganzen Region, um die jungen Athletinnen anzufeuern.",
           "Die Staffel aus Göppingen lief die schnellste Zeit des Tages und wurde damit zum ersten Mal "
           "Regionalmeister. Die Trainerin war mit den Leistungen ihrer Mannschaft sehr zufrieden."),
    "en": ("The regional championships for under-sixteen girls were held at the stadium on Saturday. The "
           "weather was fine and a large crowd came from all over the county to cheer the young athletes.",
           "The relay team from the harbour club ran the fastest time of the day and won the regional title "
           "for the first time. Their coach said that she was very pleased with how the team had run."),
    "fr": ("Les championnats régionaux des cadettes se sont tenus samedi au stade municipal. Il faisait beau "
           "et une foule nombreuse était venue de toute la région pour encourager les jeunes athlètes.",
           "Le relais du club du port a réalisé le meilleur temps de la journée et remporte le titre régional "
           "pour la première fois. Son entraîneuse s'est dite très satisfaite de la course de son équipe."),
}

# a results table: rank, club, time; and its rows as the extractor writes them
RESULTS = {
    "de": [("1.", "TS Göppingen", "50,59 sec."), ("2.", "LG Staufen", "50,88 sec."),
           ("3.", "SSV Ulm 1846", "51,26 sec."), ("4.", "LSG Aalen", "54,34 sec.")],
    "en": [("1.", "Harbour AC", "50.59 s"), ("2.", "Hillside Harriers", "50.88 s"),
           ("3.", "City of Leeds", "51.26 s"), ("4.", "Valley Striders", "54.34 s")],
    "fr": [("1.", "Club du Port", "50,59 s"), ("2.", "AS Montagne", "50,88 s"),
           ("3.", "Stade Lyonnais", "51,26 s"), ("4.", "US Vallée", "54,34 s")],
}

MENU = {
    "de": ["Startseite", "Termine", "Ergebnisse", "Bestenliste", "Kontakt", "Impressum"],
    "en": ["Home", "Fixtures", "Results", "Rankings", "Contact", "Imprint"],
    "fr": ["Accueil", "Calendrier", "Résultats", "Classements", "Contact", "Mentions légales"],
}


def _page(body: str, lang: str = "de") -> str:
    return f"<html lang='{lang}'><head><title>t</title></head><body>{body}</body></html>"


def _table(rows, attrs: str = "") -> str:
    return f"<table{attrs}>" + "".join(
        "<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows) + "</table>"


def _links(words) -> list[str]:
    return [f"<a href='/{w.lower()}'>{w}</a>" for w in words]


def _rows(rows) -> str:
    return "\n".join("\t".join(r) for r in rows)


@pytest.mark.parametrize("lang", sorted(PROSE))
def test_a_results_table_after_the_article_is_kept_as_rows(lang):
    one, two = PROSE[lang]
    html = _page(f"<div class='content'><h1>Regional</h1><p>{one}</p><p>{two}</p>"
                 f"{_table(RESULTS[lang])}</div><div>{''.join(_links(MENU[lang]))}</div>", lang)
    text = extract_document(html, lang=lang).original
    assert one in text and two in text
    assert _rows(RESULTS[lang]) in text  # every row on a line, its cells tab-separated
    assert MENU[lang][3] not in text


@pytest.mark.parametrize("lang", sorted(PROSE))
def test_a_results_page_that_is_only_a_table_keeps_it(lang):
    """No paragraph of prose at all: jusText has no good paragraph, but the
    data table inside the <article> is the page's content; the menu is not."""
    rows = RESULTS[lang] * 3
    html = _page(f"<div class='top'>{_table([_links(MENU[lang])])}</div>"
                 f"<article><h1>Staffel</h1>{_table(rows)}</article>", lang)
    text = extract_document(html, lang=lang).original
    assert _rows(rows) in text
    assert MENU[lang][2] not in text and MENU[lang][5] not in text


def test_tables_of_one_row_each_back_to_back_read_as_one_table():
    """Result pages printed by some club software: every row a table of its own."""
    rows = RESULTS["de"] * 2
    html = _page("<article><h1>Staffel</h1>" + "".join(_table([r]) for r in rows) + "</article>")
    assert _rows(rows) in extract_document(html, lang="de").original


@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_link_table_of_a_menu_or_footer_is_not_kept(lang):
    one, two = PROSE[lang]
    grid = [_links(MENU[lang][:3]), _links(MENU[lang][3:])]
    html = _page(f"{_table(grid)}<div><h1>Regional</h1><p>{one}</p><p>{two}</p></div>"
                 f"{_table(grid, ' class=sitelinks')}", lang)
    text = extract_document(html, lang=lang).original
    assert one in text and two in text
    for word in MENU[lang]:
        assert word not in text


def test_a_calendar_widget_outside_the_article_is_not_kept():
    one, two = PROSE["en"]
    days = [["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]] + [
        [str(d) for d in range(w * 7 + 1, w * 7 + 8)] for w in range(4)]
    html = _page(f"<article><h1>Regional</h1><p>{one}</p><p>{two}</p></article>"
                 f"<div><h3>Latest posts</h3>{''.join(f'<p>{w}</p>' for w in _links(MENU['en']))}</div>"
                 f"<main><div class='box'>{_table(days)}</div></main>", "en")
    text = extract_document(html, lang="en").original
    assert one in text and two in text
    assert "Mo\tTu" not in text and "22\t23" not in text


@pytest.mark.parametrize("lang", ["de", "fr"])
def test_a_layout_table_is_read_as_blocks_not_rows(lang):
    """A page laid out in a table: a menu column and the article column."""
    one, two = PROSE[lang]
    menu = "".join(f"<p>{a}</p>" for a in _links(MENU[lang]))
    article = f"<h1>Regional</h1><p>{one}</p><p>{two}</p><p>{one}</p><p>{two}</p>"
    html = _page(f"<table><tr><td>{menu}</td><td>{article}</td></tr>"
                 f"<tr><td colspan=2>{' | '.join(_links(MENU[lang]))}</td></tr></table>", lang)
    text = extract_document(html, lang=lang).original
    assert f"{one}\n\n{two}" in text  # paragraphs, not cells of a row
    assert "\t" not in text
    assert MENU[lang][1] not in text


ITEMS = {
    "de": ["Aufmerksames Auge für die Umwelt", "Foto posten", "Auch mal positiv sein",
           "Thema des öffentlichen Interesses"],
    "en": ["An eye for the street", "Post a photo", "Say something nice", "A topic people care about"],
}


@pytest.mark.parametrize("lang", sorted(ITEMS))
def test_a_list_that_ends_the_article_is_kept_and_a_link_list_is_not(lang):
    one, two = PROSE[lang]
    # the list that ends the article, with one item that is only a link (kept out, as jusText would)
    items = "".join(f"<li>{x}</li>" for x in ITEMS[lang]) + f"<li>{_links(['Newsletter abonnieren'])[0]}</li>"
    related = "".join(f"<li>{a}</li>" for a in _links(MENU[lang]))
    html = _page(f"<div><h1>Regional</h1><p>{one}</p><p>{two}</p><ul>{items}</ul>"
                 f"<ul>{related}</ul></div>", lang)
    text = extract_document(html, lang=lang).original
    assert one in text and two in text
    for x in ITEMS[lang]:
        assert x in text
    for word in MENU[lang]:
        assert word not in text
    assert "Newsletter" not in text


def test_a_table_inside_the_article_becomes_rows_and_its_link_cells_stay():
    """An ingredients table between paragraphs: written as rows; a linked
    ingredient is data of its row, not a link to drop."""
    one, two = PROSE["de"]
    rows = [("125 g", "<a href='/mehl'>Mehl</a>"), ("65 g", "Zucker"), ("65 g", "Margarine oder Butter"),
            ("1", "<a href='/ei'>Ei(er)</a>")]
    html = _page(f"<main><h1>Kuchen</h1><p>{one}</p>{_table(rows)}<p>{two}</p></main>")
    text = extract_document(html, lang="de").original
    assert "125 g\tMehl\n65 g\tZucker\n65 g\tMargarine oder Butter\n1\tEi(er)" in text
    assert text.index(one) < text.index("125 g") < text.index(two)


def test_dropped_cells_are_reported():
    one, two = PROSE["en"]
    grid = [_links(MENU["en"][:3]), _links(MENU["en"][3:])]
    doc = extract_document(_page(f"<div><p>{one}</p><p>{two}</p></div>{_table(grid)}", "en"), lang="en")
    dropped = {d["text"] for d in doc.annotations["extraction"]["dropped"]}
    assert set(MENU["en"]) <= dropped


def test_a_list_bigger_than_the_article_it_follows_is_not_read_as_part_of_it():
    """Two paragraphs and then a long plain list: a page section of its own
    (a shop's offers, an index), read item by item as jusText reads it."""
    one, two = PROSE["de"]
    offers = [f"Angebot Nummer {k} im Onlineshop der Woche" for k in range(1, 15)]
    html = _page(f"<div><h1>Regional</h1><p>{one}</p><p>{two}</p>"
                 f"<ul>{''.join(f'<li>{x}</li>' for x in offers)}</ul></div>")
    text = extract_document(html, lang="de").original
    assert one in text and two in text
    assert not any(x in text for x in offers)
    # the same list, short, is the end of the article
    html = _page(f"<div><h1>Regional</h1><p>{one}</p><p>{two}</p>"
                 f"<ul>{''.join(f'<li>{x}</li>' for x in offers[:4])}</ul></div>")
    assert all(x in extract_document(html, lang="de").original for x in offers[:4])


def test_tables_in_different_boxes_are_not_one_table():
    """Back to back but not siblings: a results table and, in the next box, a
    table of links; the link table stays out."""
    one, two = PROSE["en"]
    rows = RESULTS["en"]
    links = [_links(MENU["en"][:3]), _links(MENU["en"][3:])]
    html = _page(f"<article><h1>Regional</h1><p>{one}</p><p>{two}</p><div>{_table(rows)}</div>"
                 f"<div>{_table(links)}</div></article>", "en")
    text = extract_document(html, lang="en").original
    assert _rows(rows) in text
    assert not any(word in text for word in MENU["en"])
