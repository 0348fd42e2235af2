"""Process plumbing: settings, logging, the database engine and the Temporal connection."""
