//! Elements of an offence a statement tells in words, found by rule (cue phrases, word
//! for word), not by a model.
//!
//! Two uses. An entry may *require* an element before it is cited on its own
//! ([`super::Entry::requires`]): robbery is theft with force or its threat, and a
//! pickpocketing shares every word with it but the force; without it the entry is
//! offered beside item 2, for the officer, and stays a candidate, as a rule can miss a
//! telling. And an entry may be *told by* elements ([`super::Entry::told_by`]): a
//! threat, abuse or a slap told in passing in a long statement about something else,
//! which the rankings place below the main offence's siblings ([`super::told`]).

mod cues;
mod dealings;
mod family;
mod passing;
mod public;
mod violence;

use super::words::phrase_words;
use cues::{ABDUCTION, CAME_TO_HAND, CASTE, COMMUNITY, FORCE, IMPOSTOR, ORDER};
use dealings::{DECEIT, DEFAMATION, FORGERY, TOUCH};
use family::{MARRIAGE, MINOR};
use passing::{ABUSE, BLOW, DEADLY, GRAVE_INJURY, LEWD, OBSCENE, SUICIDE, THREAT, WEAPON};
use public::{COLLISION, CROWD, NUISANCE, TRESPASS};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;
use violence::{ANIMAL_KILLED, ATTACK, FIREARM};

/// An element some offences need and a statement tells in words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Element {
    /// Violence, a weapon or a threat, used on a person (robbery, dacoity).
    Force,
    /// The property came into the accused's hands without being taken: found, left
    /// behind, dropped, sent by mistake (dishonest misappropriation).
    CameToHand,
    /// A threat of harm said to the complainant ("dekh lunga", "धमकी दी").
    Threat,
    /// Harm that is death, grievous hurt, fire or acid (a threat of it: 351(3)).
    Deadly,
    /// Filthy or insulting words said to the complainant ("गालियाँ दीं").
    Abuse,
    /// A blow with the hand or foot: slapped, punched, kicked, beaten.
    Blow,
    /// A weapon, or a thing used as one (a knife, a lathi, a brick).
    Weapon,
    /// An injury graver than simple hurt: a fracture, a broken bone or tooth.
    GraveInjury,
    /// Lewd words, whistles or gestures at a woman.
    Lewd,
    /// Obscene, nude or private pictures or video.
    Obscene,
    /// The complainant's caste, or caste abuse (the SC/ST Act's offences).
    Caste,
    /// A person taken away by force or deceit (kidnapping, abduction, ransom).
    Abduction,
    /// A religion, caste, community or region spoken of as a group (enmity between
    /// groups, wounded religious feelings).
    Community,
    /// An order of a public servant disobeyed: a prohibitory order, a curfew, a ban.
    Order,
    /// Five or more people acting together (rioting).
    Crowd,
    /// A nuisance to the neighbourhood: noise at night, loudspeakers, filth.
    Nuisance,
    /// Land or a field entered, ploughed or occupied against the owner.
    Trespass,
    /// Someone who said he was a police officer or another official.
    Impostor,
    /// A death by suicide told as done: hanged herself, took her own life (abetment of
    /// suicide).
    Suicide,
    /// A deceit that got money or property: cheated, duped, lured (cheating, 318(4)).
    Deceit,
    /// A forged paper, signature or identity document (forgery, 336).
    Forgery,
    /// A woman touched, held or grabbed against her will (assault, 74).
    Touch,
    /// The complainant called a thief or a fraud before others, rumours spread
    /// (defamation, 356(2)).
    Defamation,
    /// A firearm carried or used (the Arms Act).
    Firearm,
    /// An attack made to kill, told as done: stabbed, shot at, strangled (attempt to
    /// murder, 109(1)).
    Attack,
    /// A vehicle that hit or ran over someone, or was driven fast (rash driving, 281).
    Collision,
    /// An animal poisoned or killed (325).
    AnimalKilled,
    /// A person's age under eighteen, said as an age (with a marriage: a child
    /// marriage).
    Minor,
    /// A marriage performed or arranged.
    Marriage,
}

