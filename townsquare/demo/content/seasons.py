"""The demo's dated content that depends on the season of the day the demo is loaded.

Events, enrolment, traffic notices, offers and a few notices only make sense in their season
(no 中秋灯会 in December). Each season has its own set; ``for_day(day)`` picks it. Rows have the
shapes of their lists in ``content.listings`` and ``content.notices``; days are relative to the
day the demo loads, except a row whose days are a ``"MM-DD"`` date (a fixed holiday such as 元旦):
that is the next such date if it is near, else the last one (then the item is simply over).
Spring is March to May, summer June to August, autumn September to November, winter December to February.
"""

import datetime

from .notices import FIRST_GRADE_ENROLMENT

SEASON_OF_MONTH = {
    month: season
    for season, months in {
        "spring": (3, 4, 5),
        "summer": (6, 7, 8),
        "autumn": (9, 10, 11),
        "winter": (12, 1, 2),
    }.items()
    for month in months
}
# A fixed date more than this many days ahead is taken from last year instead (it is over).
NEAR_DAYS = 75


def season_of(day):
    return SEASON_OF_MONTH[day.month]


def days_until(today, days):
    """Days from ``today`` to a row's day: an int as it is, or the nearest fitting "MM-DD"."""
    if isinstance(days, int):
        return days
    month, day = (int(part) for part in days.split("-"))
    coming = datetime.date(today.year, month, day)
    if coming < today:
        coming = coming.replace(year=today.year + 1)
    if (coming - today).days > NEAR_DAYS:
        coming = coming.replace(year=coming.year - 1)
    return (coming - today).days


def for_day(day):
    """The seasonal set for ``day``: a dict with events, enrolment, traffic, offers and notices."""
    return SEASONS[season_of(day)]


# --- events: (title, category, venue, town, starts in days, start HH:MM, hours, price, booking url, description)

