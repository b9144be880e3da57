//! Cues for a deceit, a forged paper, a defamation and a touch. Each tells the cognizable one of
//! two siblings: a forgery a complainant reports was made to cheat him (his land sold,
//! a loan taken in his name), 336(3), not forgery alone, 336(2); a woman grabbed and
//! touched, 74, not criminal force alone, 131; or names an offence a long statement
//! tells in one clause.

use super::cues::{cues, near_pairs};
use std::sync::LazyLock;

/// A deceit that got the complainant to part with money or property: cheated, duped,
/// swindled. Not "fake" alone (a fake call is an impostor's, a fake note a
/// counterfeit's), "धोखे से" (by a trick: "धोखे से बुलाकर पीटा") or "jhansa" and "false
/// promise" (most often of marriage, 69).
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
        // Devanagari.
        // Not "धोखा" alone: it stems like "धोखे से", by a trick.
        "धोखा दिया",
        "धोखा देकर",
        "धोखा किया",
        "धोखा हुआ",
        "धोखा हो गया",
        "धोखाधड़ी",
        "ठगी",
        "ठग लिया",
        "ठग लिए",
        "ठगा",
        "फ्रॉड",
        // Romanised.
        "dhokha",
        "dhoka",
        "dhokhadhadi",
        "thagi",
        "thag liya",
        "thag liye",
        "thaga",
        "froud",
    ])
});

/// A forged paper, signature or identity document, made or used; a paper said to be
/// fake ("the letter is fake", "यह पत्र फर्जी है"). Not "जाली" alone (it stems to "जाल", a trap;
/// a window's grille), "is fake" alone (notes, gold, an officer) or "फर्जी है" (it stems
/// to "फर्ज है", a duty) or "नकली है" alone (gold, a note).
pub(super) static FORGERY: LazyLock<Vec<Vec<String>>> = LazyLock::new(|| {
    // A thumb mark or a signature said to be fake a few words on ("अंगूठा और दस्तख़त
    // दोनों नकली हैं").
    let marks = near_pairs(
        &[
            "अंगूठा",
            "अंगूठे",
            "दस्तखत",
            "दस्तख़त",
            "हस्ताक्षर",
            "angootha",
            "angutha",
            "dastkhat",
            "hastakshar",
        ],
        // Not "फर्जी"/"farzi" here: "दस्तख़त करवाए … फर्जी मुकदमे में फँसा दूँगा" is a
        // threat, "farzi bank mitra ne angootha lagwaya" a cheating.
        &["नकली", "nakli", "naqli"],
    );
    let mut forged = marks;
    forged.extend(cues(&[
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
        "letter is fake",
        "letter was fake",
        "papers are fake",
        "papers were fake",
        "documents are fake",
        "documents were fake",
        "document is fake",
        "signature is fake",
        "signatures are fake",
        "certificate is fake",
        "agreement is fake",
        "signature is not of",
        "fake appointment letter",
        "fake joining letter",
        "not my signature",
        "signature is not mine",
        "signature that is not mine",
        "never signed",
        // Devanagari.
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
        "जाली दस्तखत",
        "जाली हस्ताक्षर",
        "जाली कागज",
        "जाली कागजात",
        "जाली दस्तावेज",
        "जाली साइन",
        "जाली रजिस्ट्री",
        "फर्जी दस्तखत",
        "फर्जी एग्रीमेंट",
        "नकली आधार",
        "फर्जी नियुक्ति पत्र",
        "नकली नियुक्ति पत्र",
        "फर्जी लेटर",
        "पत्र फर्जी",
        "पत्र नकली",
        "कागज फर्जी",
        "कागज नकली",
        "दस्तखत नकली",
        "साइन नकली",
        // Romanised.
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
        "jaali sign",
        "jaali dastkhat",
        "jaali kagaz",
        "jali sign",
        "jali kagaz",
        "farzi dastkhat",
        "farzi agreement",
        "farzi letter",
        "nakli letter",
        "farzi appointment letter",
    ]));
    forged
});

