"""民生实事 of the demo county: this year's round, finished, with its projects' progress, and next year's, voting now.

Days are relative to the day the demo loads (negative: in the past). ``votes`` are the demo's counts; ``chosen``
projects name their responsible unit (a slug of content/units.py) and their progress updates, oldest first:
(days ago, stage, percent, text, picture key of images.py or None).
"""

FINISHED = {
    "slug": "minsheng",
    "title": "{y}年县级民生实事项目",
    "intro": (
        "今年县里办哪些实事，由大家来提、大家来选。共收到居民和各单位提议126条，审核后8个项目参加投票，"
        "按票数和资金情况确定5个入选项目。下面能看到每个项目现在做到哪一步了。"
    ),
    "days": {"proposals_open": -330, "proposals_close": -310, "voting_opens": -300, "voting_closes": -285},
    "results_days": -270,
    "results_note": "投票于{results}截止。票数前五的项目入选，由责任单位实施，每月更新进展。",
    "proposals": [
        {
            "title": "城关街道老旧小区加装电梯（首批12部）",
            "description": (
                "城关街道6个老旧小区都是六七层的楼，没有电梯，老人上下楼很难。"
                "首批在群众意愿强、条件具备的12个单元加装电梯。"
            ),
            "place": "城关街道东风小区、文化巷小区等",
            "cost": 720,
            "source": "unit",
            "unit": "chengguan",
            "votes": 412,
            "chosen": {
                "unit": "chengguan",
                "updates": [
                    (-250, "preparing", 10, "12个单元全部签好加装协议，完成设计。", None),
                    (-200, "procuring", 25, "完成招标，施工单位进场前和每个单元的居民开了协调会。", None),
                    (-120, "building", 70, "9部电梯井道完工，3部正在安装。施工期间每天18点后停工。", "building"),
                    (
                        -30,
                        "done",
                        100,
                        "12部电梯全部通过验收，已经投入使用。坐电梯不收费，维保费由财政补贴三年。",
                        "building",
                    ),
                ],
            },
        },
        {
            "title": "县城到石桥镇公交加密班次",
            "description": "县城到石桥镇每40分钟一班，早晚高峰挤不上车。希望加密到每20分钟一班，末班车延到晚上8点。",
            "place": "县城汽车站—石桥镇",
            "cost": 85,
            "source": "resident",
            "votes": 388,
            "chosen": {
                "unit": "jiaotong",
                "updates": [
                    (-240, "procuring", 30, "新购6辆新能源公交车，完成采购。", None),
                    (-180, "done", 100, "从4月1日起，县城到石桥镇每20分钟一班，末班车晚上8点从汽车站发车。", "bus"),
                ],
            },
        },
        {
            "title": "青禾镇卫生院改扩建",
            "description": "青禾镇卫生院房子旧、地方小，做检查要排长队。扩建门诊楼，增加康复科和家庭医生工作室。",
            "place": "青禾镇卫生院",
            "cost": 1300,
            "source": "unit",
            "unit": "weijian",
            "votes": 356,
            "chosen": {
                "unit": "weijian",
                "updates": [
                    (-230, "preparing", 5, "完成立项和设计，新门诊楼建在卫生院东侧空地，看病不受影响。", None),
                    (-160, "procuring", 15, "完成施工招标。", None),
                    (-60, "building", 50, "主体结构封顶。", "clinic"),
                    (-12, "building", 65, "正在做内部装修和水电，预计明年3月投入使用。", "clinic"),
                ],
            },
        },
        {
            "title": "清水河步道亮化和健身器材",
            "description": "清水河步道晚上黑，散步的人多，容易摔跤。沿河装路灯，增加3处健身器材和休息座椅。",
            "place": "清水河步道（人民桥至柳塘桥段）",
            "cost": 260,
            "source": "resident",
            "votes": 301,
            "chosen": {
                "unit": "zhujian",
                "updates": [
                    (-150, "procuring", 15, "完成设计和招标，路灯选用暖光、不刺眼的款式。", None),
                    (-40, "building", 40, "人民桥至文化公园段路灯已经装好，晚上已经亮了；其余路段正在施工。", "river"),
                ],
            },
        },
        {
            "title": "柳塘镇农村老年食堂（5个村）",
            "description": "柳塘镇年轻人多在外打工，村里老人吃饭凑合。在5个村办老年食堂，70岁以上老人每餐3元。",
            "place": "柳塘镇5个行政村",
            "cost": 150,
            "source": "resident",
            "votes": 287,
            "chosen": {
                "unit": "minzheng",
                "updates": [
                    (-90, "preparing", 10, "5个村的食堂选址确定，利用村委会闲置用房。", None),
                    (-20, "procuring", 20, "厨房设备正在采购，先开的2个村预计元旦前开餐。", "community"),
                ],
            },
        },
        {
            "title": "县城新增公共停车场",
            "description": "县城老城区停车难，建议在人民路附近建一个立体停车场。",
            "place": "县城人民路附近",
            "cost": 2400,
            "source": "resident",
            "votes": 240,
        },
        {
            "title": "石桥集市雨棚改造",
            "description": "石桥集市的雨棚漏雨，下雨天摊主和买菜的人都淋雨。",
            "place": "石桥镇集市",
            "cost": 60,
            "source": "unit",
            "unit": "shiqiao",
            "votes": 198,
        },
        {
            "title": "城关小学门口增设护学岗和减速带",
            "description": "上学放学时学校门口车多人多，建议增设护学岗和减速带。",
            "place": "城关小学门口",
            "cost": 8,
            "source": "resident",
            "votes": 150,
        },
    ],
}

