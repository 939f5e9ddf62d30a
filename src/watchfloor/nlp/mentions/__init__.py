"""Mentions: who the words name (entities, descriptors, roles, bare names, parties)."""
