"""paperkg.viz: writes the interactive HTML page of a graph."""
