//! The engine end to end against the mock model server, on SQLite and MariaDB.

#[path = "../common/mod.rs"]
mod common;

mod failures;
mod inputs;
mod legal;
mod pipeline;
mod scheduling;

const ENGLISH: &str = "I travel to work by city bus number 42. Yesterday morning at about 9:15, when the bus was crowded near the Rajiv Chowk stop, somebody took my Samsung mobile phone from my trouser pocket. The phone is worth about 18,000 rupees.";
const HINDI: &str = "मेरा नाम सुनीता देवी है। कल शाम 7 बजे बाज़ार से लौटते समय दो लड़के मोटरसाइकिल पर आए और मेरी सोने की चेन छीनकर भाग गए। चेन लगभग 20 ग्राम की थी।";
