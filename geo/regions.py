"""Named areas no populated-place list has: regions, seas, rivers, deserts, ranges.

News copy places stories in "the Middle East", "the Atlantic", "Eastern
Ghouta" or "along the Cauvery"; cities500 knows none of them, so such a name
either went unresolved or, worse, found a hamlet of that name ("Middle East",
Virginia; Atlantic, Iowa) thousands of km away. This table gives each a
representative point, what kind of feature it is (GeoNames' feature codes:
RGN region, OCN ocean, SEA sea, GULF gulf or bay, STRT strait, STM river,
DSRT desert, MTS mountains, PEN peninsula, ISL island, LK lake, VAL valley,
CNL canal), the country it lies in (None when it spans several or is
disputed) and a radius: how far from the point the area reaches, which the
gazetteer uses as its box when ranking by nearness (a town on the coast of
the Mediterranean is "in" it).

Points are a middle of the area as a map reader expects it (rivers: the
stretch news names them for, e.g. the Euphrates in eastern Syria). The
gazetteer gives every entry ACLED precision 3 (a region).
Written here from general geographic knowledge; values are (lat, lon) degrees.
An area the index already has as a first-level unit (the Gaza Strip, the West
Bank, Abkhazia, Transnistria) is left to it.

AIRPORTS, beside them: major airports news copy names on their own
("flights from Heathrow", "shelling near Damascus International"). cities500
has no airports, so "Heathrow" found a hamlet of that name in Florida and
"Gatwick" nothing. Each has its name, the names news copy uses (short forms
that are not also a common surname or a town elsewhere: "Dulles" yes,
"Pearson" no), a point on the airfield and its country. The index gives them
GeoNames' feature code AIRP; they are places (ACLED precision 1), not areas.
Syria's air bases are among them, named only with a word for the airfield
after the place ("Shayrat airbase", "Hama military airport": _air_base), at
OurAirports' points (the airportsdata package), since the place's name alone
is the town's.
"""
from __future__ import annotations

from typing import NamedTuple

__all__ = ["AIRPORTS", "AIRPORT_CODE", "Airport", "REGION_CODES", "REGIONS", "Region"]


class Region(NamedTuple):
    name: str
    alternates: tuple[str, ...]
    latitude: float
    longitude: float
    feature_code: str
    country_code: str | None
    radius_km: float


REGION_CODES = frozenset({"RGN", "OCN", "SEA", "GULF", "STRT", "STM", "DSRT", "MTS", "PEN", "ISL", "LK", "VAL", "CNL"})

