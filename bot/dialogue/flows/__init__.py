"""From advice to action, inside the conversation: the checklist, texts to send, reminders.

Each flow is a set of functions that take the turn, so Telegram and the console get every
action without knowing about them.
"""
