app_name = "gongjian"
app_title = "Gongjian"
app_publisher = "gongjian developers"
app_description = "党建带工建: township trade-union building, rules, reviews and access"
app_email = "gongjian@localhost"
app_license = "MIT"

after_install = "gongjian.install.after_install"
after_migrate = "gongjian.install.after_migrate"
