"""The slots of a live server are shared by every session of the app, and by that page's server only: when
/stones' server is busy, /contexts (another server) still answers."""
import pytest

from llama.server import ServerUnavailable, slot


def test_a_busy_pages_server_does_not_make_another_pages_server_busy():
    with slot("STONES_SERVER", 1, wait=1.0):
        with pytest.raises(ServerUnavailable, match="busy with other readers"):
            with slot("STONES_SERVER", 1, wait=0.1):
                pass
        with slot("CONTEXTS_SERVER", 1, wait=0.1):
            pass
    with slot("STONES_SERVER", 1, wait=0.1):  # the slot was given back
        pass
