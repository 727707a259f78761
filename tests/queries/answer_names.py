"""How tests read an answer's party: by the reference's official name, whatever form the answer shows.

QA answers show a party as the cited documents write it (`name`, e.g. 浙中医大二院) and keep the
reference's name in `official_name` (浙江中医药大学附属第二医院); expectations written against the
reference compare the latter.
"""

from typing import Any


def official(answer: dict[str, Any]) -> str:
    return str(answer.get("official_name") or answer["name"])
