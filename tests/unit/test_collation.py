"""Names sort in Vietnamese order: "Đ" after "D" and before "E", never after "Z"."""
from app.collation import sort_key, vi_sorted


def test_vietnamese_order_puts_d_stroke_between_d_and_e():
    names = ["Kim Mã", "Điện Biên", "Dịch Vọng", "Ba Đình", "Yên Hòa", "Ê Đê"]
    assert vi_sorted(names) == ["Ba Đình", "Dịch Vọng", "Điện Biên", "Ê Đê", "Kim Mã", "Yên Hòa"]


def test_sort_key_is_text_that_orders_like_the_collation():
    assert sort_key("Điện Biên") < sort_key("Kim Mã") < sort_key("Zê")
    assert sort_key(None) == sort_key("")
