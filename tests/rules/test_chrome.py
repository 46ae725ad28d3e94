"""CH rules: site chrome around (and inside) the article text.

Every page and article here is invented for these tests. The invalid cases are
scraped-looking pages whose chrome lines must all be flagged and removed while
every paragraph of the article survives, in order; the valid cases are clean
articles of several shapes that must get no CH finding at all.
"""

from __future__ import annotations

import pytest
import yaml
from conftest import ORCHESTRA, fix_text, key_paths, lint_text, to_document

from lint_corpus import page
from lint_corpus.model import Applicability

CH = ["CH"]

# -- a scraped page: menus, share bar, byline, teasers, pagination, cookie banner -------

MILL = [
    "The town of Lowbridge spent most of the last century listening to the turbines of its "
    "textile mill, and when the mill closed in 1998 the building stood empty for more than two "
    "decades while residents argued about what it should become.",
    "Last spring the town council finally approved a plan put forward by a group of "
    "neighbours, who proposed covering the mill roof and the old drying yard with solar panels "
    "and selling the electricity to the households that own shares in the project.",
    "The cooperative now counts four hundred members, each of whom paid a modest sum to join, "
    "and it expects the panels to cover roughly a third of the electricity that the town uses "
    "over a typical year.",
    "Organisers say the hardest part was not the engineering but the paperwork, because the "
    "regional grid operator had never handled a request from a community group and needed "
    "months to decide how the connection should be metered.",
    "Residents who could not afford a share were offered a reduced membership paid in "
    "instalments, and the cooperative has promised that any surplus will fund insulation for "
    "the oldest homes in the valley.",
]
MILL_HEADLINE = "Riverside town turns old mill into a solar cooperative"

MILL_PAGE = f"""Harbor Chronicle Sites
|
Harbor Chronicle
|
Harbor Events
Home
News
Business
Culture
Search

{MILL_HEADLINE}

7 minute read
Subscribe to our newsletter
Share this content

Add to Favorite \u2661 0

By Marta Quillon | Staff Writer
Updated March 4, 2023 at 9:15 am

{MILL[0]}

{MILL[1]}

Photo: Lowbridge Energy Cooperative

{MILL[2]}

{MILL[3]}

{MILL[4]}

More from Harbor Chronicle

Ferry timetable changes frustrate island commuters

Commuters who rely on the morning crossing say the new timetable leaves them waiting for \
almost an hour in the cold before the first boat of the day finally departs from the pier.

 \u00b7 \u00b7 12 February 2023

Library reopens after flood repairs

Volunteers spent weeks drying out the shelves and sorting thousands of damaged books before \
the reading room could welcome visitors again on Saturday morning.

 \u00b7 \u00b7 3 February 2023
1 2 3 91
magnifiercrossmenuchevron-down
We use cookies to improve your experience on our website. By continuing to browse you \
accept our cookie policy and privacy policy.
"""
# line → code of every chrome line of MILL_PAGE (blank lines and the article are absent)
MILL_CHROME = {
    1: "CH002", 2: "CH001", 3: "CH002", 4: "CH001", 5: "CH002",  # site switcher
    6: "CH001", 7: "CH002", 8: "CH002", 9: "CH002", 10: "CH001",  # menu
    14: "CH001", 15: "CH001", 16: "CH001", 18: "CH001",  # read time, subscribe, share, favourite
    20: "CH003", 21: "CH003",  # byline, dateline
    27: "CH003",  # photo credit
    35: "CH001",  # "More from ..."
    37: "CH004", 39: "CH004", 41: "CH003",  # teaser: headline, excerpt, date
    43: "CH004", 45: "CH004", 47: "CH003",
    48: "CH001", 49: "CH001", 50: "CH001",  # pagination, icon residue, cookie banner
}
MILL_FIXED = MILL_HEADLINE + "\n\n" + "\n\n".join(MILL) + "\n"

BIBLIOTECA = [
    "A c\u00e2mara municipal inaugurou esta semana uma pequena biblioteca dentro da "
    "esta\u00e7\u00e3o central, pensada para quem passa muito tempo \u00e0 espera dos "
    "comboios regionais.",
    "Os livros foram doados por moradores e podem ser levados para casa sem qualquer registo, "
    "bastando devolv\u00ea-los numa das caixas colocadas nas outras esta\u00e7\u00f5es da linha.",
    "Segundo a vereadora da cultura, a ideia nasceu de uma conversa com funcion\u00e1rios que "
    "viam passageiros aborrecidos nas plataformas durante os atrasos do inverno.",
]
BIBLIOTECA_PAGE = f"""In\u00edcio
Pol\u00edtica
Economia
Desporto
Pesquisar

Compartilhe
Publicidade

Por Helena Vasconcelos
12 de mar\u00e7o de 2024

{BIBLIOTECA[0]}

{BIBLIOTECA[1]}

Foto: Arquivo municipal

{BIBLIOTECA[2]}

Leia tamb\u00e9m
Feira do livro regressa ao centro hist\u00f3rico
Escola prim\u00e1ria ganha horta comunit\u00e1ria
Coment\u00e1rios
Todos os direitos reservados
"""
BIBLIOTECA_CHROME = {
    1: "CH002", 2: "CH002", 3: "CH002", 4: "CH002", 5: "CH001",
    7: "CH001", 8: "CH001", 10: "CH003", 11: "CH003", 17: "CH003",
    21: "CH001", 22: "CH004", 23: "CH004", 24: "CH001", 25: "CH001",
}
BIBLIOTECA_FIXED = "\n\n".join(BIBLIOTECA) + "\n"

MILL_RECORD = f"""---
title: "Old mill becomes a solar cooperative"
---
Home
News
Culture
Search
Share this content

# Old mill becomes a solar cooperative

{MILL[0]}

{MILL[1]}

{MILL[2]}

Share on Facebook
Follow us on Instagram
\u00a9 2023 Harbor Chronicle. All rights reserved.
"""
MILL_RECORD_CHROME = {4: "CH001", 5: "CH002", 6: "CH002", 7: "CH001", 8: "CH001",
                      18: "CH001", 19: "CH001", 20: "CH001"}
MILL_RECORD_FIXED = ('---\ntitle: "Old mill becomes a solar cooperative"\n---\n'
                     "# Old mill becomes a solar cooperative\n\n" + "\n\n".join(MILL[:3]) + "\n")

INVALID = [
    pytest.param(MILL_PAGE, "page.txt", MILL_CHROME, MILL_FIXED, id="english-page"),
    pytest.param(BIBLIOTECA_PAGE, "pagina.txt", BIBLIOTECA_CHROME, BIBLIOTECA_FIXED,
                 id="portuguese-page"),
    pytest.param(MILL_RECORD, "record.md", MILL_RECORD_CHROME, MILL_RECORD_FIXED,
                 id="markdown-record-with-heading"),
]


def _flagged_lines(text: str, findings) -> dict[int, str]:
    """line → code for every non-blank line that a CH finding covers."""
    lines = text.split("\n")
    flagged: dict[int, str] = {}
    for finding in findings:
        for line in range(finding.line, finding.end_line + 1):
            if lines[line - 1].strip():
                assert line not in flagged, f"line {line} reported twice"
                flagged[line] = finding.code
    return flagged


@pytest.mark.parametrize("text, path, chrome, fixed", INVALID)
def test_chrome_lines_are_flagged(text, path, chrome, fixed):
    findings = lint_text(text, path=path, select=CH)
    assert _flagged_lines(text, findings) == chrome
    assert all(f.fix is not None and f.fix.applicability is Applicability.SAFE
               for f in findings)


@pytest.mark.parametrize("text, path, chrome, fixed", INVALID)
def test_fix_keeps_the_article_and_drops_the_chrome(text, path, chrome, fixed):
    result = fix_text(text, path=path, select=CH)
    assert result == fixed
    assert lint_text(result, path=path, select=CH) == []


def test_main_paragraphs_survive_in_order():
    result = fix_text(MILL_PAGE, path="page.txt", select=CH)
    positions = [result.index(paragraph) for paragraph in MILL]
    assert positions == sorted(positions)
    for chrome in ("Subscribe", "Share this", "Favorite", "91", "magnifier", "cookie",
                   "More from", "Ferry timetable", "Volunteers spent", "February", "Quillon"):
        assert chrome not in result, chrome


def test_findings_name_what_they_remove():
    findings = lint_text(MILL_PAGE, path="page.txt", select=CH)
    messages = {f.line: f.message for f in findings}
    assert "icon-font residue" in messages[48]
    assert "byline" in messages[20]
    assert "photo credit" in messages[27]


# -- clean articles of several shapes: no CH finding ----------------------------------

PLAIN = ORCHESTRA

PACKING_LIST = """---
title: "What to pack for a winter hike"
---
A day in the hills in January asks for more preparation than a summer walk, and most rescues \
start with a hiker who left something important at home.

Before you set off, check that your bag holds the following items:

- A warm hat
- Spare gloves
- A head torch
- Extra batteries
- A paper map
- A whistle
- A flask of tea

Tell someone where you are going and when you expect to return, and turn back early if the \
cloud comes down faster than the forecast promised.
"""

