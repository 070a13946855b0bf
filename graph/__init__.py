"""paperkg.graph: the NetworkX graph, its schema, storage and canned queries.

Never imports spaCy: a graph can be loaded and queried without the extractor.
"""
