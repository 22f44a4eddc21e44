//! The one error type of the crate.

use std::fmt;

/// Everything that can go wrong in newsmark. Inputs never panic: they give a result or one
/// of these.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Error {
    /// The options object is malformed: an unknown key, a value of the wrong type.
    InvalidOptions(String),
    /// The input is not usable as text (not a string, not UTF-8).
    InvalidInput(String),
    /// The input is longer than [`crate::MAX_INPUT_BYTES`].
    InputTooLarge { len: usize, max: usize },
    /// The embedded model could not be read (a build defect).
    Model(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidOptions(m) => write!(f, "invalid options: {m}"),
            Error::InvalidInput(m) => write!(f, "invalid input: {m}"),
            Error::InputTooLarge { len, max } => {
                write!(f, "input too large: {len} bytes (the limit is {max} bytes)")
            }
            Error::Model(m) => write!(f, "model error: {m}"),
        }
    }
}

impl std::error::Error for Error {}

/// `Result` with [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
