//! Single-ghost endpoints: create, get, update (with assign_action), delete, embody.

use ghosts::api::time::parse_timestamp;
use ghosts::api::{AssignAction, EmbodyRequest, GhostFilter, GhostPatch, ListQuery, NewGhost};
use reqwest::Method;
use serde_json::json;

use crate::common::*;

#[tokio::test]
async fn create_answers_201_with_the_trimmed_name_and_assignments() {
    let sandbox = sandbox(0).await;
    let client = client(&sandbox);
    let projects = client.all_projects().await.unwrap().data;
    let tasks = client.all_tasks().await.unwrap().data;
    let teams = client.all_teams().await.unwrap().data;
    let ghost = create(
        &client,
        NewGhost {
            name: "  Senior designer #2 \n".into(),
            description: Some("Covers the Q3 rebrand".into()),
            assign_projects: Some(vec![projects[3].id, projects[1].id, projects[3].id]),
            assign_tasks: Some(vec![tasks[0].id]),
            assign_teams: Some(vec![teams[2].id]),
        },
    )
    .await;
    assert_eq!(last_status(&sandbox), 201);
    assert_eq!(ghost.name, "Senior designer #2");
    assert_eq!(ghost.description.as_deref(), Some("Covers the Q3 rebrand"));
    let mut expected = vec![projects[1].id, projects[3].id];
    expected.sort();
    assert_eq!(
        ghost
            .assigned
            .projects
            .iter()
            .map(|p| p.id)
            .collect::<Vec<_>>(),
        expected
    );
    assert_eq!(ghost.assigned.projects[0].name, projects[1].name);
    assert_eq!(ghost.assigned.projects[0].color, projects[1].color);
    assert_eq!(ghost.assigned.tasks[0].id, tasks[0].id);
    assert_eq!(ghost.assigned.tasks[0].name, tasks[0].name);
    assert_eq!(ghost.assigned.team_ids, vec![teams[2].id]);
    assert_eq!((ghost.user_id, ghost.embodied_at.as_ref()), (None, None));
    assert_eq!(ghost.deleted_at, None);
    let created = parse_timestamp(ghost.created_at.as_deref().unwrap()).unwrap();
    assert!(created >= NOW);
    assert_eq!(ghost.created_at, ghost.updated_at);
    // And it reads back the same.
    assert_eq!(client.get_ghost(ghost.id).await.unwrap().data, ghost);
}

#[tokio::test]
async fn create_refuses_bad_names_and_unknown_ids_and_creates_nothing() {
    let sandbox = sandbox(10).await;
    let client = client(&sandbox);
    let other_workspace_project = other_workspace_project(&sandbox).await;
    let before = live_total(&sandbox).await;
    let cases = [
        (named("   "), "name"),
        (named(&"x".repeat(256)), "name"),
        (
            NewGhost {
                assign_projects: Some(vec![other_workspace_project]),
                ..named("Designer")
            },
            "assign_projects",
        ),
        (
            NewGhost {
                assign_tasks: Some(vec![999_999]),
                ..named("Designer")
            },
            "assign_tasks",
        ),
        (
            NewGhost {
                assign_teams: Some(vec![999_999]),
                ..named("Designer")
            },
            "assign_teams",
        ),
    ];
    for (ghost, field) in cases {
        let err = status_of(client.create_ghost(&ghost).await.unwrap_err());
        assert_eq!(err.status, 400, "{field}");
        let body = err.body.unwrap();
        assert_eq!(body.error_values.unwrap()["field"], field);
        assert!(body.trace_id.is_some());
    }
    // 255 characters (not bytes) is fine.
    let longest = create(&client, named(&"デ".repeat(255))).await;
    assert_eq!(longest.name.chars().count(), 255);
    assert_eq!(live_total(&sandbox).await, before + 1);
    // Only `name` is required; a missing one is a 400 too.
    let (status, body) = send_json(Method::POST, &ws_url(&sandbox, "/ghosts"), "{}").await;
    assert_eq!(status, 400);
    assert_error_body(&body);
}

