"""The calendar port and its adapters: the local one (the database) and Google Calendar."""
