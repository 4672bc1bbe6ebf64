"""Hypothesis strategies for realistic dirty documents.

``dirty_documents()`` builds pages the way scrapers produce them: article
paragraphs in several languages, debris lines (comment forms, share, cookie,
newsletter, navigation), captions and credits, mojibake, entities, invisible and
control characters, odd line breaks, and random Unicode.
"""

from __future__ import annotations

from hypothesis import strategies as st

ARTICLE = [
    "Three Iraqi children and two women from the same family were killed on Monday when a missile struck their home.",
    "The city council approved the new budget after a long debate about public transport and housing.",
    "Die Bundesregierung hat am Dienstag neue Regeln für den Ausbau der Windenergie beschlossen.",
    "Le gouvernement a présenté mercredi un projet de loi sur la réforme des retraites.",
    "El presidente anunció este lunes un nuevo plan de inversión en infraestructuras.",
    "Il sindaco ha inaugurato ieri la nuova biblioteca comunale nel centro storico.",
    "O governo anunciou nesta terça-feira um pacote de medidas para conter a inflação.",
    "De gemeenteraad heeft dinsdag ingestemd met het nieuwe bestemmingsplan voor het centrum.",
    "Rząd przyjął we wtorek projekt ustawy o odnawialnych źródłach energii.",
    "Правительство во вторник одобрило новый план развития транспорта.",
    "“The honeymoon is over,” an official told reporters on condition of anonymity.",
    "Prices rose 3.5% in October, the statistics office said.",
]
DEBRIS = [
    "Please enter your comment!", "Please enter your name here", "Leave a Reply",
    "Save my name, email, and website in this browser for the next time I comment.",
    "Share this:", "Share on Facebook", "Tweet", "We use cookies to improve your experience. OK",
    "Subscribe to our newsletter", "Read more", "Related articles", "Home | News | Sport | Contact",
    "© 2024 Example Media. All rights reserved.", "Kommentar schreiben", "Diesen Artikel teilen",
    "Laisser un commentaire", "Deja un comentario", "Lascia un commento", "Deixe um comentário",
]
CAPTIONS = [
    "Three Iraqi children and two women from the same family were killed on Monday. (Representative)",
    "Photo: Reuters", "Foto: dpa", "(File photo)", "Bild: Keystone", "Crédit photo : AFP",
    "The minister at the press conference. (AP Photo/John Doe)", "Imagen de archivo",
]
MOJIBAKE = ["cafÃ©", "itâ€™s", "Ã¼ber", "naÃ¯ve", "&amp;", "&eacute;", "&#8217;", "\u200b", "\u00ad", "\x00",
            "\x07", "\ufeff", "e\u0301", "\ufb01", "\uff21"]
BREAKS = ["\n", "\n\n", "\r\n", "\r", "\u2028", "\n\n\n"]


def random_text(allow_surrogates: bool = False) -> st.SearchStrategy[str]:
    chars = st.characters(codec=None if allow_surrogates else "utf-8")
    return st.text(alphabet=chars, max_size=200)


@st.composite
def dirty_documents(draw, allow_surrogates: bool = False) -> str:
    pieces = draw(st.lists(st.one_of(
        st.sampled_from(ARTICLE), st.sampled_from(ARTICLE), st.sampled_from(DEBRIS),
        st.sampled_from(CAPTIONS), random_text(allow_surrogates),
    ), max_size=14))
    out = []
    for piece in pieces:
        if draw(st.booleans()) and piece:
            i = draw(st.integers(0, len(piece)))
            piece = piece[:i] + draw(st.sampled_from(MOJIBAKE)) + piece[i:]
        out.append(piece)
        out.append(draw(st.sampled_from(BREAKS)))
    return "".join(out)
