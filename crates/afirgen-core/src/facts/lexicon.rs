//! The words the rules read by: cues, stop words, titles, kinds of places and things,
//! in English, Hindi (Devanagari, folded: no nukta, anusvara for chandrabindu) and
//! romanised Hindi. Data, kept compact and out of the logic.

/// Titles dropped before a name.
pub const HONORIFICS: &[&str] = &[
    "mr", "mrs", "ms", "miss", "shri", "sri", "shree", "sh", "smt", "kumari", "km", "kum", "dr",
    "late", "col", "capt", "maj", "major", "lt", "prof", "er", "adv", "sardar", "janab", "hon",
    "swargiya", "wing", "commander", "cdr", "brig", "subedar", "retd",
    "श्री", "श्रीमती", "सुश्री", "कुमारी", "कु", "डॉ", "डा", "स्व", "स्वर्गीय",
];

/// Words that end a name: relations, verbs, particles and the start of the next detail.
pub const NAME_STOPS: &[&str] = &[
    // English
    "s", "d", "w", "c", "son", "daughter", "wife", "husband", "widow", "aged", "age",
    "resident", "residing", "living", "r", "from", "and", "of", "by", "a", "an", "the", "am",
    "is", "was", "i", "my", "who", "at", "in", "on", "with", "working", "work", "years", "year",
    "yrs", "here", "want", "would", "hereby", "have", "had", "do", "to", "mobile", "mob",
    "phone",
    // Hinglish
    "hai", "hoon", "hun", "hu", "h", "ka", "ki", "ke", "beta", "beti", "ladka", "ladki",
    "patni", "pati", "umar", "umr", "nivasi", "niwasi", "rehne", "main", "mera", "meri", "aur",
    "se", "ko", "ne", "putra", "putri",
    // Hindi
    "है", "हूं", "पुत्र", "पुत्री", "पत्नी", "सुपुत्र", "सुपुत्री", "पति", "पिता", "उम्र",
    "आयु", "निवासी", "निवासिनी", "नि", "वर्ष", "साल", "मेरे", "मेरी", "मेरा", "का", "की", "के",
    "ने", "को", "और", "जो",
];

/// Words that commonly stand in an address.
pub const ADDRESS_WORDS: &[&str] = &[
    "apartment", "apartments", "society", "residency", "tower", "towers", "heights", "park",
    "nagar", "colony", "sector", "ward", "district", "distt", "village", "vill", "gali",
    "mohalla", "road", "marg", "near", "post", "tehsil", "thana", "jila", "zila", "block",
    "house", "flat", "street", "lane", "phase", "extension", "enclave", "vihar", "puram", "नगर",
    "कॉलोनी", "गली", "मोहल्ला", "ग्राम", "गांव", "पोस्ट", "थाना", "जिला", "तहसील", "सेक्टर",
    "वार्ड", "मकान", "रोड", "मार्ग", "कस्बा",
];

/// Words that end an address.
pub const ADDRESS_STOPS: &[&str] = &[
    "aged", "age", "mob", "mobile", "phone", "ph", "and", "was", "am", "is", "who", "working",
    "work", "by", "on", "i", "my", "since", "want", "would", "hereby", "have", "had", "do",
    "उम्र", "मोबाइल", "फोन", "और", "है", "हूं", "जो", "ने", "मैं", "मेरा", "मेरी", "aur", "hai",
    "hoon", "hun", "umar", "main", "mera", "meri", "की", "के", "ke", "ki", "रहने", "rehne",
    "rahne",
];

