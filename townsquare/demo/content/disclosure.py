"""示范县's 政务公开: fictional 机构代码, items published in the sections, 标准目录 areas and items of the towns.

Dates are days before today. ``formed`` is when the information was formed or changed; an item with
``page`` is published by that demo page (on time), one without is waiting — overdue once 20 working
days have passed (青禾镇, 石桥镇 and 柳塘镇 each have one; 城关街道 has none).
"""

# The base of each unit's fictional 组织机构代码 (the check characters are computed).
CODE_BASES = {
    "shifan": "MB1A0001", "qinghe": "MB1A0102", "shiqiao": "MB1A0103", "chengguan": "MB1A0104",
    "liutang": "MB1A0105", "renshe": "MB1A0201", "minzheng": "MB1A0202", "jiaoyu": "MB1A0203",
    "jiaotong": "MB1A0204", "weijian": "MB1A0205", "wenlv": "MB1A0206", "yibao": "MB1A0207",
    "zhujian": "MB1A0208", "rongmei": "MB1A0301",
}  # fmt: skip
REGION = "339901"  # a made-up county code

SECTION_ITEMS = [
    {
        "slug": "jigou-zhineng",
        "unit": "shifan",
        "category": "organization",
        "title": "示范县人民政府机构职能",
        "published": 120,
        "summary": "县政府办公室和各工作部门管什么、在哪里办公、怎么联系。",
        "body": "<p>示范县人民政府设工作部门22个。县政府办公室负责县政府日常运转、政务公开和督查工作，"
        "地址：人民路1号，电话 0999-6012345。</p><p>各部门的职责和联系方式，见各部门主页的“政府信息公开”栏目。</p>",
    },
    {
        "slug": "bumen-yusuan",
        "unit": "shifan",
        "category": "budget",
        "title": "示范县{y}年县级部门预算公开说明",
        "published": 40,
        "summary": "今年县级部门预算收入、支出和“三公”经费，比去年少了多少。",
        "body": "<p>{y}年县级一般公共预算支出安排18.6亿元，其中民生支出占78%。"
        "“三公”经费预算326万元，比上年减少4.2%。</p><p>各部门预算表见附件或到县财政局查阅。</p>",
    },
    {
        "slug": "jingji-jihua",
        "unit": "shifan",
        "category": "planning",
        "title": "示范县{y}年国民经济和社会发展计划",
        "published": 60,
        "summary": "今年全县要办的大事：修路、建学校、提高低保标准。",
        "body": "<p>今年计划新修和改造农村公路42公里，新建城关第二小学，城乡低保标准每月提高30元。</p>",
    },
    {
        "slug": "qinghe-caizheng-yusuan",
        "unit": "qinghe",
        "category": "budget",
        "title": "青禾镇{y}年财政预算",
        "published": 35,
        "area": "budget",
        "summary": "青禾镇今年收多少、花多少、主要花在哪。",
        "body": "<p>青禾镇今年一般公共预算支出4860万元，其中农林水支出1320万元，用于灌渠维修和稻田鱼养殖补助。</p>",
    },
]

# Town -> areas the county applied to it.
AREAS = {
    "qinghe": ["budget", "assistance", "farm_subsidy", "housing_repair", "elderly", "disaster"],
    "shiqiao": ["budget", "assistance", "farm_subsidy", "culture", "safety"],
    "chengguan": ["budget", "assistance", "housing", "municipal", "enforcement"],
    "liutang": ["budget", "assistance", "projects", "disaster", "environment"],
}

BASIS = {
    "budget": "《中华人民共和国预算法》第十四条",
    "assistance": "《社会救助暂行办法》；《政府信息公开条例》第二十条",
    "farm_subsidy": "《政府信息公开条例》第二十条；省涉农补贴资金管理办法",
    "housing_repair": "农村危房改造有关规定",
    "elderly": "《中华人民共和国老年人权益保障法》",
    "disaster": "《自然灾害救助条例》",
    "culture": "《中华人民共和国公共文化服务保障法》",
    "safety": "《中华人民共和国安全生产法》",
    "housing": "《公共租赁住房管理办法》",
    "municipal": "《城市供水条例》",
    "enforcement": "《中华人民共和国行政处罚法》第四十八条",
    "projects": "《政府信息公开条例》第二十条；《招标投标法实施条例》",
    "environment": "《中华人民共和国环境保护法》",
}

# (town, area, 事项, 公开内容, 责任主体, formed days ago, publishing page slug or None)
ITEMS = [
    ("qinghe", "budget", "镇级财政预算", "预算收支总表、“三公”经费", "镇财政所", 38, "qinghe-caizheng-yusuan"),
    ("qinghe", "assistance", "最美家庭评选结果", "评选结果、监督电话", "镇妇联", 8, "qinghe-zuimei-jiating"),
    ("qinghe", "housing_repair", "农村危房改造对象名单", "户主姓氏、所在村、改造方式、补助金额", "镇建设办", 45, None),
    ("qinghe", "elderly", "高龄津贴发放情况", "发放人数、标准、发放时间", "镇民政办", 6, None),
    ("shiqiao", "farm_subsidy", "耕地地力保护补贴名册", "户主姓氏、面积、补贴金额", "镇农业服务中心", 9, "shiqiao-gengdi-butie-mingce"),  # noqa: E501
    ("shiqiao", "safety", "集市安全检查情况", "检查时间、发现问题、整改情况", "镇安监站", 50, None),
    ("shiqiao", "culture", "庙会和文化活动安排", "时间、地点、内容", "镇文化站", 4, None),
    ("chengguan", "housing", "公租房保障对象审核结果", "申请人姓氏、社区、审核结果", "街道社会事务办", 7, "chengguan-zhufang-baozhang-shenhe"),  # noqa: E501
    ("chengguan", "municipal", "停水停气通知", "范围、时间、联系电话", "街道城管办", 3, "dongguanlu-tingshui"),
    ("liutang", "projects", "村道改造中标结果", "项目名称、中标单位、金额、工期", "镇建设办", 10, "liutang-cundao-zhongbiao"),  # noqa: E501
    ("liutang", "disaster", "汛期受灾救助发放情况", "受助户姓氏、所在村、救助金额", "镇民政办", 60, None),
]  # fmt: skip

REPORTS = [
    {
        "unit": "shifan",
        "year_offset": -2,
        "body": "<p>这一年，县政府主动公开政府信息1126条，收到政府信息公开申请31件，全部按时答复；"
        "没有因政府信息公开被申请行政复议或者提起行政诉讼。</p>",
    },
]
