#!/usr/bin/python3
"""serve_api.py: 'rasoat serve' over a real socket on 127.0.0.1 (a free port chosen by the
kernel), against the command itself.

Every endpoint; every answer for the bundled samples byte for byte what the CLI prints for
the same input and options (classify as JSON Lines, a JSON array and CSV, with ?as_of=,
?ruleset=, ?lang=, ?keep=; explain text and JSON; rules; report JSON and xlsx); every error
status (400, 401, 404, 405, 413 with and without Content-Length, 415, 422, 429, 503) with
its JSON body; the token; a broken rule tree reloaded (POST /v1/reload and SIGHUP) while
the last good one keeps answering; a silent client cut off by --timeout; garbage on the
socket; and 8 clients x 1,000 households at once with no record lost or duplicated.
Prints requests/s, households/s through the API and through the CLI, and the server's peak
memory.

Usage: serve_api.py RASOAT RULES_DIR WORK_DIR
"""
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from openapi_check import Spec  # noqa: E402
from serve_common import Server  # noqa: E402

RASOAT, RULES, WORK = sys.argv[1:4]
SRC = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(RULES, "vn", "2022-2025", "fixtures")
SAMPLE = os.path.join(FIXTURES, "review-commune.jsonl")
SAMPLE_CSV = os.path.join(SRC, "csv", "sample-commune.csv")
KEEP = "head_name,ethnicity,livelihood,members,poverty_causes,meritorious,no_labour_capacity"
JSONL = {"Content-Type": "application/x-ndjson"}
failures = []
checked = [0]


def check(ok, what):
    checked[0] += 1
    if not ok:
        failures.append(what)
        print("FAIL:", what, flush=True)


def cli(*args, stdin=None):
    env = dict(os.environ)
    env.pop("RASOAT_LANG", None)
    p = subprocess.run([RASOAT, *args], input=stdin, capture_output=True, env=env)
    return p.returncode, p.stdout


def read(path):
    with open(path, "rb") as f:
        return f.read()


def is_error(status, body, want_status, want_code):
    """The answer is the JSON error object with 'want_code' and a message."""
    try:
        e = json.loads(body)["error"]
        return status == want_status and e["code"] == want_code and isinstance(e["message"], str) and e["message"]
    except (ValueError, KeyError, TypeError):
        return False


