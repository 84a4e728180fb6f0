//! The patient record and INCA's handling of protected identity.
//!
//! INCA treats *sekretessmarkering* and *skyddad folkbokföring* alike, already when the data
//! arrive from Navet (manual v3.0, "Mina sidor – INCA-hjälpen – Administration –
//! Patientuppgifter – Sekretess"): the surname becomes `PERSONUPPGIFT SKYDDAD`, the street
//! address `ÅTER AVSÄNDAREN`; first name, postcode, town, the county, municipality, parish and
//! district codes, any special postal address and the registration history are blanked; and
//! the secrecy flag is set. *Fingerade personuppgifter* are not known to INCA and are not
//! handled here.

use crate::vocab::sensitive::SensitiveText;

/// Efternamn for a patient with protected identity.
pub const PROTECTED_SURNAME: &str = "PERSONUPPGIFT SKYDDAD";
/// Gatuadress for a patient with protected identity.
pub const PROTECTED_STREET_ADDRESS: &str = "ÅTER AVSÄNDAREN";

/// A patient as the population register (Navet) describes them.
///
/// Wire format: a JSON object with these snake_case keys, all optional; texts are strings,
/// `registration_history` is a list of strings and `protected` a boolean.
#[derive(Clone, Default, PartialEq, Eq, Debug)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PatientRecord {
    /// Personnummer or other identity number (masked in `Debug`).
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub personal_id: Option<SensitiveText>,
    /// Förnamn.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub first_name: Option<String>,
    /// Efternamn.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub surname: Option<String>,
    /// Gatuadress.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub street_address: Option<String>,
    /// Postnummer.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub postcode: Option<String>,
    /// Postort.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub town: Option<String>,
    /// Länskod.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub county_code: Option<String>,
    /// Kommunkod.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub municipality_code: Option<String>,
    /// Församlingskod.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub parish_code: Option<String>,
    /// Distriktskod.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub district_code: Option<String>,
    /// Särskild postadress.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub special_postal_address: Option<String>,
    /// Folkbokföringshistorik.
    #[cfg_attr(feature = "uniffi", uniffi(default = []))]
    pub registration_history: Vec<String>,
    /// Sekretessflagga: the patient has protected identity.
    #[cfg_attr(feature = "uniffi", uniffi(default = false))]
    pub protected: bool,
}

impl PatientRecord {
    /// The record as INCA keeps it for a patient with protected identity.
    ///
    /// Idempotent: protecting a protected record changes nothing. The personal identity number
    /// is kept (the register needs it).
    ///
    /// ```
    /// use canceranmalan::PatientRecord;
    /// let mut p = PatientRecord::default();
    /// p.first_name = Some("Åsa".into());
    /// p.town = Some("Umeå".into());
    /// let q = p.protect();
    /// assert_eq!(q.surname.as_deref(), Some("PERSONUPPGIFT SKYDDAD"));
    /// assert_eq!(q.first_name, None);
    /// assert!(q.protected);
    /// assert_eq!(q.protect(), q);
    /// ```
    pub fn protect(&self) -> PatientRecord {
        PatientRecord {
            personal_id: self.personal_id.clone(),
            surname: Some(PROTECTED_SURNAME.to_string()),
            street_address: Some(PROTECTED_STREET_ADDRESS.to_string()),
            protected: true,
            ..PatientRecord::default()
        }
    }

    /// The wire keys of the record's text fields other than the personal identity number,
    /// in wire order; [`PatientRecord::texts`] and [`PatientRecord::texts_mut`] give the
    /// fields in the same order.
    pub const TEXT_KEYS: [&'static str; 10] = [
        "first_name",
        "surname",
        "street_address",
        "postcode",
        "town",
        "county_code",
        "municipality_code",
        "parish_code",
        "district_code",
        "special_postal_address",
    ];

    /// The text fields, in the order of [`PatientRecord::TEXT_KEYS`].
    pub fn texts(&self) -> [&Option<String>; 10] {
        [
            &self.first_name,
            &self.surname,
            &self.street_address,
            &self.postcode,
            &self.town,
            &self.county_code,
            &self.municipality_code,
            &self.parish_code,
            &self.district_code,
            &self.special_postal_address,
        ]
    }

    /// The text fields for writing, in the order of [`PatientRecord::TEXT_KEYS`].
    pub fn texts_mut(&mut self) -> [&mut Option<String>; 10] {
        [
            &mut self.first_name,
            &mut self.surname,
            &mut self.street_address,
            &mut self.postcode,
            &mut self.town,
            &mut self.county_code,
            &mut self.municipality_code,
            &mut self.parish_code,
            &mut self.district_code,
            &mut self.special_postal_address,
        ]
    }
}
