"""Kreiskurs's PostgreSQL database backend: Django's, with a health check without a round trip (decision 0040)."""
