"""Documents supple makes for other programs and for paper: the printable handout (HTML and PDF),
the calendar reminders (iCalendar) and the FHIR export. Backups are the store's (store/repositories/backups.py)."""
