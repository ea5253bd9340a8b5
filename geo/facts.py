"""Small hand-written tables of facts the data packages lack.

* COUNTRY_CENTRES: the conventional point of a country, the one gazetteers
  (GeoNames, the CIA World Factbook) give for the country as a whole, e.g.
  Russia 60N 100E, the United States 39.76N 98.5W. A point computed from the
  country's towns drifts to where people live (Moscow for Russia), hundreds or
  thousands of km from the point every other tool uses. Countries not listed
  (small ones, where any member town is close enough) get a computed point.
* DEMONYMS: the adjectives and plural nouns news copy uses for a country
  ("Russian", "Syrians"), resolved to the country itself.
* CONTINENT_NAMES: what else news copy calls a continent ("European", "EU").
* TRANSLITERATED: countries whose place names reach English copy through
  transliteration (Arabic, Persian, Turkish and other Turkic, Russian,
  Ukrainian, Kurdish, Urdu, Hebrew), given the forgiving
  `geo.normalize.translit_key` as a second-try key.
* ABBREVIATIONS: the abbreviations of US states and Canadian provinces written
  with full stops in news copy ("W.Va.", "Calif.", "B.C."), matched only when
  the query carries a full stop, so "Man" or "Pa" stay ordinary names.
* ADMIN1_CENTRES: the conventional point of a US state, Canadian province or
  large Australian state (GeoNames' point, which GeoNames-based tools show), for the same reason as
  COUNTRY_CENTRES: the middle of a unit's towns drifts towards its crowded
  corner (Virginia's west, Alberta's north-west, Western Australia's
  north-west) by 150-370 km.
* ADMIN1_ALIASES: the names English news copy gives first-level units whose
  name in the index is another language's or an old one ("Oromia" for
  Oromiya, "Gedaref" for Al Qaḑārif, "Kongo Central" for Bas-Congo).
* DIRECTION_WORDS: compass words that open a unit's name and the other
  languages' words for them ("Nord Kivu" is "North Kivu" in English copy).
* CITY_ABBREVIATIONS: the few cities news copy names by initials with full
  stops ("L.A.", "N.Y.C."), matched like ABBREVIATIONS (only with a full stop:
  "LA" is Laos).
* CAPITAL_ABBREVIATIONS: abbreviations of first-level units that news copy
  writes in capitals without full stops ("BC", "NSW"), matched only when the
  query is exactly that, in capitals; only those that are no ISO country code
  (so "CA", "GA", "SA" or "WA" are not here: Canada, Gabon, Saudi Arabia, or
  two states at once).
* ADMIN1_DEMONYMS: the adjectives news copy uses for a first-level unit
  ("English" for England, "Sicilian"), keys of the unit as DEMONYMS are of a
  country: otherwise "English" found a hamlet in Indiana.
* UNITS_WITHOUT_BARE_NAME: units whose name less its level word is not a name
  of theirs: "Columbia" alone is a city (South Carolina's capital, Missouri's,
  Maryland's), never the District of Columbia, which copy calls "D.C." or
  "Washington".
* PERSON_NAMED_ALTERNATES: former names of towns that are a person's
  surname ("Molotov" for Perm, "Frunze" for Bishkek); in news copy such a word
  nearly always means the person or the thing named after them (a Molotov
  cocktail), so it is never matched as a town's alternate name.

Values are (latitude, longitude) in degrees; names as news copy writes them.
"""
from __future__ import annotations

__all__ = [
    "ABBREVIATIONS", "ADMIN1_ALIASES", "ADMIN1_CENTRES", "ADMIN1_DEMONYMS", "CAPITAL_ABBREVIATIONS",
    "CITY_ABBREVIATIONS", "CONTINENT_NAMES", "COUNTRY_CENTRES", "DEMONYMS", "DIRECTION_WORDS",
    "PERSON_NAMED_ALTERNATES", "TRANSLITERATED", "UNITS_WITHOUT_BARE_NAME",
]

TRANSLITERATED = frozenset(
    # Arabic
    "AE BH DJ DZ EG EH IQ JO KM KW LB LY MA MR OM PS QA SA SD SO SY TD TN YE "
    # Hebrew, Persian, Urdu/Pashto, Turkish and other Turkic, Kurdish (IQ SY TR IR)
    "IL IR AF PK TJ TR AZ TM UZ KZ KG CY "
    # Russian, Ukrainian, Belarusian and their neighbours' Cyrillic or Caucasian names
    "RU UA BY MD GE AM".split()
)

