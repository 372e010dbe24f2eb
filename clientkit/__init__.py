"""What the kiosk, hall display and counter apps share.

Import from the submodules (this package imports nothing, so `clientkit.assets` and the
pure modules stay usable without Qt):

- `clientkit.session.ServerLink` — the one object an app creates (REST, event stream,
  hall state, reconnect and catch-up); `clientkit.hall_state.HallState` its signals.
- `clientkit.model.HallModel` — the state itself (pure Python).
- `clientkit.errors.ApiError` — every failure, with a Vietnamese title to show.
- `clientkit.i18n` — `tr`, `register`, `set_language`, `notifier()`.
- `clientkit.device_config.DeviceConfig` — per-device settings file.
- `clientkit.qtapp.make_app`, `clientkit.theme` — fonts, palette, sizes.
- `clientkit.widgets` — ConnectionBadge, BigButton, Toast.
"""
