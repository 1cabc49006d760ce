"""The interface is Vietnamese first, English on request."""
def test_pages_are_vietnamese_by_default_and_english_on_request(client):
    assert "Đăng nhập" in client.get("/auth/login").get_data(as_text=True)
    client.get("/lang/en")
    assert "Log in" in client.get("/auth/login").get_data(as_text=True)
