//! `ghosts init`: asks for the workspace and an API key on plain stdin/stdout (before
//! any terminal UI), checks them with one request, and saves them as a profile.
//!
//! The prompting takes any `BufRead` and `Write`, so tests script it against a sandbox.

use std::io::{BufRead, Write};
use std::path::PathBuf;

use super::secrets::{TRACK_TOKEN, TRACK_URL, is_track_token, is_track_url};
use super::write::{profile_exists, save_profile};
use crate::api::{
    ApiError, Auth, Client, ClientConfig, DEFAULT_BASE_URL, GhostFilter, Id, ListQuery, Secret,
};

/// What `init` needs besides the conversation.
#[derive(Debug, Clone)]
pub struct InitOptions {
    pub config_path: PathBuf,
    pub profile: String,
    /// `--base-url` or `TOGGL_FOCUS_BASE_URL`; else taken from the pasted address.
    pub base_url: Option<String>,
    /// Read the key from the terminal without echo (stdin is a terminal); otherwise
    /// it is read as a plain line from the input, as when piped.
    pub hide_key: bool,
}

/// Runs the conversation; on success the profile is saved and its file returned.
/// On failure nothing is written and the error says what to do.
pub async fn run(
    input: &mut impl BufRead,
    out: &mut impl Write,
    options: &InitOptions,
) -> Result<PathBuf, String> {
    let io = |e: std::io::Error| format!("cannot talk to the terminal: {e}");
    writeln!(
        out,
        "Setting up profile {:?} in {}.\n\
         Open the workspace in the Focus web app and copy the address from the address bar\n\
         (https://focus.toggl.com/organizations/<org>/workspaces/<workspace>/...).",
        options.profile,
        options.config_path.display()
    )
    .map_err(io)?;
    if profile_exists(&options.config_path, &options.profile)? {
        let answer = ask(
            input,
            out,
            &format!(
                "Profile {:?} already exists; replace its workspace and key? [y/N] ",
                options.profile
            ),
        )?;
        if !matches!(answer.to_lowercase().as_str(), "y" | "yes") {
            return Err(format!(
                "kept profile {:?} as it was; nothing was saved (ghosts init --profile NAME sets up another one)",
                options.profile
            ));
        }
    }
    let (mut place, mut workspace_id) = ask_place(input, out)?;
    writeln!(
        out,
        "Create an API key in Focus settings (it starts with toggl_sk_)."
    )
    .map_err(io)?;
    let mut key = ask_key(input, out, options)?;
    // A refused key or workspace is asked again, keeping the other answers.
    let base_url = loop {
        let base_url = options
            .base_url
            .clone()
            .or_else(|| place.base_url.clone())
            .unwrap_or_else(|| DEFAULT_BASE_URL.to_string());
        writeln!(out, "Checking with one request to {base_url} ...").map_err(io)?;
        let config = ClientConfig::new(
            base_url.clone(),
            place.organization_id,
            workspace_id,
            Auth::ApiKey(key.clone()),
        );
        match check(config).await {
            Ok(()) => break base_url,
            Err(err) if err.status() == Some(401) && !options.hide_key => {
                writeln!(out, "{}", explain(&err)).map_err(io)?;
                key = ask_key(input, out, options)?;
            }
            Err(err) if err.status() == Some(403) => {
                writeln!(out, "{}", explain(&err)).map_err(io)?;
                (place, workspace_id) = ask_place(input, out)?;
            }
            Err(err) => return Err(explain(&err)),
        }
    };
    let saved = Saved {
        base_url: (base_url != DEFAULT_BASE_URL).then_some(base_url),
        organization_id: place.organization_id,
        workspace_id,
        api_token: key,
    };
    save_profile(&options.config_path, &options.profile, &saved)?;
    let flag = if options.profile == "default" {
        String::new()
    } else {
        format!(" --profile {}", options.profile)
    };
    writeln!(
        out,
        "It works. Saved profile {:?} to {} (readable only by you).\nStart the app with: ghosts{flag}",
        options.profile,
        options.config_path.display()
    )
    .map_err(io)?;
    Ok(options.config_path.clone())
}

