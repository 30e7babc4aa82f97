"""A small client of the 微信公众号 API, on ``requests`` (no SDK: a few endpoints, and the token rules are ours).

The access token comes from ``GET /cgi-bin/token`` (client_credential). Fetching a new one invalidates the
old one for every other process, so it is fetched ONCE across workers and instances: it is kept in Django's
cache (Redis in production) until ``expires_in`` minus WECHAT_TOKEN_MARGIN_SECONDS, and only the holder of
a cache lock (``cache.add``) fetches; the others wait for the lock to go and read the new token. A call
answered with 40001/40014/42001 (token invalid or expired) forces one refresh — unless another process has
refreshed already — and is tried once more.
"""

import json
import time

import requests
from django.conf import settings
from django.core.cache import cache

TOKEN_ERRORS = {40001, 40014, 42001}
LOCK_SECONDS = 30

# What staff read when WeChat refuses (the errmsg follows in brackets).
ERRORS = {
    -1: "微信系统繁忙，请稍后再试",
    40001: "AppSecret 错误或访问令牌无效",
    40013: "AppID 无效，请检查",
    40125: "AppSecret 无效，请检查",
    40164: "本服务器的 IP 不在公众号的 IP 白名单中，请在公众号后台添加",
    41001: "缺少访问令牌",
    42001: "访问令牌已过期",
    40007: "素材 media_id 无效",
    40009: "图片太大或格式不支持",
    40003: "openid 无效（不是这个公众号的用户）",
    40029: "网页授权的 code 无效",
    40037: "模板消息的 template_id 无效",
    40163: "网页授权的 code 已经用过",
    43004: "用户没有关注公众号",
    43101: "用户拒绝接收消息",
    45009: "今天调用接口的次数已用完",
    48001: "公众号没有这个接口的权限（需认证）",
    53503: "草稿未通过发布检查",
    53504: "需前往公众平台官网使用草稿",
    53505: "请手动保存成功后再发表",
}

# freepublish/get's publish_status, for the ones that end in failure.
PUBLISH_FAILURES = {
    2: "原创声明失败",
    3: "常规失败",
    4: "平台审核不通过",
    5: "发布后被用户删除",
    6: "发布后被系统封禁",
}


class WechatError(Exception):
    def __init__(self, errcode, errmsg=""):
        self.errcode, self.errmsg = errcode, errmsg
        super().__init__(f"{errcode} {errmsg}")

    @property
    def message(self):
        """In Chinese for staff, with WeChat's own code and words."""
        text = ERRORS.get(self.errcode, "微信接口返回错误")
        return f"{text}（错误码 {self.errcode}：{self.errmsg}）" if self.errmsg else f"{text}（错误码 {self.errcode}）"


def error_message(error):
    """Any failure of a call, in a sentence for staff."""
    if isinstance(error, WechatError):
        return error.message
    if isinstance(error, requests.Timeout):
        return "连接微信接口超时，稍后会自动重试"
    if isinstance(error, requests.RequestException):
        return f"连接不上微信接口（{type(error).__name__}），稍后会自动重试"
    return f"同步出错：{error}"


