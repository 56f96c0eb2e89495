"""Italian as people chat it (issue 13): readings the first two Italian sets did not teach.

Found with bench/data/lang/dev/it_more.yaml, a set by a third author; each case here is a new
phrasing of a kind of miss, so the fix is the general cause, not that set's sentence.
"""

from __future__ import annotations

import pytest

from bot.vocabulary import Goal


@pytest.mark.parametrize(
    ("text", "goal"),
    [
        # "usa" (uses) lemmatises to "uso": "che dati usa meta ai" is not "come uso meta ai"
        ("quali informazioni usa meta ai su di me?", Goal.what_collected),
        ("ho un bar e uso whatsapp business, meta ai legge i messaggi dei clienti?", Goal.business),
        ("come uso meta ai per fare un riassunto", None),
        # apps "sending info" and ads that follow a purchase are activity off Meta
        ("i siti di viaggi mandano info a meta?", Goal.off_platform_activity),
        (
            "cerco un volo e poi me lo ritrovo su facebook, come lo evito",
            Goal.off_platform_activity,
        ),
        # giving and revoking access is connected apps
        ("ho dato accesso a un quiz col mio facebook, come glielo tolgo", Goal.connected_apps),
        # a refusal in chat words, "mo" (Rome, Naples) for "adesso"
        ("meta mi ha risposto di no, e mo?", Goal.escalate),
        # "finire nell'IA": ending up in the training data
        ("non voglio che i miei video finiscano nell'intelligenza artificiale", Goal.stop_training),
        ("nun voglio che meta usi le foto mie pe l'ia", Goal.stop_training),
        # WhatsApp's "Improve AI" spelt out
        ("come spengo migliora l'intelligenza artificiale su whatsapp", Goal.ai_personalization),
        # hiding the Meta AI chat hides the assistant; deleting it deletes data
        ("nascondere la chat con meta ai su instagram", Goal.remove_chatbot),
        ("cancellare la chat con meta ai", Goal.delete_specific_data),
        ("quali impostazioni cambio per prime?", Goal.quick_wins),
        # silence after an objection, in chat words; the EU by name is the law
        ("ho fatto l'opposizione a meta e tutto tace, che faccio", Goal.escalate),
        ("cosa dice l'unione europea sull'ia di meta", Goal.regulation),
    ],
)
def test_chat_italian_is_read(kb, text, goal):
    assert kb.matcher("it").match(text).goal == goal
