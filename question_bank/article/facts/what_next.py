"""The article bank's facts: what next."""

from __future__ import annotations

from question_bank.article.builder import (
    FactSpec,
    cloze,
    fact,
    matching,
    mc,
    mr,
    num,
    short,
    tf,
)

STRIKES_AND_DEATHS = (
    "The coalition launched more than 30,000 air strikes during Operation Inherent Resolve, "
    "laying waste to towns and cities in the process; it took responsibility for 1,190 "
    "civilian deaths, although the numbers are likely higher."
)

FACTS: tuple[FactSpec, ...] = (
    fact(
        "experts-hubris",
        "actor",
        'to suggest that ISIS has been "100% defeated" would be the height of hubris, claim '
        "experts",
        mc(
            "q-hubris-mc",
            'Who, according to the article, claims that suggesting ISIS has been "100% '
            'defeated" would be "the height of hubris"?',
            ("Experts", 'Right: "would be the height of hubris, claim experts".'),
            (
                "Human Rights Watch",
                "Human Rights Watch expressed concern for the civilians and hostages at "
                "Baghouz; it is not quoted on Trump's claim.",
            ),
            (
                "The SDF's spokesman",
                'Mustafa Bali declared the SDF\'s "100 per cent territorial defeat" of ISIS; '
                "he did not call anyone's claim hubris.",
            ),
            (
                "Peace-keeping officials in the region",
                "They are quoted on a constitutional committee bringing peace, not on "
                "Trump's claim.",
            ),
        ),
        front='What do experts say about calling ISIS "100% defeated"?',
        back="That it would be the height of hubris",
        tags=("claims", "aftermath"),
    ),
    fact(
        "isis-will-not-disappear",
        "outcome",
        "Even though the loss of territory marks a huge military defeat for ISIS, it will not "
        "disappear but continue to wreak havoc and death in areas it used to control",
        tf(
            "q-not-disappear-tf",
            "The article predicts that, having lost its territory, ISIS will fade away.",
            False,
            if_wrong='It says ISIS "will not disappear but continue to wreak havoc and death '
            'in areas it used to control".',
        ),
        front="According to the article, will ISIS disappear now that it has lost its "
        "territory in Syria?",
        back="No: it will continue to wreak havoc and death in areas it used to control",
        tags=("aftermath",),
    ),
    fact(
        "constitutional-committee",
        "outcome",
        "Peace-keeping officials in the region believe that the creation of a constitutional "
        "committee will bring true peace to Syria",
        mc(
            "q-constitutional-committee-mc",
            "What do peace-keeping officials in the region believe will bring true peace to Syria?",
            (
                "A new constitutional committee",
                'Right: they believe "the creation of a constitutional committee will bring '
                'true peace to Syria".',
            ),
            (
                "Syria's return to the Arab League",
                "Arab states are voicing support for that return, but the officials pin "
                "their hopes on a constitutional committee.",
            ),
            (
                "A withdrawal of foreign troops",
                "The article mentions no such demand; the US even decided to leave 200 "
                "troops in Syria.",
            ),
            (
                "Early presidential elections",
                "The article does not mention elections; the officials speak of a "
                "constitutional committee.",
            ),
        ),
        front="What do peace-keeping officials believe will bring true peace to Syria?",
        back="The creation of a constitutional committee",
        note="This is the belief of peace-keeping officials in the region, as the article "
        "reports it.",
        tags=("aftermath", "syria"),
    ),
    fact(
        "susa-destroyed",
        "place",
        "constant artillery and air strikes from coalition aircraft on the village of Susa, "
        "recently liberated from ISIS stronghold, has left it completely destroyed",
        mc(
            "q-susa-mc",
            "Which village, recently liberated from ISIS, does the article give as an example "
            "of one left completely destroyed by coalition artillery and air strikes?",
            ("Susa", "Right: Susa, recently liberated from ISIS, was left completely destroyed."),
            (
                "Baghouz",
                "Baghouz was ISIS's last stand; the article's example of a village destroyed "
                "after its liberation is Susa.",
            ),
            ("Hajin", "The article does not mention Hajin; its example is Susa."),
            (
                "Kobani",
                "Kobani is the Kurdish city whose recapture marked the beginning of the end "
                "for ISIS.",
            ),
        ),
        front="Which Syrian village, recently freed from ISIS, does the article say coalition "
        "artillery and air strikes left completely destroyed?",
        back="Susa",
        tags=("coalition", "civilians"),
    ),
    fact(
        "operation-inherent-resolve",
        "actor",
        "The coalition launched more than 30,000 air strikes during Operation Inherent Resolve",
        short(
            "q-inherent-resolve-sa",
            "What is the name of the coalition's operation against ISIS, during which it "
            "launched more than 30,000 air strikes?",
            "Operation Inherent Resolve",
            "Inherent Resolve",
            feedback="Operation Inherent Resolve: more than 30,000 air strikes, laying waste "
            "to towns and cities.",
        ),
        front="What was the US-led coalition's operation against ISIS called?",
        back="Operation Inherent Resolve",
        tags=("coalition",),
    ),
    fact(
        "coalition-30000-air-strikes",
        "outcome",
        "The coalition launched more than 30,000 air strikes",
        num(
            "q-air-strikes-num",
            "The coalition launched more than how many air strikes during Operation Inherent "
            "Resolve?",
            30000,
            display="more than 30,000",
            feedback="More than 30,000 air strikes, which laid waste to towns and cities.",
        ),
        front="How many air strikes did the coalition launch during Operation Inherent Resolve?",
        back="More than 30,000",
        tags=("coalition",),
    ),
    fact(
        "coalition-1190-civilian-deaths",
        "outcome",
        "it took responsibility for 1,190 civilian deaths",
        num(
            "q-civilian-deaths-num",
            "For how many civilian deaths did the coalition take responsibility?",
            1190,
            display="1,190",
            feedback='1,190, and the article adds that "the numbers are likely higher".',
        ),
        matching(
            "q-coalition-figures-match",
            "Match each figure with what it counts in Operation Inherent Resolve.",
            [
                ("Air strikes the coalition launched", "More than 30,000"),
                ("Civilian deaths the coalition took responsibility for", "1,190"),
            ],
            extra_options=["11,000", "5,000"],
            feedback="More than 30,000 air strikes; 1,190 civilian deaths admitted. 11,000 is "
            "the SDF's own losses, 5,000 the fighters among the surrendering ISIS supporters.",
            quote=STRIKES_AND_DEATHS,
        ),
        front="For how many civilian deaths in Operation Inherent Resolve did the coalition "
        "take responsibility?",
        back="1,190",
        tags=("coalition", "civilians", "casualties"),
    ),
    fact(
        "destruction-gained-followers",
        "outcome",
        "Mass destruction may have helped the group to gain more followers, many believe.",
        tf(
            "q-destruction-followers-tf",
            "The article reports a widely held view that the devastation may have won ISIS "
            "new recruits.",
            True,
            if_wrong='"Mass destruction may have helped the group to gain more followers, many '
            'believe": the article reports it as a view many hold.',
        ),
        front="What do many believe mass destruction did for ISIS?",
        back="It may have helped the group gain more followers",
        tags=("aftermath", "claims"),
    ),
    fact(
        "potent-force-iraq-syria",
        "place",
        "ISIS is likely to remain a potent force in both Iraq and Syria",
        mr(
            "q-potent-force-mr",
            "In which countries does the article say ISIS is likely to remain a potent force?",
            [
                ("Iraq", "Right: both Iraq and Syria."),
                ("Syria", "Right: both Iraq and Syria."),
            ],
            [
                (
                    "Turkey",
                    "Turkey appears as a threat to the SDF, not as a place where ISIS remains "
                    "potent.",
                ),
                (
                    "Jordan",
                    "Jordan's capital hosted a meeting of Arab states; the article does not "
                    "place ISIS there.",
                ),
            ],
        ),
        front="In which two countries does the article expect ISIS to remain a potent force?",
        back="Iraq and Syria",
        tags=("aftermath",),
    ),
    fact(
        "existed-longer-without-territory",
        "outcome",
        "It has, after all, existed longer without territory than with it.",
        tf(
            "q-without-territory-tf",
            "According to the article, ISIS has held territory for most of its existence.",
            False,
            if_wrong='The other way round: it "has, after all, existed longer without '
            'territory than with it".',
        ),
        front="Has ISIS existed longer with territory or without it?",
        back="Without territory",
        tags=("aftermath",),
    ),
    fact(
        "morph-insurgent-group",
        "outcome",
        "as it will morph back from a caliphate into an insurgent group",
        cloze(
            "q-insurgent-cloze",
            "Eliminating ISIS geographically is not good enough, the article argues: it will "
            "morph back from a caliphate into a group of {{1}}.",
            ("insurgents", "insurgent", "insurgent fighters"),
            feedback='"It will morph back from a caliphate into an insurgent group".',
        ),
        front="What will ISIS morph back into, according to the article?",
        back="An insurgent group",
        tags=("aftermath",),
    ),
    fact(
        "foreign-members-return",
        "outcome",
        "surviving foreign ISIS members seeking to return home can present a major security "
        "challenge in the years ahead",
        mc(
            "q-foreign-members-mc",
            "Why, according to the article, is public safety of paramount priority?",
            (
                "Foreign ISIS members may try to return home",
                "Right: surviving foreign members seeking to return home can present a major "
                "security challenge.",
            ),
            (
                "Returning refugees may include ISIS sleeper cells",
                "The article mentions returning refugees only as a sign that things are "
                "changing in Syria.",
            ),
            (
                "ISIS still runs oil fields that fund attacks abroad",
                "Oil was exported by the former proto-state; the article says nothing of "
                "oil fields now.",
            ),
            (
                "The 200 US troops cannot police the whole region",
                "The 200 troops were left to keep Iran out and calm the SDF-Turkey conflict; "
                "the article does not judge them too few.",
            ),
        ),
        front="Which people, says the article, can present a major security challenge in the "
        "years after the caliphate's fall?",
        back="Surviving foreign ISIS members seeking to return home",
        tags=("aftermath", "foreign-fighters"),
    ),
    fact(
        "kurdish-counter-terrorism",
        "actor",
        "Kurdish forces are reportedly switching to counter-terrorism tasks in areas reclaimed "
        "from ISIS",
        cloze(
            "q-counter-terrorism-cloze",
            "Kurdish forces are reportedly switching to {{1}} tasks in areas reclaimed from ISIS.",
            ("counter-terrorism", "counterterrorism", "anti-terrorism"),
            feedback='"Kurdish forces are reportedly switching to counter-terrorism tasks in '
            'areas reclaimed from ISIS": a report, as the article words it.',
        ),
        front="What tasks are Kurdish forces reportedly switching to in areas reclaimed from ISIS?",
        back="Counter-terrorism tasks",
        tags=("aftermath",),
    ),
)