MEAL_PLAN = """---
title: "A three-day meal plan for busy weeks"
---
Planning meals ahead saves money and removes the nightly question of what to cook, so here \
is a simple plan that uses the same basic ingredients in different ways.

Day 1

Breakfast

Porridge with sliced apple and a spoon of honey keeps you full until lunch.

Dinner

Roast a tray of vegetables with chickpeas and serve them over rice with a yoghurt sauce.

Day 2

Breakfast

Toast with mashed beans and a boiled egg is quick and filling on a rushed morning.

Dinner

Turn the leftover vegetables into a soup by simmering them in stock with a handful of lentils.

Day 3

Breakfast

Yoghurt with oats soaked overnight needs no cooking at all when you wake up.

Dinner

Fry the rest of the rice with peas, spring onions and an egg for a fast supper.
"""

MEAL_PLAN_TXT = """Planning meals ahead saves money and removes the nightly question of what \
to cook, so here is a simple plan that uses the same basic ingredients in different ways.
Meal 1
Porridge with sliced apple and a spoon of honey keeps you full until lunch.
Meal 2
Roast a tray of vegetables with chickpeas and serve them over rice with a yoghurt sauce.
Meal 1
Toast with mashed beans and a boiled egg is quick and filling on a rushed morning.
Meal 2
Turn the leftover vegetables into a soup by simmering them in stock with a handful of lentils.
"""

RAIN_GAUGE = """---
title: "Measuring rainfall with a home-made gauge"
---
# Measuring rainfall with a home-made gauge

Anyone can record rainfall with a clear bottle, a ruler and a little patience, and the \
numbers become surprisingly useful after a full year of daily readings.

## Building the gauge

Cut the top off a straight-sided bottle, turn it upside down and push it into the base so \
that it works as a funnel that keeps leaves out of the water.

```python
def weekly_total(readings):
    return sum(readings[-7:])
```

## Recording the results

Write down the level at the same hour every morning and empty the bottle afterwards, so that \
each reading covers exactly one day.

| Month | Rain (mm) | Wet days |
|-------|-----------|----------|
| March | 61 | 14 |
| April | 48 | 11 |

Compare your totals with the nearest official station to see whether your garden is drier or \
wetter than the wider area.
"""

GARDEN = """The community garden on Elm Street will close for two weeks in April while volunteers \
rebuild the raised beds that rotted during the wet winter.

New beds will be made of recycled plastic boards, which last longer than timber and do not \
need treating with chemicals before the soil goes in.

Members who grow vegetables in the affected plots have been offered space in the greenhouse \
until the work is finished and the compost has settled.

Happy gardening, everyone
"""

HEATING = """Household spending on heating fell by almost a tenth last year as families turned \
down thermostats and insulated their lofts after a winter of high prices.

The figures show that the largest cuts came from older homes, where a modest investment in \
draught proofing made a visible difference to monthly bills.

Economists expect the trend to continue, although they warn that a cold spell could push \
demand back up quickly in the poorest neighbourhoods.

Source: National Statistics Office
"""

FERRY_TWEET = """---
title: "Ferry passengers stranded after engine fault"
---
Hundreds of passengers spent the night aboard a ferry anchored outside the harbour after an \
engine fault left the vessel unable to reach its berth on Friday evening.

The operator said the ship was never in danger and that staff handed out blankets, hot drinks \
and sandwiches while engineers worked through the night.

One passenger described the mood on board in a short message that was widely shared the \
following morning.

> Stuck in the bay with 300 strangers and a very patient crew. Someone found a guitar, so at \
least we have music now.
>
> \u2014 Lena Moravec (@lenamoravec) June 9, 2023

The ferry was towed into port shortly after dawn, and the operator has promised full refunds \
to everyone who was on board.
"""

FERRY_TWEET_TXT = """Hundreds of passengers spent the night aboard a ferry anchored outside the \
harbour after an engine fault left the vessel unable to reach its berth on Friday evening.
The operator said the ship was never in danger and that staff handed out blankets, hot drinks \
and sandwiches while engineers worked through the night.
Stuck in the bay with 300 strangers and a very patient crew. Someone found a guitar, so at \
least we have music now.
\u2014 Lena Moravec (@lenamoravec) June 9, 2023
The ferry was towed into port shortly after dawn, and the operator has promised full refunds \
to everyone who was on board.
"""

PORTUGUESE = """---
title: "Cidade abre biblioteca dentro de uma esta\u00e7\u00e3o de comboios"
---
""" + "\n\n".join(BIBLIOTECA) + """

Nos primeiros dias, mais de trezentos livros sa\u00edram das prateleiras, e a autarquia j\u00e1 \
pensa em alargar o projeto a outras cidades da regi\u00e3o.
"""

SPANISH = """Los vecinos de un peque\u00f1o pueblo de monta\u00f1a han pasado dos a\u00f1os \
restaurando el molino de agua que dej\u00f3 de funcionar a mediados del siglo pasado.

El trabajo se hizo casi siempre los fines de semana, con herramientas prestadas y con la ayuda \
de un carpintero jubilado que conoc\u00eda los mecanismos de madera.

Ahora el molino vuelve a moler trigo para el horno del pueblo, y los ni\u00f1os de la escuela lo \
visitan para aprender c\u00f3mo se hac\u00eda la harina antes de la electricidad.

El ayuntamiento espera que la obra atraiga a visitantes durante el verano y ayude a mantener \
abiertos los pocos comercios que quedan.
"""

HEADLINE_ONLY = """Orchestra takes its music to the smallest villages

""" + PLAIN

# An article whose paragraphs are one line each with no blank lines between them.
DENSE = "".join(p + "\n" for p in MILL)

BY_NOON = """Crowds began to gather in the old market square long before the speeches were due to \
start, and the police closed the surrounding streets to traffic at nine.

By noon, the square was full.

Organisers had expected a few hundred people, but volunteers counted more than four thousand \
by the time the mayor climbed onto the platform to speak.

The meeting ended peacefully in the early afternoon, and street cleaners had the square \
swept before the evening market opened its stalls.
"""

PRIVACY = """A popular messaging app told its users on Monday that it will start sharing some \
account information with its parent company, a change that regulators have promised to study.

The new privacy policy takes effect in May.

Users who refuse the new terms will keep their accounts for now, but the company says some \
features will stop working for them over the following months.

Consumer groups have urged people to read the changes carefully before they accept them, and \
two national regulators have asked the company for a meeting.
"""

VALID = [
    pytest.param(PLAIN, "a.txt", id="plain-paragraphs"),
    pytest.param(DENSE, "a.txt", id="paragraphs-without-blank-lines"),
    pytest.param(PACKING_LIST, "a.md", id="bulleted-list-of-short-lines"),
    pytest.param(MEAL_PLAN, "a.md", id="recipe-repeated-short-headings"),
    pytest.param(MEAL_PLAN_TXT, "a.txt", id="recipe-meal-headings-plain-text"),
    pytest.param(RAIN_GAUGE, "a.md", id="markdown-headings-code-table"),
    pytest.param(GARDEN, "a.txt", id="short-sign-off-last"),
    pytest.param(HEATING, "a.txt", id="source-line-last"),
    pytest.param(FERRY_TWEET, "a.md", id="quoted-tweet-markdown"),
    pytest.param(FERRY_TWEET_TXT, "a.txt", id="quoted-tweet-plain-text"),
    pytest.param(PORTUGUESE, "a.md", id="portuguese"),
    pytest.param(SPANISH, "a.txt", id="spanish"),
    pytest.param(HEADLINE_ONLY, "a.txt", id="headline-above-text"),
    pytest.param(BY_NOON, "a.txt", id="paragraph-starting-with-by"),
    pytest.param(PRIVACY, "a.txt", id="short-paragraph-naming-a-privacy-policy"),
]


@pytest.mark.parametrize("text, path", VALID)
def test_clean_article_has_no_chrome(text, path):
    assert lint_text(text, path=path, select=CH) == []
    assert fix_text(text, path=path, select=CH) == text


# -- page shapes: wrapped text, related boxes, repeated subheadings, piped footers -------

def _wrapped(paragraph: str, width: int = 60) -> str:
    """The paragraph hard-wrapped at ``width`` columns, as some scrapers leave text."""
    lines, current = [], ""
    for word in paragraph.split():
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    return "\n".join(lines + [current])


WRAPPED = "\n\n".join(_wrapped(p) for p in MILL) + "\n"
SITE_MENU = "Home\nNews\nBusiness\nCulture\nSearch\nShare this content\n\n"
SITE_FOOTER = "\n\nShare on Facebook\nFollow us on Instagram\n\u00a9 2023 Harbor Chronicle.\n"
RELATED_INSIDE = SITE_MENU + "\n\n".join(MILL[:2]) + """

More from Harbor Chronicle
Ferry timetable changes frustrate island commuters
Library reopens after weeks of flood repairs
Council votes to keep the night buses running

""" + "\n\n".join(MILL[2:]) + SITE_FOOTER
# A "Most popular" box set into the text after its longer first part: the paragraphs
# after it, as long as the article's own, go on with the text.
MILL_LATER = [
    "By the end of the first winter the panels had produced more power than the engineers "
    "had promised, and the cooperative voted to spend part of the surplus on a battery that "
    "stores the midday output for the evening, when most households cook and run their "
    "washing machines.",
    "The town has since been visited by councillors from three other valleys who want to copy "
    "the scheme, and the organisers have written a short guide that explains how they raised "
    "the money, chose the installer and persuaded the grid operator to connect a community "
    "group for the first time.",
]
POPULAR_INSIDE = SITE_MENU + "\n\n".join(MILL) + """

Most popular
Ferry timetable changes frustrate island commuters
Ana Ruiz
Library reopens after weeks of flood repairs
Jonas Pell

""" + "\n\n".join(MILL_LATER) + SITE_FOOTER
# ...even when it goes on for one paragraph only, lighter than a neighbour must be, under a
# box of cards (a section label, a headline, a byline, a blank list item each).
POPULAR_CARDS_INSIDE = SITE_MENU + "\n\n".join(MILL + MILL_LATER[1:]) + """

Most popular
* Energy
Ferry timetable changes frustrate island commuters
Ana Ruiz
*
* Culture
Library reopens after weeks of flood repairs
Jonas Pell
*
* Sport
Rowing club wins its first regional title in a decade
Tom Reyes
*

""" + MILL_LATER[0] + SITE_FOOTER
READ_MORE_TEASER = SITE_MENU + "\n\n".join(MILL[:3]) + """

Ferry Timetable Changes Frustrate Island Commuters
Commuters who rely on the morning crossing say the new timetable leaves them waiting in the
Read more

""" + "\n\n".join(MILL[3:]) + SITE_FOOTER
PIPED_FOOTER = SITE_MENU + "\n\n".join(MILL) + (
    "\n\nCopyright \u00a9 2023, Harbor Chronicle Media Group | Terms of Service | Privacy Policy\n")