COUNTRY_CENTRES: dict[str, tuple[float, float]] = {
    "AD": (42.55, 1.58), "AE": (23.75, 54.5), "AF": (33.0, 66.0), "AL": (41.0, 20.0),
    "AM": (40.25, 45.0), "AO": (-12.5, 18.5), "AR": (-34.0, -64.0), "AT": (47.33, 13.33),
    "AU": (-25.0, 135.0), "AZ": (40.5, 47.5), "BA": (44.25, 17.83), "BD": (24.0, 90.0),
    "BE": (50.75, 4.5), "BF": (12.5, -1.67), "BG": (42.67, 25.25), "BH": (26.03, 50.55),
    "BI": (-3.5, 30.0), "BJ": (9.5, 2.25), "BN": (4.5, 114.67), "BO": (-17.0, -65.0),
    "BR": (-10.0, -55.0), "BS": (24.25, -76.0), "BT": (27.5, 90.5), "BW": (-22.0, 24.0),
    "BY": (53.0, 28.0), "BZ": (17.25, -88.75), "CA": (60.11, -113.64), "CD": (-2.5, 23.5),
    "CF": (7.0, 21.0), "CG": (-1.0, 15.5), "CH": (47.0, 8.01), "CI": (8.0, -5.5),
    "CL": (-30.0, -71.0), "CM": (6.0, 12.5), "CN": (35.0, 105.0), "CO": (4.0, -73.25),
    "CR": (10.0, -84.0), "CU": (22.0, -79.5), "CY": (35.0, 33.0), "CZ": (49.75, 15.0),
    "DE": (51.5, 10.5), "DJ": (11.8, 42.5), "DK": (56.0, 10.0), "DO": (19.0, -70.67),
    "DZ": (28.0, 3.0), "EC": (-1.25, -78.25), "EE": (59.0, 26.0), "EG": (27.0, 30.0),
    "EH": (24.5, -13.0), "ER": (15.0, 39.0), "ES": (40.0, -4.0), "ET": (9.0, 39.5),
    "FI": (64.0, 26.0), "FJ": (-18.0, 178.0), "FR": (46.0, 2.0), "GA": (-1.0, 11.75),
    "GB": (54.76, -2.7), "GE": (42.0, 43.5), "GF": (4.0, -53.0), "GH": (8.1, -1.2),
    "GL": (72.0, -40.0), "GM": (13.5, -15.5), "GN": (10.83, -10.67), "GQ": (1.7, 10.5),
    "GR": (39.0, 22.0), "GT": (15.5, -90.25), "GW": (12.0, -15.0), "GY": (5.0, -59.0),
    "HN": (15.0, -86.5), "HR": (45.17, 15.5), "HT": (19.0, -72.42), "HU": (47.0, 20.0),
    "ID": (-5.0, 120.0), "IE": (53.0, -8.0), "IL": (31.5, 34.75), "IN": (22.0, 79.0),
    "IQ": (33.0, 44.0), "IR": (32.0, 53.0), "IS": (65.0, -18.0), "IT": (42.83, 12.83),
    "JM": (18.17, -77.25), "JO": (31.0, 36.0), "JP": (35.69, 139.75), "KE": (1.0, 38.0),
    "KG": (41.5, 75.0), "KH": (13.0, 105.0), "KP": (40.0, 127.0), "KR": (36.5, 127.75),
    "KW": (29.5, 47.75), "KZ": (48.0, 68.0), "LA": (18.0, 105.0), "LB": (33.83, 35.83),
    "LK": (7.75, 80.75), "LR": (6.5, -9.5), "LS": (-29.5, 28.25), "LT": (56.0, 24.0),
    "LU": (49.75, 6.17), "LV": (57.0, 25.0), "LY": (28.0, 17.0), "MA": (32.0, -5.0),
    "MD": (47.25, 28.58), "ME": (42.75, 19.25), "MG": (-20.0, 47.0), "MK": (41.67, 21.75),
    "ML": (18.0, -2.0), "MM": (21.0, 96.0), "MN": (46.0, 105.0), "MR": (20.0, -12.0),
    # Mauritius: the main island (its towns' middle drifted 470 km north-east, to Agalega and Cargados).
    "MU": (-20.3, 57.58), "MW": (-13.5, 34.0), "MX": (23.0, -102.0), "MY": (2.5, 112.5), "MZ": (-18.25, 35.0),
    "NA": (-22.0, 17.0), "NC": (-21.5, 165.5), "NE": (18.0, 9.0), "NG": (10.0, 8.0),
    "NI": (13.0, -85.0), "NL": (52.25, 5.75), "NO": (62.0, 10.0), "NP": (28.0, 84.0),
    "NZ": (-42.0, 174.0), "OM": (21.0, 57.0), "PA": (9.0, -80.0), "PE": (-10.0, -75.25),
    "PG": (-6.0, 147.0), "PH": (13.0, 122.0), "PK": (30.0, 70.0), "PL": (52.0, 20.0),
    "PR": (18.25, -66.5), "PS": (31.92, 35.2), "PT": (39.69, -8.13), "PY": (-23.0, -58.0),
    "QA": (25.5, 51.25), "RO": (46.0, 25.0), "RS": (44.0, 21.0), "RU": (60.0, 100.0),
    "RW": (-2.0, 30.0), "SA": (25.0, 45.0), "SB": (-8.0, 159.0), "SD": (16.0, 30.0),
    "SE": (62.0, 15.0), "SI": (46.08, 15.0), "SK": (48.67, 19.5), "SL": (8.5, -11.5),
    "SN": (14.5, -14.25), "SO": (6.0, 48.0), "SR": (4.0, -56.0), "SS": (7.5, 30.0),
    "SV": (13.83, -88.92), "SY": (35.0, 38.0), "SZ": (-26.5, 31.5), "TD": (15.0, 19.0),
    "TG": (8.67, 1.08), "TH": (15.5, 101.0), "TJ": (39.0, 71.0), "TL": (-8.83, 125.75),
    "TM": (40.0, 60.0), "TN": (34.0, 9.0), "TR": (39.0, 35.0), "TT": (11.0, -61.0),
    "TW": (24.0, 121.0), "TZ": (-6.0, 35.0), "UA": (49.0, 32.0), "UG": (1.25, 32.5),
    "US": (39.76, -98.5), "UY": (-33.0, -56.0), "UZ": (41.67, 63.83), "VE": (8.0, -66.0),
    "VN": (16.17, 107.83), "VU": (-16.0, 167.0), "XK": (42.58, 21.0), "YE": (15.5, 47.5),
    "ZA": (-29.0, 24.0), "ZM": (-14.33, 27.5), "ZW": (-19.0, 29.5),
}

