"""Application commands: each runs in one unit of work and returns wire models."""
