//! Cues for a marriage and a child's age: together they tell a child marriage (the
//! Prohibition of Child Marriage Act), which a teacher's or a worker's statement tells
//! as a girl of fourteen married on Aakha Teej, not in the Act's words.

use super::cues::cues;
use std::sync::LazyLock;

/// The ages a child marriage is told of: under eighteen, from the age a statement
/// names for a schoolgirl. Younger numbers are more often years ("5 saal pehle").
const CHILD_AGES: std::ops::RangeInclusive<u32> = 10..=17;

/// A person's age under eighteen, said as an age ("umar 14 saal", "15 साल की",
/// "aged 16", "उम्र चौदह साल"), not a span of years ("15 saal se").
pub(super) static MINOR: LazyLock<Vec<Vec<String>>> = LazyLock::new(|| {
    let figures = CHILD_AGES.flat_map(|n| {
        [
            format!("umar {n}"),
            format!("umr {n}"),
            format!("उम्र {n}"),
            format!("आयु {n}"),
            format!("{n} saal ki"),
            format!("{n} sal ki"),
            format!("{n} साल की"),
            format!("{n} वर्ष की"),
            format!("{n} years old"),
            format!("{n} year old"),
            format!("aged {n}"),
        ]
    });
    // In words only as an age said outright: "बारह साल की शादी" is a marriage's years.
    // [`CHILD_AGES`] in words, every spelling the number reader knows ("चौदह",
    // "chaudah", "fourteen").
    let words = crate::facts::numbers::words_between(CHILD_AGES)
        .into_iter()
        .flat_map(|w| {
            [
                format!("umar {w}"),
                format!("umr {w}"),
                format!("उम्र {w}"),
                format!("आयु {w}"),
                format!("{w} years old"),
                format!("aged {w}"),
            ]
        });
    let phrases: Vec<String> = figures.chain(words).collect();
    let phrases: Vec<&str> = phrases.iter().map(String::as_str).collect();
    cues(&phrases)
});

/// A marriage someone made for another: "uski shaadi kara di", "married her off", the
/// words of a teacher's or a worker's report. Not "shaadi" alone ("meri shaadi 2012 mein
/// hui", in a dowry complaint that names a child's age), and not "फेरे" (the stemmer
/// makes it "हाथ फेरा", a hand moved over a child).
pub(super) static MARRIAGE: LazyLock<Vec<Vec<String>>> = LazyLock::new(|| {
    cues(&[
        // English.
        "child marriage",
        "married her off",
        "marry her off",
        "marrying her off",
        "got her married",
        "her marriage was",
        // Devanagari.
        "बाल विवाह",
        "उसकी शादी",
        "शादी करा दी",
        "शादी कर दी",
        "शादी करवा दी",
        "शादी करा रहे",
        "शादी कर रहे",
        // Romanised.
        "baal vivah",
        "bal vivah",
        "uski shaadi",
        "uski shadi",
        "shaadi kara di",
        "shaadi kar di",
        "shaadi karwa di",
        "shaadi kara rahe",
        "shadi kara di",
        "shadi kar di",
    ])
});

#[cfg(test)]
mod tests {
    use super::super::{assert_told, Element};

    #[test]
    fn a_marriage_made_for_a_girl_is_told_and_ones_own_is_not() {
        assert_told(
            Element::Marriage,
            &[
                "Kal raat uske mata-pita ne uski shaadi kara di",
                "आज पता चला कि उसके माता-पिता ने उसकी शादी करा दी है",
            ],
            &["मेरी शादी 2012 में हुई थी, मेरी 12 साल की बेटी है"],
        );
    }

    #[test]
    fn a_childs_age_is_told_and_a_span_of_years_is_not() {
        assert_told(
            Element::Minor,
            &[
                "Kamla, umar 14 saal, school register me janam tithi 2010",
                "कक्षा 9 की एक छात्रा, उम्र 14 साल",
                "student Kavita sirf 15 saal ki hai",
                "हमारे गांव की बच्ची पूजा, जिसकी उम्र चौदह साल है",
                "meri bhatiji ki umar solah saal hai",
                "the girl is only fifteen years old",
            ],
            &[
                "meri shaadi ko 15 saal se zyada ho gaye",
                "a boy, 23, from the next village",
                "das saal pehle meri shaadi hui thi",
                "मेरी शादी को बारह साल हो गए",
                "हमारी बारह साल की शादी में ऐसा कभी नहीं हुआ",
                "pandrah saal ki naukri ke baad nikaal diya",
            ],
        );
    }
}