# Adjectives; a plural noun ("Syrians", "Iraqis") is derived for those ending
# in -an, -i, -ite or -ene, and a few irregular nouns are listed as such.
DEMONYMS: dict[str, tuple[str, ...]] = {
    "AE": ("Emirati",), "AF": ("Afghan", "Afghani"), "AL": ("Albanian",), "AM": ("Armenian",),
    "AO": ("Angolan",), "AR": ("Argentine", "Argentinian", "Argentinean"), "AT": ("Austrian",),
    "AU": ("Australian",), "AZ": ("Azerbaijani", "Azeri"), "BA": ("Bosnian",),
    "BD": ("Bangladeshi",), "BE": ("Belgian",), "BF": ("Burkinabe", "Burkinabè"),
    "BG": ("Bulgarian",), "BH": ("Bahraini",), "BI": ("Burundian",), "BJ": ("Beninese",),
    "BO": ("Bolivian",), "BR": ("Brazilian",), "BT": ("Bhutanese",), "BW": ("Botswanan",),
    "BY": ("Belarusian", "Belarussian"), "CA": ("Canadian",), "CD": ("Congolese",),
    "CF": ("Central African",), "CH": ("Swiss",), "CI": ("Ivorian",), "CL": ("Chilean",),
    "CM": ("Cameroonian",), "CN": ("Chinese",), "CO": ("Colombian",), "CR": ("Costa Rican",),
    "CU": ("Cuban",), "CY": ("Cypriot",), "CZ": ("Czech", "Czechs"), "DE": ("German",),
    "DJ": ("Djiboutian",), "DK": ("Danish", "Dane", "Danes"), "DO": ("Dominican",),
    "DZ": ("Algerian",), "EC": ("Ecuadorian", "Ecuadorean"), "EE": ("Estonian",),
    "EG": ("Egyptian",), "ER": ("Eritrean",), "ES": ("Spanish", "Spaniard", "Spaniards"),
    "ET": ("Ethiopian",), "FI": ("Finnish", "Finn", "Finns"), "FR": ("French", "Frenchman", "Frenchmen"),
    "GA": ("Gabonese",), "GB": ("British", "Briton", "Britons", "Brit", "Brits"),
    "GE": ("Georgian",), "GH": ("Ghanaian",), "GM": ("Gambian",), "GN": ("Guinean",),
    "GR": ("Greek", "Greeks"), "GT": ("Guatemalan",), "HN": ("Honduran",), "HR": ("Croatian", "Croat", "Croats"),
    "HT": ("Haitian",), "HU": ("Hungarian",), "ID": ("Indonesian",), "IE": ("Irish",),
    "IL": ("Israeli",), "IN": ("Indian",), "IQ": ("Iraqi",), "IR": ("Iranian",),
    "IS": ("Icelandic", "Icelander", "Icelanders"), "IT": ("Italian",), "JM": ("Jamaican",),
    "JO": ("Jordanian",), "JP": ("Japanese",), "KE": ("Kenyan",), "KG": ("Kyrgyz",),
    "KH": ("Cambodian",), "KP": ("North Korean",), "KR": ("South Korean", "Korean"), "KW": ("Kuwaiti",),
    "KZ": ("Kazakh", "Kazakhstani"), "LA": ("Laotian",), "LB": ("Lebanese",), "LK": ("Sri Lankan", "Sinhalese"),
    "LC": ("Saint Lucian", "St Lucian"), "LR": ("Liberian",), "LT": ("Lithuanian",), "LV": ("Latvian",), "LY": ("Libyan",),
    "MA": ("Moroccan",), "MD": ("Moldovan",), "MG": ("Malagasy",), "MK": ("Macedonian",),
    "ML": ("Malian",), "MM": ("Burmese",), "MN": ("Mongolian",), "MR": ("Mauritanian",), "MT": ("Maltese",), "MU": ("Mauritian",),
    "MW": ("Malawian",), "MX": ("Mexican",), "MY": ("Malaysian",), "MZ": ("Mozambican",),
    "NA": ("Namibian",), "NE": ("Nigerien",), "NG": ("Nigerian",), "NI": ("Nicaraguan",),
    "NL": ("Dutch", "Dutchman", "Dutchmen"), "NO": ("Norwegian",), "NP": ("Nepali", "Nepalese"),
    "NZ": ("New Zealander", "New Zealanders"), "OM": ("Omani",), "PA": ("Panamanian",),
    "PE": ("Peruvian",), "PG": ("Papua New Guinean",), "PH": ("Filipino", "Filipinos", "Philippine"),
    "PK": ("Pakistani",), "PL": ("Polish", "Pole", "Poles"), "PS": ("Palestinian",),
    "PT": ("Portuguese",), "PY": ("Paraguayan",), "QA": ("Qatari",), "RO": ("Romanian",),
    "RS": ("Serbian", "Serb", "Serbs"), "RU": ("Russian",), "RW": ("Rwandan",),
    "SA": ("Saudi", "Saudi Arabian"), "SD": ("Sudanese",), "SE": ("Swedish", "Swede", "Swedes"),
    "SG": ("Singaporean",), "SI": ("Slovenian", "Slovene", "Slovenes"), "SK": ("Slovak", "Slovaks"),
    "SL": ("Sierra Leonean",), "SN": ("Senegalese",), "SO": ("Somali", "Somalian"),
    "SS": ("South Sudanese",), "SV": ("Salvadoran", "Salvadorean"), "SY": ("Syrian",),
    "TD": ("Chadian",), "TG": ("Togolese",), "TH": ("Thai",), "TJ": ("Tajik", "Tajikistani"),
    "TM": ("Turkmen",), "TN": ("Tunisian",), "TR": ("Turkish", "Turk", "Turks"),
    "TW": ("Taiwanese",), "TZ": ("Tanzanian",), "UA": ("Ukrainian",), "UG": ("Ugandan",),
    "US": ("American",), "UY": ("Uruguayan",), "UZ": ("Uzbek", "Uzbekistani"),
    "VE": ("Venezuelan",), "VN": ("Vietnamese",), "XK": ("Kosovar", "Kosovan"), "YE": ("Yemeni",),
    "ZA": ("South African",), "ZM": ("Zambian",), "ZW": ("Zimbabwean",),
}