MEAL_PAGE = SITE_MENU + MEAL_PLAN_TXT + SITE_FOOTER
AUTHOR_BOX = SITE_MENU + "\n\n".join(MILL) + """

About Marta Quillon
Marta Quillon has covered energy and local government for the Harbor Chronicle since 2015, \
and before that she reported on farming for a regional radio station in the valley.
""" + SITE_FOOTER
CAPTIONED = SITE_MENU + "\n\n".join(MILL[:2]) + """

Volunteers, left, fit the first panels on the mill roof in March
Photo: Lowbridge Energy Cooperative

""" + "\n\n".join(MILL[2:]) + SITE_FOOTER
VOCE_PODE_GOSTAR = "\n\n".join(BIBLIOTECA) + """

Voc\u00ea tamb\u00e9m pode gostar
Feira do livro regressa ao centro hist\u00f3rico
"""

# Teasers under "You may also like", each with its own share line: together they hold
# more prose than the one-paragraph text above them.
CARD_TEASERS = [
    "Winter is the season when the valley finally goes quiet, and the walkers who stay know "
    "that the frozen lake and the empty trails make up for the early dark and the cold wind.",
    "Grandmother kept her recipes in a biscuit tin, each card stained with butter, and the "
    "family still argues every December about which of the three apple cakes was her favourite.",
    "The night train to the coast was slow and crowded, yet everyone who took it as a student "
    "remembers the card games, the shared sandwiches and the sunrise over the dunes.",
    "Planting a hedge instead of a fence takes patience, since it needs three summers to thicken, "
    "but birds move in during the first year and the neighbours stop noticing the gap.",
    "Learning a second language after forty is slower than at school, teachers admit, although "
    "adults tend to keep going because they chose the course themselves and know why.",
]
SHORT_TEXT = ("Eastmere will open its solar cooperative to new members next month, the organisers "
              "said on Tuesday, after the panels on the old mill roof produced more electricity "
              "over the summer than the four hundred current members could use, and the surplus "
              "was sold to the regional grid at a loss.")
CARD_LIST = SITE_MENU + SHORT_TEXT + "\nShare Facebook Email\n\nYou may also like\n" + "".join(
    f"Share Facebook Email\n{teaser}\n" for teaser in CARD_TEASERS) + SITE_FOOTER
# Excerpts under a "Related" header, each over its own "Read more...": teasers, however
# long, not the text going on after a box.
RELATED_EXCERPTS = SITE_MENU + "\n\n".join(MILL) + "\n\nRelated posts\n" + "".join(
    f"Headline number {n} of the week\n{teaser}\nRead more...\n"
    for n, teaser in enumerate(CARD_TEASERS[:3])) + SITE_FOOTER
# Furniture that news templates put between an article's paragraphs.
INTERRUPTED = SITE_MENU + "Listen to this article\nUpdated: March 3, 2022 at 9:15 a.m.\n\n" + \
    MILL[0] + "\n\nADVERTISEMENT\nAdvertisement\nStory continues below advertisement\n\n" + \
    MILL[1] + \
    "\n\nImage caption Volunteers on the mill roof\n(Photo: Ana Ruiz/Harbor Chronicle)\n\n" + \
    "\n\n".join(MILL[2:]) + "\n\n12 Comments\nFiled under: Energy, Lowbridge" + SITE_FOOTER
# The text ends by announcing a list: its short items are the text's, the footer is not.
SPOTS = "Three places to watch the panels from:\nThe footbridge over the weir\n" \
    "The churchyard on Mill Lane\nThe top of Beacon Hill"
ANNOUNCED_LIST = SITE_MENU + "\n\n".join(MILL) + "\n\n" + SPOTS + SITE_FOOTER
# A wire story ends on its credit line; the site's links under it are not the story's.
CREDIT = "Reporting by Ana Ruiz in Lowbridge; Editing by Jonas Pell"
WIRE_STORY = SITE_MENU + "\n\n".join(MILL) + "\n\n" + CREDIT + \
    "\nOur Editorial Principles\nApps\nNewsletters" + SITE_FOOTER
# ...and a second credit line under the first belongs to it too.
CREDITS = CREDIT + "\n(Additional reporting by Tom Reyes)"
WIRE_STORY_CREDITS = WIRE_STORY.replace(CREDIT, CREDITS)
# The same cards without a header above them are not known to be teasers.
CARD_LIST_UNHEADED = CARD_LIST.replace("You may also like\n", "")
COMMENT_LIST = SITE_MENU + SHORT_TEXT + "\n\nComments\n" + "".join(
    f"{teaser}\nReply\n" for teaser in CARD_TEASERS) + SITE_FOOTER

# A blog's comments under "N Responses to “...”", each a name, a date and a paragraph:
# together they outweigh the short post above them.
COMMENTERS = ["Ana Ruiz", "Tom Reyes", "Marta Lind", "Jonas Pell", "Eli Moss"]
BLOG_COMMENTS = SITE_MENU + SHORT_TEXT + \
    "\n\n14 Responses to \u201cOld mill, new light\u201d\n" + "".join(
        f"{name} says:\nMarch {n + 2}, 2023 at 9:1{n} pm\n{comment}\n"
        for n, (name, comment) in enumerate(zip(COMMENTERS, CARD_TEASERS, strict=True))) \
    + SITE_FOOTER
# A poem quoted after the prose: short lines, most running on to the next.
POEM = """The mill wheel turned for a hundred years,
The river carried its song,
Past the bridge and the empty yard,
To the sea where the nights are long.
Now the roof holds a field of glass,
And the town that heard the turbines
Hears the quiet work of the sun."""
VERSE_AFTER_TEXT = SITE_MENU + "\n\n".join(MILL) + "\n\n" + POEM + SITE_FOOTER


@pytest.mark.parametrize("text, kept, removed", [
    pytest.param(SITE_MENU + WRAPPED + SITE_FOOTER, WRAPPED.strip(), ["Search", "Follow us"],
                 id="hard-wrapped-article-in-a-page"),
    pytest.param(RELATED_INSIDE, "\n\n".join(MILL[2:]),
                 ["More from", "Ferry timetable", "Library reopens", "night buses"],
                 id="related-box-inside-the-text"),
    pytest.param(POPULAR_INSIDE, "\n\n".join(MILL_LATER),
                 ["Most popular", "Ferry timetable", "Ana Ruiz", "Library reopens"],
                 id="popular-box-inside-the-text"),
    pytest.param(POPULAR_CARDS_INSIDE, MILL_LATER[0],
                 ["Most popular", "Energy", "Ferry timetable", "Jonas Pell", "Rowing club"],
                 id="box-of-cards-inside-the-text"),
    pytest.param(RELATED_EXCERPTS, MILL[-1], ["Related posts", "Read more"] + CARD_TEASERS[:3],
                 id="excerpts-over-read-more-after-a-related-header"),
    pytest.param(READ_MORE_TEASER, "\n\n".join(MILL[3:]),
                 ["Ferry Timetable", "Commuters who rely", "Read more"],
                 id="teaser-above-read-more"),
    pytest.param(PIPED_FOOTER, MILL[-1], ["Terms of Service"], id="piped-footer-line"),
    pytest.param(MEAL_PAGE, MEAL_PLAN_TXT.strip(), ["Search", "Follow us"],
                 id="repeated-subheadings-inside-the-text"),
    pytest.param(AUTHOR_BOX, MILL[-1], ["About Marta", "has covered energy"], id="author-box"),
    pytest.param(CAPTIONED, "\n\n".join(MILL[2:]), ["Volunteers, left", "Photo:"],
                 id="photo-caption-beside-its-credit"),
    pytest.param(CAPTIONED.replace("Volunteers, left, fit the first panels on the mill roof "
                                   "in March", "The panels were switched on in March."),
                 "The panels were switched on in March.", ["Photo:"],
                 id="short-paragraph-beside-a-credit-is-kept"),
    pytest.param(VOCE_PODE_GOSTAR, "\n\n".join(BIBLIOTECA), ["pode gostar", "Feira do livro"],
                 id="portuguese-you-may-also-like"),
    pytest.param(CARD_LIST, SHORT_TEXT, ["You may also like"] + CARD_TEASERS,
                 id="teaser-cards-outweigh-a-short-text"),
    pytest.param(COMMENT_LIST, SHORT_TEXT, ["Comments", "Reply"] + CARD_TEASERS,
                 id="comment-cards-outweigh-a-short-text"),
    pytest.param(BLOG_COMMENTS, SHORT_TEXT,
                 ["Responses", "says:", "9:12 pm"] + CARD_TEASERS,
                 id="blog-comments-outweigh-the-post"),
    pytest.param(VERSE_AFTER_TEXT, POEM, ["Follow us", "\u00a9"], id="poem-after-the-text"),
    pytest.param(INTERRUPTED, MILL[-1], ["Listen to", "Updated:", "Advertisement",
                                         "continues below", "Image caption", "(Photo:",
                                         "12 Comments", "Filed under"],
                 id="template-furniture-between-paragraphs"),
    pytest.param(ANNOUNCED_LIST, SPOTS, ["Search", "Follow us", "\u00a9"],
                 id="list-announced-by-the-last-line"),
    pytest.param(WIRE_STORY, CREDIT, ["Editorial Principles", "Apps", "Newsletters", "Follow us"],
                 id="credit-line-ends-a-wire-story"),
    pytest.param(WIRE_STORY_CREDITS, CREDITS, ["Editorial Principles", "Apps", "Follow us"],
                 id="two-credit-lines-end-a-wire-story"),
])
def test_page_shapes(text, kept, removed):
    result = fix_text(text, path="page.txt", select=CH)
    assert kept in result
    for chrome in removed:
        assert chrome not in result, chrome
    for paragraph in MILL if "Lowbridge" in text else []:
        assert " ".join(paragraph.split()) in " ".join(result.split())


