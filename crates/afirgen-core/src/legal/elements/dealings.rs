//! Cues for a deceit, a forged paper, a defamation and a touch. Each tells the cognizable one of
//! two siblings: a forgery a complainant reports was made to cheat him (his land sold,
//! a loan taken in his name), 336(3), not forgery alone, 336(2); a woman grabbed and
//! touched, 74, not criminal force alone, 131; or names an offence a long statement
//! tells in one clause.

use super::cues::cues;
use std::sync::LazyLock;

/// A deceit that got the complainant to part with money or property: cheated, duped,
/// lured. Not "fake" alone (a fake call is an impostor's, a fake note a counterfeit's).
pub(super) static DECEIT: LazyLock<Vec<Vec<String>>> = LazyLock::new(|| {
    cues(&[
        // English ("cheated" and "cheating" stem alike).
        "cheated",
        "cheat",
        "fraud",
        "fraudulently",
        "fraudster",
        "duped",
        "conned",
        "swindled",
        "tricked me",
        "tricked us",
        "false promise",
        // Devanagari.
        "धोखा",
        "धोखे",
        "धोखाधड़ी",
        "ठगी",
        "ठग लिया",
        "ठग लिए",
        "ठगा",
        "झांसा",
        "झाँसा",
        "झांसे",
        "झाँसे",
        "फ्रॉड",
        // Romanised.
        "dhokha",
        "dhoka",
        "dhokhe",
        "dhokhadhadi",
        "thagi",
        "thag liya",
        "thag liye",
        "thaga",
        "jhansa",
        "jhanse",
        "jhaansa",
        "froud",
    ])
});

/// A forged paper, signature or identity document, made or used; a paper said to be
/// fake ("is fake", "नकली हैं"), which complaints say of documents.
pub(super) static FORGERY: LazyLock<Vec<Vec<String>>> = LazyLock::new(|| {
    cues(&[
        // English.
        "forged",
        "forgery",
        "forging",
        "fake signature",
        "fake signatures",
        "fake document",
        "fake documents",
        "fake papers",
        "fake stamp",
        "fake seal",
        "fake agreement",
        "fake registry",
        "fake sale deed",
        "fake will",
        "fake certificate",
        "fake degree",
        "fake marksheet",
        "fake aadhaar",
        "fake aadhar",
        "fabricated",
        "fake letter",
        "is fake",
        "are fake",
        "was fake",
        "were fake",
        "fake appointment letter",
        "fake joining letter",
        "not my signature",
        "signature is not mine",
        "signature that is not mine",
        "never signed",
        // Devanagari.
        "जाली",
        "फर्जी दस्तावेज",
        "फर्जी कागज",
        "फर्जी कागजात",
        "फर्जी हस्ताक्षर",
        "नकली हस्ताक्षर",
        "फर्जी साइन",
        "नकली साइन",
        "फर्जी रजिस्ट्री",
        "फर्जी आधार",
        "फर्जी मोहर",
        "नकली दस्तखत",
        "फर्जी दस्तखत",
        "फर्जी एग्रीमेंट",
        "नकली आधार",
        "फर्जी नियुक्ति पत्र",
        "नकली नियुक्ति पत्र",
        "फर्जी लेटर",
        "नकली है",
        "नकली हैं",
        "फर्जी है",
        "फर्जी हैं",
        // Romanised.
        "jaali",
        "jali",
        "farzi dastavej",
        "farzi dastavez",
        "farzi kagaz",
        "farzi kagzat",
        "farzi signature",
        "farzi sign",
        "nakli sign",
        "nakli signature",
        "farzi registry",
        "farzi aadhar",
        "farji dastavej",
        "farji sign",
        "nakli dastkhat",
        "farzi dastkhat",
        "farzi agreement",
        "farzi letter",
        "nakli letter",
        "farzi appointment letter",
        "nakli hai",
        "nakli hain",
        "farzi hai",
        "farzi hain",
    ])
});

