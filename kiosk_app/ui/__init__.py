"""The kiosk's screens and widgets. They talk to the server only through
`kiosk_app.service.controller.KioskController` (Qt signals and plain method calls)."""
