//! The statement as the rules read it: a folded copy (Devanagari digits as ASCII, nukta
//! and chandrabindu spellings merged, invisible joiners dropped, typographic quotes and
//! dashes plain) that remembers where each of its bytes came from, so a value found in
//! the folded text is cut from the original, byte for byte; and its tokens.

use std::ops::Range;

/// A folded copy of a text, mapped back to the original.
#[derive(Debug, Clone)]
pub struct Folded<'a> {
    original: &'a str,
    text: String,
    /// For each byte of `text` (and one past the end), where it came from in `original`.
    origin: Vec<usize>,
}

/// The base letter of a precomposed nukta letter (क़ ख़ ग़ ज़ ड़ ढ़ फ़ य़): ज़ and ज are
/// one spelling to the rules and to retrieval.
pub(crate) fn nukta_base(c: char) -> Option<char> {
    Some(match c {
        '\u{0958}' => 'क',
        '\u{0959}' => 'ख',
        '\u{095A}' => 'ग',
        '\u{095B}' => 'ज',
        '\u{095C}' => 'ड',
        '\u{095D}' => 'ढ',
        '\u{095E}' => 'फ',
        '\u{095F}' => 'य',
        _ => return None,
    })
}

/// How one character reads to the rules; `None` drops it.
fn fold_char(c: char) -> Option<char> {
    if let Some(base) = nukta_base(c) {
        return Some(base);
    }
    Some(match c {
        '०'..='९' => char::from(b'0' + (c as u32 - '०' as u32) as u8),
        // The nukta itself: ज़ and ज read the same.
        '\u{093C}' => return None,
        // पाँच and पांच are one word.
        '\u{0901}' => '\u{0902}',
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}' => return None,
        '\u{00A0}' | '\u{2007}' | '\u{202F}' | '\t' | '\r' => ' ',
        '\u{2018}' | '\u{2019}' | '\u{201B}' | '`' => '\'',
        '\u{201C}' | '\u{201D}' => '"',
        '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
        other => other,
    })
}

impl<'a> Folded<'a> {
    /// Folds `original`.
    pub fn new(original: &'a str) -> Folded<'a> {
        let mut text = String::with_capacity(original.len());
        let mut origin = Vec::with_capacity(original.len() + 1);
        for (at, c) in original.char_indices() {
            if let Some(folded) = fold_char(c) {
                text.push(folded);
                origin.resize(text.len(), at);
            }
        }
        origin.push(original.len());
        Folded {
            original,
            text,
            origin,
        }
    }

    /// The folded text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The original text a range of the folded text came from.
    pub fn original(&self, range: Range<usize>) -> &'a str {
        let start = self.origin[range.start];
        let end = self.origin[range.end];
        self.original[start..end].trim()
    }
}

/// The kind of a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Letters (any script) with their combining marks.
    Word,
    /// Digits, with the separators inside a number ("1,50,000", "2.5").
    Number,
    /// One punctuation or symbol character.
    Punct,
}

/// One token of a folded text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Lower-cased text.
    pub text: String,
    /// Where it is in the folded text.
    pub span: Range<usize>,
    /// What it is.
    pub kind: Kind,
    /// Whether it was written with a capital first letter.
    pub capitalised: bool,
    /// Whether it was written in capitals throughout, two letters or more ("SBI", "LED").
    pub upper: bool,
    /// A period that closes an abbreviation ("Sh.", "Mohd.", "स्व.", "H.No."), not a
    /// sentence.
    pub abbreviation: bool,
}

impl Token {
    /// True for a word token equal to one of `words`.
    pub fn is(&self, words: &[&str]) -> bool {
        self.kind == Kind::Word && words.contains(&self.text.as_str())
    }

    /// True for punctuation that ends a clause or sentence.
    pub fn ends_clause(&self) -> bool {
        self.kind == Kind::Punct
            && !self.abbreviation
            && matches!(
                self.text.as_str(),
                "." | "," | ";" | "।" | "!" | "?" | ":" | "\n" | "(" | ")"
            )
    }

    /// True for punctuation that ends a sentence.
    pub fn ends_sentence(&self) -> bool {
        self.kind == Kind::Punct
            && !self.abbreviation
            && matches!(self.text.as_str(), "." | "।" | "!" | "?" | "\n")
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphabetic() || is_mark(c)
}

/// Combining marks of the Indic scripts (vowel signs, virama, anusvara...), which
/// `char::is_alphabetic` does not always count as letters.
fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0900..=0x0903 | 0x093A..=0x094F | 0x0951..=0x0957 | 0x0962..=0x0963
        | 0x0981..=0x0983 | 0x09BC..=0x09D7 | 0x0A01..=0x0A03 | 0x0A3C..=0x0A51
        | 0x0A81..=0x0A83 | 0x0ABC..=0x0ACD | 0x0B01..=0x0B03 | 0x0B3C..=0x0B57
        | 0x0B82 | 0x0BBE..=0x0BCD | 0x0C00..=0x0C04 | 0x0C3E..=0x0C56 | 0x0C81..=0x0C83
        | 0x0CBC..=0x0CD6 | 0x0D00..=0x0D03 | 0x0D3E..=0x0D57)
}

