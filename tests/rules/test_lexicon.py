"""The boilerplate phrase lists and the cheap word gate in front of them.

``boilerplate_group`` only runs the big pattern when a line holds one of the gate's
trigger words; a phrase the pattern knows but the gate lets through unseen would be
silently lost. Each case is a short line of page furniture, in several languages.
"""

from __future__ import annotations

import re

import pytest

from lint_corpus import lexicon as lx


@pytest.mark.parametrize("line, group", [
    ("E-mail:", "navigation"),
    ("Share this content", "share"),
    ("Compartilhe no WhatsApp", "share"),
    ("Subscribe to our newsletter", "subscribe"),
    ("Iscriviti alla newsletter", "subscribe"),
    ("Todos os direitos reservados", "legal"),
    ("Tutti i diritti riservati", "legal"),
    ("Publicidade", "advertising"),
    ("Anzeige des Partners", "advertising"),
    ("Você também pode gostar", "related"),
    ("Mais lidas da semana", "related"),
    ("Te puede interesar", "related"),
    ("Vous aimerez aussi", "related"),
    ("Das könnte Sie auch interessieren", "related"),
    ("Leggi anche", "related"),
    ("Articoli correlati", "related"),
    ("Lesen Sie auch", "related"),
    ("Mehr zum Thema", "related"),
    ("Sur le même sujet", "related"),
    ("Voir aussi", "related"),
    ("Lee también", "related"),
    ("Más noticias", "related"),
    ("Mais notícias", "related"),
    ("Deixe seu comentário", "comments"),
    ("Laisser un commentaire", "comments"),
    ("Siga-nos nas redes", "social"),
    ("Suivez-nous", "social"),
    ("Comments", "comments"),  # a lone header names its section
    ("Comments (4)", "comments"),
    ("Related", "related"),
    ("Article continues below this ad", "advertising"),
    ("ADVERTISEMENT", "advertising"),
    ("- Ad -", "advertising"),
    ("Continue reading the main story", "advertising"),
    ("Copy the link", "share"),
    ("Save for later", "share"),
    ("Listen to this story", "share"),
    ("Become a supporter", "subscribe"),
    ("Download the app", "subscribe"),
    ("Up next", "related"),
    ("Watch next", "related"),
    ("Open menu", "navigation"),
    ("Support our journalism", "subscribe"),
    ("Previous story", "related"),
    ("Follow @harborledger", "social"),
    ("Skip navigation", "navigation"),
    ("Home › Local › Transport", "navigation"),
    ("You are here:", "navigation"),
    ("Filed under: Harbour, Ferries", "navigation"),
    ("Keywords: tides, ferries", "navigation"),
    ("Link copied", "navigation"),
    ("Advert", "advertising"),
    ("Tell us what you think...", "comments"),
    ("Have your say", "comments"),
    ("Delivered to your door every month", "subscribe"),
    ("Read also", "related"),
    ("Поделиться", "share"),
    ("Читайте также", "related"),
    ("Подписывайтесь на наш канал", "subscribe"),
    ("© 2024 Гавань. Все права защищены.", "legal"),
    ("Комментарии (3)", "comments"),
    ("Реклама", "advertising"),
    ("分享到微博", "share"),
    ("分享", "share"),
    ("相关新闻", "related"),
    ("版权所有 2024 港口日报", "legal"),
    ("関連記事", "related"),
    ("Czytaj także", "related"),
    ("Tüm hakları saklıdır", "legal"),
    ("İlgili haberler", "related"),  # "İ" lowers to "i" and a combining dot
    ("Lees ook", "related"),
    ("2 comentários", "comments"),
    # Blog and CMS templates (WordPress and its themes), in English, German and French.
    ("Next post →", "related"),
    ("« Older entry", "related"),
    ("Nächster Beitrag", "related"),
    ("Article précédent", "related"),
    ("Ähnliche Beiträge", "related"),
    ("En savoir plus", "related"),
    ("Write a comment", "comments"),
    ("Hinterlasse einen Kommentar", "comments"),
    ("Kommentar hinzufügen", "comments"),
    ("Pingback: Harbour notes", "comments"),
    ("Diese Geschichte teilen", "share"),
    ("Beitrag teilen", "share"),
    ("Deel dit artikel", "share"),
    ("Stay up-to-date on our work.", "subscribe"),
    ("Bleib auf dem Laufenden", "subscribe"),
    ("This site uses Akismet to reduce spam.", "comments"),
    ("Gefällt mir:", "social"),
    ("Like this:", "social"),
    ("Category: Harbour news", "navigation"),
    ("Schlagwörter: Hafen, Fähre", "navigation"),
    ("Impressum", "navigation"),
    ("Mentions légales", "navigation"),
    # Spanish and Portuguese templates.
    ("Comentar", "comments"),
    ("Relacionado", "related"),
    ("Ver más", "related"),
    ("También en Noticias", "related"),
    ("Normas de uso y aviso legal", "legal"),
    ("Política de privacidade", "legal"),
    ("Etiquetas", "navigation"),
    ("Save javascript:void(0)", "navigation"),  # a button's link target, left as text
    # A video player's and an ad slot's controls, a site's footer links.
    ("Now Playing", "video"),
    ("Play Video", "video"),
    ("Video duration 2:34", "video"),
    ("Skip Ad", "advertising"),
    ("Your Ad Choices", "advertising"),
    ("Supported by", "advertising"),
    ("Follow Ana Ruiz on Twitter", "social"),
    ("Site Map", "navigation"),
    ("Reprints", "navigation"),
    ("Editors’ Picks", "navigation"),
    # The box under an article that asks readers to report a mistake.
    ("Report an error", "feedback"),
    ("Spotted a typo? Let us know", "feedback"),
    ("Submit a correction", "feedback"),
    ("Fehler melden", "feedback"),
    ("Signaler une erreur", "feedback"),
    ("【纠错】", "feedback"),
    # A blog's comment form, as its software writes it in each language.
    ("Your email address will not be published. Required fields are marked *", "comments"),
    ("Deine E-Mail-Adresse wird nicht veröffentlicht.", "comments"),
    ("Erforderliche Felder sind mit * markiert", "comments"),
    ("Votre adresse e-mail ne sera pas publiée.", "comments"),
    ("O seu endereço de email não será publicado.", "comments"),
    ("Deixe uma resposta", "comments"),
    ("Schreibe eine Antwort", "comments"),
    ("Nach oben", "navigation"),
    ("Retour en haut", "navigation"),
    # French headers of a box of other pages: to read, to hear, to discover.
    ("À ÉCOUTER AUSSI", "related"),
    ("À voir aussi :", "related"),
    ("À découvrir", "related"),
    # The header of a blog's comments counts them and names the post.
    ("31 Responses to “Ferry week”", "comments"),
    ("2 thoughts on “Ferry week”", "comments"),
    ("One Response to “Ferry week”", "comments"),
    ("3 Gedanken zu „Fährwoche“", "comments"),
    ("12 réflexions sur « La semaine du bac »", "comments"),
    ("Recent Comments", "comments"),
    ("Recent articles", "related"),
    # Template furniture of more languages: Latvian, Swedish, Danish, Finnish, Czech,
    # Hungarian, Romanian, Ukrainian, Greek, Indonesian, Vietnamese, Korean.
    ("Dalīties", "share"),
    ("Sdílet na Facebooku", "share"),
    ("Piesakies LSM pasta saņemšanai!", "subscribe"),
    ("Prenumerera på vårt nyhetsbrev", "subscribe"),
    ("Tilaa uutiskirje", "subscribe"),
    ("Visas tiesības aizsargātas", "legal"),
    ("Alle rettigheder forbeholdes.", "legal"),
    ("Minden jog fenntartva.", "legal"),
    ("Läs också", "related"),
    ("Baca juga: Harga beras naik lagi", "related"),
    ("Схожі статті", "related"),
    ("관련기사", "related"),
    ("Kommentarer (12)", "comments"),
    ("Σχόλια", "comments"),
    ("댓글 3", "comments"),
    ("Kļūda rakstā?", "feedback"),
    ("Nahlásit chybu", "feedback"),
    # Template words joined on one line.
    ("Impressum & Datenschutz", "navigation"),
    ("Print / Email", "navigation"),
    ("About us | Contact", "navigation"),
    # A blog post's meta line under its text.
    ("This entry was posted in News. Bookmark the permalink.", "navigation"),
    ("Dieser Eintrag wurde in Allgemein veröffentlicht. Permanentlink.", "navigation"),
    ("Cette entrée a été publiée dans Actualités.", "navigation"),
    ("Popular Posts", "related"),
    # A share bar's buttons by their labels, one after another.
    ("Facebook Twitter Email", "share"),
    ("Like Comment Share", "share"),
    ("Share WhatsApp Messenger Copy link", "share"),
])
def test_furniture_line_is_grouped(line, group):
    assert lx.BOILERPLATE.search(lx.lower(line)) is not None  # the pattern knows the phrase...
    assert lx.boilerplate_group(line) == group  # ...and the gate lets it through


