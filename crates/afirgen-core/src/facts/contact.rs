//! Phone numbers ("98100 12345", "+91-9876543210", "09812345678", "011-23456789") and
//! vehicle registration numbers ("DL 3C AB 1234", "UP16 BT 4521", "MH-12-DE-1433").

use super::text::{Kind, Token};
use std::ops::Range;

/// A phone number found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhoneMention {
    /// Its digits as written (a leading 0 or 91 kept).
    pub digits: String,
    /// Tokens it spans.
    pub tokens: Range<usize>,
}

impl PhoneMention {
    /// The number without its country or trunk prefix: what two spellings of one
    /// number share.
    pub fn national(&self) -> &str {
        national(&self.digits)
    }
}

/// A number's digits without a leading "91" (12 digits) or "0" (11 digits).
pub fn national(digits: &str) -> &str {
    match digits.len() {
        12 if digits.starts_with("91") => &digits[2..],
        11 if digits.starts_with('0') => &digits[1..],
        _ => digits,
    }
}

/// Whether `digits` can be an Indian phone number: a mobile (10 digits from 6-9, with an
/// optional 0 or 91 before) or a landline with its STD code (0 and 10 digits).
fn is_phone(digits: &str) -> bool {
    let n = national(digits);
    let mobile = n.len() == 10 && n.starts_with(['6', '7', '8', '9']);
    let landline = digits.len() == 11 && digits.starts_with('0') && !digits[1..].starts_with('0');
    mobile || landline
}

/// Every phone number in the text, in order. Groups of digits joined by single spaces
/// or hyphens are read as one number ("98100 12345", "+91-98100-12345").
pub fn phones(text: &str, tokens: &[Token]) -> Vec<PhoneMention> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if tokens[i].kind != Kind::Number || tokens[i].text.contains([',', '.']) {
            i += 1;
            continue;
        }
        let start = if i > 0 && tokens[i - 1].text == "+" {
            i - 1
        } else {
            i
        };
        let mut digits = tokens[i].text.clone();
        let mut end = i + 1;
        let mut best: Option<(String, usize)> = is_phone(&digits).then(|| (digits.clone(), end));
        // Join the next group if only a space or a hyphen lies between.
        while end < tokens.len() && digits.len() < 12 {
            let (next, skip) = match tokens.get(end) {
                Some(t)
                    if t.text == "-"
                        && tokens.get(end + 1).is_some_and(|n| n.kind == Kind::Number) =>
                {
                    (&tokens[end + 1], 2)
                }
                Some(t) if t.kind == Kind::Number => (t, 1),
                _ => break,
            };
            let gap = &text[tokens[end - 1].span.end..next.span.start];
            if next.text.contains([',', '.']) || !(gap.is_empty() || gap == " " || gap == "-") {
                break;
            }
            digits.push_str(&next.text);
            end += skip;
            if is_phone(&digits) {
                best = Some((digits.clone(), end));
            }
        }
        match best {
            Some((digits, end)) => {
                out.push(PhoneMention {
                    digits,
                    tokens: start..end,
                });
                i = end;
            }
            None => i += 1,
        }
    }
    out
}

/// The state and union territory codes that start a registration number.
const STATES: &[&str] = &[
    "an", "ap", "ar", "as", "br", "cg", "ch", "dd", "dl", "dn", "ga", "gj", "hp", "hr", "jh", "jk",
    "ka", "kl", "la", "ld", "mh", "ml", "mn", "mp", "mz", "nl", "od", "or", "pb", "py", "rj", "sk",
    "tn", "tr", "ts", "uk", "ua", "up", "wb",
];

/// A vehicle registration number found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VehicleMention {
    /// Tokens it spans.
    pub tokens: Range<usize>,
}

