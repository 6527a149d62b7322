"""The first page's work done when the server listens, and the first run waiting for it."""

from __future__ import annotations

import socket
import threading


def test_the_preload_starts_when_the_server_listens_and_the_run_waits_for_it(
    fresh_preload, monkeypatch
):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    listening = threading.Event()
    warmed = []

    def warm() -> None:
        # never before the server answers: Streamlit's own start comes first
        warmed.append(listening.is_set())

    monkeypatch.setattr(fresh_preload, "warm", warm)
    fresh_preload.start(port)
    waited = threading.Event()
    threading.Thread(target=lambda: (fresh_preload.wait(), waited.set()), daemon=True).start()
    assert not waited.wait(0.5), "de eerste run wachtte niet op het voorladen"
    assert warmed == []

    with socket.socket() as server:
        server.bind(("127.0.0.1", port))
        listening.set()
        server.listen()
        assert waited.wait(10)
    assert warmed == [True]


def test_a_failing_preload_still_lets_the_first_run_go(fresh_preload, monkeypatch):
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        monkeypatch.setattr(fresh_preload, "warm", lambda: 1 / 0)
        fresh_preload.start(server.getsockname()[1])
        finished = threading.Event()
        threading.Thread(target=lambda: (fresh_preload.wait(), finished.set()), daemon=True).start()
        assert finished.wait(10)
