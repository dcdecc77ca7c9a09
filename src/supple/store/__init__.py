"""What supple keeps, grouped by where it is kept (docs/architecture.md, "The store"):

- database/: the engine, the tables, the migrations and how a store fault is told from a bug;
- repositories/: one repository per kind of record (people, screenings, routines, sessions, ...);
- files/: the small files in SUPPLE_HOME (the latest screening, the next plan's advice, ...);
- caches/: what a cold command may reuse instead of parsing and validating the content again.
"""
