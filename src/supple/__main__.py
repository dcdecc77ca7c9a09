from supple.cli.app import run

run()
