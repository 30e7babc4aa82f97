"""公开年报: the 政府信息公开工作年度报告 in the national layout (国办公开办函〔2021〕30号).

``tables.build(report)`` computes the figures (each with the ids of the items behind it), ``publishing``
puts them on the unit's ``DisclosureReportPage`` of that year, ``export`` writes XLSX and PDF, ``reminders``
e-mails staff before the legal date.
"""
