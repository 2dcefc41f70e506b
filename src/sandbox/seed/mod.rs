//! Demo data that looks like a real agency's workspace, the same for the same seed.
//!
//! Organization 1 / workspace 1 is the demo user's; organization 2 / workspace 2 is a
//! smaller company whose data the demo user must never see.

mod vocabulary;

use rusqlite::{Connection, params};
use time::{Duration, OffsetDateTime};

use super::db::ghosts::{Assignments, GhostRow, insert_row, set_links};
use crate::api::time::format_timestamp;
use crate::api::{AssignAction, Id};
use vocabulary::*;

/// How much of everything one workspace gets.
struct Plan {
    organization_id: Id,
    workspace_id: Id,
    name: &'static str,
    projects: usize,
    tasks: usize,
    teams: usize,
    people: &'static [(&'static str, &'static str)],
    email_domain: &'static str,
    ghosts: usize,
}

/// Fills an empty store (schema already created) with demo data.
pub fn seed(
    conn: &Connection,
    ghosts: usize,
    seed: u64,
    now: OffsetDateTime,
) -> rusqlite::Result<()> {
    let mut rng = fastrand::Rng::with_seed(seed);
    let plans = [
        Plan {
            organization_id: 1,
            workspace_id: 1,
            name: "Demo agency",
            projects: 30,
            tasks: 120,
            teams: 8,
            people: &PEOPLE[..25],
            email_domain: "demo-agency.example",
            ghosts,
        },
        Plan {
            organization_id: 2,
            workspace_id: 2,
            name: "Another company",
            projects: 5,
            tasks: 12,
            teams: 2,
            people: &PEOPLE[25..],
            email_domain: "another.example",
            ghosts: 20,
        },
    ];
    for plan in &plans {
        seed_workspace(conn, plan, &mut rng, now)?;
    }
    Ok(())
}

/// What a workspace's ghosts can be assigned to and handed to.
struct Targets {
    projects: Vec<Id>,
    /// (task id, its project id)
    tasks: Vec<(Id, Id)>,
    teams: Vec<Id>,
    accounts: Vec<Id>,
}

fn seed_workspace(
    conn: &Connection,
    plan: &Plan,
    rng: &mut fastrand::Rng,
    now: OffsetDateTime,
) -> rusqlite::Result<()> {
    let (org, ws) = (plan.organization_id, plan.workspace_id);
    conn.execute(
        "INSERT INTO workspaces (id, organization_id, name) VALUES (?1, ?2, ?3)",
        params![ws, org, plan.name],
    )?;
    let mut targets = Targets {
        projects: Vec::new(),
        tasks: Vec::new(),
        teams: Vec::new(),
        accounts: Vec::new(),
    };
    for name in rng.choose_multiple(PROJECTS.iter(), plan.projects) {
        conn.execute(
            "INSERT INTO projects (workspace_id, name, color, private) VALUES (?1, ?2, ?3, ?4)",
            params![ws, name, color(rng), rng.u8(0..5) == 0],
        )?;
        targets.projects.push(conn.last_insert_rowid());
    }
    for _ in 0..plan.tasks {
        let project = pick(rng, &targets.projects);
        conn.execute(
            "INSERT INTO tasks (workspace_id, project_id, name, color) VALUES (?1, ?2, ?3, ?4)",
            params![ws, project, pick(rng, TASKS), color(rng)],
        )?;
        targets.tasks.push((conn.last_insert_rowid(), project));
    }
    for (name, emoji) in TEAMS.iter().take(plan.teams) {
        conn.execute(
            "INSERT INTO teams (organization_id, workspace_id, name, emoji) VALUES (?1, ?2, ?3, ?4)",
            params![org, ws, name, emoji],
        )?;
        targets.teams.push(conn.last_insert_rowid());
    }
    for (name, local) in plan.people {
        conn.execute(
            "INSERT INTO members (organization_id, user_account_id, name, email) \
             VALUES (?1, 0, ?2, ?3)",
            params![org, name, format!("{local}@{}", plan.email_domain)],
        )?;
        // Account ids differ from org-user ids, so mixing the two up is caught.
        let id = conn.last_insert_rowid();
        let account = 5100 + id * 7;
        conn.execute(
            "UPDATE members SET user_account_id = ?2 WHERE id = ?1",
            params![id, account],
        )?;
        targets.accounts.push(account);
    }
    for (code, name, entity, kind) in ROLES {
        conn.execute(
            "INSERT INTO roles (organization_id, code, name, entity, type) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![org, code, name, entity, kind],
        )?;
    }
    for _ in 0..plan.ghosts {
        seed_ghost(conn, ws, &targets, rng, now)?;
    }
    Ok(())
}

