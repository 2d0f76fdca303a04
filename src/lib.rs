//! citelint: a linter for bibliographic records.

pub mod formats;
pub mod model;
pub mod source;
