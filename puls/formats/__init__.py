"""Output formats of dates and numbers per language (FORMAT_MODULE_PATH): Romanian, and English in
the British form ("3 December 2026", 24-hour time, 03/12/2026), never the US one. Input formats
are left to Django's own locale modules."""
