"""专题: one page gathering publications of several units around a theme."""

TOPICS = [
    {
        "slug": "yilao-yixiao",
        "unit": "shifan",
        "title": "一老一小暖心服务",
        "published": (12, "09:00"),
        "image": "community",
        "summary": "老人坐车、吃饭、看病，孩子入托、上学、打疫苗，有关的政策和通知都在这一页。",
        "body": [
            "家里有老人、有孩子，办事最操心。我们把和“一老一小”有关的政策、通知和新消息放在这一页，随时更新。",
            "找不到想要的，请打县政府值班电话 0999-6012345，或者在“我要留言”里问我们。",
        ],
        # (group, slug of a page published by the demo)
        "items": [
            ("政策", "laoren-gongjiao-mianfei-banfa"),
            ("政策", "tujie-laoren-gongjiao-mianfei"),
            ("政策", "jiedu-zhaosheng-shijianbiao"),
            ("动态", "laonian-shitang"),
            ("动态", "qinghe-tuoyu-dian"),
            ("动态", "jiating-yisheng-shangmen"),
            ("通知", "laoren-feiyan-yimiao"),
            ("通知", "xiaoxue-yinianji-baoming"),
            ("通知", "shiqiao-ertong-jiezhong-ri"),
        ],
    },
]