/// Words and stems that say someone committed an offence.
pub const ACCUSED_CUES: &[&str] = &[
    "accused", "suspect", "suspected", "culprit", "hit", "beat", "beaten", "slapped", "punched",
    "kicked", "attacked", "assaulted", "abused", "abusing", "threatened", "threaten",
    "threatening", "stole", "stolen", "snatched", "snatch", "robbed", "cheated", "cheat",
    "took", "grabbed", "grab", "pushed", "harassed", "harass", "harassing", "molested",
    "stalking", "stalked", "following", "followed", "demanded", "demanding", "forged", "broke",
    "broken", "damaged", "kidnapped", "enticed", "misbehaved", "fled", "escaped", "tortured",
    "torture", "taunting", "taunted", "duped", "defrauded", "blackmailed", "blackmailing",
    "trespassed", "entered", "encroached", "posting", "morphed", "pointed", "ran", "mulzim",
    "aaropi", "mara", "maara", "maar", "peeta", "dhamki", "dhamkaya", "gaali", "gaaliyan",
    "chheen", "chheena", "chhina", "chura", "churaya", "bhaag", "bhag", "thaga", "dhokha",
    "kabza", "jhagda", "dhakka", "kheenche", "taane", "tod", "आरोपी", "मुलजिम", "मारा",
    "मारपीट", "पीटा", "धमकी", "धमकाया", "गाली", "गालियां", "छीन", "छीना", "चुरा", "चुराया",
    "चोरी", "ठगी", "धोखा", "भाग", "दहेज", "मांग", "ताने", "पीछा", "कब्जा", "झगडा", "धक्का",
    "तोड",
];

/// Words that say someone saw, heard or stepped in.
pub const WITNESS_CUES: &[&str] = &[
    "witness", "witnesses", "saw", "seen", "watched", "presence", "present", "eyewitness",
    "witnessed", "heard", "hearing", "separated", "rescued", "alarm", "intervened", "gawah",
    "gawaah", "dekha", "dekhi", "suna", "maujood", "mojood", "bachane", "bachaya", "chhudaya",
    "गवाह", "देखा", "देखी", "देखते", "सुना", "मौजूद", "चश्मदीद", "sakshi", "साक्षी", "छुडाया",
    "बचाया", "बीच",
];

/// Relations and roles that stand before a person's name ("my neighbour X", "मेरे पति X").
pub const INTRODUCERS: &[&str] = &[
    "friend", "neighbour", "neighbor", "colleague", "employee", "servant", "help", "maid",
    "driver", "guard", "landlord", "tenant", "husband", "wife", "brother", "sister", "son",
    "daughter", "cousin", "uncle", "nephew", "niece", "mother-in-law", "father-in-law",
    "sister-in-law", "brother-in-law", "accountant", "manager", "supervisor", "boy", "girl",
    "customer", "dealer", "chowkidar", "watchman", "passer-by", "owner", "companion",
    "compounder", "named", "fiancé", "fiance", "partner", "villagers", "law", "passer",
    "mother", "father", "भाई", "बहन", "पडोसी", "पडोसन", "दोस्त", "मित्र", "पति", "पत्नी", "सास",
    "ससुर", "देवर", "जेठ", "ननद", "भाभी", "बेटा", "बेटी", "चाचा", "मामा", "भतीजा", "नौकर",
    "मालिक", "ड्राइवर", "चौकीदार", "लडका", "साले", "जीजा", "bhai", "behen", "padosi", "padosan",
    "dost", "pati", "patni", "biwi", "saas", "sasur", "devar", "jeth", "nanad", "bhabhi",
    "beta", "beti", "chacha", "mama", "bhatija", "bhatije", "naukar", "malik", "saale", "saala",
    "jija", "ladka",
];

