"""Boilerplate phrases of tr el uk bg ja zh ko ar id vi, and the matching rules
they need: the character prefix of unspaced scripts (ja, zh) and Hangul endings
(ko), and the fold of Greek accents, Turkish dotted/dotless i, Arabic tatweel,
harakat, hamza forms and bidi marks, CJK brackets at the line's ends."""

from __future__ import annotations

import re
import unicodedata

import pytest

from cleaner import Pipeline, resources
from cleaner.filters.boilerplate import (_FOLD_DROP_RE, _FOLD_REPLACE, Boilerplate, PhraseBook, _Phrase,
                                         fold, phrase_book)
from cleaner.filters.layout import Layout
from cleaner.text import normalize

LANGS = ("tr", "el", "uk", "bg", "ja", "zh", "ko", "ar", "id", "vi")


def hit(line: str):
    return phrase_book().match(normalize(line), line)


@pytest.mark.parametrize("line,family", [
    # Turkish
    ("Bir Yanıt Yazın", "comment"),
    ("Yanıtı iptal et", "comment"),
    ("E-posta hesabınız yayımlanmayacak. Gerekli alanlar * ile işaretlenmişlerdir", "comment"),
    ("Bir dahaki sefere yorum yaptığımda kullanılmak üzere adımı, e-posta adresimi ve web site adresimi "
     "bu tarayıcıya kaydet.", "comment"),
    ("Yorum gönder", "comment"),
    ("12 Yorum", "comment"),
    ("3 yıl önce", "comment"),
    ("Bunu paylaş:", "share"),
    ("Facebook'ta paylaşmak için tıklayın (Yeni pencerede açılır)", "share"),
    ("Sitemizde çerezler kullanılmaktadır. Detaylı bilgi için çerez politikamızı inceleyin.", "cookie"),
    ("Size daha iyi hizmet sunabilmek için çerezleri kullanıyoruz.", "cookie"),
    ("Tümünü kabul et", "cookie"),
    ("Bültenimize abone olun, haberleri kaçırmayın", "newsletter"),
    ("İçeriğe geç", "navigation"),
    ("İLGİLİ HABERLER", "navigation"),
    ("En Çok Okunanlar", "navigation"),
    ("Önceki Yazı", "navigation"),
    ("Etiketler: ekonomi, enflasyon", "navigation"),
    ("İletişim", "navigation"),
    ("© 2024 Örnek Medya. TÜM HAKLARI SAKLIDIR.", "footer"),
    ("Reklam", "ads"),
    # Greek
    ("Αφήστε μια απάντηση", "comment"),
    ("Ακύρωση απάντησης", "comment"),
    ("Η ηλ. διεύθυνση σας δεν δημοσιεύεται. Τα υποχρεωτικά πεδία σημειώνονται με *", "comment"),
    ("Δημοσίευση σχολίου", "comment"),
    ("12 σχόλια", "comment"),
    ("πριν από 3 ώρες", "comment"),
    ("Κοινοποίηση:", "share"),
    ("Πατήστε για κοινοποίηση στο Facebook (Ανοίγει σε νέο παράθυρο)", "share"),
    ("Αυτός ο ιστότοπος χρησιμοποιεί cookies για να βελτιώσει την εμπειρία σας.", "cookie"),
    ("ΑΠΟΔΟΧΗ", "cookie"),
    ("Εγγραφείτε στο newsletter μας", "newsletter"),
    ("ΔΙΑΒΑΣΤΕ ΕΠΙΣΗΣ", "navigation"),
    ("Διαβάστε επίσης: Τι αλλάζει στις συντάξεις", "navigation"),
    ("Μετάβαση στο περιεχόμενο", "navigation"),
    ("Επόμενο άρθρο: Νέα γέφυρα στη Θεσσαλονίκη", "navigation"),
    ("© 2024 Example. Με επιφύλαξη παντός δικαιώματος.", "footer"),
    ("ΔΙΑΦΗΜΙΣΗ", "ads"),
    # Ukrainian
    ("Залишити відповідь", "comment"),
    ("Скасувати відповідь", "comment"),
    ("Ваша e-mail адреса не оприлюднюватиметься. Обов’язкові поля позначені *", "comment"),
    ("Зберегти моє ім'я, e-mail, та адресу сайту в цьому браузері для наступних моїх коментарів.", "comment"),
    ("Опублікувати коментар", "comment"),
    ("5 коментарів", "comment"),
    ("Поділитися", "share"),
    ("Ми використовуємо файли cookie, щоб покращити роботу сайту.", "cookie"),
    ("Підпишіться на нашу розсилку", "newsletter"),
    ("Читайте також: Як зміниться тариф на світло", "navigation"),
    ("Перейти до вмісту", "navigation"),
    ("Наступний запис", "navigation"),
    ("© 2024 Приклад. Усі права захищені.", "footer"),
    ("Реклама", "ads"),
    # Bulgarian
    ("Вашият коментар", "comment"),
    ("Вашият имейл адрес няма да бъде публикуван. Задължителните полета са отбелязани с *", "comment"),
    ("Публикуване на коментар", "comment"),
    ("преди 2 часа", "comment"),
    ("Сподели във Facebook", "share"),
    ("Този сайт използва бисквитки, за да подобри вашето изживяване.", "cookie"),
    ("Приемам", "cookie"),
    ("Абонирайте се за нашия бюлетин", "newsletter"),
    ("Към съдържанието", "navigation"),
    ("Вижте също: Новият мост над Дунав", "navigation"),
    ("Най-четени", "navigation"),
    ("Всички права запазени.", "footer"),
    # Japanese (WordPress core, Jetpack and common blog strings)
    ("コメントを残す", "comment"),
    ("返信をキャンセル", "comment"),
    ("メールアドレスが公開されることはありません。 * が付いている欄は必須項目です", "comment"),
    ("* が付いている欄は必須項目です", "comment"),
    ("次回のコメントで使用するためブラウザーに自分の名前、メールアドレス、サイトを保存する。", "comment"),
    ("コメントを送信", "comment"),
    ("返信", "comment"),
    ("“東京の新しい橋” への2件のフィードバック", "comment"),
    ("「東京の新しい橋」への12件のフィードバック", "comment"),
    ("3件のコメント", "comment"),
    ("5分前", "comment"),
    ("共有:", "share"),
    ("いいね 読み込み中…", "share"),
    ("クリックして Twitter で共有 (新しいウィンドウで開きます)", "share"),
    ("当サイトではCookieを使用しています。サイトを閲覧し続けることで、Cookieの使用に同意したものとみなします。"
     "詳細はプライバシーポリシーをご覧ください。", "cookie"),
    ("本ウェブサイトでは、お客様により良いサービスを提供するためにクッキーを使用しています。", "cookie"),
    ("同意する", "cookie"),
    ("この記事は有料会員限定です。続きを読むには会員登録が必要です。", "newsletter"),
    ("コンテンツへスキップ", "navigation"),
    ("【関連記事】", "navigation"),
    ("■関連記事", "navigation"),
    ("【関連記事】東京の新しい橋、来年着工へ", "navigation"),
    ("関連記事: 東京の新しい橋", "navigation"),
    ("次の記事 東京の新しい橋", "navigation"),
    ("人気記事", "navigation"),
    ("記事・写真の無断転載を禁じます。", "footer"),
    ("スポンサーリンク", "ads"),
    ("広告", "ads"),
    # Chinese, simplified and traditional
    ("发表回复", "comment"),
    ("發表回覆", "comment"),
    ("取消回复", "comment"),
    ("您的电子邮箱地址不会被公开。 必填项已用*标注", "comment"),
    ("發佈留言必須填寫的電子郵件地址不會公開。 必填欄位標示為 *", "comment"),
    ("在此浏览器中保存我的显示名称、邮箱地址和网站地址，以便下次评论时使用。", "comment"),
    ("12 条评论", "comment"),
    ("3小时前", "comment"),
    ("分享到：", "share"),
    ("分享到：微信 微博 QQ", "share"),
    ("本网站使用cookie来改善您的浏览体验。继续浏览即表示您同意我们使用cookie。", "cookie"),
    ("我們使用 Cookies 來提升您的使用體驗。", "cookie"),
    ("我知道了", "cookie"),
    ("立即订阅", "newsletter"),
    ("跳至内容", "navigation"),
    ("跳至主要內容", "navigation"),
    ("相关文章", "navigation"),
    ("延伸閱讀：台北新橋明年動工", "navigation"),
    ("上一篇：台北新橋明年動工", "navigation"),
    ("版权所有 © 2024 示例传媒", "footer"),
    ("京ICP备12345678号-1", "footer"),
    ("未经授权，禁止转载", "footer"),
    ("广告", "ads"),
    # Korean
    ("답글 남기기", "comment"),
    ("응답 취소", "comment"),
    ("이메일 주소는 공개되지 않습니다. 필수 필드는 *로 표시됩니다", "comment"),
    ("다음 번 댓글 작성을 위해 이 브라우저에 이름, 이메일, 그리고 웹사이트를 저장합니다.", "comment"),
    ("댓글 달기", "comment"),
    ("댓글 3개", "comment"),
    ("2시간 전", "comment"),
    ("공유하기:", "share"),
    ("클릭하여 Facebook으로 공유하기(새 창에서 열림)", "share"),
    ("이 웹사이트는 쿠키를 사용합니다. 계속 이용하시면 쿠키 사용에 동의하는 것으로 간주됩니다.", "cookie"),
    ("모두 허용", "cookie"),
    ("본문 바로가기", "navigation"),
    ("콘텐츠로 건너뛰기", "navigation"),
    ("관련기사: 서울 새 다리 내년 착공", "navigation"),
    ("많이 본 뉴스", "navigation"),
    ("<저작권자 ⓒ 연합뉴스, 무단 전재-재배포, AI 학습 및 활용 금지>", "footer"),
    ("ⓒ 한겨레신문사 : 무단 전재 및 재배포 금지", "footer"),
    ("광고", "ads"),
    # Arabic
    ("اترك تعليقاً", "comment"),
    ("إلغاء الرد", "comment"),
    ("لن يتم نشر عنوان بريدك الإلكتروني. الحقول الإلزامية مشار إليها بـ *", "comment"),
    ("احفظ اسمي، بريدي الإلكتروني، والموقع الإلكتروني في هذا المتصفح لاستخدامها المرة المقبلة في تعليقي.", "comment"),
    ("إرسال التعليق", "comment"),
    ("٣ تعليقات", "comment"),
    ("منذ 3 أيام", "comment"),
    ("شارك على فيسبوك", "share"),
    ("يستخدم هذا الموقع ملفات تعريف الارتباط لتحسين تجربتك.", "cookie"),
    ("قبول الكل", "cookie"),
    ("اشترك في النشرة البريدية", "newsletter"),
    ("اقرأ أيضاً: جسر جديد في القاهرة", "navigation"),
    ("الأكثر قراءة", "navigation"),
    ("المقال السابق: جسر جديد في القاهرة", "navigation"),
    ("تخطي إلى المحتوى", "navigation"),
    ("© 2024 جميع الحقوق محفوظة لموقع المثال", "footer"),
    ("إعلان", "ads"),
    # Indonesian
    ("Tinggalkan Balasan", "comment"),
    ("Batalkan balasan", "comment"),
    ("Alamat email Anda tidak akan dipublikasikan. Ruas yang wajib ditandai *", "comment"),
    ("Simpan nama, email, dan situs web saya pada peramban ini untuk komentar saya berikutnya.", "comment"),
    ("Kirim Komentar", "comment"),
    ("2 jam yang lalu", "comment"),
    ("Bagikan ini:", "share"),
    ("Klik untuk membagikan di Facebook (Membuka di jendela yang baru)", "share"),
    ("Situs web ini menggunakan cookie untuk meningkatkan pengalaman Anda.", "cookie"),
    ("Berlangganan newsletter kami", "newsletter"),
    ("Baca Juga: Jembatan baru di Jakarta mulai dibangun", "navigation"),
    ("Langsung ke konten", "navigation"),
    ("Berita Terkait", "navigation"),
    ("Pedoman Media Siber", "navigation"),
    ("Hak Cipta © 2024 Contoh Media", "footer"),
    ("ADVERTISEMENT", "ads"),
    ("Iklan", "ads"),
    # Vietnamese
    ("Để lại một bình luận", "comment"),
    ("Hủy trả lời", "comment"),
    ("Email của bạn sẽ không được hiển thị công khai. Các trường bắt buộc được đánh dấu *", "comment"),
    ("Lưu tên của tôi, email, và trang web trong trình duyệt này cho lần bình luận kế tiếp của tôi.", "comment"),
    ("Gửi bình luận", "comment"),
    ("3 giờ trước", "comment"),
    ("Chia sẻ:", "share"),
    ("Thích Đang tải...", "share"),
    ("Trang web này sử dụng cookie để cải thiện trải nghiệm của bạn.", "cookie"),
    ("Chấp nhận", "cookie"),
    ("Đăng ký nhận bản tin", "newsletter"),
    ("Chuyển đến nội dung", "navigation"),
    ("Xem thêm: Cầu mới ở Hà Nội sẽ được xây vào năm sau", "navigation"),
    ("Tin liên quan", "navigation"),
    ("Bài viết liên quan", "navigation"),
    ("Bản quyền © 2024 Báo Ví Dụ", "footer"),
    ("Quảng cáo", "ads"),
])
def test_phrase_families_world(line, family):
    h = hit(line)
    assert h is not None and h.family == family, h


