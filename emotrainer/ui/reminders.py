"""Homework reminders while the app runs: a banner on Today, and a system notification.

Checked once just after start-up (the banner at start) and then every minute,
only while a plan is active. Each reminder time is shown at most once a day
(remembered in the settings). The notification's words are fixed and say
nothing about feelings or therapy (core.reminders); where the platform has no
notification area, the banner alone says it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QSystemTrayIcon, QWidget

from emotrainer.core.homework_today import plan_today
from emotrainer.core.reminders import (
    BANNER_TEXT,
    NOTIFICATION_TEXT,
    NOTIFICATION_TITLE,
    due_reminder,
    reminder_key,
)
from emotrainer.core.vocabulary import Vocabulary
from emotrainer.storage.store import Store

SHOWN_KEY = "homework.reminders_shown"
CHECK_MS = 60_000


class Reminders(QObject):
    def __init__(
        self,
        store: Store,
        vocabulary: Callable[[], Vocabulary],
        show_banner: Callable[[str], None],
        parent: QWidget | None = None,
        *,
        now: Callable[[], datetime] = datetime.now,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._vocabulary = vocabulary
        self._show_banner = show_banner
        self._now = now
        self._tray: QSystemTrayIcon | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_MS)
        self.timer.timeout.connect(self.check)
        self.notified = 0  # system notifications sent (tests read it)

    def start(self) -> None:
        self.check()
        self.timer.start()

    def check(self) -> bool:
        """Show a due reminder, if any; True when one was shown."""
        if self._store.readonly or not self._store.has_active_plans():
            return False
        from emotrainer.ui.pages.today_homework import active_plans

        now = self._now()
        day = now.date()
        shown = [k for k in self._store.setting(SHOWN_KEY, []) if isinstance(k, str)]
        today_shown = [k for k in shown if k.startswith(day.isoformat())]
        for plan in active_plans(self._store, self._vocabulary()):
            if not plan.start <= day <= plan.end:
                continue
            status = plan_today(plan, self._store.homework_done(plan.start, day), day)
            times_shown = [t for t in plan.reminders if reminder_key(day, t) in today_shown]
            due = due_reminder(plan.reminders, status, now, times_shown)
            if due is None:
                continue
            # Remember every time up to this one, so a late start shows one reminder.
            keys = [reminder_key(day, t) for t in plan.reminders if t <= due]
            kept = [k for k in shown if k.startswith(day.isoformat())] + keys
            self._store.set_setting(SHOWN_KEY, sorted(set(kept)))
            self._show_banner(BANNER_TEXT)
            self._notify()
            return True
        return False

    def _notify(self) -> None:
        if not QSystemTrayIcon.isSystemTrayAvailable():
            return
        if self._tray is None:
            pixmap = QPixmap(32, 32)
            pixmap.fill(QColor("#2d7a72"))
            self._tray = QSystemTrayIcon(QIcon(pixmap), self)
            self._tray.setToolTip("emotrainer")
            self._tray.show()
        self._tray.showMessage(
            NOTIFICATION_TITLE, NOTIFICATION_TEXT, QSystemTrayIcon.MessageIcon.NoIcon, 8000
        )
        self.notified += 1
