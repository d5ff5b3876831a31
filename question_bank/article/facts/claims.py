"""The article bank's facts: causes and claims, the questions of understanding.

Each of these asks why, what follows, or whose word it is, rather than what the sentence
says: the article's thesis (a territorial defeat is not the end of ISIS), why ISIS persists,
its critique of the coalition, why India should care, who claims what, and the order of the
last campaign.  Every fact is in the category "causes and claims" and tagged "understanding",
so the mark survives any export (GIFT, Moodle XML, JSON keep categories and tags).

The causes on the political front (Turkey, the US withdrawal and its reversal) and the
timeline to put in order are in ``claims_timeline``.
"""

from __future__ import annotations

from collections.abc import Iterable

from question_bank.article.builder import FactSpec, QuestionSpec, fact, mc, mr, short, tf
from question_bank.article.categories import CAUSES_AND_CLAIMS, UNDERSTANDING


def claim(
    fact_id: str,
    quote: str,
    *questions: QuestionSpec,
    front: str,
    back: str,
    tags: Iterable[str] = (),
    note: str = "",
) -> FactSpec:
    """A fact of the category "causes and claims", tagged "understanding"."""
    return fact(
        fact_id,
        CAUSES_AND_CLAIMS,
        quote,
        *questions,
        front=front,
        back=back,
        tags=(UNDERSTANDING, *tags),
        note=note,
    )


SDF_DECLARATION = (
    "Syrian Democratic Forces declare total elimination of so-called caliphate and 100 per "
    "cent territorial defeat of Isis"
)

INDIA_AGENCIES = (
    "Intelligence agencies have been on tenterhooks about the rising influence of ISIS, "
    "tracking its growth on Indian soil."
)
INDIA_VIGILANCE = (
    "They have also grown more vigilant of ISIS modules cropping up on the radar and kept a "
    "close watch on sympathisers, who show a greater propensity for radicalisation by its "
    "Sunni jihadist ideologies."
)