/// A project of workspace 2, read with its owner's key.
async fn other_workspace_project(sandbox: &ghosts::sandbox::Sandbox) -> i64 {
    let url = format!(
        "{}/organizations/2/workspaces/2/projects",
        sandbox.base_url()
    );
    let response = raw()
        .get(url)
        .bearer_auth("toggl_sk_fedcba9876543210fedcba9876543210")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let body: serde_json::Value = response.json().await.unwrap();
    body["data"][0]["id"].as_i64().unwrap()
}

/// How many live ghosts (embodied or not) workspace 1 has.
async fn live_total(sandbox: &ghosts::sandbox::Sandbox) -> u64 {
    let (status, body) = get_json(&ws_url(sandbox, "/ghosts?include_embodied=true&rows=1")).await;
    assert_eq!(status, 200);
    body["total"].as_u64().unwrap()
}

#[tokio::test]
async fn get_answers_404_for_missing_deleted_and_other_workspace_ghosts() {
    let sandbox = sandbox(5).await;
    let client = client(&sandbox);
    let ghost = create(&client, named("Tester")).await;
    assert_eq!(
        client.get_ghost(ghost.id).await.unwrap().data.name,
        "Tester"
    );
    assert_eq!(last_status(&sandbox), 200);
    let other = other_workspace_ghost(&sandbox).await;
    for id in [999_999, other] {
        let err = status_of(client.get_ghost(id).await.unwrap_err());
        assert_eq!(err.status, 404, "{id}");
        assert_eq!(err.body.unwrap().error, "not_found");
    }
    client.delete_ghost(ghost.id).await.unwrap();
    assert_eq!(last_status(&sandbox), 204);
    assert_eq!(
        status_of(client.get_ghost(ghost.id).await.unwrap_err()).status,
        404
    );
    let (status, body) = get_json(&ws_url(&sandbox, "/ghosts/not-a-number")).await;
    assert_eq!(status, 404);
    assert_error_body(&body);
}

async fn other_workspace_ghost(sandbox: &ghosts::sandbox::Sandbox) -> i64 {
    let url = format!("{}/organizations/2/workspaces/2/ghosts", sandbox.base_url());
    let response = raw()
        .get(url)
        .bearer_auth("toggl_sk_fedcba9876543210fedcba9876543210")
        .send()
        .await
        .unwrap();
    let body: serde_json::Value = response.json().await.unwrap();
    body["data"][0]["id"].as_i64().unwrap()
}

#[tokio::test]
async fn delete_is_soft_answers_204_then_404_and_the_ghost_leaves_lists() {
    let sandbox = sandbox(0).await;
    let client = client(&sandbox);
    let keep = create(&client, named("Keep")).await;
    let gone = create(&client, named("Gone")).await;
    let reply = client.delete_ghost(gone.id).await.unwrap();
    assert_eq!(last_status(&sandbox), 204);
    assert!(reply.quota.remaining.is_some());
    let err = status_of(client.delete_ghost(gone.id).await.unwrap_err());
    assert_eq!(err.status, 404);
    let everything = GhostFilter {
        include_embodied: true,
        ..GhostFilter::default()
    };
    let (listed, total) = all_pages(&client, &everything, 50).await;
    assert_eq!((ids(&listed), total), (vec![keep.id], 1));
    // Asking for it by id does not bring it back either.
    let by_id = GhostFilter {
        ghost_ids: vec![gone.id],
        ..everything
    };
    assert_eq!(all_pages(&client, &by_id, 50).await.1, 0);
    // Nor can it be updated.
    let patch = GhostPatch {
        name: Some("Back".into()),
        ..GhostPatch::default()
    };
    assert_eq!(
        status_of(client.update_ghost(gone.id, &patch).await.unwrap_err()).status,
        404
    );
}

