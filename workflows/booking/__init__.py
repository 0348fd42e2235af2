"""BookingWorkflow and its parts (state, effects, deposit, calendar, changes, texts); the workflows that give
money back."""