def same_as_cli(srv):
    sample = read(SAMPLE)
    for query, opts in [("", []), ("?as_of=2024-10-01", ["--as-of", "2024-10-01"]),
                        ("?ruleset=vn/2022-2025", ["--ruleset", "vn/2022-2025"]),
                        ("?lang=en", ["--lang", "en"]), ("?keep=" + KEEP, ["--keep", KEEP])]:
        st, h, body = srv.request("POST", "/v1/classify" + query, sample, JSONL)
        _, want = cli("classify", "--quiet", "--rules", RULES, *opts, SAMPLE)
        check(st == 200 and h.get("content-type", "").startswith("application/x-ndjson"),
              "classify%s: 200 JSON Lines (%d)" % (query, st))
        check(body == want and body.count(b"\n") == 44, "classify%s: the CLI's bytes" % query)
    # A JSON array.
    array = os.path.join(WORK, "review-commune.array.json")
    with open(array, "w", encoding="utf-8") as f:
        f.write("[\n" + ",\n".join(read(SAMPLE).decode("utf-8").splitlines()) + "\n]\n")
    st, _, body = srv.request("POST", "/v1/classify", read(array), {"Content-Type": "application/json"})
    check(st == 200 and body == cli("classify", "--quiet", "--rules", RULES, array)[1], "classify: JSON array as the CLI")
    # CSV from a spreadsheet, by Content-Type.
    st, _, body = srv.request("POST", "/v1/classify", read(SAMPLE_CSV), {"Content-Type": "text/csv; charset=utf-8"})
    _, want = cli("classify", "--quiet", "--rules", RULES, SAMPLE_CSV)
    check(st == 200 and body == want and len(want) > 1000, "classify: CSV as the CLI")
    # Error records come back as records, as from the CLI (not as an HTTP error).
    broken = b'{"id": "X1", "survey_date": "2024-01-01"}\nnot json\n'
    st, _, body = srv.request("POST", "/v1/classify", broken, JSONL)
    check(st == 200 and body == cli("classify", "--quiet", "--rules", RULES, stdin=broken)[1] and body.count(b"\n") == 2,
          "classify: error records as the CLI's")
    # explain, text and JSON.
    for fmt in ["text", "json"]:
        st, h, body = srv.request("POST", "/v1/explain?id=DRN-T3-001&format=" + fmt, sample, JSONL)
        _, want = cli("explain", "--rules", RULES, "--id", "DRN-T3-001", "--format", fmt, SAMPLE)
        check(st == 200 and body == want and len(want) > 200, "explain %s: the CLI's bytes" % fmt)
    st, _, body = srv.request("POST", "/v1/explain?id=DRN-T1-001&lang=en", read(SAMPLE_CSV), {"Content-Type": "text/csv"})
    check(st == 200 and body == cli("explain", "--rules", RULES, "--lang", "en", "--id", "DRN-T1-001", SAMPLE_CSV)[1],
          "explain of a CSV row: the CLI's bytes")
    # rules.
    st, _, body = srv.request("GET", "/v1/rules")
    check(st == 200 and body == cli("rules", "--rules", RULES, "list", "--format", "json")[1], "rules: the CLI's list")
    st, _, body = srv.request("GET", "/v1/rules/vn/2022-2025")
    check(st == 200 and body == cli("rules", "--rules", RULES, "show", "vn/2022-2025", "--format", "json")[1],
          "rules/{id}: the CLI's rasoat.ruleset/1")
    st, _, body = srv.request("GET", "/v1/rules/vn%2F2016-2020")
    check(st == 200 and json.loads(body)["id"] == "vn/2016-2020", "rules/{id} with the slash escaped")
    # report, JSON and xlsx, from the results with the fields the lists need.
    results = os.path.join(WORK, "results.jsonl")
    with open(results, "wb") as f:
        f.write(cli("classify", "--quiet", "--rules", RULES, "--keep", KEEP, SAMPLE)[1])
    for fmt, ext in [("json", "json"), ("xlsx", "xlsx")]:
        st, h, body = srv.request("POST", "/v1/report?format=" + fmt, read(results), JSONL)
        out = os.path.join(WORK, "report-cli." + ext)
        code, _ = cli("report", "--rules", RULES, "--format", fmt, "--output", out, "-", stdin=read(results))
        check(st == 200 and code == 0 and body == read(out) and h.get("x-rasoat-exit") == "0",
              "report %s: the CLI's bytes" % fmt)
    st, h, body = srv.request("POST", "/v1/report?format=csv&form=7.1", read(results), JSONL)
    out = os.path.join(WORK, "report-cli-7.1.csv")
    cli("report", "--rules", RULES, "--format", "csv", "--form", "7.1", "--output", out, "-", stdin=read(results))
    check(st == 200 and body == read(out) and body.startswith(b"\xef\xbb\xbf"), "report csv form 7.1: the CLI's bytes")
    with open(os.path.join(WORK, "served.xlsx"), "wb") as f:
        f.write(srv.request("POST", "/v1/report", read(results), JSONL)[2])
    # health.
    st, _, body = srv.request("GET", "/v1/health")
    h = json.loads(body)
    check(st == 200 and h["rules"] == "loaded" and h["last_reload"] == "ok"
          and any(s["id"] == "vn/2022-2025" for s in h["rulesets"]), "health: loaded")