@pytest.mark.parametrize("line", [
    # prose with the phrases' words: must stay
    "Çerez üreticisi şirket, bu yıl satışlarının yüzde yirmi arttığını açıkladı.",
    "Kategori 3 kasırga sahile yaklaşırken yetkililer halkı tahliye etti.",
    "Önceki haberde belirttiğimiz gibi köprü gelecek yıl inşa edilecek.",
    "Το προηγούμενο άρθρο του περιοδικού αφορούσε τη νέα γέφυρα της πόλης.",
    "Οι ειδήσεις για τη νέα γέφυρα διαβάστηκαν από χιλιάδες αναγνώστες.",
    "Він залишив коментар під статтею і попросив редактора перевірити цифри.",
    "Поділитися враженнями від вистави глядачі змогли одразу після прем'єри.",
    "Споделете мнението си с нас, казаха от общината и поканиха гражданите.",
    "関連記事によると、新しい橋は来年着工する予定で、市は費用について議論している。",
    "次の記事では、橋の建設費用について詳しく説明します。",
    "クッキーの作り方を紹介したこの本は、発売から一週間で十万部を売り上げた。",
    "当サイトの編集部は、読者から寄せられた質問に毎週答えている。",
    "分享到社交媒体上的照片显示，新桥的施工已经开始。",
    "下一篇文章我们将讨论大桥的建设成本。",
    "版权所有者认为，该平台未经许可使用了他们的作品。",
    "黑客未经授权访问了系统，警方正在调查。",
    "该网站使用cookie追踪用户，被监管机构罚款。",
    "관련 기사를 쓴 기자는 다리 건설 비용에 대해 자세히 설명했다.",
    "다음 기사에서 자세히 다루겠습니다.",
    "이 사이트는 지난해 방문자가 두 배로 늘었다고 밝혔다.",
    "شارك آلاف المواطنين في الاحتفال بافتتاح الجسر الجديد يوم الاثنين.",
    "المقال السابق تناول تكلفة بناء الجسر الجديد في المدينة.",
    "Berita sebelumnya menyebutkan bahwa jembatan itu akan dibangun tahun depan.",
    "Hak cipta lagu tersebut dimiliki oleh sebuah perusahaan rekaman di Jakarta.",
    "Bài sau đây sẽ giới thiệu chi phí xây dựng cây cầu mới.",
    "Bản quyền phim đã được bán cho một hãng phát hành ở Hàn Quốc.",
    "Tổng biên tập báo cho biết tòa soạn sẽ chuyển sang trụ sở mới.",
])
def test_prose_near_the_world_phrases_stays(line):
    assert hit(line) is None, hit(line)


