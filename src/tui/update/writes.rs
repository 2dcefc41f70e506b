//! Writes outlive their dialogs. A user may close a form or dialog while its request is
//! on the way, but the server still carries the request out; the list must then show
//! what the server did, not what the closed dialog last knew. So every write is tracked
//! from the effect that starts it to its answer, and an answer whose dialog is gone is
//! applied to the list here. That includes a write whose wait the user cancelled: the
//! task is aborted, but an answer already on its way is still the truth.

use crate::api::{ApiError, Ghost, Reply};

use super::super::app::{App, PendingWrite, WriteKind};
use super::super::msg::{Effect, ReqId};
use super::super::text::one_line;
use super::{error_text, list, toast};

/// Notes each write among `fx`, with the name the user knows the ghost by.
pub fn track(app: &mut App, fx: &[Effect]) {
    for effect in fx {
        let (req_id, kind, ghost_id, name) = match effect {
            Effect::CreateGhost { req_id, ghost } => {
                (*req_id, WriteKind::Create, None, Some(ghost.name.clone()))
            }
            Effect::UpdateGhost { req_id, id, patch } => {
                (*req_id, WriteKind::Update, Some(*id), patch.name.clone())
            }
            Effect::DeleteGhost { req_id, id } => (*req_id, WriteKind::Delete, Some(*id), None),
            Effect::BulkUpdate { req_id, patches } => {
                let name = format!("{} ghosts", patches.len());
                (*req_id, WriteKind::Update, None, Some(name))
            }
            Effect::EmbodyGhost { req_id, id, .. } => (*req_id, WriteKind::Embody, Some(*id), None),
            _ => continue,
        };
        let name = name
            .or_else(|| {
                ghost_id
                    .and_then(|id| app.list.ghosts.iter().find(|g| g.id == id))
                    .map(|g| g.name.clone())
            })
            .unwrap_or_else(|| ghost_id.map(|id| format!("#{id}")).unwrap_or_default());
        app.writes.insert(
            req_id,
            PendingWrite {
                kind,
                ghost_id,
                name: one_line(&name).into_owned(),
            },
        );
    }
}

/// Forgets the write `req_id` answers; what it was, if it was one.
pub fn take(app: &mut App, req_id: ReqId) -> Option<PendingWrite> {
    app.writes.remove(&req_id)
}

/// A create, update or embody answered after its dialog closed.
pub fn settle_ghost(
    app: &mut App,
    write: PendingWrite,
    result: Result<Reply<Ghost>, ApiError>,
    fx: &mut Vec<Effect>,
) {
    let ghost = match result {
        Ok(reply) => reply.data,
        Err(err) => return failed(app, &write, &err),
    };
    let name = one_line(&ghost.name).into_owned();
    let done = match write.kind {
        WriteKind::Create => {
            list::insert_ghost(app, ghost, fx);
            "created"
        }
        WriteKind::Embody if !app.filter.include_embodied => {
            list::remove_ghost(app, ghost.id, fx);
            "embodied"
        }
        WriteKind::Embody => {
            list::replace_ghost(app, ghost);
            "embodied"
        }
        WriteKind::Update | WriteKind::Delete => {
            list::replace_ghost(app, ghost);
            "saved"
        }
    };
    toast(
        app,
        format!(
            "“{name}” was {done} all the same: the server had the request before it was closed"
        ),
    );
}

/// A delete answered after its dialog closed. 404 means gone, which is gone all the same.
pub fn settle_delete(
    app: &mut App,
    write: PendingWrite,
    result: Result<Reply<()>, ApiError>,
    fx: &mut Vec<Effect>,
) {
    match result {
        Err(err) if err.status() != Some(404) => failed(app, &write, &err),
        _ => {
            if let Some(id) = write.ghost_id {
                app.marks.remove(id);
                list::remove_ghost(app, id, fx);
            }
            toast(
                app,
                format!(
                    "“{}” was deleted all the same: the server had the request before it was closed",
                    write.name
                ),
            );
        }
    }
}

fn failed(app: &mut App, write: &PendingWrite, err: &ApiError) {
    let what = match write.kind {
        WriteKind::Create => "Creating",
        WriteKind::Update => "Saving",
        WriteKind::Delete => "Deleting",
        WriteKind::Embody => "Embodying",
    };
    toast(
        app,
        format!("{what} “{}” failed: {}", write.name, error_text(err)),
    );
    app.status.last_error = Some(err.clone());
}