THESIS: tuple[FactSpec, ...] = (
    claim(
        "thesis-territory-not-the-end",
        "So eliminating it geographically is not good enough, as it will morph back from a "
        "caliphate into an insurgent group.",
        mc(
            "q-thesis-mc",
            "Which statement best sums up the article's argument about the fall of ISIS's last "
            "territory in Syria?",
            (
                "Losing its land does not mean ISIS is finished",
                'Right: "When the end isn\'t really the end". ISIS "will morph back from a '
                'caliphate into an insurgent group".',
            ),
            (
                "The caliphate's fall means the war in Syria is over",
                "The article expects ISIS to go on as an insurgency, and says only that the "
                "Syrian government is close to declaring victory.",
            ),
            (
                "Kurdish forces, not the coalition, defeated ISIS",
                "The article credits both: the Kurdish-led SDF forwarded the coalition's "
                "cause. Who won is not its point; what comes next is.",
            ),
            (
                "The US withdrawal let ISIS hold on to Baghouz",
                "The withdrawal threw the operation in jeopardy for a while, but ISIS lost "
                "Baghouz all the same.",
            ),
        ),
        front="What is the article's main argument about ISIS losing its last territory in "
        "Syria in 2019?",
        back="That losing its territory does not end ISIS",
        tags=("thesis",),
    ),
    claim(
        "sdf-claim-territorial-only",
        "100 per cent territorial defeat of Isis",
        mc(
            "q-territorial-wording-mc",
            'The SDF declared the "100 per cent territorial defeat" of ISIS; Trump had claimed '
            'that ISIS was "100% defeated". How do the two claims differ, as the article '
            "presents them?",
            (
                "The SDF's claim covers only the land ISIS held",
                'Right: "territorial" limits it to the caliphate\'s land, which is why the '
                'headline says the end "isn\'t really the end".',
            ),
            (
                "Trump's claim covers only ISIS's forces in Syria",
                'Trump\'s "100% defeated" has no limit at all: it is the broader claim, the '
                "one experts call the height of hubris.",
            ),
            (
                "The SDF counts ISIS in Iraq as well as Syria",
                "The SDF spoke of the so-called caliphate's territory; the difference is the "
                'word "territorial", not the country.',
            ),
            (
                "They differ in the figure each of them gives",
                'Both say 100; what differs is the word "territorial", which the SDF used and '
                "Trump did not.",
            ),
            quote=SDF_DECLARATION,
        ),
        mc(
            "q-who-said-territorial-mc",
            'Who, according to the article, declared the "100 per cent territorial defeat" of '
            "ISIS?",
            (
                "The SDF, through its spokesman",
                "Right: Mustafa Bali, spokesman of the SDF, said it.",
            ),
            (
                "Donald Trump, returning from Vietnam",
                'Trump\'s words were "100% defeated", with no "territorial" in them.',
            ),
            (
                "Experts the article quotes",
                'The experts say that calling ISIS "100% defeated" would be the height of '
                "hubris; they made no declaration.",
            ),
            (
                "The US-led coalition's command",
                "The coalition declared the defeat of the ISIS regime in Syria, but these "
                "words are the SDF's, given by its spokesman.",
            ),
            quote=SDF_DECLARATION,
        ),
        tf(
            "q-territorial-tf",
            'By calling the defeat "territorial", the SDF stopped short of claiming that ISIS '
            "had been wiped out as a movement.",
            True,
            if_wrong='The SDF declared the end of the "so-called caliphate" and its '
            '"territorial defeat": the land, not the group, which the article expects to '
            "live on as an insurgency.",
            quote=SDF_DECLARATION,
        ),
        front='What does the word "territorial" in the SDF\'s declaration of "100 per cent '
        'territorial defeat" of ISIS leave open?',
        back="That ISIS may live on without territory",
        note='The SDF spoke of a "territorial" defeat; Trump said "100% defeated".',
        tags=("thesis", "attribution"),
    ),
    claim(
        "experts-hubris-reason",
        'However, to suggest that ISIS has been "100% defeated" would be the height of hubris, '
        "claim experts. Even though the loss of territory marks a huge military defeat for "
        "ISIS, it will not disappear but continue to wreak havoc and death in areas it used to "
        "control, once again.",
        mc(
            "q-hubris-reason-mc",
            'Why, according to the experts the article cites, would it be "the height of '
            'hubris" to call ISIS "100% defeated"?',
            (
                "It will keep killing in the areas it once ruled",
                'Right: it "will not disappear but continue to wreak havoc and death in areas '
                'it used to control".',
            ),
            (
                "ISIS still held a tent camp on the edge of Baghouz",
                "Coalition forces destroyed that camp; the experts' point is what ISIS does "
                "once it holds no land at all.",
            ),
            (
                "The SDF had lost 11,000 fighters in the operation",
                "That is the cost of the victory, not a reason to doubt it.",
            ),
            (
                "US troops were still needed to hold Baghouz",
                "The US kept 200 troops to keep Iran out and calm the SDF-Turkey conflict; "
                "the article says nothing of holding Baghouz.",
            ),
        ),
        front='Why do experts call it "the height of hubris" to say that ISIS is "100% defeated"?',
        back="ISIS will not disappear with its territory",
        tags=("thesis", "attribution"),
    ),
)