def errors(srv):
    sample = read(SAMPLE)
    cases = [
        ("GET", "/v1/nothing", None, {}, 404, "not_found"),
        ("GET", "/v1/rules/no-such-set", None, {}, 404, "not_found"),
        ("GET", "/v1/classify", None, {}, 405, "method_not_allowed"),
        ("DELETE", "/v1/rules", None, {}, 405, "method_not_allowed"),
        ("POST", "/v1/classify", sample, {"Content-Type": "text/plain"}, 415, "unsupported_media_type"),
        ("POST", "/v1/classify", sample, {}, 415, "unsupported_media_type"),
        ("POST", "/v1/report", sample, {"Content-Type": "text/csv"}, 415, "unsupported_media_type"),
        ("POST", "/v1/classify?lang=fr", sample, JSONL, 400, "bad_request"),
        ("POST", "/v1/classify?asof=2024-01-01", sample, JSONL, 400, "bad_request"),
        ("POST", "/v1/classify?as_of=2024-13-45", sample, JSONL, 400, "bad_request"),
        ("POST", "/v1/classify?ruleset=no/such", sample, JSONL, 400, "bad_request"),
        ("POST", "/v1/explain", sample, JSONL, 400, "bad_request"),
        ("POST", "/v1/explain?id=DRN-T1-001&format=pdf", sample, JSONL, 400, "bad_request"),
        ("POST", "/v1/explain?id=NO-SUCH", sample, JSONL, 404, "not_found"),
        ("POST", "/v1/explain", b'{"id": "X1", "survey_date": "2024-01-01"}', JSONL, 422, "unclassifiable"),
        ("POST", "/v1/report?format=pdf", sample, JSONL, 400, "bad_request"),
        ("POST", "/v1/report?format=csv", sample, JSONL, 400, "bad_request"),
        ("POST", "/v1/report?level=village", sample, JSONL, 400, "bad_request"),
    ]
    for method, path, body, headers, status, code in cases:
        st, h, got = srv.request(method, path, body, headers)
        check(is_error(st, got, status, code) and h.get("content-type", "").startswith("application/json"),
              "%s %s: %d %s (got %d %r)" % (method, path, status, code, st, got[:200]))
        if status == 405:
            check("allow" in h, "%s %s: Allow header" % (method, path))


