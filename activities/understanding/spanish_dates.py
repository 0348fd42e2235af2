"""Days, times and parts of the day as Spanish speakers write them, relative to a business-local "today".

Every function reads text normalised by text.normalise (lowercase, no accents, "ñ" as "n", shorthand expanded).
"""

from activities.understanding.spanish_days import find_day, find_days, wanted_days
from activities.understanding.spanish_times import find_part_of_day, find_time

__all__ = ["find_day", "find_days", "find_part_of_day", "find_time", "wanted_days"]
