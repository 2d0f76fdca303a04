//! citelint: a linter for bibliographic records.

pub mod api;
pub mod baseline;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod discover;
pub mod engine;
pub mod fix;
pub mod formats;
pub mod model;
pub mod output;
pub mod rules;
pub mod source;
pub mod suppress;
pub mod works;
pub mod write;
