"""Helpers for files people open in spreadsheet programs (CSV, XLSX)."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """A text cell that a spreadsheet program will not run as a formula (CSV injection).

    Text starting with =, +, -, @, a tab or a carriage return gets a leading apostrophe, which
    spreadsheet programs show as plain text; numbers and other values pass unchanged.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