SECTIONS = ["Harbour", "Ferries", "Tides", "Fishing", "Weather", "Schools", "Council",
            "Culture", "Markets", "Letters", "Obituaries", "Archive"]


@pytest.mark.parametrize("menu, removed", [
    # No template phrase anywhere, but a site's menu flattened one item per line.
    pytest.param("\n".join(SECTIONS), True, id="long-unmarked-menu"),
    # The same words as a document's own list, marked as one: its structure stays.
    pytest.param("\n".join(f"- {name}" for name in SECTIONS), False, id="marked-list"),
    pytest.param("\n".join(SECTIONS[:6]), False, id="short-run"),
])
def test_a_long_menu_is_chrome_evidence_on_its_own(menu, removed):
    text = menu + "\n\n" + "\n\n".join(MILL) + "\n"
    result = fix_text(text, path="page.md", select=CH)
    if removed:
        assert "Obituaries" not in result and "Harbour\n" not in result
    else:
        assert menu in result
    for paragraph in MILL:
        assert paragraph in result


def _link_list(names: list[str]) -> str:
    return "\n".join(f"* [{name}](https://ledger.example/{name.lower()}/)" for name in names)


@pytest.mark.parametrize("links, removed", [
    # Scraped to Markdown, a site's sections and partner sites are bulleted links: a
    # dozen of them in a row after the text is its footer, with no template phrase.
    pytest.param(_link_list(SECTIONS), True, id="long-link-list"),
    # A text may end on a few links of its own ("Further reading").
    pytest.param(_link_list(SECTIONS[:5]), False, id="short-link-list"),
])
def test_a_long_list_of_links_after_the_text_is_its_footer(links, removed):
    text = SITE_MENU + "\n\n".join(MILL) + "\n\n" + links + "\n"
    result = fix_text(text, path="page.md", select=CH)
    if removed:
        assert "ledger.example" not in result
    else:
        assert links in result
    for paragraph in MILL:
        assert paragraph in result


def test_cards_without_a_related_header_are_not_discounted():
    # Nothing says these paragraphs are teasers: the longer block stays the text.
    result = fix_text(CARD_LIST_UNHEADED, path="page.txt", select=CH)
    for teaser in CARD_TEASERS:
        assert teaser in result


def test_hard_wrapped_clean_article_is_left_alone():
    assert lint_text(WRAPPED, path="a.txt", select=CH) == []


# A converter keeps the page source's line breaks, and the source broke its lines around
# inline links: a line of one word, then a line that is all link.
LINK_WRAPPED = """Residents who could not afford a share were offered a reduced
membership paid in instalments, and the cooperative
has
[promised](https://example.org/promise)
that any surplus will fund insulation for the oldest homes in the valley, as the
[council](https://example.org/council)
asked when it approved the plan
[last spring](https://example.org/vote)
after a long debate.
"""
LINK_WRAPPED_PAGE = SITE_MENU + "\n\n".join(MILL[:4]) + "\n\n" + LINK_WRAPPED + SITE_FOOTER


# Share buttons whose links a converter broke over lines, between the text and a long
# closing note: what a button shows is its label, not the words of its address.
BROKEN_SHARE_LINKS = "".join(
    f"* [Click to share on {site} (Opens in new\n  window)\n  {site}](https://example.org/"
    f"2024/05/mill-cooperative/?share={site.lower()}&nb=1&utm_source=share&utm_medium=button)\n"
    for site in ("Facebook", "Reddit"))
CLOSING_NOTE = """The Harbor Chronicle is written by volunteers who live in the valley and
has been published every week since the flood of 1987, paid for by the readers
who subscribe and by the shops on Mill Lane that buy space in it. Letters to the
editor are printed in full, and corrections appear on the second page."""
SHARE_BUTTONS_PAGE = SITE_MENU + "\n\n".join(MILL) + "\n\n" + BROKEN_SHARE_LINKS + "\n" + \
    CLOSING_NOTE + SITE_FOOTER


def test_share_links_broken_over_lines_are_judged_by_their_labels():
    result = fix_text(SHARE_BUTTONS_PAGE, path="page.md", select=CH)
    assert "Click to share" not in result
    assert CLOSING_NOTE in result
    for paragraph in MILL:
        assert paragraph in result


# A labelled link to another story between two paragraphs; the text goes on after it.
READ_ALSO_INSIDE = SITE_MENU + "\n\n".join(MILL[:2]) + \
    "\n\n**Read also:** [**Night buses return to the valley after ten years**]" \
    "(https://example.org/2024/05/night-buses)\n\n" + "\n\n".join(MILL[2:]) + SITE_FOOTER


# Another story's card set into the text: its linked headline as a heading, its
# author's link under it.
CARD_INSIDE = SITE_MENU + "\n\n".join(MILL[:3]) + \
    "\n\n### [Night buses return to the valley](https://example.org/2024/05/buses)\n\n" \
    "* [Ana Ruiz](https://example.org/authors/ana-ruiz)\n\n" + "\n\n".join(MILL[3:]) + \
    SITE_FOOTER
# A changelog's headings link to its releases: an authored document keeps them.
LINKED_RELEASES = "# Changelog\n\n" + "".join(
    f"## [{version}](https://code.example/ferry/releases/{version})\n\n{MILL[n]}\n\n"
    for n, version in enumerate(["3.0.0", "2.1.0", "2.0.0"]))


# A blog's numbered footnotes after its text, and a section heading in capitals
# between two of its paragraphs.
FOOTNOTES = ("1\nThe mill's last owners sold the turbines for scrap in 1999.\n"
             "2\nThe grid operator's letter of approval is dated the fourth of May.\n"
             "3\nFour hundred members, counted at the general meeting in June.")
FOOTNOTED_POST = SITE_MENU + "\n\n".join(MILL[:3]) + "\n\nWHAT THE PANELS COST\n\n" + \
    "\n\n".join(MILL[3:]) + "\n\n" + FOOTNOTES + SITE_FOOTER


def test_footnotes_and_capital_subheadings_stay_with_the_text():
    result = fix_text(FOOTNOTED_POST, path="post.txt", select=CH)
    assert FOOTNOTES in result
    assert "WHAT THE PANELS COST" in result
    assert "Follow us" not in result and "Business" not in result


def test_a_card_set_into_the_text_goes():
    result = fix_text(CARD_INSIDE, path="page.md", select=CH)
    assert "Night buses" not in result and "Ana Ruiz" not in result
    for paragraph in MILL:
        assert paragraph in result
    assert fix_text(LINKED_RELEASES, path="CHANGELOG.md", select=CH) == LINKED_RELEASES


def test_labelled_link_to_another_story_inside_the_text_goes():
    result = fix_text(READ_ALSO_INSIDE, path="page.md", select=CH)
    assert "Night buses" not in result
    for paragraph in MILL:
        assert paragraph in result


# A how-to in Markdown: headings make it a structured document, whose short lines are
# text, but a teaser box at its end ("You might also like" over headlines) is not.
HOW_TO = """# Repotting a fig

A fig that has filled its pot dries out within a day of watering, so spring is the time
to move it into a larger one.

## What you need

- a pot one size larger
- fresh potting mix
- a blunt knife

## Step by step

Water the plant the day before, ease it out of the old pot and tease out the circling
roots before setting it at the same depth in the new one.
"""
TEASER_BOX = """
You might also like
Ten houseplants that thrive in low light
Why are my monstera leaves turning yellow?
The best soil for succulents
"""


@pytest.mark.parametrize("tail, kept", [
    pytest.param(TEASER_BOX, "", id="teaser-box-goes"),
    pytest.param(TEASER_BOX.replace("You might also like", "## Further reading"),
                 TEASER_BOX.replace("You might also like", "## Further reading"),
                 id="a-section-under-a-heading-is-the-documents-own"),
    pytest.param(TEASER_BOX + "\nThe fig will drop a few leaves in its first week; that is "
                 "normal and no reason to water it more.\n", "no reason to water it more",
                 id="a-paragraph-after-it-keeps-it"),
])
def test_teaser_box_after_a_structured_document(tail, kept):
    result = fix_text(HOW_TO + tail, path="how-to.md", select=CH)
    assert result.startswith(HOW_TO)
    assert kept in result
    if not kept:
        assert result == HOW_TO