/// A woman touched, held or grabbed against her will (the assault of 74, not words:
/// those are [`super::passing::LEWD`]).
pub(super) static TOUCH: LazyLock<Vec<Vec<String>>> = LazyLock::new(|| {
    cues(&[
        // English.
        "touched me",
        "touched her",
        "touching me",
        "touching her",
        "touch me",
        "touched my",
        "touch my",
        "grabbed my wrist",
        "held my wrist",
        "caught my wrist",
        "groped",
        "grabbed my hand",
        "grabbed her hand",
        "held my hand",
        "caught my hand",
        "pulled my dupatta",
        "pulled her dupatta",
        "bad touch",
        "touched inappropriately",
        "hugged me",
        "kissed me",
        "pressed himself",
        // Devanagari.
        "हाथ पकड़",
        "हाथ पकड़ लिया",
        "दुपट्टा खींच",
        "दुपट्टा खींचा",
        "छुआ",
        "छूने",
        "गलत तरीके से छू",
        "छेड़छाड़",
        "सीने पर हाथ",
        "सीने पे हाथ",
        "चिपक रहा",
        "चिपकने",
        // Romanised.
        "haath pakad",
        "hath pakad",
        "haath pakda",
        "hath pakda",
        "dupatta kheencha",
        "dupatta khicha",
        "dupatta kheench",
        "chhua",
        "chhune",
        "galat tarike se chhu",
        "chhedchhad",
        "chhed chhad",
        "chhedkhani",
        "seene pe haath",
        "seene par haath",
        "chipak raha",
        "chipakne",
    ])
});

/// Words said or written to lower the complainant in others' eyes: called a thief or a
/// fraud before people, rumours spread, "badnaam". What tells against cheating, which
/// such a statement's words (fraud, money eaten up) otherwise put first.
pub(super) static DEFAMATION: LazyLock<Vec<Vec<String>>> = LazyLock::new(|| {
    cues(&[
        // English.
        "defame",
        "defamed",
        "defaming",
        "defamation",
        "defamatory",
        "called me a thief",
        "calling me a thief",
        "called me a fraud",
        "calling me a fraud",
        "spreading rumours",
        "spreading false",
        "false rumours",
        "character assassination",
        "maligning",
        "maligned",
        "tarnish",
        // Devanagari.
        "बदनाम",
        "बदनामी",
        "मानहानि",
        "इज्जत खराब",
        "चोर कहा",
        "चोर बोला",
        "चोर कह",
        "अफवाह",
        "झूठी बातें फैला",
        // Romanised.
        "badnaam",
        "badnam",
        "badnami",
        "maanhani",
        "manhani",
        "izzat kharab",
        "chor bola",
        "chor kaha",
        "chor keh",
        "afwah",
        "jhoothi baatein",
    ])
});

#[cfg(test)]
mod tests {
    use super::super::{assert_told, Element};

    #[test]
    fn a_deceit_is_told_in_any_script_and_a_theft_tells_none() {
        assert_told(
            Element::Deceit,
            &[
                "He took 2 lakh for a railway job and cheated me",
                "ऑनलाइन ठगी हो गई, 40 हज़ार कट गए",
                "usne jhansa dekar paise le liye",
            ],
            &["somebody took my phone from my pocket in the bus"],
        );
    }

    #[test]
    fn a_forged_paper_is_told_and_a_fake_caller_is_not() {
        assert_told(
            Element::Forgery,
            &[
                "he sold my plot on a power of attorney with a signature that is not mine",
                "मेरे जाली दस्तखत करके रजिस्ट्री करवा दी",
                "officers told the letter is fake, no such appointment",
                "loan ke kagaz pe mere farzi sign hain",
                "मुख्तारनामे पर माँ का अंगूठा और दस्तख़त दोनों नकली हैं",
            ],
            &[
                "a fake police officer stopped me and took my chain",
                "I found out from the RTO that the car was sold",
            ],
        );
    }

    #[test]
    fn a_touch_is_told_and_a_denied_one_is_not() {
        assert_told(
            Element::Touch,
            &[
                "he grabbed my wrist and tried to touch my chest",
                "बस में एक आदमी बार-बार चिपक रहा था",
                "jaan boojh kar mere seene pe haath maara",
            ],
            &["he did not touch me but kept whistling"],
        );
    }

    #[test]
    fn a_defamation_is_told_in_any_script_and_a_cheating_is_not() {
        assert_told(
            Element::Defamation,
            &[
                "he posted in the colony group calling me a thief and a fraud",
                "usne sabke saamne mujhe 'chor' bola aur WhatsApp pe likha",
                "पूरे गाँव में मुझे बदनाम कर रहा है",
            ],
            &["he cheated me of two lakh for a job"],
        );
    }
}
