//! Files only their owner can read: the config (it may hold secrets), the log and the
//! journal (ghost names, request paths, trace ids).

use std::fs::{self, File, OpenOptions};
use std::io;
use std::path::Path;

/// Creates `dir` (and its parents) readable only by the owner, and tightens an existing
/// folder of our own (named `ghosts`); a folder shared with others is left be.
pub fn create_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
        if !dir.exists() {
            fs::DirBuilder::new()
                .recursive(true)
                .mode(0o700)
                .create(dir)?;
        }
        if dir.file_name().is_some_and(|n| n == "ghosts") {
            fs::set_permissions(dir, fs::Permissions::from_mode(0o700))?;
        }
        Ok(())
    }
    #[cfg(not(unix))]
    fs::create_dir_all(dir)
}

/// Opens `path` for appending, creating it (and its folder) readable only by the
/// owner; an existing file is made so too.
pub fn append(path: &Path) -> io::Result<File> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        create_dir(dir)?;
    }
    let mut options = OpenOptions::new();
    options.create(true).append(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        options.mode(0o600);
        let file = options.open(path)?;
        file.set_permissions(fs::Permissions::from_mode(0o600))?;
        Ok(file)
    }
    #[cfg(not(unix))]
    options.open(path)
}

#[cfg(all(test, unix))]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    fn mode(path: &Path) -> u32 {
        fs::metadata(path)
            .map(|m| m.permissions().mode() & 0o777)
            .unwrap_or(0)
    }

    #[test]
    fn new_and_old_files_are_the_owners_only() {
        let root = tempfile::tempdir().expect("a temporary folder");
        let path = root.path().join("state").join("ghosts").join("ghosts.log");
        drop(append(&path).expect("created"));
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(path.parent().expect("a folder")), 0o700);
        // A log left readable by an older version is tightened.
        fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).expect("chmod");
        drop(append(&path).expect("opened"));
        assert_eq!(mode(&path), 0o600);
    }
}
