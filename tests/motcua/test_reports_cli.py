"""`motcua reports rebuild`: a closed day's report rows again from the log."""

from typer.testing import CliRunner

from motcua.cli import app
from tests.support.inproc import InProc


def test_rebuild_says_what_it_did_and_refuses_a_bad_date(inproc: InProc) -> None:
    env = inproc
    env.issue("dat-dai")
    env.clock.advance(hours=16)
    env.issue("dat-dai")  # the day turns: yesterday is closed
    env.ctx.halls.on_day_closed.wait()
    url = env.settings.database_url
    ok = CliRunner().invoke(app, ["reports", "rebuild", "--db", url])
    assert ok.exit_code == 0, ok.output
    assert "1 day(s) rebuilt" in ok.output
    bad = CliRunner().invoke(app, ["reports", "rebuild", "--db", url, "--from", "2026-13-01"])
    assert bad.exit_code == 2 and "YYYY-MM-DD" in bad.output