PERSISTENCE: tuple[FactSpec, ...] = (
    claim(
        "isis-outlasts-territory",
        "ISIS is likely to remain a potent force in both Iraq and Syria. It has, after all, "
        "existed longer without territory than with it.",
        mr(
            "q-why-persists-mr",
            "Which reasons does the article give for expecting ISIS to survive the loss of its "
            "territory? Choose all that apply.",
            [
                (
                    "It has existed longer without territory than with it",
                    'Right: "It has, after all, existed longer without territory than with it."',
                ),
                (
                    "It will morph back into an insurgent group",
                    "Right: eliminating it geographically is not good enough for that reason.",
                ),
            ],
            [
                (
                    "It still controls oil fields in eastern Syria",
                    "The proto-state once exported oil; the article says nothing of oil fields "
                    "after Baghouz.",
                ),
                (
                    "Its leader has declared a new caliphate",
                    "The only caliphate the article mentions is the one Baghdadi declared in 2014.",
                ),
                (
                    "The coalition has stopped its air strikes",
                    "The article says nothing of the strikes stopping; it counts more than "
                    "30,000 of them.",
                ),
            ],
            quote="The bottomline, however, remains that despite the blow in morale to the "
            "world's most powerful jihadist group, ISIS is likely to remain a potent force in "
            "both Iraq and Syria. It has, after all, existed longer without territory than with "
            "it. So eliminating it geographically is not good enough, as it will morph back "
            "from a caliphate into an insurgent group.",
        ),
        tf(
            "q-outlasts-territory-tf",
            "The article argues that ISIS needs to hold land to survive, so losing Baghouz "
            "should finish it off.",
            False,
            if_wrong='The other way round: ISIS "has, after all, existed longer without '
            'territory than with it", so it is "likely to remain a potent force".',
        ),
        front="What reason does the article give for expecting ISIS to remain a potent force "
        "after losing Baghouz?",
        back="It has existed longer without territory than with it",
        tags=("persistence",),
    ),
    claim(
        "extremism-outlives-caliphate",
        "So even if the ISIS caliphate is gone, its violent extremism remains rooted in various "
        "corners of the world.",
        mc(
            "q-extremism-remains-mc",
            "What, according to the article's closing sentence, outlives the ISIS caliphate?",
            (
                "Its violent extremism, around the world",
                'Right: it "remains rooted in various corners of the world".',
            ),
            (
                "Its oil trade, through smugglers abroad",
                "The article says the proto-state exported oil, not that the trade goes on.",
            ),
            (
                "Its army, still camped near the Iraqi border",
                "The last band of fighters was cornered near the Iraqi border and its camp "
                "destroyed; the article ends on the ideology.",
            ),
            (
                "Its tax system, run by local clans",
                "Taxes sustained the proto-state; the article says nothing of them after its fall.",
            ),
        ),
        front="What, says the article's last sentence, remains now that the ISIS caliphate "
        "is gone?",
        back="Its violent extremism, rooted in various corners of the world",
        tags=("persistence",),
    ),
    claim(
        "regrouped-per-some-sources",
        "The militant group has transformed and, according to some sources, regrouped to stage "
        "a return to its original structure",
        mc(
            "q-regrouped-source-mc",
            "How does the article present the view that ISIS has regrouped to return to its "
            "original structure?",
            (
                "As the report of some sources",
                'Right: "according to some sources"; the article does not confirm it.',
            ),
            (
                "As the author's own conclusion",
                'The article attributes it to "some sources" rather than asserting it.',
            ),
            (
                "As a warning from the SDF",
                "The SDF is quoted declaring victory, not warning of a regrouping.",
            ),
            (
                "As a finding of the UN",
                "The UN appears only as declaring the massacre of the Yazidis a genocide.",
            ),
        ),
        front="On whose word does the article report that ISIS has regrouped to return to its "
        "original structure?",
        back='"Some sources" (the article does not confirm it)',
        tags=("persistence", "attribution"),
    ),
)

COALITION: tuple[FactSpec, ...] = (
    claim(
        "coalition-collateral-impact",
        "The devastating collateral impact of the fierce war on ISIS and the US-led anti-ISIS "
        "coalition's role in it cannot be ruled out.",
        mc(
            "q-coalition-critique-mc",
            "What criticism does the article make of the US-led coalition's war on ISIS?",
            (
                "Its strikes did grave collateral damage",
                'Right: its role in the war\'s "devastating collateral impact" cannot be '
                "ruled out; Susa and the civilian toll are the examples.",
            ),
            (
                "It was too slow to finish off the caliphate",
                'The offensive restarted "at a pace unlike any of the earlier major '
                'battles"; speed is not the criticism.',
            ),
            (
                "It left the ground war to Kurdish forces",
                "The article reports, without criticism, that the Kurdish-led SDF forwarded "
                "the coalition's cause.",
            ),
            (
                "It refused to share intelligence with Russia",
                "The article says that Russian and US forces shared intelligence.",
            ),
        ),
        front="What does the article say cannot be ruled out about the US-led coalition in the "
        "war on ISIS?",
        back="Its role in the war's devastating collateral impact",
        tags=("coalition",),
    ),
    claim(
        "coalition-deaths-likely-higher",
        "it took responsibility for 1,190 civilian deaths, although the numbers are likely higher",
        tf(
            "q-deaths-undercount-tf",
            "The article suggests that the coalition's strikes killed more civilians than the "
            "coalition has admitted to.",
            True,
            if_wrong='The coalition "took responsibility for 1,190 civilian deaths, although '
            'the numbers are likely higher".',
        ),
        front="Does the article take the coalition's count of 1,190 civilian deaths as the "
        "full toll of its strikes?",
        back="No: it says the numbers are likely higher",
        tags=("coalition", "civilians"),
    ),
    claim(
        "success-after-rebuilding",
        "the campaign itself, momentous though it is, only be quantified in terms of its "
        "success after the nation rebuilds",
        short(
            "q-success-after-sa",
            "The article says the campaign against ISIS can be quantified in terms of its "
            "success only after what happens?",
            "Syria rebuilds",
            "the nation rebuilds",
            "Syria is rebuilt",
            "the rebuilding of Syria",
            "rebuilding",
            "Syria rebuilding",
            "after Syria rebuilds",
            "after the nation rebuilds",
            "reconstruction",
            "after Syria is rebuilt",
            "Syria has been rebuilt",
            "the country rebuilds",
            "the country is rebuilt",
            feedback='"Only be quantified in terms of its success after the nation rebuilds": '
            "a victory on the battlefield is not yet a success.",
        ),
        tf(
            "q-success-judged-tf",
            "The article judges the campaign a success now that the last ISIS territory has "
            "been taken.",
            False,
            if_wrong="It calls the campaign momentous but says its success can be measured "
            "after Syria rebuilds, and it warns of the campaign's collateral impact.",
        ),
        front="After what, says the article, can the success of the campaign against ISIS be "
        "measured?",
        back="After Syria rebuilds",
        tags=("coalition", "syria"),
    ),
    claim(
        "susa-shows-the-cost",
        "constant artillery and air strikes from coalition aircraft on the village of Susa, "
        "recently liberated from ISIS stronghold, has left it completely destroyed",
        mc(
            "q-susa-point-mc",
            "Why does the article mention the village of Susa?",
            (
                "To show the harm done by coalition strikes",
                "Right: coalition artillery and air strikes left the village, just liberated "
                "from ISIS, completely destroyed.",
            ),
            (
                "To show where ISIS made its very last stand",
                "That was Baghouz, on the Euphrates; Susa is the article's example of "
                "collateral damage.",
            ),
            (
                "To show where refugees are now returning",
                "The article says refugees are beginning to return to Syria but names no village.",
            ),
            (
                "To show where ISIS held its hostages",
                "Human Rights Watch's concern for hostages was about the ISIS holdout at Baghouz.",
            ),
        ),
        front="What point does the article make with the village of Susa?",
        back="That coalition strikes destroyed a village they had just freed from ISIS",
        tags=("coalition", "civilians"),
    ),
)

