"""The report wording file: placeholders filled, typos and broken files named with the file."""
from pathlib import Path

import pytest

from app.reports.wording import WordingError, load

SHIPPED = Path(__file__).resolve().parents[2] / "reports"


def test_the_shipped_wording_loads_and_fills_its_placeholders():
    wording = load(SHIPPED).bind(code="D1", unit="Quận Ba Đình", parent="Thành phố Hà Nội")
    assert wording("number").endswith("/BC-D1")
    assert wording.items("recipients")[0] == "Thành phố Hà Nội (để báo cáo);"


def test_an_unknown_placeholder_is_refused_with_the_file_and_key(tmp_path):
    (tmp_path / "bao-cao.yaml").write_text((SHIPPED / "bao-cao.yaml").read_text(encoding="utf-8")
                                           .replace("/BC-{code}", "/BC-{cdoe}"), encoding="utf-8")
    with pytest.raises(WordingError, match=r"bao-cao.yaml: 'number' uses unknown placeholder \{cdoe\}"):
        load(tmp_path).bind(code="D1")("number")


def test_broken_yaml_is_refused_with_its_line(tmp_path):
    (tmp_path / "bao-cao.yaml").write_text('number: "Số"\ntype: [unclosed\n', encoding="utf-8")
    with pytest.raises(WordingError, match=r"bao-cao.yaml:\d+: not valid YAML"):
        load(tmp_path)


def test_missing_keys_and_files_are_named(tmp_path):
    with pytest.raises(WordingError, match="cannot read"):
        load(tmp_path)
    (tmp_path / "bao-cao.yaml").write_text('number: "Số"\n', encoding="utf-8")
    with pytest.raises(WordingError, match="missing key.*place"):
        load(tmp_path)
