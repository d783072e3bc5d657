"""serve_common.py: what the tests of 'rasoat serve' share: starting a server on a free
port of 127.0.0.1 and reading the address it prints, and plain HTTP requests over a real
socket (http.client: no proxy, nothing mocked)."""
import http.client
import os
import re
import subprocess
import threading
import time

ADDRESS = re.compile(r"http://127\.0\.0\.1:(\d+)/")


class Server:
    """One 'rasoat serve --listen 127.0.0.1:0 ARGS...' process; stop() ends it. Every
    answer to a /v1/ request is kept in Server.seen (method, path, status, Content-Type,
    body), for checking against docs/openapi.json."""

    seen = []
    sanitizer = []   # server logs with a sanitizer's report (ASan, UBSan builds)

    def __init__(self, exe, rules, *args, env=None):
        e = dict(os.environ)
        e.pop("RASOAT_LANG", None)
        if env:
            e.update(env)
        self.proc = subprocess.Popen([exe, "serve", "--rules", rules, "--listen", "127.0.0.1:0", *args],
                                     stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, env=e)
        self.log = []
        deadline = time.time() + 20
        self.port = None
        while time.time() < deadline:
            line = self.proc.stderr.readline().decode("utf-8", "replace")
            if not line:
                break
            self.log.append(line)
            m = ADDRESS.search(line)
            if m:
                self.port = int(m.group(1))
                break
        if self.port is None:
            self.proc.kill()
            raise RuntimeError("rasoat serve did not start: " + "".join(self.log))
        self.base = "http://127.0.0.1:%d" % self.port
        # Keep reading stderr, so the server never blocks on a full pipe.
        self.reader = threading.Thread(target=self._drain, daemon=True)
        self.reader.start()

    def _drain(self):
        for line in self.proc.stderr:
            self.log.append(line.decode("utf-8", "replace"))

    def request(self, method, path, body=None, headers=None, timeout=60):
        """(status, headers as a dict with lower-case names, body bytes)."""
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            c.request(method, path, body=body, headers=headers or {})
            r = c.getresponse()
            answer = r.status, {k.lower(): v for k, v in r.getheaders()}, r.read()
            if path.startswith("/v1/"):
                Server.seen.append((method, path, answer[0], answer[1].get("content-type"), answer[2]))
            return answer
        finally:
            c.close()

    def stop(self):
        """SIGTERM, then wait; returns the exit status and the rest of stderr."""
        if self.proc.poll() is None:
            self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.reader.join(timeout=5)
        log = "".join(self.log)
        if "runtime error:" in log or "Sanitizer" in log:
            Server.sanitizer.append(log)
        return self.proc.returncode, "".join(self.log)

    def peak_kib(self):
        """VmHWM of the server process (peak resident memory), in KiB."""
        with open("/proc/%d/status" % self.proc.pid) as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
        return 0
