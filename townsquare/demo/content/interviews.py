"""The demo county's 在线访谈: one coming up (collecting questions) and one held, with its transcript.

Days are relative to the day the demo is loaded; each line is (speaker, text, index of the question it
answers or None). Questions are (name, text, published?).
"""

UPCOMING = {
    "unit": "renshe",
    "slug": "jiuye-bangfu-wendawen",
    "title": "今冬明春找工作、领补贴，问问人社局长",
    "summary": (
        "县人社局局长杨帆来答疑：返乡和在家门口找工作的人能领哪些补贴、去哪报名培训、"
        "工资被拖欠怎么办。访谈开始前就可以提问。"
    ),
    "guest_name": "杨帆",
    "guest_title": "县人力资源和社会保障局局长",
    "host_name": "主持人 小林",
    "days": 5,
    "starts": "15:00",
    "hours": 1.5,
    "questions": [
        ("刘", "我在外地打工，过年回来想在县里找活，年后还能报名免费的技能培训吗？", True),
        ("陈", "灵活就业人员的社保补贴，今年还能申请吗？要带什么材料？", True),
        ("赵", "在工地干了三个月，老板一直拖着工资不给，去哪里反映最快？", True),
        ("孙", "我们村想办个小作坊，能招几个本村的人，有没有吸纳就业的补贴？", False),
    ],
}

HELD = {
    "unit": "jiaoyu",
    "slug": "hanjia-qianhou-dawen",
    "title": "寒假前后：校车、课后服务，教育局长答家长问",
    "summary": "县教育局局长曹敏回答家长关心的事：寒假什么时候放、校车冬季怎么开、课后服务怎么收费。",
    "guest_name": "曹敏",
    "guest_title": "县教育局局长",
    "host_name": "主持人 小林",
    "days": -18,
    "starts": "15:00",
    "hours": 1.5,
    "photos": [("school", "曹敏局长在直播间回答家长的问题"), ("bus", "冬季校车出发前检查防滑链")],
    "questions": [
        ("周", "今年寒假什么时候放？中小学是一起放吗？", True),
        ("吴", "下雪天校车还开吗？孩子在路口等车太冷了。", True),
        ("郑", "课后服务是不是每个孩子都要交钱？不参加可以吗？", True),
        ("冯", "镇上学校的食堂能不能多做点热菜？", True),
    ],
    "lines": [
        ("host", "各位网友下午好！今天请到县教育局局长曹敏，聊聊寒假前后大家关心的事。", None),
        ("guest", "大家好！这段时间收到不少家长的问题，今天尽量都答到。", None),
        ("guest", "全县中小学统一在1月下旬放寒假，具体日期以学校通知为准，放假前一周各校会把通知发到家长群。", 0),
        (
            "guest",
            "下雪天校车照常开，但会提前检查防滑链，路面结冰时推迟发车。等车的路口我们正在加装候车棚，今年先装12个。",
            1,
        ),
        ("host", "很多家长关心课后服务的钱，局长您说说？", None),
        (
            "guest",
            "课后服务是自愿参加的，不参加不收费。参加的按学期收，家庭困难的学生免交，找班主任登记就行。",
            2,
        ),
        ("guest", "食堂的事我们记下了，下周起各镇学校冬季每天至少两个热菜，家长可以去食堂看看。", 3),
        ("host", "今天的访谈就到这里，谢谢曹局长，也谢谢各位网友！没答到的问题会在三个工作日内回复。", None),
    ],
}
