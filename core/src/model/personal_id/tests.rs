use super::*;
use proptest::prelude::*;

fn opts() -> ParseOptions {
    ParseOptions::new("2026-11-23".parse().unwrap())
}

fn parse(s: &str) -> Result<PersonalId, PersonalIdError> {
    PersonalId::parse(s, &opts())
}

#[test]
fn known_numbers() {
    // Skatteverket's worked example and samordningsnummer example.
    let p = parse("640823-3234").unwrap();
    assert_eq!(
        (p.kind(), p.reveal().as_str()),
        (PersonalIdKind::Personnummer, "19640823-3234")
    );
    let s = parse("701063-2391").unwrap();
    assert_eq!(s.kind(), PersonalIdKind::Samordningsnummer);
    assert_eq!(s.birth_date(), Some("1970-10-03".parse().unwrap()));
    assert_eq!(s.sex(), Some(Sex::Male));
    // Region Stockholm and Inera Carelink examples from Inera's reserve-number page.
    for n in ["991981000010", "991945000023", "991993000032"] {
        assert_eq!(
            parse(n).unwrap().kind(),
            PersonalIdKind::ReserveStockholm,
            "{n}"
        );
    }
    assert_eq!(
        parse("198108320014").unwrap().kind(),
        PersonalIdKind::ReserveCarelink
    );
    // National reserve ids (vectors of the public NRID implementations).
    for n in [
        "22790814AA01",
        "22950606FH20",
        "25780404KHD5",
        "00342145BZ31",
        "00749852BZK0",
    ] {
        assert_eq!(
            parse(n).unwrap().kind(),
            PersonalIdKind::NationalReserve,
            "{n}"
        );
    }
    let nr = parse("25780404KHD5").unwrap();
    assert_eq!(nr.birth_date(), Some("1978-04-04".parse().unwrap()));
    assert_eq!(nr.sex(), None);
    assert_eq!(parse("00342145BZ31").unwrap().birth_date(), None);
}

#[test]
fn test_persons_only_when_allowed() {
    for n in [
        "13851118-9329",
        "13781107-9511",
        "13810303-9320",
        "13870509-9367",
        "138707079342",
    ] {
        assert_eq!(parse(n), Err(PersonalIdError::TestPersonNotAllowed), "{n}");
        let id = PersonalId::parse(n, &opts().with_test_persons(true)).unwrap();
        assert_eq!(id.kind(), PersonalIdKind::TestPerson);
    }
    // Sex follows the ninth digit, whatever the fictitious name suggests.
    let pia = PersonalId::parse("13781107-9511", &opts().with_test_persons(true)).unwrap();
    assert_eq!(pia.sex(), Some(Sex::Male));
}

/// A ten-digit personnummer `YYMMDD-NNN?` completed with its check digit.
fn with_check(ten_without_check: &str) -> String {
    let d: Vec<u8> = ten_without_check
        .bytes()
        .filter(u8::is_ascii_digit)
        .map(|b| b - b'0')
        .collect();
    format!("{}{}", ten_without_check, luhn(d))
}

#[test]
fn century_from_separator_and_reference() {
    assert_eq!(parse("121212-1212").unwrap().reveal(), "20121212-1212");
    assert_eq!(parse("121212+1212").unwrap().reveal(), "19121212-1212");
    // Reference 2026-11-23. "-": the latest year ending in 26 is 2026, and 24 November 2026
    // has not come, so the number cannot be valid yet (someone born 1926-11-24 turns 100 in
    // 2026 and is written with "+" from 1 January).
    assert_eq!(parse(&with_check("261124-123")), Err(PersonalIdError::Date));
    assert_eq!(
        &parse(&with_check("261124+123")).unwrap().reveal()[..4],
        "1926"
    );
    assert_eq!(
        &parse(&with_check("261123-123")).unwrap().reveal()[..4],
        "2026"
    );
    assert_eq!(
        &parse(&with_check("261123+123")).unwrap().reveal()[..4],
        "1926"
    );
    // 29 February 1900 does not exist: "+" on 000229 in 2026 is an impossible date.
    assert_eq!(parse(&with_check("000229+123")), Err(PersonalIdError::Date));
    assert_eq!(
        &parse(&with_check("000229-123")).unwrap().reveal()[..4],
        "2000"
    );
}

