"""ConversationWorkflow: one per customer and business; each turn records, runs the dialogue, sends, marks answered."""