fn seed_ghost(
    conn: &Connection,
    workspace_id: Id,
    targets: &Targets,
    rng: &mut fastrand::Rng,
    now: OffsetDateTime,
) -> rusqlite::Result<()> {
    let name = ghost_name(rng);
    let description = description(rng);
    let year_ms = 365 * 24 * 3600 * 1000;
    let mut created = now - Duration::milliseconds(rng.i64(0..year_ms));
    if rng.bool() {
        created = created.replace_nanosecond(0).unwrap_or(created);
    }
    let mut updated = between(rng, created, now);
    let embodied = (rng.u8(0..100) < 8).then(|| between(rng, created, now));
    let deleted = (rng.u8(0..100) < 5).then(|| between(rng, created, now));
    for moment in embodied.iter().chain(deleted.iter()) {
        updated = updated.max(*moment);
    }
    let id = insert_row(
        conn,
        &GhostRow {
            workspace_id,
            name: &name,
            description: description.as_deref(),
            user_id: embodied.map(|_| pick(rng, &targets.accounts)),
            embodied_at: embodied.map(format_timestamp),
            created_at: format_timestamp(created),
            updated_at: format_timestamp(updated),
            deleted_at: deleted.map(format_timestamp),
        },
    )?;
    let projects = sample(rng, targets.projects.iter().copied(), [25, 40, 20]);
    // Tasks mostly come from the ghost's own projects, as planners assign them.
    let own_tasks: Vec<Id> = targets
        .tasks
        .iter()
        .filter(|(_, project)| projects.is_empty() || projects.contains(project))
        .map(|(task, _)| *task)
        .collect();
    let assignments = Assignments {
        tasks: Some(sample(rng, own_tasks, [40, 35, 15])),
        teams: Some(sample(rng, targets.teams.iter().copied(), [30, 50, 20])),
        projects: Some(projects),
    };
    set_links(conn, id, &assignments, AssignAction::Add)
}

/// "Senior designer", "QA engineer #4", "Backend developer (contract)"...
fn ghost_name(rng: &mut fastrand::Rng) -> String {
    let base = pick(rng, GHOST_ROLES);
    match rng.u8(0..100) {
        0..40 => base.to_string(),
        40..80 => format!("{base} #{}", rng.u8(1..=6)),
        _ => format!("{base}{}", pick(rng, SUFFIXES)),
    }
}

/// None, empty, one line, or a few paragraphs.
fn description(rng: &mut fastrand::Rng) -> Option<String> {
    match rng.u8(0..100) {
        0..20 => None,
        20..35 => Some(String::new()),
        35..90 => Some(pick(rng, SHORT_DESCRIPTIONS).to_string()),
        _ => {
            let amount = rng.usize(2..=4);
            let paragraphs = rng.choose_multiple(PARAGRAPHS.iter().copied(), amount);
            Some(paragraphs.join("\n\n"))
        }
    }
}

/// A few of `items`: none, one or two with the given percentages, else three to five.
fn sample(
    rng: &mut fastrand::Rng,
    items: impl IntoIterator<Item = Id>,
    weights: [u8; 3],
) -> Vec<Id> {
    let amount = count(rng, weights);
    rng.choose_multiple(items, amount)
}

fn count(rng: &mut fastrand::Rng, weights: [u8; 3]) -> usize {
    let roll = rng.u8(0..100);
    let mut bound = 0;
    for (n, weight) in weights.into_iter().enumerate() {
        bound += weight;
        if roll < bound {
            return n;
        }
    }
    rng.usize(3..=5)
}

