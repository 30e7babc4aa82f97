"""The first text of a unit's 公开指南, 公开制度 and 依申请公开 pages, in plain words; staff edit it afterwards."""

from django.utils.html import escape


def _contact(unit):
    parts = []
    if unit.address:
        parts.append(f"地址：{escape(unit.address)}")
    if unit.phone:
        parts.append(f"电话：{escape(unit.phone)}")
    if unit.office_hours:
        parts.append(f"时间：{escape(unit.office_hours)}")
    return "；".join(parts) or "见本单位主页的联系方式"


def guide_text(unit):
    name = escape(unit.name)
    return (
        f"<h2>一、哪些信息会主动公开</h2>"
        f"<p>{name}按照《中华人民共和国政府信息公开条例》，把机构职能、政策文件、规划计划、财政预决算、"
        f"重大建设项目、公共资源配置、社会救助、行政执法等信息放在本栏目里，不用申请就能看。</p>"
        f"<p>每条信息都有一个索引号，打电话咨询时报上索引号，工作人员能很快找到。</p>"
        f"<h2>二、多久能看到</h2>"
        f"<p>信息形成或者变更之日起20个工作日内公开。法律法规对时间另有规定的，按规定办。</p>"
        f"<h2>三、没找到想要的信息怎么办</h2>"
        f"<p>可以向{name}申请公开，详见本栏目的“依申请公开”。申请不收费。</p>"
        f"<h2>四、办理地点</h2><p>{_contact(unit)}。</p>"
        f"<h2>五、监督和救济</h2>"
        f"<p>认为{name}在政府信息公开工作中侵犯了您的合法权益，可以向县政务公开办反映，"
        f"也可以依法申请行政复议或者提起行政诉讼。</p>"
    )


def rules_text(unit):
    name = escape(unit.name)
    return (
        f"<h2>公开前审查</h2>"
        f"<p>{name}的信息在公开前经过编辑、审核、负责人三道审查（三审），"
        f"确认不涉及国家秘密、个人隐私和商业秘密后才公开。</p>"
        f"<h2>主动公开</h2>"
        f"<p>信息形成或者变更之日起20个工作日内公开，并编入政府信息公开目录。"
        f"政策文件失效或者废止的，及时标注。</p>"
        f"<h2>依申请公开</h2>"
        f"<p>收到申请之日起20个工作日内答复；需要延长的，经负责人同意并告知申请人，延长期限最长不超过20个工作日。</p>"
        f"<h2>年度报告</h2>"
        f"<p>每年1月31日前公布上一年度政府信息公开工作年度报告（县人民政府在3月31日前公布）。</p>"
        f"<h2>监督考核</h2>"
        f"<p>县政务公开办定期检查各单位的公开情况，检查结果纳入年度考核。</p>"
    )


def application_text(unit):
    name = escape(unit.name)
    return (
        f"<h2>谁可以申请</h2><p>公民、法人或者其他组织都可以向{name}申请获取政府信息。</p>"
        f"<h2>怎么申请</h2>"
        f"<p>在网上填写申请表，或者到办公地点当面填写，也可以写信申请。"
        f"请写清楚要哪份信息（文件名称、文号或者能找到它的其他说明），以及希望怎么拿到（纸质、电子、邮寄）。</p>"
        f"<h2>在哪里申请</h2><p>{_contact(unit)}。</p>"
        f"<h2>收费吗</h2><p>不收费。</p>"
        f"<h2>多久答复</h2>"
        f"<p>收到申请之日起20个工作日内答复；需要延长的会告诉您，延长最多20个工作日。"
        f"申请内容不明确的，工作人员会在7个工作日内请您补正。</p>"
    )
