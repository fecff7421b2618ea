//! The offline catalogs the catalog commands read, as one list: the catalog
//! `sentier sync` keeps and the catalog of every installed pack. One is in
//! use: the one named by `--pack ID`, else the last one synced or
//! downloaded (remembered in the data folder), else the only one there is.

use std::path::{Path, PathBuf};

use sentier_core::catalog::Catalog;
use sentier_core::packs::PackLibrary;
use sentier_core::packs::download::TransferOptions;
use serde::Serialize;

use crate::paths::catalog_file;

/// The id `--pack` takes for the catalog `sentier sync` keeps.
pub const SYNCED_ID: &str = "synced";

/// The file naming the catalog last synced or downloaded.
const IN_USE_FILE: &str = "catalog-in-use";

/// One offline catalog the commands can read.
#[derive(Clone, Debug, Serialize)]
pub struct CatalogSource {
    /// `synced`, or the installed pack's id.
    pub id: String,
    /// Where its data came from: the synced API root, or the pack's name.
    pub name: String,
    pub path: PathBuf,
    pub in_use: bool,
}

/// The catalogs of a data folder, and the choice among them.
pub struct Catalogs<'a> {
    data_dir: &'a Path,
    chosen: Option<&'a str>,
}

type Failure = Box<dyn std::error::Error>;

impl<'a> Catalogs<'a> {
    /// The catalogs in `data_dir`; `chosen` is the `--pack` option.
    pub fn new(data_dir: &'a Path, chosen: Option<&'a str>) -> Catalogs<'a> {
        Catalogs { data_dir, chosen }
    }

    /// The data folder.
    pub fn data_dir(&self) -> &Path {
        self.data_dir
    }

    /// Every catalog there is, the synced one first, with the one in use marked.
    pub fn list(&self) -> Result<Vec<CatalogSource>, Failure> {
        let mut sources = Vec::new();
        let synced = catalog_file(self.data_dir);
        if synced.is_file() {
            let name = Catalog::open(&synced)
                .and_then(|catalog| catalog.status())
                .ok()
                .and_then(|status| status.api_url)
                .unwrap_or_default();
            sources.push(CatalogSource {
                id: SYNCED_ID.into(),
                name,
                path: synced,
                in_use: false,
            });
        }
        if self.data_dir.join("packs").exists() {
            let library = PackLibrary::open(self.data_dir, TransferOptions::default())?;
            sources.extend(library.installed()?.into_iter().map(|pack| CatalogSource {
                id: pack.id,
                name: pack.name,
                path: PathBuf::from(pack.catalog_path),
                in_use: false,
            }));
        }
        let in_use = self.pick(&sources)?;
        if let Some(source) = sources.iter_mut().find(|s| Some(&s.id) == in_use.as_ref()) {
            source.in_use = true;
        }
        Ok(sources)
    }

    /// The catalog in use, or why there is none.
    pub fn in_use(&self) -> Result<CatalogSource, Failure> {
        self.list()?
            .into_iter()
            .find(|source| source.in_use)
            .ok_or_else(|| {
                format!(
                    "no offline catalog in {}: run `sentier sync https://HOST/api/v2/` \
                     or `sentier pack download URL ID` first",
                    self.data_dir.display()
                )
                .into()
            })
    }

    /// Opens the catalog in use.
    pub fn open(&self) -> Result<Catalog, Failure> {
        let source = self.in_use()?;
        Catalog::open(&source.path)
            .map_err(|error| format!("cannot open {}: {error}", source.path.display()).into())
    }

    /// Makes `id` the catalog in use from now on (after a sync or a download).
    pub fn remember(&self, id: &str) -> Result<(), Failure> {
        let path = self.data_dir.join(IN_USE_FILE);
        std::fs::write(&path, id)
            .map_err(|error| format!("cannot write {}: {error}", path.display()))?;
        Ok(())
    }

    /// The id of the catalog in use among `sources`.
    fn pick(&self, sources: &[CatalogSource]) -> Result<Option<String>, Failure> {
        let exists = |id: &str| sources.iter().any(|source| source.id == id);
        if let Some(chosen) = self.chosen {
            if !exists(chosen) {
                let ids: Vec<&str> = sources.iter().map(|s| s.id.as_str()).collect();
                return Err(format!(
                    "--pack {chosen}: no such catalog in {} (there are: {}; `sentier packs` lists them)",
                    self.data_dir.display(),
                    if ids.is_empty() { "none".to_string() } else { ids.join(", ") }
                )
                .into());
            }
            return Ok(Some(chosen.to_string()));
        }
        let remembered = std::fs::read_to_string(self.data_dir.join(IN_USE_FILE)).ok();
        Ok(remembered
            .map(|id| id.trim().to_string())
            .filter(|id| exists(id))
            .or_else(|| sources.first().map(|source| source.id.clone())))
    }
}
