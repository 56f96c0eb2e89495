"""Italian questions of the kinds the wave 13 tuning fixed in knowledge/matching/it.yaml: each
parametrised test is one kind, with phrasings written for the test (not taken from a set)."""

from __future__ import annotations

import pytest

from bot.vocabulary import Goal


# the AI suggestions of Ads Manager (Gestione inserzioni) are the advertisers' tools, not the
# personalisation of one's feed
@pytest.mark.parametrize(
    "question",
    [
        "posso spegnere i suggerimenti dell'intelligenza artificiale in gestione inserzioni?",
        "come tolgo i suggerimenti ia quando creo un'inserzione su gestione inserzioni",
        "in gestione inserzioni si possono spegnere i suggerimenti automatici dell'ia?",
    ],
)
def test_ads_manager_ai_suggestions_are_business(italian, question):
    assert italian.match(question).goal == Goal.business


# the same words about the feed stay the personalisation
@pytest.mark.parametrize(
    "question",
    [
        "i suggerimenti dell'ia su instagram si basano sulle mie chat?",
        "come disattivo i suggerimenti dell'ia nel feed di instagram?",
    ],
)
def test_feed_ai_suggestions_stay_personalization(italian, question):
    assert italian.match(question).goal == Goal.ai_personalization


# the "Migliora AI" toggle named without an article
@pytest.mark.parametrize(
    "question",
    [
        "si può spegnere il migliora ai su whatsapp?",
        "se disattivo migliora ai cambia qualcosa per tutta la famiglia?",
        "su instagram ho tolto migliora IA, basta così?",
    ],
)
def test_improve_ai_toggle_without_article(italian, question):
    assert italian.match(question).goal == Goal.ai_personalization


# "Off-Meta activity" / "Off-Facebook activity" by its English name
@pytest.mark.parametrize(
    "question",
    [
        "come si disattiva l'off-meta activity su instagram?",
        "attività off meta: cosa manda e come la spengo",
        "che cos'è l'off facebook activity e va spenta?",
    ],
)
def test_off_meta_activity_english_name(italian, question):
    assert italian.match(question).goal == Goal.off_platform_activity


# the cookie banners of any website (newspapers, shops) are not Meta's
@pytest.mark.parametrize(
    "question",
    [
        "devo per forza accettare i cookie quando apro i siti dei giornali?",
        "il banner dei cookie su un sito di ricette, conviene rifiutare?",
        "nei giornali online posso rifiutare i cookie o mi bloccano gli articoli?",
    ],
)
def test_website_cookie_banners_are_not_ours(italian, question):
    assert italian.match(question).goal is None


# Meta's own cookies on other sites stay the off-Meta activity
def test_meta_cookies_stay_off_platform(italian):
    question = "i cookie di meta sui siti che visito si possono bloccare?"
    assert italian.match(question).goal == Goal.off_platform_activity


# a letter or text for the objection form, GDPR articles cited in it: objecting, not the law
@pytest.mark.parametrize(
    "question",
    [
        "mi serve un testo da incollare nell'opposizione a meta, citando il regolamento europeo",
        "avete un fac simile di lettera di opposizione con le norme del gdpr? non so scriverla",
        "potete scrivermi voi la lettera per il modulo di opposizione? con gli articoli del gdpr",
    ],
)
def test_objection_letter_is_stop_training(italian, question):
    assert italian.match(question).goal == Goal.stop_training


# whether a sent objection took effect (the confirmation email)
@pytest.mark.parametrize(
    "question",
    [
        "ho mandato l'opposizione e mi è arrivata una mail di conferma da meta, vuol dire che è "
        "attiva?",
        "come faccio a sapere se l'opposizione all'ia di meta è andata a buon fine?",
    ],
)
def test_objection_confirmation_is_stop_training(italian, question):
    assert italian.match(question).goal == Goal.stop_training


# a child's account opened secretly or with a fake age: "di nascosto" is not hiding, deleting it
# is deleting the account
@pytest.mark.parametrize(
    "question",
    [
        "mia figlia ha 12 anni e ha aperto facebook di nascosto, come lo elimino insieme alle "
        "sue foto?",
        "il piccolo ha aperto instagram di nascosto, posso cancellarlo io e far sparire i "
        "suoi post?",
        "mia nipote si è iscritta a insta con un'età falsa, come lo elimino con tutte le foto?",
    ],
)
def test_child_account_opened_secretly_is_delete_account(italian, question):
    assert italian.match(question).goal == Goal.delete_account


# content already uploaded, already used by the AI, to be taken back out
@pytest.mark.parametrize(
    "question",
    [
        "ho messo su instagram per anni le foto dei miei bimbi, quelle già caricate sono già "
        "state usate dall'ia e si possono togliere?",
        "le foto di mia figlia già pubblicate su facebook sono già finite nell'ia? si possono "
        "levare?",
    ],
)
def test_already_used_content_is_trained_data(italian, question):
    assert italian.match(question).goal == Goal.trained_data


# legal proceedings ("procedimenti") against Meta: the regulators' actions
@pytest.mark.parametrize(
    "question",
    [
        "quali procedimenti ha avviato il garante su meta ai?",
        "scrivo una tesi: quanti procedimenti ci sono stati contro meta in europa sui dati?",
        "ci sono procedimenti in corso contro meta per l'addestramento dell'ia?",
    ],
)
def test_proceedings_are_regulation(italian, question):
    assert italian.match(question).goal == Goal.regulation
