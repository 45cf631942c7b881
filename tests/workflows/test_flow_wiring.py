"""The kernel's stages are wired once (workflows/flows/filed.py) and every type filed with 機構 gets its
own copy of them: a node of one flow never leads into another flow's node, and the kernel's part of each
graph is the same edges the stage model of docs/product.md draws."""

import pytest

from workflows.flows.disability import DisabilityFlow
from workflows.flows.exemption import ExemptionFlow
from workflows.flows.qualification import QualificationFlow

FILED = [ExemptionFlow, DisabilityFlow, QualificationFlow]

# 本人確認 (書類不備 when papers are missing), then after the type's 入力: 照合 → 決裁 → 送付待ち → 結果待ち
# → 完了, with 差戻し from 照合 and 決裁 and 返戻 from 機構 back to 入力.
KERNEL_EDGES = {
    ("verify_identity", "check_identity"),
    ("check_identity", "enter_data"),
    ("check_identity", "await_documents"),
    ("await_documents", "check_documents"),
    ("cross_check", "check_cross_check"),
    ("check_cross_check", "approve"),
    ("check_cross_check", "enter_data"),
    ("approve", "check_approval"),
    ("check_approval", "await_dispatch"),
    ("check_approval", "enter_data"),
    ("await_dispatch", "await_result"),
    ("await_result", "check_result"),
    ("check_result", "enter_data"),
    ("check_result", "closed"),
}


def _edges(flow_class) -> set[tuple[str, str]]:
    return {
        (edge.src.name, edge.dst.name)
        for node in flow_class._nodes_by_name.values()
        for edge in node._outgoing()
    }


@pytest.mark.parametrize("flow_class", FILED, ids=lambda f: f.__name__)
def test_every_edge_stays_inside_its_own_flow(flow_class):
    for node in flow_class._nodes_by_name.values():
        assert node.flow_class is flow_class, node.name
        for edge in node._outgoing():
            assert edge.dst is flow_class._nodes_by_name[edge.dst.name], (node.name, edge.dst.name)


@pytest.mark.parametrize("flow_class", FILED, ids=lambda f: f.__name__)
def test_the_kernels_stages_are_wired_in_every_filed_flow(flow_class):
    assert _edges(flow_class) >= KERNEL_EDGES


def test_each_flow_has_its_own_nodes():
    shared = ["verify_identity", "cross_check", "approve", "await_dispatch", "check_result"]
    for name in shared:
        copies = {id(getattr(flow_class, name)) for flow_class in FILED}
        assert len(copies) == len(FILED), name


def test_a_type_keeps_its_own_steps_and_replacements():
    """免除 attaches income between 入力 and 照合; 資格届出 and 障害基礎年金 may ask for their own papers at
    入力 (書類不備, desk.input_gate), and the kernel's 書類不備 returns to where it was asked for."""
    assert ("enter_data", "attach_income") in _edges(ExemptionFlow)
    assert ("attach_income", "cross_check") in _edges(ExemptionFlow)
    for flow_class in (QualificationFlow, DisabilityFlow):
        edges = _edges(flow_class)
        assert {("enter_data", "check_input"), ("check_input", "cross_check")} <= edges
        assert ("check_input", "await_documents") in edges
    for flow_class in FILED:
        edges = _edges(flow_class)
        assert {("check_documents", "verify_identity"), ("check_documents", "enter_data")} <= edges
        assert ("check_documents", "withdrawn") in edges


def test_owners_resolve_against_each_flow():
    """The 本人確認 and 入力 tasks are assigned by the flow's own methods (identity_owner, input_owner)."""
    for flow_class in FILED:
        assert flow_class.instance.identity_owner.__self__ is flow_class.instance
        assert flow_class.verify_identity._owner is not None
        assert flow_class.enter_data._owner is not None