# ------------------------------------------------------------------ unspaced scripts

def test_unspaced_prefix_matches_as_characters_within_the_word_limit():
    """A Japanese or Chinese line has no spaces: the whole banner is one token, so
    a prefix phrase that ends in a kana, kanji or Hangul syllable matches the
    line's first characters. The line's length in words is its tokens plus half
    its unspaced characters (a word is about two characters)."""
    e = _Phrase("cookie", "ja", "^", "当サイトではクッキーを使用")
    n = _Phrase("navigation", "ja", "^", "関連記事")
    book = PhraseBook([e, n], max_prefix_words=24, long_prefix_words=80)
    banner = "当サイトではクッキーを使用しています。" + "サイトを閲覧し続けることで同意したものとみなします。" * 2
    assert len(banner.split()) == 1  # one "word" for the whole-word prefix rule
    assert book.match(normalize(banner)) is e
    assert book.match(normalize("当サイトではクッキーを使用" + "あ" * 146)) is e  # 1 + 159 // 2 = 80 words
    assert book.match(normalize("当サイトではクッキーを使用" + "あ" * 148)) is None  # 81 words: prose
    assert book.match("関連記事 東京の新しい橋") is n
    assert book.match("関連記事" + "あ" * 42) is n  # 1 + 46 // 2 = 24 words
    assert book.match("関連記事" + "あ" * 44) is None  # 25: a paragraph that starts with it
    # a prefix that ends in a Latin letter keeps the whole-word rule
    latin = _Phrase("navigation", "en", "^", "read also")
    book = PhraseBook([latin])
    assert book.match("read also: a title") is latin and book.match("read alsovarious") is None
    assert book.char_prefix == {}


