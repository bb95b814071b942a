"""Load on loopback with wrk: requests/s and p50/p99 for a comparison page (cache hit and miss)
and for /api/v1/compare. `python -m bench.web [--tiny]` (needs Debian's `wrk`; `--tiny`: one second each).

Each run is bounded (a few seconds, loopback only) and the server is stopped afterwards.
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from bench import add_tiny, is_tiny

PAIR = "/compare/gemini-3.1-pro-preview-vs-gpt-4o-2024-11-20"
# A cache miss: every request asks for a different workload (requests=1..N), so nothing is reused.
MISS_SCRIPT = """
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", "%s?requests=" .. (1000 + counter) .. "&input=800&output=250")
end
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wrk(url: str, seconds: int, script: str | None = None) -> str:
    command = ["wrk", "-t2", "-c16", f"-d{seconds}s", "--latency", url]
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
        if script:
            lua.write(script)
            command[1:1] = ["-s", lua.name]
    try:
        out = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 30, check=True).stdout
    finally:
        Path(lua.name).unlink()
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    p50 = re.search(r"^\s+50%\s+(\S+)", out, re.MULTILINE)
    p99 = re.search(r"^\s+99%\s+(\S+)", out, re.MULTILINE)
    rate = float(rps.group(1)) if rps else 0.0
    return f"{rate:,.0f} req/s, p50 {p50.group(1) if p50 else '?'}, p99 {p99.group(1) if p99 else '?'}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_tiny(parser)
    seconds = 1 if is_tiny(parser.parse_args()) else 5
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    state = tempfile.mkdtemp()
    env = {**os.environ, "MODELVS_DATABASE_URL": ""}
    server = subprocess.Popen(
        [sys.executable, "-m", "modelvs.cli", "serve", "--port", str(port), "--state-dir", state],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(base + PAIR, timeout=5).read()  # also warms the page cache
                break
            except OSError:
                time.sleep(0.2)
        print("one uvicorn worker, wrk -t2 -c16 on loopback, 2-core machine")
        print(f"comparison page, cache hit:  {wrk(base + PAIR, seconds)}")
        print(f"comparison page, cache miss: {wrk(base, seconds, MISS_SCRIPT % PAIR)}")
        api = base + "/api/v1/compare?models=gemini-3.1-pro-preview,gpt-4o-2024-11-20"
        print(f"/api/v1/compare:             {wrk(api, seconds)}")
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
