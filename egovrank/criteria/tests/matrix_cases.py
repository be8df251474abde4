"""The criteria pages in the permission matrix: reading is public, changing is the
administrator's. The world's 2019 period uses the three shipped versions and holds no
answer yet, so they are not frozen."""

from __future__ import annotations

from egovrank.testing.matrix import (
    ADMINISTRATOR,
    ADMINISTRATOR_POST,
    POST_ONLY,
    PUBLIC,
    Case,
    expect,
)

SET = "hungyen-2018-khoi01"
ADMIN_MISSING = expect(403, anonymous=302, administrator=404)
# A form refused as incomplete: the administrator sees it again with its problems.
ADMINISTRATOR_400 = expect(403, anonymous=302, administrator=400)


def version(world: object) -> dict[str, str]:
    return {"set_id": SET}


def node(code: str):
    return lambda world: {"set_id": SET, "code": code}


def revision(world: object) -> dict[str, int]:
    return {"revision": 1}


CASES: list[Case] = [
    # Reading: public, as the decision makes the criteria form public.
    Case("criteria:list", PUBLIC),
    Case("criteria:detail", PUBLIC, SET, version),
    Case("criteria:detail", expect(404), "missing", lambda w: {"set_id": "no-such-set"}),
    Case("criteria:yaml", PUBLIC, SET, version),
    Case("criteria:xlsx", PUBLIC, SET, version),
    Case("criteria:compare", PUBLIC),
    # The catalogue of frameworks: public like the sets it lists.
    Case("criteria:frameworks", PUBLIC),
    Case(
        "criteria:compare",
        PUBLIC,
        "two versions",
        data=lambda w: {"left": SET, "right": "hungyen-2018-khoi02"},
    ),
    # Importing, the shipped sets, copying.
    Case("criteria:import", ADMINISTRATOR),
    Case("criteria:import", ADMINISTRATOR_400, "no file", method="post"),
    Case("criteria:add_shipped", POST_ONLY),
    Case("criteria:add_shipped", ADMINISTRATOR_POST, "all stored already", method="post"),
    Case(
        "criteria:add_shipped",
        ADMINISTRATOR_POST,
        "one framework",
        method="post",
        data=lambda w: {"set_id": "dti-2025-xp"},
    ),
    Case(
        "criteria:add_shipped",
        ADMINISTRATOR_POST,
        "not a shipped set",
        method="post",
        data=lambda w: {"set_id": "no-such-set"},
    ),
    Case("criteria:copy", ADMINISTRATOR, SET, version),
    Case("criteria:copy", ADMIN_MISSING, "missing", lambda w: {"set_id": "no-such-set"}),
    Case(
        "criteria:copy",
        ADMINISTRATOR_POST,
        SET,
        version,
        method="post",
        data=lambda w: {"set_id": "hungyen-2021-khoi01", "title": "Khối 01 (2021)"},
    ),
    # Editing.
    Case("criteria:edit", ADMINISTRATOR, SET, version),
    Case("criteria:edit", ADMIN_MISSING, "missing", lambda w: {"set_id": "no-such-set"}),
    Case("criteria:edit_meta", ADMINISTRATOR, SET, version),
    Case("criteria:edit_meta", ADMINISTRATOR_400, "empty form", version, method="post"),
    Case("criteria:edit_levels", ADMINISTRATOR, SET, version),
    Case("criteria:edit_levels", ADMINISTRATOR_400, "empty form", version, method="post"),
    Case("criteria:add_group", ADMINISTRATOR, SET, version),
    Case("criteria:add_group", ADMINISTRATOR_400, "empty form", version, method="post"),
    Case("criteria:edit_node", ADMINISTRATOR, "HT1", node("HT1")),
    Case("criteria:edit_node", ADMIN_MISSING, "missing node", node("NOPE")),
    Case("criteria:edit_node", ADMINISTRATOR_400, "empty form", node("HT1"), method="post"),
    Case("criteria:add_node", ADMINISTRATOR, "under HT", node("HT")),
    Case("criteria:add_node", ADMINISTRATOR_400, "empty form", node("HT"), method="post"),
    Case("criteria:move_node", ADMINISTRATOR, "HT2", node("HT2")),
    Case(
        "criteria:move_node",
        ADMINISTRATOR_POST,
        "HT2 up",
        node("HT2"),
        method="post",
        data=lambda w: {"revision": 1, "direction": "up"},
    ),
    Case("criteria:delete_node", ADMINISTRATOR, "TT3", node("TT3")),
    Case(
        "criteria:delete_node",
        ADMINISTRATOR_POST,
        "TT3",
        node("TT3"),
        method="post",
        data=revision,
    ),
]