def test_byline_under_a_structured_documents_headline_goes():
    menu = "Menu\nGardening\nHouseplants\nOutdoors\nTools\n\n"
    byline = "By Sam Lee | Updated June 2, 2023\n\n"
    headline, rest = HOW_TO.split("\n\n", 1)
    result = fix_text(menu + headline + "\n\n" + byline + rest, path="how-to.md", select=CH)
    assert result == HOW_TO


# Hugo's TOML front matter: metadata, never body lines for the page analysis.
TOML_BLOCK = ('+++\ntitle = "Riverside town turns old mill into a solar cooperative"\n'
              'date = 2024-05-03T10:00:00Z\ntags = ["energy", "local"]\ndraft = false\n+++\n')
TOML_PAGE = TOML_BLOCK + "\n" + SITE_MENU + "\n\n".join(MILL) + SITE_FOOTER


def test_toml_front_matter_is_not_body_text():
    result = fix_text(TOML_PAGE, path="page.md", select=CH)
    assert result.startswith(TOML_BLOCK)
    assert "Business" not in result and "Follow us" not in result
    for paragraph in MILL:
        assert paragraph in result


def test_paragraph_broken_around_its_links_is_one_paragraph():
    result = fix_text(LINK_WRAPPED_PAGE, path="page.md", select=CH)
    assert LINK_WRAPPED.strip() in result
    assert "Follow us" not in result


@pytest.mark.parametrize("gap", ["", "\n", "\n\n"])
def test_the_blank_lines_under_the_front_matter_keep_their_place(gap):
    front = '---\ntitle: "Old mill becomes a solar cooperative"\n---\n' + gap
    result = fix_text(front + SITE_MENU + "\n\n".join(MILL) + SITE_FOOTER, path="a.md",
                      select=CH)
    assert result == front + "\n\n".join(MILL) + "\n"


def test_separators_left_with_nothing_to_separate_go():
    page_text = (SITE_MENU + "---\n\n" + "\n\n".join(MILL[:3]) + "\n\n* * *\n\n"
                 + "\n\n".join(MILL[3:]) + "\n\n---" + SITE_FOOTER)
    result = fix_text(page_text, path="page.md", select=CH)
    # The scene break between paragraphs stays; the rules above and below the text go.
    assert result == "\n\n".join(MILL[:3]) + "\n\n* * *\n\n" + "\n\n".join(MILL[3:]) + "\n"
    findings = lint_text(page_text, path="page.md", select=CH)
    assert any("separator" in f.message for f in findings)


# -- headings and headlines right above the text ----------------------------------------

MENU = "Home\nNews\nCulture\nSearch\nShare this content\n\n"
FOOTER = "\n\nShare on Facebook\nFollow us on Instagram\n\u00a9 2023 Harbor Chronicle.\n"
BODY = "\n\n".join(MILL[:3])
TITLE_FM = '---\ntitle: "Old mill becomes a solar cooperative"\n---\n'


@pytest.mark.parametrize("text, path, kept", [
    pytest.param(TITLE_FM + MENU + "# A new life for the mill\n\n" + BODY + FOOTER, "a.md",
                 "# A new life for the mill", id="markdown-heading"),
    pytest.param(TITLE_FM + MENU + "## A new life for the mill\n\n" + BODY + FOOTER, "a.md",
                 "## A new life for the mill", id="markdown-subheading"),
    pytest.param(TITLE_FM + MENU + "A new life for the mill\n=======================\n\n" + BODY
                 + FOOTER, "a.md", "A new life for the mill\n=======================",
                 id="setext-heading"),
    pytest.param(TITLE_FM + MENU + "A new life\n----------\n\n" + BODY + FOOTER, "a.md",
                 "A new life\n----------", id="setext-subheading"),
    pytest.param(MENU + "Old mill becomes a solar cooperative in Lowbridge\n\n" + BODY + FOOTER,
                 "a.txt", "Old mill becomes a solar cooperative in Lowbridge",
                 id="headline-without-front-matter"),
    pytest.param(MENU + "Old mill becomes a solar cooperative in Lowbridge\nMarch 4, 2023\n"
                 "By Marta Quillon\n\n" + BODY + FOOTER, "a.txt",
                 "Old mill becomes a solar cooperative in Lowbridge",
                 id="headline-above-dateline-and-byline"),
])
def test_heading_or_headline_above_the_text_is_kept(text, path, kept):
    result = fix_text(text, path=path, select=CH)
    assert result.split("\n---\n")[-1].startswith(kept + "\n\n" + MILL[0])
    for chrome in ("Home", "Search", "Share", "Follow us", "\u00a9", "March 4", "Quillon"):
        assert chrome not in result.split("\n---\n")[-1], chrome


def test_headline_goes_when_the_front_matter_holds_the_title():
    text = TITLE_FM + MENU + "Old mill becomes a solar cooperative in Lowbridge\n\n" + BODY + FOOTER
    findings = lint_text(text, path="a.md", select=CH)
    assert (10, "CH004") in [(f.line, f.code) for f in findings]
    assert fix_text(text, path="a.md", select=CH) == TITLE_FM + BODY + "\n"


# A short article under its headline, then a sidebar with more prose than the article.
FESTIVAL = [
    "The harbour festival will return this summer for the first time in five years, the "
    "organisers said on Friday, with boat races, a fish market and music on the quay.",
    "Volunteers have repaired the old stage by the lighthouse, and the council has agreed to "
    "close the harbour road to traffic for the three days of the festival.",
]
TOWN_PORTRAIT = [
    "Eastmere grew up around its harbour in the eighteenth century, when fishing boats and "
    "coastal traders shared the quay and merchants built the tall houses along the waterfront.",
    "The railway arrived in 1871 and brought the first summer visitors, who came for the sea air "
    "and the long sandy beach, and the town built a promenade and a pier to welcome them.",
    "Today about twelve thousand people live in the town, which is known for its lifeboat "
    "station, its sailing school and the market that fills the square every Saturday morning.",
    "The town is twinned with a fishing port on the Breton coast, and every other year a group "
    "of schoolchildren crosses the Channel to spend a week with families there.",
]
FESTIVAL_PAGE = ('---\ntitle: "Harbour festival returns after five years | Harbor Chronicle"\n---\n'
                 "Home | News | Events | Contact\nShare this content\n"
                 "Harbour festival returns after five years\nBy Marta Quillon\nJune 2, 2023\n\n"
                 + "\n\n".join(FESTIVAL) + "\n\nTags: Events, Harbour\nLeave a comment\nName\n"
                 "Email\nPost comment\nOur town\nAbout us\n" + "\n\n".join(TOWN_PORTRAIT)
                 + "\n\n\u00a9 2023 Harbor Chronicle\n")


@pytest.mark.parametrize("title, article_kept", [
    pytest.param("Harbour festival returns after five years | Harbor Chronicle", True,
                 id="title-then-site-name"),
    pytest.param("Harbor Chronicle: Harbour festival returns after five years", True,
                 id="site-name-then-title"),
    pytest.param("Harbour festival returns after five years", True, id="title-alone"),
    # Only the site's name matches a body line: no headline to anchor on.
    pytest.param("Lowbridge ferry timetable changes | Harbor Chronicle", False,
                 id="another-title"),
])
def test_the_text_under_the_documents_headline_is_the_main_text(title, article_kept):
    text = FESTIVAL_PAGE.replace(
        "Harbour festival returns after five years | Harbor Chronicle", title, 1)
    analysis = page.analyse(to_document(text, "page.md"))
    main = analysis.lines[analysis.main[0]:analysis.main[1] + 1]
    assert any(line.text == FESTIVAL[0] for line in main) is article_kept
    result = fix_text(text, path="page.md", select=CH)
    for paragraph in FESTIVAL + TOWN_PORTRAIT if article_kept else TOWN_PORTRAIT:
        assert paragraph in result  # the larger sidebar is doubtful, so it stays too
    for chrome in ("Home |", "Share this", "Quillon", "Tags:", "Leave a comment", "\u00a9"):
        assert chrome not in result, chrome
    flagged = {f.line: (f.code, f.fix.applicability) for f in lint_text(text, path="page.md",
                                                                        select=CH)}
    if article_kept:
        sidebar = text.split("\n").index(TOWN_PORTRAIT[0]) + 1
        assert flagged[sidebar] == ("CH004", Applicability.UNSAFE)


def test_the_headline_nearest_the_text_anchors_it():
    # The page header repeats the title over a short notice; the menus follow, then the
    # headline again, right over the text. The notice is no article.
    menu = "\n".join(SECTIONS[:8])
    text = ('---\ntitle: "Harbour festival returns after five years | Harbor Chronicle"\n---\n'
            "Harbour festival returns after five years\n"
            "To find this story again, open your profile and then the list of stories you kept.\n"
            + menu + "\nShare this content\n\nHarbour festival returns after five years\n"
            "By Marta Quillon\nJune 2, 2023\n\n" + "\n\n".join(FESTIVAL + TOWN_PORTRAIT[:1])
            + "\n\n\u00a9 2023 Harbor Chronicle\n")
    analysis = page.analyse(to_document(text, "page.md"))
    main = analysis.lines[analysis.main[0]:analysis.main[1] + 1]
    assert [line.text for line in main] == FESTIVAL + TOWN_PORTRAIT[:1]
    result = fix_text(text, path="page.md", select=CH)
    assert result.endswith("\n\n".join(FESTIVAL + TOWN_PORTRAIT[:1]) + "\n")


