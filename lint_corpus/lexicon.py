"""Word lists and patterns that the cleaning rules share, compiled once.

The lists are generic, not tied to any site: the phrases that page templates
put on every page (share, subscribe, sign in, cookies, copyright, related
stories...) in the languages most scraped corpora hold, and stopword lists used to
tell running prose from menus and headlines.
"""

from __future__ import annotations

import re

STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset("""a about above after again against all am an and any are as at be because
        been before being below between both but by can could did do does doing down during each
        few for from further had has have having he her here hers herself him himself his how i if
        in into is it its itself just me more most my myself no nor not now of off on once only or
        other our ours out over own same she should so some such than that the their theirs them
        then there these they this those through to too under until up very was we were what when
        where which while who whom why will with would you your yours also said says""".split()),
    "pt": frozenset("""a ao aos as até com como da das de dela dele do dos e ela ele em entre era
        essa esse esta este eu foi for há isso já lhe mais mas me mesmo muito na nas no nos não o
        os ou para pela pelo por qual quando que quem se sem ser seu sua são também te tem um uma
        você à às é está foram pode seus suas""".split()),
    "es": frozenset("""a al algo como con contra cual cuando de del desde donde dos el ella ellos
        en entre era es esa ese esta este fue ha hay la las le les lo los más me mi muy no nos o
        otra otro para pero por porque que quien se ser si sin sobre son su sus también te tiene
        todo tu un una uno y ya él está han""".split()),
    "fr": frozenset("""à au aux avec ce ces cette dans de des du elle en est et il ils je la le les
        leur lui mais me même mon ne nous on ou par pas pour qu que qui sa se ses son sont sur ta te
        tu un une vous y été être avoir fait plus comme tout""".split()),
    "de": frozenset("""aber als am an auch auf aus bei bin bis das dass dem den der des die doch du
        ein eine einem einen einer es für hat hatte ich ihr im in ist ja kann mit nach nicht noch
        nur oder sich sie sind so über um und uns von vor war was wie wir zu zum zur wird werden""".split()),
    "it": frozenset("""a ad al alla alle anche che chi ci come con da dal dalla dei del della delle
        di e è gli ha hanno i il in la le lo ma mi ne nel nella non o per più se si sono su sua suo
        tra un una uno""".split()),
    "nl": frozenset("""aan al als bij dan dat de den der die dit door een en er heb het hij hoe
        ik in is je kan maar me met mijn na naar niet nog of om ook op over te tot u uit van voor
        was wat we wel wie wij zal ze zich zijn""".split()),
}

# A line made only of a navigation or share word: "Share", "Menu", "Facebook"...
_LONE_WORDS = r"""share|shares|tweet|email|e-mail|print|pin|save|like|follow|comment|comments|reply|
    menu|search|home|close|cancel|login|log\ in|sign\ in|sign\ up|subscribe|register|
    sponsored|facebook|twitter|x|linkedin|pinterest|instagram|
    reddit|whatsapp|youtube|tumblr|flipboard|telegram|rss|more|next|previous|prev|back|top|skip|
    read\ more|see\ more|view\ more|load\ more|show\ more|continue\ reading|related|tags|topics|
    trending|trending\ now|popular|latest|recommended|newsletter|newsletters|contact|contact\ us|
    about|about\ us|loading|sponsored\ content|paid\ content|partner\ content|copy\ link|
    sitemap|site\ map|reprints|editors['’]?\ picks|open\ in\ app|
    link\ copied|compartilhar|compartilhe|partager|compartir|teilen|condividi|twittern|drucken|
    startseite|impressum|datenschutz|datenschutzerklärung|imprimer|accueil|mentions\ légales|
    etiquetas|portada|inicio|imprimir|buscar|pesquisar|rechercher|suche"""

# The labels of share buttons, which a share bar shows one after another.
_SHARE_BUTTONS = r"""share|tweet|email|e-mail|mail|print|like|comment|comments|save|facebook|
    twitter|x|linkedin|pinterest|instagram|reddit|whatsapp|tumblr|flipboard|telegram|messenger|
    threads|bluesky|mastodon|pocket|xing|vk|weibo|wechat|sms|copy\ link"""

# The header of a blog's comments names their count and the post, whose title may be
# long: "31 Responses to “...”", "2 Gedanken zu „...“", "12 réflexions sur « ... »".
_COMMENT_COUNT = r"""(\d+|one|no)\ (responses?|replies|thoughts?|comments?)\ (to|on)\b|
    \d+\ (gedanken|kommentare|antworten)\ (zu|auf)\b|
    \d+\ (réflexions?|commentaires?|réponses?)\ (sur|à)\b|
    \d+\ (comentarios?|respuestas?|comentários?|respostas?)\ (en|a|em|para)\b|
    \d+\ (commenti|risposte|pensieri)\ (su|a)\b"""
COMMENT_COUNT = re.compile(r"(?ix)^\W*(?:" + _COMMENT_COUNT + ")")
# A blog post's meta line under its text: "This entry was posted in News and tagged
# harbour. Bookmark the permalink.", as WordPress themes write it in each language.
_POST_META = r"""this\ (entry|post)\ was\ posted\ in\b|bookmark\ the\ permalink|
    (dieser|der)\ (eintrag|beitrag)\ wurde\ (am\ .{0,40}\ )?(in\ .{0,80}\ )?veröffentlicht|
    lesezeichen\ für\ den\ permalink|\bpermanentlink\W*$|
    cette\ entrée\ a\ été\ publiée\ dans|marque-page\ (du|pour\ le)\ permalien|
    esta\ entrada\ (fue|foi)\ publicada\ en|guarda\ el\ enlace\ permanente|
    questa\ voce\ è\ stata\ pubblicata\ in|deze\ (post|entry)\ is\ geplaatst\ in"""
_POST_META_RE = re.compile(r"(?x)" + _POST_META)
_POST_META_WORDS = ("posted in", "permalink", "veröffentlicht", "publiée", "publicada",
                    "pubblicata", "geplaatst", "permanentlink")


def post_meta(lowered: str) -> bool:
    """Is this lower-cased line a blog post's meta line, however many tags it lists?"""
    return any(word in lowered for word in _POST_META_WORDS) \
        and _POST_META_RE.search(lowered) is not None


