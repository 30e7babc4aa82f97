"""The demo's 调查征集: one finished survey of 县交通运输局 with published results, one open light survey of 青禾镇.

Days are relative to the day the demo loads; ``answers`` give each question's options with their weights, from
which the responses are drawn with a fixed seed (the same numbers every load)."""

INDEX = {
    "slug": "diaocha",
    "title": "调查征集",
    "intro": "县里和各镇、各部门想听听您的意见。每个调查几分钟就能填完，结果会公布在这里。",
}

SURVEYS = [
    {
        "unit": "jiaotong",
        "slug": "gongjiao-xianlu-diaocha",
        "title": "城区公交线路调整，听听您的意见",
        "intro": (
            "县城1路、3路、5路明年春天要调整线路和班次。改之前，我们想知道您怎么坐车、最希望改哪里。\n"
            "填一次大约3分钟。为了每人只算一次，提交前要用手机号或邮箱收个验证码，号码不会公开。"
        ),
        "identity": "verified",
        "opens_days_ago": 40,
        "closes_days_ago": 12,
        "results_days_ago": 5,
        "responses": 186,
        "summary": (
            "一共收到186份答卷，谢谢大家。\n"
            "大家最希望的是班次更密和末班车更晚。我们打算：1路、3路早晚高峰间隔从15分钟缩短到10分钟；"
            "末班车从晚上8点推迟到9点半；新开一条到青禾镇的城乡公交。具体方案3月公示。"
        ),
        "questions": [
            {
                "kind": "single",
                "text": "您平时坐公交吗？",
                "answers": [("每天坐", 34), ("每周几次", 41), ("很少坐", 17), ("不坐", 8)],
            },
            {
                "kind": "multiple",
                "text": "您最希望公交改进哪些？",
                "hint": "可以多选。",
                "answers": [
                    ("班次更密", 62),
                    ("末班车更晚", 48),
                    ("增加到乡镇的线路", 37),
                    ("站台加雨棚和座椅", 29),
                    ("车上更干净", 12),
                ],
            },
            {
                "kind": "scale",
                "text": "您对现在的城区公交满意吗？",
                "answers": [("1", 6), ("2", 14), ("3", 38), ("4", 30), ("5", 12)],
            },
            {
                "kind": "single",
                "text": "您不坐公交，主要是因为？",
                "show_if": (1, "不坐"),
                "required": False,
                "answers": [("站离家太远", 30), ("等车太久", 35), ("有自己的车", 25), ("不知道线路", 10)],
            },
            {
                "kind": "long",
                "text": "还有什么想对我们说的？",
                "required": False,
                "answers": [
                    ("希望早上6点就有车，赶早市的老人多。", 3),
                    ("县医院站上下车的人多，站台太窄了。", 3),
                    ("能不能在手机上查到车到哪里了？", 2),
                ],
            },
        ],
    },
    {
        "unit": "qinghe",
        "slug": "nongmao-shichang-gaizao",
        "title": "青禾农贸市场改造，您最关心什么？",
        "intro": (
            "青禾农贸市场明年要翻新。动工前想听听常去买菜的您：先改哪里、改成什么样。\n"
            "不用登录，不用留电话，1分钟就能填完。"
        ),
        "identity": "browser",
        "opens_days_ago": 3,
        "closes_in_days": 18,
        "responses": 23,
        "questions": [
            {
                "kind": "single",
                "text": "您多久去一次农贸市场？",
                "answers": [("几乎每天", 45), ("每周两三次", 40), ("很少去", 15)],
            },
            {
                "kind": "multiple",
                "text": "改造时最该先做什么？",
                "answers": [
                    ("地面防滑、排水", 50),
                    ("增加停车位", 30),
                    ("公平秤和明码标价", 28),
                    ("建干净的公共厕所", 35),
                    ("早市时间延长", 12),
                ],
            },
            {
                "kind": "short",
                "text": "还有别的想法吗？",
                "required": False,
                "answers": [("希望留几个给本村菜农的摊位。", 1)],
            },
        ],
    },
]
