//! Grounding: whether a value a model returned is found in the statement. Names and
//! places must stand in it word for word (in order, together); descriptions must share
//! most of their words with it; numbers, dates, times and phones must be ones it states.

use super::lexicon::{NOT_IN_NAME, STOPWORDS, TITLES};
use super::rules::RuleFacts;
use super::text::{digits, words};

/// The statement, read for grounding.
#[derive(Debug)]
pub struct Statement<'a> {
    words: Vec<String>,
    sentences: Vec<Vec<String>>,
    digits: String,
    rules: &'a RuleFacts,
}

/// Whether the words `wanted` stand in `words` in order, at most one other word between.
fn phrase_in(words: &[String], wanted: &[String]) -> bool {
    if wanted.is_empty() {
        return false;
    }
    'start: for (i, word) in words.iter().enumerate() {
        if *word != wanted[0] {
            continue;
        }
        let mut at = i;
        for next in &wanted[1..] {
            match (at + 1..(at + 3).min(words.len())).find(|&k| words[k] == *next) {
                Some(k) => at = k,
                None => continue 'start,
            }
        }
        return true;
    }
    false
}

fn name_words(value: &str) -> Vec<String> {
    words(value)
        .into_iter()
        .filter(|w| !TITLES.contains(&w.as_str()))
        .collect()
}

