"""Captions filter in sv da no fi cs sk hu ro tr el uk bg ja zh ko ar id vi: credit
labels, markers, gallery lines and agency names (data in cleaner/data/captions/),
how credits are read in scripts without spaces or case, and prose that mentions
photos or an agency and must stay."""

from __future__ import annotations

import pytest

from cleaner import Pipeline
from cleaner.filters.captions import Captions, _sentence_break, _word_count, gallery_line

LONG = ("The council met on Tuesday evening and decided, after a debate that lasted well into the "
        "night and touched on the cost of the works, the traffic in the old town, the ferry that will "
        "keep running until the road is finished and the noise that the residents on the east bank "
        "fear, that the new bridge over the river will be built next year.")


def codes(text: str) -> list[tuple[str, str]]:
    r = Pipeline([Captions()])(text)
    return [(c.code, c.text.strip()) for c in r.report.changes]


def cleaned(text: str) -> str:
    return Pipeline([Captions()])(text).text


# -- a line that is a credit: removed whole (CAP101) ------------------------------------------

CREDIT_LINES = {
    "sv": ["Foto: TT", "Bild: Anna Svensson/TT", "Fotograf: Lars Pehrson", "Arkivbild", "Genrebild",
           "Foto: Bildbyrån"],
    "da": ["Foto: Ritzau Scanpix", "Arkivfoto", "Genrefoto", "Foto: Mads Claus Rasmussen/Ritzau Scanpix"],
    "no": ["Foto: NTB", "Bilde: Heiko Junge/NTB", "Illustrasjonsfoto", "Arkivbilde"],
    "fi": ["Kuva: Lehtikuva", "Kuva: STT/Lehtikuva", "Kuvaaja: Matti Matikainen", "Arkistokuva", "Kuvituskuva"],
    "cs": ["Foto: ČTK", "Foto: ČTK/Michal Kamaryt", "Ilustrační foto", "Archivní snímek", "Snímek: Profimedia"],
    "sk": ["Foto: TASR", "Foto: TASR – Martin Baumann", "Ilustračné foto", "Ilustračná snímka"],
    "hu": ["Fotó: MTI", "Fotó: MTI/Kovács Tamás", "Képünk illusztráció", "(Illusztráció)", "Archív fotó"],
    "ro": ["Foto: Agerpres", "Sursa foto: Inquam Photos / Octav Ganea", "Fotografie de arhivă",
           "Imagine ilustrativă", "Fotografie: Mediafax"],
    "tr": ["Fotoğraf: AA", "Foto: DHA", "Fotoğraf: İHA", "Temsili fotoğraf", "Arşiv fotoğrafı", "Görsel: Shutterstock"],
    "el": ["Φωτογραφία: ΑΠΕ-ΜΠΕ", "Φωτογραφία: Eurokinissi", "Φωτογραφία αρχείου"],
    "uk": ["Фото: Укрінформ", "Фото: УНІАН", "Ілюстративне фото", "Архівне фото", "Світлина: Олег Петренко"],
    "bg": ["Снимка: БТА", "Снимка: БГНЕС", "Архивна снимка", "Илюстративна снимка"],
    "ja": ["写真：共同通信", "写真＝共同", "（写真：ロイター）", "撮影：山田太郎", "資料写真", "※写真はイメージです"],
    "zh": ["图片来源：新华社", "（图片来源：视觉中国）", "图：中新社", "摄影：李明", "资料图", "（示意图）", "圖片來源：中央社",
           "新华社记者 李明 摄", "（新华社记者 李明 摄）"],
    "ko": ["사진=연합뉴스", "(사진=뉴시스)", "사진=홍길동 기자", "사진제공=뉴스1", "자료사진", "사진=게티이미지뱅크"],
    "ar": ["صورة: رويترز", "(صورة: أ ف ب)", "تصوير: محمد علي", "صورة أرشيفية", "(صورة تعبيرية)", "(أرشيفية)"],
    "id": ["Foto: Antara", "ANTARA FOTO/Muhammad Adimaja/nz", "Foto ilustrasi", "(Ilustrasi)", "Sumber foto: Istimewa"],
    "vi": ["Ảnh: TTXVN", "Ảnh: VNA", "Ảnh minh họa", "Ảnh minh hoạ", "Ảnh tư liệu", "Nguồn ảnh: Reuters"],
}