WINTER_EVENTS = [
    (
        "元旦文艺汇演",
        "show",
        "县影剧院",
        "chengguan",
        "01-01",
        "19:30",
        2,
        "免费，凭票入场",
        "",
        "各乡镇文艺队和学校合唱团同台演出，票在县文化馆免费领取。",
    ),
    (
        "冬日暖心施粥",
        "festival",
        "县文化广场",
        "chengguan",
        9,
        "08:00",
        3,
        "免费",
        "",
        "志愿者现场熬八宝粥，老人和环卫工人优先领取。",
    ),
    (
        "迎新春年货节",
        "market",
        "县商贸城广场",
        "chengguan",
        14,
        "09:00",
        24 * 5,
        "免费入场",
        "",
        "本地腊肉、米酒、干笋、土鸡蛋集中展销，有写春联摊位。",
    ),
    (
        "送春联下乡",
        "talk",
        "柳塘镇文化站",
        "liutang",
        18,
        "09:30",
        4,
        "免费",
        "",
        "县书法家协会的老师现场写春联、写福字，每户可领一副。",
    ),
    (
        "冬季长者健康讲座：防跌倒、防煤气中毒",
        "talk",
        "青禾镇卫生院会议室",
        "qinghe",
        5,
        "09:30",
        2,
        "免费",
        "",
        "医生讲冬天老人常见的意外和预防办法，现场量血压。",
    ),
    ("初冬登山健身赛（已结束）", "sport", "云雾山步道", "shiqiao", -12, "08:00", 4, "免费", "", "已结束。"),
]
SPRING_EVENTS = [
    ("油菜花节", "festival", "青禾镇油菜花田", "qinghe", 8, "09:00", 8, "免费", "", "赏花步道、农家菜、亲子写生。"),
    (
        "云雾山采茶节",
        "festival",
        "石桥镇云雾山茶园",
        "shiqiao",
        16,
        "09:00",
        7,
        "20元（含茶叶一包）",
        "",
        "采茶、炒茶体验，茶艺表演。",
    ),
    (
        "春季植树活动",
        "festival",
        "清水河湿地公园",
        "chengguan",
        6,
        "08:30",
        3,
        "免费",
        "https://example.org/booking/trees",
        "家庭报名，一起种下一棵树，树苗和工具现场发。",
    ),
    (
        "春季招聘会进乡镇",
        "talk",
        "柳塘镇便民服务中心门前",
        "liutang",
        4,
        "09:00",
        3,
        "免费",
        "",
        "30多家企业现场招人，有返乡人员专场。",
    ),
    ("踏青徒步大会", "sport", "云雾山步道", "shiqiao", 12, "08:00", 4, "免费", "", "全程8公里，沿途有补给点。"),
    ("春季书法展（已结束）", "exhibition", "县文化馆", "chengguan", -20, "09:00", 24 * 7, "免费", "", "已结束。"),
]
SUMMER_EVENTS = [
    (
        "清水河龙舟赛",
        "festival",
        "清水河城关段",
        "chengguan",
        6,
        "08:30",
        5,
        "免费",
        "",
        "十二支村级龙舟队同场竞技，岸边有本地小吃摊。",
    ),
    ("夏夜露天电影", "show", "石桥镇文化广场", "shiqiao", 3, "20:00", 2, "免费", "", "放映国产经典老电影。"),
    (
        "柳塘荷花摄影展",
        "exhibition",
        "柳塘镇文化站",
        "liutang",
        0,
        "09:00",
        24 * 10,
        "免费",
        "",
        "本地摄影爱好者作品。",
    ),
    (
        "少儿暑期游泳安全课",
        "talk",
        "县体育馆游泳池",
        "chengguan",
        5,
        "09:00",
        2,
        "免费",
        "https://example.org/booking/swim",
        "教练教孩子怎样防溺水、遇险怎么自救。",
    ),
    ("纳凉晚会", "show", "青禾镇文化广场", "qinghe", 9, "20:00", 2, "免费", "", "村里的文艺队唱花鼓戏、跳广场舞。"),
    ("少儿书画展（已结束）", "exhibition", "县文化馆", "chengguan", -20, "09:00", 24 * 7, "免费", "", "已结束。"),
]
AUTUMN_EVENTS = [
    ("中秋灯会", "festival", "滨河公园", "chengguan", 5, "18:30", 4, "免费", "", "花灯、猜灯谜、非遗手工。"),
    (
        "示范县农民丰收节",
        "festival",
        "青禾镇稻田公园",
        "qinghe",
        12,
        "09:00",
        8,
        "免费",
        "",
        "稻田音乐会、农产品展销、亲子捉鱼。",
    ),
    (
        "重阳敬老文艺演出",
        "show",
        "县老年活动中心",
        "chengguan",
        15,
        "09:30",
        2,
        "免费",
        "",
        "老年大学学员表演合唱、太极和戏曲。",
    ),
    ("秋季登高健步走", "sport", "云雾山步道", "shiqiao", 9, "08:00", 4, "免费", "", "全程6公里，适合全家参加。"),
    (
        "柳塘米酒品鉴会",
        "market",
        "柳塘古镇老街",
        "liutang",
        3,
        "10:00",
        6,
        "免费品尝",
        "",
        "老街作坊的新酿米酒，现场教酿酒。",
    ),
    ("露天电影进村（已结束）", "show", "石桥镇文化广场", "shiqiao", -40, "19:00", 2, "免费", "", "已结束。"),
]

# --- enrolment: (title, school name or "", kind, town, starts in days, ends in days, place)

