//! The core's words for every error the shells may catch, in the user's
//! language: what a shell shows instead of the generated exception's dump.

use sentier_core::address::AddressError;
use sentier_core::catalog::CatalogError;
use sentier_core::locale::{Language, UserMessage};
use sentier_core::packs::PackError;
use sentier_core::reports::ReportError;
use sentier_core::tiles::TileError;
use sentier_core::trail::TrailError;

#[uniffi::export]
pub fn catalog_error_message(error: CatalogError, language: Language) -> String {
    error.message(language)
}

#[uniffi::export]
pub fn pack_error_message(error: PackError, language: Language) -> String {
    error.message(language)
}

#[uniffi::export]
pub fn tile_error_message(error: TileError, language: Language) -> String {
    error.message(language)
}

#[uniffi::export]
pub fn trail_error_message(error: TrailError, language: Language) -> String {
    error.message(language)
}

#[uniffi::export]
pub fn report_error_message(error: ReportError, language: Language) -> String {
    error.message(language)
}

#[uniffi::export]
pub fn address_error_message(error: AddressError, language: Language) -> String {
    error.message(language)
}
