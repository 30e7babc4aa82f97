"""政府网站与政务新媒体工作年度报表: figures (``report``), layout and files (``export``), admin pages."""
