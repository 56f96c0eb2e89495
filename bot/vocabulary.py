"""The domain's fixed ids (product.md): used in code, knowledge files, JSON output and callbacks."""

from enum import StrEnum
from typing import Final


class Platform(StrEnum):
    facebook = "facebook"
    instagram = "instagram"
    whatsapp = "whatsapp"
    messenger = "messenger"


class Region(StrEnum):
    eu = "eu"
    uk = "uk"
    us_ca = "us_ca"
    us_other = "us_other"
    other = "other"


class Account(StrEnum):
    personal = "personal"
    business = "business"


class Goal(StrEnum):
    overview = "overview"
    stop_training = "stop_training"
    ai_personalization = "ai_personalization"
    remove_chatbot = "remove_chatbot"
    stop_ai_replies = "stop_ai_replies"
    delete_account = "delete_account"
    delete_specific_data = "delete_specific_data"
    trained_data = "trained_data"
    off_platform_activity = "off_platform_activity"
    connected_apps = "connected_apps"
    what_collected = "what_collected"
    escalate = "escalate"
    business = "business"
    quick_wins = "quick_wins"
    browser_vs_app = "browser_vs_app"
    regulation = "regulation"


class Confidence(StrEnum):
    """How well a card's path or claim is evidenced (verification.md)."""

    confirmed = "confirmed"
    reported = "reported"
    unconfirmed = "unconfirmed"


ALL: Final = "all"
DEFAULT_LANGUAGE = "en"