WINTER_ENROLMENT = [
    ("城关第一小学春季学期插班报名", "城关第一小学", "primary", "chengguan", 5, 20, "学校教务处"),
    ("城关第二小学春季学期转学登记", "城关第二小学", "primary", "chengguan", 3, 18, "学校教务处"),
    ("柳塘镇中心小学春季学期插班报名", "柳塘镇中心小学", "primary", "liutang", 6, 20, "学校教导处"),
    ("县机关幼儿园春季插班招生", "县机关幼儿园", "kindergarten", "chengguan", -3, 14, "网上报名后到园核验"),
    ("青禾镇中心幼儿园春季插班", "青禾镇中心幼儿园", "kindergarten", "qinghe", 0, 20, "幼儿园门口"),
    ("石桥镇中心幼儿园春季插班招生", "石桥镇中心幼儿园", "kindergarten", "shiqiao", 2, 25, "幼儿园办公室"),
    ("柳塘镇中心幼儿园春季小班招生", "柳塘镇中心幼儿园", "kindergarten", "liutang", 4, 24, "幼儿园办公室"),
    ("示范县职业中专春季招生", "示范县职业中专", "vocational", "chengguan", -10, 40, "学校招生办，也可电话报名"),
    ("青禾镇中学寒假托管报名", "青禾镇中学", "junior", "qinghe", 10, 25, "学校教务处"),
    ("示范县第二中学寒假托管报名", "示范县第二中学", "junior", "chengguan", 12, 28, "学校教务处"),
    (
        "石桥镇九年一贯制学校寒假留守儿童托管登记",
        "石桥镇九年一贯制学校",
        "nine_year",
        "shiqiao",
        8,
        26,
        "学校行政楼一楼",
    ),
    ("示范县第一中学高考报名确认", "示范县第一中学", "senior", "chengguan", -30, -20, "学校教务处"),
    ("示范县职业中专成人学历教育报名", "示范县职业中专", "vocational", "chengguan", -40, -12, "学校招生办"),
]
SPRING_ENROLMENT = [
    (
        "城关第一小学一年级新生信息登记",
        "城关第一小学",
        "primary",
        "chengguan",
        10,
        30,
        "学校一楼报名处，带户口本和房产证明",
    ),
    ("城关第二小学一年级新生信息登记", "城关第二小学", "primary", "chengguan", 12, 30, "学校教务处"),
    ("青禾镇中心小学一年级新生登记", "青禾镇中心小学", "primary", "qinghe", 14, 35, "学校门卫室旁报名点"),
    ("县机关幼儿园新生报名", "县机关幼儿园", "kindergarten", "chengguan", 5, 20, "网上报名后到园核验"),
    ("青禾镇中心幼儿园新生报名", "青禾镇中心幼儿园", "kindergarten", "qinghe", 7, 25, "幼儿园门口"),
    ("石桥镇中心幼儿园新生报名", "石桥镇中心幼儿园", "kindergarten", "shiqiao", 7, 25, "幼儿园办公室"),
    ("柳塘镇中心幼儿园新生报名", "柳塘镇中心幼儿园", "kindergarten", "liutang", 9, 28, "幼儿园办公室"),
    ("示范县职业中专春季招生", "示范县职业中专", "vocational", "chengguan", -20, 10, "学校招生办，也可电话报名"),
    ("示范县职业中专校园开放日", "示范县职业中专", "vocational", "chengguan", 15, 16, "学校操场"),
    ("石桥镇九年一贯制学校春季插班报名", "石桥镇九年一贯制学校", "nine_year", "shiqiao", -10, 5, "学校行政楼一楼"),
    ("示范县第一中学艺术特长生报名", "示范县第一中学", "senior", "chengguan", 20, 30, "学校艺术楼"),
    ("城关第一小学春季插班报名", "城关第一小学", "primary", "chengguan", -40, -25, "学校教务处"),
    ("柳塘镇中学春季转学登记", "柳塘镇中学", "junior", "liutang", -30, -15, "学校教学楼一楼"),
]
SUMMER_ENROLMENT = [
    (
        "城关第一小学一年级新生报名",
        "城关第一小学",
        "primary",
        "chengguan",
        -2,
        10,
        "学校一楼报名处，带户口本和房产证明",
    ),
    ("城关第二小学一年级新生报名", "城关第二小学", "primary", "chengguan", -2, 10, "学校教务处"),
    ("青禾镇中心小学秋季一年级招生", "青禾镇中心小学", "primary", "qinghe", 0, 14, "学校门卫室旁报名点"),
    ("石桥镇九年一贯制学校新生报名", "石桥镇九年一贯制学校", "nine_year", "shiqiao", 1, 15, "学校行政楼一楼"),
    ("柳塘镇中心小学新生报名", "柳塘镇中心小学", "primary", "liutang", 3, 18, "学校教导处"),
    ("县机关幼儿园小班招生", "县机关幼儿园", "kindergarten", "chengguan", -1, 7, "网上报名后到园核验"),
    ("青禾镇中心幼儿园秋季招生", "青禾镇中心幼儿园", "kindergarten", "qinghe", 0, 20, "幼儿园门口"),
    ("石桥镇中心幼儿园招生", "石桥镇中心幼儿园", "kindergarten", "shiqiao", 2, 20, "幼儿园办公室"),
    ("示范县职业中专秋季招生", "示范县职业中专", "vocational", "chengguan", -10, 40, "学校招生办，也可电话报名"),
    ("示范县第一中学高一新生报到", "示范县第一中学", "senior", "chengguan", 12, 14, "学校体育馆"),
    ("城关第二中学七年级分班报到", "示范县第二中学", "junior", "chengguan", 10, 12, "学校操场"),
    ("柳塘镇中学七年级报到", "柳塘镇中学", "junior", "liutang", 11, 13, "学校教学楼一楼"),
    ("青禾镇中学暑期托管报名", "青禾镇中学", "junior", "qinghe", 0, 10, "学校教务处"),
    ("城关第一小学春季插班报名", "城关第一小学", "primary", "chengguan", -130, -110, "学校教务处"),
]
AUTUMN_ENROLMENT = [
    ("示范县职业中专补录报名", "示范县职业中专", "vocational", "chengguan", -5, 20, "学校招生办，也可电话报名"),
    ("县机关幼儿园插班生报名", "县机关幼儿园", "kindergarten", "chengguan", -2, 15, "网上报名后到园核验"),
    ("青禾镇中心幼儿园插班报名", "青禾镇中心幼儿园", "kindergarten", "qinghe", 0, 20, "幼儿园门口"),
    ("石桥镇中心幼儿园插班报名", "石桥镇中心幼儿园", "kindergarten", "shiqiao", 2, 20, "幼儿园办公室"),
    ("柳塘镇中心幼儿园插班报名", "柳塘镇中心幼儿园", "kindergarten", "liutang", 3, 22, "幼儿园办公室"),
    ("城关第一小学课后服务报名", "城关第一小学", "primary", "chengguan", -3, 7, "班主任处"),
    ("城关第二小学课后服务报名", "城关第二小学", "primary", "chengguan", -3, 7, "班主任处"),
    ("青禾镇中心小学课后托管报名", "青禾镇中心小学", "primary", "qinghe", 0, 10, "学校门卫室旁报名点"),
    ("石桥镇九年一贯制学校午餐托管登记", "石桥镇九年一贯制学校", "nine_year", "shiqiao", -1, 9, "学校行政楼一楼"),
    ("示范县第一中学高考报名确认", "示范县第一中学", "senior", "chengguan", 10, 20, "学校教务处"),
    ("柳塘镇中学住校生登记", "柳塘镇中学", "junior", "liutang", -4, 6, "学校教学楼一楼"),
    ("城关第二中学七年级分班报到", "示范县第二中学", "junior", "chengguan", -30, -28, "学校操场"),
    ("示范县第一中学高一新生报到", "示范县第一中学", "senior", "chengguan", -35, -33, "学校体育馆"),
]

