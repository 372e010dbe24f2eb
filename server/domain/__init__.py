"""Pure queue logic: no database, no FastAPI, no clock of its own."""