# GeoNames' continent codes -> other names and demonyms (plurals derived as for DEMONYMS).
# The European Union is put at Europe's point, as GeoNames-based tools do.
CONTINENT_NAMES: dict[str, tuple[str, ...]] = {
    "AF": ("African",), "AS": ("Asian",), "EU": ("European", "European Union", "EU"),
    "NA": ("North American",), "OC": ("Oceanian",), "SA": ("South American",), "AN": ("Antarctic",),
}

# (country code, first-level unit as named in the index) -> abbreviations.
ABBREVIATIONS: dict[tuple[str, str], tuple[str, ...]] = {
    ("US", "Alabama"): ("Ala.",), ("US", "Arizona"): ("Ariz.",), ("US", "Arkansas"): ("Ark.",),
    ("US", "California"): ("Calif.", "Cal."), ("US", "Colorado"): ("Colo.",),
    ("US", "Connecticut"): ("Conn.",), ("US", "Delaware"): ("Del.",),
    ("US", "District of Columbia"): ("D.C.",), ("US", "Florida"): ("Fla.",),
    ("US", "Georgia"): ("Ga.",), ("US", "Illinois"): ("Ill.",), ("US", "Indiana"): ("Ind.",),
    ("US", "Kansas"): ("Kan.", "Kans."), ("US", "Kentucky"): ("Ky.",),
    ("US", "Louisiana"): ("La.",), ("US", "Maryland"): ("Md.",),
    ("US", "Massachusetts"): ("Mass.",), ("US", "Michigan"): ("Mich.",),
    ("US", "Minnesota"): ("Minn.",), ("US", "Mississippi"): ("Miss.",),
    ("US", "Missouri"): ("Mo.",), ("US", "Montana"): ("Mont.",),
    ("US", "Nebraska"): ("Neb.", "Nebr."), ("US", "Nevada"): ("Nev.",),
    ("US", "New Hampshire"): ("N.H.",), ("US", "New Jersey"): ("N.J.",),
    ("US", "New Mexico"): ("N.M.", "N.Mex."), ("US", "New York"): ("N.Y.",),
    ("US", "North Carolina"): ("N.C.",), ("US", "North Dakota"): ("N.D.", "N.Dak."),
    ("US", "Oklahoma"): ("Okla.",), ("US", "Oregon"): ("Ore.", "Oreg."),
    ("US", "Pennsylvania"): ("Pa.", "Penn.", "Penna."), ("US", "Rhode Island"): ("R.I.",),
    ("US", "South Carolina"): ("S.C.",), ("US", "South Dakota"): ("S.D.", "S.Dak."),
    ("US", "Tennessee"): ("Tenn.",), ("US", "Texas"): ("Tex.",), ("US", "Utah"): ("Ut.",),
    ("US", "Vermont"): ("Vt.",), ("US", "Virginia"): ("Va.",), ("US", "Washington"): ("Wash.",),
    ("US", "West Virginia"): ("W.Va.", "W.Virg."), ("US", "Wisconsin"): ("Wis.", "Wisc."),
    ("US", "Wyoming"): ("Wyo.",),
    ("CA", "Alberta"): ("Alta.",), ("CA", "British Columbia"): ("B.C.",),
    ("CA", "Manitoba"): ("Man.",), ("CA", "New Brunswick"): ("N.B.",),
    ("CA", "Newfoundland and Labrador"): ("Nfld.", "N.L."), ("CA", "Nova Scotia"): ("N.S.",),
    ("CA", "Ontario"): ("Ont.",), ("CA", "Prince Edward Island"): ("P.E.I.",),
    ("CA", "Quebec"): ("Que.",), ("CA", "Saskatchewan"): ("Sask.",),
}

