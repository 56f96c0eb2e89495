"""The personal checklist in the conversation: the overview, one item, marking it."""

from __future__ import annotations

from bot import render
from bot.actions import checklist, letters
from bot.callbacks import ChecklistOpened
from bot.dialogue import answering, asking, keyboards, needs
from bot.dialogue.turn import Turn
from bot.replies import Button

MARKED = {"d": "checklist.marked_done", "s": "checklist.marked_skipped"}


def show(turn: Turn) -> None:
    """/checklist: the items that apply, in order of impact, with progress."""
    missing = needs.for_action(turn.kb, turn.profile, "checklist")
    if missing is not None:
        asking.for_action(turn, "checklist", missing)
        return
    items = checklist.items_for(turn.kb, turn.profile, turn.now.date())
    if not items:
        turn.say(turn.msg("checklist.empty"))
        return
    buttons = []
    for n, item in enumerate(items, 1):
        mark = {"done": "✅ ", "skipped": "⏭ "}.get(turn.profile.checklist.get(item.id, ""), "")
        label = f"{mark}{n}. {item.title(turn.lang)}"
        buttons.append([Button(render.button_label(label), ChecklistOpened(item.id).pack())])
    turn.say(checklist.overview(turn.kb, turn.profile, items), buttons)


def pressed(turn: Turn, data: ChecklistOpened) -> bool:
    """The overview, an item, or a mark; False for an item that does not apply."""
    if data.item_id is None:
        show(turn)
        return True
    items = checklist.items_for(turn.kb, turn.profile, turn.now.date())
    item = next((i for i in items if i.id == data.item_id), None)
    if item is None:
        return False
    title = item.title(turn.lang)
    if data.mark is None:
        open_item(turn, items.index(item) + 1, len(items), item.id)
        return True
    if data.mark == "u":
        turn.profile.checklist.pop(item.id, None)
        turn.say(turn.msg("checklist.marked_open", title=title))
    else:
        turn.profile.checklist[item.id] = "done" if data.mark == "d" else "skipped"
        turn.say(turn.msg(MARKED[data.mark], title=title))
    show(turn)
    return True


def open_item(turn: Turn, n: int, total: int, item_id: str) -> None:
    """One item: its answer for the user's apps, done/skip (or undo), its actions, back."""
    item = next(i for i in turn.kb.checklist.items if i.id == item_id)
    turn.say(turn.msg("checklist.item_header", n=n, total=total, minutes=item.minutes))
    platforms = tuple(
        p for p in turn.profile.platforms if not item.platforms or p in item.platforms
    )
    answering.answer(turn, item.goal, platforms, None, offers=False)
    row = (
        [Button(turn.msg("checklist.undo_button"), ChecklistOpened(item.id, "u").pack())]
        if turn.profile.checklist.get(item.id)
        else [
            Button(turn.msg("checklist.done_button"), ChecklistOpened(item.id, "d").pack()),
            Button(turn.msg("checklist.skip_button"), ChecklistOpened(item.id, "s").pack()),
        ]
    )
    back = [Button(turn.msg("checklist.back_button"), ChecklistOpened().pack())]
    actions = [a for a in item.actions if letters.offered(turn.kb, turn.profile, a)]
    turn.replies[-1].buttons = [row, *keyboards.actions(turn, actions), back]
