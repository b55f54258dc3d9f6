"""The Qt shell: screens drawn from :class:`kiosk.core.state.KioskState`, one worker thread."""
