"""Enclave (飞地) and co-built park sites: a platform's name and where it is, read from one sentence.

Rules (the words are in data/reference/sites.yaml, never inline):

- A sentence is read only when it is about an enclave or a co-built park: it says 飞地, or it says
  共建/合建 a name ending in a park word (萧龙科创园). A sentence that opens by referring back
  (这一“飞地”项目…, 该园区…; `back_references`) is read for the enclave of the sentence before it
  (the caller keeps that context). Anything else — a company's plant 位于…工业园区, a village, a road — is
  never read, even next to an enclave.
- A name (site or platform) is a run of characters without punctuation that ends with a `suffixes` word
  (园, 园区, 新区, 开发区, 众创城, 地块, 岛, 街道 …) and contains no `not_in_name` word (lists 、/和, classes
  省级/高能级, 一批). Forward names stop at 的 or punctuation; a name read backwards (X，这里是…) starts
  after 的/于/在/是/到 or punctuation.
- Patterns: `位于X的Y` (Y the enclave or park: it says 飞地 or ends with a park word → X its site, Y its
  platform); `位于X，` (the sentence before 位于 speaks of the 飞地/园 itself → X its site);
  `在X<placing verb>(了|的)…飞地` (X its site); `X，这里(正)是…飞地` (X the platform, a place itself);
  `飞地…(布局|建|落户|设)在X` (X its site); `以X为核心区块/核心区…的“Y”` (X the core area, Y the platform);
  `共建/合建X` with X ending in a `park_suffixes` word and not the first of a list (X a co-built park's
  platform, kind park).
- `<enclave>（X和Y）`: the names in brackets right after an enclave are its sites (a name followed by a
  `site_tails` word — 时尚智造小镇核心区域 — is one too).
- A site ending in a `parcel_suffixes` word after a named place (…万洋众创城万洋地块) is that place; the plot
  (万洋地块) is kept as its parcel.
- The enclave's type is the `enclave_types` word of the sentence (产业飞地, 消薄飞地 …); its name as written is
  the dash pair before it (衢江—鄞州山海协作“消薄飞地”).
- Model (loaders/site_records.py): one Project node per enclave or park (kind `enclave` or
  `park`) named by its platform, else by the enclave as written, else composed (county +
  partner + type; `name_source` says which). Props `platform`, `sites`, `core_areas` (lists:
  one pairing may have several), `enclave_type`. BENEFITS the mountain county, SUPPORTS_PROJECT
  (co-builder) from each partner, LOCATED_IN the county-level region its site or platform names
  (鄞州经济开发区… → 鄞州区; none when it names none). A park needs a partner; an enclave may be known
  with its site alone (三门县在…新区布局的“产业飞地”). Evidence: the sentence(s) holding the name and site.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import yaml

from graph.reference import REFERENCE_DIR

_PUNCT = "，。；：、,;:！？!?（）()《》\n "
_BACK_STOPS = "的于在是到"


@dataclass(frozen=True)
class Words:
    suffixes: tuple[str, ...]
    park_suffixes: tuple[str, ...]
    enclave_types: tuple[str, ...]
    not_in_name: tuple[str, ...]
    back_references: tuple[str, ...]
    placing_verbs: tuple[str, ...]
    parcel_suffixes: tuple[str, ...]
    site_tails: tuple[str, ...]


@lru_cache(maxsize=1)
def words() -> Words:
    data = yaml.safe_load((REFERENCE_DIR / "sites.yaml").read_text(encoding="utf-8")) or {}
    longest = {k: tuple(sorted(data.get(k) or [], key=len, reverse=True)) for k in Words.__dataclass_fields__}
    return Words(**longest)


@dataclass
class Place:
    """One enclave or park a sentence (or a sentence and the one referring back to it) states."""

    kind: str  # enclave | park
    platform: str | None = None
    sites: list[str] = field(default_factory=list)
    core_areas: list[str] = field(default_factory=list)
    enclave_type: str | None = None
    written: str | None = None  # the enclave as written: 衢江—鄞州山海协作“消薄飞地”
    parcels: list[str] = field(default_factory=list)  # a plot within the site: 万洋地块

    def add_site(self, site: str) -> None:
        """A site; a trailing parcel after a named place (…万洋众创城万洋地块) is kept apart as a parcel."""
        w = words()
        for cut in range(len(site) - 1, 1, -1):
            head, tail = site[:cut], site[cut:]
            if (tail.endswith(w.parcel_suffixes) and head.endswith(w.suffixes) and not head.endswith(w.parcel_suffixes)
                    and len(tail) <= 8):
                site = head
                if tail not in self.parcels:
                    self.parcels.append(tail)
                break
        if site not in self.sites:
            self.sites.append(site)


def refers_back(text: str) -> bool:
    return text.startswith(words().back_references)


def enclave_of(text: str) -> Place | None:
    """The enclave a sentence speaks of (type and name as written), with no site: the context for the next one."""
    if "飞地" not in text:
        return None
    return Place("enclave", enclave_type=_type(text), written=_written(text))


def is_name(name: str, suffixes: tuple[str, ...] | None = None) -> bool:
    w = words()
    return (len(name) >= 2 and name.endswith(suffixes or w.suffixes) and not any(x in name for x in w.not_in_name)
            and not name.startswith(("“", '"')))


def _forward(text: str, pos: int) -> str:
    """The run from pos up to 的 or punctuation."""
    end = pos
    while end < len(text) and text[end] not in _PUNCT and text[end] != "的":
        end += 1
    return text[pos:end]


def _backward(text: str, end: int) -> str:
    start = end
    while start > 0 and text[start - 1] not in _PUNCT and text[start - 1] not in _BACK_STOPS:
        start -= 1
    return text[start:end]


def _trim_to_suffix(run: str) -> str | None:
    """The run when it ends with a site word (a trailing 建设/内 … makes it no name)."""
    run = run.strip("“”\"")
    return run if is_name(run) else None


def _site_part(part: str) -> bool:
    """A name, or a name followed by a part of it (时尚智造小镇核心区域)."""
    return is_name(part) or any(part.endswith(t) and is_name(part.removesuffix(t)) for t in words().site_tails)


def _type(text: str) -> str | None:
    return next((t for t in words().enclave_types if t in text), "飞地" if "飞地" in text else None)


def _written(text: str) -> str | None:
    types = "|".join(map(re.escape, words().enclave_types))
    pair = r"[\u4e00-\u9fff]{2,4}[—－\-–]{1,2}[\u4e00-\u9fff]{2,4}"
    m = re.search(rf"{pair}(?:山海协作)?[“\"]?(?:{types})[”\"]?", text)
    return m.group(0) if m else None


def read(text: str, back: bool = False) -> list[Place]:
    """Enclaves and parks with a stated platform or site in one sentence (NFKC text without whitespace).

    back: the sentence refers back to the enclave of the sentence before, so its 位于X is that enclave's site.
    """
    w = words()
    enclave = "飞地" in text or back
    places: list[Place] = []
    kind = "enclave" if enclave else "park"
    main = Place(kind, enclave_type=_type(text), written=_written(text))
    if enclave:
        _located(text, main, back)
        verbs = "|".join(map(re.escape, w.placing_verbs))
        for m in re.finditer(rf"在([^，。；;、,]{{2,30}}?)(?:{verbs})(?:了|的)?[^，。；;,]{{0,8}}?飞地", text):
            site = _trim_to_suffix(m.group(1))
            if site:
                main.add_site(site)
        for m in re.finditer(r"[，,]这里(?:正|就|便)?是[^。；;]{0,24}?飞地", text):
            platform = _trim_to_suffix(_backward(text, m.start()))
            main.platform = main.platform or platform
        # 瓯海—永嘉产业飞地（瓯海经济开发区南片发展园区和时尚智造小镇核心区域）: the sites in brackets.
        for m in re.finditer(r"飞地[”\"]?\(([^()]{2,60})\)", text):
            parts = re.split(r"和|、|及", m.group(1))
            if all(_site_part(p) for p in parts):
                for p in parts:
                    main.add_site(p)
        for m in re.finditer(r"飞地[”\"]?(?:项目)?(?:布局|建|建设|落户|设|选址)在", text):
            site = _trim_to_suffix(_forward(text, m.end()))
            if site:
                main.add_site(site)
    for m in re.finditer(r"以([^，。；;、,]{1,20}?)为核心(?:区块|区域|区)", text):
        core = _trim_to_suffix(m.group(1))
        if core is None:
            continue
        q = re.match(r"的[“\"]?([^，。；;,“”\"]{2,30}?)[”\"]?(?=[，。；;,]|$|应运|建成|落地|获批)", text[m.end():])
        platform = q.group(1) if q and is_name(q.group(1), (*w.park_suffixes, "飞地")) else None
        if platform and "飞地" not in platform and not enclave:
            places.append(Place("park", platform=platform, core_areas=[core]))
        else:
            main.core_areas.append(core)
            main.platform = main.platform or platform
    for m in re.finditer(r"(?:共建|合建|共同建设)(?:了|的)?[“\"]?", text):
        run = _forward(text, m.end())
        name = re.sub(r"(?:项目|建设|基础上)$", "", run.strip("“”\""))
        listed = text[m.end() + len(run):].startswith(("、", "和", "及", "与"))  # 共建现代农业园区、…等平台: a kind
        if is_name(name, w.park_suffixes) and "飞地" not in name and not listed:
            places.append(Place("park", platform=name))
    if main.platform or main.sites or main.core_areas:
        places.insert(0, main)
    return places


def _located(text: str, place: Place, back: bool) -> None:
    """位于X的Y (Y the enclave or park) or 位于X， with the enclave the subject before 位于."""
    w = words()
    for m in re.finditer("位于", text):
        site = _trim_to_suffix(_forward(text, m.end()))
        if site is None:
            continue
        after = text[m.end() + len(site):]
        if after.startswith("的"):
            y = re.match(r"的([^，。；;,]{2,40}?)(?=建设|[，。；;,]|$)", after)
            what = y.group(1).strip("“”\"") if y else ""
            if "飞地" in what or what.endswith(w.park_suffixes):
                place.add_site(site)
                place.platform = place.platform or what
        elif back or "飞地" in text[:m.start()]:
            place.add_site(site)