/// The organization, workspace and (from a pasted address) base URL.
fn ask_place(input: &mut impl BufRead, out: &mut impl Write) -> Result<(Place, Id), String> {
    let place = ask_until(
        input,
        out,
        "Focus address, or the organization id: ",
        parse_place,
    )?;
    let workspace_id = match place.workspace_id {
        Some(id) => id,
        None => ask_until(input, out, "Workspace id: ", |a| {
            parse_id(a, "workspace id")
        })?,
    };
    Ok((place, workspace_id))
}

/// The API key: typed (asked until it looks like one) or, on a terminal, unseen.
fn ask_key(
    input: &mut impl BufRead,
    out: &mut impl Write,
    options: &InitOptions,
) -> Result<Secret, String> {
    if options.hide_key {
        let io = |e: std::io::Error| format!("cannot talk to the terminal: {e}");
        // One try: an empty read here may be the end of the input, which asking again
        // would never get past.
        write!(out, "API key (not shown as you type): ").map_err(io)?;
        out.flush().map_err(io)?;
        parse_key(&rpassword::read_password().map_err(io)?)
    } else {
        ask_until(input, out, "API key: ", parse_key)
    }
}

/// What `init` writes into the profile.
#[derive(Debug)]
pub struct Saved {
    /// Only when it is not the live service's.
    pub base_url: Option<String>,
    pub organization_id: Id,
    pub workspace_id: Id,
    pub api_token: Secret,
}

/// One prompt, one line. The end of the input is an error: there is nobody to ask.
fn ask(input: &mut impl BufRead, out: &mut impl Write, prompt: &str) -> Result<String, String> {
    let io = |e: std::io::Error| format!("cannot talk to the terminal: {e}");
    write!(out, "{prompt}").map_err(io)?;
    out.flush().map_err(io)?;
    let mut line = String::new();
    if input.read_line(&mut line).map_err(io)? == 0 {
        return Err("the input ended before setup was finished; nothing was saved".into());
    }
    Ok(line.trim().to_string())
}

/// Asks until `parse` accepts the answer, saying each time what was wrong: a typo
/// should not cost the user the answers already given.
fn ask_until<T>(
    input: &mut impl BufRead,
    out: &mut impl Write,
    prompt: &str,
    parse: impl Fn(&str) -> Result<T, String>,
) -> Result<T, String> {
    loop {
        match parse(&ask(input, out, prompt)?) {
            Ok(value) => return Ok(value),
            Err(why) => writeln!(out, "{why}. Try again.")
                .map_err(|e| format!("cannot talk to the terminal: {e}"))?,
        }
    }
}

/// A Focus API key, refusing a Track token (explained) before any request.
fn parse_key(answer: &str) -> Result<Secret, String> {
    let key = answer.trim();
    if key.is_empty() {
        return Err("no API key given".into());
    }
    if is_track_token(key) {
        return Err(format!("That key {TRACK_TOKEN}"));
    }
    Ok(Secret::new(key.to_string()))
}

/// Where the workspace is, as far as the first answer says.
#[derive(Debug, PartialEq, Eq)]
struct Place {
    organization_id: Id,
    workspace_id: Option<Id>,
    /// `scheme://host/api` of a pasted address, which is where that web app's API is.
    base_url: Option<String>,
}