@pytest.mark.parametrize("lang,line", [(lang, x) for lang, xs in CREDIT_LINES.items() for x in xs])
def test_credit_lines_go_whole(lang, line):
    found = codes(f"Headline of the story\n{line}\n{LONG}\n")
    assert found == [("CAP101", line)], (lang, found)


# -- a caption that ends in a credit: removed whole (CAP102) ----------------------------------

CAPTIONS = {
    "sv": "Statsministern under presskonferensen i Rosenbad på tisdagen. Foto: TT",
    "da": "Statsministeren ankommer til Christiansborg tirsdag morgen. Foto: Ritzau Scanpix",
    "no": "Statsministeren på vei inn til møtet i Stortinget. Foto: Heiko Junge / NTB",
    "fi": "Pääministeri saapui eduskuntaan tiistaiaamuna. Kuva: Lehtikuva",
    "cs": "Premiér na tiskové konferenci po jednání vlády. Foto: ČTK",
    "sk": "Premiér počas tlačovej konferencie na Úrade vlády. Foto: TASR",
    "hu": "A miniszterelnök a parlamentben kedden. Fotó: MTI/Koszticsák Szilárd",
    "ro": "Premierul la ședința de guvern de joi. Foto: Agerpres",
    "tr": "Cumhurbaşkanı, Ankara'daki törende konuştu. Fotoğraf: AA",
    "el": "Ο πρωθυπουργός κατά την ομιλία του στη Βουλή. Φωτογραφία: ΑΠΕ-ΜΠΕ",
    "uk": "Прем'єр-міністр під час засідання уряду в Києві. Фото: Укрінформ",
    "bg": "Министър-председателят по време на заседанието на кабинета. Снимка: БТА",
    "ja": "記者会見する岸田首相＝15日、首相官邸（写真：共同通信）",
    "zh": "游客在北京故宫参观。（图片来源：新华社）",
    "ko": "서울 종로구 광화문광장에서 시민들이 걷고 있다. 사진=연합뉴스",
    "ar": "متظاهرون في ساحة التحرير وسط القاهرة. (صورة: رويترز)",
    "id": "Presiden meninjau lokasi banjir di Jakarta Utara. ANTARA FOTO/Galih Pradipta",
    "vi": "Người dân đi bộ trên phố đi bộ Nguyễn Huệ. Ảnh minh họa",
}


@pytest.mark.parametrize("lang", sorted(CAPTIONS))
def test_captions_ending_in_a_credit_go_whole(lang):
    line = CAPTIONS[lang]
    found = codes(f"Headline\n{line}\n{LONG}\n")
    assert found == [("CAP102", line)], (lang, found)


# -- a long paragraph that ends in a credit keeps its text (CAP103) ----------------------------

JA_PARAGRAPH = ("政府は十五日の閣議で、来年度予算案の概算要求基準を了承した。歳出の上限は設けず、各省庁が必要な額を"
                "要求できる仕組みとする方針で、財政再建への影響が懸念されている。与党内からも、歳出の膨張を"
                "懸念する声が出ており、年末の予算編成に向けて議論が続く見通しだ。")
ZH_PARAGRAPH = ("国家统计局周一公布的数据显示，今年前三个季度国内生产总值同比增长百分之五，其中第三季度增长百分之四点九，"
                "消费对经济增长的贡献率继续提高，专家认为全年经济目标有望实现，但外部环境依然复杂严峻，"
                "需要进一步扩大内需、稳定就业和提振市场信心。")


@pytest.mark.parametrize("body,credit", [
    (LONG, "Foto: TT"),
    (LONG, "Kuva: Lehtikuva"),
    (LONG, "사진=연합뉴스"),
    (LONG, "(صورة: رويترز)"),
    (JA_PARAGRAPH, "（写真：共同通信）"),
    (ZH_PARAGRAPH, "（图片来源：新华社）"),
])
def test_a_long_paragraph_keeps_its_text_and_loses_the_credit(body, credit):
    sep = "" if credit.startswith("（") else " "
    r = Pipeline([Captions()])(f"Headline\n{body}{sep}{credit}\n")
    assert r.text == f"Headline\n{body}\n"
    assert [c.code for c in r.report.changes] == ["CAP103"]


def test_han_and_kana_count_two_characters_a_word():
    # a run of Han characters is one \w+ token: counted by characters, a Japanese
    # paragraph is long (CAP103 above), a short caption stays caption-sized (CAP102)
    assert _word_count("記者会見する岸田首相") == 1 + 10 // 2
    assert _word_count(JA_PARAGRAPH) > Captions.caption_max_words
    assert _word_count("Foto: dpa") == 2
    assert _word_count("Ο πρωθυπουργός στη Βουλή") == 4  # spaced scripts: as before