/// Words that cannot be (or start) a person's name.
pub const NOT_NAMES: &[&str] = &[
    "i", "he", "she", "they", "we", "it", "my", "his", "her", "their", "the", "a", "an", "one",
    "two", "some", "unknown", "police", "sir", "madam", "bus", "auto", "mobile", "phone",
    "samsung", "vivo", "oppo", "redmi", "apple", "iphone", "honda", "hero", "bajaj", "maruti",
    "hyundai", "dell", "hp", "on", "in", "at", "then", "when", "after", "before", "today",
    "yesterday", "tonight", "mr", "mrs", "somebody", "someone", "nobody", "anybody", "anyone",
    "people", "boys", "boy", "men", "man", "woman", "women", "thief", "thieves", "persons",
    "person", "both", "all", "these", "those", "this", "that", "there", "while", "suddenly",
    "meanwhile", "facebook", "instagram", "whatsapp", "telegram", "youtube", "google", "upi",
    "otp", "kyc", "sms", "cctv", "fir", "aadhaar", "pan", "atm", "bank", "railways", "god",
    "respected", "kindly", "please", "yours", "regards", "thanking", "sub", "subject", "dear",
    "near", "outside", "opposite", "behind", "between", "towards", "from", "inside", "captain",
    "कैप्टन", "मेजर", "डॉ", "इंस्पेक्टर", "सिपाही", "हवलदार", "दरोगा", "मैं", "वह", "वे",
    "उसने", "उन्होंने", "हम", "मेरे", "मेरी", "मेरा", "उसके", "उसकी", "पुलिस", "अज्ञात", "कोई",
    "दो", "एक", "तीन", "फिर", "इन", "उन", "तीनों", "दोनों", "सब", "लोग", "लोगों", "लडके",
    "लडका", "लडकों", "आदमी", "व्यक्ति", "औरत", "महिला", "चोर", "बदमाश", "युवक", "युवकों",
    "बैठे", "सवार", "पीछे", "आगे", "जिसने", "जिन्होंने", "किसी", "में", "से", "को", "यह", "ये",
    "वो", "उस", "इस", "प्रधान", "जी", "साहब", "डॉक्टर", "गांव", "गाँव", "मोहल्ले", "usne",
    "unhone", "dono", "sab", "log", "ladke", "aadmi", "koi", "woh", "wo", "ye", "yeh", "jab",
    "tab", "aur", "par", "mera", "meri", "mere", "main", "hum", "usko", "use", "unka",
];

/// Family names and the second words of Indian names written in Devanagari: a Hindi
/// name runs on only into one of these ("कमला शर्मा", not "कमला शर्मा भी").
pub const NAME_SECOND_WORDS: &[&str] = &[
    "सिंह", "कुमार", "कुमारी", "देवी", "लाल", "प्रसाद", "शर्मा", "यादव", "गुप्ता", "वर्मा",
    "चौहान", "राम", "चंद", "चन्द", "नाथ", "दास", "खान", "बेगम", "अली", "अहमद", "पाल", "सैनी",
    "जाटव", "रावत", "नेगी", "बिष्ट", "तिवारी", "पांडे", "पाण्डेय", "पांडेय", "मिश्रा", "शुक्ला",
    "श्रीवास्तव", "सक्सेना", "अग्रवाल", "जैन", "मौर्य", "पटेल", "ठाकुर", "चौधरी", "मलिक",
    "त्यागी", "भाटी", "गौतम", "राठौर", "सोलंकी", "कुशवाहा", "प्रजापति", "निषाद", "बघेल", "तोमर",
    "शेख", "अंसारी", "कुरैशी", "रानी", "बाई", "बानो", "किशोर", "प्रकाश", "मोहन", "नारायण",
    "शंकर", "सागर", "पांडे", "भूषण", "बहादुर", "सिद्दीकी", "उल्ला", "हुसैन",
];

/// Words of organisations and places, which a capitalised run naming a person lacks.
pub const NOT_PERSON_WORDS: &[&str] = &[
    "road", "nagar", "colony", "market", "chowk", "hospital", "clinic", "mall", "bank", "store",
    "traders", "electricals", "agency", "college", "school", "university", "park", "station",
    "express", "centre", "center", "ltd", "pvt", "limited", "placement", "trauma", "block",
    "sector", "apartments", "vihar", "enclave", "bagh", "town", "street", "gali", "mandir",
    "temple", "gate", "bridge", "office", "customer", "care", "help", "desk", "phase",
];

/// Words that name a kind of place.
pub const PLACE_NOUNS: &[&str] = &[
    "stop", "market", "bazaar", "bazar", "road", "chowk", "station", "stand", "park", "mall",
    "hospital", "temple", "mandir", "masjid", "gurudwara", "church", "colony", "nagar",
    "crossing", "flyover", "bridge", "gate", "school", "college", "bank", "atm", "office",
    "complex", "metro", "railway", "depot", "petrol", "pump", "highway", "bypass", "chauraha",
    "tiraha", "sector", "village", "gali", "mohalla", "ground", "square", "circle", "plaza",
    "shop", "restaurant", "hotel", "dhaba", "cinema", "theatre", "library", "court", "town",
    "vihar", "handpump", "हैंडपंप", "platform", "enclave", "bagh", "ganj", "kunj", "puram",
    "chaupal", "canal", "parking", "bus", "basement", "phase", "block", "lane", "marg", "pul",
    "nala", "field", "fields", "बाजार", "मार्केट", "चौक", "स्टेशन", "स्टैंड", "रोड", "मंदिर",
    "पार्क", "अस्पताल", "कॉलोनी", "नगर", "गली", "मोहल्ला", "चौराहा", "तिराहा", "पुल", "गेट",
    "स्कूल", "कॉलेज", "बैंक", "मैदान", "दुकान", "ग्राम", "गांव", "मार्ग", "अड्डे", "अड्डा",
    "पार्किंग", "चौपाल", "नहर", "खेत",
];