/// Every registration number, in order: state code, district number, series letters,
/// number ("DL 3C AB 1234", "UP16 BT 4521", "MH-12-DE-1433", "HR26DK8337").
pub fn vehicles(tokens: &[Token]) -> Vec<VehicleMention> {
    // Rebuild each candidate as a compact string of up to 7 tokens and test its shape.
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        let starts = t.kind == Kind::Word
            && t.text.len() >= 2
            && t.text.is_ascii()
            && STATES.contains(&&t.text[..2]);
        if !starts {
            i += 1;
            continue;
        }
        let mut compact = String::new();
        let mut found = None;
        for (j, part) in tokens.iter().enumerate().skip(i).take(7) {
            if part.text == "-" {
                continue;
            }
            if part.kind == Kind::Punct || !part.text.is_ascii() {
                break;
            }
            compact.push_str(&part.text);
            if is_registration(&compact) {
                found = Some(j + 1);
            }
        }
        match found {
            Some(end) => {
                out.push(VehicleMention { tokens: i..end });
                i = end;
            }
            None => i += 1,
        }
    }
    out
}

/// "dl3cab1234": two letters, one or two digits, up to three letters, one to four digits.
fn is_registration(compact: &str) -> bool {
    let b = compact.as_bytes();
    let mut i = 2;
    if b.len() < 6 || !STATES.contains(&&compact[..2]) {
        return false;
    }
    let digits = |from: usize| b[from..].iter().take_while(|c| c.is_ascii_digit()).count();
    let letters = |from: usize| {
        b[from..]
            .iter()
            .take_while(|c| c.is_ascii_alphabetic())
            .count()
    };
    let d = digits(i);
    if !(1..=2).contains(&d) {
        return false;
    }
    i += d;
    let l = letters(i);
    if l > 3 {
        return false;
    }
    i += l;
    let n = digits(i);
    (4..=4).contains(&n) && i + n == b.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::text::{tokens, Folded};

    fn phone_digits(text: &str) -> Vec<String> {
        let folded = Folded::new(text);
        phones(folded.text(), &tokens(folded.text()))
            .into_iter()
            .map(|p| p.digits)
            .collect()
    }

    fn vehicle_texts(text: &str) -> Vec<String> {
        let folded = Folded::new(text);
        let tokens = tokens(folded.text());
        vehicles(&tokens)
            .into_iter()
            .map(|v| {
                let span = tokens[v.tokens.start].span.start..tokens[v.tokens.end - 1].span.end;
                folded.original(span).to_owned()
            })
            .collect()
    }

    #[test]
    fn phones_in_many_spellings() {
        assert_eq!(
            phone_digits("My phone number is 98100 12345."),
            ["9810012345"]
        );
        assert_eq!(phone_digits("mob. +91-9876543210"), ["919876543210"]);
        assert_eq!(phone_digits("फोन ०९८१२३४५६७८"), ["09812345678"]);
        assert_eq!(
            phone_digits("98-100-12345 and 7042 123 456"),
            ["9810012345", "7042123456"]
        );
        assert_eq!(phone_digits("office 011-23456789"), ["01123456789"]);
        let p = PhoneMention {
            digits: "919876543210".into(),
            tokens: 0..1,
        };
        assert_eq!(p.national(), "9876543210");
    }

    #[test]
    fn other_numbers_are_not_phones() {
        for text in [
            "account number 123456789012",
            "Rs. 1,50,000",
            "OTP 482913",
            "bus 42 at 9:15",
            "pin code 110001",
            "transaction id 5123456789",
            "20/11/2026",
            "aged 34, 98 kg",
        ] {
            assert!(
                phone_digits(text).is_empty(),
                "{text}: {:?}",
                phone_digits(text)
            );
        }
    }

    #[test]
    fn registration_numbers() {
        assert_eq!(
            vehicle_texts("my motorcycle DL 3C AB 1234 was stolen"),
            ["DL 3C AB 1234"]
        );
        assert_eq!(vehicle_texts("scooty UP16 BT 4521 chori"), ["UP16 BT 4521"]);
        assert_eq!(vehicle_texts("car MH-12-DE-1433"), ["MH-12-DE-1433"]);
        assert_eq!(vehicle_texts("HR26DK8337 नंबर की बाइक"), ["HR26DK8337"]);
        assert!(vehicle_texts("up to 1234 people").is_empty());
        assert!(vehicle_texts("DL ke paas 2026").is_empty());
    }
}