# -- gallery counters and controls (CAP104) --------------------------------------------------

GALLERY = ["Bild 3 av 10", "Billede 2 af 8", "Bilde 4 av 12", "Kuva 2/5", "Foto 3 z 10", "Snímka 2 z 7",
           "Kép 3 / 10", "Foto 2 din 9", "Fotoğraf 3 / 10", "Φωτογραφία 3 από 10", "Фото 2 з 6", "Снимка 3 от 10",
           "صورة 3 من 10", "Foto 2 dari 8", "Ảnh 3/10", "12 bilder", "Bildgalleri", "Helskärm", "Kuvagalleria",
           "Fotogalerie", "Teljes képernyő", "Galerie foto", "Tam ekran", "12 φωτογραφίες", "Фотогалерея",
           "Цял екран", "拡大", "点击查看大图", "크게 보기", "معرض الصور", "Galeri foto", "Phóng to"]


@pytest.mark.parametrize("line", GALLERY)
def test_gallery_lines(line):
    assert gallery_line(line) is not None
    assert [c for c, _ in codes(f"Headline\n{line}\n{LONG}\n")] == ["CAP104"]


def test_gallery_words_are_compared_in_normalised_form():
    # normalize() case-folds: "ß" -> "ss", final "ς" -> "σ"; the data is read the same way
    assert gallery_line("Bild vergrößern") == "control"
    assert gallery_line("Πλήρης οθόνη") == "control"
    assert gallery_line("8/10") is None and gallery_line("3 av 10 svenskar vill ha mer") is None


# -- what the script changes in the matching -------------------------------------------------

def test_equals_sign_only_after_labels_of_uncased_scripts():
    assert [c for c, _ in codes(f"Headline\n사진=연합뉴스\n{LONG}\n")] == ["CAP101"]
    assert [c for c, _ in codes(f"Headline\n写真＝共同\n{LONG}\n")] == ["CAP101"]
    # markup and query strings keep their "photo=" / "image="
    for line in ("image=Foo.jpg", "Open https://example.org/view?photo=Beach and see.", "Foto = Bild"):
        assert codes(f"Headline\n{line}\n{LONG}\n") == [], line


def test_a_fullwidth_bracket_needs_no_space_before_it():
    line = "会見する首相（写真：共同通信）"
    assert codes(f"見出し\n{line}\n{LONG}\n") == [("CAP102", line)]
    # a label glued to the text without a bracket is no credit ("…首相写真：" is not a start)
    assert codes(f"見出し\n会見する首相写真：共同通信\n{LONG}\n") == []


def test_uncased_names_are_names():
    # before: a name had to start with a capital, a digit or © (or be an agency)
    for line in ("صورة: محمد علي", "写真：山田太郎", "사진=홍길동 기자"):
        assert codes(f"Headline\n{line}\n{LONG}\n") == [("CAP101", line)], line


@pytest.mark.parametrize("two,one", [
    ("اجتمع الوزراء في العاصمة. وناقشوا خطة جديدة للنقل.", "اجتمع الوزراء في العاصمة لمناقشة خطة جديدة للنقل."),
    ("Ο πρωθυπουργός στη Βουλή. Η συζήτηση κράτησε ώρες.", "Ο πρωθυπουργός μιλά στη Βουλή για την οικονομία."),
])
def test_two_sentences_above_a_credit_are_no_caption(two, one):
    # CAP202 takes one sentence right above an image credit for its caption; a
    # sentence break before an Arabic letter or a Greek capital counts too
    credit = "صورة: رويترز" if two[0] == "ا" else "Φωτογραφία: ΑΠΕ-ΜΠΕ"
    # (after a paragraph: right under the headline, one sentence is the lede and stays)
    assert [c for c, _ in codes(f"Τίτλος\n{LONG}\n{two}\n{credit}\n{LONG}\n")] == ["CAP101"]
    assert [c for c, _ in codes(f"Τίτλος\n{LONG}\n{one}\n{credit}\n{LONG}\n")] == ["CAP202", "CAP101"]
    assert [c for c, _ in codes(f"Τίτλος\n{one}\n{credit}\n{LONG}\n")] == ["CAP101"]


