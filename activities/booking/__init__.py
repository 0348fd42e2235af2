"""The appointment rows a booking holds, its policies, and the slot search over hours, holds and calendars."""