/// Endings of Indian place names ("Jafrabad", "Ballupur", "Gopalpura").
pub const NAME_ENDINGS: &[&str] = &[
    "pur", "pura", "abad", "ganj", "nagar", "vihar", "bagh", "garh", "puram", "khand",
];

/// Words that introduce a place before it.
pub const BEFORE: &[&str] = &[
    "near", "outside", "opposite", "at", "in", "on", "inside", "behind", "nearby", "beside",
    "of", "between",
];

/// Words that cannot open a place name in a Hindi run ("मैं", "मेरे", "हमारी").
pub const STOP_BEFORE_PLACE: &[&str] = &[
    "मैं", "मेरे", "मेरी", "मेरा", "वह", "वे", "हम", "जब", "तब", "और", "से", "को", "ने", "का",
    "की", "के", "हमारी", "हमारे", "उसकी", "उसके", "अपनी", "अपने", "यह", "main", "mere", "meri",
    "mera", "woh", "wo", "hum", "jab", "tab", "aur", "se", "ko", "ne", "ka", "ki", "ke", "apni",
    "apne", "hamari", "hamare", "us", "is", "ek", "एक", "tha", "thi", "था", "थी",
    // things and rooms, not places' names
    "दीवार", "घर", "जेब", "बस", "गाडी", "रास्ते", "रास्ता", "कमरे", "कमरा", "छत", "दरवाजे",
    "ghar", "jeb", "raste", "rasta", "kamre", "gaadi", "gadi",
    // the time and the people of a clause, not its place
    "बजे", "baje", "व्यक्ति", "लोग", "आदमी", "लडके", "दो", "तीन", "ladke", "aadmi", "log", "do",
    "teen",
];

/// Words of a sentence that make its date something other than the occurrence.
pub const NOT_OCCURRENCE: &[&str] = &[
    "bought", "purchased", "purchase", "kharida", "kharidi", "खरीदा", "खरीदी", "खरीदे",
    "married", "shaadi", "shadi", "शादी", "विवाह", "born", "birth", "जन्म", "issued", "joined",
    "joining",
];

/// Words of a sentence about finding out afterwards, whose date and time are the
/// discovery's, not the occurrence's.
pub const DISCOVERY: &[&str] = &[
    "found", "noticed", "discovered", "realised", "realized", "returned", "लौटी", "लौटा",
    "लौटे", "लौटकर", "wapas", "वापस", "chala", "चला",
];

/// Words of a sentence about reporting, whose time is not the occurrence's ("police
/// station" is checked as a pair: a metro station is a place of occurrence).
pub const REPORTING: &[&str] = &[
    "thana", "थाने", "थाना", "chowki", "चौकी", "reported", "informed", "शिकायत",
];

/// Words of a sentence about making this complaint ("I am giving this complaint at the
/// GRP help desk", "I wish to complain against ..."): its places are not the scene.
pub const COMPLAINING: &[&str] = &[
    "complaint", "complain", "शिकायत", "shikayat", "prarthna", "प्रार्थना", "application",
];

/// Words that make the name before them an institution one deals with, not a place
/// ("my HDFC Bank account", "SBI card").
pub const NOT_PLACE_AFTER: &[&str] = &[
    "account", "accounts", "card", "cards", "app", "loan", "passbook", "khata", "खाते", "खाता",
    "wallet", "id",
];

