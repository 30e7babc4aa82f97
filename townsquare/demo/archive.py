"""The archive of 青禾镇's closed WeChat account “青禾镇发布”: a dozen of its 2023–2024 articles.

They are written as saved WeChat pages (the real layout, some with pictures in ``_files``) into a
temporary folder and imported through the same importer as ``manage.py import_archive`` (the
server command's path: live at once, each publish logged as the system); the
channel record is linked to the archive. Idempotent: articles already imported are left alone,
and when all are there no import runs at all.
"""

import logging
import tempfile
from datetime import datetime
from pathlib import Path

from townsquare.archive.importing import Importer, link_channel
from townsquare.archive.models import ArchiveIndexPage, ArchiveItemKey
from townsquare.archive.samples import SavedArticle, write_saved_article

from .dates import SHANGHAI

logger = logging.getLogger(__name__)

ACCOUNT = "青禾镇发布"
ACCOUNT_ID = "gh_6a1f0c9e2b71"
BIZ = "MzI4NTYxMjA3Mw=="

# (mid, published local time, title, summary, paragraphs, pictures)
ARTICLES = [
    (
        2247483811,
        "2023-02-06 18:20",
        "青禾镇2023年春耕备耕工作会召开",
        "镇里部署春耕备耕，农资供应点增加到9个。",
        [
            "2月6日上午，青禾镇召开春耕备耕工作会，12个村的村支书和农技员参加。",
            "今年全镇计划种植水稻2.1万亩，稻田养鱼面积扩大到3200亩。镇农技站在禾丰路设立农资咨询点，每周二、周五上午有农技员值班。",
            "种子、化肥供应点由去年的6个增加到9个，村民可就近购买。有困难的农户请联系所在村委会。",
        ],
        1,
    ),
    (
        2247483830,
        "2023-04-18 17:05",
        "禾丰路改造完工，镇区交通恢复",
        "禾丰路白改黑完工，新增停车位46个。",
        [
            "经过两个月施工，禾丰路“白改黑”改造工程4月17日完工，全线恢复通车。",
            "改造后路面由6米拓宽到9米，两侧新增停车位46个，镇卫生院门口设置了上下客临时停车区。",
            "感谢施工期间沿街商户和居民的理解与支持。",
        ],
        2,
    ),
    (
        2247483857,
        "2023-06-21 20:10",
        "防汛演练在青禾河堤举行",
        "镇村两级80余人参加防汛应急演练。",
        [
            "6月21日下午，青禾镇在青禾河南堤组织防汛应急演练，镇应急队、各村抢险队共80余人参加。",
            "演练模拟河水上涨、堤坝渗漏，队员们现场进行了沙袋封堵、人员转移和物资调运。",
            "汛期请大家关注天气预报，不要到河边游泳、钓鱼。遇到险情请拨打镇防汛值班电话。",
        ],
        0,
    ),
    (
        2247483872,
        "2023-08-15 09:30",
        "青禾镇2023年城乡居民医保开始缴费",
        "2024年度城乡居民医保缴费开始，可在村里代缴。",
        [
            "2024年度城乡居民基本医疗保险集中缴费已经开始，个人缴费标准为每人每年380元。",
            "可以通过微信“示范县医保”小程序缴费，也可以到村委会由代办员帮助缴费。",
            "低保、特困人员等由政府资助参保，不需要自己缴费，具体请咨询镇社会事务办。",
        ],
        0,
    ),
    (
        2247483896,
        "2023-09-28 18:00",
        "稻田鱼丰收节9月30日开幕",
        "丰收节在青禾村稻田公园举行，有捉鱼比赛和农产品展销。",
        [
            "第三届青禾稻田鱼丰收节将于9月30日上午在青禾村稻田公园开幕。",
            "现场有亲子捉鱼比赛、稻米和腊鱼展销、农民歌手表演。镇区到稻田公园有免费接驳车，每30分钟一班。",
            "欢迎大家带家人朋友来赶集、尝新米。",
        ],
        2,
    ),
    (
        2247483915,
        "2023-11-09 16:40",
        "冬季消防安全检查开始",
        "镇里对沿街商铺和敬老院开展消防检查。",
        [
            "进入冬季，用火用电增多。镇安监办从11月起对沿街商铺、敬老院、学校开展消防安全检查。",
            "请大家不要私拉电线给电动车充电，不要在楼道堆放杂物。家里老人用取暖器时要有人照看。",
        ],
        0,
    ),
    (
        2247483940,
        "2024-01-12 19:15",
        "敬老院新添一批适老设施",
        "镇敬老院加装扶手和呼叫器，新开老年食堂。",
        [
            "青禾镇敬老院近日完成适老化改造，走廊和卫生间加装扶手，每个房间都装了紧急呼叫器。",
            "新开的老年食堂对镇区70岁以上老人开放，午餐每份8元，80岁以上老人每份5元。",
        ],
        1,
    ),
    (
        2247483962,
        "2024-03-05 18:30",
        "2024年农技课堂下周开课",
        "每周二下午在镇文化站讲水稻种植和稻田养鱼。",
        [
            "镇农技站2024年春季农技课堂3月12日开课，每周二下午2点半在镇文化站二楼。",
            "课程包括水稻育秧、稻田养鱼防病、农机安全使用，全部免费，不需要报名。",
        ],
        0,
    ),
    (
        2247483987,
        "2024-05-20 17:50",
        "镇区新装路灯62盏",
        "禾丰路、新街和学校路新装太阳能路灯。",
        [
            "为方便群众夜间出行，镇里在禾丰路、新街和学校路新装太阳能路灯62盏，已全部亮灯。",
            "路灯坏了可以打镇城建办电话报修，也可以在“网上的青禾镇”留言。",
        ],
        1,
    ),
    (
        2247484003,
        "2024-07-02 20:30",
        "暑期防溺水，请家长多叮嘱",
        "暑假到了，请家长看好孩子，不去河塘游泳。",
        [
            "暑假开始，孩子在家时间多。请各位家长叮嘱孩子：不私自下水游泳，不到无人看管的河塘、水库边玩耍。",
            "镇里已在青禾河沿线重点河段设置警示牌和救生圈，村里安排了巡河员。",
        ],
        0,
    ),
    (
        2247484029,
        "2024-09-10 18:10",
        "青禾镇中心小学新教学楼启用",
        "新教学楼有24间教室，开学第一天投入使用。",
        [
            "9月1日开学，青禾镇中心小学新教学楼正式启用，共有24间教室和图书室、科学实验室。",
            "学校门口新设了接送等候区，请家长按指示停车，不要在校门口逗留。",
        ],
        1,
    ),
    (
        2247484051,
        "2024-11-26 17:00",
        "关于本公众号停止更新的说明",
        "今后青禾镇的通知和办事信息请到“网上的青禾镇”查看。",
        [
            "根据县里政务新媒体整合的统一安排，“青禾镇发布”公众号将停止更新。",
            "今后青禾镇的通知公告、办事指南和镇村动态，都在示范县人民政府网站的“网上的青禾镇”发布。本号以前发布的文章也将迁到那里保存，方便大家查阅。",
            "感谢大家多年来的关注！",
        ],
        0,
    ),
]