impl Element {
    /// Every element.
    pub const ALL: &'static [Element] = &[
        Element::Force,
        Element::CameToHand,
        Element::Threat,
        Element::Deadly,
        Element::Abuse,
        Element::Blow,
        Element::Weapon,
        Element::GraveInjury,
        Element::Lewd,
        Element::Obscene,
        Element::Caste,
        Element::Abduction,
        Element::Community,
        Element::Order,
        Element::Crowd,
        Element::Nuisance,
        Element::Trespass,
        Element::Impostor,
        Element::Suicide,
        Element::Deceit,
        Element::Forgery,
        Element::Touch,
        Element::Defamation,
        Element::Firearm,
        Element::Attack,
        Element::Collision,
        Element::AnimalKilled,
        Element::Minor,
        Element::Marriage,
    ];

    /// Its name in the catalogue (`requires`, `told_by`, `unless_told`).
    pub fn name(self) -> &'static str {
        match self {
            Element::Force => "force",
            Element::CameToHand => "came_to_hand",
            Element::Threat => "threat",
            Element::Deadly => "deadly",
            Element::Abuse => "abuse",
            Element::Blow => "blow",
            Element::Weapon => "weapon",
            Element::GraveInjury => "grave_injury",
            Element::Lewd => "lewd",
            Element::Obscene => "obscene",
            Element::Caste => "caste",
            Element::Abduction => "abduction",
            Element::Community => "community",
            Element::Order => "order",
            Element::Crowd => "crowd",
            Element::Nuisance => "nuisance",
            Element::Trespass => "trespass",
            Element::Impostor => "impostor",
            Element::Suicide => "suicide",
            Element::Deceit => "deceit",
            Element::Forgery => "forgery",
            Element::Touch => "touch",
            Element::Defamation => "defamation",
            Element::Firearm => "firearm",
            Element::Attack => "attack",
            Element::Collision => "collision",
            Element::AnimalKilled => "animal_killed",
            Element::Minor => "minor",
            Element::Marriage => "marriage",
        }
    }

    /// Whether, told, it tells the offence that requires it and not only lets it be:
    /// caste abuse is the SC/ST Act's, force in a theft is robbery, a person taken
    /// away is kidnapping; but a weapon alone is no attempt to murder, and a church
    /// named is no offence against religion.
    pub fn tells_offence(self) -> bool {
        matches!(self, Element::Caste | Element::Force | Element::Abduction)
    }

    /// How the statement says it, to be shown to the officer.
    pub fn label(self) -> &'static str {
        match self {
            Element::Force => "force, a weapon or a threat",
            Element::CameToHand => {
                "that the property came into the other's hands (found, left behind, sent by mistake)"
            }
            Element::Threat => "a threat",
            Element::Deadly => "death, grievous hurt, fire or acid",
            Element::Abuse => "abuse",
            Element::Blow => "a blow (slapped, punched, kicked, beaten)",
            Element::Weapon => "a weapon",
            Element::GraveInjury => "a fracture or a broken bone or tooth",
            Element::Lewd => "lewd words, whistles or gestures",
            Element::Obscene => "obscene or private pictures or video",
            Element::Caste => "the complainant's caste (a Scheduled Caste or Tribe)",
            Element::Abduction => "that a person was taken away (kidnapped, abducted)",
            Element::Community => "a religion, caste or community spoken of as a group",
            Element::Order => "an order of a public servant (a prohibitory order, a curfew, a ban)",
            Element::Crowd => "five or more people acting together",
            Element::Nuisance => "a nuisance to the neighbourhood (noise at night, loudspeakers, filth)",
            Element::Trespass => "land entered, ploughed or occupied against the owner",
            Element::Impostor => "someone who said he was a police officer or another official",
            Element::Suicide => "a death by suicide (hanged, took her own life)",
            Element::Deceit => "a deceit that got money or property (cheated, duped)",
            Element::Forgery => "a forged paper, signature or identity document",
            Element::Touch => "a woman touched, held or grabbed against her will",
            Element::Defamation => "the complainant called a thief or a fraud before others",
            Element::Firearm => "a firearm (a pistol, a country-made gun)",
            Element::Attack => "an attack made to kill (stabbed, shot at, strangled)",
            Element::Collision => "a vehicle that hit someone or was driven fast",
            Element::AnimalKilled => "an animal poisoned or killed",
            Element::Minor => "an age under eighteen",
            Element::Marriage => "a marriage",
        }
    }

    /// Whether a statement denies it in words beside it ("no weapon was shown"). Not a
    /// threat or abuse, which are told with negators ("nahi to", "chhodunga nahi"), or
    /// property that came to hand ("refuses to return").
    fn deniable(self) -> bool {
        matches!(
            self,
            Element::Force
                | Element::Weapon
                | Element::GraveInjury
                | Element::Blow
                | Element::Touch
        )
    }

    fn cues(self) -> &'static [Vec<String>] {
        match self {
            Element::Force => &FORCE,
            Element::CameToHand => &CAME_TO_HAND,
            Element::Threat => &THREAT,
            Element::Deadly => &DEADLY,
            Element::Abuse => &ABUSE,
            Element::Blow => &BLOW,
            Element::Weapon => &WEAPON,
            Element::GraveInjury => &GRAVE_INJURY,
            Element::Lewd => &LEWD,
            Element::Obscene => &OBSCENE,
            Element::Caste => &CASTE,
            Element::Abduction => &ABDUCTION,
            Element::Community => &COMMUNITY,
            Element::Order => &ORDER,
            Element::Crowd => &CROWD,
            Element::Nuisance => &NUISANCE,
            Element::Trespass => &TRESPASS,
            Element::Impostor => &IMPOSTOR,
            Element::Suicide => &SUICIDE,
            Element::Deceit => &DECEIT,
            Element::Forgery => &FORGERY,
            Element::Touch => &TOUCH,
            Element::Defamation => &DEFAMATION,
            Element::Firearm => &FIREARM,
            Element::Attack => &ATTACK,
            Element::Collision => &COLLISION,
            Element::AnimalKilled => &ANIMAL_KILLED,
            Element::Minor => &MINOR,
            Element::Marriage => &MARRIAGE,
        }
    }

    /// Whether `statement` holds one of the element's cue phrases, word for word.
    pub fn told_in(self, statement: &str) -> bool {
        Told::new(statement).tells(self)
    }
}

