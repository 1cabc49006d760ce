"""A small, realistic unit tree and its people, for the demo site."""

DEMO_PASSWORD = "Demo@2026"
DEMO_DOMAIN = "demo.liemchinh.vn"

#: (code, name, kind, parent code). Two tiers of local government since 1 July 2025: the city,
#: then its wards and communes (names as set by Resolution 1656/NQ-UBTVQH15 of 16 June 2025) and
#: its departments; schools sit under the ward (lower secondary) or the Department of Education
#: (upper secondary). Schools marked "(demo)" are invented.
UNITS = [
    ("HN", "Thành phố Hà Nội", "province", ""),
    ("HN-SNV", "Sở Nội vụ", "department", "HN"),
    ("HN-TTTP", "Thanh tra thành phố", "department", "HN"),
    ("HN-SGDDT", "Sở Giáo dục và Đào tạo", "department", "HN"),
    ("HN-SGDDT-THPT", "Trường THPT Thủ đô (demo)", "high_school", "HN-SGDDT"),
    ("HN-TDTCB", "Trường Đào tạo cán bộ thành phố", "training_school", "HN"),
    ("HN-DH", "Trường Đại học Công lập Thủ đô (demo)", "university", "HN"),
    ("HN-CDN", "Trường Cao đẳng nghề Thủ đô (demo)", "vocational_school", "HN"),
    ("HN-BD", "Phường Ba Đình", "ward", "HN"),
    ("HN-BD-THCS", "Trường THCS Ba Đình (demo)", "secondary_school", "HN-BD"),
    ("HN-BD-TYT", "Trạm Y tế phường Ba Đình (demo)", "agency", "HN-BD"),
    ("HN-NH", "Phường Ngọc Hà", "ward", "HN"),
    ("HN-GV", "Phường Giảng Võ", "ward", "HN"),
    ("HN-HK", "Phường Hoàn Kiếm", "ward", "HN"),
    ("HN-HK-THCS", "Trường THCS Hoàn Kiếm (demo)", "secondary_school", "HN-HK"),
    ("HN-CN", "Phường Cửa Nam", "ward", "HN"),
    ("HN-DA", "Xã Đông Anh", "commune", "HN"),
    ("HN-TL", "Xã Thư Lâm", "commune", "HN"),
    ("HN-PT", "Xã Phúc Thịnh", "commune", "HN"),
]

#: (email local part, full name, role, unit code, audience) — the logins printed by `demo seed`.
#: The manager runs a ward (its staff and its lower secondary school).
ACCOUNTS = [
    ("admin", "Quản trị hệ thống", "admin", "HN", None),
    ("trainer", "Trần Văn Giảng", "trainer", "HN-TDTCB", None),
    ("manager", "Lê Thị Quản Lý", "manager", "HN-BD", None),
    ("hocvien", "Nguyễn Thị Hồng Nhung", "learner", "HN-BD", "civil_servant"),
    ("hocsinh", "Phạm Minh Khôi", "learner", "HN-SGDDT-THPT", "secondary_student"),
    ("sinhvien", "Đặng Thu Trang", "learner", "HN-DH", "higher_ed_student"),
]

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương"]
MIDDLE = ["Văn", "Thị", "Hữu", "Minh", "Thu", "Đức", "Ngọc", "Quang", "Thanh", "Hồng"]
GIVEN = ["An", "Bình", "Châu", "Dũng", "Giang", "Hà", "Hải", "Hùng", "Lan", "Linh", "Mai", "Nam",
         "Phương", "Quân", "Sơn", "Tâm", "Thảo", "Trung", "Tú", "Yến"]

#: The course each audience's learners are mostly taking (if it is shipped; else the first course
#: written for that audience). Others written for them get some progress too.
MAIN_COURSE = {
    "civil_servant": "liem-chinh-cong-vu",
    "public_employee": "liem-chinh-giao-duc-y-te",
    "secondary_student": "trung-thuc-hoc-duong",
    "higher_ed_student": "liem-chinh-hoc-thuat",
}

#: Extra learners per unit code: (how many, audience).
CROWD = {
    "HN-SNV": (6, "civil_servant"),
    "HN-TTTP": (5, "civil_servant"),
    "HN-BD": (6, "civil_servant"),
    "HN-BD-THCS": (5, "public_employee"),
    "HN-BD-TYT": (4, "public_employee"),
    "HN-NH": (4, "civil_servant"),
    "HN-GV": (4, "civil_servant"),
    "HN-HK": (5, "civil_servant"),
    "HN-CN": (3, "civil_servant"),
    "HN-DA": (6, "civil_servant"),
    "HN-TL": (3, "civil_servant"),
    "HN-PT": (3, "civil_servant"),
    "HN-SGDDT-THPT": (8, "secondary_student"),
    "HN-HK-THCS": (6, "secondary_student"),
    "HN-DH": (8, "higher_ed_student"),
    "HN-CDN": (5, "higher_ed_student"),
}
