"""What only runs outside production: the demo chat and the simulated pay page."""
