"""The knowledge base: YAML data under `knowledge/`, validated by pydantic models."""

from bot.knowledge.loader import KnowledgeBase, load_knowledge

__all__ = ["KnowledgeBase", "load_knowledge"]
