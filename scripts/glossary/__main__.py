"""Run the tool as `python -m glossary`."""

from glossary.cli import main

main()