fn between(rng: &mut fastrand::Rng, from: OffsetDateTime, to: OffsetDateTime) -> OffsetDateTime {
    let span = (to - from).whole_milliseconds().max(0);
    let span = i64::try_from(span).unwrap_or(i64::MAX);
    from + Duration::milliseconds(rng.i64(0..=span))
}

fn pick<T: Copy>(rng: &mut fastrand::Rng, items: &[T]) -> T {
    items[rng.usize(..items.len())]
}

fn color(rng: &mut fastrand::Rng) -> &'static str {
    pick(rng, COLORS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sandbox::db;
    use time::macros::datetime;

    const NOW: OffsetDateTime = datetime!(2026-12-01 12:00:00 UTC);

    /// Everything in the store, as text, in a fixed order.
    fn dump(conn: &Connection) -> Vec<String> {
        let mut lines = Vec::new();
        for table in [
            "workspaces",
            "projects",
            "tasks",
            "teams",
            "members",
            "roles",
            "ghosts",
            "ghost_projects",
            "ghost_tasks",
            "ghost_teams",
        ] {
            let mut statement = conn
                .prepare(&format!("SELECT * FROM {table} ORDER BY 1, 2"))
                .unwrap();
            let columns = statement.column_count();
            let mut rows = statement.query([]).unwrap();
            while let Some(row) = rows.next().unwrap() {
                let cells: Vec<String> = (0..columns)
                    .map(|i| format!("{:?}", row.get_ref(i).unwrap()))
                    .collect();
                lines.push(format!("{table}: {}", cells.join(" | ")));
            }
        }
        lines
    }

    #[test]
    fn same_seed_same_data_other_seed_other_data() {
        let a = dump(&db::open(None, 200, 7, NOW).unwrap());
        let b = dump(&db::open(None, 200, 7, NOW).unwrap());
        let c = dump(&db::open(None, 200, 8, NOW).unwrap());
        assert!(a.len() > 500);
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn looks_like_a_real_workspace() {
        let conn = db::open(None, 400, 1, NOW).unwrap();
        let number = |sql: &str| -> i64 { conn.query_row(sql, [], |row| row.get(0)).unwrap() };
        assert_eq!(
            number("SELECT count(*) FROM ghosts WHERE workspace_id = 1"),
            400
        );
        assert_eq!(
            number("SELECT count(*) FROM projects WHERE workspace_id = 1"),
            30
        );
        assert_eq!(
            number("SELECT count(*) FROM tasks WHERE workspace_id = 1"),
            120
        );
        assert_eq!(
            number("SELECT count(*) FROM members WHERE organization_id = 1"),
            25
        );
        assert!(number("SELECT count(*) FROM projects WHERE private") > 0);
        // Many equal names, so paging with ties is exercised.
        assert!(
            number("SELECT max(c) FROM (SELECT count(*) c FROM ghosts GROUP BY name_folded)") >= 5
        );
        assert!(number("SELECT count(*) FROM ghosts WHERE embodied_at IS NOT NULL") > 5);
        assert!(number("SELECT count(*) FROM ghosts WHERE deleted_at IS NOT NULL") > 5);
        assert!(number("SELECT count(*) FROM ghosts WHERE description IS NULL") > 5);
        assert!(number("SELECT count(*) FROM ghosts WHERE description = ''") > 5);
        assert!(number("SELECT count(*) FROM ghosts WHERE instr(description, char(10)) > 0") > 0);
        assert!(
            number(
                "SELECT count(*) FROM ghosts WHERE name <> name_folded AND name GLOB '*[^ -~]*'"
            ) > 0
        );
        assert_eq!(
            number(
                "SELECT count(*) FROM ghosts WHERE julianday(updated_at) < julianday(created_at)"
            ),
            0
        );
        assert_eq!(
            number(
                "SELECT count(*) FROM ghosts WHERE embodied_at IS NOT NULL \
                 AND user_id NOT IN (SELECT user_account_id FROM members)"
            ),
            0
        );
        assert!(
            number("SELECT max(n) FROM (SELECT count(*) n FROM ghost_projects GROUP BY ghost_id)")
                >= 3
        );
    }
}
