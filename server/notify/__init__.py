"""Messages to citizens' phones (issue 14): "your turn is near" and "please go to counter
N", by web push to the phone page that asked, and by SMS/Zalo through the centre's own
gateway (MOTCUA_NOTIFIER_URL). Decided when events commit (watcher), queued once in the
outbox, sent off the request path with retries (sender): the queue never waits on them."""