# (country code, city as named in the index) -> initials with full stops (see the module docstring).
CITY_ABBREVIATIONS: dict[tuple[str, str], tuple[str, ...]] = {
    ("US", "Los Angeles"): ("L.A.",), ("US", "New York City"): ("N.Y.C.",),
}

# (country code, first-level unit as named in the index) -> abbreviations written in capitals without
# full stops; none is an ISO 3166 alpha-2 or alpha-3 country code (see the module docstring).
CAPITAL_ABBREVIATIONS: dict[tuple[str, str], tuple[str, ...]] = {
    ("CA", "British Columbia"): ("BC",), ("AU", "New South Wales"): ("NSW",), ("AU", "Queensland"): ("QLD",),
    ("US", "New Jersey"): ("NJ",),
}

# (country code, first-level unit as named in the index) -> its demonyms (see the module docstring).
ADMIN1_DEMONYMS: dict[tuple[str, str], tuple[str, ...]] = {
    ("GB", "England"): ("English",), ("GB", "Scotland"): ("Scottish",), ("GB", "Wales"): ("Welsh",),
    ("IT", "Sicily"): ("Sicilian",), ("ES", "Catalonia"): ("Catalan",),
    ("RU", "Chechnya"): ("Chechen",), ("RU", "Dagestan"): ("Dagestani",), ("UA", "Crimea"): ("Crimean",),
    ("US", "Texas"): ("Texan",), ("US", "California"): ("Californian",), ("US", "Ohio"): ("Ohioan",),
    ("US", "Iowa"): ("Iowan",), ("US", "Minnesota"): ("Minnesotan",), ("US", "Florida"): ("Floridian",),
    ("US", "Virginia"): ("Virginian",), ("US", "Kentucky"): ("Kentuckian",), ("US", "Tennessee"): ("Tennessean",),
    ("CA", "Ontario"): ("Ontarian",), ("CA", "Alberta"): ("Albertan",), ("CA", "Quebec"): ("Quebecer", "Quebecker"),
}

