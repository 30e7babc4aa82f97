"""The open read API under /api/: the versioned endpoints (/api/v1/…), the OpenAPI document (/api/schema/)
and its human page (/api/docs/, Swagger UI served from our own static files).

Built with Django Ninja (see README, 开放接口): the OpenAPI document is generated from the typed
schemas the answers are checked against, and a bad parameter is a 400 with a Chinese reason, never a 500.
Every answer is the same for everyone, so the page cache keeps it for anonymous clients (``core.pagecache``);
``middleware.ApiConditionalGetMiddleware`` gives the others ETag/304.
"""

from ninja import NinjaAPI, Swagger
from ninja.errors import Throttled, ValidationError
from ninja.renderers import JSONRenderer

from . import guides, listings, pages, places, requests, statistics
from .limits import AddressThrottle

DESCRIPTION = """网上镇街的开放接口，供小程序和手机应用读取公开信息：
文章、办事指南、生活服务信息、天气、公开留言和统计数据。

- 只读，不需要密钥；数据与网站上公开的一致，群众的电话、身份证号、邮箱和姓名一律不出现。
- 列表用 cursor 翻页：每页返回 `next`（下一页的完整地址）和 `next_cursor`，没有下一页时为 null；`limit` 设每页条数。
- 每个回答带 `ETag`，再次请求时带上 `If-None-Match` 可得到 304（内容没变）。
- 参数不对时回答 400，`detail` 里写明原因。
"""


class Utf8JSONRenderer(JSONRenderer):
    """Chinese as UTF-8, not \\u escapes: a third smaller on the wire and readable in a console."""

    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    title="网上镇街开放接口",
    version="1",
    description=DESCRIPTION,
    urls_namespace="townsquare_api",
    openapi_url="/schema/",
    docs=Swagger(settings={"validatorUrl": None, "defaultModelsExpandDepth": 0}),
    docs_url="/docs/",
    throttle=AddressThrottle(),
    renderer=Utf8JSONRenderer(),
)


@api.exception_handler(ValidationError)
def bad_parameters(request, error):
    """A parameter of the wrong type or out of range: a 400 naming it, like every other refusal."""
    names = sorted({".".join(str(part) for part in item.get("loc", ())[1:]) or "?" for item in error.errors})
    return api.create_response(
        request, {"detail": f"参数不对：{'、'.join(names)}。请对照 /api/docs/ 修改。"}, status=400
    )


@api.exception_handler(Throttled)
def too_many(request, error):
    """Past the per-address limit: a 429 in Chinese, with when to come back."""
    response = api.create_response(request, {"detail": "请求太频繁，请一分钟后再试。"}, status=429)
    response["Retry-After"] = str(error.wait or 60)
    return response


api.add_router("/v1/pages/", pages.router)
api.add_router("/v1/guides/", guides.router)
api.add_router("/v1/listings/", listings.router)
api.add_router("/v1/requests/", requests.router)
api.add_router("/v1/statistics/", statistics.router)
api.add_router("/v1/", places.router)
