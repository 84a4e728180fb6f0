//! Layer 8, the case lifecycle: a report as a case (*ärende*) in INCA that a clinic opens,
//! saves, hands over for approval, sends to RCC, gets back for completion, and that RCC
//! registers; who may do what; the events that record it and replay it; the clinic's inbox;
//! and possible duplicates of a new report among a patient's earlier ones.
//!
//! No clock and no I/O: every time and actor comes from the caller, and the events are
//! values (and JSON, see [`json`]) that a host stores where it likes.
//!
//! ```mermaid
//! stateDiagram-v2
//!     [*] --> draft: open (reporter)
//!     [*] --> reminder: remind (RCC)
//!     draft --> draft: save
//!     awaiting_approval --> draft: save
//!     reminder --> reminder: save
//!     returned --> returned: save
//!     draft --> awaiting_approval: ready_for_approval
//!     reminder --> awaiting_approval: ready_for_approval
//!     returned --> awaiting_approval: ready_for_approval
//!     draft --> sent: send
//!     awaiting_approval --> sent: send
//!     reminder --> sent: send
//!     returned --> sent: send
//!     draft --> deleted: delete (own case)
//!     awaiting_approval --> deleted: delete (own case)
//!     sent --> returned: return (RCC, with a comment)
//!     sent --> registered: register (RCC)
//! ```
//!
//! Every green state also takes the inbox edits (`assign`, `set_follow_up`, `set_note`,
//! `set_comment`, and RCC's `set_urgent`) without changing state. A registered case changes
//! only through a correction, a new case ([`Case::correct`]).

pub mod case;
pub mod duplicates;
pub mod inbox;
pub mod json;

pub use case::{Action, Actor, Args, Case, Colour, Event, Reason, Role, State, TransitionError};
pub use duplicates::{possible_duplicates, Duplicate, DuplicateRule};
pub use inbox::{inbox, InboxEntry};
pub use json::{EventFormatError, EVENT_SCHEMA_VERSION};
