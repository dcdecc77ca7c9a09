"""The use cases that the command line and the web app share, one module per use case, each given
the application context (context.py) as its first argument (docs/architecture.md, "Services"):

- catalogue: browsing the exercises; figures: their drawings;
- screening: the safety questions and the gate; planning: a routine for a request;
- routines: saved routines, and a routine as it plays today;
- terminal_session and browser_session: a guided session kept set by set; pain: a "this hurts";
- progress: history, stats, activities, and what a finished session changes in the next plan;
- people: who is asking, accounts and signing in; clinic: a clinician's clients and their routines;
- personal_data: backup, restore, delete; handouts; interop (FHIR); health (the store answers).

Single-person and clinic mode differ in one place, the mode the context holds (modes.py).
"""
