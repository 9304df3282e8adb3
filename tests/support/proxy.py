"""nginx from Debian in front of Streamlit replicas, on loopback, for the tests (deploy/nginx.conf.template)."""
from __future__ import annotations

import subprocess
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from tests.support.servers import free_port, stop_process

PROJECT = Path(__file__).resolve().parents[2]
TEMPLATE = PROJECT / "deploy" / "nginx.conf.template"
NGINX = "/usr/sbin/nginx"


def render(prefix: Path, listen: str, replica_ports: list[int]) -> str:
    servers = "\n        ".join(f"server 127.0.0.1:{port} max_fails=1 fail_timeout=10s;" for port in replica_ports)
    return (TEMPLATE.read_text().replace("@PREFIX@", str(prefix)).replace("@LISTEN@", listen)
            .replace("@SERVERS@", servers))


@dataclass
class Proxy:
    process: subprocess.Popen
    url: str
    prefix: Path

    def stop(self) -> None:
        stop_process(self.process, group=False)


def start_proxy(prefix: Path, replica_ports: list[int], timeout: float = 20) -> Proxy:
    prefix.mkdir(parents=True, exist_ok=True)
    port = free_port()
    config = prefix / "nginx.conf"
    config.write_text(render(prefix, f"127.0.0.1:{port}", replica_ports))
    process = subprocess.Popen([NGINX, "-p", str(prefix), "-c", str(config), "-g", "daemon off;"],
                               stdout=subprocess.DEVNULL, stderr=open(prefix / "stderr.log", "wb"))
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"nginx exited: {(prefix / 'stderr.log').read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return Proxy(process, url, prefix)
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("nginx did not answer in time")