#[test]
fn any_reference_date_is_safe() {
    // Reference years 1–99 once underflowed; every year must give a value or an error.
    for year in [1u16, 50, 99, 100, 999, 1000, 1899, 9999] {
        let o = ParseOptions::new(Date::from_ymd(year, 6, 15).unwrap()).with_test_persons(true);
        for text in [
            "600101-1234",
            "121212+1212",
            "991231-9999",
            "000229+0000",
            "19121212-1212",
            "198108320014",
        ] {
            let _ = PersonalId::parse(text, &o);
        }
    }
}

#[test]
fn masking_keeps_only_the_birth_date() {
    for (text, shown) in [
        ("19640823-3234", "19640823-****"),
        ("196408233234", "19640823****"),
        ("640823-3234", "640823-****"),
        (" 19640823-3234\n", "19640823-****"),
        ("22790814AA01", "22790814****"),
        ("12", "**"),
        ("", ""),
    ] {
        assert_eq!(mask(text), shown, "{text:?}");
    }
}

#[test]
fn errors() {
    use PersonalIdError::*;
    let cases: &[(&str, PersonalIdError)] = &[
        ("", Empty),
        ("   ", Empty),
        ("1912121212", CheckDigit), // ten bare digits read as 191212-1212
        ("19640823+3234", Separator), // "+" for someone under 100
        ("19121212121", Length),
        ("191212121212345", Length),
        ("191212-12 12", Characters),
        ("19121212_1212", Characters),
        ("19800101K068+", Characters),
        ("121212-12A2", Characters),
        ("19120230-1230", Date),
        ("20270101-1234", Date),
        ("19121212-0002", Serial),
        ("19121212-1213", CheckDigit),
        ("19121232-1212", CheckDigit), // Carelink shape (day 32), wrong check digit
        ("991981000011", CheckDigit),
        ("22790814AA02", CheckDigit),
        ("22790814IA01", Characters), // I is never used in NRID letters
        ("17121212-1212", UnknownKind),
        ("30000101-1234", UnknownKind),
    ];
    for (text, want) in cases {
        assert_eq!(parse(text), Err(*want), "{text}");
    }
    assert_eq!(
        parse("19121212ZZZZ").map(|i| i.kind()),
        Ok(PersonalIdKind::ReserveSkane)
    );
}

#[test]
fn masked_everywhere() {
    let id = parse("19121212-1212").unwrap();
    assert_eq!(id.to_string(), "19121212-****");
    assert!(!format!("{id:?}").contains("1212-1212"));
    assert!(format!("{id:?}").contains("19121212-****"));
    for bad in [
        "19121212-1213",
        "19121212-0002",
        "1912121212",
        "13851118-9329",
    ] {
        let e = parse(bad).unwrap_err();
        for shown in [
            e.to_string(),
            format!("{e:?}"),
            e.message(Lang::Sv).to_string(),
        ] {
            assert!(!shown.contains(&bad[bad.len() - 4..]), "{shown}");
        }
    }
}

#[test]
fn ten_digit_form() {
    let r: Date = "2026-11-23".parse().unwrap();
    let old = parse("19121212-1212").unwrap();
    assert_eq!(old.to_ten_digit(r).as_deref(), Some("121212+1212"));
    let young = parse("20121212-1212").unwrap();
    assert_eq!(young.to_ten_digit(r).as_deref(), Some("121212-1212"));
}

// ---- generators of valid numbers of each kind -------------------------------------------

fn check(values: &[u8]) -> u8 {
    luhn(values.iter().copied())
}