@pytest.mark.parametrize("line", [
    "Mais de trezentos livros saíram das prateleiras",
    "The council met on Tuesday",
    "Die Brücke wird im Mai eröffnet",
    "You are here because the ferry still runs",
    "Home prices rose in June",
    "Open the menu to change it",
    "Follow the river north",
    "Up the hill stands the old mill",
    "Más noticias llegan cada día desde el puerto",
    "Mehr als 300 Menschen kamen zum Fest",
    # Comment words of other languages only head a line: here they are "no comment".
    "O ministério não respondeu aos pedidos de comentários",
    "Представитель компании отказался от комментариев",
    "分享经济在本市发展很快",  # "the sharing economy grows fast": no share button
    "Next post office opens in May",
    "Mitglieder zahlen ähnliche Beiträge wie im Vorjahr",
    "Older entry points to the harbour were closed",
    "Ver más barcos en el puerto es normal en verano",
    "El alcalde pidió comentar el proyecto con los vecinos",
    "Residents should stay informed about the ferry strike",
    "Sie wollen die Kosten des Projekts teilen",
    "Now playing at the harbour cinema is a film about the flood",
    "Supported by a grant from the council, the cooperative grew",
    "Follow the ferry on Twitter and you will know when it sails",
    "Play video games in the library on Fridays",
    "The audit found an error in the harbour accounts",
    "Found a mistake in the 2019 tide tables, the pilots said",
    "Report errors in the timetable to the ferry office",
    "Required fields on the ferry form were left blank",
    "Die Preise gingen im Mai nach oben",
    "À découvrir dans les archives, des photos du moulin",
    "Nous allons écouter les habitants du quartier",
    "Three responses to the survey were published",
    "Recent articles in the press praised the ferry",
    "The timetable was posted in the harbour office on Monday",
    "Search and rescue teams reached the ferry",
    "Home and away",
    "Back home",
    "Twitter and Facebook posts",
    "Email the harbour office",
    # Comment words of other languages head a whole line only when they are its header.
    "Komentar presiden itu disambut baik oleh warga",
    "Kommentarer från läsarna visar stort stöd för färjan",
    "Dela med dig av dina tankar om hamnen",
])
def test_article_line_has_no_group(line):
    assert lx.boilerplate_group(line) is None


