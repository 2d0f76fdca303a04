//! Writing fixed files safely (DESIGN §7): only when changed, through a temporary file in the
//! same folder, fsynced, with the original's mode, renamed over the target (through symlinks).

use std::fs;
use std::io::Write;
use std::path::Path;

/// Why a file was not written.
#[derive(Debug)]
#[non_exhaustive]
pub enum WriteError {
    ReadOnlyFile,
    ReadOnlyFolder,
    Io(std::io::Error),
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::ReadOnlyFile => write!(f, "the file is read-only; fixes were not written"),
            WriteError::ReadOnlyFolder => write!(f, "the folder is read-only; fixes were not written"),
            WriteError::Io(e) => write!(f, "fixes were not written: {e}"),
        }
    }
}

impl std::error::Error for WriteError {}

impl From<std::io::Error> for WriteError {
    fn from(e: std::io::Error) -> Self {
        WriteError::Io(e)
    }
}

/// Replaces `path`'s content with `bytes` atomically. The original stays intact on failure.
///
/// # Errors
/// The file or its folder is read-only, or an I/O operation failed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let target = fs::canonicalize(path)?;
    let meta = fs::metadata(&target)?;
    if meta.permissions().readonly() {
        return Err(WriteError::ReadOnlyFile);
    }
    let dir = target.parent().unwrap_or_else(|| Path::new("."));
    if fs::metadata(dir)?.permissions().readonly() {
        return Err(WriteError::ReadOnlyFolder);
    }
    let mut tmp = tempfile::Builder::new().prefix(".citelint-").suffix(".tmp").tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    fs::set_permissions(tmp.path(), meta.permissions())?;
    tmp.persist(&target).map_err(|e| WriteError::Io(e.error))?;
    if let Ok(d) = fs::File::open(dir) {
        // Make the rename durable; failure here does not lose data.
        let _ = d.sync_all();
    }
    Ok(())
}

/// Writes a file the run creates (a report, a baseline): atomically, replacing any old one.
///
/// # Errors
/// The folder does not exist or cannot be written.
pub fn write_new(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    if path.exists() {
        return write_atomic(path, bytes);
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new().prefix(".citelint-").suffix(".tmp").tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| WriteError::Io(e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_through_symlink_and_keeps_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.bib");
        fs::write(&real, "old").unwrap();
        fs::set_permissions(&real, fs::Permissions::from_mode(0o640)).unwrap();
        let link = dir.path().join("link.bib");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_atomic(&link, b"new").unwrap();
        assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        assert_eq!(fs::read_to_string(&real).unwrap(), "new");
        assert_eq!(fs::metadata(&real).unwrap().permissions().mode() & 0o777, 0o640);
    }

    #[test]
    fn read_only_file_is_left_alone() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("ro.bib");
        fs::write(&p, "old").unwrap();
        fs::set_permissions(&p, fs::Permissions::from_mode(0o444)).unwrap();
        assert!(matches!(write_atomic(&p, b"new"), Err(WriteError::ReadOnlyFile)));
        assert_eq!(fs::read_to_string(&p).unwrap(), "old");
    }
}
