"""Smart routing in the demo: requests filed under the wrong category, with the suggestions staff saw.

Each case: submission key suffix, title, details, the category the resident chose, the suggestions as the model
would store them ((category code, score) best first), and what staff did: ``"adopt"`` (the first suggestion),
``("move", code)`` (another category than the suggestions: overridden), or ``None`` (still waiting in the inbox).
"""

ROUTING_CASES = [
    {
        "key": "confident",
        "title": "县医院站的公交站牌被撞歪了",
        "details": "县医院门口那个公交站的站牌前天被货车撞歪了，斜在路边，老人等车看不清站名，也怕倒下来砸到人。",
        "chosen": "yiliao-fuwu",
        "suggested": [("gongjiao-xianlu", 0.97), ("shizheng-sheshi", 0.02)],
        "staff": None,
    },
    {
        "key": "close-pair",
        "title": "东关小区门口修路，公交改道没通知",
        "details": "东关小区门口这段路在挖管道，围挡占了半边路，3路公交改道走解放路，站台上没有贴通知，很多人白等。",
        "chosen": "wuye-xiaoqu",
        "suggested": [("shizheng-sheshi", 0.54), ("gongjiao-xianlu", 0.39)],
        "staff": None,
    },
    {
        "key": "farm-stay",
        "title": "稻香村农家乐的污水直接排进河沟",
        "details": "稻香村新开的两家农家乐，厨房的污水用管子直接排到村口河沟里，河水发黑有臭味，游客多的周末更严重。",
        "chosen": "lvyou-shichang",
        "suggested": [("qinghe-huanjing", 0.61), ("lvyou-shichang", 0.30)],
        "staff": None,
    },
    {
        "key": "night-piling",
        "title": "南门花园旁工地半夜还在打桩",
        "details": "南门花园北面的工地这一周每天晚上十一点以后还在打桩，声音很大，家里老人孩子睡不着，白天灰也很大。",
        "chosen": "wuye-xiaoqu",
        "suggested": [("shigong-zaoyin", 0.95), ("wuye-xiaoqu", 0.03)],
        "staff": "adopt",
    },
    {
        "key": "school-bus",
        "title": "松坪村孩子上学没有班车",
        "details": "松坪村到柳塘中心小学有六公里山路，原来的农村客运班车停了，孩子们只能搭三轮车上学，很不安全。",
        "chosen": "xuewei-ruxue",
        "suggested": [("nongcun-gonglu", 0.93), ("xiaoyuan-anquan", 0.05)],
        "staff": "adopt",
    },
    {
        "key": "market-stalls",
        "title": "集市街早上占道摆摊，车过不去",
        "details": "石桥集市街每逢赶集，早上六点到十点两边摆满摊位，连中间也占了，救护车和公交车都过不去。",
        "chosen": "gongjiao-xianlu",
        "suggested": [("nongcun-gonglu", 0.58), ("yingshang-huanjing", 0.21)],
        "staff": ("move", "shiqiao-sheshi"),
    },
    {
        "key": "gym-fee",
        "title": "全民健身中心游泳馆收费比公示的高",
        "details": "县全民健身中心游泳馆门口公示单次票十五元，前台实际收二十元，说是夏季价格，没有看到任何文件。",
        "chosen": "yingshang-huanjing",
        "suggested": [("yingshang-huanjing", 0.66), ("lvyou-shichang", 0.18)],
        "staff": ("move", "wenti-sheshi"),
    },
]
