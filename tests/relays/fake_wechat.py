"""A loopback fake of the 微信公众号 API endpoints the relays use, with their published request and answer shapes.

Every call but /cgi-bin/token and the web authorisation's /sns/oauth2/access_token must carry a live access_token
(else errcode 40001 or 42001). Tests can expire tokens (``expire_tokens``), queue errcodes for a path
(``fail_next``), and choose what freepublish/get says. For subscriptions: ``authorize(openid)`` is a resident
passing WeChat's authorisation page (the ``code`` it redirects back with, good once); ``refuse(openid, errcode)``
makes template messages to them fail (43004 not following, 43101 refused); ``templates()`` are those sent.
"""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

APP_ID, APP_SECRET = "wx_fake_app_id", "fake-secret-0123456789"
TEMPLATE_SEND = "/cgi-bin/message/template/send"


class FakeWechat:
    def __init__(self, token_delay=0.0):
        self.calls = []  # (path, query, body: dict | bytes)
        self.tokens = {}  # token -> valid?
        self.issued = 0
        self.token_delay = token_delay
        self.failures = {}  # path -> [errcode, ...]
        self.publish_status = 0
        self.codes = {}  # code -> openid, or None once used
        self.refusals = {}  # openid -> errcode
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

    def authorize(self, openid):
        with self.lock:
            code = f"code{len(self.codes) + 1:04d}"
            self.codes[code] = openid
        return code

    def refuse(self, openid, errcode=43101):
        self.refusals[openid] = errcode

    def templates(self):
        return self.bodies(TEMPLATE_SEND)

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
        if path == "/sns/oauth2/access_token":
            return self._oauth(query)
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
        if path == TEMPLATE_SEND:
            return self._template(body)
        return {"errcode": 404, "errmsg": "unknown path"}

    def _oauth(self, query):
        if query.get("appid") != APP_ID:
            return {"errcode": 40013, "errmsg": "invalid appid"}
        if query.get("secret") != APP_SECRET:
            return {"errcode": 40125, "errmsg": "invalid appsecret"}
        if query.get("grant_type") != "authorization_code":
            return {"errcode": 40002, "errmsg": "invalid grant_type"}
        with self.lock:
            code = query.get("code")
            if code not in self.codes:
                return {"errcode": 40029, "errmsg": "invalid code"}
            openid, self.codes[code] = self.codes[code], None
        if openid is None:
            return {"errcode": 40163, "errmsg": "code been used"}
        return {
            "access_token": f"sns-{code}",
            "expires_in": 7200,
            "refresh_token": f"refresh-{code}",
            "openid": openid,
            "scope": "snsapi_base",
        }

    def _template(self, body):
        touser, template_id = body.get("touser"), body.get("template_id")
        if not touser:
            return {"errcode": 40003, "errmsg": "invalid openid"}
        if not template_id:
            return {"errcode": 40037, "errmsg": "invalid template_id"}
        if not isinstance(body.get("data"), dict):
            return {"errcode": 47001, "errmsg": "data format error"}
        if touser in self.refusals:
            errmsg = "require subscribe" if self.refusals[touser] == 43004 else "user refuse to accept the msg"
            return {"errcode": self.refusals[touser], "errmsg": errmsg}
        return {"errcode": 0, "errmsg": "ok", "msgid": 200228332 + len(self.calls)}

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
