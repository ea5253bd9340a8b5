"""Lets `python -m geo ...` run the command line (see geo.cli)."""
from geo.cli import run

if __name__ == "__main__":
    run()
