"""The department registry: 14 cities, dated names, sources or 待核, the drafter's copy saved under the lock."""

from __future__ import annotations

import threading
from dataclasses import replace

import pytest

from desktop_app.core.errors import DataFileError
from desktop_app.core.tables import load_cities
from desktop_app.drafting.departments import (
    Department,
    dump_registry,
    load_registry,
    read_registry,
    reset_registry,
    save_registry,
    shipped_path,
)
from desktop_app.paths import policy_texts_dir
from desktop_app.workspace import Workspace

CORE_DUTIES = ("公安", "民政", "人社", "医保", "教育", "财政", "发展改革", "组织部", "住建", "卫健", "税务", "扶贫")


@pytest.fixture
def workspace(data_dir):
    return Workspace(data_dir)


def test_every_city_has_every_usual_duty_on_a_2020_plan():
    registry = load_registry()
    cities = [c.name for c in load_cities(policy_texts_dir() / "data" / "liaoning-cities.tsv")]
    assert registry.cities() == tuple(cities) and len(cities) == 14
    for city in cities:
        for duty in CORE_DUTIES:
            assert registry.for_duty(city, duty, "2020-07-01") is not None, (city, duty)


def test_verified_names_name_their_source_and_defaults_say_so():
    registry = load_registry()
    verified = [d for d in registry.entries if d.verified]
    assert verified and all("〔" in d.source for d in verified)
    assert {d.city for d in verified} == {"沈阳市", "鞍山市"}
    defaults = [d for d in registry.entries if not d.verified]
    assert all(d.status == "I" and "默认" in d.source for d in defaults)
    assert registry.needs_check("鞍山市", "市公安局") and not registry.needs_check("鞍山市", "市财政局")
    assert not registry.needs_check("鞍山市", "起草人自己写的单位")


def test_names_change_over_time():
    registry = load_registry()
    assert registry.for_duty("锦州市", "扶贫", "2020-07-01").short == "市扶贫办"
    assert registry.for_duty("锦州市", "扶贫", "2021-07-01").short == "市乡村振兴局"
    assert registry.for_duty("锦州市", "扶贫", "2024-07-01").short == "市农业农村局"
    assert registry.for_duty("锦州市", "营商环境", "2020-07-01").short == "市营商局"
    assert registry.for_duty("沈阳市", "县区", "2020-07-01").short == "各区、县（市）政府"


def test_the_drafters_copy_is_saved_in_the_workspace_and_used_from_then_on(workspace):
    registry = load_registry(workspace)
    mine = [replace(d, status="V", source="起草人核实") if d.short == "市公安局" else d
            for d in registry.of_city("鞍山市")]
    mine.append(Department("鞍山市", ("数据",), "鞍山市大数据管理局", "市大数据局", "2019-02-01", "", "V",
                           "起草人核实"))
    saved = save_registry(workspace, registry.replaced_city("鞍山市", mine))
    assert saved == workspace.departments_path
    again = load_registry(workspace)
    assert not again.needs_check("鞍山市", "市公安局")
    assert again.for_duty("鞍山市", "数据", "2020-07-01").name == "鞍山市大数据管理局"
    assert again.of_city("沈阳市") == registry.of_city("沈阳市")
    reset_registry(workspace)
    assert load_registry(workspace) == registry


def test_saving_waits_for_the_knowledge_base_lock(workspace):
    registry = load_registry()
    done = threading.Event()
    with workspace.lock():
        worker = threading.Thread(target=lambda: (save_registry(workspace, registry), done.set()))
        worker.start()
        assert not done.wait(0.3)
        assert not workspace.departments_path.exists()
    worker.join(10)
    assert done.is_set() and read_registry(workspace.departments_path) == registry


def test_dump_and_read_back_give_the_same_registry(tmp_path):
    registry = load_registry()
    path = tmp_path / "d.tsv"
    path.write_text(dump_registry(registry), encoding="utf-8")
    assert read_registry(path) == registry
    assert read_registry(shipped_path()) == registry


@pytest.mark.parametrize(("row", "message"), [
    ("鞍山市\t公安\t鞍山市公安局\t市公安局\t2020-13-01\t\tI\t", "第 2 行日期"),
    ("鞍山市\t公安\t鞍山市公安局\t市公安局\t\t\tX\t", "状态 'X' 无效"),
    ("鞍山市\t公安\t鞍山市公安局\t\t\t\tI\t", "缺少城市、名称或简称"),
])
def test_a_bad_registry_names_file_and_line(tmp_path, row, message):
    path = tmp_path / "departments.tsv"
    path.write_text("city\tkeys\tname\tshort\tvalid_from\tvalid_to\tstatus\tsource\n" + row + "\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=message) as info:
        read_registry(path)
    assert str(path) in str(info.value)
