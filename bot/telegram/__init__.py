"""The Telegram front-end: a thin layer that turns updates into engine events and the engine's
replies into Bot API calls. python-telegram-bot is imported only in this package.

    app.py        build_application(): wiring only
    intake.py     getUpdates and the webhook: confirmed only once processed, one update at a time
    courier.py    sends what the user's outbox holds, in order, once, after any outage
    handlers.py   one small callback per kind of update
    registration.py  the command menus and descriptions, set in the background when changed
    send.py       Reply → sendMessage / editMessageText / sendDocument, with splitting
    keyboards.py  Button → InlineKeyboardMarkup
    ordering.py   per-user order and the per-user flood limit, for concurrent processing
    jobs.py       due reminders and the retention purge
    logging.py    token redaction and hashed user ids
    runner.py     `optout-bot run` and `optout-bot webhook`
"""
