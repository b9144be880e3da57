//! Amounts of money ("18,000 rupees", "Rs. 1,50,000", "₹2.5 lakh", "दो लाख", "22 हज़ार
//! रुपये", "fifteen thousand rupees", "dedh lakh", "5000/-"), and which of them are the
//! value of the property stolen or involved.

use super::lexicon::{NOT_PROPERTY, PURCHASE, TOTAL};
use super::numbers;
use super::text::Token;
use std::ops::Range;

/// An amount of money found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Amount {
    /// Whole rupees.
    pub rupees: u64,
    /// Tokens it spans (with its currency words).
    pub tokens: Range<usize>,
    /// The sentence it stands in (index among the text's sentences).
    pub sentence: usize,
}

fn is_currency_before(t: &Token) -> bool {
    t.is(&["rs", "inr", "rupees", "rupaye", "रु", "रू", "rupay", "rupya"]) || t.text == "₹"
}

fn is_currency_after(t: &Token) -> bool {
    t.is(&[
        "rs",
        "inr",
        "rupees",
        "rupee",
        "rupaye",
        "rupaiye",
        "rupay",
        "rupye",
        "rupya",
        "rupaya",
        "rupiya",
        "rupiye",
        "रुपये",
        "रुपए",
        "रूपये",
        "रूपए",
        "रुपया",
        "रुपयों",
        "रुपयो",
        "रु",
        "रू",
        "/-",
    ])
}

/// Every amount of money the text states, in order. A number is money when a currency
/// word or sign stands beside it, or when it is counted in lakh or crore (in complaints
/// these are always rupees) or in thousands next to words of value ("worth", "कीमत").
pub fn amounts(tokens: &[Token]) -> Vec<Amount> {
    let sentence_of = sentence_index(tokens);
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let mut start = i;
        let mut at = i;
        let mut marked = false;
        if is_currency_before(&tokens[i]) {
            marked = true;
            at = i + 1;
            // "Rs." / "रु." / "Rs:"
            if tokens
                .get(at)
                .is_some_and(|t| matches!(t.text.as_str(), "." | ":"))
            {
                at += 1;
            }
        }
        let Some(read) = numbers::read(tokens, at) else {
            i += 1;
            continue;
        };
        let mut end = at + read.len;
        // "5000/-" and "18,000 rupees"
        if tokens.get(end).is_some_and(|t| t.text == "/")
            && tokens.get(end + 1).is_some_and(|t| t.text == "-")
        {
            marked = true;
            end += 2;
        } else if tokens.get(end).is_some_and(is_currency_after) {
            marked = true;
            end += 1;
            if tokens.get(end).is_some_and(|t| t.text == ".") {
                end += 1;
            }
        }
        let big_scale = read.scaled && read.value >= 100_000.0;
        let valued = read.value >= 1_000.0
            && (read.scaled || tokens[at].text.contains(','))
            && near_value_word(tokens, at, end);
        // "pehle 49,500 aur phir 30,000 rupaye": a list shares the currency of its last.
        let listed = !marked && read.value >= 100.0 && shares_currency(tokens, end);
        let marked = marked || listed;
        if marked || big_scale || valued {
            let rupees = read.value.round();
            if (1.0..1e13).contains(&rupees) {
                if !marked {
                    start = at;
                }
                out.push(Amount {
                    rupees: rupees as u64,
                    tokens: start..end,
                    sentence: sentence_of[at],
                });
            }
            i = end;
        } else {
            i = at + read.len.max(1);
        }
    }
    out
}

/// Whether a marked amount follows after "and"/"और"/"aur"/","/"then" (a list of sums
/// with the currency written once, at its end).
fn shares_currency(tokens: &[Token], end: usize) -> bool {
    let mut i = end;
    let mut joined = false;
    while i < tokens.len() && i < end + 3 {
        if tokens[i].is(&["and", "aur", "और", "then", "phir", "फिर", "tatha", "तथा"])
            || tokens[i].text == ","
        {
            joined = true;
            i += 1;
        } else {
            break;
        }
    }
    if !joined {
        return false;
    }
    match numbers::read(tokens, i) {
        Some(read) => {
            let after = i + read.len;
            tokens.get(after).is_some_and(is_currency_after)
                || tokens.get(after).is_some_and(|t| t.text == "/")
                || shares_currency(tokens, after)
        }
        None => false,
    }
}

fn near_value_word(tokens: &[Token], start: usize, end: usize) -> bool {
    let window = start.saturating_sub(4)..(end + 3).min(tokens.len());
    tokens[window].iter().any(|t| {
        t.is(&[
            "worth",
            "value",
            "valued",
            "cost",
            "costing",
            "price",
            "cash",
            "keemat",
            "kimat",
            "कीमत",
            "मूल्य",
            "नकद",
            "नकदी",
            "nakad",
            "naqad",
            "लागत",
            "loss",
            "nuksan",
            "नुकसान",
            "ka",
            "ki",
            "का",
            "की",
            "liya",
            "kharida",
            "खरीदा",
            "bought",
            "purchased",
        ])
    })
}