# --- traffic: (title, kind, place, town, starts in hours, ends in hours, advice)

WINTER_TRAFFIC = [
    (
        "春运期间客运站周边交通管制",
        "detour",
        "县客运站周边",
        "chengguan",
        24 * 20,
        24 * 60,
        "社会车辆请从新华路绕行，接送旅客请到临时停车区。",
    ),
    ("云雾山盘山路雨雪天临时封闭", "closure", "云雾山盘山路", "shiqiao", -6, 48, "路面结冰，暂停通行，请走县道X108。"),
    (
        "年货节期间商贸城周边临时停车",
        "detour",
        "县商贸城周边",
        "chengguan",
        24 * 14,
        24 * 19,
        "商贸城门前禁止停车，请停到体育馆停车场。",
    ),
]
SPRING_TRAFFIC = [
    (
        "清明祭扫期间公墓周边交通管制",
        "detour",
        "县公墓周边道路",
        "chengguan",
        24 * 5,
        24 * 8,
        "请乘坐祭扫专线公交，私家车停在山下停车场。",
    ),
    (
        "油菜花节期间青禾镇临时停车安排",
        "detour",
        "青禾镇油菜花田周边",
        "qinghe",
        24 * 7,
        24 * 9,
        "车辆停在青禾中学操场，步行进入花田。",
    ),
    ("云雾山采茶季货车限行", "detour", "云雾山茶园路", "shiqiao", -24, 24 * 30, "早6点到晚7点禁止货车通行。"),
]
SUMMER_TRAFFIC = [
    (
        "龙舟赛当天滨河路交通管制",
        "closure",
        "滨河路（北门桥至南湖桥）",
        "chengguan",
        24 * 6,
        24 * 6 + 8,
        "比赛当天滨河路禁止机动车通行。",
    ),
    ("暴雨后柳塘镇低洼路段积水", "closure", "柳塘镇老街下段", "liutang", -6, 30, "积水未退前请走建设路。"),
    ("暑期夜间路面维修", "closure", "人民路西段", "chengguan", 24, 24 * 10, "每晚22点至次日6点施工，请从新华路绕行。"),
]
AUTUMN_TRAFFIC = [
    (
        "城关中秋灯会交通管制",
        "closure",
        "滨河公园周边",
        "chengguan",
        24 * 5,
        24 * 5 + 6,
        "灯会当晚滨河路禁止机动车通行。",
    ),
    ("秋收期间农机上路提示", "detour", "县道X102青禾段", "qinghe", -48, 24 * 20, "收割机、运粮车较多，请减速慢行。"),
    (
        "龙潭瀑布景区道路单向通行（已结束）",
        "detour",
        "龙潭瀑布景区道路",
        "liutang",
        -24 * 40,
        -24 * 33,
        "已恢复双向通行。",
    ),
]

