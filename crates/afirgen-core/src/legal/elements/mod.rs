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
use cues::{ABDUCTION, CAME_TO_HAND, CASTE, COMMUNITY, COURT_ORDER, FORCE, IMPOSTOR, ORDER};
use dealings::{DECEIT, DEFAMATION, EMBEZZLED, EMPLOYEE, EXTORTION, FORGERY, TOUCH};
use family::{MARRIAGE, MINOR};
use passing::{ABUSE, BLOW, DEADLY, GRAVE_INJURY, LEWD, OBSCENE, SUICIDE, THREAT, WEAPON};
use public::{COLLISION, CROWD, DUTY, NUISANCE, TRESPASS};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;
use violence::{ACID, ANIMAL_KILLED, ATTACK, FIREARM};

/// Declares the elements from one table (variant, catalogue name, cue phrases, how it
/// is shown to the officer), so a new element is one entry and its name, cues and label
/// cannot drift apart. The name is also the variant in snake case (serde's), which a
/// test holds.
macro_rules! elements {
    ($($(#[$doc:meta])* $variant:ident = $name:literal, $cues:ident, $label:literal;)*) => {
        /// An element some offences need and a statement tells in words.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[serde(rename_all = "snake_case")]
        pub enum Element {
            $($(#[$doc])* $variant,)*
        }

        impl Element {
            /// Every element.
            pub const ALL: &'static [Element] = &[$(Element::$variant,)*];

            /// Its name in the catalogue (`requires`, `told_by`, `unless_told`).
            pub fn name(self) -> &'static str {
                match self {
                    $(Element::$variant => $name,)*
                }
            }

            /// How the statement says it, to be shown to the officer.
            pub fn label(self) -> &'static str {
                match self {
                    $(Element::$variant => $label,)*
                }
            }

            fn cues(self) -> &'static [Vec<String>] {
                match self {
                    $(Element::$variant => &$cues,)*
                }
            }
        }
    };
}

elements! {
    /// Violence, a weapon or a threat, used on a person (robbery, dacoity).
    Force = "force", FORCE,
        "force, a weapon or a threat";
    /// The property came into the accused's hands without being taken: found, left
    /// behind, dropped, sent by mistake (dishonest misappropriation).
    CameToHand = "came_to_hand", CAME_TO_HAND,
        "that the property came into the other's hands (found, left behind, sent by mistake)";
    /// A threat of harm said to the complainant ("dekh lunga", "धमकी दी").
    Threat = "threat", THREAT,
        "a threat";
    /// Harm that is death, grievous hurt, fire or acid (a threat of it: 351(3)).
    Deadly = "deadly", DEADLY,
        "death, grievous hurt, fire or acid";
    /// Filthy or insulting words said to the complainant ("गालियाँ दीं").
    Abuse = "abuse", ABUSE,
        "abuse";
    /// A blow with the hand or foot: slapped, punched, kicked, beaten.
    Blow = "blow", BLOW,
        "a blow (slapped, punched, kicked, beaten)";
    /// A weapon, or a thing used as one (a knife, a lathi, a brick).
    Weapon = "weapon", WEAPON,
        "a weapon";
    /// An injury graver than simple hurt: a fracture, a broken bone or tooth.
    GraveInjury = "grave_injury", GRAVE_INJURY,
        "a fracture or a broken bone or tooth";
    /// Lewd words, whistles or gestures at a woman.
    Lewd = "lewd", LEWD,
        "lewd words, whistles or gestures";
    /// Obscene, nude or private pictures or video.
    Obscene = "obscene", OBSCENE,
        "obscene or private pictures or video";
    /// The complainant's caste, or caste abuse (the SC/ST Act's offences).
    Caste = "caste", CASTE,
        "the complainant's caste (a Scheduled Caste or Tribe)";
    /// A person taken away by force or deceit (kidnapping, abduction, ransom).
    Abduction = "abduction", ABDUCTION,
        "that a person was taken away (kidnapped, abducted)";
    /// A religion, caste, community or region spoken of as a group (enmity between
    /// groups, wounded religious feelings).
    Community = "community", COMMUNITY,
        "a religion, caste or community spoken of as a group";
    /// An order of a public servant disobeyed: a prohibitory order, a curfew, a ban.
    Order = "order", ORDER,
        "an order of a public servant (a prohibitory order, a curfew, a ban)";
    /// A court's order to a husband or his family told: a protection order under the
    /// Domestic Violence Act, an order to stay away (its breach is the Act's 31).
    CourtOrder = "court_order", COURT_ORDER,
        "a court's order to a husband or his family (a protection order)";
    /// Five or more people acting together (rioting).
    Crowd = "crowd", CROWD,
        "five or more people acting together";
    /// A nuisance to the neighbourhood: noise at night, loudspeakers, filth.
    Nuisance = "nuisance", NUISANCE,
        "a nuisance to the neighbourhood (noise at night, loudspeakers, filth)";
    /// Land or a field entered, ploughed or occupied against the owner.
    Trespass = "trespass", TRESPASS,
        "land entered, ploughed or occupied against the owner";
    /// Someone who said he was a police officer or another official.
    Impostor = "impostor", IMPOSTOR,
        "someone who said he was a police officer or another official";
    /// A death by suicide told as done: hanged herself, took her own life (abetment of
    /// suicide).
    Suicide = "suicide", SUICIDE,
        "a death by suicide (hanged, took her own life)";
    /// A deceit that got money or property: cheated, duped, lured (cheating, 318(4)).
    Deceit = "deceit", DECEIT,
        "a deceit that got money or property (cheated, duped)";
    /// A forged paper, signature or identity document (forgery, 336).
    Forgery = "forgery", FORGERY,
        "a forged paper, signature or identity document";
    /// A woman touched, held or grabbed against her will (assault, 74).
    Touch = "touch", TOUCH,
        "a woman touched, held or grabbed against her will";
    /// The complainant called a thief or a fraud before others, rumours spread
    /// (defamation, 356(2)).
    Defamation = "defamation", DEFAMATION,
        "the complainant called a thief or a fraud before others";
    /// A firearm carried or used (the Arms Act).
    Firearm = "firearm", FIREARM,
        "a firearm (a pistol, a country-made gun)";
    /// An attack made to kill, told as done: stabbed, shot at, strangled (attempt to
    /// murder, 109(1)).
    Attack = "attack", ATTACK,
        "an attack made to kill (stabbed, shot at, strangled)";
    /// A vehicle that hit or ran over someone, or was driven fast (rash driving, 281).
    Collision = "collision", COLLISION,
        "a vehicle that hit someone or was driven fast";
    /// The accused worked for the complainant: an accountant, a cashier, a munim.
    Employee = "employee", EMPLOYEE,
        "that the accused worked for the complainant (an accountant, a cashier)";
    /// Money entrusted and kept back: collected and not deposited, embezzled.
    Embezzled = "embezzled", EMBEZZLED,
        "money entrusted and kept back (not deposited, embezzled)";
    /// Money demanded under a threat: "hafta", "रंगदारी" (extortion, 308(2)).
    Extortion = "extortion", EXTORTION,
        "money demanded under a threat (extortion)";
    /// A public servant stopped in or for his duty: a disconnection, government work
    /// (hurt or force to deter a public servant, 121(1), 132; obstruction, 221).
    Duty = "duty", DUTY,
        "a public servant stopped in his duty (a disconnection, government work)";
    /// Acid thrown or poured on a person (124(1), 124(2)).
    Acid = "acid", ACID,
        "acid thrown on a person";
    /// An animal poisoned or killed (325).
    AnimalKilled = "animal_killed", ANIMAL_KILLED,
        "an animal poisoned or killed";
    /// A person's age under eighteen, said as an age (with a marriage: a child
    /// marriage).
    Minor = "minor", MINOR,
        "an age under eighteen";
    /// A marriage performed or arranged.
    Marriage = "marriage", MARRIAGE,
        "a marriage";
}

impl Element {
    /// Whether, told, it tells the offence that requires it and not only lets it be:
    /// caste abuse is the SC/ST Act's, force in a theft is robbery, a person taken
    /// away is kidnapping; but a weapon alone is no attempt to murder, and a church
    /// named is no offence against religion.
    pub fn tells_offence(self) -> bool {
        matches!(self, Element::Caste | Element::Force | Element::Abduction)
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
                | Element::CourtOrder
        )
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
        .flat_map(|element| element.cues().iter())
        .flat_map(|cue| cue.split(|word| word == cues::NEAR).map(<[String]>::len))
        .max()
        .unwrap_or(0)
});

