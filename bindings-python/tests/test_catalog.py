"""`field_options()`, `combinations()` and `variant_members()`: the core's tables as plain data,
and the values they offer are the ones `validate` accepts."""

from __future__ import annotations

import typing

import maia_provision as mp

PROJECT = {"projectId": "550e8400-e29b-41d4-a716-446655440002"}


def test_field_options_are_plain_data_keyed_by_operation_and_pointer() -> None:
    options = mp.field_options()
    assert type(options) is dict
    assert set(options) <= set(typing.get_args(mp.OperationId))
    assert options["createProject"]["/warehouse"] == list(typing.get_args(mp.Warehouse))
    assert options["createRepository"]["/provider"] == ["github", "azure-devops", "gitlab"]
    assert options["createEnvironment"]["/defaultConnections/DWH/*"] == ["snowflake", "redshift"]
    for pointers in options.values():
        for values in pointers.values():
            assert type(values) is list and values and all(type(v) is str for v in values)
    # a fresh copy each call: changing one does not change the next
    options["createProject"]["/warehouse"].append("BIGQUERY")
    assert "BIGQUERY" not in mp.field_options()["createProject"]["/warehouse"]


def test_every_offered_project_value_validates() -> None:
    options = mp.field_options()["createProject"]
    for warehouse in options["/warehouse"]:
        for deployment in options["/agentDeploymentType"]:
            body = {"name": "p", "warehouse": warehouse, "agentDeploymentType": deployment}
            assert mp.validate("createProject", body).ok, (warehouse, deployment)


def test_every_combination_row_builds_a_valid_connection() -> None:
    rows = mp.combinations()
    assert type(rows) is list and rows
    assert {row["platformConnectionType"] for row in rows} == set(typing.get_args(mp.PlatformConnectionType))
    for row in rows:
        assert set(row) == {"platformConnectionType", "authProviders", "authTypes", "useFor"}
        provider = "salesforce" if row["authProviders"] is None else row["authProviders"][0]
        for auth_type in row["authTypes"]:
            body = {"name": "c", "platformConnectionType": row["platformConnectionType"], "authProvider": provider, "authType": auth_type}
            errors = mp.validate("createProjectConnection", body, PROJECT).errors
            assert [v.code for v in errors if v.code == "combination"] == [], (row, auth_type, errors)


def test_variant_members_list_each_variants_members() -> None:
    members = mp.variant_members()
    assert set(members) == {"secretsLocation", "cloudCredentials", "providerParameters", "environmentProperties"}
    assert members["providerParameters"]["azure-devops"] == ["organization", "repositoryId", "tenantId"]
    snowflake = {p["name"]: p for p in members["environmentProperties"]["snowflake"]}
    assert snowflake["defaultWarehouse"] == {"name": "defaultWarehouse", "kind": "value", "required": True, "recommended": False}
    assert snowflake["defaultRole"]["recommended"] is True and snowflake["defaultRole"]["required"] is False
    assert snowflake["privateKey"]["kind"] == "secret"


def test_the_generated_warehouse_typeddicts_follow_variant_members() -> None:
    for name, warehouse in (("SnowflakeProperties", "snowflake"), ("RedshiftProperties", "redshift")):
        typed = getattr(mp, name)
        expected = mp.variant_members()["environmentProperties"][warehouse]
        assert typed.__required_keys__ == {p["name"] for p in expected if p["required"]}, name
        assert typed.__optional_keys__ == {p["name"] for p in expected if not p["required"]}, name


def test_a_body_with_only_the_required_properties_gets_the_recommended_warnings() -> None:
    required = [p for p in mp.variant_members()["environmentProperties"]["snowflake"] if p["required"]]
    properties = {p["name"]: ({"secretName": "s"} if p["kind"] == "secret" else {"value": "v"}) for p in required}
    body = {
        "name": "development",
        "defaultAgentId": "28d7eae0-1ed5-42d1-b2d9-67decbdef2c3",
        "defaultUserAccessLevel": "admin",
        "defaultConnections": {"DWH": {"snowflake": "wh"}},
        "connectionOverrides": [{"connectionName": "wh", "connectionProperties": properties}],
    }
    violations = mp.validate("createEnvironment", body, PROJECT)
    assert violations.ok
    recommended = {p["name"] for p in mp.variant_members()["environmentProperties"]["snowflake"] if p["recommended"]}
    assert {v.pointer.rsplit("/", 1)[1] for v in violations.warnings if v.code == "recommended"} == recommended


def test_every_generated_name_is_exported() -> None:
    from maia_provision import _types

    assert set(_types._GENERATED_NAMES) <= set(_types.__all__)
