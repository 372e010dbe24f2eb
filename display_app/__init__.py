"""Hall TV and counter-top display (see README.md); `announce/` plays chime and voice."""
