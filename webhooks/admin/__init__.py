"""/admin for the salon's staff: SQLAdmin views scoped to the logged-in business, sessions, actions, exports."""
