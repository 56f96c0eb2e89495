"""Where the user lives: free text → country / US state / German state → region and authorities.

The bot's first question is "where do you live?", and people answer it every way there is:
"Deutschland", "🇩🇪", "im in california", "U.S.", "Bayern", "CA". Everything the bot says next
(which objection has legal force, which authority to write to) depends on the answer, so this
package reads it carefully and fast, and never raises.

- `place` — `Place`, the resolved answer.
- `regions` — which product region an ISO code is in, and display names.
- `index` — every normalised name, code and alias → places (built once at load).
- `tokens`, `reading` — free text → a place (`resolve`, `find_in_text`, `suggest`).
- `gazetteer` — `Gazetteer`, the one object the conversation uses (`kb.gazetteer`), which also
  answers who to complain to through `bot.authorities`.
"""

from bot.places.gazetteer import Gazetteer
from bot.places.place import Place

__all__ = ["Gazetteer", "Place"]
