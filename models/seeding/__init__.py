"""Setting a business up: the demo salon, the seed command and salon files."""