# Phrases that mark a line as page furniture, grouped so findings can say which.
BOILERPLATE_GROUPS: dict[str, str] = {
    "share": r"""share\ (this|on|via|the|it|article|story|post|page|content)\b|click\ to\ (share|print|email)|
        opens\ in\ (a\ )?new\ window|share\ (it|this|the\ story)\ with|add\ to\ favou?rites?|
        copy\ (this\ |the\ )?link|save\ for\ later|gift\ this\ (article|story)|
        print\ this\ (page|article|story)|email\ this\ (article|story|page)|
        ^listen\ (to\ this\ (article|story)|\d+\s*min)|
        compartilh|partager\ (sur|cet)|compartir\ en|teilen\ (auf|sie)|condividi\ su|
        ^((diese[nrs]?|den|die|das)\ )?(artikel|beitrag|geschichte|seite|story|bericht)\ teilen\W*$|
        ^deel\ (dit|deze)\ (artikel|pagina|bericht|verhaal)|
        ^(поделиться|поделитесь|分享到|シェアする|udostępnij|paylaş)|^(分享|シェア)\W*$|
        ^(dalīties|dela|jaa|sdílet|megosztás|distribuie|podijeli|поділитися|κοινοποίηση|
        bagikan|chia\ sẻ|공유(하기)?)\W*$|^(dalīties\ ar|dela\ på|sdílet\ na|distribuie\ pe|
        bagikan\ ke|поділитися\ в)\b""",
    "subscribe": r"""subscribe\ (to|now|for|today)|sign\ up\ (for|to|now|today)|newsletters?\b|
        mailing\ list|get\ (the|our)\ (latest|newsletter)|
        delivered\ (to|straight\ to|through|right\ to)\ your\ (inbox|letterbox|door|doorstep)|
        right\ in\ your\ inbox|click\ here\ (to|for)\ (subscribe|sign|register|buy|order|more)|
        already\ a\ subscriber|subscribe\ to\ continue|read\ the\ full\ (story|article)|
        support\ (our|independent|quality)\ journalism|become\ a\ (member|subscriber|supporter)|
        download\ (our|the)\ app|get\ the\ app|
        ^stay\ (up[\ -]to[\ -]date|informed|in\ the\ loop)\b|
        ^bleib(en\ sie)?\ (auf\ dem\ laufenden|informiert)|^restez\ informé|
        assine\b|cadastre|suscr[ií]b|abonnez|abonnieren|iscriviti|
        ^(подпишитесь|подписывайтесь|подписаться|订阅|購読|subskrybuj|abone\ ol|abonneer)|
        ^(abonēt|prenumerera|abonner|tilaa|odebírat|feliratkozás|abonează-te|підписатися|
        εγγραφή|berlangganan|đăng\ ký|구독(하기)?)\W*$|
        ^(piesakies|pierakstieties)\ .{0,40}(jaunum|pasta|vēstkop)|
        (prenumerera|abonner)\ på\ (vårt\ |vores\ )?nyhetsbrev|tilaa\ uutiskirje|
        přihlaste\ se\ k\ odběru|iratkozz(on)?\ fel|abonează-te\ la|підпишіться\ на|
        εγγραφείτε\ στο|berlangganan\ (newsletter|buletin)|đăng\ ký\ nhận""",
    "account": r"""\bsign\ in\b|\blog\ ?in\b|create\ an?\ account|my\ account|manage\ (my\ )?account|
        register\ (now|for\ free|today)|forgot\ (your\ )?password""",
    "legal": r"""cookies?\ (policy|settings|preferences|consent)|(uses?\ |accept\ (all\ )?)cookies|
        privacy\ policy|terms\ (of\ (use|service)|and\ conditions)|
        all\ rights\ reserved|copyright|subject\ to\ copyright|
        direitos\ reservados|derechos\ reservados|droits\ r[ée]serv[ée]s|rechte\ vorbehalten|
        diritti\ riservati|все\ права\ защищены|版权所有|保留所有权利|無断転載|
        wszelkie\ prawa\ zastrzeżone|aviso\ legal|pol[ií]tica\ de\ (privacidad|privacidade|cookies)|
        t[ée]rminos\ y\ condiciones|termos\ de\ uso|condiciones\ de\ uso|nutzungsbedingungen|
        politique\ de\ confidentialit[ée]|note\ legali|tüm\ hakları\ saklıdır|alle\ rechten\ voorbehouden|
        جميع\ الحقوق\ محفوظة|visas\ tiesības\ aizsargātas|alla\ rättigheter\ förbehållna|
        alle\ rettigheter\ reservert|alle\ rettigheder\ forbeholdes|kaikki\ oikeudet\ pidätetään|
        všechna\ práva\ vyhrazena|minden\ jog\ fenntartva|toate\ drepturile\ rezervate|
        sva\ prava\ pridržana|всі\ права\ захищені|με\ επιφύλαξη\ παντός\ δικαιώματος|
        hak\ cipta\ dilindungi|bảo\ lưu\ mọi\ quyền|무단\ (전재|복제)""",
    "advertising": r"""(story|article)\ continues\ below|continue\ reading\ (the\ main\ story|below)|
        publicidade|publicidad|publicit[ée]|anzeige\b|pubblicit[àa]|^supported\ by\W*$|
        ^(your\ )?ad\ choices\b|^skip\ ad\W*$""",
    "related": r"""read\ more\b|related\ (articles|stories|posts|content|topics|coverage|links|news)|
        more\ from\b|recommended\ for\ you|you\ (may|might)\ (also\ )?(like|enjoy)|
        most\ (popular|read|viewed|shared)|
        top\ stories|more\ stories|don'?t\ miss|^also\ on\b|^see\ also\b|^\[?related:|
        ^read\ also\b|^also\ read\b|
        ^(recent|latest|popular|trending|featured)\ (articles|posts|stories|entries)\W*$|
        ^read\ (more|also|next):|^(read|up|watch)\ next$|
        ^\W*(next|previous|prev|older|newer)\ (article|story|post|entry)\W*$|
        ^\W*(nächster|vorheriger)\ (beitrag|artikel)\W*$|^\W*(article|billet)\ (suivant|précédent)\W*$|
        ^more\b.{0,40}\b(stories|news|articles|
        videos|posts|reads|coverage)\b|^explore\ further|
        leia\ (mais|também)|veja\ (também|mais)|relacionad[oa]s|mais\ lid[ao]s|
        (você|voce)\ (também\ )?(pode|poderá)\ (gostar|se\ interessar)|leer\ m[aá]s|
        m[aá]s\ le[ií]d[oa]s|te\ puede\ interesar|también\ te\ puede|^relacionad[oa]s?\W*$|
        ^(ver|veja)\ m(?:[aá]s|ais)\W*$|^también\ en\b|^tamb[ée]m\ em\b|
        lire\ (la\ suite|aussi)|vous\ (aimerez|pourriez\ aimer)|[àa]\ (lire|écouter|voir)\ aussi|
        ^\W*[àa]\ (découvrir|lire|écouter)\W*$|
        weiterlesen|meistgelesen|(das\ )?k[öo]nnte\ (sie|dich)\ auch\ interessieren|
        potrebbe\ (interessarti|piacerti)|leggi\ anche|articoli\ correlati|
        lesen\ sie\ auch|mehr\ zum\ thema|weitere\ artikel|^\W*(ähnliche|verwandte)\ (beiträge|artikel)|
        en\ savoir\ plus|sur\ le\ m[êe]me\ sujet|
        dans\ la\ m[êe]me\ rubrique|voir\ aussi|lee\ tambi[ée]n|ver\ tambi[ée]n|
        ^(m[aá]s\ noticias|mais\ not[ií]cias)(\ (de|da|do|sobre)\ \w+)?\W*$|
        ^(читайте|читать)\ (также|ещё|еще)|^(по\ теме|ещё\ по\ теме|еще\ по\ теме)\W*$|
        ^(похожие|другие)\ (статьи|новости|материалы)|^(相关(新闻|文章|阅读|推荐)|推荐阅读|延伸阅读|
        関連記事)|^czytaj\ (też|także|więcej)|^zobacz\ (też|także|również)|^ilgili\ haberler|
        ^lees\ (ook|meer)\b|^meer\ nieuws|^اقرأ\ أيضا|
        ^(saistītie\ raksti|saistītās\ ziņas|lasi\ arī|relaterade\ artiklar|läs\ också|
        relaterte\ artikler|les\ også|relaterede\ artikler|læs\ også|aiheeseen\ liittyvät|
        lue\ myös|související\ články|čtěte\ také|přečtěte\ si\ také|kapcsolódó\ cikkek|
        olvassa\ el\ ezt\ is|articole\ similare|citește\ și|povezani\ članci|
        схожі\ статті|читайте\ також|σχετικά\ άρθρα|διαβάστε\ επίσης|artikel\ terkait|
        baca\ juga|bài\ viết\ liên\ quan|tin\ liên\ quan|관련\ ?기사)\b""",
    "comments": r"""leave\ a\ (comment|reply)|add\ a\ comment|post\ a\ comment|(view|show|hide)\ comments|
        tell\ us\ what\ you\ think|have\ your\ say|share\ your\ (thoughts|views|opinion)|
        join\ the\ (conversation|discussion)|comments\ (are|have\ been)\ closed|\d+\ comments?\b|
        comments\ powered\ by|write\ a\ comment|^recent\ comments\W*$|^(pingback|trackback)\b|
        ^(""" + _COMMENT_COUNT + r""")|
        kommentar\ (hinzufügen|schreiben|verfassen)|(schreibe|hinterlasse|verfasse)\ einen\ kommentar|
        écrire\ un\ commentaire|(uses|verwendet|utilise)\ akismet|
        ^(\d+\ )?(coment[aá]rios|commentaires|kommentare|commenti|
        комментари[иейя]|评论|コメント|komentarze|yorumlar|reacties|تعليقات)\b|
        ^(\d+\ )?(komentāri|kommentarer|kommentit|komentáře|hozzászólások|comentarii|коментарі|
        σχόλια|komentar|bình\ luận|댓글)(\ \(?\d+\)?)?\W*$|
        deixe\ (um|seu)\ coment|deja\ (un|tu)\ comentario|laisser\ un\ commentaire|
        deixe\ uma\ resposta|deja\ una\ respuesta|laisser\ une\ réponse|lascia\ un\ commento|
        (schreibe|hinterlasse)\ eine\ antwort|geef\ een\ reactie|
        ^(comentar|commenter|kommentieren|commenta)\W*$|
        your\ email(\ address)?\ will\ not\ be\ published|required\ fields\ are\ marked|
        (deine|ihre)\ e-mail-adresse\ wird\ nicht\ veröffentlicht|erforderliche\ felder\ sind|
        votre\ adresse\ (e-?mail|de\ messagerie)\ ne\ sera\ pas\ publiée|
        les\ champs\ obligatoires\ sont|tu\ (dirección\ de\ )?correo(\ electrónico)?\ no\ será|
        los\ campos\ obligatorios\ están|(o\ seu\ )?endereço\ de\ e-?mail\ não\ será|
        campos\ obrigatórios\ (são|estão)\ marcados|indirizzo\ e-?mail\ non\ sarà\ pubblicato|
        i\ campi\ obbligatori\ sono|e-?mailadres\ wordt\ niet\ gepubliceerd|
        vereiste\ velden\ zijn""",
    "social": r"""follow\ us\b|follow\ @\w|like\ us\ on|find\ us\ on|connect\ with\ us|siga-nos|s[íi]guenos|
        suivez-nous|folge\ uns|^gefällt\ mir\b|^like\ this\s*:|
        ^follow\ [\w.'’-]+(\ [\w.'’-]+){0,3}\ on\ (twitter|facebook|instagram|linkedin|x|threads|
        bluesky|tiktok|youtube)\W*$""",
    "feedback": r"""^(report|flag)\ (an?\ )?(error|typo|mistake|correction|problem\ with\ this)|
        ^(spotted|found|see|notice)\ (an?\ )?(error|typo|mistake)\s*\?|
        ^(submit|suggest|request)\ a\ correction|^(einen\ )?fehler\ (melden|gefunden)|
        ^signaler\ une\ erreur|^(reportar|comunicar|informar\ de)\ (un\ )?error?\b|
        ^segnala\ (un\ )?errore|^\W*(纠错|报错)\W*$|
        ^(ziņot\ par\ kļūdu|kļūda\ rakstā|rapportera\ fel|nahlásit\ chybu|ilmoita\ virheestä|
        повідомити\ про\ помилку)""",
    "video": r"""^(now\ playing|play\ video|watch\ (the\ )?video|replay\ video)\W*$|
        ^video\ (duration|length)\W*\d""",
    "navigation": r"""(skip|jump)\ to\ (main\ )?(content|navigation)|skip\ navigation|
        toggle\ navigation|^(open|close)\ menu$|^you\ are\ here\s*(:|$)|^home\s*[»>›/|]\s*\w|
        ^(tags|tagged|filed\ under|categories|category|keywords|topics|kategorien?|schlagwörter|
        schlagworte|stichwörter|catégories?|étiquettes|mots-clés)\s*:|
        back\ to\ top|^(nach\ oben|retour\ en\ haut|haut\ de\ (la\ )?page|volver\ arriba|
        voltar\ ao\ topo|torna\ su|naar\ boven)\W*$|
        requires\ javascript|enable\ javascript|javascript:\s*void\b|
        javascript\ (is\ )?(disabled|required)|\d+\s+min(ute)?s?\ read|reading\ time|
        """ + _POST_META,
}
# Alternatives are tried only where a word starts (the look-behind), which makes
# the search four times faster than trying them at every character. The pattern is
# matched against lower-cased text (see ``lower``): a case-blind pattern cannot skip
# alternatives on their first letter, and was half as fast.
BOILERPLATE = re.compile(
    # A lone "Comments" or "Related" is the header of that section, not a menu item.
    r"(?x)^\W*(?:(?P<lone_comments>comments?(?:\ \(\d+\))?)|(?P<lone_related>related)|"
    r"(?P<lone_advertising>advertisement|advertising|advertorial|adverts?|ad|ads|реклама|广告|"
    r"広告|reklama|reklam|advertentie)|"
    + _LONE_WORDS
    # ...and two to four of them joined: "Impressum & Datenschutz", "Print / Email".
    + r")\W*$|^\W*(?:" + _LONE_WORDS + r")(?:\s*(?:&|\+|/|\||·|•|and|und|et|y|e)\s*(?:"
    + _LONE_WORDS + r")){1,3}\W*$|"
    # ...and a share bar's buttons by their labels alone: "Facebook Twitter Email".
    r"^\W*(?P<lone_share>(?:" + _SHARE_BUTTONS + r")(?:[\s,&+/|·•]+(?:" + _SHARE_BUTTONS
    + r")){1,9})\W*$|(?<![^\W\d_])(?:" + "|".join(
        f"(?P<{name.replace('-', '_')}>{pattern})" for name, pattern in BOILERPLATE_GROUPS.items())
    + r")|(?P<copyright_sign>(?<!ã)©)")