/// For each token, the index of the sentence it stands in.
pub fn sentence_index(tokens: &[Token]) -> Vec<usize> {
    let mut sentence = 0;
    tokens
        .iter()
        .map(|t| {
            let this = sentence;
            if t.ends_sentence() {
                sentence += 1;
            }
            this
        })
        .collect()
}

/// The amounts (indices into `amounts`, in order) that value property as it is now:
/// property values ([`is_property_value`]), less what a thing cost once ("bought for
/// 6,500", "7,500 रुपये में ली थी") when its value now is also given.
pub fn values_now(tokens: &[Token], amounts: &[Amount]) -> Vec<usize> {
    let relevant: Vec<usize> = (0..amounts.len())
        .filter(|&k| is_property_value(tokens, &amounts[k]))
        .collect();
    let (paid, valued): (Vec<usize>, Vec<usize>) = relevant.iter().partition(|&&k| {
        let range = &amounts[k].tokens;
        clause_has(tokens, range, PURCHASE) || bought_for(tokens, range)
    });
    if !paid.is_empty() && !valued.is_empty() {
        valued
    } else {
        relevant
    }
}

/// Whether the amount's clause says it is what a thing is worth ("its value", "कीमत",
/// "ka hoga"), not money itself taken ("10,000 rupaye bhi gaye").
pub fn states_worth(tokens: &[Token], amount: &Amount) -> bool {
    clause_has(
        tokens,
        &amount.tokens,
        &[
            "worth",
            "value",
            "valued",
            "price",
            "cost",
            "कीमत",
            "क़ीमत",
            "मूल्य",
            "keemat",
            "kimat",
            "qeemat",
            "होगी",
            "होगा",
            "hogi",
            "hoga",
        ],
    )
}

/// "6,500 mein li thi", "7,500 रुपये में ली": the price a thing was taken for, said with
/// the light verb that alone means nothing ("le li", "छीन ली").
fn bought_for(tokens: &[Token], range: &Range<usize>) -> bool {
    let at = |k: usize| tokens.get(range.end + k);
    at(0).is_some_and(|t| t.is(&["में", "mein", "me", "mei", "main"]))
        && at(1).is_some_and(|t| t.is(&["ली", "लिया", "लिये", "लिए", "li", "liya", "liye", "lii"]))
}

/// The value of the property stolen or involved, from the amounts the text states: a
/// stated total if there is one; otherwise the sum of the amounts, leaving out sums of
/// salary, fares, fees, rent, loans or profit, purchase prices where a present value is
/// given, an amount repeated in a later sentence, and an amount that is the sum of the
/// others (stated once as parts and once as a whole).
pub fn property_total(tokens: &[Token], amounts: &[Amount]) -> Option<u64> {
    let relevant: Vec<&Amount> = values_now(tokens, amounts)
        .into_iter()
        .map(|k| &amounts[k])
        .collect();
    // A stated total covers what came before it; sums stated after it are added.
    if let Some((k, total)) = relevant
        .iter()
        .enumerate()
        .find(|(_, a)| marked_total(tokens, &a.tokens))
    {
        let after: u64 = relevant[k + 1..]
            .iter()
            .filter(|a| a.rupees != total.rupees)
            .map(|a| a.rupees)
            .sum();
        // "a total of Rs 4,00,000 — first Rs 2,50,000 and then Rs 1,50,000": its parts.
        if after == total.rupees {
            return Some(total.rupees);
        }
        return Some(total.rupees + after);
    }
    // The same sum said again later is one sum.
    let mut kept: Vec<&Amount> = Vec::new();
    for amount in relevant {
        let repeated = kept
            .iter()
            .any(|k| k.rupees == amount.rupees && k.sentence != amount.sentence);
        if !repeated {
            kept.push(amount);
        }
    }
    if kept.is_empty() {
        return None;
    }
    let sum: u64 = kept.iter().map(|a| a.rupees).sum();
    // One amount equal to all the others together: the whole, stated with its parts.
    if let Some(whole) = kept.iter().find(|a| kept.len() > 2 && 2 * a.rupees == sum) {
        return Some(whole.rupees);
    }
    Some(sum)
}

/// Whether an amount can be the value of property stolen or involved (not a salary, a
/// fare, a fee, a demand, a monthly sum).
pub fn is_property_value(tokens: &[Token], amount: &Amount) -> bool {
    !clause_has(tokens, &amount.tokens, NOT_PROPERTY) && !per_period(tokens, &amount.tokens)
}