#[tokio::test]
async fn update_changes_what_is_given_and_moves_updated_at_on() {
    let sandbox = sandbox(0).await;
    let client = client(&sandbox);
    let ghost = create(
        &client,
        NewGhost {
            description: Some("before".into()),
            ..named("Designer")
        },
    )
    .await;
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    let patch = GhostPatch {
        id: Some(ghost.id),
        name: Some("  Lead designer ".into()),
        ..GhostPatch::default()
    };
    let updated = client.update_ghost(ghost.id, &patch).await.unwrap().data;
    assert_eq!(last_status(&sandbox), 200);
    assert_eq!(updated.name, "Lead designer");
    assert_eq!(updated.description.as_deref(), Some("before"));
    assert_eq!(updated.created_at, ghost.created_at);
    let before = parse_timestamp(ghost.updated_at.as_deref().unwrap()).unwrap();
    let after = parse_timestamp(updated.updated_at.as_deref().unwrap()).unwrap();
    assert!(after > before, "{before} -> {after}");
    let cleared = GhostPatch {
        description: Some(String::new()),
        ..GhostPatch::default()
    };
    let updated = client.update_ghost(ghost.id, &cleared).await.unwrap().data;
    assert_eq!(updated.description.as_deref(), Some(""));
    assert_eq!(updated.name, "Lead designer");

    let url = ws_url(&sandbox, &format!("/ghosts/{}", ghost.id));
    for body in [
        "{}".to_string(),
        format!(r#"{{"id": {}}}"#, ghost.id),
        r#"{"assign_action": "add"}"#.to_string(),
        format!(r#"{{"id": {}, "name": "X"}}"#, ghost.id + 1),
        r#"{"name": ""}"#.to_string(),
        r#"{"name": 5}"#.to_string(),
        r#"[{"name": "X"}]"#.to_string(),
    ] {
        let (status, error) = send_json(Method::PATCH, &url, &body).await;
        assert_eq!(status, 400, "{body}");
        assert_error_body(&error);
    }
    let (_, body) = send_json(
        Method::PATCH,
        &url,
        &format!(r#"{{"id": {}, "name": "X"}}"#, ghost.id + 1),
    )
    .await;
    assert_eq!(body["error_values"]["field"], "id");
    // None of those changed anything.
    assert_eq!(
        client.get_ghost(ghost.id).await.unwrap().data.name,
        "Lead designer"
    );
    let missing = client.update_ghost(999_999, &cleared).await.unwrap_err();
    assert_eq!(status_of(missing).status, 404);
}

#[tokio::test]
async fn assign_action_replaces_adds_and_removes_and_refuses_anything_else() {
    let sandbox = sandbox(0).await;
    let client = client(&sandbox);
    let LookupIds {
        projects: p, teams, ..
    } = lookup_ids(&client).await;
    let ghost = create(
        &client,
        NewGhost {
            assign_projects: Some(vec![p[0], p[1]]),
            assign_teams: Some(vec![teams[0]]),
            ..named("Planner")
        },
    )
    .await;
    let projects_of =
        |g: &ghosts::api::Ghost| g.assigned.projects.iter().map(|p| p.id).collect::<Vec<_>>();
    let update = |action: Option<AssignAction>, projects: Vec<i64>| GhostPatch {
        assign_projects: Some(projects),
        assign_action: action,
        ..GhostPatch::default()
    };
    let g = client
        .update_ghost(ghost.id, &update(Some(AssignAction::Add), vec![p[1], p[2]]))
        .await
        .unwrap()
        .data;
    assert_eq!(projects_of(&g), vec![p[0], p[1], p[2]]);
    // Lists that are absent are left alone.
    assert_eq!(g.assigned.team_ids, vec![teams[0]]);
    let g = client
        .update_ghost(
            ghost.id,
            &update(Some(AssignAction::Remove), vec![p[0], p[2]]),
        )
        .await
        .unwrap()
        .data;
    assert_eq!(projects_of(&g), vec![p[1]]);
    let g = client
        .update_ghost(
            ghost.id,
            &update(Some(AssignAction::Replace), vec![p[3], p[4]]),
        )
        .await
        .unwrap()
        .data;
    assert_eq!(projects_of(&g), vec![p[3], p[4]]);
    let g = client
        .update_ghost(ghost.id, &update(Some(AssignAction::Replace), vec![]))
        .await
        .unwrap()
        .data;
    assert!(g.assigned.projects.is_empty());
    assert_eq!(g.assigned.team_ids, vec![teams[0]]);

    // Absent means replace (sent raw: the client always sends the action).
    let url = ws_url(&sandbox, &format!("/ghosts/{}", ghost.id));
    let body = json!({"assign_teams": [teams[1], teams[2]]}).to_string();
    let (status, answer) = send_json(Method::PATCH, &url, &body).await;
    assert_eq!(status, 200);
    assert_eq!(answer["assigned"]["team_ids"], json!([teams[1], teams[2]]));

    for action in [json!("merge"), json!("REPLACE"), json!(1)] {
        let body = json!({"assign_projects": [p[0]], "assign_action": action}).to_string();
        let (status, error) = send_json(Method::PATCH, &url, &body).await;
        assert_eq!(status, 400, "{action}");
        assert_eq!(assert_error_body(&error)["field"], "assign_action");
    }
    // An unknown id in any action is a 400 and changes nothing.
    let err = client
        .update_ghost(
            ghost.id,
            &update(Some(AssignAction::Add), vec![p[0], 999_999]),
        )
        .await
        .unwrap_err();
    let err = status_of(err);
    assert_eq!(err.status, 400);
    assert_eq!(err.body.unwrap().error_values.unwrap()["id"], 999_999);
    assert!(
        client
            .get_ghost(ghost.id)
            .await
            .unwrap()
            .data
            .assigned
            .projects
            .is_empty()
    );
}

#[tokio::test]
async fn embody_hands_the_ghost_over_once_then_answers_409() {
    let sandbox = sandbox(0).await;
    let client = client(&sandbox);
    let members = client.all_members().await.unwrap().data;
    let roles = client.list_roles().await.unwrap().data;
    let ghost = create(&client, named("Future hire")).await;
    let member = &members[3];
    let request = EmbodyRequest {
        recipient_org_user_id: member.id,
        recipient_user_account_id: member.user_account_id,
        role_id: roles[1].role_id,
    };
    let refusals = [
        (
            EmbodyRequest {
                recipient_org_user_id: 999_999,
                ..request
            },
            "recipient_org_user_id",
        ),
        (
            EmbodyRequest {
                recipient_user_account_id: members[4].user_account_id,
                ..request
            },
            "recipient_user_account_id",
        ),
        (
            EmbodyRequest {
                role_id: 999_999,
                ..request
            },
            "role_id",
        ),
        (
            EmbodyRequest {
                role_id: 0,
                ..request
            },
            "role_id",
        ),
    ];
    for (bad, field) in refusals {
        let err = status_of(client.embody_ghost(ghost.id, &bad).await.unwrap_err());
        assert_eq!(err.status, 400, "{field}");
        assert_eq!(err.body.unwrap().error_values.unwrap()["field"], field);
    }
    let url = ws_url(&sandbox, &format!("/ghosts/{}/embody", ghost.id));
    let (status, _) = send_json(Method::PATCH, &url, r#"{"recipient_org_user_id": 1}"#).await;
    assert_eq!(status, 400);

    let embodied = client.embody_ghost(ghost.id, &request).await.unwrap().data;
    assert_eq!(last_status(&sandbox), 200);
    assert_eq!(embodied.user_id, Some(member.user_account_id));
    assert!(parse_timestamp(embodied.embodied_at.as_deref().unwrap()).is_some());
    let again = status_of(client.embody_ghost(ghost.id, &request).await.unwrap_err());
    assert_eq!(again.status, 409);
    assert_eq!(again.body.unwrap().error, "conflict");
    let missing = status_of(client.embody_ghost(999_999, &request).await.unwrap_err());
    assert_eq!(missing.status, 404);

    // Embodied ghosts are listed only when asked for.
    let query = |include_embodied| ListQuery {
        filter: GhostFilter {
            include_embodied,
            ..GhostFilter::default()
        },
        page: 1,
        rows: 50,
    };
    assert_eq!(
        client.list_ghosts(&query(false)).await.unwrap().data.total,
        0
    );
    let page = client.list_ghosts(&query(true)).await.unwrap().data;
    assert_eq!(ids(&page.data), vec![ghost.id]);
}