# In long lines only the unmistakable template words count (in lower-cased text).
BOILERPLATE_TERMS = re.compile(
    r"\b(cookies?|privacy|polic(?:y|ies)|terms|rights\ reserved|trademarks?|copyright|website|"
    r"browser|javascript|subscribe|newsletter|advertis\w*|affiliate|consent|opt[- ]out|"
    r"unsubscribe|disclaimer|sponsored)\b|(?<!ã)©")

# Whole month names and their abbreviations ("Mar." is March, "Martin" is not).
_MONTHS = (r"(?:(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
           r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?|janeiro|fevereiro|"
           r"março|abril|maio|junho|julho|agosto|setembro|outubro|novembro|dezembro|enero|febrero|"
           r"marzo|mayo|junio|julio|septiembre|octubre|noviembre|diciembre|janvier|février|mars|"
           r"avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|januar|februar|märz|"
           r"juni|juli|oktober|dezember|gennaio|febbraio|aprile|maggio|giugno|luglio|"
           r"settembre|ottobre|dicembre|januari|februari|maart|mei|augustus|января|февраля|"
           r"марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря)(?![^\W\d_])")
DATE = re.compile(
    rf"(?i)^\W*(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)?\.?\s+"
    rf"(?:de\s+)?(?:{_MONTHS})|(?:{_MONTHS})\s+\d{{1,2}})(?:,?\s+(?:de\s+)?\d{{4}})?"
    # Dotted dates need a four-digit year or zero-padded parts: "3.4.10" is a version.
    r"|\b\d{1,4}([/-])\d{1,2}\1\d{2,4}\b|\b(?:\d{1,2}\.\d{1,2}\.\d{4}|\d{4}\.\d{1,2}\.\d{1,2}"
    r"|\d\d\.\d\d\.\d\d)\b(?!\.\d)"
    r"|\d{4}\s*[年년]\s*\d{1,2}\s*[月월]"  # 2024年5月12日, 2024년 5월
    r"|\b\d+\s+(?:minutes?|hours?|days?|weeks?|months?|years?)"
    r"\s+ago\b"
    # "Hace 28 minutos", "há 3 horas", "il y a 2 heures", "vor 5 Minuten", "3 minuti fa"
    r"|\b(?:hace|há|ha)\s+(?:\d+|una?|um|uma)\s+(?:minutos?|horas?|d[ií]as?)\b"
    r"|\bil\s+y\s+a\s+\d+\s+(?:minutes?|heures?|jours?)\b"
    r"|\bvor\s+\d+\s+(?:minuten|stunden|tagen)\b|\b\d+\s+(?:minuti|ore|giorni)\s+fa\b")
