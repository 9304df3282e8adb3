"""nginx from Debian in front of Streamlit replicas, on loopback, for the tests (deploy/nginx.conf.template)."""
from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from testkit.servers import free_port, stop_process, wait_until_healthy

PROJECT = Path(__file__).resolve().parents[1]
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
    try:
        wait_until_healthy(process, url, "nginx", prefix / "stderr.log", timeout=timeout)
    except RuntimeError:
        stop_process(process, group=False)
        raise
    return Proxy(process, url, prefix)
