"""Check docs/deploy.md's nginx sample for real, on the loopback address only (not part of make test).

    .venv/bin/python scripts/check-nginx-sample.py [--nginx PATH]

Without --nginx, it fetches Debian's nginx package with `apt-get download` and unpacks it into a scratch
folder (nothing is installed on the system). It then takes the sample exactly as the page has it and changes
only what a loopback test must: the ports (80, 443, 8000 and oauth2-proxy's 4180 move to free high ports on
127.0.0.1 and ::1), the certificates (a self-signed one made by openssl) and a main nginx.conf around it.
It runs `nginx -t`, then the page's own uvicorn command with four workers, a stand-in for oauth2-proxy
(202 with a sign-in cookie, 401 without) and nginx, and checks through TLS: HTTP moves to HTTPS; the
patients' address answers over HTTP/2 with the app's security headers, HSTS and no cookie; a whole walk of
the wizard, the knowledge check and a download work through the proxy; /healthz is refused from outside
10.0.0.0/8 (as the sample says); a body over 64 kB is refused; the counsellors' address asks for a sign-in,
then opens in counsellor mode. It stops everything it started and prints what it checked; exit 1 on any
failure.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PATIENTS, COUNSELLORS = "consultaid.clinic.example", "counsellor.consultaid.clinic.example"

STUB = """
from http.server import BaseHTTPRequestHandler, HTTPServer
import sys
class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path.startswith("/oauth2/auth"):
            self.send_response(202 if "signed-in=1" in (self.headers.get("Cookie") or "") else 401)
            self.end_headers()
            return
        body = b"oauth2-proxy sign-in page (stand-in)"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass
HTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch_nginx(scratch: Path) -> Path:
    subprocess.run(["apt-get", "download", "nginx"], cwd=scratch, check=True, capture_output=True)
    deb = next(scratch.glob("nginx_*.deb"))
    subprocess.run(["dpkg", "-x", str(deb), str(scratch / "root")], check=True)
    return scratch / "root" / "usr" / "sbin" / "nginx"