/// Whether the clause around `range` holds one of `words`.
fn clause_has(tokens: &[Token], range: &Range<usize>, words: &[&str]) -> bool {
    let before = (0..range.start)
        .rev()
        .take_while(|&k| !tokens[k].ends_clause())
        .take(8);
    // An amount read with the period after it ("... 30,000 rupees.") ends its clause.
    let ended = range.end > range.start && tokens[range.end - 1].ends_clause();
    let after = (range.end..tokens.len())
        .take_while(|&k| !ended && !tokens[k].ends_clause())
        .take(6);
    before.chain(after).any(|k| tokens[k].is(words))
}

fn marked_total(tokens: &[Token], range: &Range<usize>) -> bool {
    let before = &tokens[range.start.saturating_sub(4)..range.start];
    before.iter().any(|t| t.is(TOTAL))
        || before
            .windows(2)
            .any(|w| w[0].is(&["in"]) && w[1].is(&["all"]))
}

/// "Rs 500 per month", "हर महीने 2000", "5000 prati maah": a recurring sum.
fn per_period(tokens: &[Token], range: &Range<usize>) -> bool {
    let monthly_after = tokens.get(range.end).is_some_and(|t| {
        t.is(&[
            "महीना",
            "mahina",
            "महीने",
            "mahine",
            "monthly",
            "pm",
            "माहवार",
        ])
    });
    if monthly_after {
        return true;
    }
    let window = &tokens[range.start.saturating_sub(3)..(range.end + 3).min(tokens.len())];
    window.windows(2).any(|w| {
        w[0].is(&["per", "har", "हर", "प्रति", "prati"])
            && w[1].is(&[
                "month",
                "mahine",
                "mahina",
                "महीने",
                "महीना",
                "माह",
                "maah",
                "day",
                "din",
                "दिन",
            ])
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::text::{tokens, Folded};

    fn found(text: &str) -> Vec<u64> {
        let folded = Folded::new(text);
        amounts(&tokens(folded.text()))
            .iter()
            .map(|a| a.rupees)
            .collect()
    }

    fn total(text: &str) -> Option<u64> {
        let folded = Folded::new(text);
        let tokens = tokens(folded.text());
        property_total(&tokens, &amounts(&tokens))
    }

    #[test]
    fn amounts_in_many_forms() {
        for (text, rupees) in [
            ("worth about 18,000 rupees", 18_000),
            ("Rs. 1,50,000 in cash", 150_000),
            ("Rs 500", 500),
            ("₹2.5 lakh", 250_000),
            ("दो लाख रुपये", 200_000),
            ("22 हज़ार रुपये", 22_000),
            ("fifteen thousand rupees", 15_000),
            ("1.2 crore", 12_000_000),
            ("साढ़े तीन हजार रुपए", 3_500),
            ("dedh lakh ka maal", 150_000),
            ("5000/- nakad", 5_000),
            ("INR 45,000", 45_000),
            ("रु. 5,000", 5_000),
            ("50 हजार की नकदी", 50_000),
            ("paanch hazaar rupaye", 5_000),
        ] {
            assert_eq!(found(text), [rupees], "{text}");
        }
    }

    #[test]
    fn numbers_that_are_not_money() {
        for text in [
            "bus number 42",
            "aged 34 years",
            "98100 12345",
            "on 20 November 2026",
            "at 9:15",
            "2 boys",
            "house no. 1200",
            "3 thousand people gathered",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }

    #[test]
    fn the_property_total() {
        assert_eq!(
            total("A phone worth Rs 18,000 and Rs 2,000 cash were in the bag."),
            Some(20_000)
        );
        assert_eq!(
            total("85,000 rupees were debited in three transactions of Rs 30,000, Rs 30,000 and Rs 25,000."),
            Some(85_000)
        );
        assert_eq!(
            total("They took Rs 40,000. My salary is Rs 25,000 per month. I lost 40,000 rupees."),
            Some(40_000)
        );
        assert_eq!(
            total("I paid Rs 20 auto fare. My chain worth ₹1.5 lakh was snatched."),
            Some(150_000)
        );
        assert_eq!(
            total("Jewellery worth 2 lakh and cash 50 thousand, total loss Rs 2,50,000."),
            Some(250_000)
        );
        assert_eq!(total("Nothing of value was taken."), None);
        // A purchase price gives way to the value now; alone, it is the value.
        assert_eq!(
            total("My laptop worth Rs 45,000 was stolen. I had bought it for Rs 70,000 in 2023."),
            Some(45_000)
        );
        assert_eq!(
            total("My cycle, which I purchased for Rs 8,000, was stolen."),
            Some(8_000)
        );
        // Loans, profit and money kept safe are not property taken.
        assert_eq!(
            total("They took my gold ring worth 30,000 rupees. I have a loan of Rs 2 lakh on the shop. Rs 50,000 in the locker was safe."),
            Some(30_000)
        );
        assert_eq!(
            total("Usne sava lakh ka haar aur 15 hazaar cash le liya."),
            Some(140_000)
        );
    }
}
