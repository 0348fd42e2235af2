"""The messaging port and its adapters (console, WhatsApp Cloud, Chatwoot), the message archive, team alerts."""
