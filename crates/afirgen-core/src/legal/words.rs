//! Words for retrieval: Unicode word boundaries, case and spelling variants folded, stop
//! words dropped, and light stemming — English suffixes for English words, Hindi
//! inflections for Devanagari, romanised Hindi left unstemmed, and every Latin-letter
//! word given one spelling (romanised Hindi has none).

use unicode_segmentation::UnicodeSegmentation;

/// Splits text into words on Unicode word boundaries (UAX #29), so Devanagari words stay
/// whole, and normalises them: lower case, nukta folded (ज़ = ज), zero-width joiners
/// dropped, English words stemmed lightly.
#[derive(Debug, Clone, Copy, Default)]
pub struct WordTokenizer;

impl WordTokenizer {
    /// The normalised words of `text`.
    pub fn words(text: &str) -> Vec<String> {
        text.unicode_words().filter_map(normalise).collect()
    }
}

impl bm25::Tokenizer for WordTokenizer {
    fn tokenize(&self, input_text: &str) -> Vec<String> {
        Self::words(input_text)
    }
}

/// `text` in lower case with nukta and zero-width joiners folded (ड़ = ड), so phrases
/// compare whichever way a keyboard wrote them.
pub(crate) fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(&mut out, text);
    out
}

/// The words of `text` normalised as [`WordTokenizer::words`] does, stop words kept:
/// a phrase ("jaan se maar") compares whole.
pub(crate) fn phrase_words(text: &str) -> Vec<String> {
    text.unicode_words()
        .filter_map(|word| {
            let mut out = String::with_capacity(word.len());
            fold_into(&mut out, word);
            (!out.is_empty()).then(|| stemmed(out))
        })
        .collect()
}

/// Every run of 1 to `longest` consecutive words of `words`: the phrases it holds.
pub(crate) fn runs(words: &[String], longest: usize) -> impl Iterator<Item = &[String]> {
    (1..=longest).flat_map(move |n| words.windows(n))
}

fn normalise(word: &str) -> Option<String> {
    let mut out = String::with_capacity(word.len());
    fold_into(&mut out, word);
    if out.is_empty() || STOP_WORDS.contains(&out.as_str()) {
        return None;
    }
    Some(stemmed(out))
}

fn stemmed(mut out: String) -> String {
    if out.is_ascii() {
        out = spelling_key(&stem(&out));
    } else if out.chars().any(is_devanagari) {
        out = hindi_stem(&out);
    }
    out
}

fn fold_into(out: &mut String, word: &str) {
    for c in word.chars() {
        match c {
            // Nukta and zero-width (non-)joiners: spelling variants of the same word.
            '\u{093C}' | '\u{200C}' | '\u{200D}' => {}
            // Precomposed nukta letters: क़ ख़ ग़ ज़ ड़ ढ़ फ़ य़ -> their base letters.
            _ => match crate::facts::text::nukta_base(c) {
                Some(base) => out.push(base),
                None => out.extend(c.to_lowercase()),
            },
        }
    }
}

fn is_devanagari(c: char) -> bool {
    ('\u{0900}'..='\u{097F}').contains(&c)
}

