"""Time expressions: dates, relative and partial, resolved against a calendar."""
