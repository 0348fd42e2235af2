"""Everything that touches the world (database, channels, LLM, calendar, payments); one concern per module."""
