"""The fixed vocabularies of 政务公开: catalogue categories, 体裁, 有效性 and the 26 标准目录 areas.

主题分类 is the national list publishing already has (``publishing.models.PolicyTopic``); it is reused.
"""

from django.db import models


class Category(models.TextChoices):
    """法定主动公开内容 (《政府信息公开条例》 art. 19–21) as the catalogue's categories."""

    ORGANIZATION = "organization", "机构信息"
    POLICY = "policy", "政策文件"
    INTERPRETATION = "interpretation", "政策解读"
    PLANNING = "planning", "规划计划"
    BUDGET = "budget", "财政预决算"
    PROJECTS = "projects", "重大建设项目"
    RESOURCES = "resources", "公共资源配置"
    ASSISTANCE = "assistance", "社会救助"
    ENFORCEMENT = "enforcement", "行政执法"
    NOTICE = "notice", "通知公告"
    PUBLICITY = "publicity", "公示公告"
    REPORT = "report", "工作年度报告"
    OTHER = "other", "其他"


class Genre(models.TextChoices):
    """体裁 (the kind of document)."""

    ANNOUNCEMENT = "announcement", "公告"
    CIRCULAR = "circular", "通告"
    OPINION = "opinion", "意见"
    NOTICE = "notice", "通知"
    BULLETIN = "bulletin", "通报"
    DECISION = "decision", "决定"
    REPORT = "report", "报告"
    REPLY = "reply", "批复"
    LETTER = "letter", "函"
    MINUTES = "minutes", "纪要"
    PUBLICITY = "publicity", "公示"
    PLAN = "plan", "规划"
    SCHEME = "scheme", "方案"
    MEASURES = "measures", "办法"
    INTERPRETATION = "interpretation", "解读"
    OTHER = "other", "其他"


class Validity(models.TextChoices):
    VALID = "valid", "有效"
    EXPIRED = "expired", "失效"
    REPEALED = "repealed", "废止"


class Area(models.TextChoices):
    """基层政务公开标准目录: the 26 areas (国办发〔2019〕54号)."""

    PROJECTS = "projects", "重大建设项目"
    TRADING = "trading", "公共资源交易"
    BUDGET = "budget", "财政预决算"
    SAFETY = "safety", "安全生产"
    TAX = "tax", "税收管理"
    LAND = "land", "征地补偿"
    EXPROPRIATION = "expropriation", "国有土地上房屋征收与补偿"
    HOUSING_REPAIR = "housing_repair", "农村危房改造"
    ENVIRONMENT = "environment", "环境保护"
    CULTURE = "culture", "公共文化服务"
    LEGAL = "legal", "公共法律服务"
    POVERTY = "poverty", "扶贫"
    DISASTER = "disaster", "救灾"
    ASSISTANCE = "assistance", "社会救助"
    ELDERLY = "elderly", "养老服务"
    HOUSEHOLD = "household", "户籍管理"
    FARM_SUBSIDY = "farm_subsidy", "涉农补贴"
    FOOD_DRUG = "food_drug", "食品药品监管"
    PLANNING = "planning", "城乡规划"
    EMPLOYMENT = "employment", "就业"
    INSURANCE = "insurance", "社会保险"
    EDUCATION = "education", "义务教育"
    HEALTH = "health", "卫生计生"
    MUNICIPAL = "municipal", "市政服务"
    HOUSING = "housing", "保障性住房"
    ENFORCEMENT = "enforcement", "城市综合执法"
