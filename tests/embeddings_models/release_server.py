"""A gensim-data-style mirror on 127.0.0.1 for the fetch tests: Range requests, and faults on demand."""
from __future__ import annotations

import gzip
import hashlib
import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import numpy as np


@dataclass
class Faults:
    drop_after: int | None = None  # bytes of a part file sent before the connection is cut
    drops_left: int = 0  # how many responses are cut (then the server behaves)


@dataclass
class Mirror:
    root: Path
    url: str
    faults: Faults
    requests: list[tuple[str, str | None]] = field(default_factory=list)  # (path, Range header)


def make_release(root: Path, name: str, words: list[str], vectors: np.ndarray, *, parts: int = 2,
                 wrong_checksum: bool = False) -> None:
    """list.json + NAME/NAME.gz_00, _01 ... (or NAME/NAME.gz): a word2vec text file, gzipped, as gensim-data does."""
    lines = [f"{len(words)} {vectors.shape[1]}"]
    lines += [w + " " + " ".join(f"{x:.6f}" for x in row) for w, row in zip(words, vectors)]
    data = gzip.compress(("\n".join(lines) + "\n").encode("utf-8"), mtime=0)
    folder = root / name
    folder.mkdir(parents=True, exist_ok=True)
    # what gensim's api.load would import and run: the fetch must never do that
    (folder / "__init__.py").write_text(f"open({str(root / 'CODE_WAS_RUN')!r}, 'w').write('x')\n")
    entry = {"num_records": len(words), "file_name": f"{name}.gz", "parts": parts,
             "reader_code": f"https://example.invalid/{name}/__init__.py", "license": "test"}
    if parts == 1:
        (folder / f"{name}.gz").write_bytes(data)
        entry["checksum"] = hashlib.md5(data).hexdigest()
    else:
        size = -(-len(data) // parts)
        for part in range(parts):
            chunk = data[part * size : (part + 1) * size]
            (folder / f"{name}.gz_0{part}").write_bytes(chunk)
            entry[f"checksum-{part}"] = hashlib.md5(chunk).hexdigest()
    if wrong_checksum:
        key = "checksum" if parts == 1 else f"checksum-{parts - 1}"
        entry[key] = "0" * 32
    (root / "list.json").write_text(json.dumps({"corpora": {}, "models": {name: entry}}))


def serve(root: Path) -> tuple[Mirror, ThreadingHTTPServer]:
    faults = Faults()
    mirror = Mirror(root, "", faults)

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):  # keep test output quiet
            pass

        def do_GET(self):
            mirror.requests.append((self.path, self.headers.get("Range")))
            path = (root / self.path.lstrip("/")).resolve()
            if root.resolve() not in path.parents or not path.is_file():
                self.send_error(404)
                return
            data = path.read_bytes()
            start = 0
            if self.headers.get("Range", "").startswith("bytes="):
                start = int(self.headers["Range"][6:].split("-")[0])
                if start >= len(data):
                    self.send_error(416)
                    return
                self.send_response(206)
                self.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
            else:
                self.send_response(200)
            body = data[start:]
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if ".gz" in path.name and faults.drops_left > 0 and faults.drop_after is not None:
                faults.drops_left -= 1
                self.wfile.write(body[: faults.drop_after])
                self.wfile.flush()
                self.close_connection = True
                return
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    mirror.url = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return mirror, server