/// A statement's phrases, read once for every element asked of it.
pub struct Told {
    words: Vec<String>,
    /// The clause each word is in: a negator denies only within its clause.
    clauses: Vec<usize>,
    /// Each run of words as long as the longest cue, with where it starts.
    held: HashMap<Vec<String>, Vec<usize>>,
}

/// Words that deny what is told after them ("no weapon was shown", "did not hit me",
/// "बिना किसी हथियार के"), normalised as statements are.
static NEGATORS_BEFORE: LazyLock<HashSet<String>> = LazyLock::new(|| {
    normalised(&[
        "no",
        "not",
        "never",
        "without",
        "didn't",
        "didn’t",
        "don't",
        "don’t",
        "wasn't",
        "wasn’t",
        "couldn't",
        "couldn’t",
        "nothing",
        "नहीं",
        "न",
        "ना",
        "बिना",
        "nahi",
        "nahin",
        "nhi",
        "bina",
    ])
});

/// Words that deny what is told before them: Hindi says it after the thing or the verb
/// ("हथियार नहीं था", "koi chaku nahi tha").
static NEGATORS_AFTER: LazyLock<HashSet<String>> =
    LazyLock::new(|| normalised(&["नहीं", "न", "ना", "nahi", "nahin", "nhi"]));

/// Words that begin another clause, past which a negator denies nothing ("paise nahi
/// diye to thappad maara", "he had no knife but slapped me").
static CLAUSE_BREAKS: LazyLock<HashSet<String>> = LazyLock::new(|| {
    normalised(&[
        "but",
        "then",
        "so",
        "to",
        "तो",
        "लेकिन",
        "पर",
        "मगर",
        "फिर",
        "lekin",
        "magar",
        "phir",
        "fir",
    ])
});

fn normalised(words: &[&str]) -> HashSet<String> {
    words.iter().flat_map(|word| phrase_words(word)).collect()
}

/// The most words any element's cue has: a statement's runs are read that long.
static LONGEST: LazyLock<usize> = LazyLock::new(|| {
    Element::ALL
        .iter()
        .flat_map(|element| element.cues().iter().map(Vec::len))
        .max()
        .unwrap_or(0)
});