def test_sentence_breaks_of_other_scripts():
    assert _sentence_break("اجتمع الوزراء. وناقشوا الخطة.")
    assert _sentence_break("Στη Βουλή. Η συζήτηση.")
    assert _sentence_break("首相が会見した。会見は続いた。")
    assert not _sentence_break("首相が会見した。")
    assert not _sentence_break("Dr. med. vet. sind Titel.")  # a lower-case word after the point
    assert not _sentence_break("One sentence only.")


# -- prose that mentions photos or agencies stays ---------------------------------------------

PROSE = {
    "sv": ["Enligt TT ska regeringen presentera förslaget på torsdag.",
           "Hon tog ett foto av Stockholm från tornet och delade det med sina vänner.",
           "Polisen har publicerat en arkivbild av den försvunne mannen."],
    "da": ["Det oplyser Ritzau torsdag aften.", "Han viste et billede af sin datter til journalisterne."],
    "no": ["Det melder NTB fredag morgen.", "Hun tok bilde av solnedgangen over fjorden."],
    "fi": ["STT:n mukaan hallitus kokoontuu huomenna.", "Kuva otettiin viime kesänä Helsingissä."],
    "cs": ["Informovala o tom agentura ČTK.", "Na fotografii je vidět starý most přes řeku."],
    "sk": ["Pre agentúru TASR to povedal hovorca ministerstva.", "Na snímke je zachytený starý most."],
    "hu": ["Az MTI értesülése szerint a kormány csütörtökön dönt.", "A fotó tavaly nyáron készült Budapesten."],
    "ro": ["Potrivit Agerpres, guvernul se reunește joi.", "Fotografia a fost făcută anul trecut la București."],
    "tr": ["AA muhabirinin haberine göre toplantı yarın yapılacak.",
           "Sergide fotoğraf, resim ve heykel eserleri yer alıyor.", "AA pil ile çalışan cihazlar ucuzdur."],
    "el": ["Σύμφωνα με το ΑΠΕ-ΜΠΕ, η σύσκεψη θα γίνει αύριο.", "Η φωτογραφία τραβήχτηκε πέρυσι στην Αθήνα."],
    "uk": ["Про це повідомляє Укрінформ.", "Фото зробили минулого літа в Києві."],
    "bg": ["Това съобщи БТА.", "Снимката е направена миналото лято в София."],
    "ja": ["共同通信によると、会談は明日行われる。", "写真は昨年の夏に東京で撮影された。", "この写真はイメージとは違った。"],
    "zh": ["据新华社报道，会议将于明天举行。", "这张图片来源于网络，真实性有待核实。", "他在北京拍摄了很多照片。",
           "这部电影在北京拍摄", "记者在现场拍摄"],
    "ko": ["연합뉴스에 따르면 회의는 내일 열린다.", "그는 사진을 찍어 친구들에게 보냈다."],
    "ar": ["ذكرت وكالة الأنباء الفلسطينية وفا أن الاجتماع سيعقد غدا.", "نشرت الصحيفة صورة للرئيس خلال زيارته."],
    "id": ["Menurut Antara, rapat akan digelar besok.", "Foto itu diambil tahun lalu di Jakarta."],
    "vi": ["Theo TTXVN, cuộc họp sẽ diễn ra vào ngày mai.", "Bức ảnh được chụp vào mùa hè năm ngoái tại Hà Nội."],
}


@pytest.mark.parametrize("lang,line", [(lang, x) for lang, xs in PROSE.items() for x in xs])
def test_prose_that_mentions_photos_or_agencies_stays(lang, line):
    text = f"Headline\n{line}\n{LONG}\n"
    assert codes(text) == [], (lang, line)
    assert cleaned(text) == text


def test_prose_documents_stay_in_the_default_pipeline():
    # one document of prose lines per language: no caption rule fires
    from cleaner import clean

    for lang, lines_ in PROSE.items():
        doc = "\n".join([*lines_, LONG, *lines_[::-1]]) + "\n"
        changed = [c.code for c in clean(doc).report.changes if c.code.startswith("CAP")]
        assert changed == [], (lang, changed)


def test_a_chinese_credit_that_ends_in_she():
    # "（新华社记者 李明 摄）": photographed by; a caption loses it whole, a long paragraph only the credit
    from cleaner.filters.captions import find_credit

    line = "李强在会见现场。（新华社记者 李明 摄）"
    assert line[find_credit(line):] == "（新华社记者 李明 摄）"
    assert line[find_credit("会见现场（记者王五摄）"):] != ""
    assert find_credit("会见现场（记者王五摄）") == 4