BYLINE = re.compile(
    # The name part is case-sensitive: "By Jane Doe" is a byline, "By noon, ..." is not.
    r"^(?i:by|por|par|von|door|di)(?:\s+[A-Z][\w.'’-]*)*\s*$"
    r"|^(?i:by|por|par|von)\s+[A-Z]\w+(?:\s+[A-Z][\w.'’-]*){0,3}\s*(?:[|,–—-].*)?$"
    r"|^(?i:published|updated|posted|last\ updated|modified|last\ modified|publicado|atualizado|"
    r"actualizado|publié|mis\ à\ jour|veröffentlicht|aktualisiert)\b\s*(?::|"
    r"(?i:on|at|em|el|le|am)\b|\d|"
    rf"(?i:{_MONTHS})\b)"
    r"|[|•·]\s*(?i:updated|published|posted|last\ updated)\s*:?\s*(?i:on\s+)?\d"
    r"|^(?i:posted|published|written)\s+(?i:by)\s+[A-Z]\w+(?:\s+[A-Z][\w.'’-]*){0,3}"
    r"(?:\s*[|,–—-]|\s+(?i:on|at)\b|\s*$)")
# A news agency's credit line closes its article: "Reporting by Jane Doe; Editing by
# John Roe", "(Additional reporting by ...)", "With assistance from ...". It is the
# article's own last line, not a byline or a footer. Narrower than TRL001's sign-offs
# (rules/trailing.py), which only keep a last line: this one also ends the text. Chinese
# news pages close on the editor's name: "（编辑：...）", "【责任编辑：...】".
CREDIT_LINE = re.compile(
    r"(?i)^\W{0,3}(?:(?:additional|further) )?(?:reporting|writing|editing|research|"
    r"fact[- ]checking)(?: and (?:reporting|writing|editing|research))? by\s+(?-i:[A-Z])"
    r"|^\W{0,3}with assistance from\s+(?-i:[A-Z])"
    r"|^\W{0,3}(?:责任)?编辑\s*[:：]\s*\w")
# A time of day alone on its line stamps a teaser or a comment: "18:51", "9:42am".
BARE_TIME = re.compile(r"(?i)^\W*(?:[01]?\d|2[0-3]):[0-5]\d(?:\s*(?:[ap]\.?m\.?|uhr|h))?\W*$"
                       r"|^\W*(?:[01]?\d|2[0-3])\.[0-5]\d\s*uhr\W*$")