/// How many words before a cue, and after it, a negator denies it.
const DENIED_BEFORE: usize = 3;
const DENIED_AFTER: usize = 2;

impl Told {
    /// Reads `statement`'s words: the runs of them as long as the longest cue.
    pub fn new(statement: &str) -> Told {
        let (mut words, mut clauses) = (Vec::new(), Vec::new());
        for (clause, text) in statement
            .split([',', '.', ';', ':', '!', '?', '\n', '।'])
            .enumerate()
        {
            for word in phrase_words(text) {
                words.push(word);
                clauses.push(clause);
            }
        }
        let mut held: HashMap<Vec<String>, Vec<usize>> = HashMap::new();
        // A cue is held within one clause: "phone nahi mila, to maine…" holds no
        // "nahi to".
        for n in 1..=*LONGEST {
            for (start, run) in words.windows(n).enumerate() {
                if clauses[start] == clauses[start + n - 1] {
                    held.entry(run.to_vec()).or_default().push(start);
                }
            }
        }
        Told {
            words,
            clauses,
            held,
        }
    }

    /// Whether the statement holds one of `element`'s cue phrases; for an element a
    /// statement may deny (a weapon, an injury, force), one that no negator beside it
    /// in its clause denies.
    pub fn tells(&self, element: Element) -> bool {
        // Force is violence or its threat: a threat told is force told.
        self.holds(element) || (element == Element::Force && self.holds(Element::Threat))
    }

    /// Whether the statement holds one of `element`'s own cue phrases, not denied.
    fn holds(&self, element: Element) -> bool {
        element.cues().iter().any(|cue| {
            self.held.get(cue.as_slice()).is_some_and(|starts| {
                !element.deniable() || starts.iter().any(|&at| !self.denied(at, cue.len()))
            })
        })
    }

    /// Whether a negator stands within a few words of the run at `at`, `len` long, in
    /// its clause: before it any negator, after it one that Hindi puts after.
    fn denied(&self, at: usize, len: usize) -> bool {
        let same = |i: &usize| self.clauses[*i] == self.clauses[at];
        let open = |i: &usize| !CLAUSE_BREAKS.contains(&self.words[*i]);
        let end = (at + len).min(self.words.len());
        let before = (at.saturating_sub(DENIED_BEFORE)..at)
            .rev()
            .take_while(|i| same(i) && open(i))
            .any(|i| NEGATORS_BEFORE.contains(&self.words[i]));
        let after = (end..(end + DENIED_AFTER).min(self.words.len()))
            .take_while(|i| same(i) && open(i))
            .any(|i| NEGATORS_AFTER.contains(&self.words[i]));
        before || after
    }
}

impl std::str::FromStr for Element {
    type Err = String;

