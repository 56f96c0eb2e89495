"""Draw the conversation's state machine (machine.TABLE) as a Mermaid diagram.

    python -m bot.dialogue.diagram > docs/state-machine.md

A test fails when the committed file differs from what this prints.
"""

from __future__ import annotations

from collections import defaultdict

from bot.dialogue.machine import TABLE
from bot.profile import Step

HEADER = """\
# The conversation's state machine

<!-- Generated from bot/dialogue/machine.py (TABLE) by
     `python -m bot.dialogue.diagram > docs/state-machine.md` — do not edit by hand;
     tests/dialogue/test_machine.py fails when this file is stale. -->

The state is `Profile.step`. `new` users start onboarding; onboarding steps ask one detail
each; `ready` answers questions. An onboarded user is sent back to a step by `/settings` or by a
question or action that needs a detail (`return_to: settings`, the question or action kept in
`pending`); once answered, the bot answers what was waiting and returns to `ready`. `/forget`
asks for confirmation (`awaiting: forget`) in any state without changing it.
"""


def edges() -> dict[tuple[Step, Step], list[str]]:
    """(source, target) → the triggers (with what decides) that make that move."""
    out: dict[tuple[Step, Step], list[str]] = defaultdict(list)
    for row in TABLE.values():
        for target in row.targets:
            out[(row.source, target)].append(row.trigger.value)
    return out


def mermaid() -> str:
    lines = ["stateDiagram-v2", "    [*] --> new"]
    order = list(Step)
    for (source, target), labels in sorted(
        edges().items(), key=lambda e: (order.index(e[0][0]), order.index(e[0][1]))
    ):
        lines.append(f"    {source.value} --> {target.value}: {', '.join(labels)}")
    return "\n".join(lines)


def table() -> str:
    rows = ["| from | trigger | to | decided by |", "|---|---|---|---|"]
    for row in TABLE.values():
        targets = ", ".join(t.value for t in row.targets)
        rows.append(f"| {row.source.value} | {row.trigger.value} | {targets} | {row.when} |")
    return "\n".join(rows)


def document() -> str:
    return f"{HEADER}\n```mermaid\n{mermaid()}\n```\n\n## Transitions\n\n{table()}\n"


if __name__ == "__main__":
    print(document(), end="")