@pytest.mark.parametrize("line, title, headline", [
    ("Harbour festival returns", "Harbour festival returns", True),
    ("Harbour festival returns!", "Harbour Festival Returns | Harbor Chronicle", True),
    ("Ear candy", "Ear Candy! | Novella", True),  # two words, most of the title
    ("Harbour festival returns", "Harbor Chronicle - Harbour festival returns", True),
    ("Harbor Chronicle", "Harbour festival returns after five years | Harbor Chronicle",
     False),  # the site's name
    ("Festival", "Festival | Harbor Chronicle", False),  # one word
    ("Harbour festival", "Harbour festivals return | Harbor Chronicle", False),
])
def test_which_body_line_is_the_documents_headline(line, title, headline):
    assert page._headline_of(page.line_key(line), page.line_key(title)) is headline


# -- CH006: chrome inside front matter text fields ---------------------------------------

PROMO = "Ledger Insight, The Harbor Ledger\u2019s research and forecasting unit. Learn more here "
STORM_FIRST = "Coastal towns brace for a record storm season."
STORM_REST = "Forecasters expect at least six named storms to reach the coast before October."


def _record(excerpt: str, related_excerpt: str = "Skippers along the coast are swapping old "
            "radios for digital sets that send their position to the harbour master.",
            extra: str = "") -> str:
    return f"""---
title: "Coastal towns brace for a long storm season"
excerpt: "{excerpt}"
publishedDateTime: "2023-05-02T08:00:00Z"
webUrl: "https://harborledger.example/2023/05/storm-season"
provider:
  name: The Harbor Ledger
  domain: harborledger.example
related:
  - title: "Fishing fleet modernises its radios"
    excerpt: "{related_excerpt}"
    provider:
      name: Coast Weekly
      domain: coastweekly.example
tags:
  - weather
{extra}---
The storm season officially begins next month, and harbour masters are already checking moorings.
"""


def _front_matter(text: str) -> dict:
    return yaml.safe_load(text.split("---\n")[1])


@pytest.mark.parametrize("text, line, field, expected", [
    pytest.param(_record(f"{STORM_FIRST} {PROMO}{STORM_REST}"), 3, "excerpt",
                 f"{STORM_FIRST} {STORM_REST}", id="promo-naming-the-provider"),
    pytest.param(_record(f"{STORM_FIRST} Learn more here {STORM_REST}"), 3, "excerpt",
                 f"{STORM_FIRST} {STORM_REST}", id="call-to-action-alone"),
    pytest.param(_record(STORM_FIRST + " " + STORM_REST,
                         "Skippers are buying digital radios. Coast Weekly Labs, the data team of "
                         "Coast Weekly. Learn more here Harbour masters welcome the change."),
                 11, "related.0.excerpt",
                 "Skippers are buying digital radios. Harbour masters welcome the change.",
                 id="nested-promo-naming-the-nested-provider"),
    pytest.param(_record(f"{STORM_FIRST} Sign up for our free newsletter to get the latest "
                         f"forecasts. {STORM_REST}"), 3, "excerpt",
                 f"{STORM_FIRST} {STORM_REST}", id="newsletter-sentence-to-the-reader"),
    pytest.param(_record(STORM_FIRST + " " + STORM_REST,
                         "Skippers are buying digital radios. Follow us on Twitter for updates"),
                 11, "related.0.excerpt", "Skippers are buying digital radios.",
                 id="follow-us-at-the-end"),
    pytest.param(_record(f"Click here to read more. {STORM_REST}"), 3, "excerpt", STORM_REST,
                 id="click-here-sentence"),
])
def test_field_chrome_is_removed_from_the_value(text, line, field, expected):
    findings = lint_text(text, path="a.md", select=["CH006"])
    assert [(f.code, f.line) for f in findings] == [("CH006", line)]
    fixed = fix_text(text, path="a.md", select=["CH006"])
    before, after = _front_matter(text), _front_matter(fixed)
    assert sorted(key_paths(after)) == sorted(key_paths(before))
    value = after
    for part in field.split("."):
        value = value[int(part)] if part.isdigit() else value[part]
    assert value == expected
    assert fixed.split("---\n")[2] == text.split("---\n")[2]  # the body is untouched
    assert lint_text(fixed, path="a.md", select=["CH006", "FM"]) == []


def test_field_chrome_message_quotes_the_removed_sentences():
    (finding,) = lint_text(_record(f"{STORM_FIRST} {PROMO}{STORM_REST}"), select=["CH006"])
    assert "Learn more here" in finding.message and "Ledger Insight" in finding.message


@pytest.mark.parametrize("text", [
    pytest.param(_record(f"{STORM_FIRST} {STORM_REST}"), id="clean-excerpt"),
    pytest.param(_record("Coastal towns brace for a record storm season, and The Harbor Ledger "
                         "spoke to the forecasters who expect six named storms."),
                 id="excerpt-naming-the-provider"),
    pytest.param(_record("Storms again."), id="short-value"),
    pytest.param(_record(STORM_FIRST, extra='featuredContent: "<p>Ledger Insight, The Harbor '
                         'Ledger research unit. Learn more here about the storms ahead.</p>"\n'),
                 id="html-field-exempt"),
    pytest.param(_record(STORM_FIRST, extra="canonicalUrl: \"https://harborledger.example/learn-"
                         "more-here?ref=Learn more here. Subscribe now to the weekly letter\"\n"),
                 id="url-field-exempt"),
    pytest.param(_record("Librarians have a simple message for the long winter evenings. Read more "
                         "books and spend less time on screens, they say."),
                 id="read-more-as-ordinary-words"),
    pytest.param(_record("The library launched a monthly newsletter. It lists new books, author "
                         "visits and story hours for children across the county."),
                 id="sentence-mentioning-a-newsletter"),
    pytest.param(_record("Forecasters expect six named storms. Sign up for a flood warning, the "
                         "council urges residents of the low streets."),
                 id="advice-to-sign-up-for-something-else"),
    pytest.param(_record("The port updated its privacy policy. Skippers must now consent to "
                         "tracking in the harbour."), id="report-about-a-policy"),
])
def test_clean_fields_are_untouched(text):
    assert lint_text(text, path="a.md", select=["CH006"]) == []
    assert fix_text(text, path="a.md", select=["CH006"]) == text


@pytest.mark.parametrize("text, line_text, code, reason", [
    pytest.param(CAPTIONED, "Volunteers, left,", "CH003", "photo caption", id="caption"),
    pytest.param(AUTHOR_BOX, "About Marta Quillon", "CH003", "author box", id="author-header"),
    pytest.param(RELATED_INSIDE, "Ferry timetable changes", "CH004", "related-story teaser",
                 id="related-headline"),
])
def test_page_shape_findings_name_what_they_remove(text, line_text, code, reason):
    line = next(n for n, t in enumerate(text.split("\n"), 1) if t.startswith(line_text))
    findings = [f for f in lint_text(text, path="page.txt", select=CH) if f.line <= line
                <= f.end_line]
    assert [f.code for f in findings] == [code]
    assert reason in findings[0].message


# -- what a process remembers of template lines -----------------------------------------

def _verdicts(text: str) -> list[tuple[int, str, str]]:
    return [(f.line, f.code, f.message) for f in lint_text(text, path="page.txt", select=CH)]


@pytest.mark.parametrize("text", [CARD_LIST, COMMENT_LIST, RELATED_INSIDE, AUTHOR_BOX,
                                  SITE_MENU + WRAPPED + SITE_FOOTER])
def test_remembered_lines_give_the_same_verdicts(text, monkeypatch):
    page._KINDS.clear()
    page._KEYS.clear()
    with monkeypatch.context() as patch:
        patch.setattr(page, "remember", lambda table, key, value: None)
        fresh = _verdicts(text)  # every line worked out
    assert not page._KINDS
    first = _verdicts(text)  # short lines remembered as they come...
    assert page._KINDS
    assert first == fresh == _verdicts(text)  # ...and answered from memory


def test_a_line_is_remembered_per_stopword_list():
    # A line with few cased words is judged by the page's stopwords: on a page in
    # Portuguese the same text is worked out again, not taken from the English page.
    line = "10 de 20 da 30 40 50 60."
    kinds = []
    for paragraphs in (MILL, BIBLIOTECA):
        doc = to_document("\n\n".join(paragraphs) + "\n\n" + line + "\n", "page.txt")
        analysis = page.analyse(doc)
        kinds.extend(found.kind for found in analysis.lines if found.text == line)
    assert kinds == ["s", "P"]


def test_memo_tables_stay_bounded(monkeypatch):
    monkeypatch.setattr(page, "MEMO_SIZE", 5)
    page._KEYS.clear()
    for number in range(12):
        assert page.line_key(f"Menu item {number}!") == "menu item 0"
        assert len(page._KEYS) <= 5


# -- pages in other languages: the same page shape, judged from the same signals ---------

