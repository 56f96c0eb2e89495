"""The terminal front-end: the same conversation as on Telegram, buttons as numbered options.

Works interactively and with piped stdin (one message or option number a line).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import TextIO

from bot.conversation import Conversations
from bot.dialogue import Command, Event, Outcome, Press, Text
from bot.text import html_to_plain

CONSOLE_USER = 0  # the terminal's single user; its profile is kept like any other


class ConsoleChat:
    def __init__(
        self, conversations: Conversations, out: TextIO = sys.stdout, user_id: int = CONSOLE_USER
    ) -> None:
        self.conversations = conversations
        self.out = out
        self.user_id = user_id
        self.options: list[str] = []

    def event_for(self, line: str) -> Event:
        stripped = line.strip()
        if stripped.isdigit() and self.options and 1 <= int(stripped) <= len(self.options):
            return Press(self.options[int(stripped) - 1])
        if stripped.startswith("/") and len(stripped) > 1 and not stripped[1:2].isspace():
            name, _, arg = stripped[1:].partition(" ")
            return Command(name.split("@")[0], arg.strip())
        return Text(line)

    def send(self, line: str) -> Outcome:
        outcome = self.conversations.handle(self.user_id, self.event_for(line))
        self.show(outcome)
        return outcome

    def show(self, outcome: Outcome) -> None:
        if outcome.notice:
            self.print(f"({outcome.notice})")
        for reply in outcome.replies:
            self.print(html_to_plain(reply.text))
            if reply.document is not None:
                self.print(f"--- {reply.document.filename} ---")
                self.print(reply.document.content.decode("utf-8", "replace"))
                self.print("---")
            if reply.buttons:
                self.options = []
                for row in reply.buttons:
                    for button in row:
                        if button.data:
                            self.options.append(button.data)
                            self.print(f"  [{len(self.options)}] {button.label}")
                        elif button.url:
                            self.print(f"  {button.label}: {button.url}")
            self.print("")

    def print(self, text: str) -> None:
        self.out.write(text + "\n")
        self.out.flush()

    def run(self, lines: Iterable[str]) -> None:
        """Greets (as /start would), then handles each line as the user's next message."""
        self.send("/start")
        for line in lines:
            self.send(line.rstrip("\n"))

    def loop(self, stdin: TextIO = sys.stdin) -> int:
        interactive = stdin.isatty()

        def lines() -> Iterable[str]:
            while True:
                if interactive:
                    self.out.write("> ")
                    self.out.flush()
                line = stdin.readline()
                if not line:
                    return
                if interactive and line.strip().lower() in ("/quit", "/exit"):
                    return
                yield line

        try:
            self.run(lines())
        except KeyboardInterrupt:
            self.print("")
        return 0
