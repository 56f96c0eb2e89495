"""End-to-end helpers: the real Telegram application against the local Bot API server."""