# --- offers: (title, kind, merchant, town, address, starts in days, ends in days, conditions, state)

WINTER_OFFERS = [
    (
        "年货节满200减40",
        "offer",
        "县商贸城",
        "chengguan",
        "县商贸城",
        14,
        30,
        "年货节期间，商城内参与商户满200元减40元。",
        "",
    ),
    (
        "冬季取暖器以旧换新",
        "offer",
        "县家电城",
        "chengguan",
        "人民路家电城",
        -3,
        40,
        "旧取暖器折价50元，购买新取暖器直接抵扣。",
        "",
    ),
    ("冬季家电促销（已结束）", "offer", "县家电城", "chengguan", "人民路家电城", -30, -20, "已结束。", ""),
]
SPRING_OFFERS = [
    (
        "云雾山新茶尝鲜价",
        "offer",
        "云雾茶业合作社",
        "shiqiao",
        "石桥镇云雾山茶园门口",
        0,
        20,
        "明前茶每斤优惠50元，限购两斤。",
        "",
    ),
    ("春耕化肥满减", "offer", "柳塘镇丰收农资店", "liutang", "柳塘镇老街3号", -3, 25, "复合肥满1000元减80元。", ""),
    ("春装换季特卖（已结束）", "offer", "县商贸城", "chengguan", "县商贸城", -30, -10, "已结束。", ""),
]
SUMMER_OFFERS = [
    (
        "空调清洗特价",
        "offer",
        "好邻居家政",
        "chengguan",
        "城关街道各小区",
        -2,
        30,
        "挂机清洗每台60元，柜机每台90元。",
        "",
    ),
    ("冷饮买二送一", "offer", "青禾镇惠民超市", "qinghe", "禾丰路惠民超市", 0, 20, "冰柜内冷饮买二送一。", ""),
    ("初夏家电促销（已结束）", "offer", "县家电城", "chengguan", "人民路家电城", -40, -20, "已结束。", ""),
]
AUTUMN_OFFERS = [
    (
        "新米上市尝鲜价",
        "offer",
        "青禾大米合作社",
        "qinghe",
        "青禾镇禾丰路28号",
        0,
        25,
        "青禾新米每袋（10斤）优惠8元。",
        "",
    ),
    ("秋冬被褥换季特惠", "offer", "县商贸城", "chengguan", "县商贸城二楼", -3, 20, "棉被、电热毯九折。", ""),
    ("换季家电促销（已结束）", "offer", "县家电城", "chengguan", "人民路家电城", -40, -30, "已结束。", ""),
]

