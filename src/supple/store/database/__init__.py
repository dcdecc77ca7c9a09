"""The database: the engine, the tables, the migrations, and store faults told from bugs."""
