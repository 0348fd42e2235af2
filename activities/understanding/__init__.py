"""What a customer's message says: one schema, the rules and Claude, the activity that picks, and summaries."""