def test_hangul_prefix_takes_the_unspaced_ending():
    line = "이 웹사이트는 쿠키를 사용합니다."
    assert hit(line).family == "cookie"
    assert hit("이 사이트는 쿠키를 사용하고 있습니다").family == "cookie"
    # Hangul is spaced: its syllables do not count as half words, the tokens do
    e = _Phrase("cookie", "ko", "^", "이 사이트는 쿠키를")
    book = PhraseBook([e], max_prefix_words=24, long_prefix_words=80)
    assert book.match("이 사이트는 쿠키를 " + " ".join(["사용합니다"] * 77)) is e  # 80 words
    assert book.match("이 사이트는 쿠키를 " + " ".join(["사용합니다"] * 78)) is None


def test_japanese_cookie_banner_of_one_long_word_is_removed_from_a_page():
    prose = ("市議会は火曜日の夜に会合を開き、川に架かる新しい橋を来年建設することを決めた。"
             "費用と交通について長い議論が続いたが、最終的に賛成多数で可決された。")
    text = "\n".join([
        "ホーム", "ニュース", "東京の新しい橋、来年着工へ", prose, prose,
        "共有:", "いいね 読み込み中…", "関連記事", "コメントを残す", "返信をキャンセル",
        "メールアドレスが公開されることはありません。 * が付いている欄は必須項目です",
        "当サイトではCookieを使用しています。サイトを閲覧し続けることで、Cookieの使用に同意したものとみなします。",
        "同意する",
    ]) + "\n"
    out = Pipeline([Boilerplate(), Layout()])(text).text
    assert prose in out
    for gone in ("共有", "コメントを残す", "Cookie", "必須項目", "同意する", "関連記事"):
        assert gone not in out, gone


