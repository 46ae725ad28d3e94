"""The boilerplate phrase lists and the cheap word gate in front of them.

``boilerplate_group`` only runs the big pattern when a line holds one of the gate's
trigger words; a phrase the pattern knows but the gate lets through unseen would be
silently lost. Each case is a short line of page furniture, in several languages.
"""

from __future__ import annotations

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
    ("Deixe seu comentário", "comments"),
    ("Laisser un commentaire", "comments"),
    ("Siga-nos nas redes", "social"),
    ("Suivez-nous", "social"),
])
def test_furniture_line_is_grouped(line, group):
    assert lx.BOILERPLATE.search(line) is not None  # the pattern knows the phrase...
    assert lx.boilerplate_group(line) == group  # ...and the gate lets it through


@pytest.mark.parametrize("line", [
    "Mais de trezentos livros saíram das prateleiras",
    "The council met on Tuesday",
    "Die Brücke wird im Mai eröffnet",
])
def test_article_line_has_no_group(line):
    assert lx.boilerplate_group(line) is None
