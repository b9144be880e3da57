//! Numbers as people say and write them: digits with Indian grouping ("1,50,000") and
//! decimals ("2.5"); words in English, Hindi and romanised Hindi; hundred, thousand, lakh
//! and crore; and the fractions साढ़े (and a half), सवा (and a quarter), पौने (less a
//! quarter), डेढ़ (one and a half) and ढाई (two and a half).

use super::text::{Folded, Kind, Token};
use std::collections::HashMap;
use std::sync::LazyLock;

/// A number read from a run of tokens.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Read {
    /// Its value.
    pub value: f64,
    /// How many tokens it took.
    pub len: usize,
    /// Whether a scale word (hundred, thousand, lakh, crore) was part of it.
    pub scaled: bool,
    /// Whether it was written in words only (no digits).
    pub in_words: bool,
}

/// Words for the numbers 0 to 99 (English, Hindi in Devanagari, common romanised
/// spellings). Romanised words that are also common other words ("do", "saath", "nau",
/// "char", "sau") are read as numbers only before a scale word or a unit the caller
/// checks for.
static SMALL: LazyLock<HashMap<String, u32>> = LazyLock::new(|| {
    const ENGLISH: &[&str] = &[
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: [(&str, u32); 8] = [
        ("twenty", 20),
        ("thirty", 30),
        ("forty", 40),
        ("fifty", 50),
        ("sixty", 60),
        ("seventy", 70),
        ("eighty", 80),
        ("ninety", 90),
    ];
    // Hindi 1..=99 are irregular: every one is its own word.
    const HINDI: &[&str] = &[
        "एक",
        "दो",
        "तीन",
        "चार",
        "पांच",
        "छह",
        "सात",
        "आठ",
        "नौ",
        "दस",
        "ग्यारह",
        "बारह",
        "तेरह",
        "चौदह",
        "पंद्रह",
        "सोलह",
        "सत्रह",
        "अठारह",
        "उन्नीस",
        "बीस",
        "इक्कीस",
        "बाईस",
        "तेईस",
        "चौबीस",
        "पच्चीस",
        "छब्बीस",
        "सत्ताईस",
        "अट्ठाईस",
        "उनतीस",
        "तीस",
        "इकतीस",
        "बत्तीस",
        "तैंतीस",
        "चौंतीस",
        "पैंतीस",
        "छत्तीस",
        "सैंतीस",
        "अड़तीस",
        "उनतालीस",
        "चालीस",
        "इकतालीस",
        "बयालीस",
        "तैंतालीस",
        "चवालीस",
        "पैंतालीस",
        "छियालीस",
        "सैंतालीस",
        "अड़तालीस",
        "उनचास",
        "पचास",
        "इक्यावन",
        "बावन",
        "तिरेपन",
        "चौवन",
        "पचपन",
        "छप्पन",
        "सत्तावन",
        "अट्ठावन",
        "उनसठ",
        "साठ",
        "इकसठ",
        "बासठ",
        "तिरेसठ",
        "चौंसठ",
        "पैंसठ",
        "छियासठ",
        "सड़सठ",
        "अड़सठ",
        "उनहत्तर",
        "सत्तर",
        "इकहत्तर",
        "बहत्तर",
        "तिहत्तर",
        "चौहत्तर",
        "पचहत्तर",
        "छिहत्तर",
        "सतहत्तर",
        "अठहत्तर",
        "उन्यासी",
        "अस्सी",
        "इक्यासी",
        "बयासी",
        "तिरासी",
        "चौरासी",
        "पचासी",
        "छियासी",
        "सत्तासी",
        "अट्ठासी",
        "नवासी",
        "नब्बे",
        "इक्यानबे",
        "बानबे",
        "तिरानबे",
        "चौरानबे",
        "पचानबे",
        "छियानबे",
        "सत्तानबे",
        "अट्ठानबे",
        "निन्यानबे",
    ];
    const HINDI_VARIANTS: [(&str, u32); 6] = [
        ("छः", 6),
        ("छै", 6),
        ("पन्द्रह", 15),
        ("अठाईस", 28),
        ("चौवालीस", 44),
        ("पांचों", 5),
    ];
    const ROMAN: [(&str, u32); 48] = [
        ("ek", 1),
        ("do", 2),
        ("teen", 3),
        ("tin", 3),
        ("char", 4),
        ("chaar", 4),
        ("paanch", 5),
        ("panch", 5),
        ("paach", 5),
        ("chhe", 6),
        ("chhah", 6),
        ("chah", 6),
        ("saat", 7),
        ("aath", 8),
        ("nau", 9),
        ("das", 10),
        ("gyarah", 11),
        ("gyara", 11),
        ("barah", 12),
        ("bara", 12),
        ("terah", 13),
        ("chaudah", 14),
        ("pandrah", 15),
        ("solah", 16),
        ("satrah", 17),
        ("atharah", 18),
        ("unnis", 19),
        ("bees", 20),
        ("bis", 20),
        ("ikkis", 21),
        ("bais", 22),
        ("baees", 22),
        ("teis", 23),
        ("chaubis", 24),
        ("chaubees", 24),
        ("pachees", 25),
        ("pachis", 25),
        ("pachchis", 25),
        ("tees", 30),
        ("tis", 30),
        ("chalis", 40),
        ("chaalis", 40),
        ("pachas", 50),
        ("pachaas", 50),
        ("saath", 60),
        ("sattar", 70),
        ("assi", 80),
        ("nabbe", 90),
    ];
    let mut map = HashMap::new();
    let mut put = |word: &str, value: u32| {
        map.insert(Folded::new(word).text().to_owned(), value);
    };
    for (value, word) in ENGLISH.iter().enumerate() {
        put(word, value as u32);
    }
    for (word, value) in TENS {
        put(word, value);
    }
    for (i, word) in HINDI.iter().enumerate() {
        put(word, i as u32 + 1);
    }
    for (word, value) in HINDI_VARIANTS.into_iter().chain(ROMAN) {
        put(word, value);
    }
    map
});

/// Scale words and their value.
static SCALES: LazyLock<HashMap<String, f64>> = LazyLock::new(|| {
    let mut map = HashMap::new();
    for (words, value) in [
        (&["hundred", "hundreds", "sau", "सौ"][..], 100.0),
        (
            &[
                "thousand",
                "thousands",
                "hazar",
                "hazaar",
                "hajar",
                "hazzar",
                "हजार",
                "हज़ार",
            ][..],
            1_000.0,
        ),
        (
            &["lakh", "lakhs", "lac", "lacs", "laakh", "lakha", "लाख"][..],
            100_000.0,
        ),
        (
            &["crore", "crores", "karod", "karor", "करोड़", "करोड"][..],
            10_000_000.0,
        ),
    ] {
        for word in words {
            map.insert(Folded::new(word).text().to_owned(), value);
        }
    }
    map
});

/// Fractions said before a number ("साढ़े तीन" = 3.5), or standing for one ("डेढ़" = 1.5).
fn fraction(word: &str) -> Option<Fraction> {
    Some(match word {
        "साढे" | "साढ़े" | "saade" | "saadhe" | "sadhe" | "sade" => {
            Fraction::Plus(0.5)
        }
        "सवा" | "sava" | "savaa" | "sawa" => Fraction::Plus(0.25),
        "पौने" | "paune" | "pone" => Fraction::Plus(-0.25),
        "डेढ" | "डेढ़" | "dedh" | "dhedh" | "derh" => Fraction::Is(1.5),
        "ढाई" | "dhai" | "dhaai" | "dhaayi" | "adhai" | "adhaai" | "arhai" => {
            Fraction::Is(2.5)
        }
        _ => return None,
    })
}

enum Fraction {
    Plus(f64),
    Is(f64),
}

/// The words read as a number in `range`, in every script and spelling known here
/// ("चौदह", "chaudah", "fourteen"), sorted.
pub fn words_between(range: std::ops::RangeInclusive<u32>) -> Vec<&'static str> {
    let mut words: Vec<&'static str> = SMALL
        .iter()
        .filter(|(_, value)| range.contains(value))
        .map(|(word, _)| word.as_str())
        .collect();
    words.sort_unstable();
    words
}