# A year or a time of day: what a dateline longer than a name holds.
DATE_HINT = re.compile(r"\b(?:19|20)\d{2}\b|\b\d{1,2}[:.]\d{2}\b")
CAPTION = re.compile(
    r"(?i)\((?:AP|AFP|Reuters|Getty(?: Images)?|EPA|Shutterstock|iStock|Bloomberg)[^)]{0,40}\)\s*$"
    r"|^(?:photo|image|credit|foto|imagem|picture|photograph|screenshot|illustration)s?\s*"
    r"(?:credit)?\s*:"
    r"|^(?:getty(?: images)?|shutterstock|istock|reuters|afp|ap|epa)\W*$"
    r"|\b(?:AP Photo|Getty Images|Shutterstock|iStock(?:photo)?)\b.{0,40}$"
    r"|^(?:photo|image) (?:credit|courtesy)|\bcredit:\s*\S+(?:\s+\S+){0,5}\s*$"
    # "Image caption ...", "Media caption ..." label a caption; "(Photo: Jane Doe/AP)",
    # "Photo by Jane Doe on Unsplash" credit a photo.
    r"|^(?:image|media|video|photo) caption\b|^\((?:photo|image|picture)s?\s*(?:credit)?\s*:"
    # A picture's controls and counter: "Enlarge this image", "toggle caption", "Image 3 of
    # 12", "Credit...Jane Doe" (the credit written with dots).
    r"|^(?:enlarge this image|(?:toggle|hide|show) caption)\W*$"
    r"|^(?:image|photo|picture|slide)\s+\d+\s+(?:of|/)\s+\d+\b|^credit(?:\.{2,}|…)\s*\w"
    # "Screenshot by Jane Doe/Harbor Ledger": the credit with the agency after a slash.
    r"|^(?:photo|image|picture|photograph|screenshot|illustration)s?\s+by\s+[A-Z]\w+"
    r"(?:\s+[A-Z][\w.'’-]*){0,3}(?:\s+(?:on|for|via)\s+\S+(?:\s+\S+){0,2}"
    r"|\s*/\s*[\w.&'’-]+(?:\s+[\w.&'’-]+){0,3})?\s*\)?\s*$"
    # "Jane Doe/Harbor Ledger": a photographer's name and agency under a picture.
    r"|^(?-i:[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,3})\s*/\s*"
    # The agency: a name with inner capitals ("ZDNet", "AFP") or of several words.
    r"(?-i:[A-Z][\w.&'’-]*[A-Z][\w.&'’-]*|[A-Z][\w.&'’-]+(?:\s+[A-Z][\w.&'’-]+){1,3})\s*$"
    # A caption sentence closed by its credit: "... by 2030. Mike Blake/Reuters files",
    # "... immer zu tun. Foto: Timur | flickr | CC BY 2.0".
    r"|[.!?]\s+(?-i:[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,3})\s*/\s*"
    r"(?-i:Reuters|AP|AFP|EPA|Getty Images|Bloomberg|Shutterstock)(?:\s+files?)?\s*$"
    r"|[.!?]\s+(?:foto|photo|bild|image)\s*:\s*(?:[^.!?]|\.\d){2,60}$")
# "Have a tip? Jane Doe may be reached at ...": how to reach the author, under the text.
AUTHOR_CONTACT = re.compile(
    r"(?i)\b(?:may|can)\ be\ reached\ (?:at|by|on)\b|\b(?:e-?mail|reach|contact)\ (?:him|her|them)\ "
    r"(?:at|on)\b|\bfollow\ (?:him|her|them)\ on\ (?:twitter|x|facebook|instagram|linkedin)\b")
CONTACT_ADDRESS = re.compile(r"(?i)@|\be-?mail\b|\btwitter\b|\+?\d[\d ()-]{6,}\d")
# "Jane Doe is a staff writer at ...": the author box under an article.
AUTHOR_BIO = re.compile(
    r"^[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}\s+(?:\([^)]{0,60}\)\s+)?(?:is|was)\s+(?:a|an|the)\s+"
    r"(?:[\w-]+\s+){0,5}(?i:writer|editor|reporter|journalist|correspondent|contributor|columnist|"
    r"author|producer|freelancer|blogger|publisher)\b")
# Words a photo caption uses to point at the picture: "Jane Doe, left, ...", "pictured in 2018".
CAPTION_CUE = re.compile(
    r"(?i),\s*(?:left|right|center|centre|front|back|top|bottom|above|below)\s*,|"
    r"\((?:left|right|center|centre|above|below|top|bottom|l|r|pictured)\)|"
    r"\b(?:pictured|is\ seen|are\ seen|poses|posing|file\ photo|in\ this\ (?:photo|image|picture)|"
    r"na\ foto|en\ la\ foto|sur\ la\ photo|auf\ dem\ bild)\b")
# "About the author", "Sobre Carlos Nadalim": the header of the author box under a text.
AUTHOR_HEADER = re.compile(
    r"^(?i:about|sobre|acerca\ de|à\ propos\ de|über|a\ proposito\ di)\s+"
    r"(?:(?i:the\ author|this\ author|o\ autor|a\ autora|el\ autor|la\ autora|l'auteur|"
    r"den\ autor|die\ autorin|l'autore)|[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,3})\s*:?$")
# "57", "12 shares", "438.3K", "1 2 3 91": counters and pagination.
COUNTER = re.compile(
    r"(?i)^\W*\d[\d.,]*\s*[km]?\s*(?:shares?|comments?|views?|likes?|reads?|replies|followers|"
    r"votes?)?\W*$|^\d+(?:\s*[|·•]?\s*\d+)+$|^[|·•\s]+$"
    # "Page 2 of 5", "Página 1 de 2", "Seite 1 von 3"
    r"|^\W*(?:page|p[áa]gina|seite|pagina|strona|sayfa)\s+\d+\s*(?:of|de|von|di|sur|z|/)\s*\d+\W*$")
# Icon-font names glued together: "magnifiercrossmenuchevron-down".
ICON_WORDS = re.compile(
    r"magnifier|search|cross|close|menu|chevron|caret|arrow|angle|hamburger|burger|facebook|"
    r"twitter|linkedin|instagram|youtube|pinterest|whatsapp|envelope|mail|share|print|plus|minus|"
    r"check|times|bars|user|home|star|heart|bell|play|pause|down|up|left|right|icon")
SINGLE_TOKEN = re.compile(r"^[a-z][a-z0-9-]{11,}$")

WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
# Marks that end a sentence, in the scripts the rules know; a line may also end on a
# colon or semicolon (a list announced, a clause), and on closing quotes or brackets.
_SENTENCE_MARKS = ".!?…。！？।॥؟۔"
_TERMINAL_MARKS = frozenset(_SENTENCE_MARKS + ":;；：")
_CLOSERS = "\"”’')]»」』）"

# Chinese and Japanese are written without spaces: each of their characters counts as
# a word, so that line lengths compare with those of spaced scripts.
_WIDE_CHARS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAS_WIDE = re.compile(f"[{_WIDE_CHARS}]")
_WIDE_WORD = re.compile(f"[{_WIDE_CHARS}]|[^\\W_{_WIDE_CHARS}]+(?:['’][^\\W_{_WIDE_CHARS}]+)*")
WIDE_CLAUSE_MARKS = "，。、；！？"
# Thai, Lao, Burmese and Khmer: scripts that put spaces between phrases, not words.
_UNSPACED_SCRIPTS = "\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff"
# Vowel signs and other combining marks are no word characters to ``\w``, which would
# cut Hindi, Thai or vocalised Arabic words apart at each of them: in those scripts a
# word runs on through its marks (and through the whole Indic, Thai, Lao, Myanmar and
# Khmer blocks).
_MARKS = ("\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670"
          "\u06d6-\u06ed\u0900-\u0963\u0966-\u0dff" + _UNSPACED_SCRIPTS)
_HAS_MARKS = re.compile(f"[{_MARKS}]")
_MARKED_WORD = re.compile(f"(?:[^\\W_]|[{_MARKS}])+(?:['’](?:[^\\W_]|[{_MARKS}])+)*")


# A run of Thai, Lao, Burmese or Khmer counts one word per UNSPACED_WORD_CHARS characters.
_HAS_UNSPACED = re.compile(f"[{_UNSPACED_SCRIPTS}]")
UNSPACED_WORD_CHARS = 5


def unspaced_extra_words(text: str, words: list[str]) -> int:
    """How many more words than tokens ``words`` (the tokens of ``text``) hold when
    ``text`` is written in a script without spaces between words."""
    if text.isascii() or _HAS_UNSPACED.search(text) is None:
        return 0
    return sum(len(word) // UNSPACED_WORD_CHARS - 1 for word in words
               if len(word) >= 2 * UNSPACED_WORD_CHARS and _HAS_UNSPACED.match(word))


def wide_characters(text: str) -> int:
    """How many Chinese or Japanese characters ``text`` holds."""
    return 0 if text.isascii() else len(_HAS_WIDE.findall(text))


# Markdown images and links: "![alt](src)" shows nothing, "[text](href "title")" its text.
_MD_TARGET = r"""\(((?:[^()\s]|\([^()\s]*\))*)(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)"""
# Link text may hold balanced brackets: "[Winter outfit [Advert]](/winter)".
_MD_TEXT = r"\[((?:[^\[\]]|\[[^\[\]]*\])*)\]"
_MD_IMAGE = re.compile("!" + _MD_TEXT + _MD_TARGET)
_MD_LINK = re.compile(_MD_TEXT + _MD_TARGET)
# An image inlined as a data URI ("![](data:image/svg+xml;utf8,<svg ...>)") may hold
# spaces and brackets; converters put it on its own line, so it runs to the line's end.
_DATA_IMAGE = re.compile(r"!" + _MD_TEXT + r"\(data:.*$")
# A Markdown list item's marker: "- ", "* ", "1. ", "2) " (and the bullets pages use).
_LIST_ITEM = r"[-*+•·]|\d{1,3}[.)]"
LIST_MARKER = re.compile(rf"^\s*(?:{_LIST_ITEM})\s+")
_BLOCK_MARKER = re.compile(rf"^\s*(?:{_LIST_ITEM}|#{{1,6}}|>)\s+")  # ...or a heading, a quote
# A card's link broken over lines by a converter ("* [![photo](src)", blank line,
# "**Headline**](href)"; "* [Headline", "by Ana at 9:56](href)"): a line that is all
# one link's start (images aside), and the next line, which closes it. A link broken
# by hard wrapping inside a paragraph ("...see the [API", "docs](href) for...") is not
# a card, and keeps its words.
_MD_LINK_OPEN = re.compile(rf"^\s*(?:(?:{_LIST_ITEM}|#{{1,6}})\s+)?\[[^\[\]]*$")
_MD_LINK_CLOSE = re.compile(r"^([^\[\]]*)\]" + _MD_TARGET + r"\s*$")


_PAGE_TARGET = re.compile(r"^(?:https?:|//|/)|\.(?:s?html?|php\d?|aspx?|jsp|cfm)(?:$|[?#])|[?]",
                          re.I)


def _other_page(target: str) -> bool:
    """Does a link lead to another page of a site, rather than to a part or a file of
    the document's own project ("#install", "CHANGELOG.md", "src/app.py", "LICENSE")?
    A relative link with no file extension ("category/news") is a site's page."""
    if target.startswith("#"):
        return False
    if _PAGE_TARGET.search(target):
        return True
    name = target.split("#", 1)[0].rstrip("/").rsplit("/", 1)[-1]
    return "." not in name and not name.isupper()


def opens_link(text: str) -> bool:
    """Is a line all the start of a link that the next line closes?"""
    return "[" in text and _MD_LINK_OPEN.match(_MD_IMAGE.sub("", text)) is not None


def shown_text(text: str, closes_link: bool = False) -> tuple[str, float]:
    """What a reader sees of a line with Markdown links or images, and the share of it
    that links to other pages (1.0 for a line of images and empty links only).
    ``closes_link``: the line before opened a link that this one closes.

    Links to an anchor or a file beside the document ("#install", "CHANGELOG.md") are
    a document's own table of contents, not a site's menu, and do not count; relative
    links to pages ("category/news", "about.html") do.
    """
    linked = 0

    def link_text(match: re.Match) -> str:
        nonlocal linked
        if _other_page(match.group(2)):
            linked += len(match.group(1).strip())
        return match.group(1)

    text = _MD_IMAGE.sub("", text)
    if "](data:" in text:  # an inline image that the pattern above could not match
        text = _DATA_IMAGE.sub("", text)
    shown = _MD_LINK.sub(link_text, text)
    if closes_link:
        shown = _MD_LINK_CLOSE.sub(link_text, shown)
    shown = _MD_LINK_OPEN.sub("", shown)
    # A list marker or a heading's hashes alone show nothing: "* [![alt](src)](href)"
    # is an image, however long its alt text.
    visible = len(_BLOCK_MARKER.sub("", shown, count=1).strip())
    return (shown, linked / visible) if visible else ("", 1.0)


