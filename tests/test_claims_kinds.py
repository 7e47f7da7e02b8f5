"""Issue 15 item 4, general incident vocabulary: short articles about incidents other than shootings
(earthquakes, floods, storms, fires, explosions, bombings and attacks, plane / train / bus / ferry
crashes, mine and factory accidents, collapses, stampedes), our own wording in the manner of wire copy.

Each case is one article (a title line and a short body) with the article's figures a reader gets
(transforms.evaluation.best_values: the claim flagged claims.is_article_figure; no figure reads as 0)
for killed, injured and missing. The cases exercise the wordings of those incidents (death tolls that
rise, bodies recovered, lives claimed, perished / drowned / burned to death, dead or presumed dead,
counts of groups summed, missing and trapped people, the rescued and the evacuated who are not hurt)
and the figures that are not counts of the incident (magnitudes, ages, years, floors, flight numbers,
the toll of an earlier disaster). tests/test_claims_incidents.py checks single sentences' claims;
these are whole articles and their chosen figures.
"""

from __future__ import annotations

import polars as pl
import pytest

from tests.conftest import extract_texts
from transforms.evaluation import best_values

# name -> (title, body, killed, injured, missing)
CASES: dict[str, tuple[str, str, int, int, int]] = {
    # ------------------------------------------------------------ earthquakes
    "quake-toll-rose-with-injured": (
        "Earthquake kills dozens in hill towns",
        "The death toll from Tuesday's earthquake rose to 212, officials said, with more than 1,000 injured. "
        "The magnitude 6.8 quake struck at 4:12 a.m. local time about 30 kilometres below the surface.",
        212, 1001, 0),
    "quake-magnitude-and-storeys": (
        "Strong quake rattles coastal province",
        "At least 14 people were killed and 87 injured when a 7.1-magnitude earthquake struck the coastal "
        "province on Sunday. Many of the victims were crushed when a five-storey hotel collapsed.",
        14, 87, 0),
    "quake-bodies-recovered-and-missing": (
        "Rescuers pull bodies from quake rubble",
        "Rescuers recovered 14 bodies from the ruins of a market on Friday, bringing the number of dead "
        "to 61. At least 30 people were still missing, the disaster agency said.",
        61, 0, 30),
    "quake-earlier-disaster-toll": (
        "Quake is the deadliest in two decades",
        "Officials said 38 people died in the earthquake, the deadliest in the country since 2004, when "
        "230,000 people died in a tsunami. Another 112 were hurt.",
        38, 112, 0),
    "quake-year-of-earlier-quake": (
        "Quake shakes capital, four dead",
        "Tuesday's earthquake killed four people and damaged hundreds of buildings. In 1985, a quake of "
        "similar strength killed about 10,000 people in the capital.",
        4, 0, 0),
    "quake-magnitude-injuring": (
        "Moderate quake damages homes",
        "A magnitude 5.9 earthquake struck the island on Wednesday, injuring six people and damaging 300 "
        "houses, the civil protection agency said.",
        0, 6, 0),
    "quake-toll-rises-in-article": (
        "Quake kills 40 in border region",
        "An earthquake killed at least 40 people in the border region on Monday. Rescue teams worked "
        "through the night. By evening the toll had climbed to 73, with 400 people hurt.",
        73, 400, 0),
    "quake-trapped-under-rubble": (
        "Hotel collapses in quake",
        "At least 12 people were trapped under the rubble of a hotel that collapsed in the earthquake, "
        "the mayor said. Two guests were pulled out alive.",
        0, 0, 12),
    # ------------------------------------------------------------ floods, landslides
    "flood-killed-and-missing": (
        "Flash floods sweep through valley",
        "Flash floods killed 27 people and left at least 40 missing in the northern valley, the provincial "
        "government said on Wednesday. Several villages were cut off after rivers burst their banks.",
        27, 0, 40),
    "flood-drowned-rescued": (
        "Minibus swept off causeway",
        "Nine people drowned when their minibus was swept off a flooded causeway. Police said 11 "
        "passengers were rescued by villagers.",
        9, 0, 0),
    "flood-toll-risen-unaccounted": (
        "Flood toll rises to 64",
        "Torrential rain has killed 41 people across the region, officials said. By Monday night the toll "
        "had risen to 64, and 19 people remained unaccounted for.",
        64, 0, 19),
    "flood-two-children": (
        "Two children swept away by floodwaters",
        "Two children drowned after being swept away by floodwaters near their home on Thursday, police "
        "said. Their bodies were found a mile downstream.",
        2, 0, 0),
    "flood-dam-villagers-evacuated": (
        "Dam gives way after heavy rain",
        "The dam collapsed after days of heavy rain, flooding four villages. Seventeen villagers died and "
        "more than 300 families were evacuated.",
        17, 0, 0),
    "flood-worst-since": (
        "Floods kill 81",
        "Flooding has killed 81 people in the south of the country, the interior ministry said. It is the "
        "worst flood since 2010, when 1,700 people died.",
        81, 0, 0),
    "landslide-killing-missing": (
        "Landslide buries mountain village",
        "A landslide struck a mountain village before dawn, killing at least 25 people, while 60 others "
        "remain missing, officials said.",
        25, 0, 60),
    "flood-claimed-the-lives": (
        "Floods claim nine lives",
        "Flooding claimed the lives of 9 people in the district, among them a 6-year-old girl, the local "
        "administration said.",
        9, 0, 0),
    # ------------------------------------------------------------ storms, weather
    "tornado-killed-injured": (
        "Tornado tears through town",
        "A tornado killed five people and injured at least 30 others as it tore through the town late "
        "Saturday, the county emergency manager said. A 70-year-old woman was among the dead.",
        5, 30, 0),
    "typhoon-dead-missing-evacuated": (
        "Typhoon leaves trail of destruction",
        "Typhoon Mira left 19 people dead and 8 missing after it made landfall with winds of 185 km/h. "
        "More than 200,000 people were evacuated from coastal areas.",
        19, 0, 8),
    "storm-tree-on-car": (
        "Man killed by falling tree",
        "A man was killed when a tree fell on his car during the storm, police said. His passenger, a "
        "34-year-old woman, was injured.",
        1, 1, 0),
    "hurricane-toll-climbed": (
        "Hurricane toll climbs",
        "The hurricane's death toll climbed to 33 on Friday as search teams reached isolated communities. "
        "Officials said the number of dead could rise further.",
        33, 0, 0),
    "lightning-farmers": (
        "Lightning strikes farmers",
        "Lightning struck a group of farmers sheltering under a tree, killing three and injuring two, local "
        "officials said.",
        3, 2, 0),
    "blizzard-froze-to-death": (
        "Motorists die in blizzard",
        "Four motorists froze to death after their cars were stranded in the blizzard, the highway patrol "
        "said.",
        4, 0, 0),
    "heatwave-deaths": (
        "Heat wave deaths",
        "The heat wave has caused 14 deaths in the city this week, most of them elderly residents living "
        "alone, the health department said.",
        14, 0, 0),
    # ------------------------------------------------------------ fires
    "fire-firefighters-smoke-inhalation": (
        "Fire guts apartment block",
        "Three firefighters were treated for smoke inhalation after a fire swept through a 12-storey "
        "apartment block on Sunday. No residents were hurt.",
        0, 3, 0),
    "fire-nightclub": (
        "Nightclub blaze kills 41",
        "A fire at a crowded nightclub killed 41 people and injured 70, the interior minister said. "
        "Survivors said the blaze began when fireworks ignited the ceiling.",
        41, 70, 0),
    "fire-wildfire-homes-unaccounted": (
        "Wildfire destroys 1,200 homes",
        "The wildfire has destroyed 1,200 homes and killed 11 people, the state fire agency said. At least "
        "25 people are unaccounted for.",
        11, 0, 25),
    "fire-factory-burned-to-death-floors": (
        "Garment factory fire",
        "Sixteen garment workers burned to death when fire engulfed their factory on Tuesday. Another 28 "
        "were injured jumping from windows on the third and fourth floors.",
        16, 28, 0),
    "fire-hospital-patients-moved": (
        "Hospital fire kills eight",
        "Eight patients died in a fire in the intensive care unit of a hospital, officials said. Forty "
        "other patients were moved to safety.",
        8, 0, 0),
    "fire-elderly-couple-ages": (
        "Elderly couple die in house fire",
        "An 84-year-old man and his 81-year-old wife died in a fire at their home on Wednesday night, fire "
        "officials said.",
        2, 0, 0),
    "fire-tower-floor": (
        "Tower fire kills three",
        "A fire on the 23rd floor of a 40-storey residential tower killed three people early on Monday, "
        "the fire brigade said.",
        3, 0, 0),
    "fire-lost-their-lives-hostel": (
        "Fire claims five lives",
        "Five people lost their lives when fire broke out in a student hostel overnight, police said.",
        5, 0, 0),
    "fire-bus-tanker-burned": (
        "Bus catches fire after collision",
        "Eleven passengers burned to death when their bus caught fire after colliding with a fuel tanker "
        "on the highway.",
        11, 0, 0),
    # ------------------------------------------------------------ explosions
    "blast-workers": (
        "Explosion at chemical plant",
        "The blast killed six workers and injured 17 at the chemical plant on Monday, the company said.",
        6, 17, 0),
    "explosion-fireworks-claimed-lives": (
        "Fireworks warehouse explodes",
        "An explosion at a fireworks warehouse claimed the lives of 9 people, including two children, and "
        "wounded 23, police said.",
        9, 23, 0),
    "explosion-port-toll-about-wounded": (
        "Port blast toll rises",
        "The death toll from the port explosion rose to 154 on Thursday, the health ministry said, with "
        "about 5,000 wounded.",
        154, 5000, 0),
    "explosion-boiler-mill": (
        "Boiler explosion at textile mill",
        "A boiler exploded at a textile mill on Sunday, killing 7 workers and injuring 12 others, police "
        "said. The mill employs about 400 people.",
        7, 12, 0),
    "explosion-gas-survivors-hospitalised": (
        "Gas explosion flattens building",
        "A gas explosion destroyed a four-storey building in the city centre, killing two people. Rescuers "
        "pulled nine survivors from the debris; five of them were injured.",
        2, 5, 0),
    "explosion-gas-leak-hospital": (
        "Gas leak at fertiliser plant",
        "A toxic gas leak at a fertiliser plant killed two workers and injured 45 people, the district "
        "administrator said.",
        2, 45, 0),
    "explosion-suffered-burns": (
        "Refinery blast",
        "Two workers suffered severe burns in an explosion at the refinery on Friday, the company said.",
        0, 2, 0),
    # ------------------------------------------------------------ bombings and attacks
    "bombing-market": (
        "Suicide bombing at market",
        "A suicide bomber killed 31 people and wounded 52 at a crowded market on Friday, police said. No "
        "group claimed responsibility.",
        31, 52, 0),
    "bombing-soldiers-and-civilians": (
        "Roadside bomb hits convoy",
        "Five soldiers and three civilians were killed when a roadside bomb struck a military convoy, the "
        "army said. Four other soldiers were wounded.",
        8, 4, 0),
    "bombing-car-bomb-among-them": (
        "Car bomb outside police station",
        "A car bomb exploded outside a police station on Sunday, killing 12 people, among them seven "
        "officers, and injuring 40.",
        12, 40, 0),
    "attack-stabbing-station": (
        "Four stabbed at train station",
        "A man stabbed four people at a train station before police detained him. Two of the victims were "
        "in critical condition.",
        0, 4, 0),
    "attack-village-gunmen": (
        "Gunmen attack village",
        "Gunmen on motorcycles attacked a village overnight, killing at least 37 villagers, a local official "
        "said. Dozens of homes were burned.",
        37, 0, 0),
    "bombing-wedding-guests": (
        "Bomb at wedding hall",
        "A bomb blast at a wedding hall killed 63 guests and injured 182, the interior ministry said on "
        "Sunday.",
        63, 182, 0),
    "attack-truck-market": (
        "Truck plows into holiday market",
        "A truck plowed into a crowd at a holiday market, killing 12 and injuring 48, police said. The "
        "driver fled on foot.",
        12, 48, 0),
    "attack-police-and-civilians": (
        "Militants storm checkpoint",
        "The attack killed nine police officers and four civilians and wounded 20 others, the provincial "
        "police chief said.",
        13, 20, 0),
    # ------------------------------------------------------------ air crashes
    "plane-two-pilots-died": (
        "Cargo plane crashes after takeoff",
        "Two pilots died when a cargo plane crashed shortly after takeoff, the airline said. No one on the "
        "ground was hurt.",
        2, 0, 0),
    "plane-flight-number-all-aboard": (
        "Airliner crashes after takeoff",
        "Flight 302 crashed six minutes after takeoff, killing all 157 people on board, the airline said.",
        157, 0, 0),
    "plane-helicopter": (
        "Tourist helicopter crashes into river",
        "Five people were killed when a tourist helicopter crashed into the river on Sunday. The aircraft "
        "went down minutes after leaving the heliport.",
        5, 0, 0),
    "plane-runway-survived-hospital": (
        "Jet skids off runway",
        "The jet skidded off the runway in heavy rain. All 136 passengers and crew survived, though 21 "
        "were injured.",
        0, 21, 0),
    "plane-flight-447": (
        "Airliner lost over ocean",
        "All 228 people on board were killed when Flight 447 went down over the ocean, the airline said.",
        228, 0, 0),
    "plane-small-plane-fatalities": (
        "Small plane crash",
        "The crash of the small plane resulted in three fatalities and one injury, the aviation authority "
        "said.",
        3, 1, 0),
    # ------------------------------------------------------------ trains
    "train-derailed": (
        "Passenger train derails",
        "A passenger train derailed on Thursday, killing at least 36 people and injuring more than 100, "
        "railway officials said. Seven of the 12 carriages left the tracks.",
        36, 101, 0),
    "train-collision-driver-among-dead": (
        "Commuter trains collide",
        "Two commuter trains collided head-on outside the capital, killing 4 and injuring 79. The driver "
        "of one train was among the dead.",
        4, 79, 0),
    "train-level-crossing-of-aboard": (
        "Train hits minibus",
        "A train struck a minibus at a level crossing, killing 11 of the 14 people aboard. The three "
        "survivors were seriously injured.",
        11, 3, 0),
    # ------------------------------------------------------------ buses, roads
    "bus-ravine": (
        "Bus plunges into ravine",
        "The bus plunged into a ravine, killing 23 passengers, police said. Another 15 people were injured, "
        "five of them critically.",
        23, 15, 0),
    "bus-pilgrims-leaving-dead": (
        "Pilgrim bus overturns",
        "A bus carrying pilgrims overturned on a mountain road, leaving 14 dead and 30 injured.",
        14, 30, 0),
    "road-crash-claimed-lives": (
        "Highway pile-up",
        "The crash claimed 6 lives and left 10 people injured, the highway police said.",
        6, 10, 0),
    "road-crane-pedestrian": (
        "Crane collapses onto street",
        "A crane collapsed onto a busy street on Tuesday, killing a pedestrian and injuring six people.",
        1, 6, 0),
    # ------------------------------------------------------------ ferries, boats
    "ferry-capsized-rescued-bodies": (
        "Ferry capsizes on lake",
        "The ferry capsized with 120 aboard; 43 were rescued and 12 bodies recovered, the coast guard said.",
        12, 0, 0),
    "boat-migrants-drowned": (
        "Migrant boat sinks",
        "At least 60 migrants drowned when their boat sank off the coast, the UN refugee agency said. "
        "Twenty-five survivors were pulled from the water.",
        60, 0, 0),
    "boat-fishermen-missing-one-dead": (
        "Trawler collides with cargo ship",
        "One fisherman died and two others were missing after their trawler collided with a cargo ship "
        "overnight.",
        1, 0, 2),
    "ferry-dead-or-presumed-dead": (
        "River ferry sinks",
        "Thirty-one people are dead or presumed dead after an overloaded river ferry sank on Saturday, "
        "officials said.",
        31, 0, 0),
    "boat-rescued-in-good-health": (
        "Fishing vessel sinks",
        "Coast guard crews rescued 27 people from a sinking fishing vessel on Tuesday; all were in good "
        "health.",
        0, 0, 0),
    # ------------------------------------------------------------ mines, factories, construction
    "mine-methane-trapped-others": (
        "Coal mine explosion",
        "A methane explosion tore through a coal mine on Wednesday, killing 19 miners. Rescuers were trying "
        "to reach 7 others trapped 400 metres underground.",
        19, 0, 7),
    "mine-flooded-trapped": (
        "Miners trapped in flooded gold mine",
        "Twenty-nine miners remained trapped after water flooded a gold mine on Friday, state media said. "
        "Nine others escaped.",
        0, 0, 29),
    "mine-collapse-hospitalised": (
        "Copper mine collapse",
        "The collapse at the copper mine killed four workers, the company said, and two more were injured.",
        4, 2, 0),
    "construction-fell-to-their-deaths": (
        "Scaffolding gives way",
        "Three construction workers fell to their deaths when scaffolding gave way on the 27th floor of a "
        "tower, police said.",
        3, 0, 0),
    "sewer-suffocated": (
        "Workers die in sewage tank",
        "Seven workers suffocated while cleaning a sewage tank at a hotel, police said.",
        7, 0, 0),
    "power-linemen-electrocuted": (
        "Linemen killed repairing cables",
        "Two linemen were electrocuted while repairing power cables after the storm, the utility said.",
        2, 0, 0),
    # ------------------------------------------------------------ collapses, stampedes, crowds
    "collapse-factory-toll-rescued": (
        "Factory collapse toll climbs",
        "The death toll from the collapse of an eight-storey garment factory climbed to 380 on Sunday as "
        "rescuers recovered more bodies. About 2,500 people have been rescued.",
        380, 0, 0),
    "collapse-balcony-students": (
        "Balcony collapses during party",
        "Six students died and seven were seriously injured when a fourth-floor balcony collapsed during a "
        "party.",
        6, 7, 0),
    "stampede-stadium-dozens": (
        "Stadium stampede",
        "A stampede at a football stadium killed 17 fans and injured dozens, officials said.",
        17, 24, 0),
    "stampede-crushed-to-death": (
        "Temple stampede",
        "Four people were crushed to death in a stampede at a temple during a festival, police said.",
        4, 0, 0),
    "collapse-bridge-festival": (
        "Footbridge collapses",
        "At least 9 people died and 20 were injured when a pedestrian bridge collapsed during a festival, "
        "officials said.",
        9, 20, 0),
    "collapse-grandstand-dozens-hurt": (
        "Grandstand collapses at rodeo",
        "Dozens of people were hurt when a grandstand collapsed at a rodeo on Saturday, organisers said.",
        0, 24, 0),
    # ------------------------------------------------------------ other accidents
    "avalanche-skiers": (
        "Avalanche hits skiers",
        "An avalanche buried a group of skiers, killing four of them, the mountain rescue service said. Two "
        "others were injured.",
        4, 2, 0),
    "avalanche-climbers-perished": (
        "Climbers perish in avalanche",
        "Twelve climbers perished in the avalanche, the expedition organiser said.",
        12, 0, 0),
    "carbon-monoxide-family": (
        "Family found dead",
        "Five members of one family were found dead in their home, apparently poisoned by fumes from a "
        "generator.",
        5, 0, 0),
    "hikers-missing": (
        "Hikers missing after storm",
        "Three hikers were missing after a storm swept the mountain, the park service said.",
        0, 0, 3),
    "evacuated-no-deaths": (
        "Thousands flee rising river",
        "More than 10,000 residents were evacuated as the river rose; no deaths were reported.",
        0, 0, 0),
    "treated-for-injuries": (
        "Gas leak at school",
        "Sixty people were treated for injuries after a gas leak at the school, the fire service said.",
        0, 60, 0),
    "paramedics-treated": (
        "Roof collapse at market",
        "Paramedics treated 14 people for minor injuries after part of the market roof fell in.",
        0, 14, 0),
    "groups-adults-children": (
        "House fire kills five",
        "Two adults and three children died when fire tore through a house on Maple Street, fire officials "
        "said.",
        5, 0, 0),
    "groups-soldiers-policeman": (
        "Ambush kills four",
        "Three soldiers and a policeman were killed in an ambush near the border, the army said.",
        4, 0, 0),
    "ferry-toll-raised-bodies": (
        "Ferry toll rises",
        "Divers recovered 20 more bodies on Wednesday, raising the death toll from the ferry sinking to 95. "
        "At least 40 people are still missing.",
        95, 0, 40),
    "mine-toll-bringing": (
        "Seven dead in mine blast",
        "Rescuers recovered two more bodies overnight, bringing the death toll from the mine explosion to "
        "nine.",
        9, 0, 0),
    # ------------------------------------------------------------ more wordings and distractors
    "toll-put-at": (
        "Mudslide toll rises",
        "Officials put the number of dead at 48 on Thursday after a mudslide buried part of the town. "
        "Crews had searched 200 homes.",
        48, 0, 0),
    "confirmed-dead-and-missing": (
        "Building collapses in market district",
        "Three people are confirmed dead and four are missing after a six-storey building collapsed in "
        "the market district, the fire department said.",
        3, 0, 4),
    "left-dead-and-dozens-injured": (
        "Gas blast in apartment block",
        "The explosion left 3 people dead and dozens injured, the city's emergency service said.",
        3, 24, 0),
    "hurt-three-of-them-seriously": (
        "Tram derails",
        "Eighteen people were hurt, three of them seriously, when a tram derailed on a bend on Friday "
        "evening.",
        0, 18, 0),
    "headline-kills-injures": (
        "Gas blast kills 3, injures 12",
        "A gas explosion at a restaurant killed three people and injured 12 others on Saturday, police "
        "said.",
        3, 12, 0),
    "ferry-carrying-passengers": (
        "Overloaded ferry sinks",
        "A ferry carrying 300 passengers sank in rough seas; at least 40 people drowned and 210 were "
        "rescued, the navy said.",
        40, 0, 0),
    "firefighters-battled-no-casualty": (
        "Wildfire spreads",
        "Some 3,000 firefighters battled the wildfire on Sunday, and two of them were injured by falling "
        "trees.",
        0, 2, 0),
    "toll-stood-at-dead-wounded": (
        "Bombing toll",
        "The toll from the bombing stood at 17 dead and 45 wounded on Monday, the health ministry said.",
        17, 45, 0),
    "hospitalised-after-fire-smoke": (
        "Hotel fire",
        "Six guests were hospitalised after inhaling smoke in a fire at the hotel, the fire service said.",
        0, 6, 0),
    "earlier-years-flood": (
        "River bursts its banks",
        "Floodwaters killed six people on Tuesday. Last year's floods killed more than 200 people in the "
        "same province.",
        6, 0, 0),
    "bodies-of-hikers": (
        "Bodies of missing hikers found",
        "Searchers found the bodies of 6 hikers on the mountain on Wednesday, the police said.",
        6, 0, 0),
    "crew-members-killed": (
        "Helicopter crash kills crew",
        "All four crew members were killed when the rescue helicopter crashed into the sea, the coast "
        "guard said.",
        4, 0, 0),
    "train-magnitude-floor-distractors": (
        "Quake derails train",
        "A 6.4-magnitude earthquake derailed a train near the coast, injuring 27 passengers, two of them "
        "seriously. The quake was felt on the 30th floor of buildings in the capital.",
        0, 27, 0),
}


@pytest.fixture(scope="module")
def figures(nlp):
    names = list(CASES)
    texts = [f"{CASES[n][0]}\n{CASES[n][1]}" for n in names]
    claims = extract_texts(nlp, texts, titles=[CASES[n][0] for n in names])
    ids = {f"a{i}": n for i, n in enumerate(names)}
    out = {n: {} for n in names}
    for claim_type in ("killed", "injured", "missing"):
        for article_id, value in best_values(claims, claim_type).iter_rows():
            out[ids[article_id]][claim_type] = value
    return out


@pytest.mark.parametrize("name", list(CASES))
def test_article_figures_of_other_incidents(figures, name):
    _, _, killed, injured, missing = CASES[name]
    got = figures[name]
    assert (got.get("killed", 0), got.get("injured", 0), got.get("missing", 0)) == (killed, injured, missing)
