"""Legal terms as the local law uses them (issue 13, item 2): a reader's letters and answers
cite the law by the name and in the article form of their language — "Art. 21 Abs. 1 DSGVO",
"art. 21.1 RGPD", "art. 18, § 2º, LGPD" — while English keeps "GDPR Art. 21(1)"; where a
sentence joins article and law, with the law's own article ("art. 21.1 du RGPD", "da LGPD")."""

from __future__ import annotations

from bot.dialogue import Engine
from tests.i18n.test_speaks_their_language import Speaker


def onboarded(engine: Engine, language: str, *answers: str) -> Speaker:
    user = Speaker(engine, language)
    user.command("start")
    for text in answers:
        user.say(text)
    assert user.profile.onboarded
    return user


def answer_in_full(user: Speaker, question: str) -> str:
    """The answer and its details (sent when their button is pressed): where the law is cited."""
    texts = [user.say(question)]
    assert user.last is not None
    pages = [b.data for r in user.last.replies for row in r.buttons for b in row]
    texts += [user.press(data) for data in pages if data and data.startswith("m:")]
    return "\n".join(texts)


def test_a_german_in_germany_reads_dsgvo_in_the_answer_and_the_letter(engine):
    user = onboarded(engine, "de", "Deutschland", "facebook und insta", "privat")
    answer = answer_in_full(user, "wie widerspreche ich dem ki training bei insta")
    # (source titles stay as the sources name themselves: "GDPR (Regulation (EU) 2016/679)")
    assert "Art. 21 Abs. 1 DSGVO" in answer and "GDPR Art. 21(1)" not in answer
    letter = user.press("l:objection")
    assert "gemäß Art. 21 Abs. 1 DSGVO der Verwendung" in letter
    assert "wie es Art. 12 Abs. 3 DSGVO vorschreibt" in letter
    assert "GDPR" not in letter and "21(1)" not in letter


def test_a_french_reader_writes_rgpd_and_cites_articles_as_french_does(engine):
    user = onboarded(engine, "fr-FR", "je vis en France", "insta et fb", "perso")
    answer = answer_in_full(user, "comment empecher meta d'entrainer son IA avec mes photos insta")
    assert "art. 21.1 RGPD" in answer and "GDPR Art. 21(1)" not in answer
    letter = user.press("l:objection")
    assert "(art. 21.1 du RGPD)" in letter and "(art. 12.3 du RGPD)" in letter
    assert "GDPR" not in letter


def test_a_brazilian_reads_the_lgpd_article_as_brazilian_law_writes_it(engine):
    user = onboarded(engine, "pt-BR", "moro em são paulo", "insta e zap", "pessoal")
    answer = answer_in_full(user, "como faço pra meta não usar minhas fotos na ia")
    assert "art. 18, § 2º, LGPD" in answer
    letter = user.press("l:objection")
    assert "nos termos do art. 18, § 2º, da LGPD" in letter and "Art. 18 § 2" not in letter


def test_english_keeps_the_english_citation(engine):
    user = onboarded(engine, "en", "Germany", "facebook", "personal")
    letter = user.press("l:objection")
    assert "under Art. 21(1) of the GDPR" in letter and "DSGVO" not in letter
