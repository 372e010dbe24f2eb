"""Console page (being written)."""
