"""Demo log-ins. Everyone shares one password; this is a demo, never a real county."""

from .units import COUNTY, MEDIA_CENTER

PASSWORD = "demo-pass-2026"
ADMIN = {"username": "admin", "name": "系统管理员"}

# (username, name, unit slug, role)
STAFF = [
    ("county_editor", "刘晓雯", COUNTY, "editor"),
    ("county_reviewer", "王建国", COUNTY, "reviewer"),
    ("county_head", "赵立伟", COUNTY, "head"),
    ("qinghe_editor", "李小禾", "qinghe", "editor"),
    ("qinghe_reviewer", "周文斌", "qinghe", "reviewer"),
    ("qinghe_head", "孙红梅", "qinghe", "head"),
    ("shiqiao_editor", "吴俊", "shiqiao", "editor"),
    ("shiqiao_reviewer", "郑丽", "shiqiao", "reviewer"),
    ("shiqiao_head", "黄志强", "shiqiao", "head"),
    ("minzheng_editor", "何佳", "minzheng", "editor"),
    ("minzheng_reviewer", "马晓峰", "minzheng", "reviewer"),
    ("minzheng_head", "高秀英", "minzheng", "head"),
    ("media_reviewer", "林芳", MEDIA_CENTER, "reviewer"),
]

CAN_DO = {
    "admin": "全部权限",
    "editor": "在本单位栏目写稿、提交审核；不能直接发布",
    "reviewer": "初审（第一审）本单位的稿件",
    "head": "复审（第二审）本单位的稿件",
    "final": "终审全县各单位的稿件，通过即发布",
}


def email_for(username):
    return f"{username}@example.gov.cn"
