"""Local HTTP fakes of third-party APIs, speaking their real wire formats."""
