"""The centre's web console at /console/ (NiceGUI): a client of the server's own HTTP
API, called in-process with the logged-in user's token (DESIGN.md, "The console")."""