INDIA: tuple[FactSpec, ...] = (
    claim(
        "india-isis-influence-growing",
        INDIA_AGENCIES,
        mc(
            "q-india-why-mc",
            "Why, according to the article, should India care about ISIS even after the fall "
            "of the caliphate?",
            (
                "Its influence is still growing on Indian soil",
                'Right: intelligence agencies are tracking "the rising influence of ISIS" '
                "and its growth on Indian soil.",
            ),
            (
                "Indian troops are fighting in the US-led coalition",
                "The article does not place India in the coalition; its reason is ISIS's "
                "growth in India.",
            ),
            (
                "India buys oil from former ISIS fields",
                "The proto-state exported oil, but the article says nothing of India buying it.",
            ),
            (
                "Indian fighters surrendered at Baghouz",
                "The surrendering fighters the article names were Iraqi, Russian and French.",
            ),
        ),
        tf(
            "q-india-vigilance-tf",
            "According to the article, India's intelligence agencies have eased their watch "
            "on ISIS sympathisers since the caliphate fell.",
            False,
            if_wrong='They have "grown more vigilant of ISIS modules" and "kept a close watch '
            'on sympathisers", who show a greater propensity for radicalisation.',
            quote=f"{INDIA_AGENCIES} {INDIA_VIGILANCE}",
        ),
        mr(
            "q-india-watch-mr",
            "What, according to the article, are India's intelligence agencies keeping watch "
            "on? Choose all that apply.",
            [
                (
                    "ISIS modules cropping up",
                    "Right: they have grown more vigilant of ISIS modules cropping up on the "
                    "radar.",
                ),
                (
                    "Sympathisers prone to radicalisation",
                    "Right: sympathisers show a greater propensity for radicalisation by its "
                    "Sunni jihadist ideologies.",
                ),
            ],
            [
                (
                    "Indian fighters coming home from Syria",
                    "The article warns of foreign ISIS members returning home in general; it "
                    "names no Indian fighters.",
                ),
                (
                    "ISIS oil being sold in India",
                    "The article says nothing of ISIS oil reaching India.",
                ),
            ],
            quote=f"{INDIA_AGENCIES} {INDIA_VIGILANCE}",
        ),
        front="Why, according to the article, should India care about ISIS after the fall of "
        "the caliphate in 2019?",
        back="ISIS's influence is growing on Indian soil",
        tags=("india",),
    ),
)

FACTS: tuple[FactSpec, ...] = (*THESIS, *PERSISTENCE, *COALITION, *INDIA)
