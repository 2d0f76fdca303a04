//! The tag-line lexer shared by RIS and EndNote Refer (DESIGN §2).
//! (Skeleton: the RIS/Refer issue fills it in.)
