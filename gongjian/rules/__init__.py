"""The township's 党建带工建 policy as pure Python: no frappe import, so it is testable without a site.

Controllers and the API gather facts from the database, call these functions, and translate the
English message templates they return (every template has a line in translations/zh.csv).
"""
