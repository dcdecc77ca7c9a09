"""The command line: thin argparse commands over `supple.services`."""