/// A woman touched or grabbed against her will (the assault of 74, not words: those
/// are [`super::passing::LEWD`]). Not a hand held ("हाथ पकड़", said of men pulled aside
/// too) or "touch my" (feet, a car).
pub(super) static TOUCH: LazyLock<Vec<Vec<String>>> = LazyLock::new(|| {
    cues(&[
        // English.
        "touched me",
        "touched her",
        "touching me",
        "touching her",
        "touch me",
        "touched my body",
        "touched my chest",
        "touch my chest",
        "grabbed my wrist",
        "held my wrist",
        "caught my wrist",
        "groped",
        "grabbed my hand",
        "grabbed her hand",
        "pulled my dupatta",
        "pulled her dupatta",
        "bad touch",
        "touched inappropriately",
        "hugged me",
        "kissed me",
        "pressed himself",
        // Devanagari.
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
/// fraud before people, rumours spread. What tells against cheating, which such a
/// statement's words (fraud, money eaten up) otherwise put first. Not "badnaam" (a
/// threat to defame is a sextortion's or a loan app's, which cheat too), "इज्जत खराब"
/// (said of an assault) or "chor kaha" without "mujhe" (the complainant called him one).
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
        // Devanagari.
        "मानहानि",
        "मुझे चोर कहा",
        "मुझे चोर बोला",
        // Romanised.
        "maanhani",
        "manhani",
        "mujhe chor bola",
        "mujhe chor kaha",
    ])
});

/// Money demanded under a threat, told as the demand (extortion, 308(2)): "hafta",
/// "रंगदारी", "dena padega warna". Not "hafta" or "हफ्ते" alone (a week). A dowry
/// demand said with "warna" holds it too: 308(2) is then offered beside the Dowry Act,
/// for the officer.
pub(super) static EXTORTION: LazyLock<Vec<Vec<String>>> = LazyLock::new(|| {
    cues(&[
        // English.
        "extortion",
        "extort",
        "protection money",
        "pay up or",
        // Devanagari.
        "रंगदारी",
        "हफ्ता वसूली",
        "हफ़्ता वसूली",
        "देना पड़ेगा वरना",
        "देना पड़ेगा नहीं तो",
        "देने पड़ेंगे वरना",
        // Romanised.
        "rangdari",
        "rangdaari",
        "hafta vasooli",
        "hafta vasuli",
        "hafta wasooli",
        "dena padega warna",
        "dena padega varna",
        "dena padega nahi to",
        "dene padenge warna",
    ])
});

/// The accused worked for the complainant: an accountant, a cashier, a munim, an
/// employee (with money kept back: breach of trust by a clerk or servant, 316(4)).
pub(super) static EMPLOYEE: LazyLock<Vec<Vec<String>>> = LazyLock::new(|| {
    cues(&[
        // English.
        "accountant",
        "cashier",
        "our employee",
        "my employee",
        "had employed",
        "employed him",
        "working with us",
        "worked for me",
        "worked for us",
        "our salesman",
        "my salesman",
        // Devanagari.
        "मुनीम",
        "कैशियर",
        "अकाउंटेंट",
        "हमारा कर्मचारी",
        "मेरा कर्मचारी",
        "हमारे यहाँ काम करता",
        "मेरे यहाँ काम करता",
        // Romanised.
        // Not "munshi": the police station's clerk too.
        "munim",
        "hamare yahan kaam karta",
        "mere yahan kaam karta",
        "mere paas kaam karta",
    ])
});