fn date_strategy(from: u16, to: u16) -> impl Strategy<Value = Date> {
    (from..=to, 1u8..=12, 1u8..=31)
        .prop_filter_map("no such day", |(y, m, d)| Date::from_ymd(y, m, d))
}

fn digits(s: &str) -> Vec<u8> {
    s.bytes().map(|b| b - b'0').collect()
}

prop_compose! {
    fn personnummer()(birth in date_strategy(1890, 2025), serial in 1u16..=999, coord in any::<bool>()) -> String {
        let day = birth.day() + if coord { 60 } else { 0 };
        let body = format!("{:02}{:02}{:02}{:03}", birth.year() % 100, birth.month(), day, serial);
        let c = check(&digits(&body));
        format!("{:02}{}-{}{}", birth.year() / 100, &body[..6], &body[6..], c)
    }
}

prop_compose! {
    fn test_person()(birth in date_strategy(1300, 1399), serial in 1u16..=999) -> String {
        let body = format!("{:02}{:02}{:02}{:03}", birth.year() % 100, birth.month(), birth.day(), serial);
        format!("13{}-{}{}", &body[..6], &body[6..], check(&digits(&body)))
    }
}

prop_compose! {
    fn stockholm()(year in 1980u16..=2299, running in 0u32..100_000) -> String {
        let body = format!("{:02}{:05}", year % 100, running);
        format!("99{:02}{}{}", year / 100, body, check(&digits(&body)))
    }
}

prop_compose! {
    fn vastra_gotaland()(birth in date_strategy(1900, 2025), g in 0usize..3, gg in 6u8..=89) -> String {
        let (letter, value) = [(b'K', 5u8), (b'M', 7), (b'X', 8)][g];
        let yymmdd = format!("{:02}{:02}{:02}", birth.year() % 100, birth.month(), birth.day());
        let mut v = digits(&yymmdd);
        v.push(value);
        v.extend(digits(&format!("{gg:02}")));
        format!("{:02}{}{}{:02}{}", birth.year() / 100, yymmdd, letter as char, gg, check(&v))
    }
}

prop_compose! {
    fn interim()(birth in date_strategy(1900, 2025), letter in 0usize..INTERIM_LETTERS.len(), nn in 0u8..=99) -> String {
        // K, M and X with 00–05 or 90–99 are refused (a shape Västra Götaland does not issue).
        let nn = if b"KMX".contains(&INTERIM_LETTERS[letter]) { 6 + nn % 84 } else { nn };
        let yymmdd = format!("{:02}{:02}{:02}", birth.year() % 100, birth.month(), birth.day());
        let mut v = digits(&yymmdd);
        v.push(1);
        v.extend(digits(&format!("{nn:02}")));
        format!("{:02}{}-{}{:02}{}", birth.year() / 100, yymmdd, INTERIM_LETTERS[letter] as char, nn, check(&v))
    }
}

prop_compose! {
    /// A samordningsnummer whose birth month and/or day is unknown (written 00, day 60).
    fn samordningsnummer_partial()(year in 1890u16..=2025, month in proptest::option::of(1u8..=12), day in 1u8..=28, day_known in any::<bool>(), serial in 1u16..=999) -> String {
        let mm = month.unwrap_or(0);
        // At least one part unknown.
        let dd = if day_known && month.is_some() { 60 } else if day_known { day + 60 } else { 60 };
        let body = format!("{:02}{:02}{:02}{:03}", year % 100, mm, dd, serial);
        format!("{:02}{}-{}{}", year / 100, &body[..6], &body[6..], check(&digits(&body)))
    }
}

prop_compose! {
    fn carelink()(year in 1900u16..=2025, month in 1u8..=12, xx in 32u8..=59, nnn in 0u16..=999) -> String {
        let body = format!("{:02}{:02}{:02}{:03}", year % 100, month, xx, nnn);
        format!("{:02}{}{}", year / 100, body, check(&digits(&body)))
    }
}

const NRID_LETTERS: &[u8] = b"ABCDEFGHJKLMNPRSTUXYZ";

