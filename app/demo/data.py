"""A small, realistic unit tree and its people, for the demo site."""

DEMO_PASSWORD = "Demo@2026"
DEMO_DOMAIN = "demo.liemchinh.vn"

#: (code, name, kind, parent code)
UNITS = [
    ("HN", "Thành phố Hà Nội", "province", ""),
    ("HN-SNV", "Sở Nội vụ", "department", "HN"),
    ("HN-TTTP", "Thanh tra thành phố", "department", "HN"),
    ("HN-TDTCB", "Trường Đào tạo cán bộ thành phố", "training_school", "HN"),
    ("HN-DH", "Trường Đại học Công lập Thủ đô (demo)", "university", "HN"),
    ("HN-CDN", "Trường Cao đẳng nghề Thủ đô (demo)", "vocational_school", "HN"),
    ("HN-BD", "Quận Ba Đình", "district", "HN"),
    ("HN-BD-DB", "Phường Điện Biên", "ward", "HN-BD"),
    ("HN-BD-KM", "Phường Kim Mã", "ward", "HN-BD"),
    ("HN-BD-THPT", "Trường THPT Ba Đình (demo)", "high_school", "HN-BD"),
    ("HN-BD-TTCT", "Trung tâm Chính trị quận Ba Đình", "training_school", "HN-BD"),
    ("HN-HK", "Quận Hoàn Kiếm", "district", "HN"),
    ("HN-HK-HB", "Phường Hàng Bạc", "ward", "HN-HK"),
    ("HN-HK-THCS", "Trường THCS Hoàn Kiếm (demo)", "secondary_school", "HN-HK"),
    ("HN-DA", "Huyện Đông Anh", "district", "HN"),
    ("HN-DA-UN", "Xã Uy Nỗ", "commune", "HN-DA"),
    ("HN-DA-VN", "Xã Vân Nội", "commune", "HN-DA"),
]

#: (email local part, full name, role, unit code, audience) — the logins printed by `demo seed`.
ACCOUNTS = [
    ("admin", "Quản trị hệ thống", "admin", "HN", None),
    ("trainer", "Trần Văn Giảng", "trainer", "HN-TDTCB", None),
    ("manager", "Lê Thị Quản Lý", "manager", "HN-BD", None),
    ("hocvien", "Nguyễn Thị Hồng Nhung", "learner", "HN-BD-DB", "civil_servant"),
    ("hocsinh", "Phạm Minh Khôi", "learner", "HN-BD-THPT", "secondary_student"),
    ("sinhvien", "Đặng Thu Trang", "learner", "HN-DH", "higher_ed_student"),
]

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương"]
MIDDLE = ["Văn", "Thị", "Hữu", "Minh", "Thu", "Đức", "Ngọc", "Quang", "Thanh", "Hồng"]
GIVEN = ["An", "Bình", "Châu", "Dũng", "Giang", "Hà", "Hải", "Hùng", "Lan", "Linh", "Mai", "Nam",
         "Phương", "Quân", "Sơn", "Tâm", "Thảo", "Trung", "Tú", "Yến"]

#: Extra learners per unit code: (how many, audience).
CROWD = {
    "HN-SNV": (6, "civil_servant"),
    "HN-TTTP": (5, "civil_servant"),
    "HN-BD-DB": (6, "civil_servant"),
    "HN-BD-KM": (5, "public_employee"),
    "HN-BD-TTCT": (4, "civil_servant"),
    "HN-HK-HB": (5, "civil_servant"),
    "HN-DA-UN": (6, "civil_servant"),
    "HN-DA-VN": (3, "civil_servant"),
    "HN-BD-THPT": (8, "secondary_student"),
    "HN-HK-THCS": (6, "secondary_student"),
    "HN-DH": (8, "higher_ed_student"),
    "HN-CDN": (5, "higher_ed_student"),
}