VOTING = {
    "slug": "minsheng-toupiao",
    "title": "{y+1}年县级民生实事项目投票",
    "intro": (
        "明年县里办哪些实事，请您来选。8个候选项目来自居民和各单位的提议，每人最多投5个项目，每个项目一票。"
        "用手机号或邮箱收验证码确认，不用注册。票数在投票结束后公布。"
    ),
    "days": {"proposals_open": -45, "proposals_close": -15, "voting_opens": -5, "voting_closes": 10},
    "votes_per_person": 5,
    "proposals": [
        {
            "title": "禾丰村到镇中心小学路段装路灯",
            "place": "青禾镇禾丰村",
            "cost": 28,
            "source": "resident",
            "votes": 96,
            "description": "孩子冬天放学天就黑了，禾丰村到镇中心小学1.5公里没有路灯。",
        },
        {
            "title": "城区新增300个电动自行车充电桩",
            "place": "城关街道各小区",
            "cost": 45,
            "source": "unit",
            "unit": "chengguan",
            "votes": 88,
            "description": "电动车进楼道充电有火灾风险，在小区里集中建充电棚和充电桩，扫码付费。",
        },
        {
            "title": "社区嵌入式托育点（2个）",
            "place": "城关街道文化巷社区、东风社区",
            "cost": 120,
            "source": "unit",
            "unit": "weijian",
            "votes": 75,
            "description": "双职工家庭3岁以下孩子没人带，在社区里办普惠托育点，每月收费不超过1200元。",
        },
        {
            "title": "石桥镇农贸市场公厕改造",
            "place": "石桥镇农贸市场",
            "cost": 35,
            "source": "resident",
            "votes": 60,
            "description": "市场公厕旧、味道大，改成水冲式，增加无障碍厕位和母婴室。",
        },
        {
            "title": "乡镇卫生院开设夜间门诊",
            "place": "青禾镇、石桥镇、柳塘镇卫生院",
            "cost": 90,
            "source": "resident",
            "votes": 52,
            "description": "晚上孩子发烧只能跑县医院，希望镇卫生院开夜间门诊到晚上9点。",
        },
        {
            "title": "县人民医院周边错峰共享停车",
            "place": "县人民医院周边",
            "cost": 15,
            "source": "unit",
            "unit": "jiaotong",
            "votes": 41,
            "description": "白天机关单位停车场开放给看病的人，减少医院门口堵车。",
        },
        {
            "title": "柳塘山塘水库周边安装护栏",
            "place": "柳塘镇山塘水库",
            "cost": 40,
            "source": "resident",
            "votes": 33,
            "description": "水库边上没有护栏，夏天常有孩子去玩水，很危险。",
        },
        {
            "title": "文化公园增设儿童游乐设施",
            "place": "县文化公园",
            "cost": 55,
            "source": "resident",
            "votes": 20,
            "description": "公园里没有给小孩玩的地方，希望增加滑梯、沙坑等设施。",
        },
    ],
    # Residents' proposals the staff have not accepted (never shown on the public pages).
    "held_back": [
        {
            "title": "给我家门口修一条路",
            "status": "rejected",
            "reason": "属于个人诉求，已转青禾镇按程序办理。",
            "description": "我家门口是土路，下雨就走不了。",
            "place": "青禾镇",
            "source": "resident",
        },
    ],
}

PROPOSERS = ["王秀英", "李建国", "张桂兰", "刘志强", "陈玉梅", "杨永福", "赵淑珍", "周德明"]
