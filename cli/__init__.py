"""paperkg.cli: the command line. The only layer that imports click or prints."""
