"""The kiosk's service layer: server link, issuing, printing. No widgets here; screens
listen to `KioskController`'s Qt signals."""