/// The value of a scale word ("lakh" = 100,000), if `word` is one.
pub fn scale(word: &str) -> Option<f64> {
    SCALES.get(word).copied()
}

/// The value of a digit token ("1,50,000", "2.5"); commas are grouping.
pub fn digit_value(text: &str) -> Option<f64> {
    text.replace(',', "").parse().ok()
}

/// Reads the number that starts at `tokens[at]`, if one does.
pub fn read(tokens: &[Token], at: usize) -> Option<Read> {
    let mut i = at;
    let mut in_words = true;
    // A fraction word first: "साढ़े तीन", or "डेढ़" standing alone.
    let mut current = match tokens.get(i).filter(|t| t.kind == Kind::Word) {
        Some(t) if matches!(t.text.as_str(), "सौ" | "sau") => 1.0,
        Some(t) => match fraction(&t.text) {
            Some(Fraction::Is(value)) => {
                i += 1;
                value
            }
            // "सवा लाख", "sava lakh": a quarter more than one of the scale.
            Some(Fraction::Plus(plus))
                if tokens
                    .get(i + 1)
                    .is_some_and(|n| n.kind == Kind::Word && scale(&n.text).is_some()) =>
            {
                i += 1;
                1.0 + plus
            }
            Some(Fraction::Plus(plus)) => {
                let (value, next, words) = read_plain(tokens, i + 1)?;
                in_words = words;
                i = next;
                value + plus
            }
            None => {
                let (value, next, words) = read_plain(tokens, i)?;
                in_words = words;
                i = next;
                value
            }
        },
        None => {
            let (value, next, words) = read_plain(tokens, i)?;
            in_words = words;
            i = next;
            value
        }
    };
    // Scales: "2.5 lakh", "one lakh twenty thousand", "do lakh pachas hazar".
    let mut total = 0.0;
    let mut scaled = false;
    while let Some(factor) = tokens
        .get(i)
        .filter(|t| t.kind == Kind::Word)
        .and_then(|t| scale(&t.text))
    {
        scaled = true;
        i += 1;
        if factor == 100.0 {
            current *= factor;
            continue;
        }
        total += current * factor;
        current = 0.0;
        // A smaller part may follow: "lakh pachas hazar", "thousand five hundred".
        let part = read_plain(tokens, skip_and(tokens, i)).filter(|(_, next, _)| {
            tokens
                .get(*next)
                .and_then(|t| scale(&t.text))
                .is_some_and(|smaller| smaller < factor)
        });
        match part {
            Some((value, next, _)) => {
                current = value;
                i = next;
            }
            None => break,
        }
    }
    let value = total + current;
    (i > at && value.is_finite()).then_some(Read {
        value,
        len: i - at,
        scaled,
        in_words,
    })
}

