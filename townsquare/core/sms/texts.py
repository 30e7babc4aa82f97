"""The wording of each message kind's SMS template, to be registered with the provider as it stands.

Only the tracking number (or booking code) and dates go in: no names, no content of the case.
Providers require the opt-out words (回复TD退订) in notices; the signature (【…】) is added by them.
The console backend uses these texts directly (its template code is the kind).
"""

TEXTS = {
    "request_accepted": "您的留言（受理编号${number}）已受理，答复期限${due}。可在网站“我要留言”查进度。回复TD退订",
    "request_more_info": "您的留言（受理编号${number}）需要您补充情况，请到网站“我要留言-查询”补充。回复TD退订",
    "request_deadline_moved": "您的留言（受理编号${number}）答复期限调整为${due}。回复TD退订",
    "request_answered": "您的留言（受理编号${number}）已答复，请到网站“我要留言-查询”查看并评价。回复TD退订",
    "application_accepted": "您的政府信息公开申请（编号${number}）已收到，答复期限${due}。回复TD退订",
    "application_correction": "您的政府信息公开申请（编号${number}）需要补正，请查看告知书并在网站补正。回复TD退订",
    "application_deadline_moved": "您的政府信息公开申请（编号${number}）答复期限调整为${due}。回复TD退订",
    "application_decided": "您的政府信息公开申请（编号${number}）已答复，请到网站查询答复书。回复TD退订",
    "booking_made": "您已预约${when}办理业务，预约码${number}。不能来请在网站改约或取消。回复TD退订",
    "booking_moved": "您的预约（预约码${number}）已改到${when}。回复TD退订",
    "booking_cancelled": "您的预约（预约码${number}）已取消。回复TD退订",
    "booking_reminder": "提醒：您预约了${when}办理业务，预约码${number}，请按时前来。回复TD退订",
    "verification_code": "您的验证码是${code}，${minutes}分钟内有效。请不要告诉别人。",
    "followup": "您反映的事项（编号${number}）已答复一周，问题解决了吗？请点链接告诉我们：${link} 回复TD退订",
}
