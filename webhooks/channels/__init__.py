"""Inbound channels: WhatsApp Cloud, Chatwoot and Stripe webhooks, and the one path a message takes to its workflow."""
