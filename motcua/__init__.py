"""The `motcua` command: installs and runs a centre (server side) and starts the apps.

It stands outside server/ because it imports both the server and the PySide6 apps; the
apps are imported only inside their launcher commands, so a server-only install
(`pip install 'motcua-queue[server]'`) runs `motcua init/user/device/serve` without Qt.
"""
