"""The article bank's facts: the fall of the caliphate.

Where the article slips (it says the SDF had "support from Russia and Iran"), the bank does
not teach the slip as a fact: it asks the reader to catch it (``sdf-backers-slip``).
"""

from __future__ import annotations

from question_bank.article.builder import (
    FactSpec,
    cloze,
    fact,
    mc,
    mr,
    num,
    short,
    tf,
)
from question_bank.article.categories import CAUSES_AND_CLAIMS as UNDERSTANDING

FACTS: tuple[FactSpec, ...] = (
    fact(
        "headline-end-of-territory",
        UNDERSTANDING,
        "When the end isn't really the end: What the defeat of ISIS really means\n\n"
        "The Islamic State (ISIS) has fallen.",
        mc(
            "q-headline-end-mc",
            'The article opens by saying ISIS "has fallen", under a headline saying the end '
            "\"isn't really the end\". What, by the article's account, has come to an end?",
            "The caliphate's hold on territory, not the group",
            (
                "The group itself, though its ideas live on",
                "No: the article expects ISIS to keep fighting as an insurgent group, not "
                "only to survive as ideas.",
            ),
            (
                "The war in Syria, though the refugees have not yet returned",
                "No: the article says refugees are beginning to return, and Syria still "
                "needs a political settlement.",
            ),
            (
                "The US military presence, though its allies stay on",
                "No: the US reversed its withdrawal and kept 200 troops in Syria.",
            ),
        ),
        front='The article says ISIS "has fallen" but that the end "isn\'t really the '
        'end". What has actually ended?',
        back="ISIS's hold on territory (its caliphate), not the group itself",
        note="The fall of Baghouz ends the caliphate as a territory. The article argues that "
        "ISIS itself goes on: it has existed longer without territory than with it and will "
        "morph back into an insurgent group.",
        tags=("understanding", "thesis", "caliphate"),
    ),
    fact(
        "caliphate-eight-months",
        "outcome",
        "was declared as defeated after taking a battering over the last eight months",
        num(
            "q-caliphate-eight-months-num",
            "Over how many months, according to the article, had the caliphate taken a "
            "battering before it was declared defeated?",
            8,
            display="8 (eight months)",
        ),
        front="How long had ISIS's self-styled caliphate been battered before it was declared "
        "defeated?",
        back="Eight months",
        note="The article's own figure: the caliphate had taken a battering over the last "
        "eight months when it was declared defeated.",
        tags=("caliphate", "final-offensive"),
    ),
    fact(
        "caliphate-extent",
        "outcome",
        "which once stretched over thousands of kilometres and ruled over millions",
        mc(
            "q-caliphate-extent-mc",
            "How does the article describe the caliphate at its height?",
            "It spanned thousands of kilometres and ruled millions",
            (
                "It spanned hundreds of kilometres and ruled millions",
                "It stretched over thousands of kilometres, not hundreds.",
            ),
            (
                "It spanned thousands of kilometres and ruled thousands",
                "It ruled over millions of people, not thousands.",
            ),
            (
                "It spanned hundreds of kilometres and ruled thousands",
                "Both figures are too small: thousands of kilometres, millions of people.",
            ),
        ),
        front="How large was ISIS's self-styled caliphate at its height, according to the article?",
        back="It stretched over thousands of kilometres and ruled over millions of people",
        note="The article sets the caliphate at its height (thousands of kilometres, millions "
        "of people) against its end: tents and buildings over 1.5 square miles in Baghouz.",
        tags=("caliphate",),
    ),
    fact(
        "baghouz-last-stronghold",
        "place",
        "the last leg of the offensive reduced its territory to tents and buildings over just "
        "1.5 square miles in Baghouz",
        mc(
            "q-baghouz-mc",
            "In which place was ISIS's territory finally shrunk to a few tents and buildings?",
            "Baghouz",
            (
                "Raqqa",
                "Raqqa is one of the earlier major battles the article names, not the last stand.",
            ),
            ("Mosul", "Mosul, in Iraq, was an earlier major battle, retaken long before."),
            (
                "Abu Kamal",
                "Abu Kamal is a Syrian border town near Baghouz; the article does not mention it.",
            ),
        ),
        short(
            "q-baghouz-sa",
            "Name the place in eastern Syria where the caliphate's last fighters were cornered.",
            "Baghouz",
            "Baghuz",
            "Al-Baghuz",
            feedback="Baghouz, in Deir ez-Zor province, near the Iraqi border: the last ISIS "
            "fighters were cornered in a tent camp on its edge.",
        ),
        front="Where did ISIS make its last stand in Syria?",
        back="Baghouz, in eastern Syria",
        note="The last leg of the offensive reduced the caliphate to tents and buildings in "
        "Baghouz, in Syria's eastern Deir ez-Zor province.",
        tags=("baghouz", "final-offensive"),
    ),
    fact(
        "territory-1-5-square-miles",
        "outcome",
        "reduced its territory to tents and buildings over just 1.5 square miles",
        num(
            "q-territory-area-num",
            "Before the defeat of ISIS was declared, the last leg of the offensive had shrunk "
            "its territory in Baghouz to tents and buildings over how many square miles?",
            1.5,
            display="1.5 square miles",
        ),
        front="To how small an area had ISIS's territory shrunk just before its defeat was "
        "declared?",
        back="Tents and buildings over about 1.5 square miles in Baghouz",
        note="1.5 square miles is what ISIS still held in Baghouz when the last leg of the "
        "offensive was done, before the defeat was declared; once the tent camp was "
        "destroyed it held no territory at all.",
        tags=("baghouz", "final-offensive"),
    ),
    fact(
        "baghouz-deir-ez-zor",
        "place",
        "Baghouz, located in the country's eastern Deir ez-Zor province",
        mc(
            "q-deir-ez-zor-mc",
            "In which Syrian province is Baghouz located?",
            "Deir ez-Zor",
            (
                "Raqqa",
                "Raqqa province, to the north-west, held ISIS's former capital, not Baghouz.",
            ),
            ("Hasakah", "Hasakah is Syria's north-eastern province, north of Deir ez-Zor."),
            ("Aleppo", "Aleppo is in the north-west of Syria, far from Baghouz."),
        ),
        cloze(
            "q-deir-ez-zor-cloze",
            "Baghouz is located in Syria's eastern {{1}} province.",
            ("Deir ez-Zor", "Deir ez Zor", "Deir al-Zor", "Deir el-Zour", "Deir Ezzor"),
        ),
        front="In which Syrian province is Baghouz?",
        back="Deir ez-Zor, in eastern Syria",
        note="Baghouz lies in Deir ez-Zor, the eastern province along the Euphrates, near the "
        "Iraqi border.",
        tags=("baghouz",),
    ),
    fact(
        "coalition-declared-defeat",
        "actor",
        "The US-led coalition forces, which led renewed efforts, declared the defeat of ISIS "
        "regime in Syria",
        tf(
            "q-coalition-declared-tf",
            "The article reports that it was the Syrian government that announced the end of "
            "the ISIS regime in Syria.",
            False,
            if_wrong="Not the Syrian government: the US-led coalition forces, which had led "
            "the renewed push, declared the defeat. The article says only that the Syrian "
            'government is "close to declaring victory" in its own war.',
        ),
        front="Which forces, having led renewed efforts, declared the defeat of the ISIS regime "
        "in Syria?",
        back="The US-led coalition forces",
        note="The defeat was declared by the US-led coalition forces (and, on the ground, by "
        "the SDF), not by the Syrian government.",
        tags=("coalition",),
    ),
    fact(
        "sdf-kurdish-led",
        "actor",
        "Forwarding the coalition's cause was the Kurdish-led Syrian Democratic Forces (SDF)",
        short(
            "q-sdf-name-sa",
            "What does the abbreviation SDF stand for?",
            "Syrian Democratic Forces",
            "Syrian Democratic Force",
            feedback="SDF: the Syrian Democratic Forces, the Kurdish-led force that carried "
            "the coalition's cause on the ground.",
        ),
        cloze(
            "q-sdf-kurdish-cloze",
            "Forwarding the coalition's cause on the ground was the {{1}}-led Syrian Democratic "
            "Forces.",
            ("Kurdish", "Kurd", "Kurds"),
            feedback="The SDF is Kurdish-led; Arab tribes fought alongside the Kurds in it.",
        ),
        front="Who forwarded the coalition's cause on the ground?",
        back="The Kurdish-led Syrian Democratic Forces (SDF)",
        note="The Kurdish-led Syrian Democratic Forces (SDF) carried the US-led coalition's "
        "cause on the ground.",
        tags=("sdf",),
    ),
    fact(
        "sdf-backers-slip",
        UNDERSTANDING,
        "Forwarding the coalition's cause was the Kurdish-led Syrian Democratic Forces (SDF) "
        "with support from Russia and Iran, who have been engaged in regaining control of "
        "Syrian territory from armed rebel groups.",
        mc(
            "q-sdf-backers-slip-mc",
            'The article says the SDF fought "with support from Russia and Iran, who have been '
            'engaged in regaining control of Syrian territory from armed rebel groups". What '
            "should a careful reader make of this?",
            (
                "A slip: the clause describes Damascus's allies, not the SDF's",
                "Right: Russia and Iran help the Syrian government win back land from the "
                "rebels, and the article elsewhere calls the SDF US-backed.",
            ),
            (
                "A fact: the article later shows Russia fighting beside the SDF",
                'No: at Baghouz Russia was "on the other side of the river" from the SDF\'s '
                'advance, and the SDF is called "the US-backed group".',
            ),
            (
                "A fact: Iran's help is why the US kept 200 troops in Syria",
                'No: the US kept troops to stop Iran "filling the vacuum": Iran is a rival '
                "there, not the SDF's backer.",
            ),
            (
                "A slip: the SDF is an Arab force, not a Kurdish-led one",
                'No: the article calls the SDF "Kurdish-led" and nothing contradicts it; the '
                "doubtful part is who backed it.",
            ),
        ),
        mr(
            "q-sdf-backing-evidence-mr",
            "Which details in the article point to the SDF being backed by the United States "
            "rather than by Russia and Iran? Choose all that apply.",
            [
                (
                    'Its spokesman is called spokesman of "the US-backed group"',
                    "Right: the article's own description of the SDF.",
                ),
                (
                    "It is said to be forwarding the US-led coalition's cause",
                    "Right: the SDF carried the coalition's fight on the ground.",
                ),
                (
                    "US troops deterred a clash between Turkey and the SDF",
                    'Right: the article calls Turkey and the SDF "the two US allies".',
                ),
            ],
            [
                (
                    "Russia advanced beside it from the east and the west",
                    "No: the SDF and the Syrian regime closed in from the east and the west; "
                    "Russia was across the river.",
                ),
                (
                    "Iran paid for the offensive it launched on the Euphrates",
                    "No: the article says nothing of the kind; the US stayed partly to keep "
                    "Iran out.",
                ),
            ],
        ),
        front='The article says the SDF had "support from Russia and Iran, who have been '
        'engaged in regaining control of Syrian territory from armed rebel groups". Why '
        "should a reader doubt it?",
        back='It contradicts the article itself, which calls the SDF "the US-backed group"',
        note="Russia and Iran back the Syrian government, which is regaining territory from "
        "rebel groups: the sentence's own clause. The article itself calls the SDF \"the "
        "US-backed group\" forwarding the coalition's cause, and says the US kept troops partly "
        "to keep Iran out. The sentence is a slip, not a fact to learn.",
        tags=("understanding", "critical-reading", "sdf"),
    ),
    fact(
        "offensive-launched-september-2018",
        "date",
        "In September 2018, the SDF launched a major offensive in a small area along the "
        "Euphrates river to defeat ISIS",
        mc(
            "q-offensive-launch-mc",
            "When did the SDF launch its major offensive along the Euphrates to defeat ISIS?",
            "September 2018",
            ("October 2018", "October 2018 is when a Turkish threat stopped the operation."),
            ("December 2018", "December 2018 is when the US announced full withdrawal."),
            ("February 2019", "Late February 2019 is when the stalled offensive restarted."),
        ),
        short(
            "q-offensive-launch-sa",
            "In which month and year did the SDF launch the offensive that ended at Baghouz?",
            "September 2018",
            "Sept 2018",
            "Sep 2018",
        ),
        front="When did the SDF launch its final major offensive against ISIS?",
        back="September 2018",
        note="The offensive began in September 2018, was stopped by a Turkish threat in "
        "October, jeopardised by the US withdrawal announced in December and restarted in "
        "late February 2019.",
        tags=("sdf", "final-offensive"),
    ),
    fact(
        "euphrates-river",
        "place",
        "a major offensive in a small area along the Euphrates river",
        mc(
            "q-euphrates-mc",
            "Along which river was the small area where the SDF launched its offensive?",
            "The Euphrates",
            ("The Tigris", "The Tigris flows through Mosul, in Iraq, not through Baghouz."),
            ("The Orontes", "The Orontes runs through western Syria, far from Deir ez-Zor."),
            (
                "The Shatt al-Arab",
                "The Shatt al-Arab is far downstream in southern Iraq, where the Euphrates "
                "and the Tigris meet.",
            ),
        ),
        front="Along which river did the SDF's final offensive take place?",
        back="The Euphrates",
        note="The offensive ran along the Euphrates in Deir ez-Zor; Baghouz's last camp lay "
        "on the river's eastern side.",
        tags=("final-offensive",),
    ),
    fact(
        "us-withdrawal-hitch",
        "outcome",
        "that met with a hitch after the US announced it would withdraw its troops from Syria, "
        "throwing the entire operation in jeopardy",
        tf(
            "q-withdrawal-hitch-tf",
            "Washington's announcement that US troops would leave Syria put the whole SDF "
            "offensive at risk.",
            True,
            if_wrong="It is true: the offensive met with a hitch when the US announced it "
            "would withdraw its troops, which threw the whole operation in jeopardy.",
        ),
        front="What threw the SDF's offensive into jeopardy?",
        back="The US announcement that it would withdraw its troops from Syria",
        note="Without US troops the SDF would have lost its protection against Turkey; the "
        "announced withdrawal (December 2018) put the offensive at risk until it was reversed "
        "in February 2019.",
        tags=("us-policy", "final-offensive"),
    ),
    fact(
        "offensive-restarted-late-february",
        "date",
        "Late February, however, the offensive restarted",
        mc(
            "q-offensive-restart-mc",
            "When did the offensive restart, at a pace unlike any of the earlier major battles?",
            "Late February 2019",
            ("Early March 2019", "Early March 2019 is when the Guardian described Baghouz."),
            ("Late December 2018", "December 2018 brought the US withdrawal announcement."),
            ("Mid-October 2018", "In October 2018 a Turkish threat had stopped the operation."),
        ),
        front="When did the SDF's stalled offensive against ISIS restart?",
        back="Late February 2019",
        note='The article says "Late February": the year is 2019, after the offensive of '
        "September 2018 had stalled.",
        tags=("final-offensive",),
    ),
    fact(
        "earlier-battles-mosul-raqqa",
        "place",
        "at a pace unlike any of the earlier major battles for Mosul and Raqqa",
        mr(
            "q-earlier-battles-mr",
            "The restarted offensive moved at a pace unlike the earlier major battles for which "
            "cities?",
            [("Mosul", "Right: a major earlier battle, in Iraq."), ("Raqqa", "Right.")],
            [
                ("Kobani", "Kobani was the turning point, but not one the article compares."),
                ("Aleppo", "The article does not mention Aleppo."),
            ],
        ),
        front="The restarted offensive moved at a pace unlike which earlier major battles?",
        back="The battles for Mosul and Raqqa",
        note="The article compares the pace of the final push with the earlier major battles "
        "for Mosul and Raqqa.",
        tags=("final-offensive",),
    ),
    fact(
        "baghouz-hardened-fighters",
        "outcome",
        "It has been the most bitter phase, as villages of Baghouz housed the group's most "
        "hardened fighters and leaders.",
        mc(
            "q-bitter-phase-mc",
            "Why, according to the article, was the fight for Baghouz the most bitter phase?",
            "Its villages sheltered the toughest fighters and leaders",
            (
                "Its villages lay right on the border with Turkey",
                "Baghouz lies near the Iraqi border; Kobani is the city on the Turkish border.",
            ),
            (
                "The SDF had to fight there with no air support of any kind",
                "The coalition's aircraft bombarded the enclave throughout.",
            ),
            (
                "ISIS had hidden its oil revenue in its villages",
                "The article mentions ISIS's oil exports only for its proto-state.",
            ),
        ),
        front="Why was Baghouz the most bitter phase of the offensive?",
        back="Its villages housed the group's most hardened fighters and leaders",
        note="The last villages held the most hardened fighters and leaders, and with nowhere "
        "else to run many fought to the end.",
        tags=("baghouz",),
    ),
    fact(
        "fight-to-bitter-end",
        UNDERSTANDING,
        "With nowhere else to run, many decided to fight to the bitter end, leading to massive "
        "casualties on both sides.",
        mc(
            "q-bitter-end-casualties-mc",
            "Why, according to the article, were there massive casualties on both sides in the "
            "final phase?",
            "Cornered fighters with no way out chose to fight on",
            (
                "The coalition bombed the villages without warning",
                "The enclave was bombarded, but the article explains the casualties by "
                "fighters who had nowhere to run.",
            ),
            (
                "ISIS fighters were reinforced from across the river by boat",
                'No: they were trapped, "with nowhere to go", and Russia held the other side '
                "of the river.",
            ),
            (
                "The SDF attacked before the civilians had left",
                "The article says the civilians slowed the advance and were let out; it does "
                "not blame the casualties on that.",
            ),
        ),
        front="Why were casualties so heavy on both sides in the battle for Baghouz?",
        back="With nowhere else to run, many ISIS fighters chose to fight to the bitter end",
        note="Trapped in the last villages with nowhere else to run, many ISIS fighters fought "
        "to the end, which cost both sides dearly.",
        tags=("understanding", "baghouz", "casualties"),
    ),
    fact(
        "sdf-lost-11000",
        "outcome",
        "The SDF said Saturday that it had lost 11,000 fighters over the course of the operation.",
        num(
            "q-sdf-losses-num",
            "How many fighters did the SDF say it had lost over the course of the operation?",
            11000,
            display="11,000",
        ),
        mc(
            "q-sdf-losses-mc",
            "What did the SDF say on Saturday that it had lost over the course of the operation?",
            "11,000 fighters",
            ("5,000 fighters", "5,000 is the ISIS fighters among those who surrendered."),
            ("1,190 fighters", "1,190 is the civilian deaths the coalition admitted to."),
            ("30,000 fighters", "More than 30,000 is the coalition's count of air strikes."),
        ),
        front="How many fighters did the SDF say it lost in the operation?",
        back="11,000",
        note="The figure is the SDF's own, given on a Saturday: 11,000 of its fighters lost "
        "over the course of the operation.",
        tags=("sdf", "casualties"),
    ),
    fact(
        "mustafa-bali-spokesman",
        "actor",
        "said Mustafa Bali, spokesman of the US-backed group",
        short(
            "q-bali-sa",
            'Who, as spokesman of the SDF, announced the "total elimination of so-called '
            'caliphate"?',
            "Mustafa Bali",
            "Mustefa Bali",
            "Bali",
        ),
        mc(
            "q-bali-mc",
            "Mustafa Bali was the spokesman of which group?",
            "The Syrian Democratic Forces (SDF)",
            (
                "The People's Protection Units (YPG)",
                "The YPG is the Kurdish force of the Kobani resistance; Bali spoke for the SDF.",
            ),
            ("The US-led coalition", "Bali spoke for the SDF, the coalition's ally on the ground."),
            ("The Syrian government", "Bali's SDF was US-backed, not Damascus's force."),
        ),
        front='Mustafa Bali announced the "total elimination" of ISIS\'s caliphate. Which '
        "group was he the spokesman of?",
        back="The US-backed Syrian Democratic Forces (SDF)",
        note='Mustafa Bali was the spokesman of the SDF, which the article calls "the '
        'US-backed group".',
        tags=("sdf",),
    ),
    fact(
        "sdf-100-percent-claim",
        "outcome",
        "Syrian Democratic Forces declare total elimination of so-called caliphate and 100 per "
        "cent territorial defeat of Isis",
        cloze(
            "q-sdf-claim-cloze",
            "The SDF's spokesman declared the \"total elimination of so-called caliphate and "
            '100 per cent {{1}} defeat of Isis".',
            ("territorial",),
        ),
        front='The SDF declared the "total elimination of so-called caliphate and 100 per '
        'cent ___ defeat of Isis". Which word qualified the defeat?',
        back='"territorial": a defeat on the map, not of the group',
        note='The SDF claimed a "territorial" defeat: ISIS lost its land. Trump\'s "100% '
        'defeated" drops that word, and the article sides with the experts who call it '
        "hubris: ISIS fights on as an insurgency.",
        tags=("sdf", "claims"),
    ),
)