    /// An element by its name in the catalogue ("force").
    fn from_str(name: &str) -> Result<Self, Self::Err> {
        serde_json::from_value(serde_json::Value::String(name.trim().to_ascii_lowercase())).map_err(
            |_| {
                format!(
                    "names an element the catalogue does not know: {name:?} (known: {})",
                    Element::ALL
                        .iter()
                        .map(|e| e.name())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            },
        )
    }
}

/// In tests: asserts that `element` is told in each of `told` and in none of
/// `not_told`, naming the statement that fails.
#[cfg(test)]
pub(super) fn assert_told(element: Element, told: &[&str], not_told: &[&str]) {
    for statement in told {
        assert!(
            element.told_in(statement),
            "{element:?} not told: {statement}"
        );
    }
    for statement in not_told {
        assert!(!element.told_in(statement), "{element:?} told: {statement}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn property_that_came_to_hand_is_told_and_a_pickpocketing_does_not_tell_it() {
        for told in [
            "I dropped my wallet at the bus stop; a man picked it up and refuses to return it",
            "मेरा फ़ोन ऑटो में छूट गया, ड्राइवर ने अपने पास रख लिया",
            "galti se mere account se 20 hazaar uske account me chale gaye",
        ] {
            assert!(Element::CameToHand.told_in(told), "{told}");
        }
        let pickpocketing = "When the bus was crowded near the Rajiv Chowk stop, somebody took my \
            Samsung Galaxy mobile phone from my trouser pocket. I noticed it only when I got \
            down. I did not see who took it.";
        assert!(!Element::CameToHand.told_in(pickpocketing));
    }

    #[test]
    fn force_is_told_in_any_script_and_a_quiet_theft_tells_none() {
        for told in [
            "Near the ATM a man pointed a knife at me and took my wallet",
            "दो लड़कों ने पिस्तौल दिखाकर मेरा पर्स ले लिया",
            "raat ko gali me do ladkon ne gala dabaya aur mobile le gaye",
            "he threatened to stab me unless I gave him the phone",
            "he forced me to hand over my purse",
        ] {
            assert!(Element::Force.told_in(told), "{told}");
        }
        for name in Element::ALL {
            assert_eq!(name.name().parse::<Element>(), Ok(*name));
        }
        assert!("violence".parse::<Element>().unwrap_err().contains("force"));
        assert!(Element::Force.told_in("Two men stabbed him"));
        for quiet in [
            "When the bus was crowded somebody took my phone from my trouser pocket. I noticed it only when I got down.",
            "मेरी साइकिल कॉलेज के बाहर खड़ी थी, लौटकर देखा तो गायब थी",
            "mandir ke bahar joote utaare the, wapas aaya to gayab the",
            "mere pita ji ka phone chori ho gaya, dukan bandh thi",
            "bus mein bahut bheed thi, sab pushed and surrounded, kisi ne jeb se phone nikaal liya",
            "my feelings were hurt when he took my bicycle without asking",
            "thieves robbed our house while we were away and looted the almirah",
        ] {
            assert!(!Element::Force.told_in(quiet), "{quiet}");
        }
    }

    #[test]
    fn what_defines_an_offence_is_told_in_any_script_and_a_quiet_statement_tells_none() {
        let cases: &[(Element, &[&str], &[&str])] = &[
            (
                Element::Caste,
                &[
                    "he abused me by my caste name in front of the market",
                    "मैं जाटव हूँ, उसने सबके सामने जाति का नाम लेकर गालियाँ दीं",
                    "bola neech jaat wale ho, aukat mein raho",
                ],
                // Nor "goes" (जाता, "jaati hai"), nor a peace broken (भंग).
                &[
                    "he abused me in front of the whole society",
                    "उसने सबके सामने गंदी गालियाँ दीं",
                    "usne mujhe neech aadmi bola",
                    "वह रोज़ स्कूल जाता है",
                    "meri beti college jaati hai",
                    "उसने शांति भंग की",
                ],
            ),
            (
                Element::Abduction,
                &[
                    "two men pulled her into a van and drove off",
                    "फोन आया कि तेरा लड़का हमारे पास है, 20 लाख तैयार रख",
                    "call aaya ki bachcha hamare paas hai, 10 lakh ka intezaam karo",
                ],
                &[
                    "he said he would shoot me if I did not withdraw the case",
                    "केस वापस ले ले वरना तुझे गोली मार दूँगा",
                    "do ladke mera mobile le gaye",
                ],
            ),
            (
                Element::Community,
                &[
                    "he posted that people of that religion are traitors",
                    "वह मुसलमानों के खिलाफ़ भड़काऊ बातें करता है",
                    "bola tum log pakistani ho",
                ],
                &[
                    "he told everyone in the society that I stole the fund",
                    "वह पूरे गाँव में कहता फिर रहा है कि मैं राशन बेचता हूँ",
                ],
            ),
            (
                Element::Order,
                &[
                    "he kept the shop open during the curfew",
                    "धारा 144 लागू होने पर भी भीड़ इकट्ठी की",
                    "collector ke aadesh ke baad bhi DJ bajaya",
                ],
                &[
                    "loud DJ till 2 at night every day, nobody can sleep",
                    "रात दो बजे तक तेज़ डीजे बजता है",
                    "I ordered food online and the parcel was stolen",
                ],
            ),
            (
                Element::Crowd,
                &[
                    "संजय, विक्की और उनके 4-5 साथी लाठी लेकर आ गए",
                    "Gurnam, uske teen bete aur 5-6 aur log lathiyan lekar aaye",
                    "a mob of villagers attacked the van",
                ],
                // Those who stood watching are no crowd of attackers.
                &[
                    "वहाँ 15-20 लोग खड़े देख रहे थे",
                    "two boys on a bike snatched my chain",
                    "four boys beat me near the bus stand",
                    "Mob. No. 98765 43210. Some men attacked my shop",
                    "भीड़ ने चोर को पकड़ लिया",
                ],
            ),
            (
                Element::Nuisance,
                &[
                    "रात दो बजे तक बहुत तेज़ डीजे बजता है",
                    "raat 2-3 baje tak generator chalate hain",
                    "they play loud music every night",
                ],
                // An alarm raised, a wedding's DJ and a fire's smoke are no nuisance.
                &[
                    "मैंने शोर मचाया तो चोर भाग गए",
                    "kal raat baraat aayi thi, DJ bhi baja",
                    "खेत से धुआँ उठता देखकर गाँव वाले दौड़े",
                    "my JBL speaker and the generator were stolen",
                    "उसने तेज़ आवाज़ में गालियाँ दीं",
                    "पर्स कचरे के डिब्बे में मिला",
                ],
            ),
            (
                Element::Trespass,
                &[
                    "Jaspal ne raat mein tractor se hamari zameen jot di",
                    "वह अपना ट्रैक्टर मेरे खेत में घुसा लाया",
                    "he has encroached on our plot",
                ],
                &[
                    "चोर रात में घर में घुसे और अलमारी तोड़ी",
                    "meri bhains unke khet mein ghus gayi thi",
                    "ससुराल वालों ने मेरे गहनों पर कब्ज़ा कर लिया",
                ],
            ),
            (
                Element::Impostor,
                &[
                    "uncle hum crime branch police se hain, chain utaar ke jeb me rakho",
                    "दो लोग पुलिस बनकर आए और तलाशी के नाम पर अंगूठी ले ली",
                    "two men posing as police stopped me near the bank",
                ],
                &[
                    "he said he was calling from the bank about my KYC",
                    "मैं पुलिस में शिकायत करने गया",
                    "एक आदमी ने बैंक अधिकारी बनकर फोन किया",
                    "bola uska jija police se hai, kuch nahi hoga",
                    "I complained to the cyber crime branch the same day",
                ],
            ),
        ];
        for (element, told, untold) in cases {
            for statement in *told {
                assert!(element.told_in(statement), "{element:?}: {statement}");
            }
            for statement in *untold {
                assert!(!element.told_in(statement), "{element:?}: {statement}");
            }
        }
    }

    #[test]
    fn what_is_said_in_passing_is_told_in_any_script() {
        let told = |element: Element, statements: &[&str]| {
            for statement in statements {
                assert!(element.told_in(statement), "{element:?}: {statement}");
            }
        };
        let untold = |element: Element, statements: &[&str]| {
            for statement in statements {
                assert!(!element.told_in(statement), "{element:?}: {statement}");
            }
        };
        told(
            Element::Threat,
            &[
                "while going he threatened to break my legs",
                "बोला कि केस वापस ले वरना अंजाम बुरा होगा",
                "jaate jaate bola dekh lunga tujhe",
            ],
        );
        untold(
            Element::Threat,
            &["he took my bag and ran", "उसने मेरा बैग छीना और भाग गया"],
        );
        told(
            Element::Deadly,
            &[
                "he said he would kill me",
                "जान से मार देंगे",
                "goli maar dunga",
            ],
        );
        told(
            Element::Abuse,
            &[
                "he abused me in front of the customers",
                "सबके सामने गंदी गालियाँ दीं",
                "maa behen ki gaali di",
                "he started giving mother-sister gaalis loudly",
            ],
        );
        // Folded, "gaali" is "gali", a lane: the lane alone tells no abuse.
        untold(
            Element::Abuse,
            &["do ladke gali mein khade the", "हमारी गली में अंधेरा था"],
        );
        told(
            Element::Blow,
            &[
                "he slapped me twice",
                "मुँह पर घूंसे मारे",
                "usne thappad maara",
                "Monu lathi leke aaya aur mere sar pe maar di",
            ],
        );
        // "ghusa" is entered, "pita" a father; "मार दूँगा" is a threat, not a blow.
        untold(
            Element::Blow,
            &[
                "chor ghar mein ghusa",
                "mere pita ji ghar pe the",
                "जान से मार दूँगा",
                "bola sar pe maar denge",
            ],
        );
        told(
            Element::Weapon,
            &["he came with an iron rod", "लाठी से मारा", "chaku dikhaya"],
        );
        untold(
            Element::Weapon,
            &["baat karne aaya tha", "my gold chain was pulled"],
        );
        // Denied beside the cue, it is not told; told elsewhere in the statement, it is.
        untold(
            Element::Weapon,
            &[
                "no weapon was shown, he just pulled the bag",
                "उसने किसी हथियार से नहीं मारा",
                "uske paas koi chaku nahi tha",
            ],
        );
        told(
            Element::Weapon,
            &["मेरे पास कोई हथियार नहीं था, उसने लाठी से मारा"],
        );
        untold(Element::GraveInjury, &["I have a bruise but no fracture"]);
        untold(Element::Force, &["no weapon was shown"]);
        told(
            Element::Force,
            &["they did not hit me but said they would break both my legs if I shouted"],
        );
        // Words that stem or fold into another's tell nothing: a bus seat (सीटी, a
        // whistle), a cheek (गाली), jostling (धक्का-मुक्की), goons (a gun), a crime
        // "carried out" (अंजाम), a road accident; nor a phrase across two clauses.
        untold(Element::Lewd, &["बस की सीट पर बैठी थी"]);
        untold(Element::Abuse, &["उसने मेरे गाल पर थप्पड़ मारा"]);
        told(Element::Blow, &["उसने मेरे गाल पर थप्पड़ मारा"]);
        untold(
            Element::Blow,
            &["बस में धक्का-मुक्की हो रही थी", "a truck hit my bike"],
        );
        untold(Element::Weapon, &["some local goons stand there"]);
        untold(
            Element::Threat,
            &[
                "चोरों ने रात में वारदात को अंजाम दिया",
                "phone nahi mila, to maine 100 pe call kiya",
            ],
        );
        // A blow is not denied by a reason, or by a negator in the clause before it.
        told(
            Element::Blow,
            &[
                "he slapped me without any reason",
                "पैसे नहीं दिए तो थप्पड़ मारा",
                "he had no knife but slapped me",
            ],
        );
        untold(Element::Weapon, &["he had no knife but slapped me"]);
        // A threat is told with negators: they do not deny it.
        told(
            Element::Threat,
            &[
                "paise nahi diye to dekh lena",
                "zinda nahi chhodunga, dekh lunga",
            ],
        );
        told(
            Element::Lewd,
            &[
                "boys at the corner whistle and pass comments at my daughter",
                "रोज़ गंदे इशारे करता है",
                "gali ke ladke seeti bajate hain",
            ],
        );
        untold(
            Element::Lewd,
            &["deewar mein chhed hai", "उसने इशारे से रास्ता बताया"],
        );
        told(
            Element::Obscene,
            &[
                "he threatened to post my morphed photos",
                "मेरी अश्लील वीडियो वायरल करने की धमकी दी",
                "usne meri nangi photo bheji",
            ],
        );
        told(
            Element::GraveInjury,
            &[
                "my arm was fractured",
                "हड्डी टूट गई",
                "daant toot gaya",
                "लाठी से मारकर पिता का हाथ तोड़ दिया",
                "usne lathi se pitaji ka haath tod diya",
            ],
        );
        told(
            Element::Suicide,
            &[
                "Parso raat usne apne kamre mein phaansi laga li",
                "मेरी बहन ने ससुराल में फाँसी लगा ली",
                "we found him hanging from the ceiling fan",
            ],
        );
        // A threat of suicide is no death, nor a murder made to look like one.
        untold(
            Element::Suicide,
            &[
                "he threatens to commit suicide if I leave",
                "he says he will kill himself or hang himself",
                "वह आत्महत्या की धमकी देता है",
                "मैं फांसी लगा लूंगी",
                "उन्होंने उसे मारकर फंदे से लटका दिया",
            ],
        );
        // A door or a lock broken is no injury; a threat to break a leg is a threat.
        untold(
            Element::GraveInjury,
            &[
                "उसने दरवाज़ा तोड़ दिया",
                "chor ne taala tod diya",
                "तेरे हाथ-पैर तोड़ दूँगा",
                "haath pair tod dunga",
            ],
        );
    }
}