def image_alts(text: str) -> list[str]:
    """The alt texts of a line's Markdown images."""
    return [match.group(1) for match in _MD_IMAGE.finditer(text)]


def words_of(text: str) -> list[str]:
    """The words of a line: ``WORD`` tokens, with each Chinese or Japanese character a word
    and combining marks kept inside their words."""
    if text.isascii():
        return WORD.findall(text)
    if _HAS_WIDE.search(text) is not None:
        return _WIDE_WORD.findall(text)
    return (_MARKED_WORD if _HAS_MARKS.search(text) else WORD).findall(text)


def ends_terminal(text: str) -> bool:
    """Does the line end on closing punctuation (``. ! ? … : ;``), perhaps followed by
    quotes or brackets? Read from the end of the line, not scanned from its start."""
    return text.rstrip().rstrip(_CLOSERS)[-1:] in _TERMINAL_MARKS


def runs_on(text: str) -> bool:
    """Does the line end on a comma or a semicolon, its clause going on in the next?"""
    return text.rstrip().rstrip(_CLOSERS)[-1:] in ",;"


SENTENCE_END = re.compile(f"[{re.escape(_SENTENCE_MARKS)}][{re.escape(_CLOSERS)}]*\\s*$")


_LANGUAGES_OF: dict[str, tuple[str, ...]] = {}
for _language, _words in STOPWORDS.items():
    for _word in _words:
        _LANGUAGES_OF[_word] = _LANGUAGES_OF.get(_word, ()) + (_language,)


def detect_stopwords(words: list[str]) -> frozenset[str]:
    """The stopword list of the language whose stopwords the words use most."""
    hits: dict[str, int] = dict.fromkeys(STOPWORDS, 0)
    for word in map(str.lower, words[:300]):
        for language in _LANGUAGES_OF.get(word, ()):
            hits[language] += 1
    best = max(hits, key=lambda language: (hits[language], language == "en"))
    return STOPWORDS[best]


# The share of a sentence's cased words that start in lower case, from which a line is
# prose rather than a headline in title case. German capitalises every noun: a third
# of its running text's long lines have under 0.6 lower case, one in twenty under 0.45.
_PROSE_LOWER_SHARE = {STOPWORDS["de"]: 0.3}


def prose_lower_share(stopwords: frozenset[str]) -> float:
    return _PROSE_LOWER_SHARE.get(stopwords, 0.45)


# Arrows, chevrons and close marks: the glyphs of a slideshow's or a menu's buttons.
_BUTTON_GLYPHS = frozenset("‹›«»←→↑↓↔⇐⇒×✕✖✗☰≡▲▼△▽◄►◀▶❮❯⟨⟩⋮ ")


def is_icon_residue(text: str) -> bool:
    token = text.strip()
    if token and _BUTTON_GLYPHS.issuperset(token):
        return True  # "‹ › ×"
    return bool(SINGLE_TOKEN.match(token)) and len(ICON_WORDS.findall(token)) >= 2


# Cheap gates in front of the big patterns: a line holding none of these words (or
# word starts) cannot match, and most lines of running text hold none of them.
_TRIGGERS = frozenset("""share shares tweet email e-mail print pin save like follow comment
    comments reply menu search home close cancel login log sign subscribe subscriber register
    advertisement advertising sponsored ad ads facebook twitter x linkedin pinterest instagram
    reddit whatsapp youtube tumblr flipboard telegram rss more next previous prev back top skip
    read see view load show continue related tags topics trending popular latest recommended
    newsletter newsletters contact about click window favorites favourites favorite favourite
    mailing inbox account forgot password cookie cookies privacy terms reserved copyright
    stories miss also explore leave conversation discussion find connect javascript min mins
    minute minutes reading viewed shared get leia veja assine comentários comentarios
    publicidade direitos leer publicidad derechos lire droits weiterlesen abonnieren rechte
    kommentare partager compartir teilen condividi gostar interessar interesar aussi aimerez
    pourriez meistgelesen interessieren potrebbe leggi commentaires commenti deixe deja laisser
    anzeige pubblicità pubblicita diritti iscriviti siga síguenos siguenos suivez folge lidas
    lidos leídas leidas leídos mail copy link copied gift listen journalism become download
    app advert adverts advertorial delivered inbox tell say click continues loading paid
    partner jump toggle here tagged filed categories keywords correlati lesen mehr weitere
    sujet rubrique voir découvrir écouter también tambien noticias notícias поделиться
    поделитесь читайте читать теме похожие другие подпишитесь подписывайтесь подписаться
    права комментарии
    комментариев комментарий реклама udostępnij czytaj zobacz subskrybuj prawa komentarze
    reklama paylaş ilgili abone hakları yorumlar reklam lees meer abonneer rechten reacties
    advertentie شارك اقرأ الحقوق تعليقات twittern drucken startseite impressum datenschutz
    datenschutzerklärung imprimer accueil mentions older newer entry nächster vorheriger
    suivant précédent billet sitemap site reprints editors picks open supported choices playing
    recent responses response replies entry permalink eintrag beitrag permanentlink entrée
    entrada voce thoughts thought gedanken antworten réflexions réflexion
    réponses réponse commentaire comentário comentario respuestas respostas risposte pensieri
    dalīties dela jaa sdílet megosztás distribuie podijeli поділитися κοινοποίηση bagikan
    chia 공유 공유하기 abonēt prenumerera abonner tilaa odebírat feliratkozás abonează
    підписатися підпишіться εγγραφή εγγραφείτε berlangganan đăng 구독 구독하기 piesakies
    pierakstieties nyhetsbrev uutiskirje přihlaste iratkozz iratkozzon saistītie saistītās
    lasi relaterade läs relaterte også relaterede læs aiheeseen lue související čtěte
    přečtěte kapcsolódó olvassa articole citește povezani схожі також σχετικά διαβάστε
    terkait baca bài 관련 관련기사 komentāri kommentarer kommentit komentáře hozzászólások
    comentarii коментарі σχόλια komentar bình 댓글 tiesības rättigheter rettigheter
    rettigheder oikeudet práva jog drepturile prava права δικαιώματος cipta quyền 무단
    ziņot kļūda rapportera nahlásit ilmoita повідомити
    play watch replay video ähnliche verwandte savoir write pingback trackback kommentar
    schreibe hinterlasse verfasse écrire akismet gefällt category kategorie kategorien
    schlagwörter schlagworte stichwörter catégorie catégories étiquettes mots comentar
    error typo mistake correction problem fehler erreur erro errore
    fields felder champs campos campi velden messagerie correo mailadres
    oben haut volver voltar torna boven lascia antwort reactie
    commenter kommentieren commenta relacionado relacionada relacionados relacionadas ver
    veja aviso política términos termos condiciones nutzungsbedingungen politique note
    etiquetas portada inicio imprimir buscar pesquisar rechercher suche deel stay bleib
    restez""".split())
