"""Files supple writes for other programs: calendar reminders, backups, handouts, FHIR."""