_R = Region
REGIONS: tuple[Region, ...] = (
    # Oceans and seas
    _R("Atlantic Ocean", ("Atlantic", "the Atlantic", "North Atlantic"), 10.0, -25.0, "OCN", None, 4500),
    _R("Pacific Ocean", ("Pacific", "the Pacific", "South Pacific", "North Pacific"), 0.0, -160.0, "OCN", None, 7000),
    _R("Indian Ocean", (), -10.0, 70.0, "OCN", None, 4500),
    _R("Arctic Ocean", ("Arctic", "the Arctic"), 85.0, 0.0, "OCN", None, 2000),
    _R("Southern Ocean", (), -65.0, 0.0, "OCN", None, 3000),
    _R("Mediterranean Sea", ("Mediterranean", "the Mediterranean", "the Med"), 35.0, 18.0, "SEA", None, 1600),
    _R("Black Sea", (), 43.3, 34.5, "SEA", None, 550),
    _R("Caspian Sea", (), 41.5, 50.5, "SEA", None, 550),
    _R("Red Sea", (), 20.0, 38.5, "SEA", None, 1000),
    _R("Aegean Sea", ("Aegean",), 39.0, 25.0, "SEA", None, 350),
    _R("Adriatic Sea", ("Adriatic",), 43.0, 15.5, "SEA", None, 400),
    _R("Baltic Sea", ("Baltic",), 58.0, 20.0, "SEA", None, 700),
    _R("North Sea", (), 56.0, 3.0, "SEA", None, 500),
    _R("Arabian Sea", (), 15.0, 65.0, "SEA", None, 1300),
    _R("South China Sea", (), 12.0, 114.0, "SEA", None, 1300),
    _R("East China Sea", (), 29.0, 125.0, "SEA", None, 500),
    _R("Sea of Japan", ("East Sea",), 40.0, 135.0, "SEA", None, 700),
    _R("Sea of Azov", (), 46.0, 36.5, "SEA", None, 200),
    _R("Caribbean Sea", ("Caribbean", "the Caribbean"), 15.0, -75.0, "SEA", None, 1300),
    _R("English Channel", ("the Channel",), 50.2, -1.0, "STRT", None, 250),
    _R("Persian Gulf", ("Arabian Gulf", "the Gulf", "Gulf"), 27.0, 51.0, "GULF", None, 550),
    _R("Gulf of Aden", (), 12.5, 47.5, "GULF", None, 400),
    _R("Gulf of Oman", (), 24.5, 58.5, "GULF", None, 250),
    _R("Gulf of Mexico", (), 25.0, -90.0, "GULF", None, 800),
    _R("Bay of Bengal", (), 15.0, 88.0, "GULF", None, 900),
    _R("Strait of Hormuz", ("Hormuz Strait",), 26.6, 56.3, "STRT", None, 100),
    _R("Bab el-Mandeb", ("Bab al-Mandab", "Bab-el-Mandeb"), 12.6, 43.3, "STRT", None, 60),
    _R("Suez Canal", (), 30.5, 32.35, "CNL", "EG", 90),
    _R("Lake Chad", ("Lake Chad Basin",), 13.3, 14.1, "LK", None, 150),
    _R("Lake Victoria", (), -1.0, 33.0, "LK", None, 200),
    _R("Lake Superior", (), 47.7, -87.5, "LK", None, 250),
    _R("Lake Michigan", (), 44.0, -87.0, "LK", "US", 250),
    _R("Lake Huron", (), 44.8, -82.4, "LK", None, 200),
    _R("Lake Erie", (), 42.2, -81.2, "LK", None, 200),
    _R("Lake Ontario", (), 43.7, -77.9, "LK", None, 150),
    _R("Puget Sound", (), 47.6, -122.4, "GULF", "US", 80),
    _R("Chesapeake Bay", (), 38.0, -76.2, "GULF", "US", 150),
    _R("Delaware Bay", (), 39.1, -75.2, "GULF", "US", 50),
    _R("Gulf of Alaska", (), 57.0, -144.0, "GULF", None, 700),
    # World regions
    _R("Middle East", ("the Middle East", "Mideast", "Near East"), 29.0, 42.0, "RGN", None, 2000),
    _R("Levant", ("the Levant",), 34.0, 36.5, "RGN", None, 400),
    _R("Maghreb", ("the Maghreb",), 31.0, 3.0, "RGN", None, 1500),
    _R("North Africa", (), 28.0, 12.0, "RGN", None, 2200),
    _R("West Africa", (), 12.0, -3.0, "RGN", None, 1600),
    _R("East Africa", (), 0.0, 37.0, "RGN", None, 1500),
    _R("Sub-Saharan Africa", (), -2.0, 20.0, "RGN", None, 3500),
    _R("Sahel", ("the Sahel",), 14.0, 5.0, "RGN", None, 2200),
    _R("Horn of Africa", ("the Horn of Africa",), 9.0, 44.0, "PEN", None, 900),
    _R("Arabian Peninsula", (), 23.0, 46.0, "PEN", None, 1300),
    _R("Balkans", ("the Balkans", "Balkan Peninsula"), 43.0, 21.0, "RGN", None, 600),
    _R("Caucasus", ("the Caucasus", "Caucasus Mountains"), 42.5, 44.5, "MTS", None, 500),
    _R("North Caucasus", (), 43.5, 45.0, "RGN", "RU", 400),
    _R("Central Asia", (), 43.0, 65.0, "RGN", None, 1500),
    _R("South Asia", (), 22.0, 79.0, "RGN", None, 1800),
    _R("Southeast Asia", ("South-East Asia", "South East Asia"), 8.0, 110.0, "RGN", None, 2500),
    _R("East Asia", (), 35.0, 115.0, "RGN", None, 2000),
    _R("Korean Peninsula", ("the Korean Peninsula",), 38.0, 127.5, "PEN", None, 450),
    _R("Iberian Peninsula", (), 40.0, -4.0, "PEN", None, 550),
    _R("Scandinavia", (), 63.0, 15.0, "RGN", None, 900),
    _R("Northern Europe", (), 60.0, 15.0, "RGN", None, 1500),
    _R("Baltic states", ("the Baltics", "Baltics"), 56.5, 24.0, "RGN", None, 350),
    _R("Eastern Europe", (), 50.0, 30.0, "RGN", None, 1500),
    _R("Western Europe", (), 48.0, 5.0, "RGN", None, 1000),
    _R("Central Europe", (), 49.0, 15.0, "RGN", None, 600),
    _R("Southern Europe", (), 41.0, 14.0, "RGN", None, 1200),
    _R("Latin America", ("Latin American",), -8.0, -60.0, "RGN", None, 5000),
    _R("Central America", ("Central American",), 13.0, -86.0, "RGN", None, 900),
    _R("Siberia", ("Siberian",), 60.0, 105.0, "RGN", "RU", 2000),
    _R("Patagonia", (), -45.0, -69.0, "RGN", None, 800),
    _R("Anatolia", ("Asia Minor",), 39.0, 33.0, "PEN", "TR", 600),
    # Areas of conflict and contested territories
    _R("Kashmir", ("Kashmir Valley",), 34.0, 75.5, "RGN", None, 300),
    _R("Golan Heights", ("the Golan Heights", "Golan"), 33.0, 35.8, "RGN", "SY", 40),
    _R("Sinai Peninsula", ("Sinai", "the Sinai"), 29.5, 33.8, "PEN", "EG", 220),
    _R("Negev", ("the Negev", "Negev Desert"), 30.8, 34.8, "DSRT", "IL", 100),
    _R("Galilee", (), 32.9, 35.4, "RGN", "IL", 50),
    _R("Eastern Ghouta", ("Ghouta", "East Ghouta", "Ghuta", "the Ghouta"), 33.55, 36.4, "RGN", "SY", 20),
    _R("Qalamoun", ("Qalamoun Mountains", "Qalamun"), 33.9, 36.5, "MTS", "SY", 50),
    _R("Syrian Desert", ("Badia", "Syrian Badia"), 33.5, 39.0, "DSRT", None, 350),
    _R("Donbas", ("Donbass", "the Donbas", "Donets Basin"), 48.0, 38.5, "RGN", "UA", 200),
    _R("Nagorno-Karabakh", ("Karabakh", "Nagorno Karabakh", "Artsakh", "Nagorno-Karabakh Republic",
                            "Republic of Artsakh"), 39.9, 46.7, "RGN", "AZ", 60),
    _R("South Ossetia", ("South Ossetian", "South Ossetians"), 42.3, 44.0, "RGN", "GE", 50),
    _R("Iraqi Kurdistan", ("Kurdistan Region of Iraq",), 36.4, 44.4, "RGN", "IQ", 200),
    _R("Darfur", (), 13.5, 24.5, "RGN", "SD", 450),
    _R("Kordofan", (), 12.5, 29.5, "RGN", "SD", 350),
    _R("Nuba Mountains", (), 11.5, 30.5, "MTS", "SD", 100),
    _R("Jebel Marra", (), 13.0, 24.3, "MTS", "SD", 50),
    _R("Ogaden", (), 7.0, 44.0, "RGN", "ET", 300),
    _R("Liptako-Gourma", (), 14.0, 0.5, "RGN", None, 300),
    _R("Niger Delta", (), 5.0, 6.0, "RGN", "NG", 250),
    _R("Waziristan", (), 32.5, 69.8, "RGN", "PK", 100),
    _R("South Waziristan", (), 32.3, 69.7, "RGN", "PK", 60),
    _R("North Waziristan", (), 32.95, 70.05, "RGN", "PK", 50),
    # Pakistan's tribal belt, merged into Khyber Pakhtunkhwa in 2018 and still named in copy.
    _R("Federally Administered Tribal Areas", ("FATA", "the Tribal Areas"), 32.7, 69.9, "RGN", "PK", 250),
    _R("Nile Delta", ("the Nile Delta",), 30.9, 31.1, "RGN", "EG", 120),
    _R("Mount Chaambi", ("Jebel Chaambi", "Chaambi", "Mount Chambi", "Jebel Chambi"), 35.2, 8.68, "MTS", "TN", 15),
    # The former country, at Russia's conventional point (geo.facts.COUNTRY_CENTRES), as GeoNames-based tools put it.
    _R("Soviet Union", ("the Soviet Union", "USSR", "former Soviet Union", "the former Soviet Union"),
       60.0, 100.0, "RGN", None, 3500),
    _R("Ferghana Valley", ("Fergana Valley",), 40.8, 71.5, "VAL", None, 150),
    _R("Mindanao", (), 8.0, 125.0, "ISL", "PH", 350),
    _R("Aleutian Islands", ("Aleutians", "the Aleutians"), 52.0, -176.0, "ISL", "US", 900),
    # Deserts and mountain ranges
    _R("Sahara", ("Sahara Desert", "the Sahara"), 23.0, 13.0, "DSRT", None, 2200),
    _R("Gobi Desert", ("Gobi",), 42.5, 103.0, "DSRT", None, 800),
    _R("Kalahari Desert", ("Kalahari",), -23.0, 22.0, "DSRT", None, 600),
    _R("Rub' al Khali", ("Empty Quarter", "the Empty Quarter"), 20.0, 50.0, "DSRT", None, 500),
    _R("Himalayas", ("Himalaya", "the Himalayas"), 28.0, 84.0, "MTS", None, 1200),
    _R("Hindu Kush", (), 35.5, 70.5, "MTS", None, 350),
    _R("Alps", ("the Alps",), 46.5, 10.0, "MTS", None, 450),
    _R("Andes", ("the Andes",), -20.0, -68.0, "MTS", None, 3000),
    _R("Rocky Mountains", ("Rockies", "the Rockies"), 45.0, -111.0, "MTS", None, 1500),
    _R("Zagros Mountains", ("Zagros",), 33.0, 48.0, "MTS", None, 650),
    _R("Atlas Mountains", (), 31.5, -6.0, "MTS", None, 600),
    _R("Ural Mountains", ("Urals", "the Urals"), 60.0, 59.5, "MTS", "RU", 1100),
    _R("Pyrenees", ("the Pyrenees",), 42.7, 1.0, "MTS", None, 250),
    _R("Tora Bora", (), 34.1, 70.2, "MTS", "AF", 15),
    # Rivers (the stretch news names them for)
    _R("Nile", ("Nile River", "the Nile"), 27.0, 31.0, "STM", None, 1500),
    _R("Euphrates", ("Euphrates River", "the Euphrates", "Furat"), 35.2, 40.3, "STM", None, 700),
    _R("Tigris", ("Tigris River", "the Tigris"), 35.0, 43.5, "STM", None, 600),
    _R("Jordan River", ("River Jordan",), 32.0, 35.55, "STM", None, 100),
    _R("Orontes", ("Orontes River", "Asi River"), 35.4, 36.4, "STM", None, 150),
    _R("Litani River", ("Litani",), 33.35, 35.45, "STM", "LB", 50),
    _R("Shatt al-Arab", ("Arvand Rud",), 30.4, 48.2, "STM", None, 80),
    _R("Danube", ("Danube River", "the Danube"), 44.5, 22.5, "STM", None, 1300),
    _R("Rhine", ("Rhine River", "the Rhine"), 50.0, 7.6, "STM", None, 500),
    _R("Volga", ("Volga River", "the Volga"), 50.0, 45.5, "STM", "RU", 1500),
    _R("Dnieper", ("Dnieper River", "Dnipro River", "the Dnieper"), 47.3, 34.5, "STM", None, 700),
    _R("Mississippi River", ("the Mississippi River",), 35.0, -90.0, "STM", "US", 1500),
    _R("Ganges", ("Ganges River", "the Ganges"), 25.3, 83.0, "STM", None, 1000),
    _R("Indus", ("Indus River", "the Indus"), 28.0, 69.0, "STM", None, 1000),
    _R("Brahmaputra", ("Brahmaputra River",), 26.5, 92.0, "STM", None, 600),
    _R("Yamuna", ("Yamuna River",), 27.0, 78.5, "STM", "IN", 500),
    _R("Cauvery", ("Kaveri", "Cauvery River", "Kaveri River"), 12.1, 77.8, "STM", "IN", 300),
    _R("Teesta", ("Teesta River", "Tista"), 26.5, 88.8, "STM", None, 150),
    _R("Yangtze", ("Yangtze River", "Chang Jiang"), 30.5, 112.0, "STM", "CN", 1500),
    _R("Yellow River", ("Huang He",), 35.5, 110.0, "STM", "CN", 1500),
    _R("Mekong", ("Mekong River", "the Mekong"), 15.0, 105.5, "STM", None, 1500),
    _R("Congo River", ("River Congo",), -1.0, 17.5, "STM", None, 1500),
    _R("Niger River", ("River Niger",), 13.5, 2.1, "STM", None, 1500),
    _R("Zambezi", ("Zambezi River", "Zambesi"), -16.0, 29.0, "STM", None, 1000),
    _R("Amu Darya", ("Oxus",), 40.0, 63.0, "STM", None, 800),
    _R("Helmand River", (), 31.0, 64.0, "STM", "AF", 500),
    _R("Orinoco", ("Orinoco River", "the Orinoco"), 7.8, -65.0, "STM", None, 900),
    # Regions of countries named in news copy
    _R("Midwest", ("the Midwest", "Middle West"), 42.0, -93.0, "RGN", "US", 800),
    _R("New England", (), 44.0, -71.5, "RGN", "US", 300),
    _R("Pacific Northwest", (), 46.0, -121.0, "RGN", "US", 500),
    _R("Gulf Coast", (), 29.5, -91.0, "RGN", "US", 700),
    _R("Great Plains", (), 40.0, -100.0, "RGN", "US", 1000),
    _R("Appalachia", ("Appalachian Mountains", "Appalachians"), 37.5, -81.0, "MTS", "US", 800),
    _R("San Francisco Bay Area", ("Bay Area",), 37.8, -122.3, "RGN", "US", 60),
    _R("Silicon Valley", (), 37.4, -122.05, "VAL", "US", 30),
    _R("Southern California", ("SoCal",), 34.0, -117.5, "RGN", "US", 250),
    _R("Greater Toronto Area", (), 43.7, -79.4, "RGN", "CA", 60),
    _R("Midlands", ("the Midlands",), 52.6, -1.8, "RGN", "GB", 150),
    _R("South Florida", (), 26.2, -80.3, "RGN", "US", 150),
    _R("Oahu", ("O'ahu",), 21.47, -157.98, "ISL", "US", 40),
    _R("Pearl Harbor", (), 21.36, -157.96, "GULF", "US", 8),
    _R("Fire Island", (), 40.65, -73.1, "ISL", "US", 50),
    # England's historic counties and regions that are no unit of the index (admin data has
    # North and West Northamptonshire since 2021, and Yorkshire's parts, not the whole).
    _R("Yorkshire", (), 53.95, -1.3, "RGN", "GB", 110),
    _R("Northamptonshire", (), 52.3, -0.85, "RGN", "GB", 45),
    _R("East of England", (), 52.2, 0.5, "RGN", "GB", 130),
    _R("Thames Valley", (), 51.55, -1.0, "VAL", "GB", 70),
)


