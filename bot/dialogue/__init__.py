"""The conversation, free of any transport: (profile, event) → (replies, new profile).

Onboarding asks for the country (and a US state, where the law differs), the apps and the
account type; questions are welcome at any point — answered at once when the answer does not
depend on what is missing, otherwise remembered (as goal and platform, never as text) and
answered as soon as it can be. Where things live:

  events.py     what goes in (Text, Command, Press, Due) and comes out (Outcome)
  engine.py     Engine: one event → one Turn → an Outcome
  turn.py       Turn: the profile worked on and the replies collected
  machine.py    the state machine: its transition table and the only writes of the state
  needs.py      what an answer or action still needs from the profile
  asking.py     the question of each onboarding step
  onboarding.py reading each step's answer, and moving on
  reading.py    free text: yes/no, a step's answer, or a question
  smalltalk.py  hello, thanks, ok, an emoji;  context.py  follow-ups on the last answer
  changes.py    details changed in words ("we moved to lisbon", "not only facebook")
  answering.py  which cards fit, and the answer message
  commands.py   slash commands;  presses.py  button presses;  keyboards.py  buttons offered
  flows/        checklist, letters, reminders
  feedback.py   "it worked / my app looks different" votes, the moved-menu notice, /stats
  diagram.py    docs/state-machine.md, drawn from the transition table
"""

from bot.dialogue.engine import Engine
from bot.dialogue.events import MAX_TEXT, Command, Due, Event, Outcome, Press, Text

__all__ = ["MAX_TEXT", "Command", "Due", "Engine", "Event", "Outcome", "Press", "Text"]
