"""What every live path to a llama-server shares: the operator's settings read from the environment with their
bounds, the slots all the app's sessions share, the one-line reasons a request fails, and the server's version.

Each page names its own variables (STONES_SERVER_*, CONTEXTS_SERVER_*): `prefix` below is that name's start.
A reader waits at most a page's `wait` seconds for a free slot and is then told the server is busy, so no
reader queues work for the others.
"""
from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager

import httpx

MAX_TIMEOUT = 30.0
MAX_SLOTS = 16
DEFAULT_SLOTS = 2


class ServerUnavailable(Exception):
    """The live server could not answer: down, slow, busy or odd. The message is one line for the page."""


def env_url(env: Mapping[str, str], prefix: str) -> str | None:
    """`{prefix}_URL` without its trailing slash, or None when unset; ValueError when it is not http(s)."""
    url = env.get(f"{prefix}_URL", "").strip().rstrip("/")
    if not url:
        return None
    if not url.startswith(("http://", "https://")):
        raise ValueError(f"{prefix}_URL must start with http:// or https://")
    return url


def env_bounds(env: Mapping[str, str], prefix: str, default_timeout: float) -> tuple[float, int]:
    """`{prefix}_TIMEOUT` (seconds per request) and `{prefix}_SLOTS` (requests in flight at once), bounded."""
    try:
        timeout = float(env.get(f"{prefix}_TIMEOUT", default_timeout))
        slots = int(env.get(f"{prefix}_SLOTS", DEFAULT_SLOTS))
    except ValueError:
        raise ValueError(f"{prefix}_TIMEOUT and {prefix}_SLOTS must be numbers") from None
    if not 0 < timeout <= MAX_TIMEOUT or not 1 <= slots <= MAX_SLOTS:
        raise ValueError(f"{prefix}_TIMEOUT must be in (0, {MAX_TIMEOUT:g}], {prefix}_SLOTS in 1..{MAX_SLOTS}")
    return timeout, slots


_gates: dict[tuple[str, int], threading.BoundedSemaphore] = {}
_gates_lock = threading.Lock()


@contextmanager
def slot(owner: str, slots: int, wait: float) -> Iterator[None]:
    """Hold one of `owner`'s server slots: one semaphore per process (per owner and slot count), so every session
    of the app shares the server's slots; ServerUnavailable when none frees up within `wait` seconds."""
    with _gates_lock:
        gate = _gates.setdefault((owner, slots), threading.BoundedSemaphore(slots))
    if not gate.acquire(timeout=wait):
        raise ServerUnavailable("the model server is busy with other readers; try again in a moment")
    try:
        yield
    finally:
        gate.release()


def post_json(url: str, body: dict, timeout: float,
              refused: Callable[[httpx.Response], None] | None = None) -> object:
    """POST `body` and return the JSON answer; ServerUnavailable with a one-line reason otherwise. `refused` may
    raise a page's own reason for an error answer before the generic one is given."""
    try:
        response = httpx.post(url, json=body, timeout=timeout)
    except httpx.TimeoutException:
        raise ServerUnavailable(f"the model server did not answer within {timeout:g} s") from None
    except httpx.HTTPError:
        raise ServerUnavailable("the model server cannot be reached") from None
    if refused is not None:
        refused(response)
    if response.status_code != 200:
        raise ServerUnavailable(f"the model server answered HTTP {response.status_code}")
    try:
        return response.json()
    except ValueError:
        raise ServerUnavailable("the model server's answer is not JSON") from None


def server_version(url: str, timeout: float, keys: tuple[str, ...] = ("build_info",)) -> str:
    """What the server says it is (llama-server's /props, the first of `keys` it has), for a recording's
    provenance; "unknown" when it does not say."""
    try:
        props = httpx.get(url + "/props", timeout=timeout).json()
        return str(next((props.get(k) for k in keys if props.get(k)), None) or "unknown")
    except (httpx.HTTPError, ValueError, AttributeError):
        return "unknown"
