#!/usr/bin/python3
"""serve_browser.py: the page of 'rasoat serve' in a real browser (Debian's headless
Chromium, driven over the DevTools protocol by cdp.py).

Loads the page, chooses the sample commune's CSV in the file input as an officer would,
and checks: the table holds every household under its village with the class and the
transition the CLI gives; clicking one shows the CLI's explanation; the download is the
workbook 'rasoat report' makes from the same results, byte for byte (and opens with
openpyxl); the English switch; no request leaves the server (no external asset). Keeps a
screenshot, WORK_DIR/serve_browser.png, as the test's artifact.

Usage: serve_browser.py RASOAT RULES_DIR CHROMIUM WORK_DIR
"""
import base64
import json
import os
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cdp import Browser  # noqa: E402
from serve_common import Server  # noqa: E402

RASOAT, RULES, CHROMIUM, WORK = sys.argv[1:5]
SRC = os.path.dirname(os.path.abspath(__file__))
SAMPLE_CSV = os.path.join(SRC, "csv", "sample-commune.csv")
KEEP = "head_name,ethnicity,livelihood,members,poverty_causes,meritorious,no_labour_capacity,female_head"
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
    return subprocess.run([RASOAT, *args], input=stdin, capture_output=True, env=env, check=False).stdout


def main():
    t0 = time.time()
    if not os.access(CHROMIUM, os.X_OK):
        print("serve_browser: no chromium at %s" % CHROMIUM)
        sys.exit(77)                      # meson's "skipped"
    shutil.rmtree(WORK, ignore_errors=True)
    downloads = os.path.join(WORK, "downloads")
    os.makedirs(downloads)
    results = cli("classify", "--quiet", "--rules", RULES, "--keep", KEEP, SAMPLE_CSV)
    records = [json.loads(line) for line in results.decode("utf-8").splitlines()]
    want_xlsx = os.path.join(WORK, "cli.xlsx")
    cli("report", "--rules", RULES, "--output", want_xlsx, "-", stdin=results)

    srv = Server(RASOAT, RULES)
    browser = None
    try:
        browser = Browser(CHROMIUM, os.path.join(WORK, "profile"))
        browser.call("Browser.setDownloadBehavior", browser=True, behavior="allow", downloadPath=downloads,
                     eventsEnabled=True)
        browser.call("Emulation.setDeviceMetricsOverride", width=1280, height=1000, deviceScaleFactor=1, mobile=False)
        browser.call("Network.enable")
        browser.call("Page.enable")
        browser.call("Page.navigate", url=srv.base + "/")
        browser.wait_event("Page.loadEventFired")
        check(browser.js("document.querySelector('h1').textContent") == "Rà soát hộ nghèo, hộ cận nghèo",
              "the page opens in Vietnamese")
        # Choose the file as an officer would: the file input's change event does the rest.
        root = browser.call("DOM.getDocument")["root"]["nodeId"]
        node = browser.call("DOM.querySelector", nodeId=root, selector="#file")["nodeId"]
        browser.call("DOM.setFileInputFiles", nodeId=node, files=[os.path.abspath(SAMPLE_CSV)])
        n = browser.until("document.querySelectorAll('#households tr.household').length === %d "
                          "&& document.querySelectorAll('#households tr.household')[0].cells[3].textContent !== '' "
                          "&& document.querySelectorAll('#households tr.household').length" % len(records), timeout=30)
        check(n == len(records), "the table has every household (%s of %d)" % (n, len(records)))
        rows = browser.js("""Array.from(document.querySelectorAll('#households tbody tr')).map(function (tr) {
            return tr.classList.contains('village') ? {village: tr.textContent}
              : {id: tr.getAttribute('data-id'), cls: tr.cells[2].getAttribute('data-class'),
                 label: tr.cells[2].textContent, transition: tr.cells[3].getAttribute('data-transition'),
                 words: tr.cells[3].textContent}; })""")
        by_id = {r["id"]: r for r in records}
        village, seen = None, set()
        for row in rows:
            if "village" in row:
                village = row["village"]
                continue
            r = by_id.get(row["id"])
            seen.add(row["id"])
            check(r is not None and row["cls"] == r["class"] and row["transition"] == r.get("transition", ""),
                  "row %s: the CLI's class and transition" % row["id"])
            check(r is not None and village.startswith(r["village"] + " — "), "row %s under its village" % row["id"])
            check(row["words"] != "" and row["words"] != row["transition"], "row %s: the transition in words" % row["id"])
        check(seen == set(by_id), "every household once in the table")
        poor = [row for row in rows if row.get("cls") == "poor"]
        check(poor and poor[0]["label"] == "Hộ nghèo", "the class in Vietnamese")
        # Click a household: the CLI's explanation.
        hid = records[2]["id"]
        browser.js("document.querySelector('tr.household[data-id=\"%s\"]').click()" % hid)
        want = cli("explain", "--rules", RULES, "--id", hid, SAMPLE_CSV).decode("utf-8")
        got = browser.until("var t = document.getElementById('explain-text').textContent; t.length > 10 && t", timeout=20)
        check(got == want, "clicking %s shows the CLI's explanation" % hid)
        shot = browser.call("Page.captureScreenshot", format="png", captureBeyondViewport=True)
        with open(os.path.join(WORK, "serve_browser.png"), "wb") as f:
            f.write(base64.b64decode(shot["data"]))
        # The workbook.
        browser.js("document.getElementById('download').click()")
        deadline, path = time.time() + 30, None
        while time.time() < deadline and path is None:
            done = [f for f in os.listdir(downloads) if f.endswith(".xlsx")]
            path = os.path.join(downloads, done[0]) if done else None
            time.sleep(0.2)
        check(path is not None and os.path.basename(path) == "sample-commune-bao-cao.xlsx",
              "the workbook is downloaded (%s)" % path)
        if path is not None:
            time.sleep(0.3)
            with open(path, "rb") as f, open(want_xlsx, "rb") as g:
                check(f.read() == g.read(), "the download is the workbook 'rasoat report' makes, byte for byte")
            try:
                import openpyxl
                wb = openpyxl.load_workbook(path, read_only=True)
                check(len(wb.sheetnames) > 3, "the workbook opens, with its sheets (%d)" % len(wb.sheetnames))
            except ImportError:
                pass
        # English.
        browser.js("document.getElementById('lang').click()")
        browser.until("document.querySelector('h1').textContent === 'Review of poor and near-poor households'")
        label = browser.until("var c = document.querySelector('td[data-class=\"poor\"]'); c && c.textContent === 'Poor' && c.textContent")
        check(label == "Poor", "the English switch: headings and classes in English")
        # Nothing but the server was asked for.
        urls = [e["params"]["request"]["url"] for e in browser.events if e.get("method") == "Network.requestWillBeSent"]
        outside = [u for u in urls if not u.startswith(srv.base + "/") and not u.startswith("blob:") and not u.startswith("data:")]
        check(urls and not outside, "no request leaves the server (%s)" % outside[:3])
        shot = browser.call("Page.captureScreenshot", format="png", captureBeyondViewport=True)
        with open(os.path.join(WORK, "serve_browser.en.png"), "wb") as f:
            f.write(base64.b64decode(shot["data"]))
        # With --token: the page takes it from its address (#token=) and sends it.
        token = os.path.join(WORK, "token")
        with open(token, "w") as f:
            f.write("token-of-the-commune-office-42\n")
        guarded = Server(RASOAT, RULES, "--token", token)
        try:
            browser.call("Page.navigate", url=guarded.base + "/#token=token-of-the-commune-office-42")
            browser.wait_event("Page.loadEventFired")
            root = browser.call("DOM.getDocument")["root"]["nodeId"]
            node = browser.call("DOM.querySelector", nodeId=root, selector="#file")["nodeId"]
            browser.call("DOM.setFileInputFiles", nodeId=node, files=[os.path.abspath(SAMPLE_CSV)])
            n = browser.until("document.querySelectorAll('#households tr.household').length", timeout=30)
            check(n == len(records), "with --token, the page opened at #token=... classifies (%s rows)" % n)
            browser.call("Page.navigate", url=guarded.base + "/")
            browser.wait_event("Page.loadEventFired")
            root = browser.call("DOM.getDocument")["root"]["nodeId"]
            node = browser.call("DOM.querySelector", nodeId=root, selector="#file")["nodeId"]
            browser.call("DOM.setFileInputFiles", nodeId=node, files=[os.path.abspath(SAMPLE_CSV)])
            msg = browser.until("var s = document.getElementById('status'); s.className === 'error' && s.textContent",
                                timeout=30)
            check("Authorization" in msg or "mã truy cập" in msg, "without the token, the page says why (%s)" % msg)
        finally:
            guarded.stop()
    finally:
        if browser is not None:
            browser.close()
        srv.stop()
    check(not Server.sanitizer, "no sanitizer report in the server's log: %s" % "".join(Server.sanitizer)[:2000])
    print("serve_browser: %d checks, %d failed, %.1f s; screenshot %s"
          % (checked[0], len(failures), time.time() - t0, os.path.join(WORK, "serve_browser.png")))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