def picture(seed, width=640, height=360):
    """A simple original picture (fields and a river in the account's colours) as JPEG bytes."""
    import io

    from PIL import Image, ImageDraw

    image = Image.new("RGB", (width, height), (196, 222, 236))
    draw = ImageDraw.Draw(image)
    shade = (seed * 37) % 60
    draw.rectangle([0, height * 5 // 9, width, height], fill=(110 + shade, 160, 70))
    for row in range(6):
        y = height * 5 // 9 + row * 24
        draw.line([0, y, width, y + 30], fill=(90 + shade, 140, 55), width=3)
    draw.polygon([(0, height), (width // 3, height * 6 // 9), (width // 2, height)], fill=(80, 140, 200))
    draw.ellipse([width - 120, 30, width - 50, 100], fill=(250, 210, 90))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return out.getvalue()


def saved_articles():
    for number, (mid, when, title, summary, paragraphs, pictures) in enumerate(ARTICLES):
        published_at = datetime.strptime(when, "%Y-%m-%d %H:%M").replace(tzinfo=SHANGHAI)
        yield (
            f"{published_at:%Y%m%d}_{title}",
            SavedArticle(
                title=title,
                account=ACCOUNT,
                published_at=published_at,
                paragraphs=paragraphs,
                biz=BIZ,
                mid=str(mid),
                idx="1",
                user_name=ACCOUNT_ID,
                summary=summary,
                images=[picture(number * 3 + i) for i in range(pictures)],
                padding_kb=8,
            ),
        )


def _channel(unit):
    from townsquare.channels.models import Channel

    return (
        Channel.objects.filter(kind=Channel.Kind.WECHAT, account_id=ACCOUNT_ID).first()
        or Channel.objects.filter(unit=unit, kind=Channel.Kind.WECHAT, name=ACCOUNT).first()
    )


def ensure_archive(units, now, tally):
    unit = units.get("qinghe")
    if unit is None:
        return None
    keys = {f"wx:{BIZ}:{mid}:1" for mid, *_ in ARTICLES}
    present = set(ArchiveItemKey.objects.filter(unit=unit, key__in=keys).values_list("key", flat=True))
    channel = _channel(unit)
    if channel is None:
        logger.warning("demo archive: channel “%s” of %s not found; the archive is not linked to it", ACCOUNT, unit)
    for _ in present:
        tally.count("归档文章", False)
    if present != keys:
        with tempfile.TemporaryDirectory(prefix="demo-archive-") as folder:
            for stem, article in saved_articles():
                write_saved_article(Path(folder), stem, article)
            run = Importer(unit=unit, account_name=ACCOUNT, channel=channel, publish=True).run(folder)
        for _ in range(run.imported):
            tally.count("归档文章", True)
    index = ArchiveIndexPage.objects.filter(unit=unit, account_name=ACCOUNT).first()
    if index is not None and channel is not None:
        link_channel(channel, index, now=now)
    return index
