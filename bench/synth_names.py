"""Made-up place and organisation stems: two rare characters whose pinyin slug is unique."""

from __future__ import annotations

import random

from pypinyin import lazy_pinyin

from graph.model import slug

# Characters that (almost) never occur in policy prose, so a made-up name's short form cannot be found
# by accident inside the filler text, and no made-up name equals a real one. synth_text checks that
# none of them occurs in its vocabulary.
NAME_CHARS = (
    "岚沅岑崂漪濑琊璐瑭珞琮芮苒荇萱蔺蘅菁槿樾栎楸榉翎骁溱洹淇澍滢沣泷邕郓郗琨玢瑁矶碚嵘崧嶂岫峦"
    "苕芃菡葳桉枳柘楝檀杳晏鸥鹳隼貉蕖芰蒹葭芪菖蒲茆荪蓼芩苓桧樗栝楮柞杪棹舸艋橹沔涪汨溆澧洱潍汶泗沭浍濉泾渭"
)


class StemPool:
    """Hands out two-character stems, never the same pinyin twice.

    Ids are pinyin slugs (graph.model.make_id), so two names that sound alike (岚沅县 / 岚瑗县) would
    get one id and silently merge: the pool refuses a stem whose slug it has already given out, and
    also any slug in `taken` (the real reference names).
    """

    def __init__(self, rng: random.Random, taken: set[str] | None = None) -> None:
        self.rng = rng
        self.chars = list(dict.fromkeys(NAME_CHARS))
        self.used_slugs: set[str] = set(taken or ())
        self.used: set[str] = set()

    def stem(self) -> str:
        for _ in range(10_000):
            s = "".join(self.rng.sample(self.chars, 2))
            key = slug(s)
            if s in self.used or key in self.used_slugs:
                continue
            self.used.add(s)
            self.used_slugs.add(key)
            return s
        raise RuntimeError("the name pool is exhausted; add characters to NAME_CHARS")


def pinyin_of(stem: str) -> str:
    """Reference-style pinyin (Lanyuan) for a stem."""
    return "".join(lazy_pinyin(stem)).capitalize()


__all__ = ["NAME_CHARS", "StemPool", "pinyin_of"]