# (country code, first-level unit as named in the index): see the module docstring.
UNITS_WITHOUT_BARE_NAME: frozenset[tuple[str, str]] = frozenset({("US", "District of Columbia")})

# (country code, first-level unit as named in the index) -> (latitude, longitude):
# GeoNames' points for the units, which GeoNames-based tools and the gold of
# toponym corpora use (some are the capital: Virginia's is Richmond).
ADMIN1_CENTRES: dict[tuple[str, str], tuple[float, float]] = {
    ("US", "Alabama"): (32.75, -86.75), ("US", "Alaska"): (64.0, -150.0), ("US", "Arizona"): (34.5, -111.5),
    ("US", "Arkansas"): (34.75, -92.5), ("US", "California"): (37.25, -119.75), ("US", "Colorado"): (39.0, -105.5),
    ("US", "Connecticut"): (41.67, -72.67), ("US", "Delaware"): (39.0, -75.5),
    ("US", "District of Columbia"): (38.92, -77.0), ("US", "Florida"): (28.75, -82.5),
    ("US", "Georgia"): (32.75, -83.5), ("US", "Hawaii"): (20.75, -156.5), ("US", "Idaho"): (44.5, -114.25),
    ("US", "Illinois"): (40.0, -89.25), ("US", "Indiana"): (40.0, -86.25), ("US", "Iowa"): (42.0, -93.5),
    ("US", "Kansas"): (38.5, -98.5), ("US", "Kentucky"): (38.2, -84.88), ("US", "Louisiana"): (31.0, -92.0),
    ("US", "Maine"): (45.5, -69.25), ("US", "Maryland"): (39.0, -76.75), ("US", "Massachusetts"): (42.37, -71.11),
    ("US", "Michigan"): (44.25, -85.5), ("US", "Minnesota"): (46.25, -94.25), ("US", "Mississippi"): (32.75, -89.75),
    ("US", "Missouri"): (38.25, -92.5), ("US", "Montana"): (47.0, -109.75), ("US", "Nebraska"): (41.5, -99.75),
    ("US", "Nevada"): (39.25, -116.75), ("US", "New Hampshire"): (43.67, -71.5), ("US", "New Jersey"): (40.17, -74.5),
    ("US", "New Mexico"): (34.5, -106.0), ("US", "New York"): (43.0, -75.5),
    ("US", "North Carolina"): (35.5, -80.0), ("US", "North Dakota"): (47.5, -100.5), ("US", "Ohio"): (40.25, -83.0),
    ("US", "Oklahoma"): (35.49, -97.5), ("US", "Oregon"): (44.0, -120.5), ("US", "Pennsylvania"): (40.27, -76.91),
    ("US", "Rhode Island"): (41.75, -71.5), ("US", "South Carolina"): (34.0, -81.0),
    ("US", "South Dakota"): (44.5, -100.25), ("US", "Tennessee"): (35.75, -86.25), ("US", "Texas"): (31.25, -99.25),
    ("US", "Utah"): (39.25, -111.75), ("US", "Vermont"): (44.0, -72.75), ("US", "Virginia"): (37.55, -77.45),
    ("US", "Washington"): (47.5, -120.5), ("US", "West Virginia"): (38.5, -80.5),
    ("US", "Wisconsin"): (44.5, -90.0), ("US", "Wyoming"): (43.0, -107.5),
    ("CA", "Alberta"): (54.5, -115.0), ("CA", "British Columbia"): (54.0, -125.0), ("CA", "Manitoba"): (55.0, -97.0),
    ("CA", "New Brunswick"): (46.5, -66.75), ("CA", "Newfoundland and Labrador"): (52.0, -56.0),
    ("CA", "Northwest Territories"): (64.83, -124.85), ("CA", "Nova Scotia"): (45.0, -63.0),
    ("CA", "Nunavut"): (70.3, -83.1), ("CA", "Ontario"): (49.25, -84.5), ("CA", "Prince Edward Island"): (46.25, -63.13),
    ("CA", "Quebec"): (52.0, -72.0), ("CA", "Saskatchewan"): (54.0, -106.0), ("CA", "Yukon"): (63.5, -135.5),
    # Australia's large states, whose towns crowd one coast (Perth, Adelaide, Sydney): 160-370 km off.
    ("AU", "Western Australia"): (-25.0, 122.0), ("AU", "South Australia"): (-30.0, 135.0),
    ("AU", "New South Wales"): (-33.0, 146.0),
}

