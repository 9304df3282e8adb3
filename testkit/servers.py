"""Starting and stopping real servers for tests and benchmarks: on 127.0.0.1, stopped by process id."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop_process(process: subprocess.Popen, *, group: bool = True, timeout: float = 10) -> None:
    """Stop a server by its own process id (and its process group, should it have children): SIGTERM, then
    SIGKILL if it has not ended within `timeout` seconds."""
    if process.poll() is not None:
        return
    kill = (lambda sig: os.killpg(process.pid, sig)) if group else (lambda sig: os.kill(process.pid, sig))
    kill(signal.SIGTERM)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        kill(signal.SIGKILL)
        process.wait()


def wait_until_healthy(process: subprocess.Popen, url: str, name: str, log: Path, *, timeout: float,
                       poll: float = 0.2) -> None:
    """Until `url`/_stcore/health answers 200 (Streamlit's, or a proxy's in front of it); a RuntimeError with
    the end of `log` when the process exits or the time runs out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{name} exited with {process.returncode}:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(poll)
    raise RuntimeError(f"{name} did not answer within {timeout} s:\n{log.read_text()[-3000:]}")


@dataclass
class StreamlitServer:
    process: subprocess.Popen
    url: str
    log: Path

    def stop(self) -> None:
        stop_process(self.process)


def start_streamlit(script: Path, *, env: dict[str, str] | None = None, timeout: float = 90,
                    launcher: bool = False, app_sh: bool = False, options: tuple[str, ...] = (),
                    poll: float = 0.2) -> StreamlitServer:
    """Start `streamlit run SCRIPT` on a free port, configured as its folder's .streamlit/config.toml says (the
    app's turns the file watcher off); with `launcher`, `python -m ui.launcher SCRIPT`, and with `app_sh`,
    `bash scripts/app.sh` itself, exactly as a user starts the app. `options` go to Streamlit."""
    port = free_port()
    log = Path(os.environ.get("TMPDIR", "/tmp")) / f"streamlit-{port}.log"
    where = ["--server.address", "127.0.0.1", "--server.port", str(port)]
    if app_sh:
        command = ["bash", str(PROJECT_ROOT / "scripts" / "app.sh"), *where, *options]
    else:
        start = ["-m", "ui.launcher"] if launcher else ["-m", "streamlit", "run"]
        command = [sys.executable, *start, str(script), *where, "--server.headless", "true",
                   "--browser.gatherUsageStats", "false", *options]
    with open(log, "wb") as out:
        process = subprocess.Popen(
            command, cwd=PROJECT_ROOT if launcher or app_sh else script.parent, stdout=out,
            stderr=subprocess.STDOUT, env={**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [
                str(PROJECT_ROOT), os.environ.get("PYTHONPATH")])), **(env or {})}, start_new_session=True,
        )
    server = StreamlitServer(process, f"http://127.0.0.1:{port}", log)
    try:
        wait_until_healthy(process, server.url, "streamlit", log, timeout=timeout, poll=poll)
    except RuntimeError:
        server.stop()
        raise
    return server
