"""Is an author name a department (鞍山市公安局) or a person (张伟)?

Deliberately small: the department registry (``package`` branch) can replace
:func:`is_department` with a lookup, keeping its signature.
"""

from __future__ import annotations

import re

_PREFIX = r"(?:中共)?(?:[\u4e00-\u9fff]{1,8}?(?:省|市|县|区|旗|州|盟)|[省市县区])"
_SUFFIX = r"(?:局|委员会|委|办公室|办|厅|部|院|中心|政府|总工会|工会|联合会|署|处|司|团)"
_DEPARTMENT = re.compile(rf"^{_PREFIX}[\u4e00-\u9fff（）()]{{1,24}}?{_SUFFIX}(?:（[\u4e00-\u9fff]+）)?$")


def is_department(name: str) -> bool:
    """True for a department's name: a 省/市/县/区 prefix and a 局/委/办/厅/部/院/中心… ending."""
    name = re.sub(r"\s+", "", name)
    return bool(_DEPARTMENT.match(name))