/// Splits a folded text into word, number and punctuation tokens ("S/o" is three, which
/// the rules match as a sequence).
pub fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        if c == '\n' {
            out.push(token(text, start..start + 1, Kind::Punct));
            i += 1;
        } else if c.is_whitespace() {
            i += 1;
        } else if is_word_char(c) {
            let mut j = i + 1;
            while j < chars.len() && is_word_char(chars[j].1) {
                j += 1;
            }
            let end = chars.get(j).map_or(text.len(), |(at, _)| *at);
            out.push(token(text, start..end, Kind::Word));
            i = j;
        } else if c.is_ascii_digit() {
            let mut j = i + 1;
            while j < chars.len() {
                let d = chars[j].1;
                let next_is_digit = chars.get(j + 1).is_some_and(|(_, n)| n.is_ascii_digit());
                if d.is_ascii_digit() || ((d == ',' || d == '.') && next_is_digit) {
                    j += 1;
                } else {
                    break;
                }
            }
            let end = chars.get(j).map_or(text.len(), |(at, _)| *at);
            out.push(token(text, start..end, Kind::Number));
            i = j;
        } else {
            out.push(token(text, start..start + c.len_utf8(), Kind::Punct));
            i += 1;
        }
    }
    mark_abbreviations(&mut out);
    out
}

fn token(text: &str, span: Range<usize>, kind: Kind) -> Token {
    let raw = &text[span.clone()];
    Token {
        text: raw.to_lowercase(),
        capitalised: raw.chars().next().is_some_and(char::is_uppercase),
        upper: raw.chars().filter(char::is_ascii_uppercase).count() >= 2
            && raw.chars().all(|c| !c.is_lowercase()),
        span,
        kind,
        abbreviation: false,
    }
}

/// Short forms after which a period does not end the sentence.
const ABBREVIATIONS: &[&str] = &[
    "sh",
    "shri",
    "smt",
    "mohd",
    "md",
    "dr",
    "mr",
    "mrs",
    "ms",
    "no",
    "nos",
    "st",
    "dt",
    "vill",
    "distt",
    "dist",
    "teh",
    "ps",
    "po",
    "stn",
    "col",
    "capt",
    "lt",
    "maj",
    "prof",
    "er",
    "adv",
    "km",
    "kum",
    "approx",
    "mob",
    "ph",
    "tel",
    "ref",
    "sec",
    "hno",
    "स्व",
    "श्री",
    "नि",
    "डॉ",
    "कु",
    "मो",
    "नं",
    "ग्रा",
    "पो",
    "जि",
    "डा",
];

/// Short words that end sentences ("he hit me.", "at 10 pm.") and are no short forms.
const SHORT_WORDS: &[&str] = &[
    "me", "us", "it", "up", "in", "on", "go", "do", "so", "is", "am", "pm", "to", "by", "he", "we",
    "ok",
];

/// Marks the periods that close abbreviations: after a listed short form, or a word of
/// one or two letters that is not a word of its own, written against it.
fn mark_abbreviations(tokens: &mut [Token]) {
    for i in 1..tokens.len() {
        let (before, rest) = tokens.split_at_mut(i);
        let (word, dot) = (&before[i - 1], &mut rest[0]);
        let short = word.kind == Kind::Word
            && ((word.text.chars().count() <= 2 && !SHORT_WORDS.contains(&word.text.as_str()))
                || ABBREVIATIONS.contains(&word.text.as_str()));
        if dot.text == "." && short && word.span.end == dot.span.start {
            dot.abbreviation = true;
        }
    }
}

/// The words of a value for comparison with the statement: folded, lower-cased, letters
/// and digits only.
pub fn words(text: &str) -> Vec<String> {
    let folded = Folded::new(text);
    tokens(folded.text())
        .into_iter()
        .filter(|t| t.kind != Kind::Punct)
        .map(|t| t.text.replace([',', '.'], ""))
        .collect()
}

/// The digits of a text, in order (Devanagari digits read as ASCII).
pub fn digits(text: &str) -> String {
    Folded::new(text)
        .text()
        .chars()
        .filter(char::is_ascii_digit)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_merges_spellings_and_maps_back_byte_for_byte() {
        let original = "२२ हज़ार रुपये, पाँच\u{200D}सौ “quoted”";
        let folded = Folded::new(original);
        assert_eq!(folded.text(), "22 हजार रुपये, पांचसौ \"quoted\"");
        let at = folded.text().find("हजार").unwrap();
        assert_eq!(folded.original(at..at + "हजार".len()), "हज़ार");
        let at = folded.text().find("22").unwrap();
        assert_eq!(folded.original(at..at + 2), "२२");
    }

    #[test]
    fn tokens_keep_numbers_whole_and_split_punctuation() {
        let folded = Folded::new("Rs. 1,50,000 चोरी हुए। S/o Ram, 2.5 lakh");
        let tokens = tokens(folded.text());
        let texts: Vec<&str> = tokens.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "rs",
                ".",
                "1,50,000",
                "चोरी",
                "हुए",
                "।",
                "s",
                "/",
                "o",
                "ram",
                ",",
                "2.5",
                "lakh"
            ]
        );
        assert!(tokens[0].capitalised && !tokens[3].capitalised);
        assert_eq!(tokens[2].kind, Kind::Number);
        assert!(tokens[5].ends_sentence());
    }

    #[test]
    fn words_and_digits_fold_scripts() {
        assert_eq!(words("Gandhi  Nagar, 12"), ["gandhi", "nagar", "12"]);
        assert_eq!(digits("+91-98100 १२३४५"), "919810012345");
    }
}