/// Words that carry no legal meaning: English function words, and Hindi (Devanagari and
/// romanised) postpositions, pronouns and the light verbs of compound verbs ("छीन लिया":
/// the meaning is in छीन, not लिया).
const STOP_WORDS: &[&str] = &[
    // English.
    "a",
    "an",
    "the",
    "and",
    "or",
    "of",
    "to",
    "in",
    "on",
    "at",
    "by",
    "for",
    "from",
    "with",
    "was",
    "were",
    "is",
    "are",
    "be",
    "been",
    "it",
    "its",
    "my",
    "me",
    "i",
    "we",
    "our",
    "he",
    "she",
    "his",
    "her",
    "they",
    "them",
    "their",
    "this",
    "that",
    "who",
    "which",
    "as",
    "had",
    "has",
    "have",
    "not",
    "did",
    "do",
    "when",
    "there",
    "some",
    "any",
    "also",
    "about",
    "into",
    "than",
    "then",
    "so",
    // Hindi: postpositions, pronouns, auxiliaries, light verbs.
    "है",
    "हैं",
    "था",
    "थी",
    "थे",
    "हो",
    "हुआ",
    "हुई",
    "हुए",
    "और",
    "का",
    "की",
    "के",
    "में",
    "से",
    "को",
    "ने",
    "पर",
    "तक",
    "भी",
    "तो",
    "ही",
    "कि",
    "यह",
    "वह",
    "ये",
    "वो",
    "मैं",
    "मेरा",
    "मेरी",
    "मेरे",
    "मुझे",
    "मुझसे",
    "हम",
    "हमारा",
    "हमारी",
    "हमें",
    "उसने",
    "उसको",
    "उसे",
    "उसका",
    "उसकी",
    "उनके",
    "उन्होंने",
    "आप",
    "एक",
    "जब",
    "तब",
    "लिया",
    "ली",
    "लिए",
    "लिये",
    "दिया",
    "दी",
    "दिए",
    "दिये",
    "गया",
    "गई",
    "गयी",
    "गए",
    "गये",
    "रहा",
    "रही",
    "रहे",
    "कर",
    "करके",
    "कराया",
    "जा",
    "जाता",
    "जाती",
    // The future of the light verbs ("मार दूंगा", "देख लूंगा": the meaning is in मार, देख).
    "दूंगा",
    "दूँगा",
    "दूंगी",
    "दूँगी",
    "देंगे",
    "लूंगा",
    "लूँगा",
    "लेंगे",
    "जाएगा",
    "जायेगा",
    // Romanised Hindi, as typed.
    "hai",
    "hain",
    "tha",
    "thi",
    "the",
    "ho",
    "hua",
    "hui",
    "aur",
    "ka",
    "ki",
    "ke",
    "mein",
    "me",
    "se",
    "ko",
    "ne",
    "par",
    "bhi",
    "to",
    "hi",
    "ye",
    "yeh",
    "woh",
    "wo",
    "mera",
    "meri",
    "mere",
    "mujhe",
    "humara",
    "hamara",
    "usne",
    "unhone",
    "ek",
    "liya",
    "li",
    "diya",
    "di",
    "gaya",
    "gayi",
    "gaye",
    "raha",
    "rahi",
    "rahe",
    "kar",
    "karke",
    "dunga",
    "dungi",
    "denge",
    "lunga",
    "lenge",
    "jayega",
    "jaega",
    // Romanised pronouns, auxiliaries, particles and verbs of saying and coming, and the
    // ways a complainant addresses the officer: the words of every telling, which
    // outranked an offence's own words in the tellings' index ("pe", "nahi", "bola").
    "pe",
    "pr",
    "nahi",
    "nahin",
    "na",
    "tab",
    "jab",
    "kya",
    "koi",
    "kuch",
    "kuchh",
    "sab",
    "sabhi",
    "abhi",
    "phir",
    "fir",
    "aaj",
    "kal",
    "bahut",
    "bohot",
    "main",
    "mai",
    "mujhse",
    "hum",
    "hame",
    "hamein",
    "humein",
    "hamare",
    "hamari",
    "humari",
    "humare",
    "tum",
    "tu",
    "tujhe",
    "tera",
    "teri",
    "tere",
    "aap",
    "apna",
    "apni",
    "apne",
    "uska",
    "uski",
    "uske",
    "usko",
    "use",
    "usse",
    "unka",
    "unki",
    "unke",
    "unko",
    "unse",
    "inhone",
    "isne",
    "iska",
    "iski",
    "iske",
    "isko",
    "ise",
    "yah",
    "vah",
    "vo",
    "ve",
    "jo",
    "jis",
    "jisne",
    "jiska",
    "wahan",
    "yahan",
    "vahan",
    "waha",
    "yaha",
    "hu",
    "hoon",
    "hun",
    "hota",
    "hoti",
    "hote",
    "hue",
    "huye",
    "hoga",
    "hogi",
    "honge",
    "rha",
    "rhi",
    "rhe",
    "wala",
    "wali",
    "wale",
    "vala",
    "vali",
    "vale",
    "karta",
    "karti",
    "karte",
    "kiya",
    "kiye",
    "kari",
    "kara",
    "karne",
    "karna",
    "diye",
    "dena",
    "deta",
    "deti",
    "dete",
    "liye",
    "leta",
    "leti",
    "lete",
    "lena",
    "gya",
    "gyi",
    "gye",
    "jana",
    "jata",
    "jati",
    "jate",
    "ja",
    "jaa",
    "aaya",
    "aayi",
    "aaye",
    "aya",
    "ayi",
    "aye",
    "aake",
    "aakar",
    "bola",
    "boli",
    "bole",
    "kaha",
    "kahi",
    "kahne",
    "sir",
    "sahab",
    "saab",
    "ji",
    "madam",
    // The same in Devanagari.
    "नहीं",
    "नही",
    "ना",
    "पे",
    "तुझे",
    "तुम",
    "तू",
    "तेरा",
    "तेरी",
    "तेरे",
    "आपका",
    "आपकी",
    "अपना",
    "अपनी",
    "अपने",
    "उसके",
    "उनकी",
    "उनका",
    "उनको",
    "उनसे",
    "उससे",
    "इसने",
    "इसके",
    "इसकी",
    "इसका",
    "जो",
    "जिस",
    "जिसने",
    "वहाँ",
    "वहां",
    "यहाँ",
    "यहां",
    "कोई",
    "कुछ",
    "सब",
    "सभी",
    "अभी",
    "फिर",
    "आज",
    "कल",
    "बहुत",
    "हूँ",
    "हूं",
    "होता",
    "होती",
    "होते",
    "वाला",
    "वाली",
    "वाले",
    "करता",
    "करती",
    "करते",
    "किया",
    "किए",
    "किये",
    "करने",
    "करना",
    "बोला",
    "बोली",
    "बोले",
    "कहा",
    "कहने",
    "आया",
    "आई",
    "आए",
    "आये",
    "आकर",
    "साहब",
    "जी",
    "क्या",
];