/// Skips an "and" / "aur" / "और" joining parts of a number.
fn skip_and(tokens: &[Token], at: usize) -> usize {
    match tokens.get(at) {
        Some(t) if t.is(&["and", "aur", "और"]) => at + 1,
        _ => at,
    }
}

/// Reads digits, or number words up to a hundred ("twenty five", "twenty-five",
/// "one hundred and five", "पच्चीस"). Returns the value, the next position, and
/// whether it was in words.
fn read_plain(tokens: &[Token], at: usize) -> Option<(f64, usize, bool)> {
    let t = tokens.get(at)?;
    if t.kind == Kind::Number {
        return digit_value(&t.text).map(|v| (v, at + 1, false));
    }
    if t.kind != Kind::Word {
        return None;
    }
    if t.text == "a" || t.text == "an" {
        // "a lakh", "a thousand": one of the scale that follows.
        return tokens
            .get(at + 1)
            .and_then(|n| scale(&n.text))
            .map(|_| (1.0, at + 1, true));
    }
    let mut value = f64::from(*SMALL.get(&t.text)?);
    let mut i = at + 1;
    // "twenty five" / "twenty-five".
    if value >= 20.0 && value % 10.0 == 0.0 && value < 100.0 {
        let j = if tokens.get(i).is_some_and(|t| t.text == "-") {
            i + 1
        } else {
            i
        };
        if let Some(unit) = tokens
            .get(j)
            .and_then(|n| SMALL.get(&n.text))
            .filter(|u| (1..10).contains(*u))
        {
            value += f64::from(*unit);
            i = j + 1;
        }
    }
    Some((value, i, true))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::text::tokens;

    fn value(text: &str) -> Option<f64> {
        let folded = Folded::new(text);
        read(&tokens(folded.text()), 0).map(|r| r.value)
    }

    #[test]
    fn digits_with_indian_grouping_and_scales() {
        assert_eq!(value("18,000"), Some(18_000.0));
        assert_eq!(value("1,50,000"), Some(150_000.0));
        assert_eq!(value("2.5 lakh"), Some(250_000.0));
        assert_eq!(value("1.2 crore"), Some(12_000_000.0));
        assert_eq!(value("22 हज़ार"), Some(22_000.0));
        assert_eq!(value("22 हजार"), Some(22_000.0));
        assert_eq!(value("५० हजार"), Some(50_000.0));
        assert_eq!(value("1 lakh 20 thousand"), Some(120_000.0));
    }

    #[test]
    fn words_in_three_languages() {
        assert_eq!(value("fifteen thousand"), Some(15_000.0));
        assert_eq!(value("twenty-five thousand"), Some(25_000.0));
        assert_eq!(value("twenty five"), Some(25.0));
        assert_eq!(value("one lakh twenty thousand"), Some(120_000.0));
        assert_eq!(value("a lakh"), Some(100_000.0));
        assert_eq!(value("दो लाख"), Some(200_000.0));
        assert_eq!(value("पच्चीस हजार"), Some(25_000.0));
        assert_eq!(value("paanch hazaar"), Some(5_000.0));
        assert_eq!(value("do lakh pachas hazar"), Some(250_000.0));
        assert_eq!(value("two hundred"), Some(200.0));
    }

    #[test]
    fn fractions() {
        assert_eq!(value("साढ़े तीन हजार"), Some(3_500.0));
        assert_eq!(value("sava lakh"), Some(125_000.0));
        assert_eq!(value("सवा लाख"), Some(125_000.0));
        assert_eq!(value("paune lakh"), Some(75_000.0));
        assert_eq!(value("dhaai lakh"), Some(250_000.0));
        assert_eq!(value("dedh lakh"), Some(150_000.0));
        assert_eq!(value("ढाई लाख"), Some(250_000.0));
        assert_eq!(value("सवा दो लाख"), Some(225_000.0));
        assert_eq!(value("paune do lakh"), Some(175_000.0));
        assert_eq!(value("साढ़े सात"), Some(7.5));
    }

    #[test]
    fn not_numbers() {
        assert_eq!(value("mobile"), None);
        assert_eq!(value("lakh"), None);
        assert_eq!(value("the"), None);
        assert_eq!(value(","), None);
    }
}