# A long line (no word list given) is gated by substrings; each term the pattern counts
# must pass the gate, and common words that merely contain a stem must not count.
_LONG = ("The regional council met on Tuesday evening to discuss the new harbour plan, and "
         "several residents spoke about the traffic and the noise that the works would bring "
         "to the old town over the next two years, {} before the vote.")


@pytest.mark.parametrize("term", [
    "cookies", "Privacy", "our policy", "two policies", "the terms", "All Rights Reserved",
    "trademarks", "Copyright", "website", "browser", "JavaScript", "subscribe", "newsletter",
    "advertisers", "affiliate", "consent", "opt-out", "opt out", "unsubscribe", "disclaimer",
    "sponsored", "\u00a9",
])
def test_every_template_term_passes_the_long_line_gate(term):
    text = _LONG.format(term)
    assert len(lx.BOILERPLATE_TERMS.findall(lx.lower(text))) == 1
    assert lx.boilerplate_terms(text) == 1


@pytest.mark.parametrize("words", ["the police", "adopt the option", "the rights of tenants"])
def test_words_containing_a_stem_are_not_terms(words):
    assert lx.boilerplate_terms(_LONG.format(words)) == 0


# The pattern ``ends_terminal`` replaced: it scanned the whole line from its start.
_TERMINAL = re.compile(r"[.!?…:;。！？；：][\"”’')\]»」』）]*\s*$")


