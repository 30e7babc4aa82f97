"""The demo county's 热点问题: three problems many residents wrote about (fictional 示范县), and one public response.

Each topic: the category code its requests go to, the unit that answers, how many residents wrote and over how
many days (the newest first), their subjects and details (a resident's own words, varied), and the state of its
public response: "answered" (回应 published two days after crossing the threshold), "overdue" (crossed ten days
ago, still none) or "rising" (below the threshold, growing this week).
"""

TOPICS = [
    {
        "key": "dongjie-jiaobanzhan",
        "category": "qinghe-huanjing",
        "state": "answered",
        "crossed_days_ago": 9,
        "days": [1, 2, 2, 3, 4, 5, 6, 8, 9, 10, 12, 14],
        "titles": [
            "禾丰路搅拌站粉尘太大",
            "禾丰路中段搅拌站夜里施工扰民",
            "禾丰路搅拌站噪音吵得睡不着",
            "投诉禾丰路搅拌站粉尘噪音",
        ],
        "details": [
            "禾丰路中段新开的搅拌站白天黑夜都在转，粉尘落满阳台，衣服不敢晒。",
            "禾丰路搅拌站半夜还有罐车进出，噪音很大，家里老人孩子睡不好。",
            "禾丰路搅拌站离上湾村的房子不到一百米，粉尘和噪音太大，请查一下手续。",
            "禾丰路搅拌站的运输车把路面弄得全是泥浆，粉尘也大，希望管一管。",
        ],
    },
    {
        "key": "shiqiao-gongjiao",
        "category": "gongjiao-xianlu",
        "state": "overdue",
        "crossed_days_ago": 10,
        "days": [3, 4, 5, 6, 7, 9, 10, 11, 12, 13, 15],
        "titles": [
            "石桥到县城的公交班次太少",
            "石桥老街到县城公交车太少",
            "希望增加石桥至县城公交班次",
        ],
        "details": [
            "石桥老街到县城的公交车一天只有四班，下午四点就没车了，去县医院看病回不来。",
            "石桥到县城的公交班次太少，学生周末返校要等两个小时，希望增加班次。",
            "石桥集市街到县城的公交车太少，赶不上车只能打摩的，希望增加傍晚的班次。",
        ],
    },
    {
        "key": "jiefanglu-jishui",
        "category": "chengguan-sheshi",
        "state": "rising",
        "days": [0, 1, 1, 2, 3],
        "titles": [
            "解放路南段下雨就积水",
            "解放路南段路口积水严重",
        ],
        "details": [
            "解放路南段学府路口一下雨就积水，水没过脚踝，学生上学只能绕路。",
            "解放路南段排水口堵了，下雨积水很深，电动车经过容易熄火。",
        ],
    },
]

RESPONSE = {
    "slug": "huiying-hefenglu-jiaobanzhan",
    "title": "关于禾丰路搅拌站粉尘噪音问题的回应",
    "summary": "禾丰路搅拌站已停止夜间生产，月底前装好喷淋和隔音墙；有问题拨打镇环保办电话。",
    "body": [
        "近期有不少居民通过“我要留言”反映禾丰路中段搅拌站粉尘大、夜里施工扰民。我们一并回应如下。",
        "一、镇里已会同县生态环境部门到现场检查。搅拌站手续齐全，但夜间生产和防尘措施不到位，已责令整改。",
        "二、从即日起，搅拌站晚上10点到早上6点停止生产，运输车不得进出。",
        "三、本月底前，搅拌站装好喷淋降尘设备和临街隔音墙，运输车出场前冲洗轮胎。",
        "四、整改期间镇环保办每周抽查一次。发现夜间生产或粉尘大，请拨打青禾镇环保办电话，或继续在网上留言。",
    ],
}