def sample_config(scratch: Path, ports: dict[str, int]) -> str:
    """The page's nginx block with only the ports and certificate paths changed."""
    block = re.search(r"```nginx\n(.*?)```", (ROOT / "docs" / "deploy.md").read_text(), re.S)
    assert block, "docs/deploy.md has no ```nginx block"
    conf = block.group(1)
    conf = re.sub(r"listen 80;", f"listen 127.0.0.1:{ports['http']};", conf)
    conf = re.sub(r"listen \[::\]:80;", f"listen [::1]:{ports['http']};", conf)
    conf = re.sub(r"listen 443 ", f"listen 127.0.0.1:{ports['https']} ", conf)
    conf = re.sub(r"listen \[::\]:443 ", f"listen [::1]:{ports['https']} ", conf)
    conf = conf.replace("127.0.0.1:8000", f"127.0.0.1:{ports['app']}")
    conf = conf.replace("127.0.0.1:4180", f"127.0.0.1:{ports['oauth2']}")
    conf = re.sub(r"/etc/letsencrypt/live/[^/]+/fullchain.pem", str(scratch / "cert.pem"), conf)
    return re.sub(r"/etc/letsencrypt/live/[^/]+/privkey.pem", str(scratch / "key.pem"), conf)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nginx", help="an nginx binary to use (default: Debian's package, unpacked)")
    args = parser.parse_args()
    import httpx

    sys.path.insert(0, str(ROOT))
    from tests.conftest import BASE_ANSWERS
    from tests.test_web import walk

    scratch = Path(tempfile.mkdtemp(prefix="consultaid-nginx-"))
    started: list[subprocess.Popen[bytes]] = []
    checked: list[str] = []
    try:
        nginx = Path(args.nginx) if args.nginx else fetch_nginx(scratch)
        version = subprocess.run([str(nginx), "-v"], capture_output=True, text=True).stderr.strip()
        ports = {name: free_port() for name in ("http", "https", "app", "oauth2")}
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
            + ["-keyout", str(scratch / "key.pem"), "-out", str(scratch / "cert.pem")]
            + ["-subj", f"/CN={PATIENTS}", "-addext", f"subjectAltName=DNS:{PATIENTS},DNS:{COUNSELLORS}"],
            check=True,
            capture_output=True,
        )
        (scratch / "consultaid.conf").write_text(sample_config(scratch, ports))
        temp = scratch / "temp"
        temp.mkdir()
        (scratch / "nginx.conf").write_text(
            f"pid {scratch}/nginx.pid;\nerror_log {scratch}/error.log;\nevents {{}}\nhttp {{\n"
            + "".join(
                f"    {kind}_temp_path {temp}/{kind};\n" for kind in ("proxy", "fastcgi", "uwsgi", "scgi")
            )
            + f"    client_body_temp_path {temp}/body;\n    include {scratch}/consultaid.conf;\n}}\n"
        )
        nginx_args = [str(nginx), "-c", str(scratch / "nginx.conf"), "-p", str(scratch)]
        test = subprocess.run([*nginx_args, "-t"], capture_output=True, text=True)
        assert test.returncode == 0, test.stderr
        checked.append(f"{version}: nginx -t accepts the sample")

        # the page's own uvicorn command, four workers
        env = {**os.environ, "CONSULTAID_RULES": str(ROOT / "rules")}
        uvicorn = [str(Path(sys.executable).parent / "uvicorn"), "--factory", "consultaid.web.app:create_app"]
        uvicorn += ["--host", "127.0.0.1", "--port", str(ports["app"]), "--workers", "4", "--no-access-log"]
        uvicorn += ["--no-server-header", "--proxy-headers", "--forwarded-allow-ips", "127.0.0.1"]
        log = (scratch / "uvicorn.log").open("wb")
        started.append(subprocess.Popen(uvicorn, env=env, stdout=log, stderr=subprocess.STDOUT))
        started.append(subprocess.Popen([sys.executable, "-c", STUB, str(ports["oauth2"])]))
        started.append(subprocess.Popen([*nginx_args, "-g", "daemon off;"]))
        for _ in range(100):
            try:
                if httpx.get(f"http://127.0.0.1:{ports['app']}/healthz", timeout=1).text == "ok\n":
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        time.sleep(1)
        workers = (scratch / "uvicorn.log").read_text().count("Application startup complete")
        checked.append(f"uvicorn as the page runs it: {workers} workers started")

        base = f"https://127.0.0.1:{ports['https']}"

        def client(host: str) -> httpx.Client:
            # the Host header names the site; TLS itself was checked with curl above
            return httpx.Client(base_url=base, verify=False, headers={"Host": host}, timeout=10)

        moved = httpx.get(f"http://127.0.0.1:{ports['http']}/", headers={"Host": PATIENTS})
        assert moved.status_code == 301 and moved.headers["location"] == f"https://{PATIENTS}/", moved
        checked.append("plain HTTP moves to HTTPS (301)")

        curl = subprocess.run(
            ["curl", "-sS", "-D", "-", "-o", "/dev/null", "--cacert", str(scratch / "cert.pem")]
            + [
                "--resolve",
                f"{PATIENTS}:{ports['https']}:127.0.0.1",
                f"https://{PATIENTS}:{ports['https']}/",
            ],
            capture_output=True,
            text=True,
        )
        head = curl.stdout.lower()
        assert head.startswith("http/2 200"), curl.stdout + curl.stderr
        for header in ("content-security-policy: default-src 'self'", "strict-transport-security: max-age="):
            assert header in head, head
        assert "set-cookie" not in head and "x-content-type-options: nosniff" in head
        checked.append(
            "the patients' address over TLS (certificate verified by curl), HTTP/2, security headers"
        )

        with client(PATIENTS) as patients:
            page = walk(patients, {**BASE_ANSWERS, "turned-down": "no", "abroad": "no"})
            assert page.status == 200 and page.title.startswith("Your summary"), page.title
            explained = page.submit("knowledge").submit("knowledge-done")
            assert explained.status == 200, explained.text[:500]
            download = explained.submit("results").submit("markdown")
            assert download.status == 200 and download.text.startswith("# ConsultAid summary")
            checked.append("a whole walk, the knowledge check and a download through the proxy")
            assert patients.get("/healthz").status_code == 403
            checked.append("/healthz refused from an address outside 10.0.0.0/8 (403), as the sample says")
            big = patients.post(
                "/step", content=b"a" * 70_000, headers={"content-type": "application/x-www-form-urlencoded"}
            )
            assert big.status_code == 413
            checked.append("a body over 64 kB refused by nginx (413)")

        with client(COUNSELLORS) as staff:
            start = staff.get("/")  # the start page moves to counsellor mode, which asks for a sign-in
            assert start.status_code == 302 and start.headers["location"].endswith("/?mode=counsellor")
            assert "sign-in page" in staff.get("/?mode=counsellor").text
            assert "sign-in page" in staff.post("/step", data={"go": "start", "mode": "counsellor"}).text
            signed = staff.get("/?mode=counsellor", headers={"Cookie": "signed-in=1"})
            assert signed.status_code == 200 and "Counsellor mode" in signed.text
            checked.append("the counsellors' address asks for a sign-in, then opens in counsellor mode")
    except (AssertionError, subprocess.CalledProcessError, StopIteration) as exc:
        print("\n".join(f"ok: {line}" for line in checked))
        print(f"FAILED: {exc!r}", file=sys.stderr)
        return 1
    finally:
        for process in reversed(started):
            process.terminate()
            process.wait(timeout=15)
        shutil.rmtree(scratch, ignore_errors=True)
    print("\n".join(f"ok: {line}" for line in checked))
    return 0


if __name__ == "__main__":
    sys.exit(main())