# --- notices of the season: full notice specs (see content.notices)

WINTER_NOTICES = [
    {
        "slug": "dongji-xiaofang-jiancha",
        "unit": "chengguan",
        "title": "冬季消防安全检查{m+3}开始",
        "published": (2, "09:30"),
        "applies_to": "城关街道各小区、沿街商铺和出租屋",
        "valid_until": (30, "17:30"),
        "summary": "{m+3}起，街道和消防站上门检查电动车充电、取暖器和燃气使用，检查不收费。",
        "body": [
            "天冷了，家里用火用电多。{m+3}起，街道办和消防站组织冬季消防安全检查，一直到{m+30}。",
            "检查的重点：电动车不进楼道、不在家里充电；取暖器不靠近被褥窗帘；燃气软管没有老化。",
            "检查人员带工作证，不收任何费用，也不卖灭火器。遇到上门推销的，请打 0999-6011003 告诉我们。",
        ],
    },
    {
        "slug": "chunjie-zoufang-weiwen",
        "unit": "minzheng",
        "title": "春节前走访慰问困难群众",
        "published": (3, "10:00"),
        "applies_to": "低保户、特困人员、困难老党员和退役军人",
        "valid_until": (40, "17:30"),
        "summary": "春节前，县里和乡镇干部上门走访困难家庭，送慰问金和米油。家里有新的困难，请告诉村（社区）。",
        "body": [
            "春节快到了，县民政局和各乡镇从{m+10}起上门走访低保户、特困人员、困难老党员和退役军人。",
            "每户送慰问金和米、油。走访不需要群众准备任何材料，也不收费。",
            "家里这段时间有新的困难（生病、失业、房子漏雨），请告诉村（社区）干部，或打县民政局电话 0999-6018821。",
        ],
    },
    {
        "slug": "dongji-fanghan-tishi",
        "unit": "weijian",
        "title": "天冷了，请注意防寒和煤气中毒",
        "published": (1, "16:00"),
        "applies_to": "全县居民，特别是老人和有婴幼儿的家庭",
        "valid_until": (60, "17:30"),
        "summary": "用炭火、煤炉取暖一定要开窗通风；独居老人请家人多打电话问候。",
        "body": [
            "最近气温低，早晚可能结冰。出门请穿暖，老人早上晚一点出门锻炼。",
            "用炭火、煤炉取暖，一定要开窗通风，睡觉前把火熄灭。出现头痛、头晕、恶心，马上开窗并离开房间，打120。",
            "家里有独居老人，请多打电话问候；村（社区）会上门看看取暖情况。",
        ],
    },
]
SPRING_NOTICES = [
    {
        "slug": "qinghe-shuidao-baoxian",
        "unit": "qinghe",
        "title": "水稻保险开始投保，每亩自己交6元",
        "published": (5, "08:40"),
        "applies_to": "青禾镇种水稻的农户",
        "valid_until": (15, "17:30"),
        "image": "qinghe",
        "summary": "{m+15}前在村委会登记投保，每亩保费30元，农户只交6元，遇灾最高每亩赔800元。",
        "body": [
            "水稻保险开始投保了。每亩保费30元，各级财政补贴24元，农户只交6元。",
            "遇到洪水、干旱、大风、病虫害造成减产，最高每亩赔800元。",
            "{m+15}前，带身份证和银行卡到村委会登记。种地大户可以直接到镇农业服务中心办。",
        ],
    },
]
SUMMER_NOTICES = [
    FIRST_GRADE_ENROLMENT,
    {
        "slug": "shuqi-fang-nishui",
        "unit": "jiaoyu",
        "title": "暑假防溺水，请家长多叮嘱",
        "published": (2, "10:00"),
        "applies_to": "全县中小学生家长",
        "valid_until": (45, "17:30"),
        "image": "school",
        "summary": "不私自下水游泳，不到无人看管的河塘、水库边玩；发现有人落水，大声呼救并打110。",
        "body": [
            "暑假孩子在家时间多，请家长叮嘱孩子：不私自下水游泳，不到无人看管的河塘、水库边玩。",
            "发现有人落水，不要手拉手下水救人，大声呼救，打110或120。",
            "各村在河塘边设了警示牌和救生圈，请不要挪动。",
        ],
    },
]
AUTUMN_NOTICES = [
    {
        "slug": "qiushou-jinzhi-fenshao",
        "unit": "qinghe",
        "title": "秋收时节，请不要焚烧秸秆",
        "published": (3, "09:00"),
        "applies_to": "青禾镇种稻的农户",
        "valid_until": (40, "17:30"),
        "image": "qinghe",
        "summary": "秸秆可以粉碎还田，镇里免费提供粉碎机械；烧秸秆容易引发火灾，也污染空气。",
        "body": [
            "秋收开始了。请不要在田里焚烧秸秆，容易引发山火，烟雾还影响公路行车。",
            "需要粉碎秸秆还田的，到村委会登记，镇农业服务中心免费派机械。",
            "有问题请打镇政府电话 0999-6231001。",
        ],
    },
]