prop_compose! {
    fn national_reserve()(birth in date_strategy(1900, 2025), k in 1u16..=26, a in 0usize..21, b in 0usize..21, g in 0u8..=9) -> String {
        let century = birth.year() / 100;
        let xx = century + 3 * k;
        let head = format!("{:02}{:02}{:02}{:02}{}{}{}", xx, birth.year() % 100, birth.month(), birth.day(),
            NRID_LETTERS[a] as char, NRID_LETTERS[b] as char, g);
        let c = luhn(head.bytes().map(|x| if x.is_ascii_digit() { x - b'0' } else { x }));
        format!("{head}{c}")
    }
}

prop_compose! {
    fn varmland()(birth in date_strategy(1900, 2025), b in 0usize..5, n in 0u8..=9, c in 0usize..25) -> String {
        let letters: Vec<u8> = (b'A'..=b'Z').filter(|x| *x != b'V').collect();
        format!("{:04}{:02}{:02}S{}{}{}", birth.year(), birth.month(), birth.day(),
            b"FUXPL"[b] as char, n, letters[c] as char)
    }
}

/// True where a Skåne-style tail has the shape of a Västra Götaland or Värmland number, which
/// take precedence when the kind is read from the shape.
fn other_region_shape(tail: &[u8]) -> bool {
    // VGR and interim numbers: a letter K, M, X or another interim letter, then digits.
    let vgr = (matches!(tail[0], b'K' | b'M' | b'X') || INTERIM_LETTERS.contains(&tail[0]))
        && tail[1..].iter().all(u8::is_ascii_digit);
    let varmland = tail[0] == b'S'
        && b"FUXPL".contains(&tail[1])
        && tail[2].is_ascii_digit()
        && tail[3].is_ascii_uppercase();
    vgr || varmland
}

prop_compose! {
    fn skane()(birth in date_strategy(1900, 2025), tail in "[A-Z][A-Z0-9]{3}".prop_filter("other region", |t| !other_region_shape(t.as_bytes()))) -> String {
        format!("{:04}{:02}{:02}{}", birth.year(), birth.month(), birth.day(), tail)
    }
}

fn any_valid() -> impl Strategy<Value = (String, PersonalIdKind)> {
    prop_oneof![
        personnummer().prop_map(|s| {
            let k = if s.as_bytes()[6] >= b'6' {
                PersonalIdKind::Samordningsnummer
            } else {
                PersonalIdKind::Personnummer
            };
            (s, k)
        }),
        test_person().prop_map(|s| (s, PersonalIdKind::TestPerson)),
        stockholm().prop_map(|s| (s, PersonalIdKind::ReserveStockholm)),
        vastra_gotaland().prop_map(|s| (s, PersonalIdKind::ReserveVastraGotaland)),
        carelink().prop_map(|s| (s, PersonalIdKind::ReserveCarelink)),
        national_reserve().prop_map(|s| (s, PersonalIdKind::NationalReserve)),
        varmland().prop_map(|s| (s, PersonalIdKind::ReserveVarmland)),
        skane().prop_map(|s| (s, PersonalIdKind::ReserveSkane)),
        interim().prop_map(|s| (s, PersonalIdKind::Interim)),
        samordningsnummer_partial().prop_map(|s| (s, PersonalIdKind::Samordningsnummer)),
    ]
}

