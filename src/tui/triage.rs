//! The triage overview's data: open ghosts counted per project and per team over every
//! page of the workspace, and the oldest few; and the run that counts them, one page
//! at a time. Only counts and the oldest are kept, never the ghosts themselves.

use std::collections::{HashMap, HashSet};

use time::OffsetDateTime;

use crate::api::time::parse_timestamp;
use crate::api::{Ghost, Id};

use super::msg::ReqId;

/// How many of the oldest open ghosts are kept.
pub const OLDEST: usize = 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Section {
    #[default]
    Projects,
    Teams,
    Oldest,
}

pub const SECTIONS: [Section; 3] = [Section::Projects, Section::Teams, Section::Oldest];

impl Section {
    fn index(self) -> usize {
        match self {
            Section::Projects => 0,
            Section::Teams => 1,
            Section::Oldest => 2,
        }
    }
}

/// One count: `id` `None` is the ghosts with no project (or no team).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountRow {
    pub id: Option<Id>,
    pub count: u64,
    /// The project's name and color as the ghosts carry them, for when the look-up
    /// has not loaded (teams come as bare ids).
    pub name: Option<String>,
    pub color: Option<String>,
}

/// One of the oldest open ghosts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OldGhost {
    pub id: Id,
    pub name: String,
    pub created: OffsetDateTime,
}

/// A finished count.
#[derive(Debug, Clone, PartialEq)]
pub struct Overview {
    /// Open ghosts counted (each once, whatever its projects).
    pub ghosts: u64,
    /// By count, most first.
    pub projects: Vec<CountRow>,
    pub teams: Vec<CountRow>,
    /// Oldest first.
    pub oldest: Vec<OldGhost>,
    /// Ghosts whose creation time could not be read (left out of the oldest).
    pub undated: u64,
    /// When the count ended.
    pub at: OffsetDateTime,
    /// Pages it took.
    pub pages: u32,
}

/// Counts so far. `seen` lives only while counting: pages may shift while ghosts
/// change, so a ghost met twice counts once.
#[derive(Debug, Clone, Default)]
pub struct Tally {
    pub ghosts: u64,
    projects: HashMap<Option<Id>, CountRow>,
    teams: HashMap<Option<Id>, CountRow>,
    oldest: Vec<OldGhost>,
    undated: u64,
    seen: HashSet<Id>,
}

fn bump(
    rows: &mut HashMap<Option<Id>, CountRow>,
    id: Option<Id>,
    name: Option<&str>,
    color: Option<&str>,
) {
    let row = rows.entry(id).or_insert_with(|| CountRow {
        id,
        count: 0,
        name: name.map(str::to_string),
        color: color.map(str::to_string),
    });
    row.count = row.count.saturating_add(1);
}

impl Tally {
    /// Counts `ghost` unless it was counted already or is embodied.
    pub fn add(&mut self, ghost: &Ghost) {
        if ghost.is_embodied() || !self.seen.insert(ghost.id) {
            return;
        }
        self.ghosts = self.ghosts.saturating_add(1);
        let mut projects: Vec<_> = ghost.assigned.projects.iter().collect();
        projects.sort_by_key(|p| p.id);
        projects.dedup_by_key(|p| p.id);
        for p in &projects {
            bump(
                &mut self.projects,
                Some(p.id),
                Some(&p.name),
                p.color.as_deref(),
            );
        }
        if projects.is_empty() {
            bump(&mut self.projects, None, None, None);
        }
        let mut teams = ghost.assigned.team_ids.clone();
        teams.sort_unstable();
        teams.dedup();
        for &id in &teams {
            bump(&mut self.teams, Some(id), None, None);
        }
        if teams.is_empty() {
            bump(&mut self.teams, None, None, None);
        }
        match ghost.created_at.as_deref().and_then(parse_timestamp) {
            Some(created) => self.keep_if_old(OldGhost {
                id: ghost.id,
                name: ghost.name.clone(),
                created,
            }),
            None => self.undated = self.undated.saturating_add(1),
        }
    }

    /// Keeps the [`OLDEST`] oldest, oldest first (ties by id).
    fn keep_if_old(&mut self, ghost: OldGhost) {
        let key = |g: &OldGhost| (g.created, g.id);
        let at = self.oldest.partition_point(|g| key(g) < key(&ghost));
        if at < OLDEST {
            self.oldest.insert(at, ghost);
            self.oldest.truncate(OLDEST);
        }
    }

    pub fn finish(self, at: OffsetDateTime, pages: u32) -> Overview {
        Overview {
            ghosts: self.ghosts,
            projects: sorted(self.projects),
            teams: sorted(self.teams),
            oldest: self.oldest,
            undated: self.undated,
            at,
            pages,
        }
    }
}

/// Most first; "no project" after the named ones of its count, then by id.
fn sorted(rows: HashMap<Option<Id>, CountRow>) -> Vec<CountRow> {
    let mut rows: Vec<CountRow> = rows.into_values().collect();
    rows.sort_by_key(|r| (std::cmp::Reverse(r.count), r.id.is_none(), r.id));
    rows
}

/// Where a run stands.
#[derive(Debug, Clone, PartialEq)]
pub enum RunState {
    /// The page `Run::page` is asked for (or waits for the user's go-ahead).
    Waiting(ReqId),
    /// The page `Run::page` failed, or was never sent: why. `r` resumes from it.
    Failed(String),
}

/// A count on its way.
#[derive(Debug, Clone)]
pub struct Run {
    pub tally: Tally,
    /// The page asked for, or to ask for next.
    pub page: u32,
    /// The total the latest page told; `None` before the first answer.
    pub total: Option<u64>,
    /// The total the app knew before asking, for the progress until page 1 answers.
    pub estimate: Option<u64>,
    /// Entries per page as the server really pages.
    pub page_rows: u64,
    pub state: RunState,
    /// The user agreed to every page: the total was known, or page 2 has answered.
    /// Until then only page 1 was agreed to, and the rest is asked for (again, if
    /// declined and resumed) once page 1 tells the total.
    pub asked_all: bool,
}

impl Run {
    /// Pages in all, as far as known (at least the page reached).
    pub fn pages(&self) -> Option<u32> {
        let total = self.total.or(self.estimate)?;
        let pages = u32::try_from(total.div_ceil(self.page_rows.max(1))).unwrap_or(u32::MAX);
        Some(pages.max(self.page))
    }
}

/// The overview: the latest finished count, kept until the user counts again, the
/// run under way, and where the cursor is.
#[derive(Debug, Clone, Default)]
pub struct Triage {
    pub result: Option<Overview>,
    pub run: Option<Run>,
    pub section: Section,
    /// The cursor in each section.
    pub cursors: [usize; 3],
}

impl Triage {
    pub fn cursor(&self) -> usize {
        self.cursors[self.section.index()]
    }

    pub fn set_cursor(&mut self, at: usize) {
        let len = self.rows(self.section);
        self.cursors[self.section.index()] = at.min(len.saturating_sub(1));
    }

    /// Rows in `section` of the result.
    pub fn rows(&self, section: Section) -> usize {
        self.result.as_ref().map_or(0, |r| match section {
            Section::Projects => r.projects.len(),
            Section::Teams => r.teams.len(),
            Section::Oldest => r.oldest.len(),
        })
    }

    pub fn waits_for(&self, req: ReqId) -> bool {
        self.run
            .as_ref()
            .is_some_and(|r| r.state == RunState::Waiting(req))
    }
}