/// Money or goods entrusted and kept back: collected and not deposited, embezzled
/// (criminal breach of trust). Not "kept" alone (a phone found and kept: 314's), "with
/// himself" alone ("he took my bag with himself"), "kept the money" (the complainant's
/// own, in the almirah) or "pocketed" (it stems to "pocket": a pickpocketing).
pub(super) static EMBEZZLED: LazyLock<Vec<Vec<String>>> = LazyLock::new(|| {
    let mut kept = near_pairs(&["kept"], &["with himself", "with herself"]);
    kept.extend(cues(&[
        // English.
        "embezzled",
        "embezzlement",
        "misappropriated",
        "deposited less",
        "did not deposit",
        "never deposited",
        // Devanagari.
        "गबन",
        "हेराफेरी",
        "जमा नहीं किए",
        "जमा नहीं किया",
        "जमा नहीं कराए",
        "खुद रख लिए",
        // Romanised.
        "gaban",
        "ghaban",
        "hera pheri",
        "heraferi",
        "jama nahi kiye",
        "jama nahi kiya",
        "khud rakh liye",
    ]));
    kept
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
                "usne dhokha dekar paise le liye",
            ],
            &[
                "somebody took my phone from my pocket in the bus",
                "वह धोखे से बुलाकर ले गया और पीटा",
                "shaadi ka jhansa dekar sambandh banaye",
            ],
        );
    }

    #[test]
    fn a_forged_paper_is_told_and_a_fake_caller_is_not() {
        assert_told(
            Element::Forgery,
            &[
                "माँ का अंगूठा और दस्तख़त दोनों नकली हैं",
                "he sold my plot on a power of attorney with a signature that is not mine",
                "मेरे जाली दस्तखत करके रजिस्ट्री करवा दी",
                "officers told the letter is fake, no such appointment",
                "मेरे जाली दस्तखत करके लोन ले लिया",
                "loan ke kagaz pe mere farzi sign hain",
                "दफ्तर वालों ने बताया कि यह पत्र फर्जी है",
            ],
            &[
                "a fake police officer stopped me and took my chain",
                "I found out from the RTO that the car was sold",
                "the officer was fake, he took my chain",
                "चोर खिड़की की जाली तोड़कर घुसे",
                "मेरा फर्ज है कि मैं बताऊँ",
                "सुनार ने बताया कि सोना नकली है",
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
            &[
                "he did not touch me but kept whistling",
                "उसने मेरा हाथ पकड़ा और थप्पड़ मारा",
                "he bent to touch my feet",
            ],
        );
    }

    #[test]
    fn a_defamation_is_told_in_any_script_and_a_cheating_is_not() {
        assert_told(
            Element::Defamation,
            &[
                "he posted in the colony group calling me a thief and a fraud",
                "usne sabke saamne mujhe 'chor' bola aur WhatsApp pe likha",
                "पूरे गाँव में मुझे चोर बोला और मानहानि की",
            ],
            &[
                "he cheated me of two lakh for a job",
                "bola photo viral karke badnaam kar denge",
                "मैंने उसे चोर कहा तो वह भाग गया",
            ],
        );
    }

    #[test]
    fn a_demand_under_threat_is_told_and_a_week_is_not() {
        assert_told(
            Element::Extortion,
            &[
                "yahan thela lagana hai to dena padega warna thela ulta denge",
                "वह हर महीने रंगदारी माँगता है",
                "they demand protection money from every shop",
            ],
            &[
                "har hafte aake ₹500 lete hain",
                "पिछले हफ्ते मेरी बाइक चोरी हुई",
                "sasural wale dahej mein car maang rahe hain",
            ],
        );
    }

    #[test]
    fn money_an_employee_kept_back_is_told_and_a_phone_kept_is_not() {
        let statement = "We had an accountant cum cashier who collected cash from retailers; \
                         the CA found he deposited less than what he collected";
        assert_told(
            Element::Employee,
            &[statement, "hamara munim 2 saal se kaam karta tha"],
            &[
                "I called the bank's customer care",
                "मेरा बेटा दुकान पर बैठता है",
            ],
        );
        assert_told(
            Element::Embezzled,
            &[
                statement,
                "मुनीम ने 3 लाख का गबन किया",
                "from October to January he had kept ₹4,38,000 with himself",
            ],
            &[
                "a man picked up my phone and kept it",
                "he took the money from my pocket",
                "he snatched my bag and took it with himself",
                "I had kept the money in my bag when it was snatched",
            ],
        );
    }
}
