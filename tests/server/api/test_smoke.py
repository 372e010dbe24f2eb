def test_live_server_issues_and_calls(live_server):
    r = live_server.api("POST", "/tickets", live_server.kiosk_token, json={"service_id": "dat-dai"})
    assert r.status_code == 201, r.text
    assert r.json()["number"] == "1001"
    clerk = live_server.login("canbo1")
    assert live_server.api("POST", "/counters/1/open", clerk).status_code == 200
    r = live_server.api("POST", "/counters/1/call-next", clerk)
    assert r.json()["current"]["number"] == "1001"


def test_inproc_flow(inproc_any):
    t = inproc_any.issue()
    assert t["number"] == "1001" and t["position"] == 1
    assert inproc_any.counter(1, "open").status_code == 200
    r = inproc_any.counter(1, "call-next")
    assert r.status_code == 200, r.text