/// Words for a message or for speech, after which "ki / कि / that / saying" opens what
/// was said ("SMS aaya ki aaj raat 9:30 baje connection kaat diya jayega"), not what
/// happened.
pub const SPEECH: &[&str] = &[
    "sms", "message", "messages", "msg", "मैसेज", "संदेश", "call", "said", "told", "says",
    "kaha", "कहा", "bola", "बोला", "boli", "बोली", "bataya", "बताया", "likha", "लिखा",
];

/// Words that open what was said, after a [`SPEECH`] word.
pub const SAID: &[&str] = &["ki", "कि", "that", "saying"];

/// Words for the complainant's home.
pub const HOME: &[&str] = &[
    "house", "home", "ghar", "घर", "makaan", "मकान", "room", "kamre", "kamra", "कमरे", "कमरा",
    "flat",
];

/// Things people report stolen or involved, by their head word.
pub const ITEMS: &[&str] = &[
    "phone", "mobile", "smartphone", "iphone", "laptop", "purse", "wallet", "handbag", "bag",
    "chain", "mangalsutra", "necklace", "earrings", "ring", "bangles", "jewellery", "jewelry",
    "ornaments", "watch", "cash", "motorcycle", "bike", "scooter", "scooty", "activa", "car",
    "bicycle", "cycle", "tractor", "truck", "tv", "television", "cylinder", "documents", "card",
    "passport", "cheque", "camera", "tablet", "inverter", "battery", "pump", "buffalo", "cow",
    "goat", "locket", "anklet", "payal", "motor", "gehne", "zevar", "jewar", "naqad", "nakad",
    "ghadi", "gaadi", "gadi", "मोटर", "मोबाइल", "फोन", "पर्स", "बटुआ", "चेन", "चैन", "मंगलसूत्र", "अंगूठी",
    "कंगन", "झुमके", "जेवर", "जेवरात", "गहने", "नकद", "नकदी", "घड़ी", "घडी", "मोटरसाइकिल",
    "बाइक", "स्कूटर", "स्कूटी", "कार", "साइकिल", "लैपटॉप", "बैग", "भैंस", "गाय", "ट्रैक्टर",
];

/// Papers and cards among property: an identity document, a cheque book, a bank card
/// has no value of its own (what it may be misused for is another offence), so its
/// value left unstated leaves a theft's value no less known.
pub const DOCUMENTS: &[&str] = &[
    "documents", "document", "card", "cards", "passport", "cheque", "chequebook", "aadhaar",
    "aadhar", "licence", "license", "marksheet", "certificate", "photocopy", "kagaz",
    "kagzat", "papers", "कार्ड", "आधार", "पासपोर्ट", "लाइसेंस", "दस्तावेज", "दस्तावेज़", "कागज",
    "कागज़", "कागजात", "कागज़ात", "चेकबुक", "फोटोकॉपी",
];

/// Bags whose zip is called a chain ("bag ki chain khuli thi"): the way a pickpocketing
/// is found out, not a gold chain taken.
pub const BAGS: &[&str] = &["bag", "purse", "handbag", "बैग", "पर्स", "थैला", "thaila"];

/// A chain, or a bag's zip after one of [`BAGS`].
pub const ZIP: &[&str] = &["chain", "चेन", "चैन"];

/// "There" after "sab" ("sab wahi pe tha"): with [`LEFT_THERE`], all still in its place.
pub const STILL_THERE: &[&str] = &["wahi", "wahin", "wahan", "वहीं", "वहीँ", "वहां"];

/// After "sab wahi"/"सब वहीं": the words that make it "all still there" ("sab wahi pe
/// tha", "सब वहीं पड़ा था"), not "all the same ones" ("sab wahi ladke the") or people
/// standing there ("सब वहीं खड़े रहे").
pub const LEFT_THERE: &[&str] = &[
    "pe", "par", "tha", "the", "thi", "rakha", "rakhe", "pada", "pade", "padi", "पे", "पर", "था",
    "थे", "थी", "रखा", "रखे", "पड़ा", "पड़े", "पड़ी",
];

