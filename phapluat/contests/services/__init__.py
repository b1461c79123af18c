"""Writes of the contests app: banks (import, linking) and contests (rounds, participants, attempts)."""
