"""The payments port and its adapters: simulated (our own pay page) and Stripe Checkout, with Connect accounts."""