@pytest.mark.parametrize("line, ends", [
    ("The council met on Tuesday.", True),
    ("She asked: “Why now?”  ", True),
    ("Figures follow:", True),
    ("The pier (built in 1890.)\r", True),
    ("Read more", False),
    ("Read more »", False),
    ("It was over. \"", False),  # a space between the stop and the quote
    ("", False),
    ("   ", False),
    ("»", False),
    ("港口明天重新开放。", True),
    ("「港口明天重新开放！」", True),
    ("港口明天重新开放", False),
])
def test_ends_terminal(line, ends):
    assert lx.ends_terminal(line) is ends
    assert (_TERMINAL.search(line) is not None) is ends


# Lines judged on their own (English page): datelines, bylines and photo credits that
# run longer than a name, and article sentences that start like them.
@pytest.mark.parametrize("line, kind, group", [
    ("Updated: March 3, 2022 at 9:15 a.m.", "D", "byline"),
    ("Last modified on Thu 3 Mar 2022 09.15 GMT", "D", "byline"),
    ("Posted by Ana Ruiz on March 3, 2022", "D", "byline"),
    ("Photo by Ana Ruiz on Unsplash", "D", "photo credit"),
    ("(Photo: Ana Ruiz/Harbor Ledger)", "D", "photo credit"),
    ("Image caption Ferries wait at the quay", "D", "photo credit"),
    ("Enlarge this image", "D", "photo credit"),
    ("toggle caption", "D", "photo credit"),
    ("Image 3 of 12", "D", "photo credit"),
    ("Credit...Ana Ruiz for The Harbor Ledger", "D", "photo credit"),
    ("Screenshot by Ana Ruiz/Harbor Ledger", "D", "photo credit"),
    ("Illustration: Jonas Pell", "D", "photo credit"),
    # A caption sentence closed by its credit.
    ("Volunteers fit the first panels on the mill roof in March. Foto: Ana Ruiz | flickr | "
     "CC BY 2.0", "D", "photo credit"),
    ("Ferries wait at the quay after the storm. Jonas Pell/Reuters files", "D", "photo credit"),
    ("Sunrise over the harbour was the photo: the ferry left for the island at noon and came "
     "back late in the evening.", "P", None),
    ("Screenshots by the readers show the flooded quay.", "P", None),
    ("Image 3 of the survey shows the quay in 1900.", "P", None),
    ("Credit unions in the valley lent the cooperative the money.", "P", None),
    ("12 Comments", "N", "comments"),
    ("Page 2 of 5", "N", None),
    ("Página 1 de 2", "N", None),
    ("‹ › ×", "I", "icon-font residue"),
    ("Ana Ruiz/Harbor Ledger", "D", "photo credit"),
    ("Ana Ruiz/AFP", "D", "photo credit"),
    ("Reservation Method/Rule", "S", None),  # a heading, not a name and an agency
    ("Lowbridge Desk | Updated : 3 March 2022, 09:15 AM", "D", "byline"),
    ("Got a story? Ana Ruiz can be reached at ana@harbor.example or on Twitter.", "D",
     "author box"),
    ("The quay can be reached on foot from the station at low tide, the council said.", "P",
     None),
    ("The river/canal junction was rebuilt in 2019 after the floods of the winter.", "P", None),
    ("Posted at the harbour for 3 years, she saw every storm.", "P", None),
    ("Updated figures released on Monday show 12 new ferries in the fleet.", "P", None),
    ("Copy editors said the link between the two cases was never proven.", "P", None),
    # A wire story's credit line is its last line, not a byline.
    ("Reporting by Ana Ruiz in Lowbridge; Editing by Jonas Pell", "s", "credit"),
    ("(Additional reporting by Ana Ruiz; Writing by Jonas Pell)", "s", "credit"),
    ("With assistance from Ana Ruiz.", "s", "credit"),
    ("Editing by hand took the volunteers three weeks, the cooperative said.", "P", None),
    ("（编辑：李明 王芳）", "s", "credit"),  # a Chinese news page's editor line
    ("【责任编辑：李明】", "s", "credit"),
    # A sentence full of names is prose: its verbs and nouns are in lower case.
    ("Former Harbour Master Ana Ruiz on Sunday defended Mayor Jonas Pell’s choice of "
     "Lowbridge Ferries CEO Tom Reyes as port chief, despite his record with the Port "
     "Authority.", "P", None),
    ("How the Lowbridge Ferry Strike Will Change the Way the Harbour Works for Everyone",
     "S", None),
    # Scraped Markdown is judged by what it shows, not by its links' targets.
    ("* [Teilen](https://twitter.com/share?url=https%3A%2F%2Fledger.example%2F2011%2F10%2F"
     "quay&text=Quay)", "B", "navigation"),
    ("* [Harbour walk](https://ledger.example/2015/04/08/harbour-walk/)", "S", "link"),
    # A longer line with a template term is a call to action only when it speaks to the
    # reader, is no sentence, or carries a copyright.
    ("Sign up for our newsletter to get the week's harbour news delivered every Friday.",
     "b", "call to action"),
    ("Photo of the new quay at dawn on the first day © Harbor Ledger / Ana Ruiz 2022",
     "b", "call to action"),
    ("The US policy shift was widely seen as an attempt to change the rules for ferry "
     "operators.", "P", None),
    ('"We take the privacy of every passenger seriously," the operator said on Tuesday '
     "morning.", "P", None),
    # Menu bars, in any language; data and table rows are not menus.
    ("News | Sport | Culture | Weather", "B", "menu bar"),
    ("Главная | Новости | Спорт | Экономика", "B", "menu bar"),
    ("首页 · 新闻 · 体育 · 财经", "B", "menu bar"),
    ("Price: 20 | Rating: 4 | Runtime: 2h", "s", None),
    ("Harbour | Ferries | Tides |", "S", None),
    ("SHARE THIS ARTICLE", "B", "share"),  # the patterns read lower-cased text
    ("İlgili haberler", "B", "related"),
    # Scripts without case, in languages without a stopword list: long lines are prose.
    ("नगर परिषद ने सोमवार को घोषणा की कि अगले महीने से पुस्तकालय हर दिन रात दस बजे तक खुला "
     "रहेगा ताकि छात्र और कामकाजी लोग शाम को भी पढ़ सकें।", "P", None),
    ("أعلن المجلس البلدي يوم الاثنين أن المكتبة العامة ستبقى مفتوحة كل يوم حتى الساعة العاشرة "
     "مساء اعتبارا من الشهر المقبل حتى يتمكن الطلاب والعاملون من القراءة في المساء.", "P", None),
    ("पुस्तकालय अब रात दस बजे तक खुलेगा", "S", None),
    # Thai spaces phrases, not words: a long line of it is prose, a short one a title.
    ("สภาเมืองประกาศเมื่อวันจันทร์ว่าห้องสมุดประชาชนจะเปิดให้บริการทุกวันจนถึงสี่ทุ่มตั้งแต่เดือนหน้า "
     "เพื่อให้นักเรียนและคนทำงานสามารถอ่านหนังสือได้ในตอนเย็น", "P", None),
    ("ข่าวการเมือง", "S", None),
    # Dates in other languages.
    ("12 мая 2024, 10:30", "D", "date"),
    ("3 maggio 2021", "D", "date"),
    ("2024年5月12日 10:30", "D", "date"),
    # A time alone on its line stamps a teaser; a sentence with a time is text.
    ("18:51", "D", "date"),
    ("9:42pm", "D", "date"),
    ("16.29 Uhr", "D", "date"),
    # A copyright sign set apart from its year and owner; a post's long title after
    # its comments' count.
    ("©", "B", "legal"),
    ("**READ MORE: [Why the ferry to Lowbridge still runs late in the winter storms, and "
     "what the council plans to do](https://example.org/2024/ferry)**", "B", "teaser link"),
    ("This entry was posted in Harbour, Ferries, Council and tagged timetable, winter, "
     "storms, Lowbridge, Eastmere. Bookmark the permalink.", "B", "navigation"),
    # Another story's headline under its label, set into the text.
    ("**READ ALSO:** [**Why the ferry to Lowbridge still runs late**](https://example.org/"
     "2024/ferry)", "B", "teaser link"),
    ("[Why the ferry to Lowbridge still runs late](https://example.org/2024/ferry)", "S",
     "link"),
    ("14 Responses to “Why the ferry to Lowbridge still runs on time in the worst "
     "winter storms”", "B", "comments"),
    ("The ferry leaves at 18:51 every weekday and returns an hour later.", "P", None),
    # Chinese prose is prose: a word is about two characters, clauses mark sentences.
    ("市图书馆周一宣布，从下个月起，所有分馆将在工作日延长开放时间至晚上十点，以方便读者。",
     "P", None),
    ("城市图书馆延长开放时间", "S", None),
    # Names in Latin letters inside Japanese prose do not make it a title.
    ("【5月3日 共同】ローブリッジ（Lowbridge）町議会は2日、旧製粉所（Old Mill）の屋根に"
     "太陽光パネルを設置する計画を承認したと、ABC放送が明らかにした。", "P", None),
])
def test_line_kind_from_its_own_features(line, kind, group):
    from lint_corpus import page

    judged = page.Line(0, 0, len(line), len(line), line)
    page.classify(judged, lx.words_of(judged.shown), lx.STOPWORDS["en"])
    assert (judged.kind, judged.group) == (kind, group)


