"""FastAPI app: webhook receivers, health, staff admin and demo pages."""