# (country code, first-level unit as named in the index) -> other names in English copy.
ADMIN1_ALIASES: dict[tuple[str, str], tuple[str, ...]] = {
    ("GE", "Abkhazia"): ("Abkhaz",),
    ("MD", "Transnistria"): ("Transdniestria", "Pridnestrovie"),
    ("CD", "Bas-Congo"): ("Kongo Central", "Kongo-Central"),
    ("CD", "East Kasai"): ("Kasai-Oriental", "Kasai Oriental"),
    ("CD", "Kasai-Central"): ("Central Kasai",),
    # Cameroon's regions by their French names, as reports from Cameroon write them
    ("CM", "Far North"): ("Extreme-Nord", "Extrême-Nord", "Extreme Nord"),
    ("CM", "North-West"): ("Nord-Ouest",),
    ("CM", "South-West"): ("Sud-Ouest",),
    ("CM", "North"): ("Nord",),
    ("CM", "East"): ("Est",),
    ("CM", "West"): ("Ouest",),
    ("CM", "South"): ("Sud",),
    ("ET", "Oromiya"): ("Oromia",),
    # Myanmar's states by the English names of their peoples
    ("MM", "Kayin State"): ("Karen State", "Karen"),
    ("MM", "Kayah State"): ("Karenni State", "Karenni"),
    ("MM", "Rakhine"): ("Arakan", "Arakan State", "Rakhine State"),
    ("MM", "Mon"): ("Mon State",),
    ("MM", "Ayeyarwady"): ("Irrawaddy", "Ayeyarwady Region"),
    ("MM", "Magway"): ("Magway Region", "Magwe"),
    ("MM", "Yangon"): ("Yangon Region", "Rangoon"),
    ("UA", "Kharkivs’ka Oblast’"): ("Kharkiv Oblast", "Kharkiv region"),
    ("ET", "Bīnshangul Gumuz"): ("Benishangul-Gumuz", "Benishangul Gumuz"),
    ("LY", "Banghāzī"): ("Benghazi",),
    ("LY", "Mişrātah"): ("Misrata", "Misurata"),
    # Libya's districts as ACLED and OCHA spell them, the article run into the name
    ("LY", "Al Jafārah"): ("Aljfara", "Al Jfara", "Jafara", "Jfara", "Al Jifarah"),
    ("LY", "Al Marqab"): ("Almargeb", "Al Margeb", "Murqub", "Al Murqub"),
    ("LY", "Al Marj"): ("Almarj",),
    ("LY", "Al Kufrah"): ("Alkufra",),
    ("LY", "Al Jufrah"): ("Aljufra",),
    ("LY", "Al Wāḩāt"): ("Alwahat",),
    ("LY", "Az Zāwiyah"): ("Azzawya",),
    ("LY", "Ash Shāţiʼ"): ("Wadi Ashshati", "Wadi al Shatii", "Wadi Al Shati"),
    ("IQ", "Nineveh"): ("Ninewa", "Ninawa"),
    ("IQ", "Salah ad Din"): ("Saladin", "Salahuddin", "Salah al-Din", "Salah al Din", "Salahaddin"),
    ("IQ", "Bābil"): ("Babylon", "Babel"),
    ("IQ", "Dhi Qar"): ("Thi-Qar", "Thi Qar"),
    ("AF", "Jowzjan"): ("Jawzjan",),
    ("AF", "Ghowr"): ("Ghor",),
    ("AF", "Maidan Wardak Province"): ("Wardak", "Maidan Wardak"),
    ("ML", "Tombouctou"): ("Timbuktu",),
    ("SD", "Al Jazīrah"): ("Gezira", "Al Jazirah"),
    ("SD", "Al Qaḑārif"): ("Gedaref", "Gadarif"),
    ("SD", "Sinnār"): ("Sennar",),
    ("SO", "Banaadir"): ("Banadir", "Benadir"),
    ("SO", "Hiiraan"): ("Hiran",),
    ("SO", "Lower Shabeelle"): ("Lower Shabelle",),
    ("SO", "Middle Shabele"): ("Middle Shabelle",),
    ("YE", "Amanat Alasimah"): ("Amanat al-Asimah", "Sanaa City"),
    ("YE", "Muhafazat Hadramaout"): ("Hadramawt", "Hadramout", "Hadramaut", "Hadhramaut"),
    ("YE", "Ta‘izz"): ("Taiz",),
    ("YE", "Şa‘dah"): ("Saada", "Sadah"),
    ("YE", "Laḩij"): ("Lahj",),
    ("YE", "Aḑ Ḑāli‘"): ("Al Dhale", "Ad Dali", "Dhale"),
    ("YE", "Al Mahrah Governorate"): ("Al Maharah", "Al Mahra", "Mahra"),
    ("YE", "Soqatra"): ("Socotra",),
    # English names of units the admin data spells in German or in Russian transliteration
    ("DE", "Rheinland-Pfalz"): ("Rhineland-Palatinate",),
    ("RU", "Kabardino-Balkariya Republic"): ("Kabardino-Balkaria",),
    ("RU", "North Ossetia–Alania"): ("North Ossetia",),
    ("RU", "Karachayevo-Cherkesiya Republic"): ("Karachay-Cherkessia",),
    ("RU", "Ingushetiya Republic"): ("Ingushetia",),
    ("RU", "Mordoviya Republic"): ("Mordovia",),
    ("RU", "Udmurtiya Republic"): ("Udmurtia",),
    ("RU", "Kalmykiya Republic"): ("Kalmykia",),
    ("RU", "Adygeya Republic"): ("Adygea",),
    ("RU", "Buryatiya Republic"): ("Buryatia",),
    ("RU", "Khakasiya Republic"): ("Khakassia",),
    ("RU", "Republic of Tyva"): ("Tuva",),
    ("CA", "Newfoundland and Labrador"): ("Newfoundland",),
}

# Groups of words that mean the same compass direction at the start of a unit's name.
DIRECTION_WORDS: tuple[frozenset[str], ...] = (
    frozenset({"north", "nord", "northern"}),
    frozenset({"south", "sud", "southern"}),
    frozenset({"east", "est", "eastern"}),
    frozenset({"west", "ouest", "western"}),
)

# Name keys (geo.normalize.name_key) of former town names that are people's surnames.
PERSON_NAMED_ALTERNATES = frozenset(
    "molotov frunze gorky gorki kalinin zhdanov kuybyshev kuibyshev voroshilov voroshilovgrad "
    "ordzhonikidze chkalov sverdlov stalin stalino lenin kirov".split()
)
