"""What the benchmarks share: a server process on a fresh database, lean load clients
(raw HTTP/1.1 keep-alive and websocket, so the generator's own cost stays small), worker
processes, and the one-JSON-line report."""