# ------------------------------------------------------------------ folds

def test_arabic_matches_without_tatweel_harakat_hamza_and_bidi_marks():
    for line in ("اترك تعليقاً", "اترك تعليقا", "اتـــرك تعليـقاً", "\u200fاترك تعليقاً\u200f",
                 "اُترك تَعليقاً", "\u202bاترك تعليقاً\u202c"):
        assert hit(line) is not None and hit(line).family == "comment", line
    for line in ("اقرأ أيضاً:", "اقرا ايضا", "اقرأ أيضـاً", "إقرأ أيضا"):
        assert hit(line) is not None and hit(line).family == "navigation", line
    assert hit("هل لديك حساب؟ تسجيل الدخول") is None  # a question mark inside stays a word
    assert hit("تسجيل الدخول؟") is not None  # Arabic punctuation at the end is trimmed
    assert fold("اتـرك تعليقاً") == "اترك تعليقا"


@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_vietnamese_matches_in_nfc_and_nfd(form):
    for line, family in [("Để lại một bình luận", "comment"), ("Hủy trả lời", "comment"),
                         ("Chuyển đến nội dung", "navigation"), ("Bài viết liên quan", "navigation"),
                         ("Trang web này sử dụng cookie để cải thiện trải nghiệm của bạn.", "cookie"),
                         ("3 giờ trước", "comment"), ("Quảng cáo", "ads"),
                         ("XEM THÊM: Cầu mới ở Hà Nội", "navigation")]:
        line = unicodedata.normalize(form, line)
        assert form == "NFC" or not unicodedata.is_normalized("NFC", line)
        h = hit(line)
        assert h is not None and h.family == family, (form, line)


