"""The command line: thin Typer commands over `supple.services`."""
