"""Everyday words residents type (生孩子, 买房, 丢了身份证 …) leading to the words the guides and policies use.

One way: 生孩子 finds 生育登记 and 出生医学证明, but a search for 生育 does not turn into 生孩子.
Editors change them in the admin (站内搜索 → 同义词).
"""

from django.db import migrations

# The first word is how residents say it; the others are what it should find. Each word becomes a
# dictionary word: none may hold a longer word of the dictionary (社会保险缴费 would hide 社会保险).
EVERYDAY = [
    "生孩子 生育 出生医学证明 新生儿 出生登记",
    "生小孩 生育 出生医学证明 新生儿 出生登记",
    "怀孕 生育 孕产妇 产前检查",
    "结婚 婚姻登记 结婚登记 结婚证",
    "离婚 婚姻登记 离婚登记 离婚证",
    "买房 购房 不动产登记 房产证 契税 住房贷款",
    "卖房 不动产登记 房产证 二手房",
    "开店 营业执照 个体工商户 食品经营许可",
    "做生意 营业执照 个体工商户 创业",
    "退休 养老金 退休金 养老保险 待遇领取",
    "看病 就医 医保 医疗保险 门诊 异地就医",
    "住院 医保 医疗保险 报销 异地就医",
    "上学 入学 义务教育 招生 学籍 转学",
    "上幼儿园 入园 学前教育 幼儿园",
    "丢了 丢失 遗失 补领 补办 挂失",
    "丢 丢失 遗失 补领 补办 挂失",
    "找工作 招聘 就业 求职 岗位",
    "失业了 失业金 失业保险 失业登记",
    "租房子 租房 房屋租赁 公租房",
    "盖房子 建房 宅基地 村民建房",
    "上户口 落户 户口登记 户籍登记 出生登记",
    "迁户口 户口迁移 户籍迁移 迁移登记",
    "家里困难 低保 最低生活保障 临时救助 特困供养",
    "生活困难 低保 最低生活保障 临时救助 特困供养",
    "去世 死亡 丧葬 殡葬 抚恤金 户口注销",
    "办丧事 丧葬 殡葬 丧葬补助金",
    "打官司 法律援助 诉讼",
    "交社保 社保缴费 参保缴费 社保 社会保险",
]


def seed(apps, schema_editor):
    Synonym = apps.get_model("sitesearch", "Synonym")
    for terms in EVERYDAY:
        Synonym.objects.get_or_create(terms=terms, defaults={"one_way": True, "note": "群众的说法"})


class Migration(migrations.Migration):
    dependencies = [("sitesearch", "0006_synonym_one_way")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
