"""`python -m teipress` runs the command line."""

from .cli import main

main()