/// Hindi inflections, longest first: plural and oblique endings, and the participles and
/// infinitives of verbs ("मारते", "मारा", "मारना" all give मार).
const HINDI_SUFFIXES: &[&str] = &[
    "ियों",
    "ियां",
    "ियाँ",
    "ाओं",
    "ाएं",
    "ाएँ",
    "ुओं",
    "ाते",
    "ाता",
    "ाती",
    "ाना",
    "ाने",
    "कर",
    "ते",
    "ता",
    "ती",
    "ना",
    "नी",
    "ने",
    "ों",
    "ें",
    "ीं",
    "ां",
    "ाँ",
    "ा",
    "ी",
    "े",
    "ो",
];

/// Strips one Hindi inflection, keeping at least two letters of the stem (so a short
/// word like "चोर" or "मार" is never cut).
fn hindi_stem(word: &str) -> String {
    for suffix in HINDI_SUFFIXES {
        if let Some(stem) = word.strip_suffix(suffix) {
            let letters = stem.chars().filter(|c| c.is_alphabetic()).count();
            let ends_in_sign = stem
                .chars()
                .last()
                .is_some_and(|c| matches!(c, '\u{093E}'..='\u{094D}' | '\u{0900}'..='\u{0903}'));
            if letters >= 2 && !ends_in_sign {
                return stem.to_owned();
            }
        }
    }
    word.to_owned()
}

fn stem(word: &str) -> String {
    const IRREGULAR: [(&str, &str); 12] = [
        ("stolen", "steal"),
        ("stole", "steal"),
        ("beaten", "beat"),
        ("threw", "throw"),
        ("thrown", "throw"),
        ("took", "take"),
        ("taken", "take"),
        ("fought", "fight"),
        ("killed", "kill"),
        ("men", "man"),
        ("women", "woman"),
        ("children", "child"),
    ];
    if let Some((_, base)) = IRREGULAR.iter().find(|(w, _)| *w == word) {
        return (*base).to_owned();
    }
    // Romanised Hindi ("chhed", "bhaag", "pitai") is left as typed: English never
    // doubles an h or a vowel like this, and cutting it made "chhed" into "ch".
    if ["hh", "aa", "ii", "uu"]
        .iter()
        .any(|pair| word.contains(pair))
    {
        return word.to_owned();
    }
    for suffix in ["ings", "ing", "ies", "ed", "es", "s"] {
        if let Some(stem) = word.strip_suffix(suffix) {
            if stem.len() >= 3 {
                let stem = match suffix {
                    "ies" => format!("{stem}y"),
                    _ => stem.to_owned(),
                };
                // "snatched" -> "snatch", "robbed" -> "rob", "robbing" -> "rob".
                let bytes = stem.as_bytes();
                let n = bytes.len();
                if n >= 2
                    && bytes[n - 1] == bytes[n - 2]
                    && !matches!(bytes[n - 1], b'l' | b's' | b'z' | b'h')
                {
                    return stem[..n - 1].to_owned();
                }
                return stem;
            }
        }
    }
    word.to_owned()
}

/// One spelling for the many a Latin-letter word is typed with. Romanised Hindi has no
/// fixed spelling — "chaaku" and "chaku", "maarne" and "marne", "zinda" and "jinda",
/// "chhota" and "chota" — so ee -> i, oo -> u, z -> j, q -> k, and doubled letters are
/// made single. Query and catalogue pass through the same fold, so English words still
/// meet each other ("stabbed" and "stab" better than before). w and v are kept apart,
/// as English spells with both; a fold makes some words meet that should not ("waar",
/// a blow, is "war"), which BM25's weights and the other rankings outvote.
fn spelling_key(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut chars = word.chars().peekable();
    while let Some(c) = chars.next() {
        let c = match c {
            'e' if chars.peek() == Some(&'e') => {
                chars.next();
                'i'
            }
            'o' if chars.peek() == Some(&'o') => {
                chars.next();
                'u'
            }
            'z' => 'j',
            'q' => 'k',
            c => c,
        };
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}