def test_greek_upper_case_and_final_sigma():
    for line in ("ΔΙΑΒΑΣΤΕ ΕΠΙΣΗΣ", "Διαβάστε επίσης", "διαβαστε επισης", "ΔΙΑΒΆΣΤΕ ΕΠΊΣΗΣ:"):
        assert hit(line) is not None and hit(line).family == "navigation", line
    assert hit("12 ΣΧΟΛΙΑ").family == "comment"
    assert hit("ΠΡΙΝ ΑΠΟ 3 ΩΡΕΣ").family == "comment"


def test_turkish_dotted_and_dotless_i_in_upper_case():
    for line, family in [("İLETİŞİM", "navigation"), ("İletişim", "navigation"),
                         ("TÜM HAKLARI SAKLIDIR", "footer"), ("Tüm hakları saklıdır.", "footer"),
                         ("YORUM YAP", "comment"), ("İÇERİĞE GEÇ", "navigation"), ("3 YIL ÖNCE", "comment")]:
        h = hit(line)
        assert h is not None and h.family == family, line


def test_fold_is_idempotent_and_leaves_ascii_and_other_scripts_alone():
    for s in ("share on facebook", "поделиться", "lire la suite", "①②", "ß", "x » y"):
        assert fold(normalize(s)) == normalize(s)
    for s in ("اتـرك تعليقاً", "διαβάστε επίσησ", "i̇leti̇şi̇m", "【関連記事】", "■ 関連記事 ■", "\u200fشارك"):
        assert fold(fold(s)) == fold(s)
    assert fold("【関連記事】") == "関連記事" and fold("■ 関連記事") == "関連記事"
    assert fold("同意する。") == "同意する"


# ------------------------------------------------------------------ data files

def _rules(lang: str):
    return [ln.split(None, 2) for ln in resources.lines(f"boilerplate/{lang}.txt")]


