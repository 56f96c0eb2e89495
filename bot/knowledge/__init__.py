"""The knowledge base: YAML data under `knowledge/`, validated by pydantic models."""

from bot.knowledge.loader import KnowledgeError
from bot.knowledge.services import KnowledgeBase, load_knowledge

__all__ = ["KnowledgeBase", "KnowledgeError", "load_knowledge"]