RU_ARTICLE = [
    "Городская библиотека объявила в понедельник, что со следующего месяца все её филиалы "
    "будут работать по будням до десяти часов вечера.",
    "По словам директора, за прошлый год число посетителей выросло на двадцать процентов, и "
    "многие молодые читатели просили о тихом месте для занятий по вечерам.",
    "Чтобы обеспечить новый график, библиотека наймёт дополнительных сотрудников для вечерних "
    "смен и установит у главного входа новые автоматы для выдачи книг.",
]
RU_PAGE = ("Главная | Новости | Спорт | Экономика | Наука\nПоделиться\n12 мая 2024, 10:30\n\n"
           + "\n\n".join(RU_ARTICLE)
           + "\n\nЧитайте также\nВ городе откроются три новых парка\n"
           "© 2024 Новости. Все права защищены.\n")
ZH_ARTICLE = [
    "市图书馆周一宣布，从下个月起，所有分馆将在工作日延长开放时间至晚上十点，以方便下班后的读者借阅图书。",
    "馆长在新闻发布会上表示，过去一年里到馆人数增长了百分之二十，很多年轻读者希望在晚上也能找到安静的学习空间。",
    "为了配合新的开放时间，图书馆将增加夜班工作人员，并在主要入口处安装新的自助借还设备。",
]
ZH_PAGE = ("首页 | 新闻 | 体育 | 财经 | 科技\n分享到微信\n2024年5月12日 10:30\n\n"
           + "\n\n".join(ZH_ARTICLE)
           + "\n\n相关新闻\n本市新建三座社区公园\n版权所有 © 2024 新闻网 保留所有权利\n")

# German capitalises its nouns: a paragraph full of names and nouns is still prose.
DE_ARTICLE = [
    "Neuer Geschäftsführer der Städtischen Bibliothek Lindenau wird Karl Brenner aus Hamburg. "
    "Darauf einigten sich Stadtrat und Bibliotheksverein am Montag nach langen Beratungen.",
    "Brenner leitete zuletzt das Archiv einer Stiftung in Bremen und will nach eigenen Worten "
    "die Öffnungszeiten am Abend verlängern, weil viele Leser erst nach der Arbeit kommen.",
    "Die Stelle war seit dem Frühjahr unbesetzt, nachdem die bisherige Leiterin in den "
    "Ruhestand gegangen war und der Verein lange nach einer Nachfolge gesucht hatte.",
]
DE_PAGE = ("Startseite | Nachrichten | Kultur | Sport\nArtikel teilen\n12. Mai 2024\n\n"
           + "\n\n".join(DE_ARTICLE)
           + "\n\nMehr zum Thema\nNeues Schwimmbad öffnet im Sommer\n"
           "© 2024 Lindenauer Zeitung. Alle Rechte vorbehalten.\n")

@pytest.mark.parametrize("text, article, removed", [
    pytest.param(RU_PAGE, RU_ARTICLE, ["Главная", "Поделиться", "12 мая", "Читайте также",
                                       "три новых парка", "права защищены"], id="russian"),
    pytest.param(ZH_PAGE, ZH_ARTICLE, ["首页", "分享到微信", "2024年5月12日", "相关新闻",
                                       "社区公园", "版权所有"], id="chinese"),
    pytest.param(DE_PAGE, DE_ARTICLE, ["Startseite", "teilen", "12. Mai", "Mehr zum Thema",
                                       "Schwimmbad", "Rechte vorbehalten"], id="german"),
])
def test_pages_in_other_languages(text, article, removed):
    result = fix_text(text, path="page.txt", select=CH)
    for paragraph in article:
        assert paragraph in result
    for chrome in removed:
        assert chrome not in result, chrome


def test_menu_bar_is_a_navigation_finding():
    findings = lint_text(RU_PAGE, path="page.txt", select=CH)
    assert any(f.code == "CH002" and f.line == 1 and "menu bar" in f.message for f in findings)


@pytest.mark.parametrize("footer", [
    # A footer's menus, flattened one per line: their cells differ in number and no row
    # leads with a pipe, as a Markdown table's rows do.
    pytest.param("Home | Video | World | Business | Culture\nTerms of Use | Privacy | About us",
                 id="different-item-counts"),
    # As many items each, but menu items all, with no delimiter row: no table either.
    pytest.param("Business | Culture | Harbour news\nTerms of Use | Privacy | About us",
                 id="same-item-counts"),
])
def test_piped_menus_on_consecutive_lines_are_no_table(footer):
    text = SITE_MENU + "\n\n".join(MILL) + "\n\n" + footer + "\n"
    result = fix_text(text, path="page.txt", select=CH)
    assert "Business" not in result and "Privacy" not in result
    assert MILL[-1] in result


def test_piped_rows_of_data_stay_for_the_table_rules():
    # Rows of a table that lost its delimiter row hold data, not menu items.
    rows = "Town | Members | Panels\nLowbridge | 400 | 1200\nEastmere | 150 | 380"
    text = SITE_MENU + "\n\n".join(MILL) + "\n\n" + rows + SITE_FOOTER
    assert rows in fix_text(text, path="page.txt", select=CH)


def test_broken_table_rows_are_left_to_the_table_rules():
    text = ("The survey compared adoption in three countries over the last two years, and the "
            "results are summarised below for each of the main industries.\n"
            "Industry | Korea | Japan | Chile\n---|\nShipping | Early | Late | Early\n")
    assert not lint_text(text, path="page.md", select=CH)


# -- pages scraped to Markdown: links and images judged by what a reader sees -------------

SITE = "https://www.valleypost.example"
MD_ARTICLE = [
    "The town of Lowbridge has turned its empty textile mill into a solar farm owned by the "
    "people who live around it.",
    f"Four hundred households bought shares in the [project]({SITE}/solar), which covers the "
    "mill's long roof with panels and sells the power to the local grid.",
    "The panels now supply about a third of what the town uses in a year, and the cooperative "
    "says it will pay its first dividend next spring.",
]
MD_TEASERS = [
    "The ferry operator says the new terminal will open two months later than planned because "
    "of the storms in March.",
    "Volunteers counted more than two hundred species of birds on the estuary during this "
    "year's spring survey, a record.",
    "The library will stay open until ten in the evening on weekdays from next month, the "
    "council has announced.",
    "A farmer in the upper valley has found a Bronze Age axe head while repairing a dry-stone "
    "wall on his land.",
]
MD_PAGE = (f"[![Valley Post]({SITE}/logo.png)]({SITE}/)\n\n"
           f"[Home]({SITE}/) | [News]({SITE}/news) | [Sport]({SITE}/sport) | "
           f"[Weather]({SITE}/weather)\n\n# Old mill becomes a solar cooperative\n\n"
           + "\n\n".join(MD_ARTICLE) + "\n\n## More from the Valley Post\n\n"
           + "\n\n".join(f"[{teaser}]({SITE}/news/{n})" for n, teaser in enumerate(MD_TEASERS))
           + "\n")


def test_markdown_page_keeps_its_article_and_loses_the_site_links():
    # The teasers are sentences, but each is a whole link to another page: headlines,
    # not prose. A link inside a paragraph leaves it prose.
    result = fix_text(MD_PAGE, path="page.md", select=CH)
    for paragraph in MD_ARTICLE:
        assert paragraph in result
    assert "# Old mill becomes a solar cooperative" in result
    for chrome in ["logo.png", "[Home]", "More from the Valley Post", *MD_TEASERS]:
        assert chrome not in result, chrome
    assert fix_text(result, path="page.md", select=CH) == result


def test_a_site_page_with_headings_is_not_a_structured_document():
    # Headings in a sidebar do not make a page of links an authored document: the
    # teasers under "Popular" and "Weather" still go.
    text = (MD_PAGE.replace("## More from the Valley Post", "## Popular")
            + f"\n## Weather\n\n[Sunny spells all week]({SITE}/weather/week)\n\n"
            f"[Storm warning lifted for the coast]({SITE}/weather/storm)\n")
    analysis = page.analyse(to_document(text, "page.md"))
    assert sum(line.kind == "H" for line in analysis.lines) >= 2
    assert not analysis.structured
    result = fix_text(text, path="page.md", select=CH)
    for paragraph in MD_ARTICLE:
        assert paragraph in result
    for chrome in [*MD_TEASERS, "Sunny spells", "Storm warning"]:
        assert chrome not in result, chrome


# An article scraped to Markdown with a photo gallery above it: each photo's caption
# repeats its alt text. Under the text, a "Most read" box of linked setext headlines
# and a footer menu bar of links, two lines of it.
GALLERY = [("Crowds line the quay to watch the first boat race in five years",
            "quay.jpg"),
           ("A volunteer repaints the old stage by the lighthouse before the opening",
            "stage.jpg"),
           ("Fish sellers set out their stalls on the harbour road on Friday morning",
            "stalls.jpg")]
GALLERY_PAGE = (
    "# Harbour festival returns after five years\n\n"
    + "".join(f"![{alt}]({SITE}/img/{src})\n\n{alt}\n\n" for alt, src in GALLERY)
    + "\n\n".join(MILL) + "\n\n## Most read\n\n"
    + "".join(f"[{teaser}]({SITE}/news/{n})\n{'-' * len(teaser)}\n\n"
              for n, teaser in enumerate(("Ferry timetable changes frustrate commuters",
                                          "Library reopens after flood repairs")))
    + f"[Home]({SITE}/) | [News]({SITE}/news) | [Sport]({SITE}/sport)\n"
    f"[Contact]({SITE}/contact) | [Jobs]({SITE}/jobs) | [Archive]({SITE}/archive)\n")


# html2text writes the caption on the image's own line.
GALLERY_PAGE_INLINE = GALLERY_PAGE.replace(")\n\nCrowds", ") Crowds").replace(
    ")\n\nA volunteer", ") A volunteer").replace(")\n\nFish", ") Fish")