def body_limit(exe_rules):
    srv = Server(RASOAT, exe_rules, "--max-body", "4K")
    try:
        big = read(SAMPLE)
        st, _, body = srv.request("POST", "/v1/classify", big, JSONL)
        check(is_error(st, body, 413, "body_too_large"), "413 with Content-Length over --max-body")
        # Chunked, no Content-Length: cut off once the bytes pass the limit.
        c = socket.create_connection(("127.0.0.1", srv.port), timeout=20)
        # Connection: close, so the answer ends with the connection instead of a wait for
        # the socket's timeout.
        head = (b"POST /v1/classify HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-ndjson\r\n"
                b"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
        c.sendall(head)
        got = b""
        try:
            for i in range(0, len(big), 1000):
                part = big[i:i + 1000]
                c.sendall(b"%x\r\n" % len(part) + part + b"\r\n")
            c.sendall(b"0\r\n\r\n")
        except OSError:
            pass                # the server may close as soon as it has answered
        try:
            while True:
                b = c.recv(65536)
                if not b:
                    break
                got += b
        except OSError:
            pass
        c.close()
        check(got.startswith(b"HTTP/1.1 413") and b'"body_too_large"' in got, "413 for a chunked body over --max-body")
        small = b"\n".join(big.split(b"\n")[:2]) + b"\n"
        st, _, body = srv.request("POST", "/v1/classify", small, JSONL)
        check(st == 200 and body.count(b"\n") == 2, "a body under --max-body is classified")
    finally:
        srv.stop()


def token_and_listen():
    tok = os.path.join(WORK, "token")
    with open(tok, "w") as f:
        f.write("s3cret-token-of-the-commune-0001\n")
    code, _ = cli("serve", "--rules", RULES, "--listen", "0.0.0.0:0")
    check(code == 2, "a non-loopback address without --token is refused (exit 2)")
    short = os.path.join(WORK, "short-token")
    with open(short, "w") as f:
        f.write("abc\n")
    code, _ = cli("serve", "--rules", RULES, "--token", short)
    check(code == 2, "a token shorter than 16 characters is refused")
    srv = Server(RASOAT, RULES, "--token", tok)
    try:
        st, _, body = srv.request("GET", "/v1/rules")
        check(is_error(st, body, 401, "unauthorized"), "401 without the token")
        st, _, body = srv.request("GET", "/v1/rules", headers={"Authorization": "Bearer s3cret-token-of-the-commune-0002"})
        check(is_error(st, body, 401, "unauthorized"), "401 with a wrong token")
        st, _, body = srv.request("POST", "/v1/classify", read(SAMPLE),
                                  dict(JSONL, Authorization="Bearer s3cret-token-of-the-commune-0001"))
        check(st == 200 and body.count(b"\n") == 44, "200 with the token")
        st, _, body = srv.request("GET", "/")
        check(st == 200 and b"<html" in body, "the page itself loads without the token (it holds no data)")
        code, _ = cli("serve", "--rules", RULES, "--listen", "127.0.0.1:%d" % srv.port)
        check(code == 3, "a port in use: exit 3")
    finally:
        srv.stop()


def too_many():
    """--workers 1: while one request holds the place, the next gets 429."""
    srv = Server(RASOAT, RULES, "--workers", "1")
    try:
        c = socket.create_connection(("127.0.0.1", srv.port), timeout=20)
        c.sendall(b"POST /v1/classify HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-ndjson\r\nContent-Length: 100000\r\n\r\n{")
        time.sleep(0.3)
        st, h, body = srv.request("POST", "/v1/classify", read(SAMPLE), JSONL)
        check(is_error(st, body, 429, "too_many_requests"), "429 while --workers are all busy (got %d)" % st)
        st, _, _ = srv.request("GET", "/v1/health")
        check(st == 200, "health still answers when the workers are busy")
        c.close()
        time.sleep(0.3)
        st, _, body = srv.request("POST", "/v1/classify", read(SAMPLE), JSONL)
        check(st == 200 and body.count(b"\n") == 44, "the place is free again once the client left")
    finally:
        srv.stop()


def timeouts_and_garbage():
    srv = Server(RASOAT, RULES, "--timeout", "1")
    try:
        c = socket.create_connection(("127.0.0.1", srv.port), timeout=10)
        c.sendall(b"POST /v1/classify HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-ndjson\r\nContent-Length: 50\r\n\r\n{")
        t0 = time.time()
        try:
            got = c.recv(100)
        except OSError:
            got = b""
        waited = time.time() - t0
        check(got == b"" and waited < 8, "a silent client is cut off by --timeout (after %.1f s)" % waited)
        c.close()
        for junk in [b"\x00\xff garbage\r\n\r\n", b"GET / HTTP/9.9\r\n\r\n", b"POST /v1/classify HTTP/1.1\r\nContent-Length: -5\r\n\r\n",
                     b"GET /" + b"a" * 20000 + b" HTTP/1.1\r\nHost: x\r\n\r\n"]:
            c = socket.create_connection(("127.0.0.1", srv.port), timeout=10)
            try:
                c.sendall(junk)
                c.recv(1000)
            except OSError:
                pass
            c.close()
        st, _, _ = srv.request("GET", "/v1/health")
        check(st == 200 and srv.proc.poll() is None, "garbage on the socket neither crashes nor wedges the server")
    finally:
        srv.stop()


def reload_broken():
    tree = os.path.join(WORK, "rules-copy")
    shutil.rmtree(tree, ignore_errors=True)
    shutil.copytree(RULES, tree, ignore=shutil.ignore_patterns("meson.build"))
    target = os.path.join(tree, "vn", "2022-2025", "parameters.lua")
    good = read(target)
    sample = read(SAMPLE)
    srv = Server(RASOAT, tree)
    try:
        st, _, before = srv.request("POST", "/v1/classify", sample, JSONL)
        check(st == 200 and before.count(b"\n") == 44, "classify before the edit")
        with open(target, "ab") as f:
            f.write(b"\nthis is not Lua (\n")
        st, _, body = srv.request("POST", "/v1/reload")
        check(is_error(st, body, 422, "rules_broken") and "parameters.lua" in json.loads(body)["error"]["message"],
              "POST /v1/reload of a broken tree: 422 naming the file (%r)" % body[:300])
        st, _, after = srv.request("POST", "/v1/classify", sample, JSONL)
        check(st == 200 and after == before, "the last good rules keep answering after a broken reload")
        h = json.loads(srv.request("GET", "/v1/health")[2])
        check(h["rules"] == "loaded" and h["generation"] == 1 and h["last_reload"] == "failed"
              and "parameters.lua" in (h["last_error"] or ""), "health says the reload failed and why")
        st, _, body = srv.request("POST", "/v1/classify?as_of=2024-06-30", sample, JSONL)
        check(is_error(st, body, 503, "rules_changed") or (st == 400),
              "an engine with new options is not opened from the broken tree (%d)" % st)
        srv.proc.send_signal(signal.SIGHUP)
        time.sleep(0.5)
        st, _, after = srv.request("POST", "/v1/classify", sample, JSONL)
        check(st == 200 and after == before and srv.proc.poll() is None, "SIGHUP with a broken tree: still serving")
        with open(target, "wb") as f:
            f.write(good)
        st, _, body = srv.request("POST", "/v1/reload")
        check(st == 200 and json.loads(body)["generation"] == 2 and json.loads(body)["last_reload"] == "ok",
              "reload of the mended tree: generation 2")
        st, _, after = srv.request("POST", "/v1/classify?as_of=2024-06-30", sample, JSONL)
        check(st == 200 and after == cli("classify", "--quiet", "--rules", tree, "--as-of", "2024-06-30", SAMPLE)[1],
              "after the good reload, new options open engines again")
    finally:
        code, log = srv.stop()
        check(code == 0, "SIGTERM stops the server with status 0 (%r)" % code)
        check("parameters.lua" in log, "the server's log says why the reload failed")
    # No good tree at all: 503 until one loads.
    with open(target, "ab") as f:
        f.write(b"\nthis is not Lua (\n")
    srv = Server(RASOAT, tree)
    try:
        st, _, body = srv.request("POST", "/v1/classify", sample, JSONL)
        check(is_error(st, body, 503, "no_rules"), "503 no_rules while no good tree was ever loaded")
        st, _, body = srv.request("GET", "/v1/rules")
        check(is_error(st, body, 503, "no_rules"), "GET /v1/rules: 503 too")
        h = json.loads(srv.request("GET", "/v1/health")[2])
        check(h["rules"] == "none" and h["last_reload"] == "failed", "health: no rules")
        with open(target, "wb") as f:
            f.write(good)
        st, _, _ = srv.request("POST", "/v1/reload")
        st2, _, body = srv.request("POST", "/v1/classify", sample, JSONL)
        check(st == 200 and st2 == 200 and body.count(b"\n") == 44, "the first good reload ends the 503s")
    finally:
        srv.stop()


def concurrency(srv):
    """8 clients x 1,000 households at once: each answer is its own input's, in order."""
    clients, n = 8, 1000
    sample = read(SAMPLE).decode("utf-8").splitlines()
    base = [sample[i % len(sample)] for i in range(n)]     # the sample's households, over again
    files = []
    for c in range(clients):
        lines = []
        for i, line in enumerate(base):
            rec = json.loads(line)
            rec["id"] = "C%d-%04d" % (c, i)
            lines.append(json.dumps(rec, ensure_ascii=False))
        path = os.path.join(WORK, "client-%d.jsonl" % c)
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        files.append(path)
    want = [cli("classify", "--quiet", "--jobs", "1", "--rules", RULES, p)[1] for p in files]
    got = [None] * clients

    def run(c):
        got[c] = srv.request("POST", "/v1/classify", read(files[c]), JSONL, timeout=300)

    t0 = time.time()
    threads = [threading.Thread(target=run, args=(c,)) for c in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    api_s = time.time() - t0
    ids = []
    for c in range(clients):
        st, _, body = got[c]
        check(st == 200 and body == want[c], "client %d: its 1,000 results, the CLI's bytes" % c)
        ids += [json.loads(line)["id"] for line in body.decode("utf-8").splitlines()]
    check(len(ids) == clients * n and len(set(ids)) == clients * n, "no record lost or duplicated (%d ids)" % len(set(ids)))
    allf = os.path.join(WORK, "all-clients.jsonl")
    with open(allf, "wb") as f:
        for p in files:
            f.write(read(p))
    t0 = time.time()
    cli("classify", "--quiet", "--rules", RULES, "--output", os.path.join(WORK, "all.out.jsonl"), allf)
    cli_s = time.time() - t0
    print("figures: %d households through the API in %.2f s (%.0f households/s, %d clients at once); "
          "the CLI on the same %d households: %.2f s (%.0f households/s)"
          % (clients * n, api_s, clients * n / api_s, clients, clients * n, cli_s, clients * n / cli_s), flush=True)
    # One client with the whole file, against the CLI on one thread (as each request runs).
    t0 = time.time()
    st, _, body = srv.request("POST", "/v1/classify", read(allf), JSONL, timeout=300)
    one_s = time.time() - t0
    t0 = time.time()
    _, want_all = cli("classify", "--quiet", "--jobs", "1", "--rules", RULES, allf)
    cli1_s = time.time() - t0
    check(st == 200 and body == want_all, "one request of %d households: the CLI's bytes" % (clients * n))
    print("figures: one client, %d households in one request: %.2f s (%.0f households/s); "
          "the CLI --jobs 1 on the same file: %.2f s (%.0f households/s)"
          % (clients * n, one_s, clients * n / one_s, cli1_s, clients * n / cli1_s), flush=True)
    # Requests per second: small requests from 4 clients.
    one = (base[0] + "\n").encode("utf-8")
    count = [0]
    lock = threading.Lock()

    def small(k):
        for _ in range(k):
            st, _, _ = srv.request("POST", "/v1/classify", one, JSONL)
            with lock:
                count[0] += st == 200

    t0 = time.time()
    threads = [threading.Thread(target=small, args=(100,)) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    rs = time.time() - t0
    check(count[0] == 400, "400 one-household requests answered (%d)" % count[0])
    t0 = time.time()
    for _ in range(200):
        srv.request("GET", "/v1/health")
    hs = time.time() - t0
    print("figures: %.0f classify requests/s of one household (4 clients); %.0f GET /v1/health requests/s (1 client); "
          "server peak memory (VmHWM) %.1f MiB" % (400 / rs, 200 / hs, srv.peak_kib() / 1024.0), flush=True)


def openapi():
    """Every answer seen, against docs/openapi.json; and every documented status seen."""
    spec = Spec(os.path.join(os.path.dirname(SRC), "docs", "openapi.json"))
    statuses = set()
    for method, path, status, ctype, body in Server.seen:
        errs = spec.check(method, path, status, ctype, body)
        check(not errs, "OpenAPI: " + "; ".join(errs[:3]))
        statuses.add(status)
    want = {200, 400, 401, 404, 405, 413, 415, 422, 429, 503}
    check(want <= statuses, "the run saw every status of the API (missing: %s)" % sorted(want - statuses))
    # The checker itself refuses what the document forbids.
    check(spec.check("GET", "/v1/health", 200, "application/json", b'{"schema": "rasoat.health/1"}') != [],
          "the OpenAPI checker refuses a health answer without its members")
    check(spec.check("POST", "/v1/classify", 418, "application/json", b"{}") != [],
          "the OpenAPI checker refuses an undocumented status")
    print("openapi: %d answers checked against docs/openapi.json" % len(Server.seen), flush=True)


def main():
    os.makedirs(WORK, exist_ok=True)
    t0 = time.time()
    srv = Server(RASOAT, RULES)
    try:
        same_as_cli(srv)
        errors(srv)
        concurrency(srv)
    finally:
        code, log = srv.stop()
    check(code == 0, "the main server stops with status 0")
    body_limit(RULES)
    token_and_listen()
    too_many()
    timeouts_and_garbage()
    reload_broken()
    openapi()
    check(not Server.sanitizer, "no sanitizer report in the server's log: %s" % "".join(Server.sanitizer)[:2000])
    print("serve_api: %d checks, %d failed, %.1f s" % (checked[0], len(failures), time.time() - t0))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