/// Positions (0-based, in the twelve-character form without separator) that a kind's check
/// digit covers, the check digit included.
fn covered(kind: PersonalIdKind) -> std::ops::Range<usize> {
    match kind {
        PersonalIdKind::ReserveStockholm => 4..12,
        PersonalIdKind::NationalReserve => 0..12,
        _ => 2..12,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// The check digit sums each product's decimal digits, whatever the values (digits, and
    /// the larger values a letter could give).
    #[test]
    fn luhn_sums_the_digits_of_each_product(values in proptest::collection::vec(any::<u8>(), 0..14)) {
        let digit_sum = |mut p: u32| {
            let mut s = 0;
            while p > 0 {
                s += p % 10;
                p /= 10;
            }
            s
        };
        let sum: u32 = values
            .iter()
            .enumerate()
            .map(|(i, &v)| digit_sum(u32::from(v) * if i % 2 == 0 { 2 } else { 1 }))
            .sum();
        prop_assert_eq!(u32::from(check(&values)), (10 - sum % 10) % 10);
    }

    #[test]
    fn valid_numbers_round_trip((text, kind) in any_valid()) {
        let o = opts().with_test_persons(true);
        let id = PersonalId::parse(&text, &o).unwrap();
        prop_assert_eq!(id.kind(), kind);
        prop_assert_eq!(id.reveal(), text.clone());
        prop_assert_eq!(PersonalId::parse(&id.reveal(), &o).unwrap(), id.clone());
        if let Some(ten) = id.to_ten_digit(o.reference_date) {
            prop_assert_eq!(PersonalId::parse(&ten, &o).unwrap(), id.clone());
        }
        let shown = format!("{:?} {}", id, id);
        prop_assert!(!shown.contains(&text) && shown.contains(&mask(&text)), "{}", shown);
    }

    #[test]
    fn single_digit_changes_are_caught(
        (text, kind) in any_valid().prop_filter("has a check digit", |(_, k)| k.has_check_digit()),
        which in any::<prop::sample::Index>(),
        delta in 1u8..=9,
    ) {
        let mut c: Vec<u8> = text.bytes().filter(|b| *b != b'-').collect();
        let positions: Vec<usize> = covered(kind).filter(|&i| c[i].is_ascii_digit()).collect();
        let pos = positions[which.index(positions.len())];
        c[pos] = b'0' + (c[pos] - b'0' + delta) % 10;
        let changed = String::from_utf8(c).unwrap();
        let o = opts().with_test_persons(true);
        match PersonalId::parse(&changed, &o) {
            Err(_) => {}
            // The century digits of a national reserve id can turn it into the shape of a
            // Skåne reserve number (18/19/20 + date + letters), a different kind that has no
            // check digit; the change is then not an NRID any more, and cannot be caught by one.
            // VGR and interim numbers share their shape (a K, M or X then digits) and their
            // check digits differ, so a change that breaks one check passes the other one time
            // in ten: the result is a valid number of the other kind.
            Ok(other) => {
                let vgr_interim = matches!(
                    (kind, other.kind()),
                    (PersonalIdKind::ReserveVastraGotaland, PersonalIdKind::Interim)
                        | (PersonalIdKind::Interim, PersonalIdKind::ReserveVastraGotaland)
                );
                prop_assert!(
                    other.kind() != kind && (!other.kind().has_check_digit() || vgr_interim),
                    "{} accepted as {:?}", changed, other.kind()
                )
            }
        }
    }

    #[test]
    fn never_panics(s in "\\PC{0,16}", allow in any::<bool>(), reference in date_strategy(1, 9999)) {
        let o = ParseOptions::new(reference).with_test_persons(allow);
        let _ = PersonalId::parse(&s, &o);
    }

    #[test]
    fn never_panics_on_near_misses(s in "[0-9A-Z+-]{10,13}", allow in any::<bool>(), reference in date_strategy(1, 9999)) {
        let o = ParseOptions::new(reference).with_test_persons(allow);
        if let Ok(id) = PersonalId::parse(&s, &o) {
            let shown = format!("{id} {id:?}");
            prop_assert!(!shown.contains(&id.reveal()));
        }
    }

    #[test]
    fn masked_text_never_shows_what_follows_the_date(prefix in "[0-9]{6,8}[-+]?", rest in "[a-zA-Zåäö (][^\\s]{0,12}") {
        let masked = mask(&format!("{prefix}{rest}"));
        prop_assert!(masked.chars().skip(prefix.trim().len()).all(|c| c == '*'), "{}", masked);
    }
}
