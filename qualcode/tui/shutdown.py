"""Ending the workbench without losing a keystroke: ``ctrl+q``, SIGHUP (the terminal closed)
and SIGTERM all let the keys already typed take effect, then finish every queued change on the
database thread before the process exits. Mixed into :class:`~qualcode.tui.app.QualcodeApp`.
"""

from __future__ import annotations

import asyncio
import os
import signal

#: Exit codes as a shell reports a process ended by a signal (128 + the signal's number),
#: though the workbench ends on its own after saving.
EXIT_CODES = {signal.SIGHUP: 128 + signal.SIGHUP, signal.SIGTERM: 128 + signal.SIGTERM}

#: Rounds of waiting for the widgets' message queues: a key can take a few hops (key, Input
#: submitted, dialog dismissed, its callback) before the change it makes is queued.
_MAX_ROUNDS = 20
_ROUND_TIMEOUT = 2.0


class Shutdown:
    """Quit after the typed keys are handled; SIGHUP and SIGTERM quit the same way."""

    _quitting: int | None = None
    #: True from the moment the database thread takes its last job: a change made after it
    #: could not be written, so the workbench makes none.
    committing_last_changes = False

    def before_last_commit(self) -> None:
        """Queue what must still be written when the workbench ends (overridden by a mixin
        before this one: the place to reopen at)."""

    def install_signal_handlers(self) -> None:
        """Make SIGHUP and SIGTERM end the workbench like ``ctrl+q`` (exit codes 129 and 143);
        call from ``on_mount``, in the event loop's thread."""
        loop = asyncio.get_running_loop()
        for number, code in EXIT_CODES.items():
            try:
                loop.add_signal_handler(number, self.quit_saving, code)
            except (NotImplementedError, RuntimeError, ValueError):
                pass  # not the main thread or no Unix signals (tests, Windows)

    def remove_signal_handlers(self) -> None:
        """Undo :meth:`install_signal_handlers` (the loop may outlive the app in tests)."""
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        for number in EXIT_CODES:
            try:
                loop.remove_signal_handler(number)
            except (NotImplementedError, RuntimeError, ValueError):
                pass

    async def action_quit(self) -> None:
        """``ctrl+q``: quit once the keys typed before it have made their changes."""
        self.quit_saving(0)

    def quit_saving(self, return_code: int = 0) -> None:
        """Let pending messages be handled, commit every queued change (``Database.stop``),
        then exit with ``return_code``. After SIGHUP (129) outside tests the process ends
        right after the commit, without restoring the closed terminal."""
        if self._quitting is not None:
            return
        self._quitting = return_code
        # A task of its own: the app's message queue must keep running meanwhile.
        self._quit_task = asyncio.get_running_loop().create_task(
            self._settle_then_exit(return_code))

    async def _settle_then_exit(self, return_code: int) -> None:
        try:
            for _ in range(_MAX_ROUNDS):
                if not await self._one_round():
                    break
        finally:
            # Commit first: taking the interface down writes to the terminal, which may be
            # gone (SIGHUP) or may fail.
            self.before_last_commit()
            self.committing_last_changes = True
            await asyncio.to_thread(self.db.stop)
            if return_code == EXIT_CODES[signal.SIGHUP] and not self.is_headless:
                # The terminal has closed: Textual would wait forever to restore it (its
                # output thread died on the first write), so end here; the project is closed.
                os._exit(return_code)
            self.exit(return_code=return_code)

    async def _one_round(self) -> bool:
        """Queue a marker behind the messages of every message pump (the app, every widget of
        every screen) and wait until each has reached it; ``True`` when some queue has
        received messages meanwhile (another round is needed)."""
        pumps = self._message_pumps()
        loop = asyncio.get_running_loop()
        pending = []
        for pump in pumps:
            future = loop.create_future()
            if pump.call_later(lambda f=future: f.done() or f.set_result(None)):
                pending.append(future)
        if pending:
            await asyncio.wait(pending, timeout=_ROUND_TIMEOUT)
        return any(not pump._message_queue.empty() for pump in self._message_pumps())

    def _message_pumps(self) -> list:
        pumps = [self]
        try:
            for screen in self.screen_stack:
                pumps.extend(screen.walk_children(with_self=True))
        except Exception:  # no screen any more (shutting down): only the app is left
            pass
        return pumps
