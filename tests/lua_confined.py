#!/usr/bin/env python3
"""lua_confined.py: only engine/lua/ includes Lua's headers.

Every C <-> Lua crossing lives in engine/lua/ (engine/lua/seam.h is its Lua-free face), so
a C file anywhere else that includes lua.h, lauxlib.h or lualib.h is a crossing outside the
seam. The one exception is tests/test_sandbox.c, the white-box test of the sandbox itself,
which drives a Lua state directly. Exit status 0 when confined, 1 otherwise (each
offending include is named).
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).parent.parent)
SEAM = ROOT / "engine" / "lua"
EXCEPTIONS = {ROOT / "tests" / "test_sandbox.c"}
LUA_HEADER = re.compile(r'^\s*#\s*include\s*[<"](lua|lauxlib|lualib|luaconf)\.h[>"]', re.M)

offences, checked = [], 0
for path in sorted(ROOT.rglob("*.[ch]")):
    top = path.relative_to(ROOT).parts[0]
    if top.startswith("build") or top.startswith(".") or SEAM in path.parents or path in EXCEPTIONS:
        continue
    checked += 1
    text = path.read_text(encoding="utf-8", errors="replace")
    for match in LUA_HEADER.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        offences.append(f"{path.relative_to(ROOT)}:{line}: includes {match.group(1)}.h outside engine/lua/")
if offences:
    print("\n".join(offences))
    sys.exit(1)
print(f"lua_confined: {checked} C files; only engine/lua/ includes Lua's headers")