@pytest.mark.parametrize("text", [pytest.param(GALLERY_PAGE, id="caption-under-image"),
                                  pytest.param(GALLERY_PAGE_INLINE, id="caption-beside-image")])
def test_scraped_markdown_gallery_teaser_headings_and_link_menu_bars(text):
    analysis = page.analyse(to_document(text, "page.md"))
    captions = [line for line in analysis.lines if any(alt in line.text for alt, _ in GALLERY)]
    assert len(captions) == (6 if text is GALLERY_PAGE else 3)
    for line in captions:
        if line.shown.strip():
            assert (line.kind, line.group) == ("D", "photo caption")  # it repeats its image
    teaser = next(line for line in analysis.lines if line.text.startswith("[Ferry"))
    assert teaser.heading and teaser.kind == "S"  # a headline linking elsewhere: no heading
    menu = [line for line in analysis.lines if line.text.startswith(("[Home]", "[Contact]"))]
    assert [line.kind for line in menu] == ["B", "B"]  # a menu bar, not a table
    result = fix_text(text, path="page.md", select=CH)
    assert result.endswith("\n\n".join(MILL) + "\n")  # the box and the menu bars go


def test_a_changelog_of_links_is_a_structured_document():
    # Every entry links to its change elsewhere, but no template phrase shows: release
    # notes, not a site's page.
    changes = ["Ferry timetables load twice as fast on slow connections",
               "Harbour names keep their accents in exported files",
               "The tide table no longer skips the last day of a month",
               "Fares are rounded the same way on every route"]
    text = "\n\n".join(
        f"Version {major}.0\n-----------\n\n" + "\n".join(
            f"- [{change}](https://code.example/ferry/pull/{major}{n})"
            for n, change in enumerate(changes)) for major in range(1, 4)) + "\n"
    analysis = page.analyse(to_document(text, "CHANGELOG.md"))
    assert analysis.structured
    assert lint_text(text, path="CHANGELOG.md", select=CH) == []


def test_a_documents_own_table_of_contents_is_not_a_menu():
    # Links to anchors and files beside the document are its structure, not a site's.
    toc = "\n".join(f"- [{name}](#{name.lower()})" for name in ("Install", "Usage", "Licence"))
    text = toc + "\n\n" + "\n\n".join(MILL) + "\n"
    assert lint_text(text, path="README.md", select=CH) == []
    lines = page.analyse(to_document(text, "README.md")).lines
    assert [line.group for line in lines[:3]] == [None] * 3


@pytest.mark.parametrize("text, headings", [
    pytest.param("Release notes\n=============\n\nFixed\n-----\n", [1, 4], id="setext"),
    pytest.param("Release notes\n\n- an item\n---\n", [], id="list-item-then-rule"),
    pytest.param("> quoted\n---\n", [], id="quote-then-rule"),
    pytest.param("a paragraph line\nwrapped onto a second\n---\n", [], id="wrapped-paragraph"),
    pytest.param("Wait\n-\n", [], id="single-dash-separator"),
])
def test_setext_headings_are_headings(text, headings):
    lines = page.analyse(to_document(text, "notes.md")).lines
    assert [line.index + 1 for line in lines if line.heading] == headings


def test_a_setext_chrome_heading_goes_with_its_underline():
    text = BODY + "\n\nShare this story\n----------------\n"
    assert fix_text(text, path="a.md", select=CH) == BODY + "\n"


# A reference page: sections of short option lists after the last paragraph of prose.
OPTIONS_PAGE = "\n\n".join([
    "# Timetable options", MILL[0], "## Harbours", MILL[1], "### `save`",
    "* Default: false\n* Type: Boolean", "Keeps the timetable for the next run.",
    "### `email`", "* Default: none\n* Type: String", "### See also",
    f"* [Ferry routes]({SITE}/routes)",
]) + "\n"


def test_a_structured_documents_last_sections_are_text_until_chrome():
    result = fix_text(OPTIONS_PAGE, path="options.md", select=CH)
    assert result == OPTIONS_PAGE.split("\n\n### See also")[0] + "\n"


# Release notes whose entries are short lines, with one that reads like a template
# phrase ("mailing list"), and a paragraph of prose only in the last release.
RELEASE_NOTES = "\n\n".join([
    "# Ferry timetable changelog", "Share this page",
    "## 3.0", "* Faster departures board ([#31](https://code.example/ferry/pull/31))\n"
    "* Remove the old mailing list ([#32](https://code.example/ferry/pull/32))\n"
    "* Harbour codes in upper case ([#33](https://code.example/ferry/pull/33))",
    "## 2.0", "* Tide tables per harbour ([#21](https://code.example/ferry/pull/21))\n"
    "* Fares rounded per route ([#22](https://code.example/ferry/pull/22))",
    "## 1.0", MILL[0],
]) + "\n"


def test_a_structured_documents_short_sections_stay_around_its_prose():
    analysis = page.analyse(to_document(RELEASE_NOTES, "CHANGELOG.md"))
    assert analysis.structured
    result = fix_text(RELEASE_NOTES, path="CHANGELOG.md", select=CH)
    # The sections above the only paragraph are text, not a page header; below the
    # template-like entry the document goes on.
    for kept in ("Faster departures board", "Harbour codes", "Tide tables", "Fares rounded",
                 MILL[0]):
        assert kept in result, kept
    assert "Share this page" not in result


# A hard-wrapped paragraph that names template words ("subscribe", "rights reserved")
# in a sentence, its lines breaking after commas before capitalised names.
TEMPLATE_WORDS_PARAGRAPH = (
    "The rules cover English, French and German, with the commonest phrases (share,\n"
    "subscribe, related, comments, rights reserved) of Russian, Polish, Turkish,\n"
    "Dutch and Arabic, and they are checked against clean pages on every release.")
PHRASES_README = ("# Ferry timetable tool\n\n" + MILL[0] + "\n\n## Languages\n\n"
                  + TEMPLATE_WORDS_PARAGRAPH + "\n\n## Licence\n\n" + MILL[1] + "\n")


def test_a_sentence_wrapped_after_its_commas_is_one_paragraph():
    analysis = page.analyse(to_document(PHRASES_README, "README.md"))
    wrapped = [line for line in analysis.lines if line.text in
               TEMPLATE_WORDS_PARAGRAPH.splitlines()]
    assert len({line.paragraph for line in wrapped}) == 1
    assert fix_text(PHRASES_README, path="README.md", select=CH) == PHRASES_README


def test_indented_lines_go_on_with_their_list_item():
    text = ("Options of the ferry timetable tool, each read from the command line when the "
            "tool starts.\n\n"
            "* `--harbour` The harbour whose departures are listed, by its short code or by "
            "its full name\n"
            "  as printed on the timetable board\n"
            f"  [#512]({SITE}/issues/512).\n")
    analysis = page.analyse(to_document(text, "options.md"))
    item = [line for line in analysis.lines if line.text.startswith("*")][0]
    assert [line.paragraph for line in analysis.lines[-3:]] == [item.position] * 3


# A blog post scraped to Markdown, its footer under headings of its own.
POST_FOOTER = (f"### Post navigation\n\n[Previous post: Ferry fares rise]({SITE}/fares)\n\n"
               f"[Next post: Library hours]({SITE}/library)\n\n"
               "© 2024 Valley Post. All rights reserved.\n")


SHARE = "Share this article\n\n"


@pytest.mark.parametrize("tail, heading, removed", [
    pytest.param(SHARE + POST_FOOTER, "### Post navigation", True, id="over-removed-links"),
    pytest.param("## Share this:\n\n[Facebook](https://facebook.com/share)\n\n"
                 "[Email](mailto:?subject=mill)\n", "## Share this:", True, id="share-header"),
    pytest.param(SHARE + "#### The mill was the town's largest employer for a century.\n\n"
                 + POST_FOOTER.split("\n\n", 1)[1], "#### The mill was", False,
                 id="pull-quote-sentence"),
    pytest.param(SHARE + "### Related\n\nMore from us\n------------\n\n"
                 + POST_FOOTER.split("\n\n", 1)[1], "### Related", True,
                 id="over-a-heading-that-goes"),
    pytest.param("## Notes\n", "## Notes", False, id="nothing-under-it"),
    pytest.param("## Notes\n\nThe figures come from the cooperative's annual report, "
                 "published in March.\n\n" + SHARE + POST_FOOTER, "## Notes", False,
                 id="section-keeps-text"),
])
def test_a_heading_goes_with_the_chrome_under_it(tail, heading, removed):
    text = MD_PAGE.split("\n\n## More from")[0] + "\n\n" + tail
    analysis = page.analyse(to_document(text, "page.md"))
    assert not analysis.structured
    result = fix_text(text, path="page.md", select=CH)
    for paragraph in MD_ARTICLE:
        assert paragraph in result
    assert "Previous post" not in result and "[Facebook]" not in result
    assert (heading not in result) is removed
    assert "annual report" in result or "annual report" not in text
    assert fix_text(result, path="page.md", select=CH) == result


def test_an_authored_documents_headings_stay_over_removed_lines():
    # In a structured document a heading is the author's, whatever CH removes under it.
    text = OPTIONS_PAGE.replace("### See also", "### Elsewhere\n\nShare this article")
    assert page.analyse(to_document(text, "options.md")).structured
    result = fix_text(text, path="options.md", select=CH)
    assert "Share this article" not in result and "### Elsewhere" in result