/// Words of taking: an item named with one between it and "left untouched" was taken
/// ("laptop gone, but my bag was still there" keeps the laptop).
pub const TAKING: &[&str] = &[
    "chori", "churaya", "gayab", "stole", "stolen", "took", "taken", "gone", "missing",
    "snatched", "chheen", "chheena", "nikal", "nikaal", "utha", "le", "चोरी", "चुराया",
    "गायब", "छीन", "छीना", "निकाल", "उठा", "ले",
];

/// Vehicles among [`ITEMS`]: their registration number joins the description.
pub const VEHICLES: &[&str] = &[
    "motorcycle", "bike", "scooter", "scooty", "activa", "car", "tractor", "truck", "gaadi",
    "gadi", "मोटरसाइकिल", "बाइक", "स्कूटर", "स्कूटी", "कार", "ट्रैक्टर",
];

/// Words that make an amount something other than the value of the property concerned
/// (a salary, a fare, a fee, a rent, an instalment).
pub const NOT_PROPERTY: &[&str] = &[
    "salary", "salaries", "wage", "wages", "income", "tankhwah", "tankha", "वेतन", "तनख्वाह",
    "earns", "earn", "earning", "kamata", "kamate", "kamati", "कमाते", "कमाता", "कमाती", "fare",
    "kiraya", "किराया", "rent", "fee", "fees", "फीस", "monthly", "emi", "reward", "inaam",
    "इनाम", "ticket", "टिकट", "charges", "parking", "पर्ची", "parchi", "receipt",
    // demands and expenses are not property taken
    "demanded", "demand", "demanding", "demands", "asking", "maang", "maangi", "mang", "मांग",
    "मांगे", "मांगी", "मांगा", "spent", "kharch", "kharcha", "खर्च", "bribe",
    // what was owed, earned or kept safe is not property taken
    "loan", "लोन", "कर्ज", "karz", "karza", "interest", "byaj", "ब्याज", "profit", "munafa",
    "मुनाफा", "tax", "safe", "सुरक्षित", "sale", "sales", "turnover",
];

/// Words that make an amount what the property cost once ("bought for Rs 74,999"):
/// left out when the text gives another value.
pub const PURCHASE: &[&str] = &[
    "bought", "purchased", "purchase", "kharida", "kharidi", "kharide", "खरीदा", "खरीदी",
    "खरीदे", "cost",
];

/// Words that mark an amount as the total.
pub const TOTAL: &[&str] = &[
    "total", "totally", "altogether", "kul", "कुल", "overall", "sum",
];

/// Function words that say nothing about whether a description is grounded.
pub const STOPWORDS: &[&str] = &[
    "a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "from", "by", "with", "for",
    "is", "was", "were", "be", "been", "his", "her", "their", "my", "me", "i", "he", "she",
    "they", "it", "this", "that", "who", "which", "about", "near", "some", "two", "one", "का",
    "की", "के", "में", "से", "को", "ने", "और", "है", "था", "थी", "थे", "पर", "एक", "ka", "ki",
    "ke", "mein", "se", "ko", "ne", "aur", "hai", "tha",
];

/// Titles a model may add to a name ("Shri Ramesh Kumar").
pub const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "shri", "sri", "smt", "kumari", "km", "dr", "श्री", "श्रीमती", "सुश्री",
    "कुमारी", "डॉ", "स्व", "late",
];

/// Words that never stand in a person's name: relations, ages, places, verbs of the
/// introduction (a model that returns "Ramesh Kumar, son of Suresh, aged 34" as a name).
pub const NOT_IN_NAME: &[&str] = &[
    "son", "daughter", "wife", "husband", "of", "s", "d", "w", "o", "aged", "age", "years",
    "resident", "living", "at", "near", "road", "nagar", "is", "was", "my", "the", "and",
    "unknown", "accused", "person", "persons", "man", "men", "boys", "पुत्र", "पुत्री", "पत्नी",
    "निवासी", "उम्र", "वर्ष", "अज्ञात", "व्यक्ति", "लड़के", "लडके",
];

/// Readings a model gives for "no value" ("not mentioned", "unknown").
pub const NO_VALUE: &[&str] = &[
    "unknown", "not mentioned", "not stated", "not known", "not given", "none", "nil", "n/a",
    "na", "null", "not applicable", "no", "अज्ञात", "ज्ञात नहीं", "नहीं", "पता नहीं",
];
