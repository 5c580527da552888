"""Kreiskurs: a district's digitalisation strategy as a living, versioned cycle."""