@pytest.mark.parametrize("lang", LANGS)
def test_world_phrase_files_are_well_formed(lang):
    rules = _rules(lang)
    assert 60 <= len(rules) <= 140, len(rules)
    families = {f for f, _, _ in rules}
    assert {"comment", "share", "cookie", "newsletter", "navigation", "footer", "ads"} <= families
    for family, kind, phrase in rules:
        assert unicodedata.is_normalized("NFC", phrase), phrase
        if kind == "~":
            re.compile(phrase)
            # patterns are matched on folded lines: they must be written folded
            assert not _FOLD_DROP_RE.search(phrase), phrase
            assert not re.search("[άέήίόύώϊϋΐΰς]", phrase), phrase
            assert not any(a in phrase for a, _ in _FOLD_REPLACE), phrase
        else:
            # written in the normalised form (Greek final sigma aside: case folding makes it σ)
            assert normalize(phrase) == phrase.replace("ς", "σ").replace("’", "'").lower(), phrase


def test_world_phrases_do_not_change_the_family_of_an_existing_phrase():
    families: dict[str, set[str]] = {}
    for fname in resources.listdir("boilerplate"):
        if fname.endswith(".txt"):
            for family, kind, phrase in _rules(fname[:-4]):
                if kind == "=":
                    families.setdefault(fold(normalize(phrase)), set()).add(family)
    for lang in LANGS:
        for family, kind, phrase in _rules(lang):
            if kind == "=":
                assert len(families[fold(normalize(phrase))]) == 1, (lang, phrase)


@pytest.mark.parametrize("line,tail", [
    ("Köprü gelecek yıl yapılacak, belediye başkanı açıkladı. Devamını oku »", "Devamını oku »"),
    ("Η γέφυρα θα χτιστεί του χρόνου, είπε ο δήμαρχος… Διαβάστε περισσότερα", "Διαβάστε περισσότερα"),
    ("Міст збудують наступного року, сказав мер… Читати далі →", "Читати далі →"),
    ("Jembatan itu akan dibangun tahun depan, kata wali kota. [Baca selengkapnya]", "[Baca selengkapnya]"),
    ("Cây cầu sẽ được xây vào năm sau, thị trưởng cho biết… Xem thêm »", "Xem thêm »"),
    ("سيتم بناء الجسر العام المقبل، قال رئيس البلدية… اقرأ المزيد", "اقرأ المزيد"),
    ("다리는 내년에 건설될 예정이라고 시장이 밝혔다… 더 보기", "더 보기"),
])
def test_glued_read_more_links_of_the_world_languages(line, tail):
    from cleaner.filters.boilerplate import _glued_cut

    cut = _glued_cut(line)
    assert cut is not None and cut[1] == "navigation" and line[cut[0]:].strip() == tail


@pytest.mark.parametrize("line", ["Người dân muốn xem thêm", "Bu konuyu okurlar devamını oku dedi ve gitti."])
def test_read_more_words_ending_a_sentence_stay(line):
    from cleaner.filters.boilerplate import _glued_cut

    assert _glued_cut(line) is None


def test_floating_cjk_patterns_are_gated_by_a_cjk_keyword():
    """A pattern that floats (``.{1,200}…``) is tried only on lines that hold its
    keyword; in Han, kana and Hangul a run of 3 characters is one (as rare as 5
    Latin letters), so the Japanese comment heading does not join the
    alternation every line is tried against."""
    from cleaner.filters.boilerplate import _floating_keyword

    assert _floating_keyword(r".{1,200}への ?\d{1,6} ?件のフィードバック") == "件のフィードバック"
    assert _floating_keyword(r".{0,80}無断(転載|複製)") is None  # 2 characters: not a keyword
    assert _floating_keyword(r".{0,40}[備备證证]案号.{0,9}") is None  # a class: none of its characters needed
    assert _floating_keyword(r".{0,40}[a-z]creative commons") == "creative commons"
    assert _floating_keyword(r".{0,31}am meisten gelesen.{0,31}") == "am meisten gelesen"
    book = phrase_book()
    assert any(k == "件のフィードバック" for k, _, _ in book._gated)
    # no pattern of these languages joins every line's alternation: each has a first-character index
    # entry, or a keyword
    for i, _, test in book._anchored:
        e = book._patterns[i][1]
        if e.lang in LANGS:
            assert test is not None and not (test("a") and test("日") and test("1")), e.phrase
