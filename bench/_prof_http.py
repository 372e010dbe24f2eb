import sys, subprocess, time, os, collections
sys.path.insert(0, str(__import__('pathlib').Path(__file__).resolve().parents[1]))
from bench.lib.server import BenchServer, service_ids
from bench.lib.issue_load import issue_closed
import inspect
print(inspect.signature(issue_closed), file=sys.stderr)
if __name__ == "__main__":
  with BenchServer(sys.argv[1] if len(sys.argv) > 1 else "sqlite") as srv:
    token = srv.login("admin")
    spy = subprocess.Popen([".venv/bin/py-spy", "record", "-p", str(srv.proc.pid), "-d", "8", "-r", "200", "-f", "raw", "-o", "/tmp/spy.txt", "--nonblocking"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    r = issue_closed(srv.port, token, service_ids(), connections=32, seconds=8, processes=2)
    print(r, file=sys.stderr)
    spy.wait()
