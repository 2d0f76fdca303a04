//! citelint: a linter for bibliographic records.

pub mod config;
pub mod diagnostic;
pub mod engine;
pub mod fix;
pub mod formats;
pub mod model;
pub mod rules;
pub mod source;
pub mod works;