@pytest.mark.parametrize("line, extra", [
    ("The harbour reopened on Monday", 0),
    ("ข่าวการเมือง", 1),  # 12 characters: about two words
    ("สภาเมืองประกาศเมื่อวันจันทร์", 4),  # 28 characters: about five words
    ("ห้องสมุด เปิด", 0),  # short phrases count as they are
])
def test_unspaced_scripts_count_words_by_length(line, extra):
    assert lx.unspaced_extra_words(line, lx.words_of(line)) == extra


@pytest.mark.parametrize("line, words", [
    ("Harbour opens", ["Harbour", "opens"]),
    ("港口 opens 2024年", ["港", "口", "opens", "2024", "年"]),
    ("don't 港", ["don't", "港"]),
    ("Привет, мир", ["Привет", "мир"]),
    # Vowel signs and other combining marks stay inside their words.
    ("हिन्दी भाषा", ["हिन्दी", "भाषा"]),
    ("ภาษาไทย เขียน", ["ภาษาไทย", "เขียน"]),
    ("cafe\u0301 noir", ["cafe\u0301", "noir"]),
])
def test_words_of_counts_each_chinese_character(line, words):
    assert lx.words_of(line) == words


@pytest.mark.parametrize("line, speaks", [
    ("Sign up to get the news", True),
    ("We use cookies to improve the site", True),
    ("The US policy changed", False),
    ('The chief said "we will publish our policy" on Monday', False),
    ("Nous utilisons des cookies", True),
    ("Abonnieren Sie kostenlos den Newsletter der Redaktion.", True),
    ("Hier kannst du dich für den Newsletter anmelden.", True),
    ("Sie kamen am Montag im Hafen an.", False),  # "they", at the start of a sentence
    ("Die Fischer sagten, sie hätten keine Zeit.", False),
    ("Der Minister sagte: „Sie bekommen Ihr Geld zurück.“", False),  # quoted speech
    ("", False),
])
def test_addresses_reader(line, speaks):
    assert lx.addresses_reader(line) is speaks