class WechatClient:
    def __init__(self, app_id, secret, base=None, timeout=None):
        self.app_id, self.secret = app_id, secret
        self.base = (base if base is not None else settings.WECHAT_API_BASE).rstrip("/")
        self.timeout = timeout if timeout is not None else settings.RELAY_TIMEOUT_SECONDS
        self.token_key = f"relays:wechat:token:{app_id}"
        self.lock_key = f"relays:wechat:token-lock:{app_id}"

    # --- the access token -----------------------------------------------------------------------------

    def token(self, stale=None):
        """A valid access token: the cached one unless it is ``stale`` (just refused), else a new one, once."""
        current = cache.get(self.token_key)
        if current and current != stale:
            return current
        deadline = time.monotonic() + LOCK_SECONDS
        while time.monotonic() < deadline:
            if cache.add(self.lock_key, "1", timeout=LOCK_SECONDS):
                try:
                    current = cache.get(self.token_key)  # refreshed while we waited for the lock?
                    if current and current != stale:
                        return current
                    return self._fetch_token()
                finally:
                    cache.delete(self.lock_key)
            time.sleep(0.05)
            current = cache.get(self.token_key)
            if current and current != stale:
                return current
        raise WechatError(-1, "等待其他进程获取访问令牌超时")

    def forget_token(self):
        """After the AppID or secret changed: the next call fetches a token with the new ones."""
        cache.delete(self.token_key)

    def _fetch_token(self):
        if not self.app_id or not self.secret:
            raise WechatError(41002, "未设置 AppID 或 AppSecret")
        response = requests.get(
            f"{self.base}/cgi-bin/token",
            params={"grant_type": "client_credential", "appid": self.app_id, "secret": self.secret},
            timeout=self.timeout,
        )
        data = self._decode(response)
        token, expires_in = data["access_token"], int(data.get("expires_in", 7200))
        lifetime = max(expires_in - settings.WECHAT_TOKEN_MARGIN_SECONDS, 1)
        cache.set(self.token_key, token, timeout=lifetime)
        return token

    # --- calls ----------------------------------------------------------------------------------------

    @staticmethod
    def _decode(response):
        response.raise_for_status()
        data = response.json()
        if data.get("errcode"):
            raise WechatError(data["errcode"], data.get("errmsg", ""))
        return data

    def call(self, path, *, payload=None, files=None, params=None):
        """POST to ``path`` with the token; on a refused token, refresh once and try again."""
        token = self.token()
        for retried in (False, True):
            query = {"access_token": token, **(params or {})}
            if files is not None:
                response = requests.post(f"{self.base}{path}", params=query, files=files, timeout=self.timeout)
            else:
                # ensure_ascii=False: WeChat shows \u escapes literally in an article.
                body = json.dumps(payload or {}, ensure_ascii=False).encode("utf-8")
                headers = {"Content-Type": "application/json; charset=utf-8"}
                response = requests.post(
                    f"{self.base}{path}", params=query, data=body, headers=headers, timeout=self.timeout
                )
            try:
                return self._decode(response)
            except WechatError as error:
                if error.errcode not in TOKEN_ERRORS or retried:
                    raise
                token = self.token(stale=token)
        raise AssertionError("unreachable")

    def add_image_material(self, filename, content):
        """A permanent image (the cover): its media_id."""
        data = self.call(
            "/cgi-bin/material/add_material", params={"type": "image"}, files={"media": (filename, content)}
        )
        return data["media_id"]

    def upload_content_image(self, filename, content):
        """An image shown inside an article: its WeChat-hosted URL."""
        return self.call("/cgi-bin/media/uploadimg", files={"media": (filename, content)})["url"]

    def add_draft(self, articles):
        return self.call("/cgi-bin/draft/add", payload={"articles": articles})["media_id"]

    def submit(self, media_id):
        return str(self.call("/cgi-bin/freepublish/submit", payload={"media_id": media_id})["publish_id"])

    def publish_status(self, publish_id):
        return self.call("/cgi-bin/freepublish/get", payload={"publish_id": publish_id})

    def oauth_openid(self, code):
        """网页授权 (snsapi_base): the openid a ``code`` from the authorisation redirect stands for."""
        response = requests.get(
            f"{self.base}/sns/oauth2/access_token",
            params={"appid": self.app_id, "secret": self.secret, "code": code, "grant_type": "authorization_code"},
            timeout=self.timeout,
        )
        return self._decode(response)["openid"]

    def send_template(self, openid, template_id, url, data, client_msg_id=""):
        """A template message (模板消息) to a follower; its msgid."""
        payload = {"touser": openid, "template_id": template_id, "url": url, "data": data}
        if client_msg_id:
            payload["client_msg_id"] = client_msg_id  # the same id within minutes is sent once
        return self.call("/cgi-bin/message/template/send", payload=payload).get("msgid")