SEASONS = {
    "winter": {
        "events": WINTER_EVENTS,
        "enrolment": WINTER_ENROLMENT,
        "traffic": WINTER_TRAFFIC,
        "offers": WINTER_OFFERS,
        "notices": WINTER_NOTICES,
    },
    "spring": {
        "events": SPRING_EVENTS,
        "enrolment": SPRING_ENROLMENT,
        "traffic": SPRING_TRAFFIC,
        "offers": SPRING_OFFERS,
        "notices": SPRING_NOTICES,
    },
    "summer": {
        "events": SUMMER_EVENTS,
        "enrolment": SUMMER_ENROLMENT,
        "traffic": SUMMER_TRAFFIC,
        "offers": SUMMER_OFFERS,
        "notices": SUMMER_NOTICES,
    },
    "autumn": {
        "events": AUTUMN_EVENTS,
        "enrolment": AUTUMN_ENROLMENT,
        "traffic": AUTUMN_TRAFFIC,
        "offers": AUTUMN_OFFERS,
        "notices": AUTUMN_NOTICES,
    },
}
# Titles earlier versions of the demo used for seasonal listings; a load takes away those still current.
RETIRED_TITLES = {
    "events": ["清水河端午龙舟赛"],
    "jobs": ["茶园采茶工", "水稻机插秧手"],
}
# Every slug a seasonal notice may have, in any season.
SEASONAL_NOTICE_SLUGS = sorted({spec["slug"] for season in SEASONS.values() for spec in season["notices"]})