AIRPORT_CODE = "AIRP"


class Airport(NamedTuple):
    name: str
    alternates: tuple[str, ...]
    latitude: float
    longitude: float
    country_code: str


_A = Airport
# What copy puts after an air base's place name ("Shayrat airbase", "Hama military airport").
_AIR_BASE_WORDS = ("Airport", "Air Base", "Airbase", "Military Airport", "Military Airbase", "Military Air Base")


def _air_base(name: str, places: tuple[str, ...], latitude: float, longitude: float, country_code: str) -> Airport:
    """An air base, named as copy names it: each of `places` followed by each of _AIR_BASE_WORDS.
    The place's name alone stays the town's (Tabqa, Shayrat)."""
    alternates = tuple(dict.fromkeys(f"{p} {w}" for p in places for w in _AIR_BASE_WORDS if f"{p} {w}" != name))
    return Airport(name, alternates, latitude, longitude, country_code)


AIRPORTS: tuple[Airport, ...] = (
    # United Kingdom and Europe
    _A("Heathrow Airport", ("Heathrow", "London Heathrow", "London Heathrow Airport"), 51.470, -0.454, "GB"),
    _A("Gatwick Airport", ("Gatwick", "London Gatwick", "London Gatwick Airport"), 51.153, -0.182, "GB"),
    _A("Stansted Airport", ("Stansted", "London Stansted"), 51.885, 0.235, "GB"),
    _A("Luton Airport", ("London Luton Airport",), 51.875, -0.368, "GB"),
    _A("Manchester Airport", (), 53.354, -2.275, "GB"),
    _A("Glasgow Airport", ("Glasgow International Airport",), 55.872, -4.433, "GB"),
    _A("Charles de Gaulle Airport", ("Charles de Gaulle", "Roissy-Charles de Gaulle", "Paris-Charles de Gaulle",
                                     "Roissy Airport"), 49.010, 2.548, "FR"),
    _A("Orly Airport", ("Paris-Orly", "Paris Orly Airport"), 48.723, 2.379, "FR"),
    _A("Frankfurt Airport", ("Frankfurt International Airport",), 50.038, 8.562, "DE"),
    _A("Amsterdam Airport Schiphol", ("Schiphol", "Schiphol Airport"), 52.310, 4.768, "NL"),
    _A("Istanbul Airport", ("Istanbul New Airport",), 41.262, 28.742, "TR"),
    _A("Ataturk Airport", ("Ataturk International Airport", "Istanbul Ataturk Airport"), 40.976, 28.815, "TR"),
    _A("Sabiha Gokcen Airport", ("Sabiha Gokcen", "Sabiha Gokcen International Airport"), 40.898, 29.309, "TR"),
    _A("Sheremetyevo Airport", ("Sheremetyevo", "Sheremetyevo International Airport"), 55.973, 37.415, "RU"),
    _A("Domodedovo Airport", ("Domodedovo International Airport",), 55.409, 37.906, "RU"),
    _A("Boryspil International Airport", ("Boryspil Airport", "Kyiv Boryspil"), 50.345, 30.895, "UA"),
    _A("Donetsk International Airport", ("Donetsk Airport",), 48.074, 37.740, "UA"),
    # North America
    _A("John F. Kennedy International Airport", ("JFK", "JFK Airport", "JFK International Airport",
                                                 "Kennedy Airport", "Kennedy International Airport"),
       40.641, -73.778, "US"),
    _A("LaGuardia Airport", ("LaGuardia", "La Guardia Airport"), 40.777, -73.872, "US"),
    _A("Newark Liberty International Airport", ("Newark Airport", "Newark Liberty"), 40.690, -74.174, "US"),
    _A("O'Hare International Airport", ("O'Hare", "O'Hare Airport", "Chicago O'Hare"), 41.978, -87.905, "US"),
    _A("Los Angeles International Airport", ("LAX",), 33.942, -118.408, "US"),
    _A("Hartsfield-Jackson Atlanta International Airport", ("Hartsfield-Jackson", "Hartsfield-Jackson Airport"),
       33.640, -84.427, "US"),
    _A("Washington Dulles International Airport", ("Dulles", "Dulles Airport", "Dulles International Airport"),
       38.953, -77.456, "US"),
    _A("Ronald Reagan Washington National Airport", ("Reagan National", "Reagan National Airport"),
       38.851, -77.040, "US"),
    _A("Logan International Airport", ("Logan Airport", "Boston Logan"), 42.366, -71.010, "US"),
    _A("San Francisco International Airport", ("SFO",), 37.621, -122.379, "US"),
    _A("Dallas/Fort Worth International Airport", ("DFW Airport",), 32.900, -97.040, "US"),
    _A("Toronto Pearson International Airport", ("Toronto Pearson", "Pearson International Airport",
                                                 "Pearson Airport"), 43.677, -79.625, "CA"),
    # Middle East and North Africa
    _A("Dubai International Airport", ("Dubai International", "Dubai Airport"), 25.253, 55.365, "AE"),
    _A("Hamad International Airport", ("Doha Airport",), 25.273, 51.608, "QA"),
    _A("King Khalid International Airport", ("Riyadh Airport",), 24.958, 46.699, "SA"),
    _A("Damascus International Airport", ("Damascus International", "Damascus Airport"), 33.411, 36.516, "SY"),
    _A("Aleppo International Airport", ("Aleppo Airport",), 36.181, 37.224, "SY"),
    # Syria's air bases, named in reporting on the war; points from OurAirports (the airportsdata package).
    _air_base("Hmeimim Air Base", ("Hmeimim", "Khmeimim", "Humaymim", "Latakia", "Bassel al-Assad"), 35.401, 35.949, "SY"),
    _air_base("Deir ez-Zor Airport", ("Deir ez-Zor", "Deir ez Zor", "Deir al-Zor", "Deir Ezzor"), 35.285, 40.176, "SY"),
    _air_base("Hama Military Airport", ("Hama", "Hamah"), 35.118, 36.711, "SY"),
    _air_base("Tabqa Air Base", ("Tabqa", "Al-Tabqa", "Taqba"), 35.755, 38.567, "SY"),
    _air_base("Shayrat Air Base", ("Shayrat", "Shairat", "Al-Shayrat"), 34.490, 36.909, "SY"),
    _air_base("Dumayr Air Base", ("Dumayr", "Dmeir", "al-Dumayr"), 33.610, 36.749, "SY"),
    _air_base("Mezzeh Military Airport", ("Mezzeh", "Mezze", "Mazzeh"), 33.478, 36.223, "SY"),
    _air_base("Kuweires Air Base", ("Kuweires", "Kweires", "Kuwayris", "Rasin El Aboud"), 36.187, 37.583, "SY"),
    _air_base("Jirah Air Base", ("Jirah", "Al-Jarrah", "Jarrah"), 36.097, 37.937, "SY"),
    _air_base("Sayqal Air Base", ("Sayqal", "Saiqal"), 33.682, 37.214, "SY"),
    _air_base("Marj Ruhayyil Air Base", ("Marj Ruhayyil",), 33.287, 36.457, "SY"),
    _air_base("Palmyra Military Airport", ("Palmyra", "Tadmur"), 34.557, 38.317, "SY"),
    _air_base("Qamishli Airport", ("Qamishli", "Kamishly", "Qamishlo"), 37.021, 41.191, "SY"),
    _A("Beirut-Rafic Hariri International Airport", ("Beirut Airport", "Rafic Hariri International Airport",
                                                      "Beirut International Airport"), 33.821, 35.488, "LB"),
    _A("Baghdad International Airport", ("Baghdad Airport",), 33.263, 44.235, "IQ"),
    _A("Erbil International Airport", ("Erbil Airport",), 36.238, 43.963, "IQ"),
    _A("Ben Gurion Airport", ("Ben Gurion International Airport", "Ben-Gurion Airport"), 32.011, 34.887, "IL"),
    _A("Queen Alia International Airport", ("Queen Alia Airport",), 31.723, 35.993, "JO"),
    _A("Imam Khomeini International Airport", ("Imam Khomeini Airport",), 35.416, 51.152, "IR"),
    _A("Mehrabad Airport", ("Mehrabad", "Mehrabad International Airport"), 35.689, 51.313, "IR"),
    _A("Sanaa International Airport", ("Sanaa Airport",), 15.476, 44.220, "YE"),
    _A("Mitiga International Airport", ("Mitiga", "Mitiga Airport"), 32.894, 13.276, "LY"),
    _A("Tripoli International Airport", (), 32.663, 13.159, "LY"),
    _A("Cairo International Airport", ("Cairo Airport",), 30.122, 31.406, "EG"),
    # Asia and Africa
    _A("Hamid Karzai International Airport", ("Kabul Airport", "Kabul International Airport"), 34.566, 69.212, "AF"),
    _A("Bagram Airfield", ("Bagram Air Base",), 34.946, 69.265, "AF"),
    _A("Kandahar Airfield", ("Kandahar Airport", "Kandahar International Airport"), 31.506, 65.848, "AF"),
    _A("Indira Gandhi International Airport", ("Delhi Airport",), 28.556, 77.100, "IN"),
    _A("Chhatrapati Shivaji International Airport", ("Mumbai Airport",), 19.090, 72.866, "IN"),
    _A("Hong Kong International Airport", ("Chek Lap Kok",), 22.308, 113.918, "HK"),
    _A("Singapore Changi Airport", ("Changi Airport",), 1.364, 103.991, "SG"),
    _A("Narita International Airport", ("Narita Airport",), 35.772, 140.393, "JP"),
    _A("Haneda Airport", ("Haneda", "Tokyo Haneda"), 35.549, 139.780, "JP"),
    _A("Jomo Kenyatta International Airport", ("JKIA", "Nairobi Airport"), -1.319, 36.928, "KE"),
    _A("Aden Adde International Airport", ("Mogadishu Airport",), 2.014, 45.305, "SO"),
    _A("O. R. Tambo International Airport", ("OR Tambo", "O.R. Tambo", "OR Tambo International Airport"),
       -26.134, 28.242, "ZA"),
)