@pytest.mark.parametrize("line, is_date", [
    ("21/06/2014 Ana Ruiz", True),
    ("2020-03-26", True),
    ("21.06.2014", True),
    ("21.06.14", True),
    ("5 hours ago", True),
    ("Upgrade the engine to 3.4.10", False),  # a version, not a date
    ("Release 1.2.3.4", False),
    ("2020-03/26", False),  # mixed separators
    ("Mar. 5, 2019", True),
    ("3 mars 2020", True),
    ("2 Martin Alvarez 5035 7 0", False),  # "Mar" starts a name, not a month
    ("7 Junior players", False),
    ("Hace 28 minutos", True),
    ("Hace una hora", True),
    ("há 3 horas", True),
    ("il y a 2 heures", True),
    ("vor 5 Minuten", True),
    ("3 minuti fa", True),
    ("Vor 30 Jahren kam die Fähre", False),  # years ago in prose, not a timestamp
])
def test_date_pattern(line, is_date):
    assert (lx.DATE.search(line) is not None) == is_date


@pytest.mark.parametrize("line, shown, linked", [
    ("- [News](https://site.example/news)", "- News", 1.0),  # the marker shows no text
    # An image inlined as a data URI shows nothing, spaces and brackets in it or not.
    ('![](data:image/svg+xml;utf8,<svg viewBox="0 0 98 92"><image transform="scale(0.05)" '
     'href="data:image/png;base64,iVBOR"/></svg>)', "", 1.0),
    ("![chart](data:image/png;base64,iVBORw0KGgo=) Sales rose in May", " Sales rose in May",
     0.0),
    ("* [![A long alt text](https://site.example/a.jpg)](https://site.example/a)", "", 1.0),
    ("## [![Logo](https://site.example/logo.png)](https://site.example/)", "", 1.0),
    ("[Sport](/sport \"Sport pages\")", "Sport", 1.0),
    ("[![Logo](https://site.example/logo.png)](https://site.example/)", "", 1.0),
    ("Read the [council's report](https://site.example/r.pdf) on Monday.",
     "Read the council's report on Monday.", len("council's report") / 36),
    ("See [Install](#install) and [the changelog](CHANGELOG.md)", "See Install and the changelog",
     0.0),  # a document's own anchors and files
    ("[x](https://en.wikipedia.org/wiki/Pier_(structure)) stands", "x stands", 1 / 8),
    ("plain [brackets] (and parentheses)", "plain [brackets] (and parentheses)", 0.0),
    # Relative links: to a site's pages they count, to the project's own files not.
    ("[Imprint](service/imprint_node.html)", "Imprint", 1.0),
    ("[Fashion](category/fashion/)", "Fashion", 1.0),
    ("[LICENSE](LICENSE) and [the app](src/app.py)", "LICENSE and the app", 0.0),
    # Brackets inside a link's or an image's text: "[Advert]" labels a teaser.
    ("* [![Winter boots [Advert]](https://site.example/b.jpg)](https://site.example/boots)",
     "", 1.0),
    ("[Winter boots [Advert]](https://site.example/boots)", "Winter boots [Advert]", 1.0),
    # A teaser card's link broken over lines by a converter opens on a line of its own
    # (see test_card_link_broken_over_lines for its close).
    ("* [![The new quay](https://site.example/q.jpg)", "", 1.0),
    ("* [The new quay opens", "", 1.0),
])
def test_shown_text_of_markdown_links(line, shown, linked):
    assert lx.shown_text(line) == (shown, pytest.approx(linked))


@pytest.mark.parametrize("opener, closer, shown, linked", [
    # A card: the photo's line opens the link, the headline's line closes it.
    ("* [![The new quay](https://site.example/q.jpg)",
     "  **The new quay opens**](https://site.example/quay)", "  **The new quay opens**", 1.0),
    ("* [The new quay opens", "by Ana Ruiz at 9:56](https://site.example/quay)",
     "by Ana Ruiz at 9:56", 1.0),
    # Hard wrapping inside a paragraph: the words stay words.
    ("The council published [the", "full report](https://site.example/r) on Monday.",
     "full report](https://site.example/r) on Monday.", 0.0),
])
def test_card_link_broken_over_lines(opener, closer, shown, linked):
    closes = lx.opens_link(opener)
    assert closes == (linked == 1.0)
    assert lx.shown_text(closer, closes_link=closes) == (shown, pytest.approx(linked))
