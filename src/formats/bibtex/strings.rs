//! `@string` macros, resolved lazily with cycle detection and a size cap (DESIGN §4).
