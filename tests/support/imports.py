"""The admin's account import: sample files and uploading one."""
import io

from tests.support.client import post

GOOD = ("email,full_name,unit_code,role,audience\n"
        "a1@example.org,Nguyễn Văn A,W1,learner,civil_servant\n"
        "a2@example.org,Trần Thị B,D2,learner,secondary_student\n")
BAD = GOOD + ("not-an-email,Bad Row,W1,learner,civil_servant\n"
              "a3@example.org,Lost,NOPE,learner,civil_servant\n"
              "a1@example.org,Again,W1,wizard,civil_servant\n")


def upload(client, data: bytes, name="users.csv", kind="users"):
    """Upload a file and return (token, preview html)."""
    response = post(client, f"/admin/{kind}/import", {"file": (io.BytesIO(data), name)},
                    content_type="multipart/form-data")
    assert response.status_code == 302, response.get_data(as_text=True)
    token = response.headers["Location"].rsplit("/", 1)[1]
    return token, client.get(response.headers["Location"]).get_data(as_text=True)
