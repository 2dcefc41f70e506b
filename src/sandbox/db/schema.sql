-- The sandbox's storage. Ids are global across workspaces, as in the live service.
CREATE TABLE workspaces (
    id INTEGER PRIMARY KEY,
    organization_id INTEGER NOT NULL,
    name TEXT NOT NULL
);
CREATE TABLE projects (
    id INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL,
    name TEXT NOT NULL,
    color TEXT NOT NULL,
    private INTEGER NOT NULL
);
CREATE INDEX projects_by_workspace ON projects (workspace_id, id);
CREATE TABLE tasks (
    id INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL,
    project_id INTEGER NOT NULL REFERENCES projects (id),
    name TEXT NOT NULL,
    color TEXT NOT NULL
);
CREATE INDEX tasks_by_workspace ON tasks (workspace_id, project_id, id);
CREATE TABLE teams (
    id INTEGER PRIMARY KEY,
    organization_id INTEGER NOT NULL,
    workspace_id INTEGER NOT NULL,
    name TEXT NOT NULL,
    emoji TEXT
);
CREATE INDEX teams_by_organization ON teams (organization_id, workspace_id, id);
CREATE TABLE members (
    id INTEGER PRIMARY KEY,
    organization_id INTEGER NOT NULL,
    user_account_id INTEGER NOT NULL UNIQUE,
    name TEXT NOT NULL,
    email TEXT NOT NULL
);
CREATE INDEX members_by_organization ON members (organization_id, id);
CREATE TABLE roles (
    role_id INTEGER PRIMARY KEY,
    organization_id INTEGER NOT NULL,
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    entity TEXT NOT NULL,
    type TEXT NOT NULL
);
CREATE TABLE ghosts (
    id INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL,
    name TEXT NOT NULL,
    -- Case-folded name: sorting and search compare this, so both work for any script.
    name_folded TEXT NOT NULL,
    description TEXT,
    user_id INTEGER,
    embodied_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
-- Lists walk these in either order without a sort and without touching the table
-- (deleted_at is always NULL in them; it is a column so that they cover the query).
CREATE INDEX ghosts_live_by_name ON ghosts
    (workspace_id, name_folded, id, embodied_at, deleted_at) WHERE deleted_at IS NULL;
CREATE INDEX ghosts_live_by_name_desc ON ghosts
    (workspace_id, name_folded DESC, id, embodied_at, deleted_at) WHERE deleted_at IS NULL;
-- Totals count from this small one.
CREATE INDEX ghosts_live_count ON ghosts
    (workspace_id, embodied_at, deleted_at) WHERE deleted_at IS NULL;
CREATE TABLE ghost_projects (
    ghost_id INTEGER NOT NULL,
    target_id INTEGER NOT NULL,
    PRIMARY KEY (ghost_id, target_id)
) WITHOUT ROWID;
CREATE INDEX ghost_projects_by_target ON ghost_projects (target_id, ghost_id);
CREATE TABLE ghost_tasks (
    ghost_id INTEGER NOT NULL,
    target_id INTEGER NOT NULL,
    PRIMARY KEY (ghost_id, target_id)
) WITHOUT ROWID;
CREATE INDEX ghost_tasks_by_target ON ghost_tasks (target_id, ghost_id);
CREATE TABLE ghost_teams (
    ghost_id INTEGER NOT NULL,
    target_id INTEGER NOT NULL,
    PRIMARY KEY (ghost_id, target_id)
) WITHOUT ROWID;
CREATE INDEX ghost_teams_by_target ON ghost_teams (target_id, ghost_id);
