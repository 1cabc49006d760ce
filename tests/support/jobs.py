"""Starting a queued job through its form and reading its JSON status (JOBS_IMMEDIATE runs it inline)."""
from __future__ import annotations

import io
import zipfile

from tests.support.client import post


def start_job(client, path: str, data: dict | None = None) -> str:
    """POST the job's form; the progress page's URL it redirects to."""
    response = post(client, path, data or {})
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    return response.headers["Location"]


def job_status(client, page_url: str) -> dict:
    """The JSON status of the job whose progress page is `page_url`."""
    response = client.get(page_url + ".json")
    assert response.status_code == 200, response.status_code
    return response.get_json()


def certificate_zip(client, q: str = "") -> zipfile.ZipFile:
    """Start a certificate batch of the list (search `q`) and open the finished ZIP."""
    job = job_status(client, start_job(client, "/certificates/manage/batch", {"q": q}))
    assert job["status"] == "done", job
    return zipfile.ZipFile(io.BytesIO(client.get(job["download"]).data))
