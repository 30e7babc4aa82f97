"""A starting dictionary of government and local terms and common synonyms; editors change them in the admin."""

from django.db import migrations

TERMS = """
社保 医保 公积金 住房公积金 居住证 低保 一件事 一网通办 跨省通办 接诉即办 不动产登记 营商环境 放管服 社保卡 医保卡
养老金 养老保险 医疗保险 失业保险 工伤保险 生育保险 退役军人 残疾人证 残疾证 出生医学证明 准生证 生育登记 新农合 特困供养
临时救助 高龄津贴 危房改造 乡村振兴 河长制 营业执照 不见面审批 最多跑一次 便民服务中心 政务服务 信息公开 依申请公开
征地拆迁 宅基地 户籍 户口 身份证 驾驶证 驾照 公租房 廉租房 保障房 义务教育 垃圾分类 充电桩 电动车 人社局 卫健委 发改委
城管 市场监管 12345 惠民补贴 耕地地力保护补贴 退休金 最低生活保障 城乡居民 基本医疗 基本养老 一卡通 一码通 网格员
""".split()

SYNONYMS = [
    "社保 社会保险",
    "医保 医疗保险 医疗保障",
    "公积金 住房公积金",
    "户口 户籍",
    "低保 最低生活保障",
    "养老金 退休金",
    "驾照 驾驶证 机动车驾驶证",
    "身份证 居民身份证",
    "准生证 生育服务证",
    "新农合 新型农村合作医疗",
    "残疾证 残疾人证",
    "廉租房 公租房 公共租赁住房",
    "城管 城市管理",
    "人社局 人力资源和社会保障局",
    "卫健委 卫生健康委员会",
    "发改委 发展和改革委员会",
    "12345 政务服务便民热线",
    "营业执照 工商执照",
]


def seed(apps, schema_editor):
    GovTerm = apps.get_model("sitesearch", "GovTerm")
    Synonym = apps.get_model("sitesearch", "Synonym")
    for word in dict.fromkeys(TERMS):
        GovTerm.objects.get_or_create(word=word)
    for terms in SYNONYMS:
        Synonym.objects.get_or_create(terms=terms)


class Migration(migrations.Migration):
    dependencies = [("sitesearch", "0002_fulltext_tables")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
