"""A loopback fake of the 微信公众号 API endpoints the relays use, with their published request and answer shapes.

Every call but /cgi-bin/token must carry a live access_token (else errcode 40001 or 42001). Tests can expire
tokens (``expire_tokens``), queue errcodes for a path (``fail_next``), and choose what freepublish/get says.
"""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

APP_ID, APP_SECRET = "wx_fake_app_id", "fake-secret-0123456789"


class FakeWechat:
    def __init__(self, token_delay=0.0):
        self.calls = []  # (path, query, body: dict | bytes)
        self.tokens = {}  # token -> valid?
        self.issued = 0
        self.token_delay = token_delay
        self.failures = {}  # path -> [errcode, ...]
        self.publish_status = 0
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    # --- what tests ask -------------------------------------------------------------------------------

    def expire_tokens(self):
        with self.lock:
            self.tokens = dict.fromkeys(self.tokens, False)

    def fail_next(self, path, *errcodes):
        self.failures.setdefault(path, []).extend(errcodes)

    def paths(self):
        return [path for path, _, _ in self.calls]

    def bodies(self, path):
        return [body for called, _, body in self.calls if called == path]

    # --- the server -----------------------------------------------------------------------------------

    def _answer(self, path, query, body):
        if path == "/cgi-bin/token":
            if query.get("appid") != APP_ID or query.get("secret") != APP_SECRET:
                return {"errcode": 40125, "errmsg": "invalid appsecret"}
            time.sleep(self.token_delay)
            with self.lock:
                self.issued += 1
                token = f"token-{self.issued}"
                self.tokens = dict.fromkeys(self.tokens, False)  # a new token invalidates the old
                self.tokens[token] = True
            return {"access_token": token, "expires_in": 7200}
        token = query.get("access_token")
        if token not in self.tokens:
            return {"errcode": 40001, "errmsg": "invalid credential, access_token is invalid or not latest"}
        if not self.tokens[token]:
            return {"errcode": 42001, "errmsg": "access_token expired"}
        queued = self.failures.get(path)
        if queued:
            return {"errcode": queued.pop(0), "errmsg": "fake failure"}
        if path in ("/cgi-bin/material/add_material", "/cgi-bin/media/uploadimg") and not body:
            return {"errcode": 41005, "errmsg": "media data missing"}
        if path == "/cgi-bin/material/add_material":
            return {"media_id": f"thumb-{len(self.calls)}", "url": "http://mmbiz.qpic.cn/fake/cover.jpg"}
        if path == "/cgi-bin/media/uploadimg":
            return {"url": f"http://mmbiz.qpic.cn/fake/{len(self.calls)}.jpg"}
        if path == "/cgi-bin/draft/add":
            articles = body.get("articles") or []
            if not articles or not all(a.get("thumb_media_id") and a.get("content") for a in articles):
                return {"errcode": 40007, "errmsg": "invalid media_id"}
            return {"media_id": "draft-media-1"}
        if path == "/cgi-bin/freepublish/submit":
            return {"errcode": 0, "errmsg": "ok", "publish_id": "2247483000", "msg_data_id": 2247483001}
        if path == "/cgi-bin/freepublish/get":
            answer = {"publish_id": body.get("publish_id"), "publish_status": self.publish_status, "fail_idx": []}
            if self.publish_status == 0:
                answer["article_id"] = "article-1"
                answer["article_detail"] = {
                    "count": 1,
                    "item": [{"idx": 1, "article_url": "https://mp.weixin.qq.com/s/fake-article-1"}],
                }
            return answer
        return {"errcode": 404, "errmsg": "unknown path"}

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _reply(self, body):
                path, query_string = urlsplit(self.path)[2:4]
                query = {key: values[0] for key, values in parse_qs(query_string).items()}
                with fake.lock:
                    fake.calls.append((path, query, body))
                data = json.dumps(fake._answer(path, query, body)).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):
                self._reply({})

            def do_POST(self):
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if self.headers.get("Content-Type", "").startswith("multipart/form-data"):
                    body = raw if b'name="media"' in raw else b""
                else:
                    body = json.loads(raw.decode("utf-8") or "{}")
                self._reply(body)

        return Handler