# ("mail": WORD splits "e-mail" in two. Phrases such as "up next" or "open menu" pass
# on their rarer word; "up", "open" or "have" would open the pattern on most lines.)
_TERM_TRIGGERS = frozenset("""cookie cookies privacy policy policies terms rights trademark
    trademarks copyright website browser javascript subscribe newsletter affiliate consent opt
    unsubscribe disclaimer sponsored advertising advertisement advertisers""".split())


_STARTS = ("compartilh", "cadastr", "relacionad", "suscr", "abonn", "publicit")
# Scripts written without spaces hold their phrases inside longer tokens.
_WIDE_STARTS = ("分享", "相关", "推荐阅读", "延伸阅读", "版权", "保留所有", "订阅", "评论", "广告",
                "関連記事", "シェア", "コメント", "無断転載", "購読", "広告", "纠错", "报错")


# Each term of BOILERPLATE_TERMS contains one of these (lower case): a line with none
# cannot match. "police" and "adopt" are common in news, so the stems are whole terms.
_TERM_STEMS = ("cookie", "privacy", "policy", "policies", "terms", "rights reserved",
               "trademark", "copyright", "website", "browser", "javascript", "subscribe",
               "newsletter", "advertis", "affiliate", "consent", "opt-out", "opt out",
               "disclaimer", "sponsored", "©")


def lower(text: str) -> str:
    """``text`` in lower case, as the patterns here are written. str.lower turns "İ" into
    "i" and a combining dot, where a case-blind match would read "i"."""
    lowered = text.lower()
    return lowered.replace("i\u0307", "i") if "\u0307" in lowered else lowered


def _gate(lower_words, text: str, lowered: str, triggers: frozenset[str]) -> bool:
    if not triggers.isdisjoint(lower_words) or _copyright_sign(text):
        return True
    return any(start in lowered for start in _STARTS) or (
        not lowered.isascii() and any(start in lowered for start in _WIDE_STARTS))


def boilerplate_terms(text: str, lower_words=None, lowered: str | None = None) -> int:
    """How many template terms (cookies, privacy, copyright...) a line holds."""
    if lowered is None:
        lowered = lower(text)
    if lower_words is None:  # a long line: substring checks are cheaper than splitting it
        if not any(term in lowered for term in _TERM_STEMS):
            return 0
    elif not _gate(lower_words, text, lowered, _TERM_TRIGGERS):
        return 0
    return len(BOILERPLATE_TERMS.findall(lowered))


# A call to action or a site's notice speaks to the reader ("you", "your") about the
# site ("we", "our"), or opens on an imperative ("Click", "Sign up"); an article's
# sentence reports on privacy, a policy or a website in the third person.
_READER_WORDS = frozenset("""you your yours you're you'll you've we our ours us we're we've
    vous votre vos nous notre nos você voce vocês seu seus nosso nossa nossos nossas usted
    ustedes nuestro nuestra nuestros nuestras uns unser unsere unseren dich dir dein deine
    deinen deinem deiner euch eure euren voi vostro vostra noi nostro nostra nostri""".split())
# German's polite "you" is "Sie" written with a capital inside a sentence; "sie" is
# "she" or "they".
_POLITE_YOU = re.compile(r"(?<![.!?:]\s)(?<=\s)(?:Sie|Ihnen|Ihr|Ihre[mnrs]?)\b")
_IMPERATIVES = frozenset("""click tap sign subscribe register download follow join get read
    watch listen visit learn discover check enter try contact email donate log shop buy send
    submit see find save""".split())
# Quoted speech, in the quotation marks of English, German and French.
QUOTED = re.compile(r'"[^"]*"|“[^”]*”|‘[^’]*’|„[^“”]*[“”]|«[^»]*»|»[^«]*«')


def _copyright_sign(text: str) -> bool:
    return "©" in text and "Ã©" not in text  # "Ã©" is mojibake of "é"


def has_copyright(text: str, lowered: str) -> bool:
    """A copyright sign or notice."""
    return _copyright_sign(text) or "copyright" in lowered or "rights reserved" in lowered


def addresses_reader(text: str) -> bool:
    """Does a line speak to the reader or for the site, outside quoted speech?"""
    unquoted = QUOTED.sub(" ", text)
    words = WORD.findall(unquoted)
    if not words:
        return False
    if words[0].lower() in _IMPERATIVES:
        return True
    # "US" is the country, not "us".
    if any(word.lower() in _READER_WORDS and word != "US" for word in words):
        return True
    return ("Sie" in text or "Ihr" in text) and _POLITE_YOU.search(unquoted) is not None


_MENU_SEPARATOR = re.compile(r"\s*\|\s*|\s+[•·]\s+")


def is_menu_bar(text: str) -> bool:
    """Three or more short items between pipes or bullets: "News | Sport | Culture", in
    any language. Items are words, not data ("Price: 20") or sentences."""
    stripped = text.strip()
    if stripped.startswith("|") or stripped.endswith("|"):
        return False  # a table row, left to the table rules
    items = _MENU_SEPARATOR.split(stripped.rstrip("•· "))
    return len(items) >= 3 and all(
        item and item[0].isalpha() and item.count(" ") < 4 and ":" not in item
        for item in items)


def caption_like(text: str, lowered: str | None = None) -> bool:
    if lowered is None:
        lowered = text.lower()
    if "(" not in text and "/" not in text and "getty" not in lowered \
            and "shutterstock" not in lowered \
            and "istock" not in lowered and "credit" not in lowered and "ap photo" not in lowered \
            and "foto:" not in lowered and "photo:" not in lowered \
            and not lowered.startswith(("photo", "image", "foto", "imagem", "picture", "reuters",
                                        "afp", "ap", "epa", "media", "video", "enlarge",
                                        "toggle", "hide", "show", "slide", "screenshot",
                                        "illustration")):
        return False
    return CAPTION.search(text) is not None


def boilerplate_group(text: str, lower_words=None, lowered: str | None = None) -> str | None:
    """The boilerplate group a short line belongs to, or None."""
    if lowered is None:
        lowered = lower(text)
    if lower_words is None:
        lower_words = WORD.findall(lowered)
    if not _gate(lower_words, text, lowered, _TRIGGERS):
        return None
    match = BOILERPLATE.search(lowered)
    if match is None:
        return None
    for name, value in match.groupdict().items():
        if value is not None:
            if name == "copyright_sign":
                return "legal"
            return name.removeprefix("lone_").replace("_", "-")
    return "navigation"