/// How many words apart the parts of a cue told near each other may stand: a sentence
/// or two ("भैंस ने चारा खाया … मर गई। डॉक्टर ने कहा कुछ ज़हरीला खिलाया गया").
const NEAR_WORDS: usize = 24;

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

    /// Whether the statement holds one of `element`'s own cue phrases, not denied. (A
    /// cue told near each other is not read for denial: none of the deniable elements
    /// has one.)
    fn holds(&self, element: Element) -> bool {
        element.cues().iter().any(|cue| {
            if cue.iter().any(|word| word == cues::NEAR) {
                return self.near(cue);
            }
            self.held.get(cue.as_slice()).is_some_and(|starts| {
                !element.deniable() || starts.iter().any(|&at| !self.denied(at, cue.len()))
            })
        })
    }

    /// Whether every part of a cue told near each other ([`cues::NEAR`]) is held within
    /// [`NEAR_WORDS`] words of one place of its first part, in either order.
    fn near(&self, cue: &[String]) -> bool {
        let mut parts = cue.split(|word| word == cues::NEAR);
        let Some(first) = parts.next().and_then(|part| self.held.get(part)) else {
            return false;
        };
        let others: Option<Vec<&Vec<usize>>> = parts.map(|part| self.held.get(part)).collect();
        let Some(others) = others else {
            return false;
        };
        first.iter().any(|&at| {
            others
                .iter()
                .all(|starts| starts.iter().any(|&other| other.abs_diff(at) <= NEAR_WORDS))
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
mod tests;
