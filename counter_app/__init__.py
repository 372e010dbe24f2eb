"""The clerk's counter console and the citizen-facing rating pad.

- `counter_app.main.run_console` / `run_rating_pad`: the entry points `motcua counter`
  and `motcua rating-pad` call.
- `counter_app.console`: login, the current ticket, actions with F-key shortcuts, the
  counter's waiting and no-show lists, today's figures.
- `counter_app.pad`: the rating pad that asks the citizen after "finish".

Network goes through `clientkit.session.ServerLink` only; the service objects here
(`CounterSession`, `CommandGate`, `CounterFeeds`, `RatingPadController`) speak to the
widgets through Qt signals and never import them.
"""