impl<'a> Statement<'a> {
    /// Prepares `text` (with what the rules found in it).
    pub fn new(text: &str, rules: &'a RuleFacts) -> Statement<'a> {
        let folded = super::text::Folded::new(text);
        let mut sentences = vec![Vec::new()];
        for token in super::text::tokens(folded.text()) {
            if token.ends_sentence() {
                sentences.push(Vec::new());
            } else if token.kind != super::text::Kind::Punct {
                if let Some(last) = sentences.last_mut() {
                    last.push(token.text.replace([',', '.'], ""));
                }
            }
        }
        Statement {
            words: words(text),
            sentences,
            digits: digits(text),
            rules,
        }
    }

    /// Whether every word of `value` stands in the statement, in order, with at most one
    /// other word between two of them: names and places as written.
    pub fn has_phrase(&self, value: &str) -> bool {
        phrase_in(&self.words, &name_words(value))
    }

    /// Whether a sentence naming `name` also says what an accused does ("hit", "ने ...
    /// धमकी", "stole").
    pub fn says_accused(&self, name: &str) -> bool {
        self.name_with(name, super::people::is_accused_cue)
    }

    /// Whether a sentence naming `name` also says they saw or heard it.
    pub fn says_witness(&self, name: &str) -> bool {
        self.name_with(name, super::people::is_witness_cue)
    }

    fn name_with(&self, name: &str, cue: fn(&str) -> bool) -> bool {
        let wanted = name_words(name);
        self.sentences
            .iter()
            .any(|sentence| phrase_in(sentence, &wanted) && sentence.iter().any(|w| cue(w)))
    }

    /// The share of `value`'s content words that stand in the statement (0 when it has
    /// none).
    pub fn overlap(&self, value: &str) -> f64 {
        let content: Vec<String> = words(value)
            .into_iter()
            .filter(|w| !STOPWORDS.contains(&w.as_str()))
            .collect();
        if content.is_empty() {
            return 0.0;
        }
        let found = content.iter().filter(|w| self.words.contains(w)).count();
        found as f64 / content.len() as f64
    }

    /// Whether `rupees` is an amount the statement states.
    pub fn has_amount(&self, rupees: u64) -> bool {
        self.rules.amounts.contains(&rupees)
    }

    /// Whether `date` (`YYYY-MM-DD`) is a date the statement states.
    pub fn has_date(&self, date: &str) -> bool {
        self.rules.dates.iter().any(|d| d == date)
    }

    /// Whether `time` (`HH:MM`) is a time the statement states.
    pub fn has_time(&self, time: &str) -> bool {
        self.rules.times.iter().any(|t| t == time)
    }

    /// Whether `phone` is a number the statement states.
    pub fn has_phone(&self, phone: &str) -> bool {
        let wanted = digits(phone);
        let national = super::contact::national(&wanted);
        national.len() >= 10 && self.digits.contains(national)
    }

    /// Whether `age` is written in the statement as a number.
    pub fn has_number(&self, age: u32) -> bool {
        let wanted = age.to_string();
        self.words.contains(&wanted)
    }
}

/// Whether `value` reads as a person's name: one to five words, no digits, none of the
/// words of relations, ages or addresses, not longer than a name.
pub fn looks_like_name(value: &str) -> bool {
    let parts = words(value);
    !parts.is_empty()
        && parts.len() <= 5
        && value.chars().count() <= 60
        && !value.chars().any(|c| c.is_ascii_digit())
        && !value.contains([',', ';', '/'])
        && parts.iter().all(|w| !NOT_IN_NAME.contains(&w.as_str()))
}

/// Whether the words of `part` stand together, in order, in `whole`.
pub fn contains_words(whole: &str, part: &str) -> bool {
    let (whole, part) = (words(whole), words(part));
    !part.is_empty() && whole.windows(part.len()).any(|w| w == part.as_slice())
}

/// Two readings of one value are the same (case, spacing and punctuation aside).
pub fn same(a: &str, b: &str) -> bool {
    let strip = |s: &str| -> Vec<String> {
        words(s)
            .into_iter()
            .filter(|w| !TITLES.contains(&w.as_str()))
            .collect()
    };
    strip(a) == strip(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn statement_rules() -> RuleFacts {
        RuleFacts {
            amounts: vec![18_000],
            dates: vec!["2026-11-20".into()],
            times: vec!["09:15".into()],
            ..RuleFacts::default()
        }
    }

    const TEXT: &str = "My name is Ramesh Kumar, son of Suresh Kumar. Near the Rajiv Chowk stop somebody took my Samsung Galaxy phone worth 18,000 rupees. मेरा नंबर 98100 12345 है।";

    #[test]
    fn phrases_must_stand_in_the_statement() {
        let rules = statement_rules();
        let s = Statement::new(TEXT, &rules);
        assert!(s.has_phrase("Ramesh Kumar"));
        assert!(s.has_phrase("Shri Ramesh Kumar"));
        assert!(s.has_phrase("Rajiv Chowk"));
        assert!(s.has_phrase("rajiv  chowk stop"));
        assert!(
            !s.has_phrase("Rakesh Kumar"),
            "a name the statement does not hold"
        );
        assert!(!s.has_phrase("Kumar Ramesh"), "words out of order");
        assert!(!s.has_phrase("Ramesh Chowk"), "words far apart");
        assert!(!s.has_phrase(""));
    }

    #[test]
    fn values_must_be_stated() {
        let rules = statement_rules();
        let s = Statement::new(TEXT, &rules);
        assert!(s.has_amount(18_000) && !s.has_amount(180_000_000));
        assert!(s.has_date("2026-11-20") && !s.has_date("2026-11-21"));
        assert!(s.has_time("09:15") && !s.has_time("21:15"));
        assert!(s.has_phone("+91 98100-12345") && !s.has_phone("12345"));
        assert!(s.overlap("Samsung Galaxy phone") == 1.0);
        assert!(s.overlap("Sell of Samsung Galaxy") < 1.0);
        assert_eq!(s.overlap("Slander"), 0.0);
    }

    #[test]
    fn names_look_like_names() {
        assert!(looks_like_name("Ramesh Kumar"));
        assert!(looks_like_name("सुनीता देवी"));
        assert!(!looks_like_name(
            "Ramesh Kumar, son of Suresh Kumar, aged 34"
        ));
        assert!(!looks_like_name("12345"));
        assert!(!looks_like_name("unknown person"));
        assert!(same("Shri Ramesh  Kumar", "ramesh kumar"));
    }
}