/// A pasted address (`.../organizations/123/workspaces/456/...`), `123 456`, `123/456`
/// or just the organization id.
fn parse_place(answer: &str) -> Result<Place, String> {
    if is_track_url(answer) {
        return Err(format!("That address {TRACK_URL}"));
    }
    if answer.contains("://") {
        let url = reqwest::Url::parse(answer)
            .map_err(|e| format!("{answer:?} is not an address I can read ({e})"))?;
        let segments: Vec<&str> = url
            .path_segments()
            .map(Iterator::collect)
            .unwrap_or_default();
        let after = |name: &str| {
            segments
                .iter()
                .position(|s| *s == name)
                .and_then(|i| segments.get(i + 1))
                .and_then(|s| s.parse::<Id>().ok())
                .filter(|id| *id > 0)
        };
        let organization_id = after("organizations").ok_or(
            "the address has no /organizations/<id>/ in it; open the workspace in the \
             Focus web app and copy the address from there",
        )?;
        let host = url.host_str().unwrap_or_default();
        let port = url.port().map(|p| format!(":{p}")).unwrap_or_default();
        return Ok(Place {
            organization_id,
            workspace_id: after("workspaces"),
            base_url: Some(format!("{}://{host}{port}/api", url.scheme())),
        });
    }
    let mut parts = answer
        .split(|c: char| c == '/' || c == ',' || c.is_whitespace())
        .filter(|p| !p.is_empty());
    let organization_id = parse_id(parts.next().unwrap_or_default(), "organization id")?;
    let workspace_id = parts
        .next()
        .map(|w| parse_id(w, "workspace id"))
        .transpose()?;
    Ok(Place {
        organization_id,
        workspace_id,
        base_url: None,
    })
}

fn parse_id(text: &str, what: &str) -> Result<Id, String> {
    match text.trim().parse::<Id>() {
        Ok(id) if id > 0 => Ok(id),
        _ => Err(format!(
            "the {what} is a positive whole number, not {text:?}"
        )),
    }
}

/// One request (the first ghost of the workspace) that needs a valid key and access to
/// both ids, so a wrong key or a wrong id is found now and not at first use.
async fn check(config: ClientConfig) -> Result<(), ApiError> {
    let client = Client::new(config)?;
    let query = ListQuery {
        filter: GhostFilter::default(),
        page: 1,
        rows: 1,
    };
    client.list_ghosts(&query).await.map(|_| ())
}

fn explain(err: &ApiError) -> String {
    let advice = match err.status() {
        Some(401) => {
            "The API key was refused (401): it is wrong, has expired, or was revoked \
             (creating a new key in Focus revokes the old one). Create a key in Focus \
             settings and paste it."
        }
        Some(403) => {
            "The key works, but this organization or workspace is not yours (403). \
             Copy the address of a workspace you belong to and paste it."
        }
        Some(402) if err.as_status().is_some_and(|s| s.is_quota_exhausted()) => {
            let when = err
                .quota()
                .and_then(|q| q.resets_in)
                .map(|d| format!(" in {} min", d.as_secs().div_ceil(60)))
                .unwrap_or_else(|| " later".into());
            return format!(
                "{err}\nThe key and workspace may well be right, but the hourly request \
                 quota is used up, so they could not be checked. Run ghosts init again{when}."
            );
        }
        Some(_) => "The check failed; nothing was saved.",
        None => "Could not reach Focus; check the network (and HTTPS_PROXY if you use one).",
    };
    format!("{err}\n{advice}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pasted_address_gives_both_ids_and_the_api() {
        let place =
            parse_place("https://focus.toggl.com/organizations/123/workspaces/456/ghosts?x=1")
                .unwrap();
        assert_eq!(
            place,
            Place {
                organization_id: 123,
                workspace_id: Some(456),
                base_url: Some("https://focus.toggl.com/api".into()),
            }
        );
        let local = parse_place("http://127.0.0.1:8787/organizations/1/workspaces/2").unwrap();
        assert_eq!(local.base_url.as_deref(), Some("http://127.0.0.1:8787/api"));
    }

    #[test]
    fn typed_ids_are_accepted() {
        assert_eq!(parse_place("12 34").unwrap().workspace_id, Some(34));
        assert_eq!(parse_place("12/34").unwrap().organization_id, 12);
        assert_eq!(parse_place("12").unwrap().workspace_id, None);
        assert!(parse_place("twelve").is_err());
        assert!(parse_place("0").is_err());
    }

    #[test]
    fn track_addresses_and_odd_addresses_are_explained() {
        let err = parse_place("https://track.toggl.com/timer").unwrap_err();
        assert!(err.contains("Toggl Track"), "{err}");
        let err = parse_place("https://focus.toggl.com/settings").unwrap_err();
        assert!(err.contains("/organizations/"), "{err}");
    }
}
