"""Is an author name a department (鞍山市公安局) or a person (张伟)?

A name the shipped department registry holds (full or short form) is a department; so is any name of
the usual shape of one (a 市/县/区 prefix and a 局/委/办… ending), since departments outside the 14 cities
(a provincial 厅, a 区 bureau) comment too.
"""

from __future__ import annotations

import functools
import re

_PREFIX = r"(?:中共)?(?:[\u4e00-\u9fff]{1,8}?(?:省|市|县|区|旗|州|盟)|[省市县区])"
_SUFFIX = r"(?:局|委员会|委|办公室|办|厅|部|院|中心|政府|总工会|工会|联合会|署|处|司|团)"
_DEPARTMENT = re.compile(rf"^{_PREFIX}[\u4e00-\u9fff（）()]{{1,24}}?{_SUFFIX}(?:（[\u4e00-\u9fff]+）)?$")


@functools.lru_cache(maxsize=1)
def _registry_names() -> frozenset[str]:
    from ..core.errors import PolicyDeskError
    from ..drafting.departments import read_registry, shipped_path

    try:
        registry = read_registry(shipped_path())
    except (OSError, PolicyDeskError):  # the shape test still answers
        return frozenset()
    return frozenset(n for d in registry.entries for n in (d.name, d.short))


def is_department(name: str) -> bool:
    """True for a department's name: one the registry holds, or a 省/市/县/区 prefix and a 局/委/办/厅… ending."""
    name = re.sub(r"\s+", "", name)
    return name in _registry_names() or bool(_DEPARTMENT.match(name))
