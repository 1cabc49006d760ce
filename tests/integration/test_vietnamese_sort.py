"""Long lists (units, users) are ordered in SQL by the stored Vietnamese sort key."""
from app.admin.queries import search_users, unit_children
from app.auth.models import User


def test_unit_children_sort_in_vietnamese_order(db, make_unit, make_user):
    parent = make_unit("HN", kind="province", name="Hà Nội")
    for code, name in (("KM", "Kim Mã"), ("DB", "Điện Biên"), ("ZZ", "Zê"), ("DV", "Dịch Vọng")):
        make_unit(code, parent=parent, name=name)
    admin = make_user(role="admin")
    page, _counts = unit_children(admin, parent, 1)
    assert [u.name for u in page.items] == ["Dịch Vọng", "Điện Biên", "Kim Mã", "Zê"]


def test_user_list_sorts_in_vietnamese_order_and_renaming_updates_the_key(db, make_user):
    admin = make_user(role="admin", name="Quản Trị")
    for name in ("Kim Mã", "Đỗ Văn An", "Zương"):
        make_user(name=name)
    names = [u.full_name for u in search_users(admin, 1).items]
    assert names.index("Đỗ Văn An") < names.index("Kim Mã") < names.index("Zương")
    user = db.session.scalar(db.select(User).where(User.full_name == "Zương"))
    user.full_name = "Anh"
    db.session.flush()
    assert [u.full_name for u in search_users(admin, 1).items][0] == "Anh"
