//! Saving a profile: edits the file in place with `toml_edit`, so the user's other
//! profiles, comments and layout survive, and writes it readable only by its owner.

use std::fs;
use std::io::Write;
use std::path::Path;

use toml_edit::{DocumentMut, Item, Table, value};

use super::init::Saved;

/// Keys that name a credential; a saved API key replaces whichever of them was there.
const CREDENTIAL_KEYS: [&str; 5] = [
    "api_token",
    "token_command",
    "email",
    "password",
    "password_command",
];

/// Whether the file at `path` already has `[profiles.NAME]` (a missing file has none).
pub fn profile_exists(path: &Path, name: &str) -> Result<bool, String> {
    let doc = read(path)?;
    Ok(doc
        .get("profiles")
        .and_then(Item::as_table_like)
        .is_some_and(|profiles| profiles.contains_key(name)))
}

/// The file as a document, empty when it does not exist yet.
fn read(path: &Path) -> Result<DocumentMut, String> {
    let text = match fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
    };
    text.parse().map_err(|e: toml_edit::TomlError| {
        format!(
            "{} is not valid TOML ({}); fix or move it, then run ghosts init again",
            path.display(),
            e.message()
        )
    })
}

/// Adds or updates `[profiles.NAME]` in the file at `path` (created if missing, with its
/// folder private to the owner) and makes it the default when the file has none.
pub fn save_profile(path: &Path, name: &str, saved: &Saved) -> Result<(), String> {
    let mut doc = read(path)?;
    update(&mut doc, name, saved)?;
    write_private(path, doc.to_string().as_bytes())
}

fn update(doc: &mut DocumentMut, name: &str, saved: &Saved) -> Result<(), String> {
    if !doc.contains_key("default_profile") {
        doc.insert("default_profile", value(name));
    }
    let profiles = doc
        .entry("profiles")
        .or_insert_with(|| {
            let mut table = Table::new();
            // `[profiles.NAME]` headers only, not an empty `[profiles]` line.
            table.set_implicit(true);
            Item::Table(table)
        })
        .as_table_mut()
        .ok_or("the config file's `profiles` is not a table; fix it by hand")?;
    let profile = profiles
        .entry(name)
        .or_insert_with(|| Item::Table(Table::new()))
        .as_table_mut()
        .ok_or_else(|| {
            format!("the config file's profiles.{name} is not a table; fix it by hand")
        })?;
    match &saved.base_url {
        Some(url) => set(profile, "base_url", url.as_str().into()),
        None => drop(profile.remove("base_url")),
    }
    set(profile, "organization_id", saved.organization_id.into());
    set(profile, "workspace_id", saved.workspace_id.into());
    for key in CREDENTIAL_KEYS.iter().filter(|k| **k != "api_token") {
        profile.remove(key);
    }
    set(profile, "api_token", saved.api_token.expose().into());
    Ok(())
}

/// Sets `key`, keeping the comments around a value that was already there.
fn set(table: &mut Table, key: &str, new: toml_edit::Value) {
    match table.get_mut(key).and_then(Item::as_value_mut) {
        Some(old) => {
            let decor = old.decor().clone();
            *old = new;
            *old.decor_mut() = decor;
        }
        None => {
            table.insert(key, Item::Value(new));
        }
    }
}

/// The folder is made 0700 and the file 0600 before the secret is written to it: it is
/// written to a fresh file beside the old one and renamed over it, so there is never a
/// moment when the secret sits in a file others can read, nor a half-written config.
fn write_private(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    create_private_dir(dir)?;
    let fail = |e: std::io::Error| format!("cannot write {}: {e}", path.display());
    let mut temp = tempfile_in(dir).map_err(fail)?;
    temp.1.write_all(bytes).map_err(fail)?;
    temp.1.sync_all().map_err(fail)?;
    fs::rename(&temp.0, path).map_err(|e| {
        let _ = fs::remove_file(&temp.0);
        fail(e)
    })
}

fn create_private_dir(dir: &Path) -> Result<(), String> {
    crate::private::create_dir(dir)
        .map_err(|e| format!("cannot create {} or make it private: {e}", dir.display()))
}

/// A new file in `dir` that only the owner can read, with its path.
fn tempfile_in(dir: &Path) -> std::io::Result<(std::path::PathBuf, fs::File)> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let path = dir.join(format!(".config.toml.{}.tmp", std::process::id()));
    // A leftover from a crashed run of this same process id is stale: replace it.
    let _ = fs::remove_file(&path);
    Ok((path.clone(), options.open(&path)?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::Secret;

    fn saved(org: i64) -> Saved {
        Saved {
            base_url: None,
            organization_id: org,
            workspace_id: 2,
            api_token: Secret::new("toggl_sk_new"),
        }
    }

    #[test]
    fn other_profiles_and_comments_survive_an_update() {
        let text = "# mine\ndefault_profile = \"home\"\n\n[profiles.home]\n# home key\n\
                    organization_id = 9\nworkspace_id = 9\ntoken_command = \"pass x\"\n\n\
                    [profiles.work]\norganization_id = 1\nworkspace_id = 1\n";
        let mut doc: DocumentMut = text.parse().unwrap();
        update(&mut doc, "home", &saved(5)).unwrap();
        let out = doc.to_string();
        assert!(
            out.starts_with("# mine\ndefault_profile = \"home\""),
            "{out}"
        );
        assert!(out.contains("# home key"), "{out}");
        assert!(out.contains("[profiles.work]"), "{out}");
        assert!(!out.contains("token_command"), "{out}");
        assert!(out.contains("organization_id = 5"), "{out}");
        assert!(out.contains("api_token = \"toggl_sk_new\""), "{out}");
    }

    #[test]
    fn a_new_file_gets_a_default_and_no_empty_table() {
        let mut doc = DocumentMut::new();
        update(&mut doc, "default", &saved(1)).unwrap();
        let out = doc.to_string();
        assert!(out.starts_with("default_profile = \"default\"\n"), "{out}");
        assert!(
            out.contains("[profiles.default]") && !out.contains("[profiles]\n"),
            "{out}"
        );
    }
}
