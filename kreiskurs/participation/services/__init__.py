"""Writes of the participation app: named, keyword-only, atomic; staff actions audited."""
