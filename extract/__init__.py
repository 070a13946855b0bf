"""paperkg.extract: records, readers, the spaCy pipeline and name normalisation.

This is the bottom layer: it imports nothing from ``graph``, ``viz`` or ``cli``,
and importing it does not import spaCy (only ``pipeline`` and the components do).
"""
