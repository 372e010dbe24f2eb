"""Event stream: a hub per process fans events out to bounded per-client queues."""
