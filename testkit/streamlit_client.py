"""A reader's view of a Streamlit server, through Streamlit's own websocket protocol (no browser).

One view is what a reader gets by opening a URL: a new session on `/_stcore/stream`, the script run for the
page and query string, and every element the server sends until the run finishes. This is how the load
harness (bench/bench_load.py) drives many readers at once on two cores, where as many browsers would measure
mostly themselves.
"""
from __future__ import annotations

import asyncio
import time
import urllib.request
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

SUCCESS = "FINISHED_SUCCESSFULLY"


@dataclass
class View:
    """What one opened URL produced, with times in seconds from sending the request."""

    page: str
    query: str
    first_chart_s: float | None = None
    finished_s: float | None = None
    charts: int = 0
    problems: list[str] = field(default_factory=list)  # exceptions, error messages, an unfinished run
    reconnects: int = 0  # connections lost and opened again, as Streamlit's own page does

    @property
    def ok(self) -> bool:
        return not self.problems and self.finished_s is not None


def _element_problem(element) -> str | None:
    kind = element.WhichOneof("type")
    if kind == "exception":
        return f"exception: {element.exception.type}: {element.exception.message[:200]}"
    if kind == "alert" and element.alert.format == element.alert.ERROR:
        return f"error shown: {element.alert.body[:200]}"
    return None


async def open_view(base_url: str, page: str = "", query: str = "", timeout: float = 120, *,
                    cookie: str | None = None, reconnects: int = 0) -> View:
    """Open `base_url/page?query` as a new reader and wait until the script run has finished. A lost
    connection is opened again up to `reconnects` times (Streamlit's page reconnects by itself); `cookie` is
    sent with the websocket (a proxy's sticky-session cookie)."""
    view = View(page, query)
    start = time.perf_counter()
    while True:
        try:
            await _run_once(base_url, view, start, timeout, cookie)
            return view
        except TimeoutError:
            view.problems.append(f"no finished run within {timeout:.0f} s")
            return view
        except (OSError, websockets.WebSocketException) as error:
            if view.reconnects < reconnects:
                view.reconnects += 1
                view.charts, view.first_chart_s = 0, None
                await asyncio.sleep(0.5)
                continue
            view.problems.append(f"connection: {type(error).__name__}: {error}")
            return view


async def _run_once(base_url: str, view: View, start: float, timeout: float, cookie: str | None) -> None:
    host = urlsplit(base_url).netloc
    headers = {"Cookie": cookie} if cookie else None
    async with websockets.connect(f"ws://{host}/_stcore/stream", subprotocols=["streamlit"], origin=base_url,
                                  max_size=None, open_timeout=timeout, additional_headers=headers) as socket:
        message = BackMsg(rerun_script=ClientState(query_string=view.query, page_name=view.page))
        await socket.send(message.SerializeToString())
        async with asyncio.timeout(timeout):
            while view.finished_s is None:
                _read(ForwardMsg.FromString(await socket.recv()), view, start)


def sticky_cookie(base_url: str) -> str | None:
    """The cookie a proxy gives a reader on its first page load (`name=value`), or None."""
    with urllib.request.urlopen(f"{base_url}/", timeout=30) as response:
        for header in response.headers.get_all("Set-Cookie") or []:
            return header.split(";", 1)[0]
    return None


def _read(message: ForwardMsg, view: View, start: float) -> None:
    kind = message.WhichOneof("type")
    if kind == "delta" and message.delta.WhichOneof("type") == "new_element":
        element = message.delta.new_element
        if element.WhichOneof("type") == "plotly_chart":
            view.charts += 1
            if view.first_chart_s is None:
                view.first_chart_s = time.perf_counter() - start
        problem = _element_problem(element)
        if problem:
            view.problems.append(problem)
    elif kind == "script_finished":
        status = ForwardMsg.ScriptFinishedStatus.Name(message.script_finished)
        if status == SUCCESS:
            view.finished_s = time.perf_counter() - start
        elif status != "FINISHED_EARLY_FOR_RERUN":
            view.problems.append(f"script finished: {status}")
            view.finished_s = time.perf_counter() - start
    elif kind == "page_not_found":
        view.problems.append(f"page not found: {view.page!r}")
